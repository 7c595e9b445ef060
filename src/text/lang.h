// A cheap guess of a document's language from its most common function
// words, so that rules scoped by language (`lang=de`) switch on by
// themselves. Returns "" when no language has enough evidence.
#pragma once

#include <string>
#include <vector>

#include "newsclean/block.h"

namespace newsclean {

std::string guess_language(const std::vector<Block>& blocks);

// True when `word` (lower-case ASCII or UTF-8) is a function word of `lang`
// ("en" has the largest list; used for stopword density).
bool is_stopword(const std::string& lang, std::string_view word);

// True when `word` (lower case) is a function word of any language above:
// one lookup instead of one per language.
bool is_any_stopword(std::string_view word);

}  // namespace newsclean
