// The choice of the article: which container of the page holds it, checked
// against the evidence, and what joins it.
//
// The first candidate is the element with the most article-like text (the
// node values of read_page: prose for it, links and short lines against it,
// semantic and content markup in its favour). Then the choice is checked:
//
//   wider      an ancestor that holds three times its prose is taken instead:
//              the article's paragraphs stand in sibling boxes (a widget per
//              paragraph), or the choice was one paragraph of many
//   title      the block that repeats the page's title heads another
//              container: that one is taken when the choice stands in a panel
//              (a profile, a footer) and holds no more than a blurb's prose or
//              when the panel is a boilerplate word believed only for its
//              prose; when it holds comparable prose; or when it holds a whole
//              article and the choice comes after it (a long comment thread)
//   fallback   a choice with under 30% of the page's prose, and no title over
//              it, gives way to the smallest container holding most of it
//
// Then siblings of the chosen container that weigh as article join it (an
// article split over sibling boxes), and so does the lead between the
// title and the container (a standfirst in the header). Containers set aside
// before (PageModel::set_aside) are never chosen again.
//
// Every step says what it weighed in Choice::candidates, for --explain.
#pragma once

#include <string>
#include <vector>

#include "html/tree.h"

namespace newsclean::html {

struct Choice {
  int root = 0;
  std::vector<int> joined;           // sibling containers that continue the article
  std::vector<std::size_t> lead;     // blocks before the root that head the article
  std::vector<std::string> candidates;  // the containers weighed, the winner first, each with why
};

Choice choose_article(const PageModel& model, const std::vector<Block>& blocks, const std::vector<MarkupToken>& tokens);

}  // namespace newsclean::html
