#include "clean/page/article_run.h"

#include <algorithm>

#include "clean/zones.h"
#include "text/lang.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// What a line that is not sentence-like costs: a label in full, a short
// line that is no label (a list item) or one in a small gap between good
// lines a little.
constexpr long kLinePenalty = 4;
constexpr long kWeakPenalty = 1;
constexpr std::size_t kSmallGap = 3;
constexpr long kBarrierPenalty = 40;
// A line under the title that repeats it: worth this many words of prose.
constexpr long kTitleBonus = 30;
constexpr std::uint32_t kTitleMinWords = 2, kTitleMaxWords = 30;
// A line repeats the title when this share of its content words and of the
// title's stand in the other.
constexpr double kTitleLineShare = 0.6;
constexpr double kTitleShare = 0.4;
// Headline: looked for among the last few lines before the run.
constexpr std::size_t kHeadlineWindow = 4;
constexpr std::uint32_t kHeadlineMinWords = 3;
constexpr std::uint32_t kHeadlineMaxWords = 20;
// The prose under a headline starts within this many lines (a byline, an
// agency, a date line between).
constexpr std::size_t kProseUnderTitle = 8;
// A run with no sentence-like line holds a brief when its near-good lines
// have this many words.
constexpr std::uint32_t kBriefWords = 12;

inline bool word_byte(unsigned char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c >= 0x80; }

// Content words of a line: lower case, function words and one-letter
// words left out; by hash, sorted and unique.
void content_words(std::string_view t, std::vector<std::uint64_t>& out) {
  out.clear();
  std::string w;
  std::size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && !word_byte(static_cast<unsigned char>(t[i]))) ++i;
    const std::size_t s = i;
    while (i < t.size() && word_byte(static_cast<unsigned char>(t[i]))) ++i;
    if (i - s < 2) continue;
    w.assign(t.data() + s, i - s);
    for (char& c : w) c = ascii_lower(c);
    if (is_any_stopword(w)) continue;
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

std::size_t shared(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::size_t n = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++n, ++i, ++j;
  }
  return n;
}

// Lines after the first that repeat the page's title (the first line of a
// dump is the page's <title>, which holds the headline and the site's name).
std::vector<char> title_lines(const HeuristicInput& in) {
  std::vector<char> out(in.blocks.size(), 0);
  const std::size_t n = in.blocks.size();
  if (n < 2) return out;
  const Block& first = in.blocks[0];
  if (first.words < kTitleMinWords || first.words > kTitleMaxWords) return out;
  thread_local std::vector<std::uint64_t> title, line;
  content_words(first.text, title);
  if (title.size() < 2) return out;
  for (std::size_t i = 1; i < n; ++i) {
    if (!alive(in, i)) continue;
    const Block& b = in.blocks[i];
    if (b.words < kTitleMinWords || b.words > kTitleMaxWords) continue;
    content_words(current_text(in, i), line);
    if (line.size() < 2) continue;
    const std::size_t s = shared(title, line);
    if (s >= kTitleLineShare * line.size() && s >= kTitleShare * title.size()) out[i] = 1;
  }
  return out;
}

long line_score(const PageLine& l, std::size_t gap) {
  if (l.dropped) return l.barrier ? -kBarrierPenalty : -kLinePenalty;
  // A label breaks the run; a short line that is no label (a list item,
  // "Duration: 2 to 6 months") only weakly.
  // A few lines between sentence-like ones (a subheading, a short list)
  // cost little: neighbours decide. A long stretch of them (a menu, a
  // sidebar) costs in full.
  if (l.final != LineClass::Good) {
    if (gap <= kSmallGap && !l.menu) return -kWeakPenalty;
    return l.label || l.initial == LineClass::Bad ? -kLinePenalty : -kWeakPenalty;
  }
  switch (l.initial) {
    case LineClass::Good: return l.words;
    case LineClass::NearGood: return l.words / 2;
    default: return 0;
  }
}

}  // namespace

