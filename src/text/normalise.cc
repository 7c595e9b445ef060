#include "text/normalise.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "text/mojibake.h"
#include "util/swar.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

enum class CharClass { Keep, Space, Remove };

CharClass classify(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return cp == '\t' ? CharClass::Space : CharClass::Remove;
  if (cp < 0x80) return cp == ' ' ? CharClass::Space : CharClass::Keep;
  if (cp >= 0x80 && cp < 0xA0) return CharClass::Remove;  // C1 controls
  switch (cp) {
    case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return CharClass::Space;
    case 0x00AD:                                   // soft hyphen
    case 0x180E: case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F:
    case 0x2060: case 0x2061: case 0x2062: case 0x2063: case 0x2064: case 0xFEFF:
    case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:  // bidi embeddings
    case 0x2066: case 0x2067: case 0x2068: case 0x2069:               // bidi isolates
      return CharClass::Remove;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return CharClass::Space;
  return CharClass::Keep;
}

// Code points that NFC leaves alone and that never compose with a neighbour,
// so a line made only of them needs no utf8proc call.
bool nfc_stable(char32_t cp) {
  return cp < 0x300 ||                          // Latin-1, Latin Extended-A/B, IPA
         (cp >= 0x400 && cp <= 0x52F) ||        // Cyrillic
         (cp >= 0x2010 && cp <= 0x2027) ||      // dashes, quotes, bullets, ellipsis
         (cp >= 0x2030 && cp <= 0x205E) ||      // per mille, primes, misc punctuation
         (cp >= 0x20A0 && cp <= 0x20C0) ||      // currency signs
         (cp >= 0x2190 && cp <= 0x21FF) ||      // arrows
         (cp >= 0x3040 && cp <= 0x3098) || (cp >= 0x309B && cp <= 0x30FF) ||  // kana
         (cp >= 0x4E00 && cp <= 0x9FFF) ||      // CJK unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7A3) ||      // Hangul syllables
         cp == 0xFFFD ||
         (cp >= 0x1F300 && cp <= 0x1FAFF);      // emoji
}

void apply_utf8proc(std::string& text, bool nfkc) {
  utf8proc_uint8_t* mapped = nullptr;
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  if (nfkc) flags |= UTF8PROC_COMPAT;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(flags));
  if (n >= 0 && mapped != nullptr) text.assign(reinterpret_cast<char*>(mapped), static_cast<std::size_t>(n));
  std::free(mapped);  // text was valid UTF-8, so failure only leaves it as it was
}

const char* ascii_for(char32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: return "-";
    case 0x2014: case 0x2015: return "--";
    case 0x2026: return "...";
    default: return nullptr;
  }
}

// Eight bytes that clean_pass copies as they are (apart from a leading
// space): printable ASCII with no two spaces side by side; sets *spaces to
// the mask of its spaces. Cheaper than the general masks of swar.h because
// they need be exact only for ASCII: a byte at or above 0x80 rejects the
// word by its own high bit, whatever carry it causes in the sums.
bool plain_ascii_word(std::uint64_t word, std::uint64_t* spaces) {
  const std::uint64_t below_space = ~(word + 0x60 * swar::kLowBits);  // high bit set for bytes < 0x20
  const std::uint64_t is_del = word + swar::kLowBits;                  // high bit set for 0x7F
  *spaces = ~((word ^ (' ' * swar::kLowBits)) + 0x7F * swar::kLowBits) & swar::kHighBits;
  return (((word | below_space | is_del) & swar::kHighBits) | (*spaces & (*spaces >> 8))) == 0;
}

// Code points and spaces written by clean_pass: a line's measures, free
// while the bytes pass through anyway.
struct PassCounts {
  std::uint32_t code_points = 0;
  std::uint32_t spaces = 0;
};

