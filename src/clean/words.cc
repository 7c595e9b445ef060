#include "clean/words.h"

#include <cstring>

#include "util/utf8.h"

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
// case, so or-ing it in lowers them.
constexpr std::uint64_t kLower = 0x20 * kOnes;

// The hash of the plain word s[i, end), all ASCII letters and digits, as
// WordHasher would compute it, 8 bytes to a multiply.
inline std::uint64_t hash_plain_word(std::string_view s, std::size_t i, std::size_t end) {
  std::uint64_t h = kSeed;
  for (; end - i >= 8; i += 8) h = mix_chunk(h, load_up_to_8(s, i) | kLower);
  if (i < end) h = mix_chunk(h, (load_up_to_8(s, i) | kLower) & kLowBytes.mask[end - i]);
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

std::uint32_t append_word_hashes(std::string_view s, std::vector<std::uint64_t>& out) {
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

}  // namespace newsclean
