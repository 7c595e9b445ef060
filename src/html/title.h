// The block that repeats the page's title (og:title or <title>): the
// article's own headline, the strongest evidence of where the article stands.
#pragma once

#include <string>
#include <vector>

#include "html/tree.h"

namespace newsclean::html {

// The block that repeats the page's title, or -1 when none does. A block
// that repeats one part of the title only ("Site Name: Post title") counts
// too, with *part_only set; when blocks repeat two different parts, the
// first block of the second part: the site's name comes first on the page,
// in its masthead. Blocks in lists, captions, table rows, hidden parts and
// boilerplate containers, and blocks of more than 40 words, are not titles.
int title_block(const std::vector<Block>& blocks, const std::vector<int>& owner, const std::vector<Node>& nodes,
                const std::vector<int>& boiler_anc, const std::vector<std::string>& titles, bool* part_only);

}  // namespace newsclean::html
