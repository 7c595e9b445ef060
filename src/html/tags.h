// What the extractor's walk makes of an element, shared by the walk
// (page.cc) and the pre-pass (prepass.cc), which must agree on it: the
// pre-pass leaves out an empty block element only where the walk would
// have started a new block anyway.
#pragma once

#include <gumbo.h>

namespace newsclean::html {

// True for the elements at which the walk starts a new block (unknown
// elements included: custom elements usually hold blocks).
bool is_block_tag(GumboTag tag);

}  // namespace newsclean::html
