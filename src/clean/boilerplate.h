// Page boilerplate: what a crawl's text dump of a whole web page carries
// around the article (menus, footers, related-story grids, comment forms).
//
// It acts only on documents that look like such a dump, from evidence: a run
// of menu-like lines (1-4 words, unpunctuated, Title Case or UPPER) of at
// least 4 both before the first paragraph of prose and after the last one,
// or a run of 10 on either side, or a run of 5 plus at least 3 menu lines
// outside the prose that the page repeats (desktop and mobile menus).
// Reader-mode text and pasted articles rarely show that; a list of short
// items inside an article does not count, because it stands between
// paragraphs.
//
// In a page-like document it finds the article's main run of prose (the
// stretch of blocks where long, function-word-rich lines outweigh the rest:
// a maximum-sum segment) and drops what lies outside it:
//
//   boilerplate/nav-run    a run of menu-like lines outside the main run
//   boilerplate/page-edge  any other block outside the main run
//
// It keeps the headline (the title-like line just before the main run),
// never drops a block a keep rule protects, and gives up when the blocks
// outside would hold much prose (the segment is then not to be trusted).
//
//   boilerplate/no-article  every block of a text that, after the rest has
//                           run, holds no sentence but a run of menu items
//                           (a page whose article the extraction missed)
#pragma once

#include "clean/heuristics.h"

namespace newsclean {

// What the page detector saw; exposed for tests and measurement.
struct PageEvidence {
  std::uint32_t head_run = 0;  // longest run of menu-like lines before the first prose block
  std::uint32_t tail_run = 0;  // the same after the last prose block
  std::uint32_t repeated = 0;  // menu-like lines outside the prose that the page repeats (desktop and mobile menus)
  bool page_like = false;
};

PageEvidence page_evidence(const HeuristicInput& in);

// Marks boilerplate/nav-run and boilerplate/page-edge drops in page-like
// documents; leaves other documents alone.
void mark_page_boilerplate(HeuristicInput& in);

// Marks every block boilerplate/no-article in a text that holds no article:
// no block left ends like a sentence, the blocks left hold a run of at
// least 4 menu-like lines, and rules or heuristics dropped some block.
// Runs after every other heuristic.
void mark_no_article(HeuristicInput& in);

// Exposed for tests: a menu-like line ("Home", "World News", "ABOUT US").
bool is_menu_like(const Block& block, const std::string& text);

}  // namespace newsclean
