#include "clean/words.h"

#include <algorithm>
#include <cstring>

#include "util/utf8.h"

// SSE2 is part of x86-64, so every x86-64 build takes the SSE2 path below;
// others keep the byte-at-a-time one.
#if defined(__SSE2__) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NEWSCLEAN_WORDS_SSE2 1
#include <emmintrin.h>
#else
#define NEWSCLEAN_WORDS_SSE2 0
#endif

namespace newsclean {

namespace {

// A word's hash is a function of its normalised bytes alone (ASCII lower
// case, non-ASCII letters as they are, apostrophes left out), so the fast
// path that reads a plain word 8 bytes at a time and the byte-by-byte path
// for apostrophes and non-ASCII letters agree on every word. The bytes are
// read as little-endian 8-byte chunks, the last one padded with zero bytes
// (a normalised word holds none), and each chunk is mixed in with one
// 64x64->128-bit multiply whose halves are folded together, as wyhash
// does: every bit of the chunk reaches every bit of the state, so the
// hashes of different words look like random 64-bit values. The duplicate
// finders rely on that when they mix word hashes into pair and line keys.
constexpr std::uint64_t kSeed = 0x9E3779B97F4A7C15ULL;

constexpr std::uint64_t mix_chunk(std::uint64_t h, std::uint64_t chunk) {
#if defined(__SIZEOF_INT128__)
  // The folded 128-bit product: one multiply spreads every input bit.
  const unsigned __int128 product = static_cast<unsigned __int128>(h ^ chunk) * 0xA0761D6478BD642FULL;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
#else
  // Targets without 128-bit integers: a 64-bit multiply and xor-shifts.
  std::uint64_t x = (h ^ chunk) * 0xA0761D6478BD642FULL;
  x ^= x >> 32;
  return x * 0xE7037ED1A0B428DBULL ^ (x >> 29);
#endif
}

// A word's hash built a byte at a time, for the words that need the slow path.
struct WordHasher {
  std::uint64_t h = kSeed;
  std::uint64_t pending = 0;  // the bytes of the chunk being filled
  std::size_t size = 0;       // bytes added

  constexpr void add(unsigned char c) {
    pending |= std::uint64_t{c} << (8 * (size % 8));
    if (++size % 8 == 0) {
      h = mix_chunk(h, pending);
      pending = 0;
    }
  }
  constexpr bool empty() const { return size == 0; }
  constexpr std::uint64_t hash() const { return size % 8 ? mix_chunk(h, pending) : h; }
};

constexpr WordHasher hasher_of(const char* word) {
  WordHasher w;
  while (*word) w.add(static_cast<unsigned char>(*word++));
  return w;
}

// The words a contraction's ending stands for ("n't" = "not"), as the word
// read so far, since a digit may follow ("don't5" is "not5").
constexpr WordHasher kNot = hasher_of("not"), kAre = hasher_of("are"), kWill = hasher_of("will"),
                     kHave = hasher_of("have"), kAm = hasher_of("am"), kWould = hasher_of("would");

// Length of the word character at s[i] beyond ASCII, or 0 for the
// typographic quotes, dashes and marks of U+2000-U+206F, Latin-1
// punctuation, CJK punctuation and U+FFFD, which must not glue onto words
// ("“Russia" is "russia").
inline std::size_t non_ascii_word_char(std::string_view s, std::size_t i) {
  std::size_t j = i;
  const char32_t cp = decode_utf8_at(s, j);
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD ||
      (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F))
    return 0;
  return j - i;
}

// Per byte: the lower-case form of an ASCII letter or digit, else 0. One
// load instead of four comparisons in the loop that reads every byte.
struct ByteTables {
  unsigned char word_lower[256];
  constexpr ByteTables() : word_lower() {
    for (int c = 0; c < 256; ++c) {
      const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      word_lower[c] = alnum ? static_cast<unsigned char>((c >= 'A' && c <= 'Z') ? c | 0x20 : c) : 0;
    }
  }
};
constexpr ByteTables kBytes;

// Length of a non-ASCII word character at s[i], as non_ascii_word_char,
// decoding only the lead bytes of the ranges that hold punctuation.
inline std::size_t non_ascii_word_len(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  switch (lead) {
    case 0xC2: case 0xC3: case 0xE2: case 0xE3: case 0xEF:
      return non_ascii_word_char(s, i);
    default:
      break;
  }
  if (lead < 0xC0) return 0;  // a stray continuation byte (never in normalised text)
  const std::size_t len = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return i + len <= s.size() ? len : non_ascii_word_char(s, i);
}

// An apostrophe (ASCII or U+2019) at s[i] that is followed by a letter: its length, else 0.
inline std::size_t inner_apostrophe(std::string_view s, std::size_t i) {
  std::size_t len = 0;
  if (s[i] == '\'') {
    len = 1;
  } else if (static_cast<unsigned char>(s[i]) == 0xE2 && i + 2 < s.size() &&
             static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) == 0x99) {
    len = 3;
  }
  if (len == 0 || i + len >= s.size() || !is_ascii_alpha(static_cast<unsigned char>(s[i + len]))) return 0;
  return len;
}

