// Mojibake repair (text/mojibake.h): the kinds of ftfy's fix_encoding
// cases, made here by mis-decoding correct text the way the broken tools do,
// and the near misses that must come out byte for byte as they went in.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>

#include <string>
#include <vector>

#include "random_lines.h"
#include "text/mojibake.h"
#include "text/normalise.h"
#include "util/utf8.h"

using namespace newsclean;

namespace {

// The character a Windows-1252 decoder gives for `byte` (WHATWG: the five
// undefined bytes become the C1 controls of the same value); with
// `latin1`, the byte's own code point (0x80..0x9F as C1 controls).
char32_t decoded_byte(unsigned char byte, bool latin1) {
  static const char32_t specials[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  if (byte >= 0x80 && byte <= 0x9F && !latin1) return specials[byte - 0x80];
  return byte;
}

// `text` (UTF-8) as a tool shows it after reading its bytes as
// Windows-1252 (or Latin-1), and writing that out as UTF-8 again.
std::string mis_decode(const std::string& text, bool latin1 = false) {
  std::string out;
  for (char c : text) append_utf8(out, decoded_byte(static_cast<unsigned char>(c), latin1));
  return out;
}

std::string repaired(const std::string& line) {
  std::string out;
  if (repair_mojibake(line, out) == 0) return line;
  return out;
}

// Lines of correct text in many languages and scripts, with the characters
// whose mis-decoding leaves every kind of stand-in.
const std::vector<std::string>& correct_lines() {
  static const std::vector<std::string> lines = {
      "There\xE2\x80\x99s a caf\xC3\xA9 on the corner, and it costs \xC2\xA3" "3.50 \xE2\x80\x94 or \xE2\x82\xAC" "4.",
      "\xE2\x80\x9CWe\xE2\x80\x99re not done,\xE2\x80\x9D she said\xE2\x80\xA6 \xE2\x80\x98Really?\xE2\x80\x99",
      "L\xE2\x80\x99\xC3\xA9t\xC3\xA9 d\xC3\xA9j\xC3\xA0 pass\xC3\xA9, \xC3\xA0 la f\xC3\xAAte de No\xC3\xABl, o\xC3\xB9 l\xE2\x80\x99on br\xC3\xBBle des b\xC3\xBB" "ches.",
      "M\xC3\xBCnchen, K\xC3\xB6ln und D\xC3\xBCsseldorf: Stra\xC3\x9F" "en, \xC3\x84rzte und \xC3\x96l \xE2\x80\x93 gr\xC3\xB6\xC3\x9F" "er.",
      "El ni\xC3\xB1o pregunt\xC3\xB3: \xC2\xBF" "D\xC3\xB3nde est\xC3\xA1 la estaci\xC3\xB3n? \xC2\xA1" "Ah\xC3\xAD!",
      "S\xC3\xA3o Paulo, a\xC3\xA7\xC3\xA3o e cora\xC3\xA7\xC3\xB5" "es; a m\xC3\xA3" "e e a irm\xC3\xA3.",
      "\xC3\x89" "COLE, \xC3\x89" "T\xC3\x89, BOGOT\xC3\x81, \xC3\x8D" "NDICE, M\xC3\x9CNCHEN, \xC3\x98" "resund, \xC3\x85" "rhus, \xC3\x9D" "mir.",
      "Za\xC5\xBC\xC3\xB3\xC5\x82\xC4\x87 g\xC4\x99\xC5\x9Bl\xC4\x85 ja\xC5\xBA\xC5\x84; p\xC5\x99\xC3\xAD\xC5\xA1" "ern\xC4\x9B \xC5\xBElu\xC5\xA5ou\xC4\x8Dk\xC3\xBD k\xC5\xAF\xC5\x88.",
      "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80! \xCE\x9A\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1.",
      "\xE4\xB8\xAD\xE6\x96\x87\xE3\x80\x82\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x8C\xE3\x81\xAF\xE3\x81\x84\xE3\x80\x8D \xEC\x95\x88\xEB\x85\x95",
      "Temperature 21\xC2\xB0" "C, \xC2\xBD cup, 3\xC3\x97" "4, \xC2\xA9 2024, Brand\xE2\x84\xA2, \xC2\xAE, \xC2\xB1" "2%, \xE2\x80\xA2 item",
      "Emoji: \xF0\x9F\x98\x80 \xF0\x9F\x98\x8D \xF0\x9F\x91\x8D and a heart.",
  };
  return lines;
}

}  // namespace

TEST_CASE("mojibake: once, as Windows-1252, every kind of line comes back exactly") {
  for (const auto& line : correct_lines()) {
    const std::string broken = mis_decode(line);
    REQUIRE(broken != line);
    CHECK(may_hold_mojibake(broken));
    CHECK(repaired(broken) == line);
  }
}

TEST_CASE("mojibake: once, as Latin-1 (C1 controls for 0x80..0x9F), comes back exactly") {
  for (const auto& line : correct_lines()) CHECK(repaired(mis_decode(line, /*latin1=*/true)) == line);
}

TEST_CASE("mojibake: twice comes back exactly") {
  for (const auto& line : correct_lines()) CHECK(repaired(mis_decode(mis_decode(line))) == line);
  CHECK(repaired("\xC3\x83\xC2\xA2\xC3\xA2\xE2\x80\x9A\xC2\xAC\xC3\xA2\xE2\x80\x9E\xC2\xA2") == "\xE2\x80\x99");
  CHECK(repaired("caf\xC3\x83\xC2\xA9") == "caf\xC3\xA9");  // cafÃƒÂ©
}

TEST_CASE("mojibake: the examples of the issue") {
  CHECK(repaired("There\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s") == "There\xE2\x80\x99s");    // Thereâ€™s
  CHECK(repaired("caf\xC3\x83\xC2\xA9") == "caf\xC3\xA9");                              // cafÃ©
  CHECK(repaired("\xC3\x82\xC2\xA3" "71.6m") == "\xC2\xA3" "71.6m");                    // Â£71.6m
}

TEST_CASE("mojibake: the five bytes Windows-1252 leaves undefined, as C1 controls") {
  // Á Í Ï Ð Ý, and ” (E2 80 9D) and 😍 (F0 9F 98 8D)
  for (std::string line : {"BOGOT\xC3\x81", "\xC3\x8D" "ndice", "na\xC3\x8F" "ve", "\xC3\x90" "ing", "\xC3\x9D" "mir",
                           "\xE2\x80\x9Cquoted\xE2\x80\x9D", "love \xF0\x9F\x98\x8D"})
    CHECK(repaired(mis_decode(line)) == line);
}

TEST_CASE("mojibake: runs that lost a NBSP, a soft hyphen or the byte of a closing quote") {
  // "à la" read as Windows-1252 is "Ã" NBSP " la", and the NBSP often became
  // a space that was folded: with the other mojibake of the line as
  // evidence, "Ã " is "à ".
  CHECK(repaired("d\xC3\x83\xC2\xA9j\xC3\x83 vu, \xC3\x83 la plage") == "d\xC3\xA9j\xC3\xA0 vu, \xC3\xA0 la plage");
  // A NBSP read as "Â" NBSP, the NBSP gone: the "Â" goes (into a NBSP).
  CHECK(repaired("the end.\xC3\x82 Next") == "the end.\xC2\xA0 Next");
  CHECK(repaired("chosen by\xC3\x82 Jane") == "chosen by\xC2\xA0 Jane");
  CHECK(repaired("the end.\xC3\x82") == "the end.\xC2\xA0");
  // "í" is C3 AD, "Ã" and a soft hyphen: with the hyphen removed, "Ã"
  // between lowercase letters, in a line with other mojibake.
  CHECK(repaired("pol\xC3\x83tica y caf\xC3\x83\xC2\xA9") == "pol\xC3\xADtica y caf\xC3\xA9");
  // ” is E2 80 9D; a decoder that drops 0x9D leaves "â€".
  CHECK(repaired("\xC3\xA2\xE2\x82\xAC\xC5\x93Yes,\xC3\xA2\xE2\x82\xAC he said") ==
        "\xE2\x80\x9CYes,\xE2\x80\x9D he said");
}

TEST_CASE("mojibake: mixed correct and broken text is decided per run") {
  CHECK(repaired("caf\xC3\xA9 and caf\xC3\x83\xC2\xA9") == "caf\xC3\xA9 and caf\xC3\xA9");
  CHECK(repaired("S\xC3\x83O PAULO: there\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s") == "S\xC3\x83O PAULO: there\xE2\x80\x99s");
  CHECK(repaired("\xC2\xA3" "5 or \xC3\x82\xC2\xA3" "5") == "\xC2\xA3" "5 or \xC2\xA3" "5");
  CHECK(repaired("\xC3\x82\xC2\xA9 2024") == "\xC2\xA9 2024");  // Â©: a stray Â before a symbol
}

TEST_CASE("mojibake: correct text is never touched") {
  const std::vector<std::string> near_misses = {
      "S\xC3\x83O PAULO", "A\xC3\x87\xC3\x83O", "N\xC3\x83O, JO\xC3\x83O E AS M\xC3\x83" "ES",
      "IRM\xC3\x83\xE2\x80\x9D, disse ele",           // IRMÃ”: a capital Ã before a quote
      "\xE2\x80\x9C" "AMANH\xC3\x83\xE2\x80\xA6\xE2\x80\x9D",  // “AMANHÃ…”
      "IRM\xC3\x83 E M\xC3\x83" "E",                  // a capital Ã before a space
      "\xC3\x82ngela and \xC3\x82mbar; \xC3\x82 is a letter",  // Â in names and as a letter
      "It cost \xC2\xA3" "5, or \xC2\xA3" "71.6m, or \xE2\x82\xAC" "3.",
      "Le caf\xC3\xA9\xC2\xA0\xC2\xBB est l\xC3\xA0\xC2\xA0\xC2\xBB, d\xC3\xA9j\xC3\xA0 vu \xC2\xAB\xC2\xA0oui\xC2\xA0\xC2\xBB",
      "CAF\xC3\x89\xC2\xA0\xC2\xBB et \xC3\x89T\xC3\x89\xE2\x80\x9D",
      "La p\xC3\xA2te, le ch\xC3\xA2teau, \xC3\xA2ge, \xC3\xA2me; \xC3\xA2 seul",
      "I saw \"\xC3\x83\xC2\xA4\" instead of \xC3\xA4, and &quot;\xC3\x83\xC2\xA9&quot; for \xC3\xA9.",  // a text about mojibake
      "You see \"\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2\" or \xE2\x80\x9C\xC3\x83\xC2\xA9\xE2\x80\x9D where \xE2\x80\x99 or \xC3\xA9 belong.",  // quoted, strong ones too
      "3\xC3\x97" "4 = 12, \xC2\xBD \xC3\x97 2 = 1",
      "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xCE\xB1\xCE\xB2",
      "Ol\xC3\xA1, \xC3\x81" "FRICA, \xC3\x81GUA, ANT\xC3\x94NIO, \xC3\x8DNDIA, PORTUGU\xC3\x8AS",
      "\xC3\x91" "and\xC3\xBA, \xC3\x91O\xC3\x91O, A\xC3\x91O\xE2\x80\x9D",
      "Hello \xC3\x83", "\xC3\x83", "\xC3\x82", "\xC3\xA2\xE2\x82\xAC",  // lone leads; a lone "â€" with no other evidence
      "Ã", "",
  };
  for (const auto& line : near_misses) {
    CAPTURE(line);
    CHECK(repaired(line) == line);
  }
  for (const auto& line : correct_lines()) {
    CAPTURE(line);
    CHECK(repaired(line) == line);
  }
}

TEST_CASE("mojibake: invalid UTF-8 is kept as it is, around and inside runs") {
  CHECK(repaired("caf\xC3\x83\xC2\xA9 \xFF\xFE end") == "caf\xC3\xA9 \xFF\xFE end");
  CHECK(repaired("\xC3\x83\xFF") == "\xC3\x83\xFF");
  CHECK(repaired("\xC3") == "\xC3");
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 131 + 7) & 0xFF));
  std::string out;
  repair_mojibake(junk, out);  // no crash, no hang
}

