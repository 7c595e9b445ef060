#include "clean/page/lines.h"

#include <algorithm>
#include <cstring>

#include "clean/page/boilerplate.h"
#include "clean/zones.h"
#include "text/lang.h"
#include "util/flat_table.h"
#include "util/line_masks.h"
#include "util/swar.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// Menu items are a few words.
constexpr std::uint32_t kMenuMaxWords = 4;
constexpr std::uint32_t kMenuMaxChars = 40;
// A repeated line is a label ("Reply", "Report this comment") up to this long.
constexpr std::uint32_t kRepeatedMaxWords = 6;
// A longer line is compared with others by its first bytes and its length.
constexpr std::size_t kCopyPrefix = 48;
// A teaser's title: this many words.
constexpr std::uint32_t kHeadlineShapeMinWords = 3, kHeadlineShapeMaxWords = 12;
// A heading over related links: a few words.
constexpr std::uint32_t kHeadingMaxWords = 6;
// Under this many characters a line is too short to judge on its own.
constexpr std::uint32_t kShortChars = 70;
// A short line of this many words that ends like a sentence is near-good.
constexpr std::uint32_t kShortSentenceWords = 4;
// Long enough to be good on its own with enough function words.
constexpr std::uint32_t kLongChars = 140;
// Function-word shares: running prose has many, lists and teasers few.
constexpr double kGoodStopShare = 0.30;
constexpr double kNearGoodStopShare = 0.20;
constexpr double kLongSentenceStopShare = 0.10;
// A language the guesser has no function words for: at least this many
// long lines that end like sentences, and function words under this share
// of their words. (Prose of a known language has 25-50% of them; prose of
// an unknown one, such as Polish or Finnish, some 0-12%, from words that
// happen to be another language's: "a", "i", "to", "na".)
constexpr std::uint32_t kUnknownLanguageLines = 3;
constexpr double kUnknownLanguageShare = 0.12;
// With no good line on the page, near-good lines of this many words are
// promoted to good.
constexpr std::uint32_t kPromotedWords = 20;

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

// What a line's own text says. `unspaced` and `punct` are the CJK figures
// of unspaced_chars; `fw` receives the function-word count of a long line
// written with spaces (left zero otherwise).
LineClass classify_alone(const std::string& text, std::uint32_t words, std::uint32_t chars, std::uint32_t unspaced,
                         bool punct, FunctionWordCount* fw) {
  if (chars < kShortChars) {
    // A short sentence (a step of a recipe, a line of a Q&A) says more than
    // a label: it stands as near-good, lost only between two bad lines.
    if (words >= kShortSentenceWords && ends_like_sentence(text) && text.back() != ':') return LineClass::NearGood;
    return LineClass::Short;
  }
  if (unspaced * 2 > chars) {  // CJK: no function words to count, but sentence punctuation
    if (!punct) return LineClass::Bad;
    return chars >= kLongChars / 2 ? LineClass::Good : LineClass::NearGood;
  }
  *fw = count_function_words(text);
  const double share = fw->words ? static_cast<double>(fw->function_words) / fw->words : 0.0;
  if (share >= kGoodStopShare)
    return chars >= kLongChars || ends_like_sentence(text) ? LineClass::Good : LineClass::NearGood;
  if (share >= kNearGoodStopShare) return LineClass::NearGood;
  // A long line that ends like a sentence but holds few function words
  // (a sports report full of names and times, a list of results in prose)
  // is prose still, if doubtful.
  if (share >= kLongSentenceStopShare && chars >= kLongChars && ends_like_sentence(text)) return LineClass::NearGood;
  return LineClass::Bad;
}

// The same for a language whose function words the guesser does not know
// (Finnish, Hungarian, Turkish...): by punctuation and length alone.
LineClass classify_by_punctuation(const std::string& text, std::uint32_t chars) {
  if (ends_like_sentence(text) && text.back() != ':') return LineClass::Good;
  return chars >= kLongChars ? LineClass::NearGood : LineClass::Short;
}

