#include "text/mojibake.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "util/byte_stops.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// The byte that a Windows-1252 decoder (or a Latin-1 one, for the C1
// controls; WHATWG's windows-1252 also gives U+0081, U+008D, U+008F, U+0090
// and U+009D for the five bytes it leaves undefined) turned into `cp`; -1
// when no single byte decodes to it.
int single_byte_of(char32_t cp) {
  if (cp >= 0x80 && cp <= 0xFF) return static_cast<int>(cp);
  switch (cp) {
    case 0x20AC: return 0x80; case 0x201A: return 0x82; case 0x0192: return 0x83; case 0x201E: return 0x84;
    case 0x2026: return 0x85; case 0x2020: return 0x86; case 0x2021: return 0x87; case 0x02C6: return 0x88;
    case 0x2030: return 0x89; case 0x0160: return 0x8A; case 0x2039: return 0x8B; case 0x0152: return 0x8C;
    case 0x017D: return 0x8E; case 0x2018: return 0x91; case 0x2019: return 0x92; case 0x201C: return 0x93;
    case 0x201D: return 0x94; case 0x2022: return 0x95; case 0x2013: return 0x96; case 0x2014: return 0x97;
    case 0x02DC: return 0x98; case 0x2122: return 0x99; case 0x0161: return 0x9A; case 0x203A: return 0x9B;
    case 0x0153: return 0x9C; case 0x017E: return 0x9E; case 0x0178: return 0x9F;
    default: return -1;
  }
}

bool is_continuation_byte(int b) { return b >= 0x80 && b <= 0xBF; }

utf8proc_category_t category(char32_t cp) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}

bool is_lower(char32_t cp) {
  if (cp < 0x80) return is_ascii_lower(static_cast<unsigned char>(cp));
  return category(cp) == UTF8PROC_CATEGORY_LL;
}

bool is_upper(char32_t cp) {
  if (cp < 0x80) return is_ascii_upper(static_cast<unsigned char>(cp));
  const auto c = category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) return is_ascii_alpha(static_cast<unsigned char>(cp));
  const auto c = category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool is_alnum(char32_t cp) { return is_letter(cp) || (cp < 0x80 && is_ascii_digit(static_cast<unsigned char>(cp))); }

// A character that text is written with: not a control, not unassigned, not
// private use; format characters only where mojibake of them is common
// (BOM, zero-width space and joiners, which the normaliser then removes).
bool is_plausible_character(char32_t cp) {
  if (cp < 0xA0) return false;
  const auto c = category(cp);
  if (c == UTF8PROC_CATEGORY_CN || c == UTF8PROC_CATEGORY_CO || c == UTF8PROC_CATEGORY_CS ||
      c == UTF8PROC_CATEGORY_CC)
    return false;
  if (c == UTF8PROC_CATEGORY_CF) return cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200F) || cp == 0x00AD;
  return true;
}

// One character of the line being examined: the code point and where its
// bytes are. (Of a run of ASCII, only the first and the last character are
// kept: see repair_once.)
struct Char {
  char32_t cp;
  std::uint32_t begin;
  std::uint32_t end;
  int byte;  // single_byte_of(cp), or -1
};

// What a candidate rests on.
enum class Shape : std::uint8_t {
  Sequence,  // lead and every continuation stand-in present
  LostNbsp,  // "Â"/"Ã" whose 0xA0 (a NBSP) became a space or was dropped at the end
  LostShy,   // "Ã" whose 0xAD (a soft hyphen) was dropped, between lowercase letters
  LostByte,  // "â€" whose third byte (0x9D, of ”) was dropped by the decoder
};

enum class Judgement : std::uint8_t { Reject, Ambiguous, Accept };

struct Candidate {
  std::size_t first;  // index of the lead in the Char vector
  std::size_t count;  // characters it replaces
  char32_t decoded;
  Shape shape;
  Judgement judgement = Judgement::Reject;
};

