// Zones: where a block stands relative to the body of the article.
//
// A "prose" block is a paragraph of at least 20 words that ends like a
// sentence. Head is everything before the first prose block (headline,
// standfirst, bylines, read-time lines), tail everything after the last one
// (source lines, prompts, footers), body the rest. A text with no prose
// block is all body.
#pragma once

#include <vector>

#include "newsclean/block.h"

namespace newsclean {

bool is_prose(const Block& block);
std::vector<Zone> compute_zones(const std::vector<Block>& blocks);

// True when the text ends like a sentence: . ! ? or one of them (or ':')
// followed by closing quotes or brackets.
bool ends_like_sentence(const std::string& text);

}  // namespace newsclean