// The byte pass: decode, drop, map spaces, fold, trim. Sets *needs_unicode
// when a code point outside the stable ranges was seen. With `suspect`, it
// stops at the first 0xC3 that may start mojibake (mojibake_may_start_at),
// sets *suspect and leaves `out` unfinished: every such byte starts a code
// point here, even in text that is not UTF-8.
//
// One pass that copies as it checks: plain ASCII goes 8 bytes at a time,
// anything else one code point at a time. A space is written as soon as it
// is read unless the output is empty or already ends in one (so runs fold
// and leading space goes), and a last trailing space is taken off at the
// end; Keep code points are never spaces, so this is the same as holding a
// pending space until the next kept character.
PassCounts clean_pass(std::string_view line, bool ascii_only_fast, std::string& out, bool* needs_unicode,
                      bool* suspect = nullptr) {
  // Output is written through a pointer. Invariant: the room left is at
  // least the input left, which a copied byte, a folded space or a valid
  // sequence never uses up faster than it consumes input; only a stray byte
  // (one byte in, three of U+FFFD out) makes out grow.
  const std::size_t n = line.size();
  out.resize(n + 8);
  char* base = out.data();
  char* w = base;
  const char* in = line.data();
  std::uint32_t spaces_written = 0;
  std::uint32_t continuation_bytes_written = 0;  // code points = bytes written - these
  std::size_t i = 0;
  while (i < n) {
    // Most of the bytes of most lines go here, 8 at a time.
    while (i + 8 <= n) {
      const std::uint64_t word = swar::load(in + i);
      std::uint64_t spaces;
      if (!plain_ascii_word(word, &spaces)) break;
      if ((word & 0xFF) == ' ' && (w == base || w[-1] == ' ')) {
        ++i;  // a leading or doubled space; the rest of the word starts with a letter
        continue;
      }
      std::memcpy(w, &word, 8);
      w += 8;
      i += 8;
      spaces_written += swar::count_marked(spaces);
    }
    if (i >= n) break;
    if (i + 8 > n && n >= 8 && static_cast<std::size_t>(w - base) + 8 <= out.size()) {
      // The last bytes, fewer than 8: from the 8 that end the line, when
      // those are plain too, shifted down past the bytes already copied
      // (a byte loop here mispredicted at the end of every line). Only
      // n - i of the 8 bytes stored count; room for all 8 was checked.
      // (Eight plain bytes cannot follow a space already written, which
      // only a byte among them could have made; the test is a guard.)
      const std::uint64_t word = swar::load(in + n - 8);
      std::uint64_t spaces;
      const unsigned shift = 8 * static_cast<unsigned>(i - (n - 8));
      const std::uint64_t tail = word >> shift;
      if (plain_ascii_word(word, &spaces) && !((tail & 0xFF) == ' ' && (w == base || w[-1] == ' '))) {
        std::memcpy(w, &tail, 8);
        w += n - i;
        i = n;
        spaces_written += swar::count_marked(spaces >> shift);
        break;
      }
    }
    // The rest one code point at a time.
    const auto c = static_cast<unsigned char>(in[i]);
    if (static_cast<unsigned char>(c - 0x21) < 0x5E) {  // printable ASCII other than ' '
      *w++ = static_cast<char>(c);
      ++i;
      continue;
    }
    if (c == 0xC3 && suspect != nullptr && mojibake_may_start_at(line, i)) {
      *suspect = true;
      return {};
    }
    const char32_t cp = decode_utf8_at(line, i);
    switch (classify(cp)) {
      case CharClass::Space:
        if (w != base && w[-1] != ' ') {
          *w++ = ' ';
          ++spaces_written;
        }
        break;
      case CharClass::Remove: break;
      case CharClass::Keep: {
        const std::size_t used = static_cast<std::size_t>(w - base);
        if (used + 4 + (n - i) > out.size()) {  // room for this one and the invariant; grow for more stray bytes
          out.resize(used + 4 + 3 * (n - i) + 8);
          base = out.data();
          w = base + used;
        }
        if (ascii_only_fast ? cp >= 0x80 : !nfc_stable(cp)) *needs_unicode = true;
        const std::size_t length = encode_utf8(cp, w);
        w += length;
        continuation_bytes_written += static_cast<std::uint32_t>(length - 1);
        break;
      }
    }
  }
  if (w != base && w[-1] == ' ') {
    --w;
    --spaces_written;
  }
  out.resize(static_cast<std::size_t>(w - base));
  return {static_cast<std::uint32_t>(out.size()) - continuation_bytes_written, spaces_written};
}

}  // namespace

std::string_view strip_bom(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return bytes;
}

void normalise_line(std::string_view line, const NormaliseOptions& options, std::string& out,
                    LineCounts* counts) {
  // Repair comes first: the normaliser removes the C1 controls and soft
  // hyphens and turns the NBSPs into spaces that mis-decoded sequences are
  // made of. But the byte pass reads every byte anyway, so it tells which
  // lines may need a repair (a separate look at every line cost more, as it
  // brought each line into the cache): it stops at the first sign, and the
  // line is repaired if it needs to be, then passed again.
  thread_local std::string repaired;
  std::size_t repairs = 0;
  bool needs_unicode = false;
  bool suspect = false;
  PassCounts counted = clean_pass(line, options.nfkc, out, &needs_unicode, options.fix_encoding ? &suspect : nullptr);
  if (suspect) {
    // (may_hold_mojibake gives the same answer on UTF-8; it is the reference.)
    if (may_hold_mojibake(line)) repairs = repair_mojibake(line, repaired);
    if (repairs > 0) line = repaired;
    needs_unicode = false;
    counted = clean_pass(line, options.nfkc, out, &needs_unicode);
  }
  if (needs_unicode) {
    apply_utf8proc(out, options.nfkc);
    // Compatibility mappings can produce spaces or removable characters.
    std::string again;
    bool unused = false;
    counted = clean_pass(out, true, again, &unused);
    out.swap(again);
  }
  if (options.ascii_punct && !is_all_ascii(out)) {
    std::string mapped;
    mapped.reserve(out.size());
    std::size_t i = 0;
    while (i < out.size()) {
      const std::size_t start = i;
      const char32_t cp = decode_utf8_at(out, i);
      if (const char* a = ascii_for(cp)) {
        mapped += a;
      } else {
        mapped.append(out, start, i - start);
      }
    }
    out.swap(mapped);
    counted.code_points = count_code_points(out);  // an ellipsis became three; spaces are as they were
  }
  if (counts != nullptr) {
    counts->code_points = counted.code_points;
    counts->words = out.empty() ? 0 : counted.spaces + 1;
    counts->repaired = static_cast<std::uint32_t>(repairs);
  }
}

void normalise_line_unrepaired(std::string_view line, const NormaliseOptions& options, std::string& out) {
  NormaliseOptions as_is = options;
  as_is.fix_encoding = false;
  normalise_line(line, as_is, out);
}

}  // namespace newsclean
