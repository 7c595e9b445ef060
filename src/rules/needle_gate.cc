#include "rules/needle_gate.h"

#include <cstring>

#include "util/utf8.h"

namespace newsclean {

int byte_commonness(unsigned char c) {
  // Lower-case letters in the order of their frequency in English prose
  // (and most languages written in Latin letters come close to it).
  static const char kLetters[] = "etaoinshrdlcumwfgypbvkjxqz";
  if (c == ' ') return 255;
  if (is_ascii_lower(c)) return 250 - static_cast<int>(std::strchr(kLetters, c) - kLetters);
  if (c >= 0x80) return 200;  // any letter of another script, one byte of it
  if (c == '.' || c == ',') return 190;
  if (is_ascii_upper(c)) return 160 - static_cast<int>(std::strchr(kLetters, c | 0x20) - kLetters);
  if (is_ascii_digit(c)) return 120;
  if (c == '-' || c == '\'' || c == '"') return 110;
  return 50;  // ':', '/', '(' and the rest of ASCII punctuation
}

NeedleGate::NeedleGate(const std::vector<std::string>& needles, bool ignore_case) : fold_(ignore_case) {
  for (const std::string& raw : needles) {
    if (raw.empty()) {
      always_ = true;
      continue;
    }
    std::string text = raw;
    if (fold_)
      for (char& c : text) c = ascii_lower(c);
    // The rarest byte; a letter counts as its more common case when folding,
    // since both cases are then scanned.
    std::size_t best = 0;
    int best_rank = 1 << 20;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      int rank = byte_commonness(c);
      if (fold_ && is_ascii_alpha(c)) rank += byte_commonness(static_cast<unsigned char>(c & ~0x20));
      if (rank < best_rank) {
        best_rank = rank;
        best = i;
      }
    }
    const char byte = text[best];
    Scan* scan = nullptr;
    for (Scan& s : scans_)
      if (s.byte == byte) scan = &s;
    if (scan == nullptr) {
      scans_.push_back(Scan{byte, fold_ && is_ascii_alpha(static_cast<unsigned char>(byte)), {}});
      scan = &scans_.back();
    }
    scan->needles.push_back(Needle{std::move(text), best});
  }
}

bool NeedleGate::match_at(const Needle& n, const char* data, std::size_t size, std::size_t hit) const {
  if (hit < n.offset || size - (hit - n.offset) < n.text.size()) return false;
  const char* start = data + (hit - n.offset);
  if (!fold_) return std::memcmp(start, n.text.data(), n.text.size()) == 0;
  for (std::size_t k = 0; k < n.text.size(); ++k)
    if (ascii_lower(start[k]) != n.text[k]) return false;
  return true;
}

bool NeedleGate::holds_any(const std::string& text) const {
  if (always_) return true;
  const char* const data = text.data();
  const std::size_t size = text.size();
  for (const Scan& s : scans_) {
    const char cases[2] = {s.byte, static_cast<char>(s.byte & ~0x20)};
    for (int c = 0; c < (s.both_cases ? 2 : 1); ++c) {
      const char* p = data;
      const char* const end = data + size;
      while ((p = static_cast<const char*>(std::memchr(p, cases[c], static_cast<std::size_t>(end - p)))) != nullptr) {
        const std::size_t hit = static_cast<std::size_t>(p - data);
        for (const Needle& n : s.needles)
          if (match_at(n, data, size, hit)) return true;
        ++p;
      }
    }
  }
  return false;
}

}  // namespace newsclean
