// A small table of words packed into integers (KeyTable::pack), each with a
// value, looked up without a branch on the answer. Serves the function-word
// tables of the language guess and the stopword count (text/lang.cc) and
// the filler words of comment headers (clean/page/thread.cc).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace newsclean {

// Packed words (see pack) to a small value, 1 to 65535, in buckets of four
// keys under a multiplier chosen so that no bucket gets more than four: a
// lookup compares the key with the four of its bucket and combines the
// results. A word of up to eight bytes is its bytes packed into one integer
// (every function word of every language list fits; the unit tests check
// that each listed word is found): a lookup does not allocate, hash byte by
// byte or compare strings. Nor does it branch on the answer: in prose about
// every other word is a function word, so such a branch is mispredicted
// about as often as not (it took half the function-word count's time).
class KeyTable {
 public:
  static constexpr std::size_t kMaxBytes = 8;

  // `entries`: distinct keys, each with its value.
  explicit KeyTable(const std::vector<std::pair<std::uint64_t, std::uint16_t>>& entries) {
    // A fresh odd multiplier per try (splitmix64 steps over the golden
    // ratio); with about a sixth of the slots used most tries succeed, and
    // doubling the buckets ends the search in any case.
    std::uint64_t seed = 0x9E3779B97F4A7C15ULL;
    for (bits_ = 9;; ++bits_) {
      for (int attempt = 0; attempt < 64; ++attempt) {
        seed += 0x9E3779B97F4A7C15ULL;
        std::uint64_t z = seed;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        multiplier_ = (z ^ (z >> 31)) | 1;
        if (fill(entries)) return;
      }
    }
  }
  // The bytes of `w` (1 to kMaxBytes of them) in one integer, first byte lowest.
  static std::uint64_t pack(std::string_view w) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < w.size(); ++i) key |= std::uint64_t{static_cast<unsigned char>(w[i])} << (8 * i);
    return key;
  }
  // 1 when `key` is in the table, else 0. (An empty slot holds 0, which no
  // word packs to.)
  unsigned contains(std::uint64_t key) const {
    const Bucket& b = buckets_[bucket(key)];
    return static_cast<unsigned>((b.keys[0] == key) | (b.keys[1] == key) | (b.keys[2] == key) | (b.keys[3] == key));
  }
  // The value of `key`, 0 when it is not in the table.
  unsigned value_of(std::uint64_t key) const {
    const Bucket& b = buckets_[bucket(key)];
    unsigned v = 0;
    for (std::size_t k = 0; k < 4; ++k) v |= b.values[k] & (0u - static_cast<unsigned>(b.keys[k] == key));
    return v;
  }

 private:
  struct Bucket {
    std::array<std::uint64_t, 4> keys{};
    std::array<std::uint16_t, 4> values{};
  };
  std::size_t bucket(std::uint64_t key) const {
    return static_cast<std::size_t>(((key ^ (key >> 29)) * multiplier_) >> (64 - bits_));
  }
  bool fill(const std::vector<std::pair<std::uint64_t, std::uint16_t>>& entries) {
    buckets_.assign(std::size_t{1} << bits_, Bucket{});
    for (const auto& [key, value] : entries) {
      Bucket& b = buckets_[bucket(key)];
      std::size_t k = 0;
      while (k < b.keys.size() && b.keys[k] != 0) ++k;
      if (k == b.keys.size()) return false;
      b.keys[k] = key;
      b.values[k] = value;
    }
    return true;
  }
  std::vector<Bucket> buckets_;
  std::uint64_t multiplier_ = 1;
  unsigned bits_ = 9;
};

}  // namespace newsclean
