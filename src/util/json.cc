#include "util/json.h"

#include "util/utf8.h"

namespace newsclean {

void append_json_string(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  // Bytes from `run` on go out as they are, in one append, when an escape
  // or a replacement interrupts them or the string ends: printable ASCII
  // and valid UTF-8 sequences, found 16 bytes at a time where plain.
  const char* const p = s.data();
  const std::size_t n = s.size();
  std::size_t run = 0, i = 0;
  auto flush = [&](std::size_t to) {
    out.append(p + run, to - run);
  };
  while (i < n) {
#if defined(__SSE2__)
    while (i + 16 <= n) {
      const unsigned mask = json_special_mask16(p + i, true);
      if (mask == 0) {
        i += 16;
        continue;
      }
      i += static_cast<std::size_t>(__builtin_ctz(mask));
      break;
    }
    if (i >= n) break;
#endif
    const auto c = static_cast<unsigned char>(p[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t start = i;
      const char32_t cp = decode_utf8_at(s, i);
      if (cp == 0xFFFD && !(i - start == 3 && s.compare(start, 3, "\xEF\xBF\xBD") == 0)) {
        flush(start);  // invalid UTF-8: U+FFFD in its place
        out += "\xEF\xBF\xBD";
        run = i;
      }
      continue;
    }
    flush(i);
    ++i;
    run = i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:  // the other controls and DEL
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  flush(n);
  out.push_back('"');
}

}  // namespace newsclean
