// boilerplate/nav-run and boilerplate/page-edge: in a page dump, what lies
// outside the article's run (see article_run.h). A line in a run of
// menu-like lines is nav-run, any other page-edge.
#include <algorithm>
#include <string>

#include "clean/page/article_run.h"
#include "clean/page/boilerplate.h"
#include "clean/page/thread.h"
#include "clean/zones.h"

namespace newsclean {

namespace {

// A run of at least this many menu-like lines is reported as nav-run.
constexpr std::uint32_t kNavRunReport = 3;
// The run is not trusted when the sentence-like words outside it reach this
// share of those inside it: the article is then split, or the run is the
// wrong one. Only the menus and repeated labels at the page's edges (before
// the first sentence-like line, after the last) go then, and only when the
// run holds a paragraph or two at least (else the page has no article to
// speak of, and nothing goes).
constexpr double kMaxOutsideProse = 0.5;
constexpr double kMaxOutsideProseTitled = 1.0;
constexpr std::uint32_t kUntrustedMinWords = 60;
// Text input with no menus to show for it is a page dump still when this
// many label-like lines stand outside the article's run, and they are this
// share of its lines at least: a reader-mode text has a few around its
// article (seven at most on the bench), a page dump dozens, however long
// its article.
constexpr std::uint32_t kOutsideLabels = 8;
constexpr double kOutsideLabelShare = 0.05;

bool labels_outside(const std::vector<PageLine>& lines, const ArticleRun& run, std::size_t end, std::uint32_t least) {
  std::uint32_t labels = 0, live = 0;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (lines[k].dropped) continue;
    ++live;
    if (k >= run.first && k <= run.last) continue;
    // A comment thread (from `end` on) is page furniture as a menu is.
    if (k >= end || lines[k].final == LineClass::Bad) ++labels;
  }
  return labels >= least && labels >= kOutsideLabelShare * live;
}

}  // namespace

