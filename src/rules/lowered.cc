#include "rules/lowered.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/byte_stops.h"
#include "util/swar.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

constexpr char32_t kKelvin = 0x212A;  // RE2 folds it with 'k'
constexpr char32_t kLongS = 0x17F;    // and this with 's'
constexpr char32_t kMaxCodePoint = 0x10FFFF;

// Whether case folding can change `cp` (it has another case, or is one of
// the two that fold to ASCII).
bool cased(char32_t cp) {
  if (cp == kKelvin || cp == kLongS) return true;
  const auto c = static_cast<utf8proc_int32_t>(cp);
  return utf8proc_tolower(c) != c || utf8proc_toupper(c) != c || utf8proc_totitle(c) != c;
}

std::string hex_escape(char32_t cp) {
  static const char* const kDigits = "0123456789ABCDEF";
  std::string s = "\\x{";
  bool started = false;
  for (int shift = 20; shift >= 0; shift -= 4) {
    const unsigned d = (cp >> shift) & 0xF;
    if (d == 0 && !started && shift > 0) continue;
    started = true;
    s += kDigits[d];
  }
  s += '}';
  return s;
}

// A parsed character class: code point ranges and the escapes kept as they
// are (\d, \w, \pL...: each the same in both cases).
struct CharClass {
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::vector<std::string> opaque;

  bool contains(char32_t cp) const {
    for (const auto& [lo, hi] : ranges)
      if (cp >= lo && cp <= hi) return true;
    return false;
  }
  // The ASCII letters among the ranges: bit k for 'a' + k (lower) and 'A' + k (upper).
  std::uint32_t letters(char first) const {
    std::uint32_t mask = 0;
    for (int k = 0; k < 26; ++k)
      if (contains(static_cast<char32_t>(first + k))) mask |= 1u << k;
    return mask;
  }
  // The non-ASCII ranges merged: do they cover every non-ASCII code point?
  bool covers_non_ascii() const {
    std::vector<std::pair<char32_t, char32_t>> r;
    for (const auto& [lo, hi] : ranges)
      if (hi >= 0x80) r.emplace_back(std::max<char32_t>(lo, 0x80), hi);
    std::sort(r.begin(), r.end());
    char32_t next = 0x80;
    for (const auto& [lo, hi] : r) {
      if (lo > next) return false;
      if (hi >= next) next = hi + 1;
    }
    return next > kMaxCodePoint;
  }
  // Whether a non-ASCII member can change under case folding. Very large
  // ranges are assumed to.
  bool non_ascii_cased() const {
    for (const auto& [lo, hi] : ranges) {
      if (hi < 0x80) continue;
      const char32_t from = std::max<char32_t>(lo, 0x80);
      if (hi - from > 4096) return true;
      for (char32_t cp = from; cp <= hi; ++cp)
        if (cased(cp)) return true;
    }
    return false;
  }
};

class Rewriter {
 public:
  Rewriter(std::string_view p, bool ignore_case) : p_(p) { ci_.push_back(ignore_case); }

  bool run() {
    while (i_ < p_.size() && ok_) step();
    return ok_ && ci_.size() == 1;
  }
  std::string& out() { return out_; }
  bool exact() const { return exact_; }

 private:
  bool ci() const { return ci_.back(); }

  void step() {
    const char c = p_[i_];
    switch (c) {
      case '\\': escape(); return;
      case '[': char_class(); return;
      case '(': open_group(); return;
      case ')':
        if (ci_.size() < 2) {
          ok_ = false;
          return;
        }
        ci_.pop_back();
        out_ += ')';
        ++i_;
        return;
      default: break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      literal_ascii(c);
      ++i_;
      return;
    }
    const std::size_t start = i_;
    const char32_t cp = decode_utf8_at(p_, i_);
    if (cp == 0xFFFD && i_ - start != 3) {
      ok_ = false;  // not UTF-8: RE2 will say so
      return;
    }
    literal_cp(cp, p_.substr(start, i_ - start));
  }

  // An ASCII character standing for itself (or a metacharacter: copied).
  void literal_ascii(char c) {
    if (is_ascii_alpha(static_cast<unsigned char>(c))) {
      out_ += ascii_lower(c);
      if (!ci()) exact_ = false;  // 'a' matched only 'a'; on lowered text it meets 'A' too
      return;
    }
    out_ += c;
  }

