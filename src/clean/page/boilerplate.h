// Page boilerplate: what a crawl's text dump of a whole web page carries
// around the article (menus, sidebars, footers, comment forms). The
// heuristics of the `boilerplate` category live in this folder, one file a
// family:
//
//   lines.{h,cc}        what each line is: menu item, repeated label,
//                       sentence-like prose, in the context of its neighbours
//   evidence.cc         whether the text is a page dump at all (its menus)
//   article_run.{h,cc}  the article's run: the stretch of sentence-like lines
//                       under the headline
//   thread.{h,cc}       boilerplate/comment-run: where the comment thread (or
//                       a comment form) under the article begins
//   page_edge.cc        boilerplate/nav-run and boilerplate/page-edge: what
//                       lies outside the run
//   no_article.cc       boilerplate/no-article: a text with no article at all
//
// nav-run and page-edge act on text input only (in HTML the extractor has
// chosen the article's container from the markup), and there only on
// documents that look like a page dump, from
// evidence: runs of menu-like lines (1-4 words, unpunctuated, Title Case or
// UPPER) before and after the prose, or menus the page repeats (desktop and
// mobile); or, for text input, many label-like lines outside the article's
// run. Reader-mode text and pasted articles rarely show that.
//
//   boilerplate/nav-run    a run of menu-like lines outside the article's run
//   boilerplate/page-edge  any other line outside the article's run
//   boilerplate/comment-run the comment thread under the article, and all
//                          after it
//   boilerplate/no-article every block of a text that, after the rest has
//                          run, holds no sentence but a run of menu items
//                          (a page whose article the extraction missed)
//
// They keep the headline (the line before the run that repeats the page's
// title, or else a title-like line just before it), never drop a block a
// keep rule protects, and give up when the lines outside the run hold much
// prose (the run is then not to be trusted).
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

// `menu`, when given, receives is_menu_like of each block's text as it came.
PageEvidence page_evidence(const HeuristicInput& in, std::vector<char>* menu = nullptr);

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
