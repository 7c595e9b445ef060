#include "clean/page/article_run.h"

#include <algorithm>
#include <array>

#include "clean/zones.h"
#include "text/lang.h"
#include "text/word_scan.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// What a line that is not sentence-like costs: a label in full, a short
// line that is no label (a list item) or one in a small gap between good
// lines a little.
constexpr long kLinePenalty = 4;
constexpr long kWeakPenalty = 1;
// A near-good line (a teaser, a caption) is worth this part of its words.
constexpr long kNearGoodShare = 4;
constexpr std::size_t kSmallGap = 3;
constexpr long kBarrierPenalty = 40;
// The run's end, counted again strictly: a label or a line a rule dropped
// costs kStrictPenalty, any other line that is not sentence-like, and a
// teaser's title among sentence-like ones, kStrictWeakPenalty. The
// article's own prose stands that count; a newsletter box, a bio, a list of
// teasers with their blurbs or a cookie notice after a stretch of chrome
// does not. The strict end is taken when the run up to it keeps this share
// of the run's sentence-like words.
constexpr long kStrictPenalty = 30;
constexpr long kStrictWeakPenalty = 8;
constexpr double kStrictKeep = 0.8;
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
// The headline over a lede is looked for this many lines before a run that
// starts under no headline; the lede holds this many words of prose (near-good
// lines too).
constexpr std::size_t kLedeReach = 60;
constexpr std::uint32_t kLedeWords = 10;
// A run with no sentence-like line holds a brief when its near-good lines
// have this many words.
constexpr std::uint32_t kBriefWords = 12;

std::uint64_t word_hash(const char* w, std::size_t len) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a, lower case
  for (std::size_t k = 0; k < len; ++k) h = (h ^ static_cast<unsigned char>(ascii_lower(w[k]))) * 1099511628211ULL;
  return h;
}

// Calls f(word, length, packed key) for each word of two bytes or more.
template <typename F>
void for_each_word(std::string_view t, F&& f) {
  scan_words(t, [&](const unsigned char* w, std::size_t len, std::uint64_t key) {
    if (len >= 2) f(reinterpret_cast<const char*>(w), len, key);
    return true;
  });
}

