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

// Whether the blocks after `marker` that are still kept (gone[k] == 0) read
// as the article's own last paragraphs rather than as what end-of-article
// chrome leads into: one to three kept blocks follow, one of them at least a
// sentence (four words or more ending in . ! or ?), and at most one is not
// (the one headline a "Mehr zum Thema" link shows). A related link with the
// last paragraph after it is an in-body link; a list of headlines, cards or
// a footer after it is the end.
bool article_prose_follows(const std::vector<Block>& blocks, std::size_t marker, const std::vector<char>& gone);

// True when the text ends like a sentence: . ! ? or one of them (or ':')
// followed by closing quotes or brackets.
bool ends_like_sentence(const std::string& text);

}  // namespace newsclean
