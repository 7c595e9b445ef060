// Words as the duplicate finders compare them: one 64-bit hash per word,
// lower case, punctuation and typographic quotes ignored, apostrophes
// folded and common English contractions expanded ("you're" = "you are"),
// so a pull quote that re-types a sentence still matches it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsclean {

// Appends the word hashes of `text` to `out`; returns how many were added.
std::uint32_t append_word_hashes(std::string_view text, std::vector<std::uint64_t>& out);

// The same as append_word_hashes, a byte at a time: the portable version
// it falls back to without SSE2, kept callable so that tests can compare.
std::uint32_t append_word_hashes_bytewise(std::string_view text, std::vector<std::uint64_t>& out);

// A hash of a word as append_word_hashes computes it for a plain word.
std::uint64_t word_hash(std::string_view lower_case_word);

}  // namespace newsclean
