// Eight bytes at a time in a 64-bit word ("SIMD within a register"), for
// the scans that every line goes through. A mask has the high bit of each
// byte it picks set, and nothing else.
#pragma once

#include <cstdint>
#include <cstring>

// The byte after byte k of the text is byte k+1 of a loaded word (the next
// higher byte) only on a little-endian machine.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "src/util/swar.h reads words as little-endian"
#endif

namespace newsclean::swar {

constexpr std::uint64_t kLowBits = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// The 8 bytes at p (no alignment needed).
inline std::uint64_t load(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// How many bytes a mask picks.
inline unsigned count_marked(std::uint64_t mask) {
  return static_cast<unsigned>(((mask >> 7) * kLowBits) >> 56);  // sums the 0/1 bytes into the top one
}

}  // namespace newsclean::swar
