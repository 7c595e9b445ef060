// Charset: the bytes of a web page to UTF-8.
//
// Order of evidence: a byte-order mark, then <meta charset> / http-equiv in
// the first 4 KB, then a sniff. A declaration is not trusted blindly: a page
// that declares a legacy single-byte charset but is valid UTF-8 with
// non-ASCII bytes is read as UTF-8 (the common lie), and a page that
// declares UTF-8 but is not valid UTF-8 is read as windows-1252 when most of
// its non-ASCII bytes are invalid as UTF-8. Legacy encodings go through
// iconv; whatever iconv cannot convert becomes U+FFFD later, in the
// normaliser.
#pragma once

#include <string>
#include <string_view>

namespace newsclean::html {

// The canonical name ("utf-8", "windows-1252", "shift_jis", ...) of a
// charset label, following the WHATWG aliases for the common ones; "" when
// the label is unknown.
std::string canonical_charset(std::string_view label);

// The charset declared by a BOM or a <meta> in the first bytes; "" if none.
std::string declared_charset(std::string_view bytes);

// True when every byte sequence of `bytes` is valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

struct Decoded {
  std::string text;      // UTF-8 (possibly with a few invalid bytes left)
  std::string charset;   // what was used
  bool converted = false;
};

// Decides the charset and converts. `out.text` is empty and `converted`
// false when the input is already UTF-8: then use the input bytes as they are.
Decoded decode_to_utf8(std::string_view bytes);

}  // namespace newsclean::html
