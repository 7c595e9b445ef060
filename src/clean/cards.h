// tail/dated-cards: the list of other stories that follows an article,
// each story a card of a few short blocks, one of them its date:
//
//   Another story's headline
//   Its teaser, cut short…
//   Dec 28, 2025
//
// A line pattern cannot see this: each line alone reads like a headline, a
// paragraph or a dateline. The cards show in their rhythm: date lines (a
// date alone, or an age such as "3 days ago") recurring every few blocks.
// A run of at least three of them, each within six blocks of the next, is
// a list of cards when
//   - the cards hold lines that are no sentences (titles, names, sections),
//     so that a timeline of dated sentences stays;
//   - the article's prose stands before the list and outweighs what comes
//     after it, so that a page that is itself a list of dated items (an
//     events calendar, an archive) stays.
// The cards' edges are found by comparing the blocks before the first date
// with those before the second (and after the last with after the one
// before it): a headline matches a headline, a byline a byline. A short
// heading right above the first card ("More from the blog") goes with it.
//
// Comment threads (date, name, comment) have the same rhythm and go too.
#pragma once

#include "clean/heuristics.h"

namespace newsclean {

void mark_dated_cards(HeuristicInput& in);

// Exposed for tests: a line that is a date or an age alone ("Dec 28, 2025",
// "Friday, 5 December 2025 at 10:30", "2025-12-05", "3 days ago").
bool is_date_line(std::string_view text);

}  // namespace newsclean