// Hashes the word that starts at s[i] byte by byte, pushing its hash (two
// for a contraction) to out; returns where it ends. Handles every word; the
// fast path hands it those with an apostrophe or a non-ASCII letter.
std::size_t hash_word_slowly(std::string_view s, std::size_t i, std::vector<std::uint64_t>& out) {
  const std::size_t n = s.size();
  WordHasher w, before_last;  // the word, and the word without its last byte
  unsigned char last = 0;     // the last byte when it is an ASCII letter or digit, else 0
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (const unsigned char l = kBytes.word_lower[c]) {
      before_last = w;
      last = l;
      w.add(l);
      ++i;
      continue;
    }
    if (c == ' ') break;
    if (const std::size_t alen = inner_apostrophe(s, i)) {
      // A contraction or a possessive: read the letters after the apostrophe.
      std::size_t j = i + alen;
      char suffix[4];
      std::size_t slen = 0;
      while (j < n && is_ascii_alpha(static_cast<unsigned char>(s[j]))) {
        if (slen < sizeof suffix) suffix[slen] = ascii_lower(s[j]);
        ++slen, ++j;
      }
      const std::string_view suf(suffix, slen <= sizeof suffix ? slen : 0);
      if (suf == "t" && last == 'n' && !before_last.empty()) {
        // "don't" is "do not"; a lone "n't" is not a contraction.
        out.push_back(before_last.hash());
        w = kNot;
      } else if (suf == "re" || suf == "ll" || suf == "ve" || suf == "m" || suf == "d") {
        out.push_back(w.hash());
        w = suf == "re" ? kAre : suf == "ll" ? kWill : suf == "ve" ? kHave : suf == "m" ? kAm : kWould;
      } else if (suf == "s") {
        // Possessive or "is": the stem alone.
      } else {
        // O'Brien, rock'n'roll: one word without the apostrophe.
        for (std::size_t k = i + alen; k < j; ++k) w.add(static_cast<unsigned char>(ascii_lower(s[k])));
      }
      i = j;
      last = 0;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t len = non_ascii_word_len(s, i);
      if (len == 0) break;
      for (std::size_t k = 0; k < len; ++k) w.add(static_cast<unsigned char>(s[i + k]));
      last = 0;
      i += len;
      continue;
    }
    break;
  }
  out.push_back(w.hash());
  return i;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;

// The 8 bytes at p as a little-endian word, the order WordHasher adds bytes in.
inline std::uint64_t load_le64(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  return x;
}

// Up to 8 bytes of s from i as a little-endian word, zero past the end of
// s, never reading past it.
inline std::uint64_t load_up_to_8(std::string_view s, std::size_t i) {
  const std::size_t left = s.size() - i;
  if (left >= 8) return load_le64(s.data() + i);
  if (left == 0) return 0;
  // The last word of a text: the 8 bytes that end it, shifted so that s[i] comes first.
  if (s.size() >= 8) return load_le64(s.data() + s.size() - 8) >> (8 * (8 - left));
  std::uint64_t x = 0;
  for (std::size_t k = 0; k < left; ++k) x |= std::uint64_t{static_cast<unsigned char>(s[i + k])} << (8 * k);
  return x;
}

// kLowBytes.mask[n]: the low n bytes of a word set.
struct LowBytes {
  std::uint64_t mask[9];
  constexpr LowBytes() : mask() {
    for (int n = 1; n <= 8; ++n) mask[n] = ~std::uint64_t{0} >> (64 - 8 * n);
  }
};
constexpr LowBytes kLowBytes;

