#include "clean/cards.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>

#include "clean/zones.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

constexpr std::size_t kMinCards = 3;
// A card's blocks, its date included: headline, teaser, section, author,
// date and a read time at most.
constexpr std::size_t kMaxCardBlocks = 6;
// A date line: "Wednesday, 17 December 2025 at 10:30 GMT" is 7 words.
constexpr std::uint32_t kDateMaxWords = 7;
constexpr std::uint32_t kDateMaxChars = 48;
// A line of a card that is no sentence (a headline, a name, a section):
// up to this many words.
constexpr std::uint32_t kLabelMaxWords = 20;
// The article before the list: at least this many words of prose.
constexpr std::uint32_t kMinArticleWords = 100;
// The heading over the list: a few words, no sentence.
constexpr std::uint32_t kHeadingMaxWords = 8;

const RE2& date_line() {
  static const RE2 re(
      "(?i)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,? )?"
      "(?:"
      "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}"
      "|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?,? \\d{4}"
      "|\\d{4}-\\d\\d-\\d\\d|\\d{1,2}[./]\\d{1,2}[./](?:\\d{4}|\\d\\d)"
      ")"
      "(?: ?[,|·•–—-]? ?(?:at )?\\d{1,2}[:.]\\d\\d ?(?:[ap]\\.?m\\.?)?(?: [a-z]{2,4})?)?"
      // A card's other meta after the date: "| 14 min read", "No Comments".
      "(?: ?[|·•–—-]? ?(?:\\d{1,3}[ -]?min(?:ute)?s?(?: read)?|no comments|\\d{1,4} comments?))?"
      "|(?:an?|\\d{1,3}) (?:minute|min|hour|hr|day|week|month|year)s? ago",
      RE2::Quiet);
  return re;
}

// What every date the regex takes has: a year (four digits in a row) or
// digits around a separator ("05/12/25", "2025-12-05"). Most short lines
// with a digit ("12 comments", "Step 3") have neither and skip the regex.
bool has_date_digits(std::string_view t) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t run = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (digit(t[i])) {
      if (++run == 4) return true;
      continue;
    }
    run = 0;
    if ((t[i] == '/' || t[i] == '-' || t[i] == '.') && i > 0 && i + 1 < t.size() && digit(t[i - 1]) && digit(t[i + 1]))
      return true;
  }
  return false;
}

// A line that is no sentence: a headline, a section, a name ("Ana Ruiz
// says:" too).
bool is_label(const std::string& t) { return !ends_like_sentence(t) || t.back() == ':'; }

// Blocks are compared by their rough shape when the cards' edges are looked
// for: a short label, a headline-sized line, or a paragraph.
enum class Shape { Label, Line, Paragraph };
Shape shape_of(const Block& b) {
  return b.words <= 4 ? Shape::Label : b.words <= kLabelMaxWords ? Shape::Line : Shape::Paragraph;
}

// The blocks the heuristic looks at, in order: the ones still kept, and the
// date lines a rule dropped ("Posted on Dec 5, 2025"), which still mark
// their cards.
struct Sequence {
  std::vector<std::size_t> block;  // block index of each entry
  std::vector<char> date;          // per entry
};

std::uint32_t prose_words(const HeuristicInput& in, const Sequence& s, std::size_t from, std::size_t to) {
  std::uint32_t words = 0;
  for (std::size_t k = from; k < to; ++k) {
    const std::size_t i = s.block[k];
    if (alive(in, i) && is_prose(in.blocks[i])) words += in.blocks[i].words;
  }
  return words;
}

// How many entries before (step -1) or after (step +1) the date at `a`
// have the same shapes as those at the same distance from the date at `b`:
// the part of a card that stands on that side of its date.
std::size_t matching_side(const Sequence& s, const std::vector<Block>& blocks, std::size_t a, std::size_t b,
                          int step, std::size_t limit) {
  std::size_t j = 0;
  while (j < limit) {
    const std::ptrdiff_t pa = static_cast<std::ptrdiff_t>(a) + step * static_cast<std::ptrdiff_t>(j + 1);
    const std::ptrdiff_t pb = static_cast<std::ptrdiff_t>(b) + step * static_cast<std::ptrdiff_t>(j + 1);
    if (pa < 0 || pb < 0 || static_cast<std::size_t>(pa) >= s.block.size() ||
        static_cast<std::size_t>(pb) >= s.block.size())
      break;
    if (s.date[pa] || s.date[pb]) break;
    if (shape_of(blocks[s.block[pa]]) != shape_of(blocks[s.block[pb]])) break;
    ++j;
  }
  return j;
}

