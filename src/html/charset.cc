#include "html/charset.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "util/utf8.h"

namespace newsclean::html {

namespace {

struct Alias {
  const char* label;
  const char* name;
};

// WHATWG labels for the encodings news pages actually use.
const Alias kAliases[] = {
    {"utf-8", "utf-8"}, {"utf8", "utf-8"}, {"unicode-1-1-utf-8", "utf-8"},
    {"us-ascii", "windows-1252"}, {"ascii", "windows-1252"}, {"iso-8859-1", "windows-1252"},
    {"iso8859-1", "windows-1252"}, {"latin1", "windows-1252"}, {"l1", "windows-1252"},
    {"windows-1252", "windows-1252"}, {"cp1252", "windows-1252"}, {"x-cp1252", "windows-1252"},
    {"iso-8859-15", "iso-8859-15"}, {"latin9", "iso-8859-15"}, {"iso-8859-2", "iso-8859-2"},
    {"latin2", "iso-8859-2"}, {"iso-8859-5", "iso-8859-5"}, {"iso-8859-7", "iso-8859-7"},
    {"greek", "iso-8859-7"}, {"iso-8859-9", "windows-1254"}, {"latin5", "windows-1254"},
    {"windows-1250", "windows-1250"}, {"cp1250", "windows-1250"}, {"windows-1251", "windows-1251"},
    {"cp1251", "windows-1251"}, {"windows-1253", "windows-1253"}, {"windows-1254", "windows-1254"},
    {"windows-1255", "windows-1255"}, {"windows-1256", "windows-1256"}, {"windows-1257", "windows-1257"},
    {"windows-1258", "windows-1258"}, {"koi8-r", "koi8-r"}, {"koi8r", "koi8-r"}, {"koi8-u", "koi8-u"},
    {"shift_jis", "shift_jis"}, {"shift-jis", "shift_jis"}, {"sjis", "shift_jis"},
    {"x-sjis", "shift_jis"}, {"ms_kanji", "shift_jis"}, {"windows-31j", "shift_jis"},
    {"euc-jp", "euc-jp"}, {"iso-2022-jp", "iso-2022-jp"}, {"gb2312", "gbk"}, {"gbk", "gbk"},
    {"gb18030", "gb18030"}, {"x-gbk", "gbk"}, {"chinese", "gbk"}, {"big5", "big5"},
    {"big5-hkscs", "big5"}, {"euc-kr", "euc-kr"}, {"ks_c_5601-1987", "euc-kr"},
    {"windows-949", "euc-kr"}, {"windows-874", "windows-874"}, {"tis-620", "windows-874"},
    {"iso-8859-4", "iso-8859-4"}, {"iso-8859-6", "iso-8859-6"}, {"iso-8859-8", "iso-8859-8"},
    {"iso-8859-13", "iso-8859-13"}, {"utf-16", "utf-16le"}, {"utf-16le", "utf-16le"},
    {"utf-16be", "utf-16be"},
};

std::size_t find_ci(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && ascii_lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// Reads the value after "charset=" at `pos` (quotes and spaces allowed).
std::string charset_value_at(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '"' || s[pos] == '\'')) ++pos;
  std::size_t end = pos;
  while (end < s.size() && end - pos < 40) {
    const char c = s[end];
    if (c == '"' || c == '\'' || c == ';' || c == '>' || c == '/' || is_ascii_space(static_cast<unsigned char>(c))) break;
    ++end;
  }
  return std::string(s.substr(pos, end - pos));
}

// Counts non-ASCII bytes and how many of them belong to valid UTF-8 sequences.
void utf8_census(std::string_view s, std::size_t& non_ascii, std::size_t& valid) {
  non_ascii = valid = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    // Pages are mostly ASCII: skip it eight bytes at a time.
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = decode_utf8_at(s, i);
    non_ascii += i - start;
    if (cp != 0xFFFD || (i - start == 3 && static_cast<unsigned char>(s[start]) == 0xEF)) valid += i - start;
  }
}

std::string iconv_convert(std::string_view bytes, const std::string& from, bool& ok) {
  ok = false;
  std::string out;
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return out;
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t used = 0;
  while (in_left > 0) {
    char* o = &out[used];
    std::size_t o_left = out.size() - used;
    const std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    used = out.size() - o_left;
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
    } else {
      // An unconvertible or truncated byte: U+FFFD, then carry on.
      if (out.size() - used < 8) out.resize(out.size() * 2);
      std::memcpy(&out[used], "\xEF\xBF\xBD", 3);
      used += 3;
      ++in;
      --in_left;
    }
  }
  iconv_close(cd);
  out.resize(used);
  ok = true;
  return out;
}

}  // namespace

std::string canonical_charset(std::string_view label) {
  std::string l = ascii_lowercase(trim(label));
  for (const auto& a : kAliases)
    if (l == a.label) return a.name;
  return "";
}

std::string declared_charset(std::string_view bytes) {
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) return "utf-8";
  if (bytes.size() >= 2 && std::memcmp(bytes.data(), "\xFF\xFE", 2) == 0) return "utf-16le";
  if (bytes.size() >= 2 && std::memcmp(bytes.data(), "\xFE\xFF", 2) == 0) return "utf-16be";
  const std::string_view head = bytes.substr(0, 4096);
  std::size_t pos = 0;
  while ((pos = find_ci(head, "<meta", pos)) != std::string_view::npos) {
    std::size_t end = head.find('>', pos);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view tag = head.substr(pos, end - pos);
    const std::size_t cs = find_ci(tag, "charset");
    if (cs != std::string_view::npos) {
      std::size_t v = cs + 7;
      while (v < tag.size() && tag[v] == ' ') ++v;
      if (v < tag.size() && tag[v] == '=') {
        std::string name = canonical_charset(charset_value_at(tag, v + 1));
        if (!name.empty()) return name;
      }
    }
    pos = end;
  }
  return "";
}

bool is_valid_utf8(std::string_view bytes) {
  std::size_t non_ascii, valid;
  utf8_census(bytes, non_ascii, valid);
  return non_ascii == valid;
}

Decoded decode_to_utf8(std::string_view bytes) {
  Decoded d;
  std::string declared = declared_charset(bytes);
  std::size_t non_ascii, valid;
  // Only the sniff needs the census; a long page is judged on its first MB.
  utf8_census(bytes.substr(0, 1 << 20), non_ascii, valid);
  const bool looks_utf8 = non_ascii == 0 || valid * 10 >= non_ascii * 9;
  std::string use = declared;
  if (use.empty()) use = looks_utf8 ? "utf-8" : "windows-1252";
  // A single-byte declaration over text that is valid UTF-8 is a lie.
  if (use != "utf-8" && use.rfind("utf-16", 0) != 0 && non_ascii > 0 && valid == non_ascii) use = "utf-8";
  // A UTF-8 declaration over text that mostly is not UTF-8: the legacy default.
  if (use == "utf-8" && !looks_utf8) use = "windows-1252";
  d.charset = use;
  if (use == "utf-8") return d;
  bool ok = false;
  std::string_view body = bytes;
  if (use.rfind("utf-16", 0) == 0 && body.size() >= 2 &&
      (std::memcmp(body.data(), "\xFF\xFE", 2) == 0 || std::memcmp(body.data(), "\xFE\xFF", 2) == 0))
    body.remove_prefix(2);
  d.text = iconv_convert(body, use, ok);
  if (!ok) {
    d.text.clear();
    d.charset = "utf-8";
    return d;
  }
  d.converted = true;
  return d;
}

}  // namespace newsclean::html