ArticleRun find_article_run(const HeuristicInput& in, const std::vector<PageLine>& lines, std::size_t end) {
  ArticleRun run;
  const std::size_t n = std::min(end, lines.size());
  std::vector<char> titled = title_lines(in);
  // The headline stands over prose: when some line that repeats the title
  // does, one with no sentence-like line under it is a link to the page (in
  // a menu, a list of related posts, "3 Responses to ...") and earns
  // nothing. (When none does, the article is one of short lines: a photo
  // story, a list.)
  thread_local std::vector<char> over_prose;
  over_prose.assign(n, 0);
  bool any_over_prose = false;
  for (std::size_t k = 0; k < n; ++k) {
    if (!titled[k]) continue;
    for (std::size_t j = k + 1, seen = 0; j < n && seen < kProseUnderTitle && !over_prose[k]; ++j) {
      if (lines[j].dropped) continue;
      ++seen;
      over_prose[k] = lines[j].final == LineClass::Good &&
                      (lines[j].initial == LineClass::Good || lines[j].initial == LineClass::NearGood);
    }
    any_over_prose = any_over_prose || over_prose[k];
  }
  if (any_over_prose)
    for (std::size_t k = 0; k < n; ++k) titled[k] = titled[k] && over_prose[k];

  // The length of the stretch of lines that are not good each line stands in.
  thread_local std::vector<std::uint32_t> gap;
  gap.assign(n, 0);
  for (std::size_t k = 0; k < n;) {
    if (!lines[k].dropped && lines[k].final == LineClass::Good) {
      ++k;
      continue;
    }
    std::size_t e = k;
    while (e < n && (lines[e].dropped || lines[e].final != LineClass::Good)) ++e;
    for (std::size_t j = k; j < e; ++j) gap[j] = static_cast<std::uint32_t>(e - k);
    k = e;
  }

  long best = 0, cur = 0;
  std::size_t start = 0;
  for (std::size_t k = 0; k < n; ++k) {
    long score = line_score(lines[k], gap[k]);
    if (titled[k]) score = std::max(score, 0L) + kTitleBonus;
    if (cur <= 0) {
      cur = 0;
      start = k;
    }
    cur += score;
    if (cur > best) {
      best = cur;
      run.first = start;
      run.last = k;
      run.found = true;
    }
  }
  if (!run.found) return run;
  // The run must hold prose, not just the title's bonus: a sentence-like
  // line, or near-good lines enough for a brief of a sentence or two.
  std::uint32_t brief_words = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const PageLine& l = lines[k];
    if (l.dropped || l.final != LineClass::Good) continue;
    const bool inside = k >= run.first && k <= run.last;
    if (l.initial == LineClass::NearGood && inside) brief_words += l.words;
    if (l.initial != LineClass::Good) continue;
    if (inside) {
      run.good_words += l.words;
      ++run.good_lines;
    } else {
      run.outside_good_words += l.words;
    }
  }
  if (run.good_lines == 0 && brief_words < kBriefWords) {
    run.found = false;
    return run;
  }

  // The headline: a line that repeats the title at or before the run's
  // start; else the longest title-like line among the last few before it.
  for (std::size_t k = run.first; k <= run.last && k < run.first + kHeadlineWindow; ++k)
    if (titled[k]) {
      run.headline = k;
      run.headline_matches_title = true;
      break;
    }
  if (run.headline == static_cast<std::size_t>(-1)) {
    std::uint32_t headline_words = 0;
    std::size_t seen = 0;
    for (std::size_t k = run.first; k-- > 0 && seen < kHeadlineWindow;) {
      if (!alive(in, k)) continue;
      ++seen;
      const std::string& t = current_text(in, k);
      const std::uint32_t words = lines[k].words;
      if (words < kHeadlineMinWords || words > kHeadlineMaxWords || ends_like_sentence(t)) continue;
      if (titled[k] || words > headline_words) {
        run.headline = k;
        headline_words = titled[k] ? 1000 : words;
        run.headline_matches_title = titled[k];
      }
    }
  }
  return run;
}

std::string describe_run(const HeuristicInput& in, const ArticleRun& run) {
  std::string s = "the article's run is " + block_range(in, run.first, run.last) + ": " +
                  std::to_string(run.good_words) + " words in " + std::to_string(run.good_lines) +
                  " sentence-like lines";
  if (run.headline != static_cast<std::size_t>(-1))
    s += run.headline_matches_title ? ", under the headline at " + block_ref(in, run.headline) + " that repeats the page's title"
                                    : ", under the headline at " + block_ref(in, run.headline);
  if (run.outside_good_words > 0) s += ", against " + std::to_string(run.outside_good_words) + " such words elsewhere";
  return s;
}

}  // namespace newsclean
