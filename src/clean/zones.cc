#include "clean/zones.h"

#include <cstdint>

namespace newsclean {

namespace {
constexpr std::uint32_t kProseWords = 20;

bool is_closer(const std::string& t, std::size_t& end) {
  // Steps back over one closing quote or bracket, ASCII or typographic.
  if (end == 0) return false;
  const char c = t[end - 1];
  if (c == '"' || c == '\'' || c == ')' || c == ']') {
    --end;
    return true;
  }
  if (end >= 3 && static_cast<unsigned char>(t[end - 3]) == 0xE2 && static_cast<unsigned char>(t[end - 2]) == 0x80) {
    const auto last = static_cast<unsigned char>(t[end - 1]);
    if (last == 0x99 || last == 0x9D || last == 0xBA) {  // ’ ” ›
      end -= 3;
      return true;
    }
  }
  if (end >= 2 && static_cast<unsigned char>(t[end - 2]) == 0xC2 && static_cast<unsigned char>(t[end - 1]) == 0xBB) {
    end -= 2;  // »
    return true;
  }
  return false;
}
}  // namespace

bool ends_like_sentence(const std::string& t) {
  std::size_t end = t.size();
  while (is_closer(t, end)) {
  }
  if (end == 0) return false;
  const char c = t[end - 1];
  if (c == '.' || c == '!' || c == '?' || c == ':') return true;
  // … (U+2026) and the full-width 。！？ of CJK text
  if (end >= 3) {
    const std::string_view tail(t.data() + end - 3, 3);
    if (tail == "\xE2\x80\xA6" || tail == "\xE3\x80\x82" || tail == "\xEF\xBC\x81" || tail == "\xEF\xBC\x9F") return true;
  }
  return false;
}

bool is_prose(const Block& b) {
  return b.words >= kProseWords && b.kind != BlockKind::Heading && ends_like_sentence(b.text);
}

namespace {
constexpr std::uint32_t kClosingSentenceWords = 4;
constexpr std::size_t kMaxClosingBlocks = 3;

bool closing_sentence(const Block& b) {
  if (b.words < kClosingSentenceWords || b.kind == BlockKind::Heading || !ends_like_sentence(b.text)) return false;
  // A label ending in ':' opens something; it does not close the article.
  std::size_t end = b.text.size();
  while (end > 0 && (b.text[end - 1] == ' ')) --end;
  return end > 0 && b.text[end - 1] != ':';
}
}  // namespace

bool article_prose_follows(const std::vector<Block>& blocks, std::size_t marker, const std::vector<char>& gone) {
  std::size_t kept = 0, sentences = 0;
  for (std::size_t k = marker + 1; k < blocks.size(); ++k) {
    if (gone[k]) continue;
    if (++kept > kMaxClosingBlocks) return false;
    if (closing_sentence(blocks[k])) ++sentences;
  }
  return sentences > 0 && kept - sentences <= 1;
}

std::vector<Zone> compute_zones(const std::vector<Block>& blocks) {
  std::vector<Zone> zones(blocks.size(), Zone::Body);
  std::size_t first = blocks.size(), last = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (is_prose(blocks[i])) {
      if (first == blocks.size()) first = i;
      last = i;
    }
  }
  if (first == blocks.size()) return zones;
  for (std::size_t i = 0; i < first; ++i) zones[i] = Zone::Head;
  for (std::size_t i = last + 1; i < blocks.size(); ++i) zones[i] = Zone::Tail;
  return zones;
}

}  // namespace newsclean
