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
// weigh in its favour. Inside it, boilerplate containers, hidden elements and
// link lists are dropped, each with a reason; the text rules and heuristics
// then run over what is left.
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
};

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
};

// A sniff of the first bytes: markup that only HTML has.
bool looks_like_html(std::string_view bytes);

HtmlPage read_page(std::string_view bytes, const HtmlOptions& options);

// Exposed for tests: the tokens a class or id name is matched by
// ("shareBar-top" -> "sharebar-top", "share", "bar", "top", "share-bar", "bar-top").
std::vector<std::string> name_tokens(std::string_view name);

// Exposed for tests: the articleBody string of a JSON-LD text ("" if none).
std::string json_ld_article_body(std::string_view json);

}  // namespace newsclean::html