TEST_CASE("mojibake: the first pass finds nothing in clean text") {
  CHECK_FALSE(may_hold_mojibake("A plain English line, with \xE2\x80\x9Cquotes\xE2\x80\x9D and \xE2\x80\x94 dashes."));
  CHECK_FALSE(may_hold_mojibake("Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln, \xC3\xA9t\xC3\xA9 \xC3\xA0 Paris, \xC3\xA7" "a va."));
  CHECK_FALSE(may_hold_mojibake("S\xC3\x83O PAULO"));
  CHECK(may_hold_mojibake("caf\xC3\x83\xC2\xA9"));
  CHECK(may_hold_mojibake("x.\xC3\x82 y"));
}

TEST_CASE("mojibake: the first pass answers as the walk over 0xC3 leads, on any bytes") {
  // The walk as first written: it steps over the byte after each 0xC3 it
  // looks at. Random strings over the bytes that matter (leads, stand-ins,
  // spaces, letters), of every length around the 16-byte steps, and
  // invalid UTF-8 among them (0xC3 0xC3).
  auto walk = [](std::string_view line) {
    const auto* p = reinterpret_cast<const unsigned char*>(line.data());
    const auto* end = p + line.size();
    while (p < end) {
      p = static_cast<const unsigned char*>(std::memchr(p, 0xC3, static_cast<std::size_t>(end - p)));
      if (p == nullptr || p + 1 >= end) return false;
      const unsigned char second = p[1];
      if (second >= 0x82 && second <= 0xB4) {
        const bool nbsp_lead = second == 0x82 || second == 0x83;
        if (p + 2 >= end) return nbsp_lead;
        const unsigned char third = p[2];
        if (third == 0xC2 || third == 0xC5 || third == 0xC6 || third == 0xCB || third == 0xE2) return true;
        if (nbsp_lead && third == ' ') return true;
        if (second == 0x83 && third >= 'a' && third <= 'z') return true;
      }
      p += 2;
    }
    return false;
  };
  int positives = 0;
  testing::for_random_lines({"\xC3", "\xC3", "\xC3", "\x82", "\x83", "\xA9", "\xB4", "\xB5", "\xC2", "\xE2", " ", "a",
                             "Z", "."},
                            20000, 40, [&](const std::string& line) {
                              positives += walk(line);
                              CHECK_MESSAGE(may_hold_mojibake(line) == walk(line), line);
                            });
  CHECK(positives > 1000);  // both answers were met often
}

