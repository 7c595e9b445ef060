// heading/empty-section: a heading of the page's markup (h1-h6) under which
// nothing was kept. Its section runs to the next kept heading of the same
// or a higher level; when every block in it went (a related-links list, a
// tag cloud, a sign-up form the rules and the extractor dropped) the heading
// is the label of that chrome, not of article text: "Weiterführende Links",
// "Schlagworte", "Das könnte dich auch interessieren". A heading with a kept
// sub-heading and nothing else under either goes as well. Headings of more
// than kMaxWords words are left alone: a site that sets its paragraphs in
// heading tags. Text input has no tags, so it is never touched there.
#pragma once

#include "clean/heuristics.h"

namespace newsclean {

void mark_empty_sections(HeuristicInput& in);

}  // namespace newsclean