  // A non-ASCII character standing for itself, written as `spelled`.
  void literal_cp(char32_t cp, std::string_view spelled) {
    if (cp < 0x80) {  // from an escape such as \x41
      if (is_ascii_alpha(static_cast<unsigned char>(cp))) {
        literal_ascii(static_cast<char>(cp));
      } else {
        out_ += spelled;
      }
      return;
    }
    if (ci() && cased(cp)) {
      // Non-ASCII text is not lowered: RE2 folds this one character.
      out_ += "(?i:";
      out_ += spelled;
      out_ += ')';
      return;
    }
    if (cp == kKelvin || cp == kLongS) {  // written as 'k' or 's' in the lowered text
      out_ += "(?:";
      out_ += spelled;
      out_ += cp == kKelvin ? "|k)" : "|s)";
      exact_ = false;
      return;
    }
    out_ += spelled;
  }

  // \xHH or \x{H...} at i_ (i_ at the backslash): the code point, i_ past it.
  bool hex_at(char32_t* cp) {
    std::size_t j = i_ + 2;
    std::size_t end;
    const bool braced = j < p_.size() && p_[j] == '{';
    if (braced) {
      end = p_.find('}', j);
      if (end == std::string_view::npos || end == j + 1 || end - j > 9) return false;
      ++j;
    } else {
      end = j + 2;
      if (end > p_.size()) return false;
    }
    char32_t v = 0;
    for (; j < end; ++j) {
      const auto c = static_cast<unsigned char>(p_[j]);
      int d;
      if (is_ascii_digit(c)) d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else return false;
      v = v * 16 + static_cast<char32_t>(d);
    }
    if (v > kMaxCodePoint) return false;
    *cp = v;
    i_ = braced ? end + 1 : end;
    return true;
  }

  // \p{Name} or \pX at i_: the whole escape, i_ past it; *cased when the
  // property is not the same in both cases (upper, lower, title case).
  bool property_at(std::string* spelled, bool* cased_property = nullptr) {
    const std::size_t start = i_;
    std::size_t j = i_ + 2;
    if (j >= p_.size()) return false;
    std::string_view name;
    if (p_[j] == '{') {
      const std::size_t end = p_.find('}', j);
      if (end == std::string_view::npos) return false;
      name = p_.substr(j + 1, end - j - 1);
      i_ = end + 1;
    } else {
      name = p_.substr(j, 1);
      i_ = j + 1;
    }
    if (name.empty() || name[0] == '^') return false;
    const bool by_case = name == "Lu" || name == "Ll" || name == "Lt" || name == "LC" || name == "L&";
    if (by_case && cased_property == nullptr) return false;
    if (cased_property) *cased_property = by_case;
    *spelled = std::string(p_.substr(start, i_ - start));
    return true;
  }

  void escape() {
    if (i_ + 1 >= p_.size()) {
      ok_ = false;
      return;
    }
    const char e = p_[i_ + 1];
    if (e == 'Q') {
      const std::size_t end = p_.find("\\E", i_ + 2);
      const std::size_t stop = end == std::string_view::npos ? p_.size() : end;
      std::size_t k = i_ + 2;
      while (k < stop) {
        const auto u = static_cast<unsigned char>(p_[k]);
        if (u < 0x80) {
          if (is_ascii_alpha(u) || is_ascii_digit(u) || u == ' ') {
            literal_ascii(p_[k]);
          } else {
            out_ += '\\';  // punctuation, quoted outside \Q...\E
            out_ += p_[k];
          }
          ++k;
          continue;
        }
        const std::size_t start = k;
        const char32_t cp = decode_utf8_at(p_, k);
        literal_cp(cp, p_.substr(start, k - start));
      }
      i_ = end == std::string_view::npos ? p_.size() : end + 2;
      return;
    }
    if (e == 'x') {
      const std::size_t start = i_;
      char32_t cp;
      if (!hex_at(&cp)) {
        ok_ = false;
        return;
      }
      literal_cp(cp, p_.substr(start, i_ - start));
      return;
    }
    if (e == 'p' || e == 'P') {
      std::string spelled;
      bool by_case = false;
      if (!property_at(&spelled, &by_case)) {
        ok_ = false;
        return;
      }
      if (!by_case) {
        out_ += spelled;
      } else if (ci()) {
        out_ += "(?i:" + spelled + ")";  // RE2 folds it: every cased letter
      } else {
        // A capital of the text is a lower-case letter in the lowered text.
        out_ += "[" + spelled + "a-z]";
        exact_ = false;
      }
      return;
    }
    if (is_ascii_digit(static_cast<unsigned char>(e))) {
      ok_ = false;  // octal or a back reference: not for this rewriter
      return;
    }
    // \d \s \w \b \A \z \C and their opposites, \n \t..., escaped punctuation:
    // the same in both cases.
    out_ += '\\';
    out_ += e;
    i_ += 2;
  }

