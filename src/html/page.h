// HTML input: a web page to the blocks of its article.
//
//   bytes --charset--> UTF-8 --prepass--> reduced, bounded HTML --Gumbo-->
//   tree --iterative walk--> blocks --evidence--> the article's blocks
//
// The article is the element that holds the most article-like text once
// boilerplate is counted against it: prose blocks (long, sentence-like, few
// links) count for it; link lists, short lines and blocks inside
// boilerplate containers (the `markup` vocabulary: share, related,
// newsletter, comments, nav, ...) count against it; semantic elements
// (article, main, itemprop=articleBody), content vocabulary (article-body,
// entry-content, ...) and a JSON-LD articleBody that repeats a block's text
// weigh in its favour. That first choice is then checked against the page's
// title, the panels it stands in and the share of the page's prose it holds,
// and joined by the siblings and the lead that continue it (choose.h; the
// title's block: title.h; what both read: tree.h). Inside it, boilerplate
// containers, hidden elements and link lists are dropped, each with a
// reason; the text rules and heuristics then run over what is left, and
// when they find the choice was chrome, choose_again takes the next one.
//
// Class and id names are matched as tokens and as their parts split at '-',
// '_' and camelCase, never as substrings: `share-bar` has `share`,
// `shared-history` does not. A container with a boilerplate token that holds
// half the page's prose is not treated as boilerplate.
//
// Every walk over the tree is iterative. Nothing here includes the rule
// engine: the vocabulary comes in as plain data.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "html/prepass.h"
#include "newsclean/block.h"
#include "text/normalise.h"

namespace newsclean::html {

// One word of the markup vocabulary, with the id of the rule it came from.
struct MarkupToken {
  enum class On { ClassOrId, Role, Tag };
  std::string token;
  On on = On::ClassOrId;
  bool content = false;   // a sign of article content rather than boilerplate
  std::string rule_id;    // e.g. "markup/share"
};

// The vocabulary in the form the extractor looks words up in; build it once
// and share it between documents (it is immutable).
struct CompiledVocabulary;
std::shared_ptr<const CompiledVocabulary> compile_vocabulary(std::vector<MarkupToken> vocabulary);

struct HtmlOptions {
  NormaliseOptions normalise;
  std::vector<MarkupToken> vocabulary;               // used when `compiled` is null
  std::shared_ptr<const CompiledVocabulary> compiled;
  PrepassLimits limits;
  bool headline = true;   // keep an <h1> that stands inside the article
  bool describe = true;   // fill Block::path, classes, ids and role
  bool keep_unrepaired = true;  // see TextBlockOptions::keep_unrepaired
};

struct PageModel;

struct HtmlPage {
  std::vector<Block> blocks;          // every block of the page, in order
  std::vector<std::string> dropped;   // per block: "" when in the article, else the reason id
  std::vector<std::string> detail;    // per block: a note for --explain
  std::vector<std::string> candidates;  // the containers weighed for the article, the winner first, each with why
  std::vector<std::string> warnings;  // e.g. "page reduced: nesting over the depth limit ..."
  std::string url;                    // canonical link or og:url
  std::string title;                  // og:title or <title>
  std::string lang;                   // <html lang>
  std::string charset;                // what the bytes were read as
  std::shared_ptr<PageModel> model;   // what the choice of the article weighed (html/tree.h)
};

// A sniff of the first bytes: markup that only HTML has.
bool looks_like_html(std::string_view bytes);

HtmlPage read_page(std::string_view bytes, const HtmlOptions& options);

// When the rules find that the chosen container was chrome (they drop its
// prose as a consent panel, a disclaimer, contact details) or leave nothing
// of it: sets the choice aside and takes the next candidate, from the same
// parse, and says why in `candidates`. page.blocks must be in place (their
// verdicts and DOM descriptions are made again). False when there is no
// other candidate. undo_choose_again goes back to the choice before.
bool choose_again(HtmlPage& page, const std::string& why);
void undo_choose_again(HtmlPage& page);

// Exposed for tests: the tokens a class or id name is matched by
// ("shareBar-top" -> "sharebar-top", "share", "bar", "top", "share-bar", "bar-top").
std::vector<std::string> name_tokens(std::string_view name);

// Exposed for tests: the articleBody string of a JSON-LD text ("" if none).
std::string json_ld_article_body(std::string_view json);

}  // namespace newsclean::html
