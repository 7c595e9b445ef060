// Whether a text is a dump of a whole page: the evidence of its menus.
#include <algorithm>

#include "clean/page/boilerplate.h"
#include "clean/zones.h"
#include "util/flat_table.h"
#include "util/swar.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// Page-like: a run of at least kEdgeRun menu-like lines on both sides of
// the prose, or at least kStrongRun on one side, or kHeadRun before it (a
// site's menu over the article; reader-mode text seldom opens with seven
// menu items, and a list the text announces with a colon does not count).
constexpr std::uint32_t kEdgeRun = 4;
constexpr std::uint32_t kStrongRun = 10;
constexpr std::uint32_t kHeadRun = 7;
// Or: at least kRepeatedMenu repeated menu lines and a run of kRepeatRun.
constexpr std::uint32_t kRepeatedMenu = 3;
constexpr std::uint32_t kRepeatRun = 5;

// Longest run of consecutive menu-like blocks in [from, to). A run that a
// line ending in ':' introduces is a list the text announces ("Our sponsors:"),
// not navigation, so it does not count.
std::uint32_t longest_run(const std::vector<char>& menu, const std::vector<Block>& blocks, std::size_t from,
                          std::size_t to) {
  std::uint32_t best = 0, cur = 0;
  bool announced = false;
  for (std::size_t k = from; k < to; ++k) {
    if (!menu[k]) {
      cur = 0;
      continue;
    }
    if (cur == 0) announced = k > 0 && !blocks[k - 1].text.empty() && blocks[k - 1].text.back() == ':';
    ++cur;
    if (!announced && cur > best) best = cur;
  }
  return best;
}

}  // namespace

PageEvidence page_evidence(const HeuristicInput& in, std::vector<char>* menu_out) {
  // The evidence looks at every block, the ones rules dropped too: a menu
  // is evidence of a page whether or not a rule took some of its items.
  const std::vector<Block>& blocks = in.blocks;
  const std::size_t n = blocks.size();
  thread_local std::vector<char> scratch;
  std::vector<char>& menu = menu_out ? *menu_out : scratch;
  menu.assign(n, 0);
  bool has_prose = false;
  std::size_t first = 0, last = 0;
  for (std::size_t i = 0; i < n; ++i) {
    menu[i] = is_menu_like(blocks[i], blocks[i].text) ? 1 : 0;
    if (is_prose(blocks[i])) {
      if (!has_prose) first = i;
      has_prose = true;
      last = i;
    }
  }
  PageEvidence e;
  if (has_prose) {
    e.head_run = longest_run(menu, blocks, 0, first);
    e.tail_run = longest_run(menu, blocks, last + 1, n);
  } else {
    e.head_run = longest_run(menu, blocks, 0, n);
  }
  // Menus repeated (desktop and mobile, header and footer): distinct
  // menu-like lines outside the prose that occur more than once. A line
  // stands for its lower-case text by a 64-bit hash: a collision among the
  // few dozen menu lines of a page is too unlikely to weigh. Each hash's
  // slot says whether it was seen outside the prose, and counted.
  // (The hashes come first, so that each slot can be loaded a few lines
  // ahead: the table is cold for every new page.)
  constexpr std::uint32_t kOutside = 1, kCounted = 2;
  thread_local std::vector<std::pair<std::uint64_t, bool>> items;  // hash, outside the prose
  items.clear();
  for (std::size_t i = 0; i < n; ++i)
    if (menu[i]) items.emplace_back(swar::lowercase_hash(blocks[i].text), !has_prose || i < first || i > last);
  thread_local FlatTable seen;
  seen.reset(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k + FlatTable::kPrefetchAhead < items.size()) seen.prefetch(items[k + FlatTable::kPrefetchAhead].first);
    const auto [hash, outside] = items[k];
    bool found = false;
    FlatTable::Slot& slot = seen.find_or_insert(hash, &found);
    if (outside) slot.value |= kOutside;
    if (found && (slot.value & (kOutside | kCounted)) == kOutside) {
      slot.value |= kCounted;
      ++e.repeated;
    }
  }
  e.page_like = (e.repeated >= kRepeatedMenu && std::max(e.head_run, e.tail_run) >= kRepeatRun) ||
                (e.head_run >= kEdgeRun && e.tail_run >= kEdgeRun) || e.head_run >= kStrongRun ||
                e.tail_run >= kStrongRun || e.head_run >= kHeadRun;
  return e;
}

}  // namespace newsclean
