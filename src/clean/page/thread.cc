#include "clean/page/thread.h"

#include <re2/re2.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "clean/zones.h"
#include "util/key_table.h"
#include "util/line_masks.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// A header is a short line.
constexpr std::uint32_t kHeaderMaxWords = 16;
constexpr std::size_t kHeaderMaxBytes = 160;
// A header that a name and "says:" make: a few words.
constexpr std::uint32_t kNamedEndingMaxWords = 5;
// The words beside a header's date: a name and a few more ("by Ana Ruiz on
// ... | Reply").
constexpr std::size_t kMaxNameWords = 6;
// At least this many headers, each within kMaxGap lines of the next.
constexpr std::size_t kMinHeaders = 3;
constexpr std::size_t kMaxGap = 30;
// A header is one line, or two or three (a name, a date, "Reply").
constexpr std::uint32_t kMaxHeaderLines = 3;
// The article's prose before the thread: at least this many words of
// sentence-like lines.
constexpr std::uint32_t kMinArticleWords = 80;
// Comments are short: the median stretch between two headers, in words.
// The same when the headers name many people (most names distinct): a
// blog's front page has the one author over every post.
constexpr std::uint32_t kMaxCommentWords = 60;
constexpr std::uint32_t kMaxCommentWordsNamed = 200;
constexpr double kManyNamesShare = 0.6;

// A date or a time somewhere in the line: "November 9, 2012", "9 Nov
// 2012", "07.15.12", "2012-11-09", "12:13 AM", "3 days ago", in the languages
// the month names cover (a time alone only with am or pm: "5:21" is as
// often a split time or a verse). The match is captured, so that what is left
// around it (a name) can be told from a date alone.
const RE2& date_in_line() {
  static const RE2 re(
      "(?i)("
      "(?:jan(?:uary|vier|uar|eiro)?|feb(?:ruary|rero|ruar|braio)?|f[ée]v(?:rier)?|m[aä]r(?:ch|z|s|zo|ço)?|"
      "apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|ma[iy]o?|jun[ei]?o?|juin|giugno|jul[iy]?o?|juillet|luglio|"
      "aug(?:ust)?|ao[uû]t|ago(?:sto)?|sep(?:t(?:ember|iembre|embre)?)?|set(?:embro|tembre)?|"
      "o[ck]t(?:ober|obre|ubre|obre)?|nov(?:ember|embre|iembre)?|de[cz](?:ember|embre|iembre)?|dic(?:iembre|embre)?)"
      "\\.? \\d{1,2}(?:st|nd|rd|th)?\\b"
      "|\\b\\d{1,2}(?:st|nd|rd|th)?\\.? (?:of |de )?"
      "(?:jan|feb|f[ée]v|m[aä]r|apr|avr|abr|ma[iy]|jun|juin|jul|aug|ao[uû]|ago|sep|set|o[ck]t|nov|de[cz]|dic)"
      "|\\b\\d{1,4}[./-]\\d{1,2}[./-]\\d{2,4}\\b"
      "|\\b\\d{1,2}:\\d\\d ?[ap]\\.?m\\b"
      "|\\b(?:\\d{1,3}|an?|one) (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago\\b"
      "|\\bvor \\d{1,3} (?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren)\\b"
      "|\\b(?:il y a|hace) \\d{1,3} "
      ")",
      RE2::Quiet);
  return re;
}

// A name and the word of a comment's header at the end: "Ana says:",
// "Ana said...", "Ana wrote:", "Ana | Reply".
const RE2& comment_ending() {
  static const RE2 re(
      "(?i)((?:\\b(?:says?|said|wrote|writes|schrieb|sagt|meint|dit|a dit|escribió|escribe|dice|ha detto|scrive|"
      "disse|zegt|schreef) ?(?::|\\.\\.\\.|…)|\\breply|\\bantworten|\\brépondre|\\bresponder|\\brispondi))$",
      RE2::Quiet);
  return re;
}

// A word of at most eight bytes packed into an integer, lower case, first
// byte lowest: a word is looked up by integer compares, not string ones
// (add_name asks for every word of every line that may be a header).
std::uint64_t pack_word(std::string_view w) {
  std::uint64_t key = 0;
  for (std::size_t k = 0; k < w.size(); ++k) key |= std::uint64_t{static_cast<unsigned char>(ascii_lower(w[k]))} << (8 * k);
  return key;
}

