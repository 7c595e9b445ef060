#include "newsclean/block.h"

#include "util/utf8.h"

namespace newsclean {

namespace {
const char* const kKindNames[] = {"paragraph", "heading", "list-item", "quote",
                                  "caption",   "pre",     "table-row"};
}

const char* block_kind_name(BlockKind kind) {
  return kKindNames[static_cast<int>(kind)];
}

bool block_kind_from_name(const std::string& name, BlockKind* kind) {
  for (int i = 0; i < static_cast<int>(sizeof kKindNames / sizeof kKindNames[0]); ++i) {
    if (name == kKindNames[i]) {
      *kind = static_cast<BlockKind>(i);
      return true;
    }
  }
  return false;
}

const char* zone_name(Zone zone) {
  switch (zone) {
    case Zone::Head: return "head";
    case Zone::Body: return "body";
    case Zone::Tail: return "tail";
  }
  return "body";
}

void measure_block(Block& block) {
  block.words = count_words_normalised(block.text);
  block.chars = count_code_points(block.text);
}

}  // namespace newsclean