  void open_group() {
    if (i_ + 1 < p_.size() && p_[i_ + 1] == '?') {
      const std::size_t j = i_ + 2;
      if (j < p_.size() && (p_[j] == 'P' || p_[j] == '<')) {  // a named group
        const std::size_t gt = p_.find('>', j);
        if (gt == std::string_view::npos) {
          ok_ = false;
          return;
        }
        out_.append(p_.substr(i_, gt + 1 - i_));
        ci_.push_back(ci());
        i_ = gt + 1;
        return;
      }
      // Flags: (?flags) for the rest of the group, (?flags:...) for a new one.
      std::size_t k = j;
      bool negate = false, case_flag = ci();
      std::string kept;  // the other flags, as written
      for (; k < p_.size() && p_[k] != ')' && p_[k] != ':'; ++k) {
        const char f = p_[k];
        if (f == '-') {
          negate = true;
          kept += '-';
        } else if (f == 'i') {
          case_flag = !negate;
        } else if (f == 'm' || f == 's' || f == 'U') {
          kept += f;
        } else {
          ok_ = false;
          return;
        }
      }
      if (k >= p_.size()) {
        ok_ = false;
        return;
      }
      if (!kept.empty() && kept.back() == '-') kept.pop_back();
      if (kept == "-") kept.clear();
      if (p_[k] == ')') {
        if (!kept.empty()) out_ += "(?" + kept + ")";
        ci_.back() = case_flag;
      } else {
        out_ += "(?" + kept + ":";
        ci_.push_back(case_flag);
      }
      i_ = k + 1;
      return;
    }
    out_ += '(';
    ci_.push_back(ci());
    ++i_;
  }

