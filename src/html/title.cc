#include "html/title.h"

#include <algorithm>
#include <cstring>

#include "util/utf8.h"

namespace newsclean::html {

namespace {

// Letters, digits and every non-ASCII byte, lowercased; character references
// left out: what two renderings of one title have in common. Written into
// `out`; false, with `out` unfinished, as soon as it is longer than `limit`
// (a block too long to be the title need not be read to its end).
bool loose_text_into(std::string_view t, std::string& out, std::size_t limit) {
  out.clear();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (out.size() > limit) return false;
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == '&') {
      const std::size_t semi = t.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        i = semi;
        continue;
      }
    }
    // Quotes, dashes, guillemets and the like differ between renderings.
    if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
      i += 2;
      continue;
    }
    if (c == 0xC2 && i + 1 < t.size()) {
      ++i;
      continue;
    }
    if (is_ascii_alpha(c) || is_ascii_digit(c)) out += ascii_lower(static_cast<char>(c));
    else if (c >= 0x80) out += static_cast<char>(c);
  }
  return out.size() <= limit;
}

std::string loose_text(std::string_view t) {
  std::string out;
  loose_text_into(t, out, std::string::npos);
  return out;
}

// The parts of a title between the separators sites put between the
// article's title and their name: "Site Name: Post title", "Post | Site".
std::vector<std::string> title_segments(const std::string& title) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t i = 0; i < title.size(); ++i) {
    std::size_t len = 0;
    for (const char* sep : {" - ", " | ", " :: ", ": ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xBB ", " \xC2\xAB ",
                            " \xC2\xB7 ", " / "})
      if (title.compare(i, std::strlen(sep), sep) == 0) len = std::strlen(sep);
    if (len == 0) continue;
    out.push_back(title.substr(from, i - from));
    from = i + len;
    i += len - 1;
  }
  if (!out.empty()) out.push_back(title.substr(from));
  return out;
}

}  // namespace

int title_block(const std::vector<Block>& blocks, const std::vector<int>& owner, const std::vector<Node>& nodes,
                const std::vector<int>& boiler_anc, const std::vector<std::string>& titles, bool* part_only) {
  *part_only = false;
  std::vector<std::string> loose_titles, loose_segments;
  for (const auto& t : titles) {
    std::string l = loose_text(t);
    if (l.size() >= 8) loose_titles.push_back(std::move(l));
    for (const auto& seg : title_segments(t)) {
      std::string ls = loose_text(seg);
      if (ls.size() >= 6) loose_segments.push_back(std::move(ls));
    }
  }
  if (loose_titles.empty()) return -1;
  // The longest a block's loose text can be and still match: a title it
  // holds must make 60% of it.
  std::size_t limit = 0;
  for (const auto& lt : loose_titles) limit = std::max(limit, lt.size() * 10 / 6 + 1);
  // Whole-title matches, the best first; and blocks that repeat a part of
  // the title, with where that part starts in it.
  int whole = -1, whole_q = 0;
  int first_part = -1, second_part = -1;
  std::size_t first_at = 0, first_len = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.kind == BlockKind::ListItem || b.kind == BlockKind::Caption || b.kind == BlockKind::TableRow) continue;
    if (b.words > 40 || nodes[owner[i]].hidden || boiler_anc[owner[i]] >= 0) continue;
    thread_local std::string lb;
    if (!loose_text_into(b.text, lb, limit) || lb.size() < 8) continue;
    int q = 0;
    std::size_t part_at = std::string::npos;
    for (const auto& lt : loose_titles) {
      if (lb == lt) q = std::max(q, 3);
      else if (lb.find(lt) != std::string::npos && lt.size() * 10 >= lb.size() * 6) q = std::max(q, 1);
      else if (part_at == std::string::npos && lt.find(lb) != std::string::npos &&
               (lb.size() * 10 >= lt.size() * 4 ||
                std::find(loose_segments.begin(), loose_segments.end(), lb) != loose_segments.end()))
        part_at = lt.find(lb);
    }
    if (q > 0) {
      q = q * 2 + (b.kind == BlockKind::Heading);
      if (q > whole_q) {
        whole_q = q;
        whole = static_cast<int>(i);
      }
      continue;
    }
    if (part_at == std::string::npos) continue;
    if (first_part < 0) {
      first_part = static_cast<int>(i);
      first_at = part_at;
      first_len = lb.size();
    } else if (second_part < 0 && (part_at >= first_at + first_len || part_at + lb.size() <= first_at)) {
      second_part = static_cast<int>(i);
    }
  }
  if (whole >= 0) return whole;
  *part_only = first_part >= 0;
  return second_part >= 0 ? second_part : first_part;
}

}  // namespace newsclean::html
