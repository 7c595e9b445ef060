// What a line of a page dump looks like to the article finder: its
// measures, and a class in the manner of jusText (Pomikálek 2011), over the
// lines of a text rather than the paragraphs of an HTML page:
//
//   good       a sentence-like line: long, rich in function words (of any
//              language the language guesser knows) or, for text written
//              without spaces, long and punctuated like sentences
//   near-good  long, but poorer in function words (a teaser, a caption)
//   short      too short to tell (a subheading, a step, a line of a poem)
//   bad        a label: a menu item, a short line the page repeats, a line
//              a rule dropped, or a long line with almost no function words
//
// Then the neighbours decide what the short and near-good lines are: a
// short line between good ones is good, between bad ones bad; a near-good
// line is bad only when the lines on both sides are bad.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clean/heuristics.h"

namespace newsclean {

enum class LineClass : std::uint8_t { Bad, Short, NearGood, Good };

struct PageLine {
  std::size_t block = 0;        // index into in.blocks
  std::uint32_t words = 0;      // words, or for unspaced text (CJK) half its characters
  bool dropped = false;         // a rule dropped it: chrome evidence, not article
  bool barrier = false;         // dropped as the start of what follows an article (comments, footer, related links)
  bool menu = false;            // menu-like (see is_menu_like)
  bool repeated = false;        // a short line the page has more than once
  bool copy = false;            // a longer line that repeats one before it
  bool label = false;           // menu-like, repeated, or a short line in Title Case
  bool headline_shape = false;  // a capital first, no full stop last (a teaser's title), a few words
  LineClass initial = LineClass::Bad;
  LineClass final = LineClass::Bad;
};

// Describes every block of the document (dropped ones too) and classifies
// it, first on its own, then in context.
// `menus`: the page shows menus (see page_evidence), so that a page with no
// good line at all may promote its long near-good lines.
// `menu_like` holds is_menu_like of each block's text as it came (from
// page_evidence), reused where no rule edited the text.
void describe_page_lines(const HeuristicInput& in, bool menus, const std::vector<char>& menu_like,
                         std::vector<PageLine>& lines);

// A line's words as they stand (after a strip rule's edit).
std::uint32_t count_words(const std::string& text);

// Every word starts with a capital, a digit or a symbol, except short
// function words after the first ("Terms of Use", "ABOUT US", "Home").
bool title_like(std::string_view text);
// The same a word at a time: the form title_like's bit masks must agree
// with (exposed for tests), and its way for long lines.
bool title_like_bytewise(std::string_view text);

const char* line_class_name(LineClass c);

}  // namespace newsclean