// Lower case for ASCII letters and digits: they all have 0x20 set in lower
// case, so or-ing it in lowers them. Bytes beyond ASCII (the two bytes of a
// letter such as é, which the SSE2 path reads with the ASCII ones) keep
// their value, as WordHasher adds them.
constexpr std::uint64_t kHighBits = 0x80 * kOnes;
constexpr std::uint64_t kLower = 0x20 * kOnes;
constexpr std::uint64_t lower_word_bytes(std::uint64_t x) { return x | ((~x & kHighBits) >> 2); }

// The hash of the plain word s[i, end), ASCII letters and digits (and, from
// the SSE2 path, two-byte letters), as WordHasher would compute it, 8 bytes
// to a multiply.
inline std::uint64_t hash_plain_word(std::string_view s, std::size_t i, std::size_t end) {
  std::uint64_t h = kSeed;
  for (; end - i >= 8; i += 8) h = mix_chunk(h, lower_word_bytes(load_up_to_8(s, i)));
  if (i < end) h = mix_chunk(h, lower_word_bytes(load_up_to_8(s, i)) & kLowBytes.mask[end - i]);
  return h;
}

// Whether the word that runs up to s[i] goes on there with an apostrophe
// or a non-ASCII letter, which the fast path leaves to the slow one.
inline bool word_goes_on(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c == '\'' && inner_apostrophe(s, i) != 0;
  return inner_apostrophe(s, i) != 0 || non_ascii_word_len(s, i) != 0;
}

// Hashes the word that starts with the ASCII letter or digit at s[i] and
// pushes its hash to out (two for a contraction); returns where it ends,
// past the space that usually follows (which saves the caller a turn of
// its loop per word). A plain word is found with a table lookup a byte
// and hashed 8 bytes at a time; one with an apostrophe or a non-ASCII
// letter goes to the slow path.
inline std::size_t hash_word(std::string_view s, std::size_t i, std::vector<std::uint64_t>& out) {
  const std::size_t n = s.size();
  std::size_t end = i + 1;
  while (end < n && kBytes.word_lower[static_cast<unsigned char>(s[end])] != 0) ++end;
  if (end == n) {
    out.push_back(hash_plain_word(s, i, end));
    return end;
  }
  if (word_goes_on(s, end)) return hash_word_slowly(s, i, out);
  out.push_back(hash_plain_word(s, i, end));
  return s[end] == ' ' ? end + 1 : end;
}

}  // namespace

std::uint64_t word_hash(std::string_view w) {
  WordHasher hasher;
  for (unsigned char c : w) hasher.add(c);
  return hasher.hash();
}

std::uint32_t append_word_hashes_bytewise(std::string_view s, std::vector<std::uint64_t>& out) {
  const std::size_t before = out.size();
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (kBytes.word_lower[c] != 0) {
      i = hash_word(s, i, out);
    } else if (c >= 0x80 && non_ascii_word_len(s, i) != 0) {
      i = hash_word_slowly(s, i, out);
    } else {
      ++i;  // not in a word
    }
  }
  return static_cast<std::uint32_t>(out.size() - before);
}

#if NEWSCLEAN_WORDS_SSE2

