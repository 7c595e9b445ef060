#include "clean/boilerplate.h"

#include <algorithm>
#include <string>

#include "clean/zones.h"
#include "text/lang.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// Menu items are a few words; the navigation evidence wants runs of them.
constexpr std::uint32_t kMenuMaxWords = 4;
constexpr std::uint32_t kMenuMaxChars = 40;
// Page-like: a run of at least kEdgeRun menu-like lines on both sides of
// the prose, or at least kStrongRun on one side.
constexpr std::uint32_t kEdgeRun = 4;
constexpr std::uint32_t kStrongRun = 10;
// Or: at least kRepeatedMenu repeated menu lines and a run of kRepeatRun.
constexpr std::uint32_t kRepeatedMenu = 3;
constexpr std::uint32_t kRepeatRun = 5;
// Segment scores: a line of running prose adds its words, any other line
// costs kLinePenalty.
constexpr std::uint32_t kSegmentMinWords = 12;
constexpr double kSegmentStopShare = 0.25;
constexpr long kLinePenalty = 4;
// Give up when the prose outside the segment reaches this share of the prose
// inside it: the article is then split or the segment picked the wrong part.
constexpr double kMaxOutsideProse = 0.5;
// Headline: looked for among the last few blocks before the segment.
constexpr std::size_t kHeadlineWindow = 4;
constexpr std::uint32_t kHeadlineMinWords = 3;
constexpr std::uint32_t kHeadlineMaxWords = 20;
// A run of at least this many menu-like lines is reported as nav-run.
constexpr std::uint32_t kNavRunReport = 3;

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

std::uint32_t current_words(const HeuristicInput& in, std::size_t i) {
  return in.verdicts[i].decision == Decision::Edit ? count_words(in.verdicts[i].text) : in.blocks[i].words;
}

// Every word starts with a capital, a digit or a symbol, except short
// function words after the first ("Terms of Use", "ABOUT US", "Home").
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

// Share of function words among the words of a line, in any language the
// language guesser knows: running prose has many, lists and teasers few.
double stopword_share(std::string_view t) {
  const FunctionWordCount c = count_function_words(t);
  return c.words ? static_cast<double>(c.function_words) / c.words : 0.0;
}

// Longest run of consecutive menu-like blocks in [from, to). A run that a
// line ending in ':' introduces is a list the text announces ("Our sponsors:"),
// not navigation, so it does not count.
std::uint32_t longest_run(const std::vector<char>& menu, const std::vector<Block>& blocks, std::size_t from,
                          std::size_t to) {
  std::uint32_t best = 0, cur = 0;
  bool announced = false;
  for (std::size_t k = from; k < to; ++k) {
    if (!menu[k]) {
      cur = 0;
      continue;
    }
    if (cur == 0) announced = k > 0 && !blocks[k - 1].text.empty() && blocks[k - 1].text.back() == ':';
    ++cur;
    if (!announced && cur > best) best = cur;
  }
  return best;
}

std::uint64_t lowercase_hash(std::string_view t) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (char c : t) h = (h ^ static_cast<unsigned char>(ascii_lower(c))) * 1099511628211ULL;
  return h;
}

struct Scan {
  std::vector<std::size_t> alive;  // indices of the blocks still kept
  std::vector<char> menu;          // per entry of `alive`
  // The evidence looks at every block, the ones rules dropped too: a menu
  // is evidence of a page whether or not a rule took some of its items.
  std::vector<char> all_menu;
  const std::vector<Block>* blocks = nullptr;
  std::size_t all_first = 0, all_last = 0;
  bool all_has_prose = false;
};

