// A quick test of whether a text holds one of a few short strings: the gate
// in front of a rule with has= (see Rule::needs).
//
// Searching for each string's first byte, as a plain find would, stops at
// every 'r' of an English text for "REUTERS" folded to any case. Instead each
// string is looked for at its rarest byte (by a fixed table of how often a
// byte occurs in text: punctuation and capitals before lower-case letters and
// spaces), with memchr, and compared around each hit; strings that share that
// byte share the scan. The answer is the same as a plain search's.
#pragma once

#include <string>
#include <vector>

namespace newsclean {

class NeedleGate {
 public:
  NeedleGate() = default;
  // `ignore_case`: ASCII letters of the strings match either case.
  NeedleGate(const std::vector<std::string>& needles, bool ignore_case);

  // Whether `text` holds one of the strings. An empty string is in every text.
  bool holds_any(const std::string& text) const;

 private:
  struct Needle {
    std::string text;      // in lower case when folding
    std::size_t offset;    // of the byte scanned for
  };
  struct Scan {
    char byte;             // scanned with memchr; lower case when folding
    bool both_cases;       // a letter under folding: scan its upper case too
    std::vector<Needle> needles;
  };
  bool match_at(const Needle& n, const char* data, std::size_t size, std::size_t hit) const;
  std::vector<Scan> scans_;
  bool fold_ = false;
  bool always_ = false;    // an empty string was given
};

// Exposed for tests: how common `byte` is in text, higher for more common
// (space and lower-case vowels highest, rare punctuation lowest).
int byte_commonness(unsigned char byte);

}  // namespace newsclean
