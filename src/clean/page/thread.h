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
// of the next (adjacent header lines are one header). It starts
//   - at the chain's second header, when the first one stands over the
//     article's own prose (the article's dated byline: "Posted on July 9,
//     2012"), that is when the prose between the first two is long and at
//     least twice the usual stretch between the later ones;
//   - else at the chain's first header, when the article's prose stands
//     before it.
// What is between two headers must be short, as comments are (the median
// stretch at most kMaxCommentWords words): a blog's front page, a chain of
// dated posts of hundreds of words each, is no thread. A live blog's time
// stamps are headers too, but stand alone ("10:42 AM"); a header must hold
// more than a date or an age only when the chain is made of such lines.
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

}  // namespace newsclean