// Tries to read a mis-decoded sequence starting at chars[k].
bool read_candidate(const std::vector<Char>& chars, std::size_t k, Candidate* out) {
  const int lead = chars[k].byte;
  if (lead < 0xC2 || lead > 0xF4) return false;
  const std::size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  int bytes[4] = {lead, -1, -1, -1};
  std::size_t have = 1;
  while (have < length && k + have < chars.size() && is_continuation_byte(chars[k + have].byte)) {
    bytes[have] = chars[k + have].byte;
    ++have;
  }
  const bool next_is_space_or_end = k + 1 >= chars.size() || chars[k + 1].cp == ' ';
  if (have < length) {
    // A lost byte: only the losses that are common and certain in what
    // they stood for.
    if (have == 1 && (lead == 0xC2 || lead == 0xC3) && next_is_space_or_end) {
      *out = Candidate{k, 1, static_cast<char32_t>(((lead & 0x1F) << 6) | 0x20), Shape::LostNbsp};
      return true;
    }
    if (have == 1 && lead == 0xC3 && k > 0 && k + 1 < chars.size() && is_lower(chars[k - 1].cp) &&
        chars[k - 1].cp < 0x80 && chars[k + 1].cp < 0x80 && is_lower(chars[k + 1].cp)) {
      *out = Candidate{k, 1, 0xED, Shape::LostShy};
      return true;
    }
    if (have == 2 && lead == 0xE2 && bytes[1] == 0x80) {
      *out = Candidate{k, 2, 0x201D, Shape::LostByte};
      return true;
    }
    return false;
  }
  // Valid UTF-8 of the right shape: no overlong form, no surrogate, nothing past U+10FFFF.
  if (lead == 0xE0 && bytes[1] < 0xA0) return false;
  if (lead == 0xED && bytes[1] > 0x9F) return false;
  if (lead == 0xF0 && bytes[1] < 0x90) return false;
  if (lead == 0xF4 && bytes[1] > 0x8F) return false;
  char32_t cp = static_cast<char32_t>(lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07));
  for (std::size_t j = 1; j < length; ++j) cp = (cp << 6) | static_cast<char32_t>(bytes[j] & 0x3F);
  // A C1 control is what text encoded wrongly twice holds halfway ("Â\x9D"
  // of the 0x9D of ”): judge() takes it only inside a run.
  const bool halfway = length == 2 && cp >= 0x80 && cp <= 0x9F;
  if (!halfway && !is_plausible_character(cp)) return false;
  *out = Candidate{k, length, cp, Shape::Sequence};
  return true;
}

// How likely the repaired reading is, from the candidate and its neighbours.
// Accept: correct text does not write this (a C1 control, "â€™", "Ã©" after
// a lowercase letter). Ambiguous: correct text could ("IRMÃ”", a word in
// capitals ending in Ã before a quote), so it needs evidence elsewhere in
// the line. Reject: the repair would be less plausible than the text.
Judgement judge(const std::vector<Char>& chars, const Candidate& c, bool chained) {
  const char32_t prev = c.first > 0 ? chars[c.first - 1].cp : ' ';
  const std::size_t after = c.first + c.count;
  const char32_t next = after < chars.size() ? chars[after].cp : ' ';
  const int lead = chars[c.first].byte;
  switch (c.shape) {
    case Shape::LostNbsp:
      if (is_upper(prev)) return Judgement::Reject;  // "IRMÃ E", "ÂNGELA Â": a capital word's last letter
      if (lead == 0xC2 && prev != ' ' && !is_upper(prev)) return Judgement::Accept;  // "end.Â Next", "byÂ name"
      return Judgement::Ambiguous;
    case Shape::LostShy:
    case Shape::LostByte:
      return Judgement::Ambiguous;
    case Shape::Sequence:
      break;
  }
  if (c.decoded < 0xA0) return chained ? Judgement::Accept : Judgement::Reject;  // a C1 control, halfway
  for (std::size_t j = 1; j < c.count; ++j)
    if (chars[c.first + j].cp >= 0x80 && chars[c.first + j].cp <= 0x9F) return Judgement::Accept;  // C1 control
  if (chained) return Judgement::Accept;
  if (c.count == 4) return Judgement::Accept;
  if (c.count == 3) {
    if (lead == 0xE2) return Judgement::Accept;       // â€™ â€œ â€” â‚¬ â„¢: punctuation, currency, symbols
    if (c.decoded == 0xFEFF) return Judgement::Accept;  // ï»¿, a byte-order mark read as text
    // "café »" with a NBSP is é + NBSP + » too: after a letter, a lone
    // 3-byte candidate is a word's last letter and French spacing.
    if (is_letter(prev)) return Judgement::Reject;
    return Judgement::Ambiguous;
  }
  // Two bytes.
  if (lead == 0xC2) {
    // Â£ Â© Â° Â»: a symbol with a stray Â before it.
    return is_upper(prev) ? Judgement::Ambiguous : Judgement::Accept;
  }
  if (lead == 0xC3) {
    // A letter of Latin-1 (or × ÷). A mis-decoded letter sits in a word;
    // a correct capital Ã before a symbol ends one.
    if (is_lower(prev)) return Judgement::Accept;                         // cafÃ©, StraÃŸe
    if (is_upper(prev)) {
      if (is_lower(next) || (is_upper(next) && is_upper(c.decoded))) return Judgement::Accept;  // MÃ¼ller, GRÃ–SSE
      return Judgement::Ambiguous;                                         // CAFÃ‰ or IRMÃ”
    }
    return is_alnum(next) ? Judgement::Accept : Judgement::Ambiguous;     // Ã©tÃ©, Ã‰cole, 3Ã—4
  }
  // Latin Extended, Greek, Cyrillic, Hebrew, Arabic, ...: a letter inside a
  // lowercase word (Polish "siÄ™", "Å›wiat"); runs of them chain.
  if (!is_letter(c.decoded)) return Judgement::Reject;
  if (is_lower(prev) || is_lower(next)) return Judgement::Accept;
  return Judgement::Ambiguous;
}

