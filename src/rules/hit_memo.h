// What the rule sets and gates found in a short block, kept from one
// document to the next: chrome repeats across the pages of a site and across
// sites ("Advertisement", "Share this article", "Sign up", a menu's items, a
// footer's links). Of the short lines (up to 12 words) of 3,800 development
// texts, 45% had been met, byte for byte, in an earlier text; in the
// throughput corpus 58%. A block met before takes its hits from here and
// skips its lowering, its gates and its sets: on 40 MB of English text the
// two sets of the shortest tier alone took 11% of the run's cycles (rdtsc),
// mostly the cost of a call, which a short block pays twice.
//
// The hits kept are those before the per-block conditions (zone, word
// limits of the rule itself): RuleSet::finish_hits still runs on every
// block. They depend on the text, its word count (which picks the tier) and
// the rules in force, and on nothing else, so a stored entry is keyed by all
// three and the answer is the same as a fresh match.
//
// Bounded: a fixed number of slots, each holding one text, replaced when
// another text hashes to it. One memo per thread (RuleSet::match_all keeps
// it thread_local), so that it needs no lock.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace newsclean {

class HitMemo {
 public:
  // About 2.5 MB a thread once full.
  static constexpr std::size_t kSlots = std::size_t{1} << 14;
  // Texts longer than this are not kept (a slot holds its text inline).
  static constexpr std::size_t kMaxBytes = 112;
  // Nor blocks with more hits than this (few blocks have more than one).
  static constexpr std::size_t kMaxHits = 5;

  // A hash of the text for find and store; texts of up to kMaxBytes only.
  static std::uint64_t hash_of(std::string_view text);

  // Starts loading the slot of `hash` (the memo is cold for each document).
  void prefetch(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[slot_of(hash)]);
  }
  // Whether the block (`owner`: the rule set and the rules in force,
  // `words`, `text`) was stored; its hits go to `out` if so.
  bool find(std::uint64_t owner, std::uint32_t words, std::string_view text, std::uint64_t hash,
            std::vector<int>& out) const;
  // Keeps the block's hits, in place of whatever held its slot. Does
  // nothing for a text longer than kMaxBytes or more than kMaxHits hits.
  void store(std::uint64_t owner, std::uint32_t words, std::string_view text, std::uint64_t hash,
             const std::vector<int>& hits);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t owner = 0;  // 0: empty (owners are never 0)
    std::uint32_t words = 0;
    std::uint8_t length = 0;
    std::uint8_t hit_count = 0;
    std::array<int, kMaxHits> hits{};
    std::array<char, kMaxBytes> text{};
  };
  static std::size_t slot_of(std::uint64_t hash) { return static_cast<std::size_t>(hash >> 40) & (kSlots - 1); }
  std::vector<Slot> slots_;  // allocated on the first store
};

}  // namespace newsclean