// A line a rule dropped as the start of what follows an article: comments,
// a form, a footer, a sign-up box, or a heading over related links ("More
// from the blog", "Related posts"). A related link in the text ("Read more: How we
// tested", with its title) is no end, and neither is one the page repeats
// ("Continue reading" under every item of a round-up): it is the list's own.
// Starts with a capital letter, after any opening quote: an ASCII capital,
// or a letter beyond ASCII (most are capitals at the start of a line).
bool starts_with_capital(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size() && (t[i] == '"' || t[i] == '\'' || t[i] == '(' || t[i] == ' ')) ++i;
  if (t.substr(i, 3) == "\xE2\x80\x9C" || t.substr(i, 3) == "\xE2\x80\x9E") i += 3;  // “ „
  if (i >= t.size()) return false;
  const auto c = static_cast<unsigned char>(t[i]);
  return (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xD4);
}

// Ends in a full stop or a question mark, after any closing quote or
// bracket: a statement or a question (of a Q&A, say). Teasers' titles end
// in neither, or in '!' or an ellipsis.
bool ends_as_statement(std::string_view t) {
  std::size_t end = t.size();
  while (end > 0) {
    const char c = t[end - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
      --end;
    } else if (end >= 3 && static_cast<unsigned char>(t[end - 3]) == 0xE2 && static_cast<unsigned char>(t[end - 2]) == 0x80 &&
               (static_cast<unsigned char>(c) == 0x99 || static_cast<unsigned char>(c) == 0x9D)) {
      end -= 3;  // ’ ”
    } else {
      break;
    }
  }
  return end >= 2 && ((t[end - 1] == '.' && t[end - 2] != '.') || t[end - 1] == '?');
}

