// The words of a text found 64 bytes at a time: a word is a run of ASCII
// letters and digits and of bytes beyond ASCII (so a UTF-8 letter, but also
// a curly quote, is part of one). Shared by the language guess, the
// function-word count and the page heuristics that look for the title's
// words, which all read every byte of every short line: a bit scan per word
// rather than a branch per byte.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "util/swar.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsclean {

// Per byte: whether it belongs to a word (the tail of a chunk, under 16 bytes).
inline constexpr std::array<bool, 256> kWordScanBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  return t;
}();

// Bit k set when p[k] is a word byte (ASCII letter or digit, or beyond
// ASCII), for the n <= 64 bytes at p, in a text that starts at `begin`.
inline std::uint64_t word_byte_mask(const unsigned char* begin, const unsigned char* p, std::size_t n) {
  std::uint64_t mask = 0;
  std::size_t k = 0;
#if defined(__SSE2__)
  const __m128i lower_bit = _mm_set1_epi8(0x20);
  const __m128i before_a = _mm_set1_epi8('a' - 1), after_z = _mm_set1_epi8('z' + 1);
  const __m128i before_0 = _mm_set1_epi8('0' - 1), after_9 = _mm_set1_epi8('9' + 1);
  auto mask_16 = [&](const unsigned char* q) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const __m128i folded = _mm_or_si128(v, lower_bit);
    // Signed compares: a byte beyond ASCII is negative, so it is no letter
    // or digit here; its own high bit puts it in the mask.
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, before_a), _mm_cmplt_epi8(folded, after_z));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, before_0), _mm_cmplt_epi8(v, after_9));
    return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), v)));
  };
  for (; k + 16 <= n; k += 16) mask |= std::uint64_t{mask_16(p + k)} << k;
  // The last bytes, fewer than 16: the 16 that end them, shifted down, when
  // the text has that many (nothing is read outside it); most lines end so.
  if (k < n && p + n - begin >= 16) return mask | std::uint64_t{mask_16(p + n - 16) >> (16 - (n - k))} << k;
#else
  (void)begin;
#endif
  for (; k < n; ++k) mask |= std::uint64_t{kWordScanBytes[p[k]]} << k;
  return mask;
}

// A word's first 8 bytes as one number, the key of the function-word tables
// (and a cheap first test of a word's identity): ASCII capitals lowered,
// every other byte as it is, the bytes past `len` (at most 8) cleared. The
// word lies in a text [begin, end); nothing outside it is read.
inline std::uint64_t packed_key(const unsigned char* begin, const unsigned char* word, std::size_t len,
                                const unsigned char* end) {
  std::uint64_t x = 0;
  if (end - word >= 8) {
    std::memcpy(&x, word, 8);
  } else if (end - begin >= 8) {
    // Near the end of the text: the 8 bytes that end it, shifted so that
    // the word's first byte comes first.
    std::memcpy(&x, end - 8, 8);
    x >>= 8 * (8 - (end - word));
  } else {
    for (std::size_t k = 0; k < static_cast<std::size_t>(end - word); ++k) x |= std::uint64_t{word[k]} << (8 * k);
  }
  // Without a branch on the length: words of under and over eight bytes
  // alternate in any text, and such a branch is mispredicted at every turn.
  const std::size_t kept = len < 8 ? len : 8;
  x &= ~std::uint64_t{0} >> (64 - 8 * kept);
  return swar::lower_ascii(x);
}

// Calls on_word(word, len, key) for every word of `text` (a run of ASCII
// letters and digits and of bytes beyond ASCII), in order, until it
// returns false; `key` is the word's packed_key.
template <typename OnWord>
inline void scan_words(std::string_view text, OnWord&& on_word) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  auto finish_word = [&](const unsigned char* word, std::size_t len) {
    return on_word(word, len, packed_key(begin, word, len, end));
  };
  // A text of up to 64 bytes (most short lines) in one mask: each word's
  // start and end by bit scans, with none of the loop's carrying of a word
  // from one window to the next (whose branches mispredict).
  if (text.size() <= 64) {
    const std::size_t n = text.size();
    const std::uint64_t words = word_byte_mask(begin, begin, n);
    for (std::uint64_t starts = words & ~(words << 1); starts != 0; starts &= starts - 1) {
      const auto s = static_cast<unsigned>(__builtin_ctzll(starts));
      const std::uint64_t after = ~words >> s;  // 0 when the word runs to bit 63
      // (The mask has no bit past the text, so a word ends at its end at the latest.)
      const std::size_t len = after == 0 ? 64 - s : static_cast<std::size_t>(__builtin_ctzll(after));
      if (!finish_word(begin + s, len)) return;
    }
    return;
  }
  // The text 64 bytes at a time as a mask of word bytes: words are found by
  // bit scans, so the loop turns once per word rather than once per byte.
  const unsigned char* open = nullptr;  // start of a word that runs on past the last chunk
  for (const unsigned char* base = begin; base < end; base += 64) {
    const std::size_t n = static_cast<std::size_t>(end - base) < 64 ? static_cast<std::size_t>(end - base) : 64;
    std::uint64_t words = word_byte_mask(begin, base, n);
    const std::uint64_t inside = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    if (open != nullptr) {
      const std::uint64_t gaps = ~words & inside;
      if (gaps == 0) continue;  // the word goes on through this chunk
      const unsigned stop = static_cast<unsigned>(__builtin_ctzll(gaps));
      if (!finish_word(open, static_cast<std::size_t>(base + stop - open))) return;
      open = nullptr;
      words &= ~std::uint64_t{0} << stop;
    }
    while (words != 0) {
      const unsigned start = static_cast<unsigned>(__builtin_ctzll(words));
      const std::uint64_t gaps = ~words & inside & (~std::uint64_t{0} << start);
      if (gaps == 0) {
        open = base + start;
        break;
      }
      const unsigned stop = static_cast<unsigned>(__builtin_ctzll(gaps));
      if (!finish_word(base + start, stop - start)) return;
      words &= stop == 64 ? 0 : ~std::uint64_t{0} << stop;
    }
  }
  if (open != nullptr) finish_word(open, static_cast<std::size_t>(end - open));
}

}  // namespace newsclean
