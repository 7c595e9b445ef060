// Pre-pass: a cheap byte scan that runs before Gumbo.
//
// It does two jobs. First, it removes what extraction never reads: comments,
// <script>, <style>, <noscript>, <template>, <svg>, <math>, form controls,
// media, images, <head> metadata, and every attribute but class, id, role,
// itemprop, hidden and aria-hidden (an inline style that hides the element
// becomes `hidden`), and those few move to a side table. On news pages that leaves well under half the bytes, and
// Gumbo's time falls with them. On the way it keeps what the page says about
// itself: <title>, og:title, og:url, the canonical link and JSON-LD blocks.
//
// Second, it bounds what reaches Gumbo, which is quadratic on some shapes
// (deep nesting, unclosed formatting elements, nested tables). It keeps its
// own stack of open elements, closes implicitly closed elements explicitly,
// and past the limits below drops start tags (and their end tags) while
// keeping all text. A page so reduced gets a warning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsclean::html {

struct PrepassLimits {
  unsigned max_depth = 400;        // open elements
  unsigned max_formatting = 24;    // open formatting elements (b, i, a, ...)
  unsigned max_tables = 12;        // nested tables
  unsigned max_attributes = 16;    // kept attributes per element
};

struct PageMeta {
  std::string title;       // <title>
  std::string og_title;
  std::string og_url;
  std::string canonical;
  std::string lang;        // <html lang>
  std::vector<std::string> json_ld;  // the text of each <script type=application/ld+json>
};

// The attributes extraction reads, kept out of the markup: each element that
// has any carries `a=N` in the reduced page, N indexing this table, so that
// Gumbo does not copy long class lists byte by byte.
struct ElementAttrs {
  std::string classes, ids, role;
  bool hidden = false;        // hidden attribute, aria-hidden=true, or a hiding inline style
  bool article_body = false;  // itemprop=articleBody
};

struct Prepassed {
  std::string html;                  // the reduced page, for Gumbo
  std::vector<ElementAttrs> attrs;   // see ElementAttrs
  PageMeta meta;
  std::vector<std::string> warnings;
};

Prepassed prepass(std::string_view page, const PrepassLimits& limits = PrepassLimits{});

}  // namespace newsclean::html