namespace {

// The SSE2 path. The byte-at-a-time loops above branch on every byte, and
// the branch changes its mind at every word boundary, so they mispredict
// about once a word; each word's search also waits on the previous one's.
// Here the text is read in windows of 64 bytes, classified 16 at a time
// into bit masks: ASCII letters and digits, and UTF-8 lead bytes (where a
// word of non-ASCII letters may start). Word starts and ends are then
// found with a count of trailing zeros, so the loop branches once a word
// in a way that rarely changes, and the windows do not depend on the
// words. A word of up to 16 bytes is hashed without a branch on its
// length. Words with an apostrophe or a letter of three or four bytes
// still go to hash_word_slowly, exactly as on the byte-at-a-time path;
// whether one does is told by the one byte after its letters, so
// apostrophes need no mask of their own. On 110 MB of news this halves the
// time the function takes (perf: 12.4% of the run before, 6.9% after).
// Letters of two bytes (é, ü, ß, and Greek and Cyrillic ones) are read
// with the ASCII letters, in windows that hold any (two_byte_letters).

// The classes of up to 64 bytes of text, bit k for byte k; bytes past the
// end of the text are in neither class. (Two words: returned in registers.)
struct ByteClasses {
  std::uint64_t word = 0;  // ASCII letters and digits
  std::uint64_t lead = 0;  // UTF-8 lead bytes, 0xC0 and up
  ByteClasses shifted_down(std::size_t k) const { return {word >> k, lead >> k}; }
};

// Bit k set when byte k of x is an ASCII letter or digit. The compares are
// signed, so bytes from 0x80 up, negative, fall outside both ranges.
inline std::uint32_t word_byte_bits(__m128i x) {
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
  const __m128i folded = _mm_or_si128(x, _mm_set1_epi8(0x20));  // 'A'-'Z' onto 'a'-'z'
  const __m128i letter =
      _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
  return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(digit, letter)));
}

// Bit k set when byte k of x leads a UTF-8 sequence (0xC0 and up). The
// continuation bytes 0x80-0xBF never start a word (non_ascii_word_len is 0
// for them), so the search for the next word skips them.
inline std::uint32_t lead_byte_bits(__m128i x) {
  const auto high = static_cast<std::uint32_t>(_mm_movemask_epi8(x));
  const auto not_continuation =
      static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(0xBF)))));
  return high & not_continuation;
}

inline ByteClasses classes_of(__m128i x) { return {word_byte_bits(x), lead_byte_bits(x)}; }

// Bit k set when byte k of x lies in [lo, hi] (as unsigned bytes).
inline std::uint32_t bytes_in(__m128i x, unsigned char lo, unsigned char hi) {
  const __m128i d = _mm_sub_epi8(x, _mm_set1_epi8(static_cast<char>(lo)));
  return static_cast<std::uint32_t>(
      _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(static_cast<char>(hi - lo))), d)));
}

inline __m128i load_16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

// The masks `classify` makes (bit k for byte k) of the bytes of s from
// p < s.size() to its end, fewer than 16: those of the last 16 bytes of s
// shifted down, so nothing past the end is read; a text shorter than 16
// bytes is gathered 8 bytes at a time. Bytes past the end are in no class.
template <typename Masks, typename Classify>
Masks masks_of_tail(std::string_view s, std::size_t p, Classify classify) {
  const std::size_t n = s.size();
  if (n >= 16) return classify(load_16(s.data() + n - 16)).shifted_down(p - (n - 16));
  const std::uint64_t lo = load_up_to_8(s, p);
  const std::uint64_t hi = n - p > 8 ? load_up_to_8(s, p + 8) : 0;
  return classify(_mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo)));
}

// The masks `classify` makes of the 16 bytes of s from p, none past its end.
template <typename Masks, typename Classify>
inline Masks masks_of_16(std::string_view s, std::size_t p, Classify classify) {
  if (p >= s.size()) return {};
  if (s.size() - p >= 16) return classify(load_16(s.data() + p));
  return masks_of_tail<Masks>(s, p, classify);
}

inline ByteClasses classes_of_16(std::string_view s, std::size_t p) {
  return masks_of_16<ByteClasses>(s, p, [](__m128i x) { return classes_of(x); });
}

// The bytes classified at a time: enough for several words, so that the
// loop over them ends (and mispredicts) once every several words. 64 was
// measured the fastest; 48 took 4% and 32 took 10% longer.
constexpr std::size_t kWindow = 64;
static_assert(kWindow % 16 == 0 && kWindow <= 64, "a window is whole 16-byte loads, its bits one 64-bit mask");
constexpr std::uint64_t kWindowBits = ~std::uint64_t{0} >> (64 - kWindow);

inline std::size_t lowest_bit(std::uint64_t bits) { return static_cast<std::size_t>(__builtin_ctzll(bits)); }

