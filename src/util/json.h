// Exact JSON string escaping (control characters as \u00XX, invalid UTF-8
// as U+FFFD) for every writer that emits JSON.
#pragma once

#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsclean {

void append_json_string(std::string& out, std::string_view s);

#if defined(__SSE2__)
// Bit k set when p[k] (k < 16) is '"', '\\' or a control character (below
// 0x20), and, with `beyond_ascii`, when it is 0x7F or above: the bytes a
// JSON string scan or escape must stop at.
inline unsigned json_special_mask16(const char* p, bool beyond_ascii) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));  // v <= 0x1F, unsigned
  if (beyond_ascii) m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x7F)), v));  // v >= 0x7F
  return static_cast<unsigned>(_mm_movemask_epi8(m));
}
#endif

}  // namespace newsclean
