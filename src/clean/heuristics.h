// Heuristics in code: what a pattern on one line cannot say, because it
// depends on other blocks. Each marks blocks it drops with its own id:
//
//   dup/exact            the same block again after normalisation (the first stays)
//   dup/near             a short block whose words stand almost all in a longer one
//                        (a pull quote that repeats the article with small edits)
//   dup/attribution      the lone name line under a dropped pull quote
//   related/bare-headline  another story's headline standing between paragraphs
//
// They run after the rules, over the blocks the rules kept, and never touch a
// block that a keep rule protects.
#pragma once

#include <vector>

#include "newsclean/block.h"
#include "newsclean/newsclean.h"

namespace newsclean {

struct HeuristicInput {
  const std::vector<Block>& blocks;
  const std::vector<Zone>& zones;
  std::vector<Verdict>& verdicts;
  const std::vector<char>& protect;  // 1 where a keep rule matched
};

// dup/exact, then dup/near with dup/attribution.
void mark_duplicates(HeuristicInput& in);
void mark_bare_headlines(HeuristicInput& in);

// Exposed for tests: the words of a text as the duplicate finder sees them
// (see clean/words.h).
std::vector<std::uint64_t> comparable_word_hashes(std::string_view text);

// Exposed for tests: whether a line reads as sentence case ("Leaked emails
// appear to show ...") rather than Title Case ("Trump Tries to Woo Russia").
bool is_sentence_case(std::string_view text);

}  // namespace newsclean