// One pass over `line`; returns how many characters were repaired.
std::size_t repair_once(std::string_view line, std::string& out) {
  thread_local std::vector<Char> chars;
  thread_local std::vector<Candidate> candidates;
  chars.clear();
  candidates.clear();
  std::size_t i = 0;
  while (i < line.size()) {
    const std::size_t begin = i;
    const auto byte = static_cast<unsigned char>(line[i]);
    if (byte < 0x80) {
      // A run of ASCII (most of a line) is never part of a candidate, and
      // the candidates and their judges look at one character on each side
      // only: its first and last characters stand for the run, which keeps
      // every neighbour and keeps apart what it separates.
      while (i < line.size() && static_cast<unsigned char>(line[i]) < 0x80) ++i;
      chars.push_back(Char{byte, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + 1), -1});
      if (i - begin >= 2)
        chars.push_back(Char{static_cast<unsigned char>(line[i - 1]), static_cast<std::uint32_t>(i - 1),
                             static_cast<std::uint32_t>(i), -1});
      continue;
    }
    const char32_t cp = decode_utf8_at(line, i);
    // An invalid byte (U+FFFD from one byte) is kept as it is and never read as a stand-in.
    const bool invalid = cp == 0xFFFD && i - begin == 1;
    chars.push_back(Char{cp, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(i),
                         invalid ? -1 : single_byte_of(cp)});
  }
  for (std::size_t k = 0; k < chars.size();) {
    Candidate c;
    if (read_candidate(chars, k, &c)) {
      candidates.push_back(c);
      k += c.count;
    } else {
      ++k;
    }
  }
  if (candidates.empty()) return 0;
  // A run that stands alone between quotation marks ("Ã©" for "é") is
  // quoted, not broken: a text about mojibake. Every chain of adjacent
  // candidates is looked at as one run.
  auto is_quote = [](char32_t cp) {
    return cp == '"' || cp == '\'' || cp == '`' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
           cp == 0x2019 || cp == 0x201E || cp == 0x00AB || cp == 0x00BB;
  };
  thread_local std::vector<char> quoted;
  quoted.assign(candidates.size(), 0);
  for (std::size_t n = 0; n < candidates.size();) {
    std::size_t last = n;
    while (last + 1 < candidates.size() &&
           candidates[last].first + candidates[last].count == candidates[last + 1].first)
      ++last;
    const std::size_t begin = candidates[n].first;
    const std::size_t end = candidates[last].first + candidates[last].count;
    if (begin > 0 && end < chars.size() && is_quote(chars[begin - 1].cp) && is_quote(chars[end].cp))
      for (std::size_t q = n; q <= last; ++q) quoted[q] = 1;
    n = last + 1;
  }
  bool evidence = false;
  for (std::size_t n = 0; n < candidates.size(); ++n) {
    Candidate& c = candidates[n];
    const bool chained =
        c.shape == Shape::Sequence &&
        ((n > 0 && candidates[n - 1].shape == Shape::Sequence &&
          candidates[n - 1].first + candidates[n - 1].count == c.first) ||
         (n + 1 < candidates.size() && candidates[n + 1].shape == Shape::Sequence &&
          c.first + c.count == candidates[n + 1].first));
    c.judgement = quoted[n] ? Judgement::Reject : judge(chars, c, chained);
    if (c.judgement == Judgement::Accept) evidence = true;
  }
  if (!evidence) return 0;
  out.clear();
  out.reserve(line.size());
  std::size_t copied = 0;  // bytes of `line` written or replaced so far
  std::size_t repaired = 0;
  for (const Candidate& c : candidates) {
    if (c.judgement == Judgement::Reject) continue;
    const std::size_t begin = chars[c.first].begin;
    out.append(line.data() + copied, begin - copied);
    append_utf8(out, c.decoded);
    copied = chars[c.first + c.count - 1].end;
    ++repaired;
  }
  out.append(line.data() + copied, line.size() - copied);
  return repaired;
}

}  // namespace

