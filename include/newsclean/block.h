// Block: one unit of article text and everything known about it.
//
// Every input form (plain text, HTML) is turned into a sequence of blocks;
// rules and heuristics look only at blocks, never at the input form. The
// HTML fields stay empty for text input, so rules that test them simply do
// not match there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace newsclean {

enum class BlockKind : std::uint8_t {
  Paragraph,
  Heading,
  ListItem,
  Quote,
  Caption,
  Preformatted,
  TableRow,
};

const char* block_kind_name(BlockKind kind);
// Returns false when `name` is not a kind name.
bool block_kind_from_name(const std::string& name, BlockKind* kind);

// Where a block stands in the document (see clean/zones.h for the definition).
enum class Zone : std::uint8_t { Head, Body, Tail };
const char* zone_name(Zone zone);

struct Block {
  std::string text;          // normalised UTF-8, one line, no trailing space
  BlockKind kind = BlockKind::Paragraph;
  bool repaired = false;     // norm/mojibake repaired `text` (beside `kind`: in its padding)
  std::uint32_t line = 0;    // 1-based input line (text) or 0 when unknown
  std::uint32_t words = 0;   // whitespace-separated words in `text`
  std::uint32_t chars = 0;   // code points in `text`
  std::string unrepaired;    // `text` before the repair, when kept for --explain; else ""

  // What the DOM said about the block (HTML input only).
  std::string tag;                       // innermost block tag, e.g. "p"
  std::string path;                      // e.g. "body>main>article>p"
  std::vector<std::string> classes;      // class and id tokens of the block and its ancestors
  std::vector<std::string> ids;
  std::string role;                      // nearest ARIA role, if any
  bool hidden = false;                   // hidden by attribute or style
  float link_density = 0.0f;             // share of the text inside <a>
};

// Counts words and code points of `text` (normalised: single spaces, none
// at the ends) into the block.
void measure_block(Block& block);

}  // namespace newsclean
