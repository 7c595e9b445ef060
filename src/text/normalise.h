// Normalisation: raw bytes of one line to clean, valid, normalised UTF-8.
//
// One pass over the bytes does the common work (invalid UTF-8 to U+FFFD;
// control, zero-width and soft-hyphen characters removed; NBSP and other
// spaces to ' '; white space folded and trimmed), after mojibake repair
// (text/mojibake.h), which costs a memchr on lines without its traces. Unicode normalisation
// (NFC, or NFKC on request) goes through utf8proc, but only for lines that
// hold a character outside the ranges known to be stable under it: ASCII and
// most Latin, Cyrillic, CJK and punctuation text skips utf8proc entirely,
// which is what keeps text mode fast.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsclean {

struct NormaliseOptions {
  bool nfkc = false;         // NFKC instead of NFC
  bool ascii_punct = false;  // curly quotes, dashes, ellipsis to ASCII
  bool fix_encoding = true;  // undo UTF-8 read as Windows-1252/Latin-1 (text/mojibake.h) first
};

// What normalise_line counted in its output while writing it, so that a
// caller measuring the line need not scan it again.
struct LineCounts {
  std::uint32_t code_points = 0;  // as count_code_points(out)
  std::uint32_t words = 0;        // as count_words_normalised(out)
  std::uint32_t repaired = 0;     // characters that mojibake repair restored
};

// Writes the normalised form of `line` (raw bytes, no '\n') to `out`,
// replacing what `out` held; with `counts`, also counts it.
void normalise_line(std::string_view line, const NormaliseOptions& options, std::string& out,
                    LineCounts* counts = nullptr);

// The normalised form of `line` as it came, without mojibake repair: what
// --explain shows as the text a repair edited.
void normalise_line_unrepaired(std::string_view line, const NormaliseOptions& options, std::string& out);

// Strips a leading UTF-8 BOM.
std::string_view strip_bom(std::string_view bytes);

}  // namespace newsclean