TEST_CASE("normalise: a line is repaired exactly when may_hold_mojibake says it may need it") {
  // The normaliser's byte pass spots the lines to repair as it goes; the
  // answer must be the one of repairing first whenever may_hold_mojibake
  // says so (the pipeline as first written), on any bytes: mojibake,
  // correct accents, spaces, controls and invalid UTF-8 (0xC3 0xC3).
  auto as_first_written = [](const std::string& line) {
    std::string repaired, out;
    const bool repair = may_hold_mojibake(line) && repair_mojibake(line, repaired) > 0;
    NormaliseOptions plain;
    plain.fix_encoding = false;
    normalise_line(repair ? std::string_view(repaired) : std::string_view(line), plain, out);
    return out;
  };
  int repaired_lines = 0;
  testing::for_random_lines({"\xC3", "\xC3", "\x83", "\xA9", "\xC2", "\xA0", "\xE2\x80\x99", "\xE2", "\x80",
                             "\xA2", " ", "  ", "caf", "x", "\xC3\xA9", "\xC3\x83\xC2\xA9", "\x01", "\xFF", "e\xCC\x81"},
                            20000, 40, [&](const std::string& line) {
                              std::string out;
                              normalise_line(line, NormaliseOptions{}, out);
                              CHECK_MESSAGE(out == as_first_written(line), line);
                              std::string unused;
                              repaired_lines += may_hold_mojibake(line) && repair_mojibake(line, unused) > 0;
                            });
  CHECK(repaired_lines > 1000);  // repairs were met often
}

TEST_CASE("normalise: mojibake is repaired first, counted, and can be switched off") {
  std::string out;
  LineCounts counts;
  NormaliseOptions options;
  normalise_line("Thereâ€™s a cafÃ©.Â ", options, out, &counts);
  CHECK(out == "There\xE2\x80\x99s a caf\xC3\xA9.");
  CHECK(counts.repaired == 3);
  CHECK(counts.code_points == count_code_points(out));
  options.fix_encoding = false;
  normalise_line("Thereâ€™s a cafÃ©.", options, out, &counts);
  CHECK(out == "Thereâ€™s a cafÃ©.");
  CHECK(counts.repaired == 0);
  // What --explain shows as the text as it came.
  normalise_line_unrepaired("cafÃ©\xC2\xA0 ok", NormaliseOptions{}, out);
  CHECK(out == "cafÃ© ok");
}
