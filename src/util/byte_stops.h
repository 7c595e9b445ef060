// The places in a text where one of a few given bytes stands, found 16
// bytes at a time: for tests that look at a byte and its neighbours only
// where a rare-ish byte stands (a UTF-8 lead, a quote). A loop of memchr
// calls did the same, but in French or German text, where such a byte
// comes every few words (the lead of é, the first byte of ’), the call
// at every stop cost more than the stop.
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsclean {

// Calls at(i) for each i, in order, where text[i] is `a`, `b` or `c` (give
// the same byte more than once for fewer), until at(i) returns true;
// returns whether it did.
template <typename At>
bool any_stop(std::string_view text, unsigned char a, unsigned char b, unsigned char c, At&& at) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(static_cast<char>(a)), vb = _mm_set1_epi8(static_cast<char>(b)),
                vc = _mm_set1_epi8(static_cast<char>(c));
  auto stops_in = [&](std::size_t from) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)), _mm_cmpeq_epi8(v, vc));
    return static_cast<unsigned>(_mm_movemask_epi8(hit));
  };
  auto any_in = [&](std::size_t from, unsigned mask) {
    for (; mask != 0; mask &= mask - 1)
      if (at(from + static_cast<std::size_t>(__builtin_ctz(mask)))) return true;
    return false;
  };
  if (n >= 16) {
    for (; i + 16 <= n; i += 16)
      if (any_in(i, stops_in(i))) return true;
    // The last bytes, fewer than 16: the 16 that end the text, the places
    // already seen cleared (no byte loop whose length changes per text).
    return i < n && any_in(n - 16, stops_in(n - 16) & (0xFFFFu << (i - (n - 16))));
  }
#endif
  for (; i < n; ++i)
    if ((p[i] == a || p[i] == b || p[i] == c) && at(i)) return true;
  return false;
}

}  // namespace newsclean