void scan(const HeuristicInput& in, Scan& s) {
  s.alive.clear();
  s.menu.clear();
  s.all_has_prose = false;
  s.all_menu.assign(in.blocks.size(), 0);
  s.blocks = &in.blocks;
  bool any = false;
  for (std::size_t i = 0; i < in.blocks.size(); ++i) {
    const Block& b = in.blocks[i];
    s.all_menu[i] = is_menu_like(b, b.text) ? 1 : 0;
    if (is_prose(b)) {
      if (!any) s.all_first = i;
      any = true;
      s.all_has_prose = true;
      s.all_last = i;
    }
    if (!alive(in, i)) continue;
    s.alive.push_back(i);
    // An edited block is judged on its text after the cut; the others as above.
    const bool edited = in.verdicts[i].decision == Decision::Edit;
    s.menu.push_back(edited ? (is_menu_like(b, in.verdicts[i].text) ? 1 : 0) : s.all_menu[i]);
  }
}

PageEvidence evidence_of(const Scan& s) {
  PageEvidence e;
  const std::size_t n = s.all_menu.size();
  if (s.all_has_prose) {
    e.head_run = longest_run(s.all_menu, *s.blocks, 0, s.all_first);
    e.tail_run = longest_run(s.all_menu, *s.blocks, s.all_last + 1, n);
  } else {
    e.head_run = longest_run(s.all_menu, *s.blocks, 0, n);
  }
  // Menus repeated (desktop and mobile, header and footer): distinct
  // menu-like lines outside the prose that occur more than once.
  {
    // A line stands for its lower-case text by a 64-bit hash: sorting
    // integers instead of copied strings, and a collision among the few
    // dozen menu lines of a page is too unlikely to weigh.
    thread_local std::vector<std::pair<std::uint64_t, char>> items;
    items.clear();
    const std::size_t n = s.all_menu.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (!s.all_menu[i]) continue;
      const bool outside = !s.all_has_prose || i < s.all_first || i > s.all_last;
      items.emplace_back(lowercase_hash((*s.blocks)[i].text), outside ? 1 : 0);
    }
    std::sort(items.begin(), items.end());
    for (std::size_t a = 0; a < items.size();) {
      std::size_t b = a;
      bool outside = false;
      for (; b < items.size() && items[b].first == items[a].first; ++b)
        if (items[b].second) outside = true;
      if (b - a >= 2 && outside) ++e.repeated;
      a = b;
    }
  }
  e.page_like = (e.repeated >= kRepeatedMenu && std::max(e.head_run, e.tail_run) >= kRepeatRun) || (e.head_run >= kEdgeRun && e.tail_run >= kEdgeRun) || e.head_run >= kStrongRun ||
                e.tail_run >= kStrongRun;
  return e;
}

}  // namespace

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

PageEvidence page_evidence(const HeuristicInput& in) {
  Scan s;
  scan(in, s);
  return evidence_of(s);
}

