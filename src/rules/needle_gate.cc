#include "rules/needle_gate.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/utf8.h"

namespace newsclean {

int byte_commonness(unsigned char c) {
  // Lower-case letters in the order of their frequency in English prose
  // (and most languages written in Latin letters come close to it).
  static const char kLetters[] = "etaoinshrdlcumwfgypbvkjxqz";
  if (c == ' ') return 255;
  if (is_ascii_lower(c)) return 250 - static_cast<int>(std::strchr(kLetters, c) - kLetters);
  // A byte of a character beyond ASCII: a lead byte is shared by a whole
  // block of characters (0xE2 by the curly quotes, dashes and €), a
  // continuation byte tells them apart.
  if (c >= 0xC0) return 200;
  // 0x80 is the middle byte of all of U+2000..U+203F (E2 80 xx): the curly
  // quotes, dashes and the ellipsis; scanning for it stops at every quote.
  if (c == 0x80) return 205;
  if (c >= 0x80) return 195;
  if (c == '.' || c == ',') return 190;
  if (is_ascii_upper(c)) return 160 - static_cast<int>(std::strchr(kLetters, c | 0x20) - kLetters);
  if (is_ascii_digit(c)) return 120;
  if (c == '-' || c == '\'' || c == '"') return 110;
  return 50;  // ':', '/', '(' and the rest of ASCII punctuation
}

NeedleGate::NeedleGate(const std::vector<Strings>& rules) {
  for (std::size_t k = 0; k < rules.size() && k < kMaxRules; ++k) {
    const bool fold = rules[k].ignore_case;
    for (const std::string& raw : rules[k].needles) {
      if (raw.empty()) {
        always_ |= std::uint64_t{1} << k;
        continue;
      }
      std::string text = raw;
      if (fold)
        for (char& c : text) c = ascii_lower(c);
      // The rarest byte; a folded letter counts as both its cases, which
      // the pass then stops at.
      std::size_t best = 0;
      int best_rank = 1 << 20;
      for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        int rank = byte_commonness(c);
        if (fold && is_ascii_alpha(c)) rank += byte_commonness(static_cast<unsigned char>(c & ~0x20));
        // Of equal ranks, the last: a byte before it lets a stop be
        // turned away at once (see check_hit), as at the end of every
        // sentence for "...".
        if (rank <= best_rank) {
          best_rank = rank;
          best = i;
        }
      }
      const auto byte = static_cast<unsigned char>(text[best]);
      const bool fold_byte = fold && is_ascii_alpha(byte);
      Scan* scan = nullptr;
      for (Scan& s : scans_)
        if (s.byte == byte && s.fold == fold_byte) scan = &s;
      if (scan == nullptr) {
        scans_.push_back(Scan{byte, fold_byte, {}});
        scan = &scans_.back();
      }
      if (best == 0) {
        scan->any_before = true;
      } else {
        const auto b = static_cast<unsigned char>(text[best - 1]);
        scan->before[b >> 6] |= std::uint64_t{1} << (b & 63);
        if (fold && is_ascii_alpha(b)) {
          const auto other = static_cast<unsigned char>(b ^ 0x20);
          scan->before[other >> 6] |= std::uint64_t{1} << (other & 63);
        }
      }
      scan->needles.push_back(
          Needle{std::move(text), static_cast<std::uint32_t>(best), static_cast<std::uint32_t>(k), fold});
    }
  }
  // Which scans stop at each byte value (a folded letter's at both cases),
  // so that a stop goes straight to its strings.
  for (unsigned c = 0; c < 256; ++c) {
    scans_from_[c] = static_cast<std::uint32_t>(scans_at_.size());
    for (std::size_t s = 0; s < scans_.size(); ++s)
      if ((scans_[s].fold ? (c | 0x20) : c) == scans_[s].byte) scans_at_.push_back(static_cast<std::uint32_t>(s));
  }
  scans_from_[256] = static_cast<std::uint32_t>(scans_at_.size());
  if (scans_.size() <= kMaxVectorScans) {
    for (const Scan& scan : scans_)
      if (!scan.fold) vector_bytes_[vector_plain_++].fill(scan.byte);
    for (const Scan& scan : scans_)
      if (scan.fold) vector_bytes_[vector_plain_ + vector_folded_++].fill(scan.byte);
  }
}

