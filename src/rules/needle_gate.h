// The gate in front of the rules with has= (see Rule::needs): which of them
// hold one of their strings in a block, found in one pass over its text.
//
// Each string is looked for at its rarest byte (by a fixed table of how often
// a byte occurs in text: punctuation and capitals before lower-case letters
// and spaces), so that the pass stops rarely; and all the rules' rare bytes
// are compared with 16 bytes of text at a time, so that the pass costs about
// the same for four rules as for one. A stop compares the strings that have
// that byte around it. The answer is the same as a plain search's.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace newsclean {

class NeedleGate {
 public:
  // One rule's strings; `ignore_case`: their ASCII letters match either case.
  struct Strings {
    std::vector<std::string> needles;
    bool ignore_case = false;
  };
  // A gate answers for this many rules at most (see find).
  static constexpr std::size_t kMaxRules = 64;
  NeedleGate() = default;
  // At most kMaxRules rules.
  explicit NeedleGate(const std::vector<Strings>& rules);

  // Bit k set when `text` holds one of the strings of rules[k]. An empty
  // string is in every text. (Bits, not a vector: most blocks hold none, and
  // the caller then has nothing to walk.)
  std::uint64_t find(const std::string& text) const;

 private:
  struct Needle {
    std::string text;      // in lower case when folded
    std::uint32_t offset;  // of the scanned byte in it
    std::uint32_t rule;
    bool fold;
  };
  struct Scan {
    unsigned char byte;    // lower case when a folded letter
    bool fold;             // a letter in either case: compared as byte | 0x20
    std::vector<Needle> needles;
    // The bytes that stand before `byte` in its strings (a folded letter in
    // both cases), unless one of them starts there (then any may): a stop
    // at a ':' after a digit, or at the '/' of "https://", goes no further.
    std::array<std::uint64_t, 4> before{};
    bool any_before = false;
  };
  bool match_at(const Needle& n, const char* data, std::size_t size, std::size_t hit) const;
  void check_hit(const char* data, std::size_t size, std::size_t hit, std::uint64_t& found) const;
  std::vector<Scan> scans_;
  // With more scans than this, the pass takes a byte at a time.
  static constexpr std::size_t kMaxVectorScans = 16;
  // The scanned bytes, each repeated 16 times, for the 16-byte compares:
  // the plain ones first, then the folded letters (set once, not per text).
  alignas(16) std::array<std::array<unsigned char, 16>, kMaxVectorScans> vector_bytes_{};
  std::size_t vector_plain_ = 0, vector_folded_ = 0;
  // scans_at_[scans_from_[c] .. scans_from_[c + 1]): the scans that stop at byte c.
  std::array<std::uint32_t, 257> scans_from_{};
  std::vector<std::uint32_t> scans_at_;
  std::uint64_t always_ = 0;  // the rules with an empty string
};

// Exposed for tests: how common `byte` is in text, higher for more common
// (space and lower-case vowels highest, rare punctuation lowest).
int byte_commonness(unsigned char byte);

}  // namespace newsclean
