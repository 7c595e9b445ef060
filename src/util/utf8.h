// Small UTF-8 and ASCII helpers shared by every module (standard library only).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsclean {

constexpr bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool is_ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr char ascii_lower(char c) { return is_ascii_upper(static_cast<unsigned char>(c)) ? static_cast<char>(c | 0x20) : c; }

// Decodes one code point at s[i]; advances i. Invalid or truncated sequences
// (overlong forms, surrogates, > U+10FFFF) yield U+FFFD and consume one byte.
char32_t decode_utf8_at(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);
// Writes the 1-4 bytes of `cp` to out (room for 4 needed); returns how many.
std::size_t encode_utf8(char32_t cp, char* out);

std::uint32_t count_words(std::string_view text);       // runs of non-space
// The same for normalised text (single spaces, none at the ends): faster.
std::uint32_t count_words_normalised(std::string_view text);
std::uint32_t count_code_points(std::string_view text);  // assumes valid UTF-8

std::string ascii_lowercase(std::string_view s);
std::string_view trim(std::string_view s);

// True when every byte of s is below 0x80.
bool is_all_ascii(std::string_view s);

}  // namespace newsclean