  // One member of a class at i_ (past any '['): a code point, a range
  // ([:upper:], [:lower:]: *cp to *last), or an escape kept as it is
  // (`opaque`); false if not understood. *last is *cp for a single one.
  bool class_member(char32_t* cp, std::string* opaque, char32_t* last = nullptr) {
    if (last) *last = 0;
    const auto u = static_cast<unsigned char>(p_[i_]);
    if (u == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
      const std::size_t end = p_.find(":]", i_ + 2);
      if (end == std::string_view::npos) return false;
      const std::string_view name = p_.substr(i_ + 2, end - i_ - 2);
      if (name.empty() || name[0] == '^') return false;
      i_ = end + 2;
      if ((name == "upper" || name == "lower") && last != nullptr) {
        *cp = name == "upper" ? 'A' : 'a';
        *last = *cp + 25;
        return true;
      }
      if (name == "upper" || name == "lower") return false;  // as a range's end
      *opaque = "[:" + std::string(name) + ":]";
      return true;
    }
    if (u == '\\') {
      if (i_ + 1 >= p_.size()) return false;
      const char e = p_[i_ + 1];
      if (e == 'x') return hex_at(cp);
      if (e == 'p' || e == 'P') {
        bool by_case = false;
        if (!property_at(opaque, &by_case)) return false;
        if (by_case) class_by_case_ = true;
        return true;
      }
      if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
        *opaque = std::string("\\") + e;
        i_ += 2;
        return true;
      }
      static const char kControls[] = "ntrfva";
      static const char32_t kControlCodes[] = {'\n', '\t', '\r', '\f', '\v', '\a'};
      for (int k = 0; kControls[k]; ++k)
        if (e == kControls[k]) {
          *cp = kControlCodes[k];
          i_ += 2;
          return true;
        }
      if (static_cast<unsigned char>(e) < 0x80 && !is_ascii_alpha(static_cast<unsigned char>(e)) &&
          !is_ascii_digit(static_cast<unsigned char>(e))) {
        *cp = static_cast<unsigned char>(e);  // escaped punctuation
        i_ += 2;
        return true;
      }
      return false;
    }
    if (u < 0x80) {
      *cp = u;
      ++i_;
      return true;
    }
    const std::size_t start = i_;
    *cp = decode_utf8_at(p_, i_);
    return !(*cp == 0xFFFD && i_ - start != 3);
  }

  void char_class() {
    const std::size_t start = i_;
    CharClass cc;
    class_by_case_ = false;
    ++i_;
    if (i_ < p_.size() && p_[i_] == '^') {
      cc.negated = true;
      ++i_;
    }
    bool first = true;
    for (;;) {
      if (i_ >= p_.size()) {
        ok_ = false;
        return;
      }
      if (p_[i_] == ']' && !first) break;
      first = false;
      char32_t lo = 0;
      std::string opaque;
      char32_t last = 0;
      if (!class_member(&lo, &opaque, &last)) {
        ok_ = false;
        return;
      }
      if (last != 0) {
        cc.ranges.emplace_back(lo, last);
        continue;
      }
      if (!opaque.empty()) {
        cc.opaque.push_back(opaque);
        continue;
      }
      char32_t hi = lo;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        std::string other;
        if (!class_member(&hi, &other) || !other.empty() || hi < lo) {
          ok_ = false;
          return;
        }
      }
      cc.ranges.emplace_back(lo, hi);
    }
    ++i_;  // ']'
    const std::string_view original = p_.substr(start, i_ - start);
    emit_class(cc, original);
  }

  void emit_class(CharClass& cc, std::string_view original) {
    const bool non_ascii_full = cc.covers_non_ascii();
    const bool kelvin = cc.contains(kKelvin), long_s = cc.contains(kLongS);
    std::uint32_t lower = cc.letters('a'), upper = cc.letters('A');
    if (class_by_case_ && !ci()) {
      // \p{Lu} and the like, in case: the letters they hold in either case
      // are read as lower case (all of them: a superset).
      exact_ = false;
      if (cc.negated) {
        lower = 0;
        upper = 0;
      } else {
        lower = (1u << 26) - 1;
      }
    }
    if (ci()) {
      // Members beyond ASCII that fold to others not listed: RE2 folds them
      // (the text keeps its case there). Every non-ASCII character listed
      // needs no folding.
      if (class_by_case_ || (!non_ascii_full && cc.non_ascii_cased())) {
        out_ += "(?i:";
        out_ += original;
        out_ += ')';
        return;
      }
      // The letters in either case stand for both; the lowered text has
      // only the lower one, and 'k', 's' for the Kelvin sign and long s.
      lower |= upper;
      if (kelvin) lower |= 1u << ('k' - 'a');
      if (long_s) lower |= 1u << ('s' - 'a');
    } else if (!cc.negated) {
      // A capital matched only capitals: on lowered text it must take the
      // lower case, which also lets in letters that were lower already.
      if (lower | upper) exact_ = false;
      lower |= upper;
      if (kelvin) lower |= 1u << ('k' - 'a');
      if (long_s) lower |= 1u << ('s' - 'a');
      if (kelvin || long_s) exact_ = false;
    } else {
      // [^...] in case: a lower-case letter it refuses stays refused only if
      // every character lowered to it is refused too.
      if (lower | upper) exact_ = false;
      lower &= upper;
      if (!kelvin) lower &= ~(1u << ('k' - 'a'));
      if (!long_s) lower &= ~(1u << ('s' - 'a'));
      if (kelvin || long_s) exact_ = false;
    }
    // Written back: the ranges without their ASCII letters, then the letters
    // by the lower-case mask (capitals never occur in lowered text).
    std::string body;
    auto part = [&](char32_t a, char32_t b) {
      if (a > b) return;
      body += hex_escape(a);
      if (b > a) body += "-" + hex_escape(b);
    };
    for (const auto& [lo, hi] : cc.ranges) {
      char32_t a = lo;
      for (const auto& [l2, h2] : {std::pair<char32_t, char32_t>{'A', 'Z'}, {'a', 'z'}}) {
        if (h2 < a || l2 > hi) continue;
        if (l2 > a) part(a, l2 - 1);
        a = std::max<char32_t>(a, h2 + 1);
      }
      part(a, hi);
    }
    for (int k = 0; k < 26; ++k)
      if (lower & (1u << k)) body += static_cast<char>('a' + k);
    for (const std::string& o : cc.opaque) body += o;
    if (body.empty()) {
      // A class that lost all its members: matches nothing, or (negated) anything.
      out_ += cc.negated ? "[\\x{0}-\\x{10FFFF}]" : "[^\\x{0}-\\x{10FFFF}]";
      return;
    }
    out_ += cc.negated ? "[^" : "[";
    out_ += body;
    out_ += ']';
  }

  std::string_view p_;
  std::size_t i_ = 0;
  std::string out_;
  std::vector<bool> ci_;  // case-insensitive, per open group
  bool class_by_case_ = false;  // the class being read holds \p{Lu} or the like
  bool exact_ = true;
  bool ok_ = true;
};

}  // namespace

