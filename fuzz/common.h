// Shared by the libFuzzer targets: one Cleaner with the built-in rules,
// created once (it is immutable and cheap to share), and options drawn
// from the input's first byte so every switch gets fuzzed too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "newsclean/newsclean.h"

namespace newsclean::fuzz {

inline const Cleaner& builtin_cleaner() {
  static const std::unique_ptr<Cleaner> cleaner = [] {
    std::vector<RuleError> errors;
    auto c = Cleaner::create(Config{}, &errors);
    if (!c) std::abort();  // the built-in rules must always compile
    return c;
  }();
  return *cleaner;
}

// Byte 0 picks the switches; the rest is the document. Inputs of one byte
// or none are documents of their own with default options.
inline std::string_view take_options(const uint8_t* data, size_t size, DocumentOptions& o) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (size < 2) return in;
  const uint8_t f = data[0];
  o.nfkc = f & 1;
  o.ascii_punct = f & 2;
  o.reflow = !(f & 4);
  o.heuristics = !(f & 8);
  if (f & 16) o.site = "example.com";
  if (f & 32) o.lang = (f & 64) ? "de" : "en";
  in.remove_prefix(1);
  return in;
}

}  // namespace newsclean::fuzz
