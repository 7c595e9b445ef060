// boilerplate/comment-run: the comment thread under the article in a page
// dump. Comments read like prose, so the article's run would take them in
// (a thread often holds more words than the article); what gives them away
// is their headers: a short line with a name and a date ("Ana | November
// 9, 2012 12:13 AM | Reply", "by ana on Aug 8, 2012 5:21 PM PDT reply",
// "Posted by: Ana at November 8, 2012 7:12 AM", "Ana Says:" over
// "November 7th, 2012 at 9:42 pm", "Ana said...", "6 months ago"),
// recurring every few lines with the comments' text between them. Every era
// of the web writes them so.
//
// A thread is a chain of at least three headers, each within kMaxGap lines
// of the next (adjacent header lines are one header: a name line over a
// date line). It starts
//   - at the chain's second header, when the first one stands over the
//     article's own prose (the article's dated byline: "Posted on July 9,
//     2012"), that is when the prose between the first two is long and at
//     least twice the usual stretch between the later ones;
//   - else at the chain's first header, when the article's prose stands
//     before it.
// What the chain must show to be comments:
//   - names: at least half its headers hold more than a date ("10:42 AM"
//     alone is a live blog's time stamp), and a name of a few words ("It's
//     beginning to look a lot like... (Dec. 22, 2004)" is a dated headline);
//   - text under the headers: at least half the stretches between them hold
//     a sentence or a line in sentence case, and no more than two thirds of
//     the chain's lines are headers (an archive is all dated lines);
//   - short stretches, as comments are: the median under kMaxCommentWords
//     words, or under kMaxCommentWordsNamed when the names are many and
//     distinct (a blog's front page has one author over long posts).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "clean/page/lines.h"

namespace newsclean {

struct CommentThread {
  bool found = false;
  std::size_t start = 0;    // block index of the thread's first header
  std::size_t headers = 0;  // headers in the chain from `start`
};

CommentThread find_comment_thread(const HeuristicInput& in, const std::vector<PageLine>& lines);

// The block where a comment form starts under the article: a line a rule
// dropped as a comment form's field or notice ("Password:", "Notify me of
// follow-up comments by email.", "You must be logged in to post a
// comment.") after at least kMinArticleWords words of sentence-like lines.
// A comment form follows the article; what comes after it is the page's.
// lines.size() when there is none.
std::size_t comment_form_start(const HeuristicInput& in, const std::vector<PageLine>& lines);

// Exposed for tests: a line that reads as a comment's header (a date or a
// time with a name, or a name with "says:", "said...", "wrote:", "| Reply").
bool is_comment_header(std::string_view text, std::uint32_t words);

// Exposed for tests: whether a line may hold a date at all, before the
// regex is asked: a digit, and digits around a separator ("9.11.12",
// "12:13"), or a word that starts like a month's name or an age ("3 days
// ago"). may_hold_date_bytewise is the same a byte at a time, the form the
// bit masks of may_hold_date must agree with.
bool may_hold_date(std::string_view line);
bool may_hold_date_bytewise(std::string_view line);

}  // namespace newsclean