void mark_page_boilerplate(HeuristicInput& in) {
  const bool nav_run = heuristic_enabled(in, "boilerplate/nav-run");
  const bool page_edge = heuristic_enabled(in, "boilerplate/page-edge");
  if (!nav_run && !page_edge) return;
  thread_local Scan s;
  scan(in, s);
  if (!evidence_of(s).page_like) return;
  const std::size_t n = s.alive.size();

  // The main run of prose: a maximum-sum segment over the kept blocks.
  long best = 0, cur = 0;
  std::size_t start = 0, best_a = 0, best_b = 0;
  bool found = false;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = s.alive[k];
    const std::uint32_t words = current_words(in, i);
    long score = 0;
    if (words >= kSegmentMinWords && stopword_share(current_text(in, i)) >= kSegmentStopShare)
      score = static_cast<long>(words);
    else if (words > 0)
      score = -kLinePenalty;
    if (cur <= 0) {
      cur = 0;
      start = k;
    }
    cur += score;
    if (cur > best) {
      best = cur;
      best_a = start;
      best_b = k;
      found = true;
    }
  }
  if (!found) return;

  // Trust the segment only when it holds nearly all the prose.
  std::uint64_t inside = 0, outside = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = s.alive[k];
    const std::uint32_t words = current_words(in, i);
    if (words < kSegmentMinWords || !ends_like_sentence(current_text(in, i))) continue;
    (k >= best_a && k <= best_b ? inside : outside) += words;
  }
  if (static_cast<double>(outside) >= kMaxOutsideProse * static_cast<double>(inside == 0 ? 1 : inside)) return;

  // The headline: the longest title-like line among the last few before the segment.
  std::size_t headline = n;
  std::uint32_t headline_words = 0;
  for (std::size_t d = 1; d <= kHeadlineWindow && d <= best_a; ++d) {
    const std::size_t k = best_a - d;
    const std::size_t i = s.alive[k];
    const std::uint32_t words = current_words(in, i);
    if (words < kHeadlineMinWords || words > kHeadlineMaxWords || ends_like_sentence(current_text(in, i))) continue;
    if (words > headline_words) {
      headline = k;
      headline_words = words;
    }
  }

  // Length of the menu-like run each block stands in (0 for other blocks).
  thread_local std::vector<std::uint32_t> run;
  run.assign(n, 0);
  for (std::size_t k = 0; k < n;) {
    if (!s.menu[k]) {
      ++k;
      continue;
    }
    std::size_t e = k;
    while (e < n && s.menu[e]) ++e;
    for (std::size_t j = k; j < e; ++j) run[j] = static_cast<std::uint32_t>(e - k);
    k = e;
  }

  // The notes are the same for many blocks: each is written once and copied.
  const std::string range = block_range(in, s.alive[best_a], s.alive[best_b]);
  const std::string before = "before the article's main run of prose (" + range + ") in a page-like text";
  const std::string after = "after the article's main run of prose (" + range + ") in a page-like text";
  std::string in_run;
  std::uint32_t in_run_length = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (k >= best_a && k <= best_b) continue;
    if (k == headline) continue;
    const std::size_t i = s.alive[k];
    if (in.protect[i]) continue;
    if (!(run[k] >= kNavRunReport ? nav_run : page_edge)) continue;
    Verdict& v = in.verdicts[i];
    v.decision = Decision::Drop;
    v.text.clear();
    if (run[k] >= kNavRunReport) {
      if (run[k] != in_run_length) {
        in_run_length = run[k];
        in_run = "in a run of " + std::to_string(run[k]) + " menu-like lines outside the article's main run of prose (" +
                 range + ")";
      }
      v.reason = "boilerplate/nav-run";
      v.detail = in_run;
    } else {
      v.reason = "boilerplate/page-edge";
      v.detail = k < best_a ? before : after;
    }
  }
}

// A page with no article: once the rules and the other heuristics have had
// their say, no line left ends like a sentence, and what is left holds a
// run of menu-like lines. Reader-mode extraction gives such text when it
// misses a page's article and returns its menus, a sale banner and the
// footer; a crawl gives it for a landing or shop page. A person wants
// nothing from it. Rules must have dropped something (a copyright line, a
// sign-up prompt): a bare list of titles that someone pastes on purpose
// stays. One sentence anywhere (a news brief of two lines) keeps it all.
void mark_no_article(HeuristicInput& in) {
  if (!heuristic_enabled(in, "boilerplate/no-article")) return;
  const std::size_t n = in.blocks.size();
  bool dropped = false;
  std::uint32_t run = 0, best = 0;
  std::size_t run_start = 0, best_start = 0, best_end = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!alive(in, i)) {
      dropped = true;
      continue;  // a dropped line does not break a run of menu items around it
    }
    const std::string& t = current_text(in, i);
    if (ends_like_sentence(t)) return;
    if (!is_menu_like(in.blocks[i], t)) {
      run = 0;
      continue;
    }
    if (run++ == 0) run_start = i;
    if (run > best) best = run, best_start = run_start, best_end = i;
  }
  if (!dropped || best < kEdgeRun) return;
  const std::string note = "no line left ends like a sentence, and " + block_range(in, best_start, best_end) +
                           " are a run of " + std::to_string(best) + " menu-like lines: a page with no article";
  drop_rest(in, 0, "boilerplate/no-article", note);
}

}  // namespace newsclean