bool is_barrier(const Block& b, const std::string& reason, bool repeated) {
  const std::string_view cat = category_of(reason);
  if (cat == "related") {
    const std::size_t colon = b.text.find(": ");
    return !repeated && b.words <= kHeadingMaxWords && colon == std::string::npos;
  }
  // A form's field ("Name *", "Email:"): a comment or sign-up form.
  if (reason == "nav/form-field-required" || reason == "nav/form-field-colon") return true;
  return cat == "comments" || cat == "footer" || cat == "newsletter";
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

bool title_like_bytewise(std::string_view t) {
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

bool title_like(std::string_view t) {
#if NEWSCLEAN_LINE_MASKS
  // A line of up to 64 bytes as masks (util/line_masks.h): where its words
  // start, and which start with a lower-case letter; only those are looked
  // at.
  const std::size_t n = t.size();
  if (n <= kLineMaskBytes) {
    const auto [space, lower, opener] = line_masks<3>(t, [](__m128i v) {
      const __m128i opener = _mm_or_si128(_mm_or_si128(bytes_equal(v, '"'), bytes_equal(v, '\'')),
                                          _mm_or_si128(_mm_or_si128(bytes_equal(v, '('), bytes_equal(v, '[')),
                                                       bytes_equal(v, '\xE2')));
      return std::array<__m128i, 3>{bytes_equal(v, ' '), bytes_between(v, 'a', 'z'), opener};
    });
    const std::uint64_t inside = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    const std::uint64_t starts = ~space & ((space << 1) | 1) & inside;
    // A word that opens with a quote or a bracket: the byte loop, which
    // looks past them.
    if ((starts & opener) == 0) {
      const std::uint64_t lowered = starts & lower;
      if (lowered == 0) return true;
      const std::uint64_t first = starts & (~starts + 1);
      if (lowered & first) return false;  // the first word, in lower case
      for (std::uint64_t m = lowered; m != 0; m &= m - 1) {
        const auto at = static_cast<std::size_t>(__builtin_ctzll(m));
        const std::uint64_t after = space >> at;  // the word ends at the next space
        const std::size_t len = after == 0 ? n - at : static_cast<std::size_t>(__builtin_ctzll(after));
        if (!is_title_small_word(t.substr(at, len))) return false;
      }
      return true;
    }
  }
#endif
  return title_like_bytewise(t);
}

bool is_menu_like(const Block& block, const std::string& text) {
  if (text.empty() || block.kind == BlockKind::Preformatted) return false;
  // The block's own text comes measured (words and code points).
  const bool own = &text == &block.text;
  const std::uint32_t words = own ? block.words : count_words(text);
  if (words == 0 || words > kMenuMaxWords) return false;
  if (text.size() > kMenuMaxChars * 4) return false;  // cheap bound before counting code points
  if ((own ? block.chars : count_code_points(text)) > kMenuMaxChars) return false;
  if (ends_like_sentence(text)) return false;
  const char last = text.back();
  if (last == ',' || last == ';') return false;
  // A clock time ("11:40 AM", the stamp of a live blog's entry) is no menu
  // item. (Most lines hold no colon at all.)
  for (std::size_t i = 1; i + 2 < text.size(); ++i) {
    const void* colon = std::memchr(text.data() + i, ':', text.size() - 2 - i);
    if (colon == nullptr) break;
    i = static_cast<std::size_t>(static_cast<const char*>(colon) - text.data());
    if (is_ascii_digit(static_cast<unsigned char>(text[i - 1])) && is_ascii_digit(static_cast<unsigned char>(text[i + 1])) &&
        is_ascii_digit(static_cast<unsigned char>(text[i + 2])))
      return false;
  }
  return title_like(text);
}

void describe_page_lines(const HeuristicInput& in, bool menus, const std::vector<char>& menu_like,
                         std::vector<PageLine>& lines) {
  const std::size_t n = in.blocks.size();
  lines.assign(n, PageLine{});

  // Short lines the page repeats are labels, all of them; longer lines the
  // page repeats are copies (a teaser that repeats the article's first
  // paragraph, a prompt shown twice), and every one after the first is
  // marked. A short line stands for a hash of its lower-case text, a longer
  // one for a hash of its first kCopyPrefix bytes and its length (two
  // paragraphs that agree on both are the same one). The table holds the
  // first line of each hash.
  thread_local std::vector<std::uint64_t> key;
  key.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& t = in.blocks[i].text;
    key[i] = in.blocks[i].words <= kRepeatedMaxWords
                 ? swar::lowercase_hash(t)
                 : swar::lowercase_hash(std::string_view(t).substr(0, kCopyPrefix)) ^ (t.size() * 0x9E3779B97F4A7C15ULL);
  }
  thread_local FlatTable first_of;
  first_of.reset(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + FlatTable::kPrefetchAhead < n) first_of.prefetch(key[i + FlatTable::kPrefetchAhead]);
    if (in.blocks[i].words == 0) continue;
    bool found = false;
    FlatTable::Slot& slot = first_of.find_or_insert(key[i], &found);
    if (!found) {
      slot.value = static_cast<std::uint32_t>(i);
    } else if (in.blocks[slot.value].words <= kRepeatedMaxWords) {
      lines[slot.value].repeated = true;
      lines[i].repeated = true;
    } else {
      lines[i].copy = true;
    }
  }

  // Each line on its own. Long lines written with spaces that end like
  // sentences also add up their function words, to tell a language the
  // guesser knows. (Only those: a list of archive months or of tags is long
  // and has none in any language.)
  thread_local std::vector<char> by_punctuation;  // lines to judge again if the language is unknown
  by_punctuation.assign(n, 0);
  std::uint64_t long_words = 0, long_function_words = 0;
  std::uint32_t long_lines = 0;
  bool any_good = false;
  for (std::size_t i = 0; i < n; ++i) {
    PageLine& l = lines[i];
    const Block& b = in.blocks[i];
    l.block = i;
    if (!alive(in, i)) {
      l.dropped = true;
      l.barrier = is_barrier(b, in.verdicts[i].reason, l.repeated);
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
    // A CJK character takes three bytes: text of fewer than two bytes a
    // character cannot be mostly CJK, and needs no scan.
    bool punct = false;
    const std::uint32_t unspaced = text.size() >= 2 * static_cast<std::size_t>(chars) ? unspaced_chars(text, &punct) : 0;
    const bool cjk = unspaced * 2 > chars;
    l.words = cjk ? std::max(words, chars / 2) : words;
    l.menu = edited ? is_menu_like(b, text) : menu_like[i] != 0;
    l.label = l.menu || l.repeated || (chars < kShortChars && title_like(text));
    l.headline_shape = words >= kHeadlineShapeMinWords && words <= kHeadlineShapeMaxWords &&
                       starts_with_capital(text) && !ends_as_statement(text);
    if (l.menu || l.repeated || l.copy) {
      l.initial = LineClass::Bad;
      continue;
    }
    FunctionWordCount fw;
    l.initial = classify_alone(text, words, chars, unspaced, punct, &fw);
    if (chars >= kShortChars && !cjk) by_punctuation[i] = 1;
    if (chars >= kLongChars && !cjk && ends_like_sentence(text)) {
      ++long_lines;
      long_words += fw.words;
      long_function_words += fw.function_words;
    }
    any_good = any_good || l.initial == LineClass::Good;
  }

  // A page in a language the guesser has no function words for: its long
  // lines have almost none. Judge them by their punctuation instead.
  if (long_lines >= kUnknownLanguageLines &&
      static_cast<double>(long_function_words) < kUnknownLanguageShare * static_cast<double>(long_words)) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!by_punctuation[i]) continue;
      lines[i].initial = classify_by_punctuation(current_text(in, i), in.blocks[i].chars);
      any_good = any_good || lines[i].initial == LineClass::Good;
    }
  }
  // A page whose article is a paragraph or two poorer in function words
  // (a short post, a brief): with no good line anywhere, its longest
  // near-good lines are the best there is. Only on a page with menus: a
  // text without them and without prose is seldom a page dump.
  if (!any_good && menus)
    for (PageLine& l : lines)
      if (!l.dropped && l.initial == LineClass::NearGood && l.words >= kPromotedWords) l.initial = LineClass::Good;

  // Then in context (jusText): the class of the nearest line on each side
  // that is not short (loose) and that is neither short nor near-good
  // (strict); the document's edges count as bad.
  thread_local std::vector<LineClass> prev_strict, prev_loose, next_strict, next_loose;
  prev_strict.resize(n);
  prev_loose.resize(n);
  next_strict.resize(n);
  next_loose.resize(n);
  LineClass strict = LineClass::Bad, loose = LineClass::Bad;
  for (std::size_t k = 0; k < n; ++k) {
    prev_strict[k] = strict;
    prev_loose[k] = loose;
    const LineClass c = lines[k].initial;
    if (c != LineClass::Short) loose = c;
    if (c != LineClass::Short && c != LineClass::NearGood) strict = c;
  }
  strict = loose = LineClass::Bad;
  for (std::size_t k = n; k-- > 0;) {
    next_strict[k] = strict;
    next_loose[k] = loose;
    const LineClass c = lines[k].initial;
    if (c != LineClass::Short) loose = c;
    if (c != LineClass::Short && c != LineClass::NearGood) strict = c;
  }
  for (std::size_t k = 0; k < n; ++k) {
    PageLine& l = lines[k];
    l.final = l.initial;
    const LineClass prev = prev_strict[k], next = next_strict[k];
    if (l.initial == LineClass::Short) {
      if (prev == LineClass::Good && next == LineClass::Good)
        l.final = LineClass::Good;
      else if (prev == LineClass::Bad && next == LineClass::Bad)
        l.final = LineClass::Bad;
      else if ((prev == LineClass::Bad && prev_loose[k] == LineClass::NearGood) ||
               (next == LineClass::Bad && next_loose[k] == LineClass::NearGood))
        l.final = LineClass::Good;
      else
        l.final = LineClass::Bad;
    } else if (l.initial == LineClass::NearGood) {
      l.final = prev == LineClass::Bad && next == LineClass::Bad ? LineClass::Bad : LineClass::Good;
    }
  }
}

}  // namespace newsclean