bool NeedleGate::match_at(const Needle& n, const char* data, std::size_t size, std::size_t hit) const {
  if (hit < n.offset || size - (hit - n.offset) < n.text.size()) return false;
  const char* start = data + (hit - n.offset);
  if (!n.fold) return std::memcmp(start, n.text.data(), n.text.size()) == 0;
  for (std::size_t k = 0; k < n.text.size(); ++k)
    if (ascii_lower(start[k]) != n.text[k]) return false;
  return true;
}

// The byte at `hit` is one of the scanned bytes: the strings scanned for
// it that stand there mark their rules.
void NeedleGate::check_hit(const char* data, std::size_t size, std::size_t hit, std::uint64_t& found) const {
  const auto c = static_cast<unsigned char>(data[hit]);
  const auto b = hit > 0 ? static_cast<unsigned char>(data[hit - 1]) : 0;
  for (std::uint32_t k = scans_from_[c]; k < scans_from_[c + 1]; ++k) {
    const Scan& scan = scans_[scans_at_[k]];
    if (!scan.any_before && (hit == 0 || !(scan.before[b >> 6] >> (b & 63) & 1))) continue;
    for (const Needle& n : scan.needles)
      if (!(found >> n.rule & 1) && match_at(n, data, size, hit)) found |= std::uint64_t{1} << n.rule;
  }
}

std::uint64_t NeedleGate::find(const std::string& text) const {
  std::uint64_t found = always_;
  if (scans_.empty()) return found;
  const char* const data = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  if (scans_.size() <= kMaxVectorScans && size >= 16) {
    // Compares 16 bytes with every scanned byte at once; bit j of the mask
    // says byte i + j is one of them. The last 16 bytes are compared again,
    // overlapping, with the bits of the bytes already seen cleared: nothing
    // is read past the end, and nothing is copied (a copy's narrow stores
    // then a wide load stall the pipeline, on every block). Texts of fewer
    // than 16 bytes take the byte loop below.
    const __m128i lower = _mm_set1_epi8(0x20);
    const auto* bytes = reinterpret_cast<const __m128i*>(vector_bytes_.data());
    const std::size_t n_plain = vector_plain_, n_all = vector_plain_ + vector_folded_;
    auto stops_in = [&](std::size_t at) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
      __m128i any = _mm_setzero_si128();
      for (std::size_t s = 0; s < n_plain; ++s) any = _mm_or_si128(any, _mm_cmpeq_epi8(chunk, _mm_load_si128(bytes + s)));
      if (n_all != n_plain) {
        const __m128i folded = _mm_or_si128(chunk, lower);
        for (std::size_t s = n_plain; s < n_all; ++s)
          any = _mm_or_si128(any, _mm_cmpeq_epi8(folded, _mm_load_si128(bytes + s)));
      }
      return static_cast<unsigned>(_mm_movemask_epi8(any));
    };
    auto check_all = [&](std::size_t at, unsigned mask) {
      for (; mask != 0; mask &= mask - 1) check_hit(data, size, at + static_cast<std::size_t>(__builtin_ctz(mask)), found);
    };
    for (; i + 16 <= size; i += 16) check_all(i, stops_in(i));
    if (i < size) check_all(size - 16, stops_in(size - 16) & (0xFFFFu << (i - (size - 16))));
    return found;
  }
#endif
  // Short texts, or many scans: a byte at a time.
  for (; i < size; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    if (scans_from_[c] != scans_from_[c + 1]) check_hit(data, size, i, found);
  }
  return found;
}

}  // namespace newsclean
