// A table from 64-bit hashes to a 32-bit value, for the heuristics that
// group a document's lines or words by a hash: one probe a key, where
// sorting the keys costs a comparison and a mispredicted branch each,
// several times over.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace newsclean {

// Open addressing, reused across documents on the same thread so that no
// document allocates. The slot is the key's low bits: keys must be well
// mixed hashes.
struct FlatTable {
  struct Slot {
    std::uint64_t key;
    std::uint32_t value;
    std::uint32_t stamp;  // slot is live when stamp == generation
  };
  std::vector<Slot> slots;
  std::uint32_t generation = 0;
  std::size_t mask = 0;

  void reset(std::size_t expected) {
    std::size_t want = 64;
    while (want < expected * 2) want <<= 1;
    if (slots.size() < want) {
      slots.assign(want, Slot{0, 0, 0});
      generation = 0;
    }
    // Only the first `want` slots: after one long document the table stays
    // large, and spreading a short one's keys over all of it would miss the
    // cache on nearly every probe.
    mask = want - 1;
    if (++generation == 0) {  // wrapped: clear for real
      std::fill(slots.begin(), slots.end(), Slot{0, 0, 0});
      generation = 1;
    }
  }
  // Starts loading the slot where a search for key begins. The table is
  // cold for each new document (other work has evicted it), so a probe
  // waits on memory; callers that know their keys in advance prefetch a
  // few ahead.
  void prefetch(std::uint64_t key) const { __builtin_prefetch(&slots[static_cast<std::size_t>(key) & mask]); }
  // How far ahead: eight keys cover the wait for memory.
  static constexpr std::size_t kPrefetchAhead = 8;
  // Returns the slot for key; *found says whether it was there already.
  Slot& find_or_insert(std::uint64_t key, bool* found) {
    std::size_t i = static_cast<std::size_t>(key) & mask;
    while (slots[i].stamp == generation) {
      if (slots[i].key == key) {
        *found = true;
        return slots[i];
      }
      i = (i + 1) & mask;
    }
    *found = false;
    slots[i] = Slot{key, 0, generation};
    return slots[i];
  }
  const Slot* find(std::uint64_t key) const {
    std::size_t i = static_cast<std::size_t>(key) & mask;
    while (slots[i].stamp == generation) {
      if (slots[i].key == key) return &slots[i];
      i = (i + 1) & mask;
    }
    return nullptr;
  }
};

}  // namespace newsclean