// Words around a date that say nothing of who wrote ("Posted on", "at").
bool filler_word(std::string_view w) {
  static constexpr std::string_view kFiller[] = {"at",  "on",  "am",     "pm",      "posted", "updated", "by",
                                                 "le",  "um",  "de",     "el",      "en",     "the",     "of",
                                                 "edt", "est", "pdt",    "pst",     "gmt",    "utc",     "cet",
                                                 "mst", "cdt", "cst",    "bst",     "mdt",    "published", "and",
                                                 "mon", "tue", "wed",    "thu",     "fri",    "sat",     "sun",
                                                 "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                                 "sunday", "permalink", "link", "comments", "comment",
                                                 // the units of an age ("3 hours ago", "vor 14 Stunden")
                                                 "ago", "seconds", "second", "minutes", "minute", "mins", "min",
                                                 "hours", "hour", "hrs", "hr", "days", "day", "weeks", "week",
                                                 "months", "month", "years", "year", "sekunden", "minuten",
                                                 "stunden", "stunde", "tagen", "tag", "wochen", "woche", "monaten",
                                                 "monat", "jahren", "jahr", "il", "jours", "jour", "heures", "heure",
                                                 "semaines", "mois", "ans", "hace", "horas", "hora", "semanas",
                                                 "meses", "d\xC3\xAD" "as", "dias", "a\xC3\xB1os"};
  // Words of up to eight bytes in a KeyTable (a lookup without a branch on
  // the answer: a binary search mispredicted at every step); the few
  // longer ones as sorted strings.
  struct Table {
    KeyTable short_words;
    std::vector<std::string_view> long_words;
  };
  static const Table table = [] {
    std::vector<std::pair<std::uint64_t, std::uint16_t>> short_words;
    std::vector<std::string_view> long_words;
    for (std::string_view f : kFiller) {
      if (f.size() <= KeyTable::kMaxBytes) short_words.emplace_back(pack_word(f), 1);
      else long_words.push_back(f);
    }
    std::sort(long_words.begin(), long_words.end());
    return Table{KeyTable(short_words), std::move(long_words)};
  }();
  if (w.size() <= KeyTable::kMaxBytes) return w.size() != 0 && table.short_words.contains(pack_word(w)) != 0;
  char lower[12];
  if (w.size() > sizeof lower) return false;
  for (std::size_t k = 0; k < w.size(); ++k) lower[k] = ascii_lower(w[k]);
  return std::binary_search(table.long_words.begin(), table.long_words.end(), std::string_view(lower, w.size()));
}

inline bool letter(char c) { return is_ascii_alpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

constexpr std::uint32_t pack3(const char* s) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[2])) << 16;
}

// Whether the three bytes at p start a month's name (or an age's word: "ago",
// "vor", "hace", "il y a"), in lower case.
bool month_start(const char* p) {
  // Sorted once, for a binary search; and a table of the pairs of first
  // bytes they start with, which turns away most words at once (asked at
  // every word of every short line with a digit in it).
  struct Months {
    std::vector<std::uint32_t> keys;
    std::array<std::uint64_t, 65536 / 64> pairs{};
    Months() {
      keys = {pack3("jan"), pack3("feb"), pack3("mar"), pack3("apr"), pack3("may"), pack3("jun"), pack3("jul"),
              pack3("aug"), pack3("sep"), pack3("oct"), pack3("nov"), pack3("dec"), pack3("f\xC3\xA9"), pack3("fev"),
              pack3("m\xC3\xA4"), pack3("mai"), pack3("avr"), pack3("abr"), pack3("ao\xC3"), pack3("aou"), pack3("ago"),
              pack3("set"), pack3("okt"), pack3("ott"), pack3("dez"), pack3("d\xC3\xA9"), pack3("dic"), pack3("gen"),
              pack3("lug"), pack3("giu"), pack3("mag"), pack3("ene"), pack3("vor"), pack3("hac"), pack3("il ")};
      std::sort(keys.begin(), keys.end());
      for (std::uint32_t k : keys) pairs[(k & 0xFFFF) >> 6] |= std::uint64_t{1} << (k & 63);
    }
  };
  static const Months months;
  const std::uint32_t w = static_cast<std::uint32_t>(static_cast<unsigned char>(ascii_lower(p[0]))) |
                          static_cast<std::uint32_t>(static_cast<unsigned char>(ascii_lower(p[1]))) << 8 |
                          static_cast<std::uint32_t>(static_cast<unsigned char>(ascii_lower(p[2]))) << 16;
  if (!(months.pairs[(w & 0xFFFF) >> 6] >> (w & 63) & 1)) return false;
  return std::binary_search(months.keys.begin(), months.keys.end(), w);
}