void mark_page_boilerplate(HeuristicInput& in) {
  const bool nav_run = heuristic_enabled(in, "boilerplate/nav-run");
  const bool page_edge = heuristic_enabled(in, "boilerplate/page-edge");
  if (!nav_run && !page_edge) return;
  // In HTML the extractor chose the article's container from the markup;
  // cutting it again by the shape of a page dump only takes its structured
  // parts (a product's details, a recipe's lines) for menus.
  if (in.page_index != nullptr) return;
  thread_local std::vector<char> menu_like;
  const bool menus = page_evidence(in, &menu_like).page_like;
  if (!menus) {
    // Cheap checks first, for most texts: without menus, a page dump needs
    // a title line and enough short lines to be labels outside the run.
    if (in.blocks.empty() || in.blocks[0].words < 2 || in.blocks[0].words > 30) return;
    std::uint32_t short_lines = 0;
    for (const Block& b : in.blocks) short_lines += b.chars < 70;
    if (short_lines < kOutsideLabels) return;
  }

  // Without menus, a page dump must show its headline under the title
  // line (see below): most texts show none and stop here.
  thread_local std::vector<char> titled;
  if (!menus) {
    title_lines(in, titled);
    if (std::all_of(titled.begin(), titled.end(), [](char c) { return c == 0; })) return;
  }

  thread_local std::vector<PageLine> lines;
  describe_page_lines(in, menus, menu_like, lines);
  // A comment thread under the article ends the part of the page the run
  // is looked for in.
  const CommentThread thread = find_comment_thread(in, lines);
  // So does a comment form under it.
  const std::size_t form = comment_form_start(in, lines);
  std::size_t end = thread.found ? thread.start : lines.size();
  end = std::min(end, form);
  if (menus) title_lines_for_run(in, lines, end, titled);
  const ArticleRun run = find_article_run(in, lines, titled, end);
  if (!run.found) return;
  // Without menus to show for it, a text is a page dump when the run sits
  // under a line that repeats the page's title and many labels stand
  // outside it: reader-mode text seldom has both.
  const bool page_like =
      menus || (run.headline_matches_title && labels_outside(lines, run, end, kOutsideLabels));
  if (!page_like) return;
  // A run under the title's headline is trusted further.
  const double give_up = run.headline_matches_title ? kMaxOutsideProseTitled : kMaxOutsideProse;
  bool trusted = run.outside_good_words < give_up * run.good_words;
  if (trusted && !run.headline_matches_title) {
    // The same on plain sentences of 12 words or more, which catches prose
    // that the function-word test holds to be near-good only (tables of
    // specifications, product blurbs).
    std::uint64_t inside = 0, outside = 0;
    for (std::size_t k = 0; k < end; ++k) {
      if (lines[k].dropped || lines[k].words < 12 || !ends_like_sentence(current_text(in, k))) continue;
      (k >= run.first && k <= run.last ? inside : outside) += lines[k].words;
    }
    if (static_cast<double>(outside) >= give_up * static_cast<double>(inside == 0 ? 1 : inside)) trusted = false;
  }
  if (!trusted && run.good_words < kUntrustedMinWords) return;

  const std::size_t n = lines.size();
  // The page's first and last sentence-like lines: an untrusted run leaves
  // all between them.
  std::size_t prose_first = n, prose_last = 0;
  for (std::size_t k = 0; k < end; ++k)
    if (!lines[k].dropped && lines[k].initial == LineClass::Good) {
      prose_first = std::min(prose_first, k);
      prose_last = k;
    }
  // Length of the run of menu-like lines each kept line stands in (0 for
  // other lines); lines a rule dropped neither break nor count.
  thread_local std::vector<std::uint32_t> menu_run;
  menu_run.assign(n, 0);
  for (std::size_t k = 0; k < n;) {
    if (lines[k].dropped || !lines[k].menu) {
      ++k;
      continue;
    }
    std::size_t e = k, count = 0;
    for (; e < n && (lines[e].dropped || lines[e].menu); ++e) count += !lines[e].dropped;
    for (std::size_t j = k; j < e; ++j) menu_run[j] = static_cast<std::uint32_t>(count);
    k = e;
  }

  // The notes are the same for many blocks: each is written once and copied.
  const std::string why = describe_run(in, run) +
                          (trusted ? "" : "; not trusted, as much prose stands elsewhere: only menus and repeated "
                                          "labels at the page's edges go");
  const std::string before = "before the article's run in a page dump (" + why + ")";
  std::string after = "after the article's run in a page dump (" + why;
  if (form < lines.size() && form == end) after += "; a comment form starts at " + block_ref(in, form);
  after += ")";
  const bool comment_run = thread.found && heuristic_enabled(in, "boilerplate/comment-run");
  const std::string in_thread =
      thread.found ? "in the comment thread under the article: " + std::to_string(thread.headers) +
                         " comment headers (a name, a date) from " + block_ref(in, thread.start) +
                         ", every few lines"
                   : std::string();
  std::string in_run;
  std::uint32_t in_run_length = 0;
  for (std::size_t k = 0; k < n; ++k) {
    // Inside the run, only a menu between the lede and the body goes.
    const bool in_lede_gap = k > run.first && k < run.body_first && menu_run[k] >= kNavRunReport;
    if (k >= run.first && k <= run.last && !in_lede_gap) continue;
    if (k == run.headline) continue;
    if (lines[k].dropped || in.protect[k]) continue;
    if (!trusted) {
      const bool edge = k < prose_first || k > prose_last;
      const bool furniture = lines[k].final == LineClass::Bad && (menu_run[k] >= kNavRunReport || lines[k].repeated);
      if (!edge || !furniture) continue;
    }
    if (thread.found && k >= thread.start) {
      if (comment_run) drop(in, k, "boilerplate/comment-run", in_thread);
      continue;
    }
    const bool menu = menu_run[k] >= kNavRunReport;
    if (!(menu ? nav_run : page_edge)) continue;
    Verdict& v = in.verdicts[k];
    v.decision = Decision::Drop;
    v.text.clear();
    if (menu) {
      if (menu_run[k] != in_run_length) {
        in_run_length = menu_run[k];
        in_run = "in a run of " + std::to_string(menu_run[k]) + " menu-like lines outside the article's run (" +
                 block_range(in, run.first, run.last) + ")";
      }
      v.reason = "boilerplate/nav-run";
      if (in.notes)
        v.detail = in_lede_gap ? "in a run of " + std::to_string(menu_run[k]) +
                                     " menu-like lines between the lede and the body of the article's run (" +
                                     block_range(in, run.first, run.last) + "), a table of contents"
                               : in_run;
    } else {
      v.reason = "boilerplate/page-edge";
      if (in.notes) v.detail = k < run.first ? before : after;
    }
  }
}

}  // namespace newsclean