LoweredPattern lower_pattern(std::string_view pattern, bool ignore_case) {
  Rewriter r(pattern, ignore_case);
  if (r.run()) return LoweredPattern{std::move(r.out()), r.exact()};
  // Not understood. With no flags of its own, the pattern folded as a whole
  // meets lowered text as the original meets the text, or more; with flags
  // ("(?-i:...)" inside), nothing short of reading it would do: the form
  // then matches every text, and the rule's own regex decides.
  if (pattern.find("(?") == std::string_view::npos)
    return LoweredPattern{"(?i)" + std::string(pattern), ignore_case, false};
  return LoweredPattern{"", false, false};
}

void lower_for_sets(std::string_view text, std::string& out) {
  out.resize(text.size());
  out.resize(lower_for_sets(text, out.data()));
}

std::size_t lower_for_sets(std::string_view text, char* p) {
  const std::size_t n = text.size();
  const char* src = text.data();
  // Lowered while copied, 8 bytes at a time; the high bits seen tell
  // whether the text has a byte beyond ASCII at all (most lines have none,
  // and then neither folding exception can be there).
  std::uint64_t high = 0;
  std::size_t i = 0;
  auto lower_8 = [&](std::size_t at) {  // lower_ascii leaves every byte but A-Z as it is
    const std::uint64_t x = swar::load(src + at);
    high |= x;
    const std::uint64_t w = swar::lower_ascii(x);
    std::memcpy(p + at, &w, 8);
  };
#if defined(__SSE2__)
  // 16 bytes a step where the text has them: a capital is a byte above '@'
  // and below '[' (signed compares: bytes beyond ASCII are negative, so
  // below both), lowered by adding 0x20.
  if (n >= 16) {
    const __m128i above = _mm_set1_epi8('A' - 1), below = _mm_set1_epi8('Z' + 1), to_lower = _mm_set1_epi8(0x20);
    __m128i any_high = _mm_setzero_si128();
    auto lower_16 = [&](std::size_t at) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + at));
      any_high = _mm_or_si128(any_high, x);
      const __m128i capital = _mm_and_si128(_mm_cmpgt_epi8(x, above), _mm_cmplt_epi8(x, below));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p + at), _mm_add_epi8(x, _mm_and_si128(capital, to_lower)));
    };
    for (; i + 16 <= n; i += 16) lower_16(i);
    if (i < n) lower_16(n - 16);  // the last bytes, lowered again from the 16 that end the text
    i = n;
    high = _mm_movemask_epi8(any_high) != 0 ? swar::kHighBits : 0;
  }
#endif
  for (; i + 8 <= n; i += 8) lower_8(i);
  if (i < n && n >= 8) {
    // The last bytes, fewer than 8: the 8 that end the text, lowered again
    // (lowering is idempotent), with no loop whose length changes per text.
    lower_8(n - 8);
  } else {
    for (; i < n; ++i) {
      high |= static_cast<unsigned char>(src[i]);
      p[i] = ascii_lower(src[i]);
    }
  }
  if ((high & swar::kHighBits) == 0) return n;
  // The folding exceptions, seldom met: each written as its ASCII letter.
  // Looked for at their rarest byte, 16 bytes at a time: the K's middle
  // byte, the long s's first. (A search for each from its first byte
  // called memchr again at every E2, at every curly quote and dash: perf
  // put 0.9% of a run on French text there.)
  const std::string_view t(p, n);
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  const bool exception = any_stop(t, 0xC5, 0x84, 0x84, [&](std::size_t i) {
    if (u[i] == 0xC5) return i + 1 < n && u[i + 1] == 0xBF;                    // ſ  C5 BF
    return i >= 1 && u[i - 1] == 0xE2 && i + 1 < n && u[i + 1] == 0xAA;  // K  E2 84 AA
  });
  if (!exception) return n;
  std::size_t o = 0;
  for (std::size_t k = 0; k < n;) {
    if (t.compare(k, 3, "\xE2\x84\xAA") == 0) {
      p[o++] = 'k';
      k += 3;
    } else if (t.compare(k, 2, "\xC5\xBF") == 0) {
      p[o++] = 's';
      k += 2;
    } else {
      p[o++] = p[k++];
    }
  }
  return o;
}

}  // namespace newsclean
