// Normalisation: raw bytes of one line to clean, valid, normalised UTF-8.
//
// One pass over the bytes does the common work (invalid UTF-8 to U+FFFD;
// control, zero-width and soft-hyphen characters removed; NBSP and other
// spaces to ' '; white space folded and trimmed). Unicode normalisation
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
};

// What normalise_line counted in its output while writing it, so that a
// caller measuring the line need not scan it again.
struct LineCounts {
  std::uint32_t code_points = 0;  // as count_code_points(out)
  std::uint32_t words = 0;        // as count_words_normalised(out)
};

// Writes the normalised form of `line` (raw bytes, no '\n') to `out`,
// replacing what `out` held; with `counts`, also counts it.
void normalise_line(std::string_view line, const NormaliseOptions& options, std::string& out,
                    LineCounts* counts = nullptr);

// Strips a leading UTF-8 BOM.
std::string_view strip_bom(std::string_view bytes);

}  // namespace newsclean
