#include "clean/words.h"

#include "util/utf8.h"

namespace newsclean {

namespace {

constexpr std::uint64_t kOffset = 1469598103934665603ULL;
constexpr std::uint64_t kPrime = 1099511628211ULL;

constexpr std::uint64_t fnv(const char* s, std::uint64_t h = kOffset) {
  return *s ? fnv(s + 1, (h ^ static_cast<unsigned char>(*s)) * kPrime) : h;
}

constexpr std::uint64_t kNot = fnv("not"), kAre = fnv("are"), kWill = fnv("will"), kHave = fnv("have"),
                        kAm = fnv("am"), kWould = fnv("would");

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

}  // namespace

std::uint64_t word_hash(std::string_view w) {
  std::uint64_t h = kOffset;
  for (unsigned char c : w) h = (h ^ c) * kPrime;
  return h;
}

std::uint32_t append_word_hashes(std::string_view s, std::vector<std::uint64_t>& out) {
  const std::size_t before = out.size();
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Find the start of a word.
    const auto c0 = static_cast<unsigned char>(s[i]);
    if (kBytes.word_lower[c0] == 0 && (c0 < 0x80 || non_ascii_word_len(s, i) == 0)) {
      ++i;
      continue;
    }
    std::uint64_t h = kOffset, before_last = kOffset;
    unsigned char last = 0;
    while (i < n) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (const unsigned char l = kBytes.word_lower[c]) {
        before_last = h;
        last = l;
        h = (h ^ l) * kPrime;
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
        if (suf == "t" && last == 'n' && before_last != kOffset) {
          out.push_back(before_last);
          h = kNot;
        } else if (suf == "re" || suf == "ll" || suf == "ve" || suf == "m" || suf == "d") {
          out.push_back(h);
          h = suf == "re" ? kAre : suf == "ll" ? kWill : suf == "ve" ? kHave : suf == "m" ? kAm : kWould;
        } else if (suf == "s") {
          // Possessive or "is": the stem alone.
        } else {
          // O'Brien, rock'n'roll: one word without the apostrophe.
          for (std::size_t k = i + alen; k < j; ++k)
            h = (h ^ static_cast<unsigned char>(ascii_lower(s[k]))) * kPrime;
        }
        i = j;
        last = 0;
        continue;
      }
      if (c >= 0x80) {
        const std::size_t len = non_ascii_word_len(s, i);
        if (len == 0) break;
        for (std::size_t k = 0; k < len; ++k) h = (h ^ static_cast<unsigned char>(s[i + k])) * kPrime;
        last = 0;
        i += len;
        continue;
      }
      break;
    }
    out.push_back(h);
  }
  return static_cast<std::uint32_t>(out.size() - before);
}

}  // namespace newsclean
