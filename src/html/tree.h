// The page as the extractor weighs it: the elements of the tree, with what
// the markup and the text say about each, and the blocks they own. Built by
// read_page (page.cc); read by the choice of the article (choose.cc) and by
// the verdicts that follow from it.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "html/page.h"
#include "html/prepass.h"
#include "newsclean/block.h"
#include "util/utf8.h"

namespace newsclean::html {

struct Node {
  int parent = -1;
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  std::string name;
  // Its class, id and role attributes, as the pre-pass kept them (in
  // PageModel::attrs), or null: read where needed, not copied name by name.
  const ElementAttrs* attrs = nullptr;
  std::string_view classes() const { return attrs ? std::string_view(attrs->classes) : std::string_view(); }
  std::string_view ids() const { return attrs ? std::string_view(attrs->ids) : std::string_view(); }
  std::string_view role() const { return attrs ? std::string_view(attrs->role) : std::string_view(); }
  bool hidden = false;        // this element or an ancestor is hidden
  bool article_body = false;  // itemprop=articleBody
  int boiler = -1;            // vocabulary entry that marks it as boilerplate
  std::string boiler_what;    // "class=share-bar"
  bool content = false;       // content vocabulary or semantic element
  int panel = -1;             // vocabulary entry of a panel word ('?'), or a boilerplate word
                              // not believed because of the prose it holds
  std::string panel_what;
  bool lifted = false;        // the panel is a boilerplate word outweighed by prose
  // Subtree sums, filled bottom-up.
  double prose = 0, value = 0, chars = 0;
  double clean_prose = 0;     // prose outside hidden parts and boilerplate containers
  bool sure = false;          // the boilerplate token is one never outweighed by prose
  bool region = false;        // a table cell holding blocks or lines: a region of a table layout
};

// What the choice of the article reads, computed once per page and kept with
// it (HtmlPage::model), so that the choice can be made again when the rules
// find that the first one was chrome.
struct PageModel {
  std::vector<ElementAttrs> attrs;  // the pre-pass's table, which the nodes point into
  std::vector<Node> nodes;          // pre-order: a parent before its children
  std::vector<int> owner;           // per block: the node that owns it
  std::vector<char> prose;          // per block: long, sentence-like, few links
  std::vector<char> in_ld;          // per block: repeats the JSON-LD articleBody
  std::vector<int> boiler_anc;      // per node: its nearest boilerplate ancestor (itself included), or -1
  bool has_ld_body = false;         // the page has a JSON-LD articleBody of some length
  int title_block = -1;             // the block that repeats the page's title, or -1
  bool title_part_only = false;     // ... one part of it only ("Site: Post title")
  bool headline = true;             // HtmlOptions::headline
  bool describe = true;             // HtmlOptions::describe
  std::shared_ptr<const CompiledVocabulary> vocabulary;
  std::vector<char> set_aside;      // per node: a root chosen before and found to be chrome
  std::vector<int> set_aside_order; // ... in the order they were set aside
  int root = 0;                     // the current choice
};

// Chooses the article (choose.h) and sets the verdicts of the extractor and
// the DOM description of each block from the choice.
void apply_choice(HtmlPage& page, PageModel& model);

// Calls f(name) for each of the (at most 32) names of a class or id
// attribute, separated by white space.
template <class F>
void for_each_name(std::string_view list, F&& f) {
  std::size_t i = 0, count = 0;
  while (i < list.size() && count < 32) {
    while (i < list.size() && is_ascii_space(static_cast<unsigned char>(list[i]))) ++i;
    const std::size_t start = i;
    while (i < list.size() && !is_ascii_space(static_cast<unsigned char>(list[i]))) ++i;
    if (i > start) {
      f(list.substr(start, i - start));
      ++count;
    }
  }
}

bool is_ancestor(const std::vector<Node>& nodes, int anc, int n);
int common_ancestor(const std::vector<Node>& nodes, int a, int b);
// Steps from `k` up to its ancestor `anc`.
int depth_below(const std::vector<Node>& nodes, int k, int anc);
// "div#main.post", for --explain.
std::string describe(const Node& n);

}  // namespace newsclean::html
