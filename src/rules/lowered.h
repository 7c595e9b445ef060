// The rule sets match a block's text with its ASCII letters lowered, and
// their patterns are written for that text without case folding.
//
// Why: RE2 parses a case-insensitive pattern one letter at a time, building
// a character class for each ("(?i)subscribe" makes nine), which was half
// of the start-up of the command (the sets hold some 300 patterns of a few
// hundred letters each). A lower-case literal is parsed as one string. The
// automata also get smaller: capitals no longer need byte classes of their
// own.
//
// The rewritten pattern must match the lowered text whenever the pattern
// matches the text as it is. For a case-insensitive pattern it matches
// exactly then; a case-sensitive part ("(?-i:[A-Z])") can only be widened
// to both cases, and such a form is confirmed with the rule's own regex
// (not exact). Anything the rewriter does not know it leaves to RE2's
// folding: "(?i)" and the pattern as it is, which on lowered text is exact
// for a case-insensitive pattern and wider for the rest.
#pragma once

#include <string>
#include <string_view>

namespace newsclean {

struct LoweredPattern {
  std::string pattern;  // for RE2 without case folding (flags of its own aside)
  bool exact = true;    // matches the lowered text exactly when the original matches the text
  bool rewritten = true;  // false: the rewriter did not know the syntax and fell back (see lower_pattern)
};

// `pattern` (RE2 syntax) as it should be matched against lowered text;
// `ignore_case`: the rule is case-insensitive (as if "(?i)" opened it).
LoweredPattern lower_pattern(std::string_view pattern, bool ignore_case);

// `text` with ASCII capitals lowered, and the two characters that RE2's
// case folding equates with ASCII letters written as those letters: the
// Kelvin sign (U+212A) as 'k' and the long s (U+017F) as 's'. Into `out`.
void lower_for_sets(std::string_view text, std::string& out);

// The same into the text.size() bytes at `out` (the lowered text is never
// longer); returns its length. Lets a caller lower many texts into one
// buffer, sized once.
std::size_t lower_for_sets(std::string_view text, char* out);

}  // namespace newsclean