// Content words of a line: lower case, function words and one-letter
// words left out; by hash, sorted and unique.
void content_words(std::string_view t, std::vector<std::uint64_t>& out) {
  out.clear();
  for_each_word(t, [&](const char* p, std::size_t len, std::uint64_t key) {
    if (!is_any_stopword_key(key, len)) out.push_back(word_hash(p, len));
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// A line that makes the title line over it a headline over prose.
bool prose_under_title(const PageLine& l) {
  return !l.dropped && l.final == LineClass::Good && (l.initial == LineClass::Good || l.initial == LineClass::NearGood);
}

// What a line adds to the run; `strict` for the stricter count of the run's
// end.
long line_score(const PageLine& l, std::size_t gap, bool strict) {
  if (strict) {
    if (l.dropped) return l.barrier ? -kBarrierPenalty : -kStrictPenalty;
    if (l.final != LineClass::Good) {
      if (gap <= kSmallGap && !l.menu) return -kWeakPenalty;
      return l.label || l.initial == LineClass::Bad ? -kStrictPenalty : -kStrictWeakPenalty;
    }
    if (l.initial != LineClass::Good && l.headline_shape) return -kStrictWeakPenalty;
  }
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
    case LineClass::NearGood: return l.words / kNearGoodShare;
    default: return 0;
  }
}

// The title's content words by packed_key and length, each with the bits of
// the title words (by their place in the sorted hashes) that have them.
class TitleKeys {
 public:
  void add(std::uint64_t key, std::size_t len, std::uint64_t bits) {
    std::size_t i = slot(key, len);
    while (used_[i] && !(keys_[i] == key && lens_[i] == len)) i = (i + 1) & kMask;
    if (!used_[i] && ++size_ >= kSlots / 2) full_ = true;  // only if hashes collide: then every word may count
    used_[i] = true;
    keys_[i] = key;
    lens_[i] = len;
    bits_[i] |= bits;
  }
  std::uint64_t find(std::uint64_t key, std::size_t len) const {
    if (full_) return ~std::uint64_t{0};
    for (std::size_t i = slot(key, len); used_[i]; i = (i + 1) & kMask)
      if (keys_[i] == key && lens_[i] == len) return bits_[i];
    return 0;
  }

 private:
  // Twice the title's 64 words at most: probes stay short.
  static constexpr std::size_t kSlots = 128, kMask = kSlots - 1;
  std::size_t size_ = 0;
  bool full_ = false;
  static std::size_t slot(std::uint64_t key, std::size_t len) {
    return static_cast<std::size_t>(((key ^ len) * 0x9E3779B97F4A7C15ULL) >> 57);
  }
  std::array<std::uint64_t, kSlots> keys_{}, bits_{};
  std::array<std::size_t, kSlots> lens_{};
  std::array<bool, kSlots> used_{};
};

}  // namespace

// Lines after the first that repeat the page's title (the first line of a
// dump is the page's <title>, which holds the headline and the site's name).
void title_lines(const HeuristicInput& in, std::vector<char>& out, const std::vector<char>* only) {
  out.assign(in.blocks.size(), 0);
  const std::size_t n = in.blocks.size();
  if (n < 2) return;
  const Block& first = in.blocks[0];
  if (first.words < kTitleMinWords || first.words > kTitleMaxWords) return;
  thread_local std::vector<std::uint64_t> title, line;
  content_words(first.text, title);
  if (title.size() < 2 || title.size() > 64) return;
  const std::size_t least = static_cast<std::size_t>(kTitleShare * static_cast<double>(title.size()) + 0.999);
  // A first count by the words' first 8 bytes and length, which cost a load
  // and a few operations per word: it counts every title word the line
  // holds, and maybe a few more (two words that agree on both), so a line
  // it finds short of the title's words is short of them. The few lines
  // left are counted again by hash.
  TitleKeys keys;
  for_each_word(first.text, [&](const char* p, std::size_t len, std::uint64_t key) {
    const std::uint64_t h = word_hash(p, len);
    const auto it = std::lower_bound(title.begin(), title.end(), h);
    if (it == title.end() || *it != h) return;  // a function word
    keys.add(key, len, std::uint64_t{1} << (it - title.begin()));
  });
  for (std::size_t i = 1; i < n; ++i) {
    if (!alive(in, i) || (only != nullptr && !(*only)[i])) continue;
    const Block& b = in.blocks[i];
    if (b.words < kTitleMinWords || b.words > kTitleMaxWords) continue;
    const std::string& t = current_text(in, i);
    std::uint64_t maybe = 0;
    scan_words(t, [&](const unsigned char*, std::size_t len, std::uint64_t key) {
      if (len >= 2) maybe |= keys.find(key, len);
      return true;
    });
    const auto m = static_cast<std::size_t>(__builtin_popcountll(maybe));
    if (m < least || m < 2) continue;
    // Then exactly: the title's words the line holds, by hash.
    std::uint64_t seen = 0;
    for_each_word(t, [&](const char* p, std::size_t len, std::uint64_t) {
      const std::uint64_t h = word_hash(p, len);
      const auto it = std::lower_bound(title.begin(), title.end(), h);
      if (it != title.end() && *it == h) seen |= 1ULL << (it - title.begin());
    });
    const auto s = static_cast<std::size_t>(__builtin_popcountll(seen));
    if (s < least || s < 2) continue;
    content_words(t, line);
    if (line.size() < 2) continue;
    if (s >= kTitleLineShare * line.size() && s >= kTitleShare * title.size()) out[i] = static_cast<char>(s);
  }
}

void title_lines_for_run(const HeuristicInput& in, const std::vector<PageLine>& lines, std::size_t end,
                         std::vector<char>& titled) {
  const std::size_t n = std::min(end, lines.size());
  // The lines over prose, as find_article_run counts them: prose among the
  // next kProseUnderTitle lines that are not dropped, before `end`. Walked
  // from the bottom: `live` counts the lines not dropped so far, and
  // `prose_at` is that count just after the nearest prose line below, so
  // that live - prose_at lines that are not dropped stand between it and
  // the line looked at.
  thread_local std::vector<char> over_prose;
  over_prose.assign(lines.size(), 0);
  std::size_t live = 0, prose_at = 0;
  bool any_prose = false;
  for (std::size_t k = n; k-- > 0;) {
    over_prose[k] = any_prose && live - prose_at < kProseUnderTitle;
    if (lines[k].dropped) continue;
    ++live;
    if (prose_under_title(lines[k])) {
      prose_at = live;
      any_prose = true;
    }
  }
  title_lines(in, titled, &over_prose);
  if (std::any_of(titled.begin(), titled.end(), [](char c) { return c != 0; })) return;
  // No line over prose repeats the title: then every line before `end`
  // that does counts (the lines over prose among them hold 0 already).
  for (std::size_t k = 0; k < n; ++k) over_prose[k] = !over_prose[k];
  title_lines(in, titled, &over_prose);
}

ArticleRun find_article_run(const HeuristicInput& in, const std::vector<PageLine>& lines, std::vector<char>& titled,
                            std::size_t end) {
  ArticleRun run;
  const std::size_t n = std::min(end, lines.size());
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
      over_prose[k] = prose_under_title(lines[j]);
    }
    any_over_prose = any_over_prose || over_prose[k];
  }
  if (any_over_prose)
    for (std::size_t k = 0; k < n; ++k)
      if (!over_prose[k]) titled[k] = 0;
  // Of the lines left, the ones that repeat most of the title: the
  // headline, not the site's name over it ("Crumb & Crust" under the title
  // "Ten Years of Sourdough | Crumb & Crust").
  const char most = n ? *std::max_element(titled.begin(), titled.begin() + static_cast<std::ptrdiff_t>(n)) : 0;
  for (std::size_t k = 0; k < n; ++k) titled[k] = titled[k] == most && most > 0;

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

  // The maximum-sum segment of the lines' scores.
  auto segment = [&](bool strict, std::size_t& first, std::size_t& last) {
    long best = 0, cur = 0;
    std::size_t start = 0;
    bool found = false;
    for (std::size_t k = 0; k < n; ++k) {
      long score = line_score(lines[k], gap[k], strict);
      if (titled[k]) score = std::max(score, 0L) + kTitleBonus;
      if (cur <= 0) {
        cur = 0;
        start = k;
      }
      cur += score;
      if (cur > best) {
        best = cur;
        first = start;
        last = k;
        found = true;
      }
    }
    return found;
  };
  run.found = segment(false, run.first, run.last);
  if (!run.found) return run;
  // The strict count may end the run earlier (its start stays: the
  // headline and a lede the strict count would cut stand there).
  std::size_t strict_first = 0, strict_last = 0;
  if (segment(true, strict_first, strict_last) && strict_first >= run.first && strict_last < run.last) {
    std::uint64_t kept = 0, all = 0;
    for (std::size_t k = run.first; k <= run.last; ++k) {
      if (lines[k].dropped || lines[k].final != LineClass::Good || lines[k].initial != LineClass::Good) continue;
      all += lines[k].words;
      if (k <= strict_last) kept += lines[k].words;
    }
    if (static_cast<double>(kept) >= kStrictKeep * static_cast<double>(all)) {
      run.loose_last = run.last;
      run.last = strict_last;
    }
  }
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

  run.body_first = run.first;
  // A run that starts some way under the headline that repeats the title,
  // with prose between them (a lede over a table of contents, a gallery or
  // a box), starts at the headline: the article begins there.
  if (std::none_of(titled.begin() + static_cast<std::ptrdiff_t>(run.first),
                   titled.begin() + static_cast<std::ptrdiff_t>(std::min(run.last + 1, run.first + kHeadlineWindow)),
                   [](char c) { return c != 0; })) {
    for (std::size_t k = run.first; k-- > 0 && run.first - k <= kLedeReach;) {
      if (!titled[k]) continue;
      std::uint32_t words = 0, count = 0, lede = 0;  // lede: of sentence-like and near-good lines
      for (std::size_t j = k + 1; j < run.first; ++j) {
        if (lines[j].dropped) continue;
        if (lines[j].initial == LineClass::NearGood || lines[j].initial == LineClass::Good) lede += lines[j].words;
        if (lines[j].final == LineClass::Good && lines[j].initial == LineClass::Good) {
          words += lines[j].words;
          ++count;
        }
      }
      if (lede >= kLedeWords) {
        run.body_first = run.first;
        run.first = k;
        run.good_words += words;
        run.good_lines += count;
        run.outside_good_words -= std::min(run.outside_good_words, words);
      }
      break;
    }
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
  if (run.loose_last != static_cast<std::size_t>(-1))
    s += "; it ends before the chrome after " + block_ref(in, run.last) + ", as little prose follows it up to " +
         block_ref(in, run.loose_last);
  return s;
}

}  // namespace newsclean