// Whether `t` holds an ASCII digit; 16 bytes at a time where it can.
bool has_digit(std::string_view t) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
  for (; i + 16 <= t.size(); i += 16) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
    // Signed compares: bytes beyond ASCII are negative, so below '0'.
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(c, below), _mm_cmplt_epi8(c, above));
    if (_mm_movemask_epi8(digit) != 0) return true;
  }
#endif
  for (; i < t.size(); ++i)
    if (t[i] >= '0' && t[i] <= '9') return true;
  return false;
}

// A word that starts as a month's name ("November", "Nov"): part of the
// date, not of the name beside it.
bool month_word(std::string_view w) { return w.size() >= 3 && month_start(w.data()); }

}  // namespace

// Most short lines of a page (menus, labels, titles) fail here at little
// cost (see thread.h).
bool may_hold_date_bytewise(std::string_view t) {
  const std::size_t n = t.size();
  if (!has_digit(t)) return false;  // most lines
  bool month = false;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (c >= '0' && c <= '9') {
      if (i + 2 < n && (t[i + 1] == '.' || t[i + 1] == '/' || t[i + 1] == '-' || t[i + 1] == ':') && t[i + 2] >= '0' &&
          t[i + 2] <= '9')
        return true;
    } else if (!month && is_ascii_alpha(c) && i + 3 <= n && (i == 0 || !letter(t[i - 1]))) {
      month = month_start(t.data() + i);
    }
  }
  return month;
}

bool may_hold_date(std::string_view t) {
#if NEWSCLEAN_LINE_MASKS
  // A line of up to 64 bytes (most short lines) as masks of its digits,
  // separators, ASCII letters and bytes beyond ASCII (util/line_masks.h).
  const std::size_t n = t.size();
  if (n <= kLineMaskBytes) {
    const auto [digit, sep, alpha, high] = line_masks<4>(t, [](__m128i v) {
      const __m128i sep = _mm_or_si128(_mm_or_si128(bytes_equal(v, '.'), bytes_equal(v, '/')),
                                       _mm_or_si128(bytes_equal(v, '-'), bytes_equal(v, ':')));
      return std::array<__m128i, 4>{bytes_between(v, '0', '9'), sep,
                                    bytes_between(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z'), v};
    });
    if (digit == 0) return false;
    if ((digit & (sep >> 1) & (digit >> 2)) != 0) return true;  // "9.11", "12:13"
    if (n < 3) return false;
    // Words that start with an ASCII letter, no letter of any kind before
    // them, with two bytes more in the line.
    std::uint64_t starts = alpha & ~((alpha | high) << 1) & (~std::uint64_t{0} >> (64 - (n - 2)));
    for (; starts != 0; starts &= starts - 1)
      if (month_start(t.data() + __builtin_ctzll(starts))) return true;
    return false;
  }
#endif
  return may_hold_date_bytewise(t);
}

namespace {

// The words of `rest` (a header, or the part before its verb) that are no
// filler and no part of a date: a name, most often. Adds them to the hash `h` (FNV-1a, lower
// case) and returns how many there were.
std::size_t add_name(std::string_view rest, std::uint64_t& h) {
  std::size_t words = 0, i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && !letter(rest[i])) ++i;
    const std::size_t s = i;
    while (i < rest.size() && letter(rest[i])) ++i;
    // "7th", "10:27PM": letters that a number carries are part of the date.
    const bool after_digit = s > 0 && rest[s - 1] >= '0' && rest[s - 1] <= '9';
    if (i - s < 2 || after_digit || filler_word(rest.substr(s, i - s)) || month_word(rest.substr(s, i - s))) continue;
    ++words;
    for (std::size_t k = s; k < i; ++k) h = (h ^ static_cast<unsigned char>(ascii_lower(rest[k]))) * 1099511628211ULL;
    h = (h ^ ' ') * 1099511628211ULL;
  }
  return words;
}

// "He said:", "She writes:": a quote the article brings in.
bool pronoun_first(std::string_view t) {
  static constexpr std::string_view kPronouns[] = {"he ", "she ", "they ", "it ", "we ", "i ", "you ", "er ", "sie ", "il ", "elle ", "ella ", "él "};
  for (std::string_view p : kPronouns) {
    if (t.size() < p.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < p.size() && same; ++k) same = ascii_lower(t[k]) == p[k];
    if (same) return true;
  }
  return false;
}

enum class Header : std::uint8_t { None, DateOnly, Named };

struct HeaderInfo {
  Header kind = Header::None;
  std::uint64_t name = 0;  // hash of the name's words; 0 when none is seen ("Reply")
};

// Whether `t` ends as comment_ending() needs: in ':' or an ellipsis (after
// "says"), or in one of its reply words, in any case. Asked before the
// regex, which costs far more and which the many lines ending in a word
// like "in", "by" or "for" would otherwise all go through.
bool may_end_like_header(std::string_view t, bool ellipsis) {
  if (ellipsis || t.back() == ':') return true;
  static constexpr std::string_view kReplyEndings[] = {"reply", "antworten", "pondre", "responder", "rispondi"};
  for (std::string_view e : kReplyEndings) {
    if (t.size() < e.size()) continue;
    const std::string_view end = t.substr(t.size() - e.size());
    if (std::equal(end.begin(), end.end(), e.begin(), [](char a, char b) { return ascii_lower(a) == b; })) return true;
  }
  return false;
}

HeaderInfo header_info(std::string_view t, std::uint32_t words) {
  HeaderInfo info;
  if (t.empty() || words == 0 || words > kHeaderMaxWords || t.size() > kHeaderMaxBytes) return info;
  const char last = t.back();
  const bool ellipsis = t.size() >= 3 && (t.substr(t.size() - 3) == "..." || t.substr(t.size() - 3) == "\xE2\x80\xA6");
  // A sentence is no header; "Ana says:" and "Ana said..." are.
  if ((last == '.' || last == '!' || last == '?') && !ellipsis) return info;
  constexpr std::uint64_t kBasis = 1469598103934665603ULL;
  std::uint64_t h = kBasis;
  // "Ana says:": a name of a few words and no clause before the verb
  // ("About the plan, she writes:" introduces a quote).
  re2::StringPiece verb;
  if (words <= kNamedEndingMaxWords && t.find(',') == std::string_view::npos &&
      may_end_like_header(t, ellipsis) &&
      RE2::PartialMatch(t, comment_ending(), &verb) && !pronoun_first(t)) {
    info.kind = Header::Named;
    if (add_name(t.substr(0, static_cast<std::size_t>(verb.data() - t.data())), h) > 0) info.name = h;
    return info;
  }
  if (!may_hold_date(t)) return info;
  if (!RE2::PartialMatch(t, date_in_line())) return info;
  const std::size_t name_words = add_name(t, h);
  // Many words beside the date: a dated headline in a list, no name.
  if (name_words > kMaxNameWords) return info;
  info.kind = name_words > 0 ? Header::Named : Header::DateOnly;
  if (name_words > 0) info.name = h;
  return info;
}

}  // namespace

