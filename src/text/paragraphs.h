// Plain text to blocks: one block per paragraph line, with hard-wrapped
// paragraphs (lines broken at a fixed width) recognised and re-flowed.
#pragma once

#include <string_view>
#include <vector>

#include "text/normalise.h"
#include "newsclean/block.h"

namespace newsclean {

struct TextBlockOptions {
  NormaliseOptions normalise;
  bool reflow = true;  // re-flow hard-wrapped paragraphs when the text looks wrapped
  // Keep a repaired block's text as it came in Block::unrepaired, for
  // --explain. Without it, Block::repaired still says which were repaired:
  // normalising the text as it came again costs as much as the first time
  // (utf8proc included, as mojibake holds characters such as ™ that NFC
  // must look at), on every line that needed a repair.
  bool keep_unrepaired = true;
};

// What the splitter found, for --explain.
struct TextLayout {
  bool hard_wrapped = false;
  unsigned wrap_width = 0;  // in code points, when hard_wrapped
};

std::vector<Block> blocks_from_text(std::string_view bytes, const TextBlockOptions& options,
                                    TextLayout* layout = nullptr);

// Exposed for tests: decides whether `lines` (normalised, "" for blank)
// are hard-wrapped, and at what width.
TextLayout detect_hard_wrap(const std::vector<std::string>& lines);

}  // namespace newsclean
