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
//
// Third, it spares Gumbo work whose result is known: elements with nothing
// visible in them are left out (where that keeps the text around them
// apart), and plain runs of text are handed over as short placeholders (see
// TextRuns). Neither changes what the extractor reads.
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

// Text kept out of the markup too. Gumbo reads text a character at a time,
// and hands each character to its tree builder on its own, while most runs
// of text between tags have nothing for it to do (no character reference,
// nothing to repair); so such a run is written into the reduced page as a
// placeholder of one character: U+F0000 + the run's index here (private use,
// plane 15). Gumbo parses the placeholder as it would the text (it is
// visible text like it), and the extractor puts the run back when it reads
// the text nodes. A page that holds any character of planes 12 to 15 (their
// UTF-8 starts with the byte 0xF3) gets no placeholders. (Not a
// noncharacter such as U+FFFFE: Gumbo replaces those.)
struct TextRuns {
  std::string bytes;                 // the runs, one after another
  std::vector<std::size_t> ends;     // run i is bytes[ends[i-1], ends[i])
  std::string_view run(std::size_t i) const {
    const std::size_t b = i == 0 ? 0 : ends[i - 1];
    return std::string_view(bytes).substr(b, ends[i] - b);
  }
};

// The first placeholder (U+F0000), the lead byte of them all, and how many
// runs a page may hand over (U+F0000 to U+FFFFD; the runs after those stay
// in the markup).
inline constexpr char32_t kFirstRunMark = 0xF0000;
inline constexpr char kRunLead = '\xF3';
inline constexpr std::size_t kMaxRuns = 0xFFFFD - 0xF0000 + 1;

// Reads a Gumbo text node with the runs its placeholders stand for put back:
// calls `f(piece)` for each piece of the text in order (runs null: the text
// is passed as it is).
template <class F>
void for_each_text_piece(std::string_view text, const TextRuns* runs, F&& f) {
  if (runs == nullptr) {
    f(text);
    return;
  }
  std::size_t from = 0;
  for (;;) {
    const std::size_t m = text.find(kRunLead, from);
    if (m == std::string_view::npos || m + 4 > text.size()) break;
    if (m > from) f(text.substr(from, m - from));
    const char32_t cp = (static_cast<char32_t>(static_cast<unsigned char>(text[m]) & 0x07) << 18) |
                        (static_cast<char32_t>(static_cast<unsigned char>(text[m + 1]) & 0x3F) << 12) |
                        (static_cast<char32_t>(static_cast<unsigned char>(text[m + 2]) & 0x3F) << 6) |
                        (static_cast<char32_t>(static_cast<unsigned char>(text[m + 3]) & 0x3F));
    const std::size_t index = cp >= kFirstRunMark ? cp - kFirstRunMark : runs->ends.size();
    if (index < runs->ends.size()) f(runs->run(index));
    from = m + 4;
  }
  if (from < text.size()) f(text.substr(from));
}

struct Prepassed {
  std::string html;                  // the reduced page, for Gumbo
  std::vector<ElementAttrs> attrs;   // see ElementAttrs
  TextRuns runs;                     // see TextRuns
  PageMeta meta;
  std::vector<std::string> warnings;
};

Prepassed prepass(std::string_view page, const PrepassLimits& limits = PrepassLimits{});

}  // namespace newsclean::html
