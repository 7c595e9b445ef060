#include "clean/sections.h"

#include <algorithm>
#include <vector>

namespace newsclean {

namespace {

constexpr std::uint32_t kMaxWords = 15;
// Longer runs of empty headings are a list or gallery set in heading tags.
constexpr std::size_t kMaxRun = 2;

// 1-6 for a block whose innermost tag is h1-h6, else 0.
int heading_level(const Block& b) {
  if (b.kind != BlockKind::Heading || b.tag.size() != 2 || b.tag[0] != 'h') return 0;
  const char d = b.tag[1];
  return d >= '1' && d <= '6' ? d - '0' : 0;
}

}  // namespace

void mark_empty_sections(HeuristicInput& in) {
  if (!heuristic_enabled(in, "heading/empty-section")) return;
  const std::size_t n = in.blocks.size();
  // Walking back from the end: the nearest kept text block after each point,
  // and, per level, the nearest kept heading of that level or higher that
  // heads text of its own. A heading's section is empty when that text
  // block lies beyond the heading that ends the section.
  std::vector<char> empty(n, 0);
  // Blocks that went: dropped here, or by the HTML extractor before (a gap
  // in the page's numbering: a link list, a boilerplate container).
  std::size_t next_text = n, next_alive = n, next_gone = n, next_gap = n;
  std::size_t next_heading[7] = {n, n, n, n, n, n, n};
  std::size_t gap_here = n;  // a gap just before the block of the last step
  for (std::size_t i = n; i-- > 0;) {
    next_gap = std::min(next_gap, gap_here);
    gap_here = in.page_index && i > 0 && (*in.page_index)[i] > (*in.page_index)[i - 1] + 1 ? i : n;
    if (!alive(in, i)) {
      next_gone = i;
      continue;
    }
    const std::size_t after = next_alive;
    next_alive = i;
    const int level = heading_level(in.blocks[i]);
    if (level == 0) {
      if (in.blocks[i].kind != BlockKind::Heading) next_text = i;
      continue;
    }
    // Empty, and the label of something: of blocks that went (before the
    // section ends), or of nothing at all at the end of the article. A
    // heading right over another heading is a kicker or a sub-label.
    const std::size_t end = next_heading[level];
    const bool labels_chrome = next_gone < end || (next_gap <= end && next_gap < n) || after == n;
    if (next_text >= next_heading[level] && labels_chrome && in.blocks[i].words <= kMaxWords && !in.protect[i]) {
      empty[i] = 1;
      continue;  // it ends no other heading's section
    }
    for (int l = level; l <= 6; ++l) next_heading[l] = std::min(next_heading[l], i);
  }
  if (next_text == n) return;  // no text at all: a title alone is not judged here
  // Three or more empty headings in a row, with no kept text between them,
  // are the items of a gallery or a list set in heading tags: content.
  std::size_t run_start = n, run = 0;
  auto close_run = [&](std::size_t end) {
    if (run >= 1 && run <= kMaxRun)
      for (std::size_t k = run_start; k < end; ++k)
        if (empty[k]) drop(in, k, "heading/empty-section", "nothing kept under it");
    run = 0;
    run_start = n;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!alive(in, i)) continue;
    if (empty[i]) {
      if (run == 0) run_start = i;
      ++run;
    } else {
      close_run(i);
    }
  }
  close_run(n);
}

}  // namespace newsclean
