// A short line (up to 64 bytes) as bit masks of classes of its bytes, bit k
// for byte k, 16 bytes at a time: for the tests that page heuristics ask of
// every short line (a date's digits and separators, a title's word starts),
// which as byte loops branched at every byte and mispredicted at every word.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#define NEWSCLEAN_LINE_MASKS 1
#else
#define NEWSCLEAN_LINE_MASKS 0
#endif

namespace newsclean {

#if NEWSCLEAN_LINE_MASKS

constexpr std::size_t kLineMaskBytes = 64;

// classify(v) gives N byte masks (0xFF where a byte is in the class) of the
// 16 bytes in v; returns them as N bit masks of `line` (at most
// kLineMaskBytes long). Bytes past the end are in no class. Nothing outside
// the line is read.
template <std::size_t N, typename Classify>
std::array<std::uint64_t, N> line_masks(std::string_view line, Classify&& classify) {
  std::array<std::uint64_t, N> out{};
  const std::size_t n = line.size();
  auto add = [&](const char* at, unsigned drop, std::size_t shift, unsigned keep) {
    const std::array<__m128i, N> classes = classify(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)));
    for (std::size_t c = 0; c < N; ++c)
      out[c] |= std::uint64_t{(static_cast<unsigned>(_mm_movemask_epi8(classes[c])) >> drop) & keep} << shift;
  };
  if (n < 16) {
    // A copy, padded: a line this short has no 16 bytes of its own to load.
    char padded[16] = {};
    std::memcpy(padded, line.data(), n);
    add(padded, 0, 0, (1u << n) - 1);
    return out;
  }
  std::size_t k = 0;
  for (; k + 16 <= n; k += 16) add(line.data() + k, 0, k, 0xFFFF);
  // The last bytes, fewer than 16: the 16 that end the line, shifted down.
  if (k < n) add(line.data() + n - 16, static_cast<unsigned>(16 - (n - k)), k, 0xFFFF);
  return out;
}

// Bytes from lo to hi (both ASCII), as a byte mask.
inline __m128i bytes_between(__m128i v, char lo, char hi) {
  // Signed compares: bytes beyond ASCII are negative, so below lo.
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                       _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
}

inline __m128i bytes_equal(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

#endif

}  // namespace newsclean
