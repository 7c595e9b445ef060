#include "clean/page/lines.h"

#include <algorithm>

#include "clean/page/boilerplate.h"
#include "clean/zones.h"
#include "text/lang.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// Menu items are a few words.
constexpr std::uint32_t kMenuMaxWords = 4;
constexpr std::uint32_t kMenuMaxChars = 40;
// A repeated line is a label ("Reply", "Report this comment") up to this long.
constexpr std::uint32_t kRepeatedMaxWords = 6;
// Under this many characters a line is too short to judge on its own.
constexpr std::uint32_t kShortChars = 70;
// A short line of this many words that ends like a sentence is near-good.
constexpr std::uint32_t kShortSentenceWords = 4;
// Long enough to be good on its own with enough function words.
constexpr std::uint32_t kLongChars = 140;
// Function-word shares: running prose has many, lists and teasers few.
constexpr double kGoodStopShare = 0.30;
constexpr double kNearGoodStopShare = 0.20;

std::uint64_t lowercase_hash(std::string_view t) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (char c : t) h = (h ^ static_cast<unsigned char>(ascii_lower(c))) * 1099511628211ULL;
  return h;
}

// Code points of CJK scripts (U+2E80-U+9FFF, U+AC00-U+D7AF, U+F900-U+FAFF,
// U+FF00-U+FFEF): their lead bytes are E2 BA.. to ED 9E.., EF A4.. and up.
// A rough count is enough: it tells text written without spaces.
std::uint32_t unspaced_chars(std::string_view t, bool* sentence_punct) {
  std::uint32_t n = 0;
  *sentence_punct = false;
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0xE3 || c > 0xED) {
      if (c == 0xEF && static_cast<unsigned char>(t[i + 1]) == 0xBC) {
        const auto d = static_cast<unsigned char>(t[i + 2]);
        if (d == 0x8C || d == 0x81 || d == 0x9F || d == 0x9B) *sentence_punct = true;  // ，！？；
      }
      continue;
    }
    if (c == 0xE3 && static_cast<unsigned char>(t[i + 1]) == 0x80) {
      const auto d = static_cast<unsigned char>(t[i + 2]);
      if (d == 0x82 || d == 0x81) *sentence_punct = true;  // 。、
    }
    ++n;
    i += 2;
  }
  return n;
}

LineClass classify_alone(const Block& b, const std::string& text, std::uint32_t words, std::uint32_t chars) {
  if (chars < kShortChars) {
    // A short sentence (a step of a recipe, a line of a Q&A) says more than
    // a label: it stands as near-good, lost only between two bad lines.
    if (words >= kShortSentenceWords && ends_like_sentence(text) && text.back() != ':') return LineClass::NearGood;
    return LineClass::Short;
  }
  bool punct = false;
  const std::uint32_t unspaced = unspaced_chars(text, &punct);
  if (unspaced * 2 > chars) {  // CJK: no function words to count, but sentence punctuation
    if (!punct) return LineClass::Bad;
    return chars >= kLongChars / 2 ? LineClass::Good : LineClass::NearGood;
  }
  (void)b;
  const FunctionWordCount c = count_function_words(text);
  const double share = c.words ? static_cast<double>(c.function_words) / c.words : 0.0;
  if (share >= kGoodStopShare)
    return chars >= kLongChars || ends_like_sentence(text) ? LineClass::Good : LineClass::NearGood;
  if (share >= kNearGoodStopShare) return LineClass::NearGood;
  return LineClass::Bad;
}

bool is_barrier_rule(const std::string& reason) {
  const std::string_view cat = category_of(reason);
  return cat == "comments" || cat == "footer";
}

// The class of the nearest line before (dir -1) or after (dir +1) k that is
// neither short nor, when skip_near_good, near-good; the document's edge
// counts as bad.
LineClass neighbour(const std::vector<PageLine>& lines, std::size_t k, int dir, bool skip_near_good) {
  std::size_t j = k;
  while (true) {
    if (dir < 0) {
      if (j == 0) return LineClass::Bad;
      --j;
    } else {
      if (j + 1 >= lines.size()) return LineClass::Bad;
      ++j;
    }
    const LineClass c = lines[j].initial;
    if (c == LineClass::Short) continue;
    if (skip_near_good && c == LineClass::NearGood) continue;
    return c;
  }
}

}  // namespace

const char* line_class_name(LineClass c) {
  switch (c) {
    case LineClass::Bad: return "bad";
    case LineClass::Short: return "short";
    case LineClass::NearGood: return "near-good";
    case LineClass::Good: return "good";
  }
  return "?";
}

std::uint32_t count_words(const std::string& t) {
  std::uint32_t n = 0;
  bool in_word = false;
  for (char c : t) {
    if (c == ' ') {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++n;
    }
  }
  return n;
}

