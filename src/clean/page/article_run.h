// The article's run in a page dump: the stretch of lines where
// sentence-like lines outweigh labels, found as a maximum-sum segment over
// the classified lines (see lines.h). A good line adds its words, a
// near-good one a quarter of them; a label, a menu item or a line a rule
// dropped costs a few; a line dropped as the start of comments or a footer
// costs so much that the run seldom crosses it. The headline before the
// prose weighs in: a line that repeats the page's title (the first line of
// a dump) adds a bonus, so that of two runs of prose the one under the
// headline wins, even when a sidebar or a bio holds more words. The run's
// end is counted again, more strictly: prose after a stretch of chrome that
// holds little next to the run (a newsletter box, a bio, teasers with their
// blurbs) is left out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "clean/page/lines.h"

namespace newsclean {

struct ArticleRun {
  bool found = false;
  std::size_t first = 0, last = 0;   // block indices, inclusive
  std::size_t headline = static_cast<std::size_t>(-1);  // block index, or -1
  bool headline_matches_title = false;
  std::uint32_t good_words = 0;      // words of the run's sentence-like lines
  std::uint32_t good_lines = 0;
  std::uint32_t outside_good_words = 0;  // the same outside the run
  // Where the run would end but for the strict count of its end (see
  // article_run.cc), or -1.
  std::size_t loose_last = static_cast<std::size_t>(-1);
  // Where the run's body starts when the run was taken up to the headline
  // over its lede (see article_run.cc); else `first`. Menus between the
  // lede and the body (a table of contents) are not the article's.
  std::size_t body_first = 0;
};

// Marks the lines after the first that repeat the page's title (the first
// line of a dump is the page's <title>, which holds the headline and the
// site's name): a headline, or a link to the page. A marked line holds the
// number of the title's content words it repeats; others hold 0. With
// `only`, the lines it does not mark are not looked at and hold 0.
void title_lines(const HeuristicInput& in, std::vector<char>& titled, const std::vector<char>* only = nullptr);

// The same as title_lines as far as find_article_run(in, lines, titled, end)
// can tell, for less: a line that repeats the title earns something there
// only over prose, unless no such line is over prose, so those lines are
// looked at first and the others only if none of them repeats it.
void title_lines_for_run(const HeuristicInput& in, const std::vector<PageLine>& lines, std::size_t end,
                         std::vector<char>& titled);

// Finds the run among lines [0, end) only: what follows `end` (a comment
// thread) is neither in the run nor counted against it. `titled` comes from
// title_lines; the lines that earn the headline's bonus stay marked.
ArticleRun find_article_run(const HeuristicInput& in, const std::vector<PageLine>& lines, std::vector<char>& titled,
                            std::size_t end);

// For --explain: which run was taken and why, in a sentence.
std::string describe_run(const HeuristicInput& in, const ArticleRun& run);

}  // namespace newsclean
