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

#include <string>
#include <string_view>

namespace newsclean {

struct NormaliseOptions {
  bool nfkc = false;         // NFKC instead of NFC
  bool ascii_punct = false;  // curly quotes, dashes, ellipsis to ASCII
};

// Writes the normalised form of `line` (raw bytes, no '\n') to `out`,
// replacing what `out` held.
void normalise_line(std::string_view line, const NormaliseOptions& options, std::string& out);

// Strips a leading UTF-8 BOM.
std::string_view strip_bom(std::string_view bytes);

}  // namespace newsclean
