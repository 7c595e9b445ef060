// Heuristics in code: what a pattern on one line cannot say, because it
// depends on other blocks. Each marks blocks it drops with its own id:
//
//   dup/exact            the same words again (the first stays): any repeat within
//                        three blocks, or a repeat of 20 words or more anywhere
//   dup/near             a pull quote: a sentence-like block of 8-120 words whose word
//                        pairs stand (80%) in a longer block near it that quotes someone
//   dup/attribution      the lone name line under a dropped pull quote
//   related/bare-headline  another story's headline between two paragraphs: 5-14 words
//                        in sentence case, no final punctuation or colon, sharing no
//                        content word with the next two paragraphs (not when a text
//                        has more than two such lines: then they are its subheadings)
//   tail/after-end-marker  all that follows end-of-article chrome after the last paragraph
//   comments/thread      all that follows the start of a comment thread: a block a
//                        comments rule dropped, with two more such drops ("Reply")
//                        within 30 blocks, after at least 60 words of prose
//   tail/dated-cards     a list of dated story cards or comments after the article
//                        (see clean/cards.h)
//   tail/author-box      the writer's box at the end: within the last four blocks, a label
//                        ("About the author", "Written by …") or a bio ("Ana Ruiz is a
//                        freelance writer …"), the name line over it, and all after it
//                        (further up, an explicit "About the author" with the name,
//                        role and bio under it)
//   heading/empty-section  (HTML) a heading with nothing kept under it that labels
//                        dropped chrome or stands last (see clean/sections.h)
//
// They run after the rules, over the blocks the rules kept, and never touch a
// block that a keep rule protects.
#pragma once

#include <string_view>
#include <vector>

#include "newsclean/block.h"
#include "newsclean/newsclean.h"

namespace newsclean {

struct HeuristicInput {
  const std::vector<Block>& blocks;
  const std::vector<Zone>& zones;
  std::vector<Verdict>& verdicts;
  const std::vector<char>& protect;  // 1 where a keep rule matched
  const std::vector<std::string>* disabled = nullptr;  // heuristic ids or categories switched off
  // For HTML input, each block's index among all the page's blocks (the
  // heuristics see the article's blocks only), so that notes name blocks as
  // --explain numbers them; null when the blocks are the whole document.
  const std::vector<std::size_t>* page_index = nullptr;
  // Whether verdicts get their notes (DocumentOptions::notes); drop() and
  // drop_rest() leave them out when not.
  bool notes = true;
};

// The category of a rule or heuristic id: "comments" of "comments/thread".
inline std::string_view category_of(std::string_view id) { return id.substr(0, id.find('/')); }

// True unless `id` or its category is in in.disabled.
bool heuristic_enabled(const HeuristicInput& in, std::string_view id);

// What every heuristic asks of a block: is it still kept, and what text does
// it hold now (a strip rule may have edited it).
inline bool alive(const HeuristicInput& in, std::size_t i) { return in.verdicts[i].decision != Decision::Drop; }
inline const std::string& current_text(const HeuristicInput& in, std::size_t i) {
  return in.verdicts[i].decision == Decision::Edit ? in.verdicts[i].text : in.blocks[i].text;
}
// Drops block i under heuristic `id`, with a note for --explain (copied
// only when in.notes).
void drop(HeuristicInput& in, std::size_t i, const char* id, std::string_view detail = {});
// Drops, under `id`, every block from `from` to the end that is still kept
// and that no keep rule protects: the heuristics that end an article there.
void drop_rest(HeuristicInput& in, std::size_t from, const char* id, const std::string& detail);
// How a note names block i, and blocks a to b: by input line ("line 12",
// "lines 6-21"), or by block number where lines are unknown, as in HTML
// ("block #12", "blocks #6-#21"; --explain shows the same numbers).
std::string block_ref(const HeuristicInput& in, std::size_t i);
std::string block_range(const HeuristicInput& in, std::size_t a, std::size_t b);

// dup/exact, then dup/near with dup/attribution.
void mark_duplicates(HeuristicInput& in);
void mark_bare_headlines(HeuristicInput& in);
// tail/after-end-marker: after the last paragraph, once a block was dropped as
// the start of end-of-article chrome (related links, comments, footer), all
// that follows it goes too.
void mark_after_end_marker(HeuristicInput& in);
// comments/thread: a comment thread, found by its label and "Reply" buttons,
// and all that follows it.
void mark_comment_thread(HeuristicInput& in);
// tail/author-box: the author's label, name and bio among the last blocks,
// and whatever follows them.
void mark_author_box(HeuristicInput& in);

// Exposed for tests: the words of a text as the duplicate finder sees them
// (see clean/words.h).
std::vector<std::uint64_t> comparable_word_hashes(std::string_view text);

// Exposed for tests: whether a line reads as sentence case ("Leaked emails
// appear to show ...") rather than Title Case ("Trump Tries to Woo Russia").
bool is_sentence_case(std::string_view text);

// A word that Title Case leaves in lower case ("of", "the", "and", "vs", "&"),
// in any case: it tells neither case style from the other.
bool is_title_small_word(std::string_view word);

}  // namespace newsclean
