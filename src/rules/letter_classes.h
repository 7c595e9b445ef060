// The Unicode letter and number classes of the rules' patterns (\pL,
// \p{Lu}, \pN...), rewritten into forms that RE2 compiles many times
// faster, and the texts on which those forms are exact.
//
// Why: RE2 spells \pL out in UTF-8 over some 1200 instructions, about 2M
// cycles to compile for each one a pattern holds ("See it at Amazon": 8.9M
// cycles; 1.0M with its classes cut to ASCII, 1.6M to Latin). The sets
// read a widened form (a superset, confirmed), and a confirmation reads a
// narrowed form where the text allows (see RuleSet::exact_match).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsclean {

// How far beyond ASCII the letters, marks and numbers of a text reach.
enum class LetterReach {
  Ascii,   // none beyond ASCII: every other character is punctuation, a
           // symbol, a space or a control (curly quotes, dashes, €, emoji)
  Latin,   // none beyond U+024F (Latin-1 and Latin Extended-A and -B: the
           // letters of French, German, Spanish, Polish...)
  Beyond,  // any other: Cyrillic, Greek, combining marks, unassigned code points
};
LetterReach letter_reach(std::string_view text);

// `pattern` with the letter and number classes outside negated classes
// replaced by a superset that is cheap to compile: their ASCII members and
// every non-ASCII character. Matches at least what `pattern` matches; sets
// *changed when it differs.
std::string widen_property_classes(const std::string& pattern, bool* changed);

// `pattern` with the same classes replaced by their members within `reach`
// (Ascii or Latin), and the characters beyond that case folding ties to
// them (ß to ẞ, µ to Greek mu), so that on a text whose letter_reach is
// within `reach`, with or without case folding, it matches exactly what
// `pattern` matches. A class with no member there stays as written.
std::string narrow_property_classes(const std::string& pattern, LetterReach reach, bool* changed);

// For the rewriters of patterns here and in ruleset.cc, which walk a
// pattern a character at a time and copy what they leave as it is:
//
// After an escape's letter at p[i] (already copied): \x, \p and \P take a
// group in braces with them ("\x{2019}", "\p{Lu}"), which is copied to
// `out` whole, i left on its '}'; any other escape takes nothing.
void copy_braces_of_escape(const std::string& p, std::size_t& i, std::string& out);

// At the '[' that opens a character class at p[i]: copies it, and the '^'
// that negates the class and a ']' that is its first member ("[]a]") when
// they follow, to `out`; leaves i on the last of them. True when negated.
bool copy_class_opening(const std::string& p, std::size_t& i, std::string& out);

// Inside a character class of `p`: copies the item at p[i] to `out` and
// leaves i on its last character. A POSIX class ("[:alpha:]") is one item, whose ']' does not
// close the class; a ']' of its own does (in_class becomes false).
void copy_class_item(const std::string& p, std::size_t& i, std::string& out, bool& in_class);

}  // namespace newsclean