// The bytes of s from p on that make a two-byte letter, as the four masks
// two_byte_letters needs, for 16 bytes (none past the end of s; bytes past
// it in no class).
struct LetterBytes {
  std::uint32_t lead = 0;          // 0xC3-0xDF: the lead of a two-byte letter, or of × and ÷
  std::uint32_t c3 = 0;            // 0xC3
  std::uint32_t times_divide = 0;  // 0x97 and 0xB7: the second byte of × (C3 97) and ÷ (C3 B7)
  std::uint32_t continuation = 0;  // 0x80-0xBF
  LetterBytes shifted_down(std::size_t k) const {
    return {lead >> k, c3 >> k, times_divide >> k, continuation >> k};
  }
};
inline LetterBytes letter_bytes_of(__m128i x) {
  const std::uint32_t continuation = bytes_in(x, 0x80, 0xBF);
  return {bytes_in(x, 0xC3, 0xDF), bytes_in(x, 0xC3, 0xC3), bytes_in(x, 0x97, 0x97) | bytes_in(x, 0xB7, 0xB7),
          continuation};
}
inline LetterBytes letter_bytes_16(std::string_view s, std::size_t p) {
  return masks_of_16<LetterBytes>(s, p, [](__m128i x) { return letter_bytes_of(x); });
}

// Both bytes of each two-byte letter in the kWindow bytes from `base` whose
// word hash_word_slowly would read byte for byte, adding both bytes as they
// are: a lead of 0xC2 is punctuation, and 0xC3 leads × and ÷, which end a
// word (non_ascii_word_len); every other lead up to 0xDF makes a letter with
// the continuation byte after it. A lead whose next byte lies past the
// window, or is no continuation byte (not UTF-8), is left out: the word
// then goes on to the slow path as before. French, German and the other
// languages written in Latin letters put such letters in many words (é, ü,
// ß); without them, each of those words took the slow path.
inline std::uint64_t two_byte_letters(std::string_view s, std::size_t base, std::uint64_t leads) {
  // The leads of the window's characters beyond ASCII, 0xC0 and up: most
  // English windows hold only those of curly quotes and dashes (0xE2), and
  // no letter of two bytes; the one byte of each tells.
  bool any = false;
  for (std::uint64_t m = leads; m != 0 && !any; m &= m - 1) {
    const auto b = static_cast<unsigned char>(s[base + lowest_bit(m)]);
    any = b >= 0xC3 && b <= 0xDF;
  }
  if (!any) return 0;
  std::uint64_t lead = 0, c3 = 0, times_divide = 0, continuation = 0;
  for (unsigned k = 0; k < kWindow; k += 16) {
    const LetterBytes part = letter_bytes_16(s, base + k);
    lead |= std::uint64_t{part.lead} << k;
    c3 |= std::uint64_t{part.c3} << k;
    times_divide |= std::uint64_t{part.times_divide} << k;
    continuation |= std::uint64_t{part.continuation} << k;
  }
  const std::uint64_t letter_lead = lead & ~(c3 & (times_divide >> 1)) & (continuation >> 1);
  return letter_lead | (letter_lead << 1);
}

// The classes of a window of kWindow bytes, and its two-byte letters.
struct WindowClasses : ByteClasses {
  std::uint64_t letter2 = 0;  // both bytes of a two-byte letter (see two_byte_letters)
};

// The classes of the kWindow bytes of s from `base`, none past its end.
inline WindowClasses classes_of_window(std::string_view s, std::size_t base) {
  WindowClasses c;
  for (unsigned k = 0; k < kWindow; k += 16) {
    const ByteClasses part = classes_of_16(s, base + k);
    c.word |= part.word << k;
    c.lead |= part.lead << k;
  }
  if (c.lead != 0) c.letter2 = two_byte_letters(s, base, c.lead);  // most English windows hold no lead
  return c;
}

// Where the run of ASCII letters and digits from s[p] ends, 16 bytes a step.
std::size_t end_of_plain_run(std::string_view s, std::size_t p) {
  for (;; p += 16) {
    const std::uint64_t not_word = ~classes_of_16(s, p).word & 0xFFFF;
    if (not_word != 0) return std::min(p + lowest_bit(not_word), s.size());
  }
}

// kChunkMasks.lo[len] and .hi[len]: the bytes of a word of len <= 16 bytes
// in its first and its second 8 bytes.
struct ChunkMasks {
  std::uint64_t lo[17], hi[17];
  constexpr ChunkMasks() : lo(), hi() {
    for (int len = 0; len <= 16; ++len) {
      lo[len] = len >= 8 ? ~std::uint64_t{0} : kLowBytes.mask[len];
      hi[len] = len <= 8 ? 0 : kLowBytes.mask[len - 8];
    }
  }
};
constexpr ChunkMasks kChunkMasks;