bool title_like(std::string_view t) {
  std::size_t i = 0;
  bool first = true;
  while (i < t.size()) {
    while (i < t.size() && t[i] == ' ') ++i;
    const std::size_t s = i;
    while (i < t.size() && t[i] != ' ') ++i;
    std::string_view w = t.substr(s, i - s);
    while (!w.empty() && (w[0] == '"' || w[0] == '\'' || w[0] == '(' || w[0] == '[')) w.remove_prefix(1);
    if (w.rfind("\xE2\x80\x9C", 0) == 0 || w.rfind("\xE2\x80\x98", 0) == 0) w.remove_prefix(3);  // “ ‘
    if (w.empty()) continue;
    if (is_ascii_lower(static_cast<unsigned char>(w[0])) && (first || !is_title_small_word(w))) return false;
    first = false;
  }
  return true;
}

bool is_menu_like(const Block& block, const std::string& text) {
  if (text.empty() || block.kind == BlockKind::Preformatted) return false;
  const std::uint32_t words = &text == &block.text ? block.words : count_words(text);
  if (words == 0 || words > kMenuMaxWords) return false;
  if (text.size() > kMenuMaxChars * 4) return false;  // cheap bound before counting code points
  std::uint32_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  if (chars > kMenuMaxChars) return false;
  if (ends_like_sentence(text)) return false;
  const char last = text.back();
  if (last == ',' || last == ';') return false;
  return title_like(text);
}

void describe_page_lines(const HeuristicInput& in, std::vector<PageLine>& lines) {
  const std::size_t n = in.blocks.size();
  lines.assign(n, PageLine{});

  // Short lines the page repeats: a hash of each one's lower-case text,
  // sorted, so that equal ones sit together.
  thread_local std::vector<std::pair<std::uint64_t, std::uint32_t>> shorts;
  shorts.clear();
  for (std::size_t i = 0; i < n; ++i)
    if (in.blocks[i].words > 0 && in.blocks[i].words <= kRepeatedMaxWords)
      shorts.emplace_back(lowercase_hash(in.blocks[i].text), static_cast<std::uint32_t>(i));
  std::sort(shorts.begin(), shorts.end());
  for (std::size_t a = 0; a < shorts.size();) {
    std::size_t b = a;
    while (b < shorts.size() && shorts[b].first == shorts[a].first) ++b;
    if (b - a >= 2)
      for (std::size_t k = a; k < b; ++k) lines[shorts[k].second].repeated = true;
    a = b;
  }

  for (std::size_t i = 0; i < n; ++i) {
    PageLine& l = lines[i];
    const Block& b = in.blocks[i];
    l.block = i;
    if (!alive(in, i)) {
      l.dropped = true;
      l.barrier = is_barrier_rule(in.verdicts[i].reason);
      l.initial = LineClass::Bad;
      continue;
    }
    const bool edited = in.verdicts[i].decision == Decision::Edit;
    const std::string& text = current_text(in, i);
    const std::uint32_t words = edited ? count_words(text) : b.words;
    std::uint32_t chars = b.chars;
    if (edited) {
      chars = 0;
      for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    }
    bool punct = false;
    const std::uint32_t unspaced = unspaced_chars(text, &punct);
    l.words = unspaced * 2 > chars ? std::max(words, chars / 2) : words;
    l.menu = is_menu_like(b, text);
    l.label = l.menu || l.repeated || (chars < kShortChars && title_like(text));
    if (l.menu || l.repeated)
      l.initial = LineClass::Bad;
    else
      l.initial = classify_alone(b, text, words, chars);
  }

  for (std::size_t k = 0; k < n; ++k) {
    PageLine& l = lines[k];
    l.final = l.initial;
    if (l.initial == LineClass::Short) {
      const LineClass prev = neighbour(lines, k, -1, true), next = neighbour(lines, k, +1, true);
      if (prev == LineClass::Good && next == LineClass::Good)
        l.final = LineClass::Good;
      else if (prev == LineClass::Bad && next == LineClass::Bad)
        l.final = LineClass::Bad;
      else if ((prev == LineClass::Bad && neighbour(lines, k, -1, false) == LineClass::NearGood) ||
               (next == LineClass::Bad && neighbour(lines, k, +1, false) == LineClass::NearGood))
        l.final = LineClass::Good;
      else
        l.final = LineClass::Bad;
    } else if (l.initial == LineClass::NearGood) {
      const LineClass prev = neighbour(lines, k, -1, true), next = neighbour(lines, k, +1, true);
      l.final = prev == LineClass::Bad && next == LineClass::Bad ? LineClass::Bad : LineClass::Good;
    }
  }
}

}  // namespace newsclean
