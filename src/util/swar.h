// Eight bytes at a time in a 64-bit word ("SIMD within a register"), for
// the scans that every line goes through. A mask has the high bit of each
// byte it picks set, and nothing else.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

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

// The word with the ASCII capitals 'A'..'Z' among its bytes lowered; every
// other byte as it is.
inline std::uint64_t lower_ascii(std::uint64_t x) {
  const std::uint64_t low7 = x & ~kHighBits;
  const std::uint64_t at_least_a = low7 + (0x80 - 'A') * kLowBits;
  const std::uint64_t above_z = low7 + (0x80 - 'Z' - 1) * kLowBits;
  const std::uint64_t capital = at_least_a & ~above_z & ~x & kHighBits;
  return x | (capital >> 2);
}

// A hash of `size` bytes at p compared in any ASCII case ("Home" and "HOME"
// hash alike), eight bytes a step: for finding equal lines, not stored.
inline std::uint64_t lowercase_hash(const char* p, std::size_t size) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = size * kMul;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    h = (h ^ lower_ascii(load(p + i))) * kMul;
    h ^= h >> 29;
  }
  if (i < size) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, p + i, size - i);
    h = (h ^ lower_ascii(tail)) * kMul;
    h ^= h >> 29;
  }
  return h;
}
inline std::uint64_t lowercase_hash(std::string_view t) { return lowercase_hash(t.data(), t.size()); }

}  // namespace newsclean::swar
