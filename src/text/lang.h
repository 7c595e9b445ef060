// A cheap guess of a document's language from its most common function
// words, so that rules scoped by language (`lang=de`) switch on by
// themselves. Returns "" when no language has enough evidence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
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
// The same for a word of `len` bytes that scan_words (text/word_scan.h)
// found, by the key it gave: no copy, no lowering, no packing.
bool is_any_stopword_key(std::uint64_t key, std::size_t len);

// The words of `text` (runs of ASCII letters and digits and of bytes beyond
// ASCII) and how many of them are function words of any language above,
// compared in lower case.
struct FunctionWordCount {
  std::uint32_t words = 0;
  std::uint32_t function_words = 0;
};
FunctionWordCount count_function_words(std::string_view text);

}  // namespace newsclean