// The hash of the plain word s[p, end) (ASCII letters and digits, and
// two-byte letters), as hash_plain_word computes it.
// For up to 16 bytes, both chunks are mixed and the right result picked,
// so that words of under and over 8 bytes take the same path. (kLetters:
// the word may hold two-byte letters; without, or-ing 0x20 into every byte
// lowers it, one operation a chunk where lower_word_bytes takes three.)
template <bool kLetters>
inline std::uint64_t hash_plain_word_16(std::string_view s, std::size_t p, std::size_t end) {
  const std::size_t len = end - p;
  if (len > 16) return hash_plain_word(s, p, end);
  std::uint64_t lo, hi;
  if (s.size() - p >= 16) {
    lo = load_le64(s.data() + p);
    hi = load_le64(s.data() + p + 8);
  } else {  // near the end of the text: read nothing past it
    lo = load_up_to_8(s, p);
    hi = len > 8 ? load_up_to_8(s, p + 8) : 0;
  }
  lo = kLetters ? lower_word_bytes(lo) : lo | kLower;
  hi = kLetters ? lower_word_bytes(hi) : hi | kLower;
  const std::uint64_t first = mix_chunk(kSeed, lo & kChunkMasks.lo[len]);
  const std::uint64_t both = mix_chunk(first, hi & kChunkMasks.hi[len]);
  return len > 8 ? both : first;
}

// The words that start in the window of kWindow bytes from `base`: hashes them and
// returns where the next window starts, past the last of them, or at a
// word that runs past the window's end (so that it fits in the next one).
// (kLetters: the window holds two-byte letters, read with the ASCII ones.
// Without them, an ASCII word is lowered with one operation a chunk.)
template <bool kLetters>
std::size_t hash_words_of(std::string_view s, std::size_t base, const WindowClasses& c, std::vector<std::uint64_t>& out) {
  const std::uint64_t letters = kLetters ? c.word | c.letter2 : c.word;  // the bytes of a plain word
  std::uint64_t starts = c.word | c.lead;  // where a word may start, from the first byte not yet read
  while (starts != 0) {
    const std::size_t k = lowest_bit(starts);
    const std::size_t p = base + k;
    std::size_t next;  // the first byte after this word
    if (letters >> k & 1) {
      const std::uint64_t not_word_after = ~letters & kWindowBits & (~std::uint64_t{0} << k);
      if (not_word_after == 0 && k != 0) return p;  // runs past the window: read it in the next
      // (A word as long as the window runs on as far as its ASCII does; if
      // a two-byte letter comes next, the word goes on to the slow path.)
      const std::size_t end =
          not_word_after != 0 ? base + lowest_bit(not_word_after) : end_of_plain_run(s, base + kWindow);
      if (end < s.size() && word_goes_on(s, end)) {
        next = hash_word_slowly(s, p, out);
      } else {
        out.push_back(hash_plain_word_16<kLetters>(s, p, end));
        next = end;
      }
    } else {
      next = non_ascii_word_len(s, p) != 0 ? hash_word_slowly(s, p, out) : p + 1;  // else a quote or dash
    }
    if (next - base >= kWindow) return next;
    starts &= ~std::uint64_t{0} << (next - base);
  }
  return base + kWindow;
}

std::size_t hash_words_in_window(std::string_view s, std::size_t base, std::vector<std::uint64_t>& out) {
  const WindowClasses c = classes_of_window(s, base);
  return c.letter2 != 0 ? hash_words_of<true>(s, base, c, out) : hash_words_of<false>(s, base, c, out);
}

}  // namespace

std::uint32_t append_word_hashes(std::string_view s, std::vector<std::uint64_t>& out) {
  const std::size_t before = out.size();
  for (std::size_t base = 0; base < s.size();) base = hash_words_in_window(s, base, out);
  return static_cast<std::uint32_t>(out.size() - before);
}

#else

std::uint32_t append_word_hashes(std::string_view s, std::vector<std::uint64_t>& out) {
  return append_word_hashes_bytewise(s, out);
}

#endif

}  // namespace newsclean