bool is_comment_header(std::string_view text, std::uint32_t words) {
  return header_info(text, words).kind != Header::None;
}

CommentThread find_comment_thread(const HeuristicInput& in, const std::vector<PageLine>& lines) {
  CommentThread thread;
  const std::size_t n = lines.size();
  // Words, and words of sentence-like lines, before each block.
  thread_local std::vector<std::uint32_t> words, prose;
  words.assign(n + 1, 0);
  prose.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    words[i + 1] = words[i] + in.blocks[i].words;
    const bool good = !lines[i].dropped && lines[i].initial == LineClass::Good;
    prose[i + 1] = prose[i] + (good ? lines[i].words : 0);
  }
  // A thread needs the article's prose before it (or before its second
  // header, which stands within kMaxGap lines of the first): lines before
  // that need no look.
  std::size_t scan_from = 0;
  while (scan_from < n && prose[scan_from + 1] < kMinArticleWords) ++scan_from;
  if (scan_from == n) return thread;
  scan_from = scan_from > kMaxGap ? scan_from - kMaxGap : 0;

  // Headers, dropped lines too (a rule may have taken "Reply" or "6 months
  // ago"): the first line of each group of adjacent header lines, whether
  // the group names someone, and who.
  struct Found {
    std::size_t at;
    std::uint32_t lines;  // adjacent header lines in the group
    bool named;
    std::uint64_t name;
  };
  thread_local std::vector<Found> found;
  found.clear();
  bool previous = false;
  for (std::size_t i = scan_from; i < n; ++i) {
    const Block& b = in.blocks[i];
    const HeaderInfo h = b.words <= kHeaderMaxWords ? header_info(b.text, b.words) : HeaderInfo{};
    if (h.kind == Header::None) {
      previous = false;
      continue;
    }
    if (!previous) found.push_back(Found{i, 0, false, 0});
    ++found.back().lines;
    if (h.kind == Header::Named) found.back().named = true;
    if (h.name != 0 && found.back().name == 0) found.back().name = h.name;
    previous = true;
  }
  if (found.size() < kMinHeaders) return thread;

  thread_local std::vector<std::uint32_t> gaps, later;
  thread_local std::vector<std::uint64_t> names;
  auto median = [](std::vector<std::uint32_t>& v) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
  };

  for (std::size_t k = 0; k < found.size();) {
    std::size_t e = k;
    // A group of many dated lines is a list (an archive, a timeline), not
    // the name and date over a comment: it breaks the chain.
    if (found[k].lines > kMaxHeaderLines) {
      ++k;
      continue;
    }
    while (e + 1 < found.size() && found[e + 1].at - found[e].at <= kMaxGap && found[e + 1].lines <= kMaxHeaderLines) ++e;
    const std::size_t count = e - k + 1;
    k = e + 1;
    if (count < kMinHeaders) continue;
    const std::size_t first = k - count;
    // Comments have text under their headers: a chain that is mostly
    // header lines is a list of dated items.
    std::size_t header_lines = 0;
    for (std::size_t j = first; j <= e; ++j) header_lines += found[j].lines;
    const std::size_t span = found[e].at + found[e].lines - found[first].at;
    if (3 * header_lines > 2 * span) continue;
    // And what is under the headers reads as text, not as headlines: at
    // least half the stretches between them hold a sentence, or a line in
    // sentence case.
    std::size_t with_sentence = 0;
    for (std::size_t j = first; j < e; ++j) {
      for (std::size_t i = found[j].at + found[j].lines; i < found[j + 1].at; ++i) {
        if (lines[i].dropped) continue;
        const std::string& t = current_text(in, i);
        // A dated line between dated lines is one more item of a list.
        if (in.blocks[i].words <= kHeaderMaxWords * 2 && may_hold_date(t) && RE2::PartialMatch(t, date_in_line()))
          continue;
        if (lines[i].initial == LineClass::Good || (ends_like_sentence(t) && t.back() != ':') || !title_like(t)) {
          ++with_sentence;
          break;
        }
      }
    }
    if (2 * with_sentence < count - 1) continue;
    std::size_t with_name = 0;
    names.clear();
    for (std::size_t j = first; j <= e; ++j) {
      with_name += found[j].named;
      if (found[j].name != 0) names.push_back(found[j].name);
    }
    // Time stamps alone (a live blog's) are no comment headers.
    if (2 * with_name < count) continue;
    // Many people write comments; one writes a blog's posts.
    std::sort(names.begin(), names.end());
    const std::size_t distinct = static_cast<std::size_t>(std::unique(names.begin(), names.end()) - names.begin());
    const bool many_names = names.size() >= kMinHeaders && distinct >= kManyNamesShare * static_cast<double>(names.size());
    const std::uint32_t max_words = many_names ? kMaxCommentWordsNamed : kMaxCommentWords;
    // The stretch of words after each header up to the next.
    gaps.clear();
    for (std::size_t j = first; j < e; ++j) gaps.push_back(words[found[j + 1].at] - words[found[j].at + 1]);
    const std::uint32_t under_first = prose[found[first + 1].at] - prose[found[first].at + 1];
    later.assign(gaps.begin() + 1, gaps.end());
    const std::uint32_t usual_later = median(later);
    if (count >= kMinHeaders + 1 && under_first >= kMinArticleWords && under_first >= 2 * usual_later) {
      // The first header is the article's byline, its prose under it.
      if (usual_later > max_words) continue;
      thread.found = true;
      thread.start = found[first + 1].at;
      thread.headers = count - 1;
      return thread;
    }
    if (prose[found[first].at] >= kMinArticleWords && median(gaps) <= max_words) {
      thread.found = true;
      thread.start = found[first].at;
      thread.headers = count;
      return thread;
    }
  }
  return thread;
}

std::size_t comment_form_start(const HeuristicInput& in, const std::vector<PageLine>& lines) {
  static constexpr std::string_view kFormRules[] = {"comments/comment-form-field", "comments/comment-form-notice",
                                                    "comments/you-must-be-logged", "comments/comments-prompt"};
  std::uint32_t prose = 0;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (!lines[k].dropped) {
      if (lines[k].initial == LineClass::Good) prose += lines[k].words;
      continue;
    }
    if (prose < kMinArticleWords) continue;
    const std::string& reason = in.verdicts[k].reason;
    for (std::string_view id : kFormRules)
      if (reason == id) return k;
  }
  return lines.size();
}

}  // namespace newsclean