namespace {

// Whether the 0xC3 at p[i] (of n bytes) may start a mis-decoded character.
// Every lead (U+00C2..U+00F4) is 0xC3 0x82..0xB4 in UTF-8; every
// continuation stand-in starts with 0xC2 (U+0080..U+00BF), 0xC5 (Œ œ Š š
// Ÿ Ž ž), 0xC6 (ƒ), 0xCB (ˆ ˜) or 0xE2 (the punctuation, € and ™).
bool mojibake_at(const unsigned char* p, std::size_t i, std::size_t n) {
  if (i + 1 >= n) return false;
  const unsigned char second = p[i + 1];
  if (second < 0x82 || second > 0xB4) return false;
  const bool nbsp_lead = second == 0x82 || second == 0x83;  // Â or Ã
  if (i + 2 >= n) return nbsp_lead;
  const unsigned char third = p[i + 2];
  if (third == 0xC2 || third == 0xC5 || third == 0xC6 || third == 0xCB || third == 0xE2) return true;
  if (nbsp_lead && third == ' ') return true;
  return second == 0x83 && is_ascii_lower(third);  // a lost soft hyphen, perhaps
}

}  // namespace

bool mojibake_may_start_at(std::string_view line, std::size_t i) {
  return mojibake_at(reinterpret_cast<const unsigned char*>(line.data()), i, line.size());
}

bool may_hold_mojibake(std::string_view line) {
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const std::size_t n = line.size();
  // Most lines hold no 0xC3 where one could start, found 16 bytes at a time
  // (in French or German text a lead comes every few words: é, ü).
  if (!any_stop(line, 0xC3, 0xC3, 0xC3, [&](std::size_t i) { return mojibake_at(p, i, n); })) return false;
  // The rest take the walk as first written, which steps over the byte
  // after each 0xC3 it looks at (it differs only on text that is not
  // UTF-8, where a 0xC3 follows a 0xC3).
  for (std::size_t i = 0; i < n; i += 2) {
    const void* lead = std::memchr(p + i, 0xC3, n - i);
    if (lead == nullptr) return false;
    i = static_cast<std::size_t>(static_cast<const unsigned char*>(lead) - p);
    if (mojibake_at(p, i, n)) return true;
  }
  return false;
}

std::size_t repair_mojibake(std::string_view line, std::string& out) {
  // Text encoded wrongly twice takes two passes; a third catches three times.
  std::size_t total = 0;
  std::string scratch;
  std::string_view current = line;
  for (int pass = 0; pass < 3; ++pass) {
    std::string& target = pass % 2 == 0 ? out : scratch;
    const std::size_t n = repair_once(current, target);
    if (n == 0) break;
    total += n;
    current = target;
    if (!may_hold_mojibake(current)) break;
  }
  if (total > 0 && current.data() != out.data()) out.assign(current.data(), current.size());
  return total;
}

}  // namespace newsclean