// Tries the run of dates dates[first..last] (entries of s); drops its cards
// when they are a list after the article.
void try_run(HeuristicInput& in, const Sequence& s, const std::vector<std::size_t>& dates, std::size_t first,
             std::size_t last) {
  const std::size_t cards = last - first + 1;
  if (cards < kMinCards) return;
  // The usual distance between two dates: a card's length.
  std::size_t count[kMaxCardBlocks + 1] = {};
  for (std::size_t d = first; d < last; ++d) ++count[dates[d + 1] - dates[d]];
  std::size_t period = 2;
  for (std::size_t g = 2; g <= kMaxCardBlocks; ++g)
    if (count[g] > count[period]) period = g;

  const std::size_t d0 = dates[first], d1 = dates[first + 1];
  const std::size_t dn = dates[last], dm = dates[last - 1];
  // The first card reaches back before its date only when it has a card's
  // length to the next date: a first date farther off may be the article's
  // own ("June 9, 2020 · 6 Comments"), with the article's last lines above.
  const std::size_t before = d1 - d0 == period ? matching_side(s, in.blocks, d0, d1, -1, period - 1) : 0;
  const std::size_t after =
      dn - dm == period ? matching_side(s, in.blocks, dn, dm, +1, period - 1 - before) : 0;
  std::size_t start = d0 - before;
  const std::size_t end = dn + after + 1;  // past the last card

  // Cards carry headlines, names or sections; a timeline carries sentences.
  std::size_t labels = 0;
  for (std::size_t k = start; k < end; ++k) {
    const Block& b = in.blocks[s.block[k]];
    if (!s.date[k] && b.words <= kLabelMaxWords && is_label(b.text)) ++labels;
  }
  if (labels + 1 < cards) return;

  // The article comes first, and more of it than after the list.
  const std::uint32_t before_words = prose_words(in, s, 0, start);
  if (before_words < kMinArticleWords || prose_words(in, s, end, s.block.size()) >= before_words) return;

  // A short heading right above the first card is the list's own.
  if (start > 0) {
    const Block& h = in.blocks[s.block[start - 1]];
    if (!s.date[start - 1] && h.words <= kHeadingMaxWords && !ends_like_sentence(current_text(in, s.block[start - 1])))
      --start;
  }
  const std::string detail =
      std::to_string(cards) + " dated cards, " + block_range(in, s.block[start], s.block[end - 1]);
  for (std::size_t k = start; k < end; ++k) {
    const std::size_t i = s.block[k];
    if (alive(in, i) && !in.protect[i]) drop(in, i, "tail/dated-cards", detail);
  }
}

}  // namespace

bool is_date_line(std::string_view text) {
  // The regex only for lines that may be one: an age, or date digits and an
  // ending a date line has (the year or the time's digits, "am", a time
  // zone, "min read", "comments"). "© 2025 Harbour Press" and "Top 10 of
  // 2025 so far" end otherwise.
  auto ends_with = [&](std::string_view s) {  // s in lower case
    if (text.size() < s.size()) return false;
    const std::string_view tail = text.substr(text.size() - s.size());
    for (std::size_t k = 0; k < s.size(); ++k)
      if (ascii_lower(tail[k]) != s[k]) return false;
    return true;
  };
  // A date line opens with a digit or with a weekday's or month's initial
  // (or "a"/"an" of an age): most short lines fail here, at one byte.
  if (text.empty()) return false;
  const char first = ascii_lower(text[0]);
  if (!(first >= '0' && first <= '9') && std::string_view("jfmasondtw").find(first) == std::string_view::npos)
    return false;
  if (ends_with(" ago")) return RE2::FullMatch(text, date_line());
  if (!has_date_digits(text)) return false;
  const char last = text.back();
  const bool date_ending = (last >= '0' && last <= '9') || text.find(':') != std::string_view::npos ||
                           ends_with("read") || ends_with("comments") || ends_with("comment") ||
                           ends_with("am") || ends_with("pm") || ends_with(".m.");
  return date_ending && RE2::FullMatch(text, date_line());
}

void mark_dated_cards(HeuristicInput& in) {
  if (!heuristic_enabled(in, "tail/dated-cards")) return;
  thread_local std::vector<char> is_date;
  const std::size_t n = in.blocks.size();
  is_date.assign(n, 0);
  std::size_t date_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Block& b = in.blocks[i];
    if (b.words != 0 && b.words <= kDateMaxWords && b.chars <= kDateMaxChars && is_date_line(b.text)) {
      is_date[i] = 1;
      ++date_count;
    }
  }
  if (date_count < kMinCards) return;  // most texts
  thread_local Sequence s;
  thread_local std::vector<std::size_t> dates;
  s.block.clear();
  s.date.clear();
  dates.clear();
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_date[i] && !alive(in, i)) continue;
    if (is_date[i]) dates.push_back(s.block.size());
    s.block.push_back(i);
    s.date.push_back(is_date[i]);
  }
  // Runs of dates, each at most a card's length from the next; a date right
  // after a date is no card of its own.
  std::size_t first = 0;
  for (std::size_t d = 0; d < dates.size(); ++d) {
    const bool run_ends = d + 1 == dates.size() || dates[d + 1] - dates[d] < 2 ||
                          dates[d + 1] - dates[d] > kMaxCardBlocks;
    if (!run_ends) continue;
    try_run(in, s, dates, first, d);
    first = d + 1;
  }
}

}  // namespace newsclean
