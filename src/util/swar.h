// Eight bytes at a time in a 64-bit word ("SIMD within a register"), for
// the scans that every line goes through. Each mask has the high bit of a
// byte set for the bytes it picks and is exact per byte: no carry crosses
// from one byte into the next, so no byte is picked because of a neighbour.
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

// Bytes equal to `byte`.
inline std::uint64_t bytes_equal(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (byte * kLowBits);  // the bytes sought become zero
  return ~(((x & ~kHighBits) + ~kHighBits) | x) & kHighBits;
}

// Bytes that are not printable ASCII (0x20..0x7E).
inline std::uint64_t unprintable_bytes(std::uint64_t word) {
  const std::uint64_t low7 = word & ~kHighBits;
  const std::uint64_t below_space = ~(low7 + 0x60 * kLowBits);  // high bit clear when low7 >= 0x20
  const std::uint64_t is_del = low7 + kLowBits;                 // high bit set when low7 == 0x7F
  return (word | below_space | is_del) & kHighBits;
}

// UTF-8 continuation bytes (10xxxxxx).
inline std::uint64_t continuation_bytes(std::uint64_t word) {
  return word & ~(word << 1) & kHighBits;  // bit 7 set and bit 6 clear
}

// How many bytes a mask picks.
inline unsigned count_marked(std::uint64_t mask) {
  return static_cast<unsigned>(((mask >> 7) * kLowBits) >> 56);  // sums the 0/1 bytes into the top one
}

}  // namespace newsclean::swar
