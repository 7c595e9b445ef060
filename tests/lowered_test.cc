// The sets read lowered text with patterns rewritten for it
// (rules/lowered.h): a rewritten pattern must match wherever the rule's own
// regex does, and exactly there when it says it is exact.
#include <doctest/doctest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "rules/builtin.h"
#include "rules/lowered.h"
#include "rules/parser.h"

using namespace newsclean;

namespace {

std::string lowered(std::string_view text) {
  std::string out;
  lower_for_sets(text, out);
  return out;
}

RE2::Options options(bool ignore_case) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(!ignore_case);
  return o;
}

// The rule's regex on `text` against the rewritten pattern on the lowered text.
void check_on(const std::string& pattern, bool ignore_case, const LoweredPattern& lp, const std::string& text) {
  RE2 rule(pattern, options(ignore_case));
  RE2 form(lp.pattern, options(false));
  REQUIRE(rule.ok());
  REQUIRE(form.ok());
  const bool want = RE2::PartialMatch(text, rule);
  const bool got = RE2::PartialMatch(lowered(text), form);
  INFO("pattern: " << pattern << "  form: " << lp.pattern << "  text: " << text);
  if (want) CHECK(got);
  if (lp.exact) CHECK(got == want);
}

// The text in other cases: all capitals, all lower case, each word capitalised.
std::vector<std::string> case_variants(const std::string& t) {
  std::string upper = t, lower = t, title = t;
  bool start = true;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c >= 'a' && c <= 'z') upper[i] = static_cast<char>(c - 32);
    if (c >= 'A' && c <= 'Z') lower[i] = static_cast<char>(c + 32);
    title[i] = start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : lower[i];
    start = c == ' ';
  }
  return {t, upper, lower, title};
}

}  // namespace

TEST_CASE("lower_for_sets lowers ASCII capitals and writes the two folding exceptions as ASCII") {
  CHECK(lowered("Hello WORLD, ÉTÉ 2024!") == "hello world, ÉtÉ 2024!");  // only ASCII letters
  CHECK(lowered("\xE2\x84\xAA" "elvin and \xC5\xBF" "ong") == "kelvin and song");
  CHECK(lowered("A long line of Mixed Case text, longer than eight bytes.") ==
        "a long line of mixed case text, longer than eight bytes.");
  CHECK(lowered("") == "");
  // Every length around the 8-byte steps, capitals in every place (the last
  // bytes are lowered again from the 8 that end the text).
  // The first and last capitals, and the bytes just outside them, which stay.
  for (const auto& [capital, lower] : {std::pair<char, char>{'Q', 'q'}, {'A', 'a'}, {'Z', 'z'}, {'@', '@'}, {'[', '['}})
    for (std::size_t n = 0; n < 40; ++n)
      for (std::size_t at = 0; at < n; ++at) {
        std::string text(n, 'x');
        text[at] = capital;
        std::string expected(n, 'x');
        expected[at] = lower;
        CHECK_MESSAGE(lowered(text) == expected, n << " bytes, " << capital << " at " << at);
      }
  // The two exceptions in every place of a text of curly quotes and
  // accents (whose bytes E2 and C3 are near theirs), and their near misses
  // (E2 84 A2 is ™, C5 93 is œ), kept as they are.
  const std::string filler = "\xE2\x80\x99" "a\xC3\xA9 \xE2\x84\xA2\xC5\x93" "B";
  const std::string filler_lowered = "\xE2\x80\x99" "a\xC3\xA9 \xE2\x84\xA2\xC5\x93" "b";
  for (const auto& [odd, ascii] : {std::pair<std::string, std::string>{"\xE2\x84\xAA", "k"}, {"\xC5\xBF", "s"}})
    for (std::size_t before = 0; before < 4; ++before)
      for (std::size_t after = 0; after < 4; ++after) {
        std::string text, expected;
        for (std::size_t k = 0; k < before; ++k) text += filler, expected += filler_lowered;
        text += odd, expected += ascii;
        for (std::size_t k = 0; k < after; ++k) text += filler, expected += filler_lowered;
        CHECK_MESSAGE(lowered(text) == expected, before << " fillers before, " << after << " after");
        CHECK(lowered(text.substr(0, text.size() - 1 - after * filler.size())) ==
              expected.substr(0, expected.size() - ascii.size() - after * filler_lowered.size()) +
                  text.substr(text.size() - odd.size() - after * filler.size(), odd.size() - 1));
      }
}

TEST_CASE("lower_pattern: literals, classes and flags") {
  LoweredPattern p = lower_pattern("^(Subscribe|Sign Up) now$", true);
  CHECK(p.pattern == "^(subscribe|sign up) now$");
  CHECK(p.exact);
  CHECK(p.rewritten);
  // A case-sensitive part can only be widened: not exact.
  p = lower_pattern("^by (?-i:[A-Z])", true);
  CHECK(p.pattern.rfind("^by (?:[", 0) == 0);
  CHECK_FALSE(p.exact);
  // Non-ASCII letters keep RE2's folding; a class of every non-ASCII letter needs none.
  p = lower_pattern("^été|[A-Za-z\\x{80}-\\x{10FFFF}]+", true);
  CHECK(p.pattern.find("(?i:é)") != std::string::npos);
  CHECK(p.exact);
  // Syntax it does not know: folded as a whole, or (with flags) left to the rule's regex.
  p = lower_pattern("a\\1", true);
  CHECK_FALSE(p.rewritten);
  CHECK(p.pattern == "(?i)a\\1");
  p = lower_pattern("(?-i:A)\\1", true);
  CHECK_FALSE(p.rewritten);
  CHECK(p.pattern.empty());
  CHECK_FALSE(p.exact);
}

TEST_CASE("lower_pattern matches wherever the pattern does, on hand-picked cases") {
  struct Case {
    const char* pattern;
    bool ignore_case;
  };
  const Case cases[] = {
      {"^photo: [^.]+$", true},          {"^[A-Z][a-z]+ said$", false}, {"(?-i:[A-Z])\\w+", true},
      {"^[^a-z]+$", true},               {"^[^a-z]+$", false},          {"[^\\x{80}-\\x{10FFFF}]k", true},
      {"\\x{212A}elvin", false},         {"\\x{212A}elvin", true},      {"^(?i:foto)(?-i: [A-Z])", false},
      {"[[:upper:]]{2}", false},         {"[[:lower:]]x", true},        {"\\QA.B\\E", true},
      {"\\QA.B\\E", false},              {"^é[ÉA-C]", true},            {"^é[ÉA-C]", false},
      {"(?i)ab(?-i)C", false},           {"[\\]a-]z", true},            {"\\bK\\b", true},
      {"^\\pL+ \\p{Greek}", true},       {"[^k]", true},                {"[^k]", false},
      {"[^K\\x{212A}]", false},          {"(?P<n>Ab)c", true},          {"\\x41\\x{62}", false},
  };
  const std::vector<std::string> texts = {"Photo: A dredger.", "JOHN said", "Mary said", "aBC", "ABC", "abc",
                                          "\xE2\x84\xAA" "elvin", "kelvin", "KELVIN", "\xC5\xBF", "s",
                                          "FOTO Z", "foto z", "A.B", "a.b", "été É", "ÉTÉ b", "abC", "ABc",
                                          "]z", "-Z", "a K b", "k", "K", "Ωmega αβγ", "Abc", "AB", "Ab"};
  for (const Case& c : cases) {
    const LoweredPattern lp = lower_pattern(c.pattern, c.ignore_case);
    for (const std::string& t : texts) check_on(c.pattern, c.ignore_case, lp, t);
  }
}

TEST_CASE("every built-in pattern is rewritten, and matches its examples in every case as the rule does") {
  ParsedRules parsed;
  for (std::size_t i = 0; i < kBuiltinRuleFileCount; ++i)
    parse_rule_text(kBuiltinRuleFiles[i].text, kBuiltinRuleFiles[i].name, parsed, false);
  REQUIRE(parsed.ok());
  std::size_t checked = 0;
  for (const Rule& r : parsed.rules) {
    if (!r.has_pattern) continue;
    const LoweredPattern lp = lower_pattern(r.pattern, r.ignore_case);
    INFO(r.id);
    CHECK(lp.rewritten);
    for (const Rule::Example& ex : r.examples)
      for (const std::string& t : case_variants(ex.text)) {
        check_on(r.pattern, r.ignore_case, lp, t);
        ++checked;
      }
  }
  CHECK(checked > 1000);
}

TEST_CASE("lower_pattern: properties that depend on case") {
  const char* patterns[] = {"^\\p{Lu}\\w+", "[\\p{Lu}\\d]x", "[^\\p{Lu}]x", "\\P{Ll}y", "[\\P{Ll}]y", "[^\\P{Ll}]y"};
  const std::vector<std::string> texts = {"Abc", "abc", "Éabc", "éabc", "1x", "Ax", "ax", "Ay", "ay", "ÉY"};
  for (const char* p : patterns)
    for (bool ic : {false, true}) {
      const LoweredPattern lp = lower_pattern(p, ic);
      CHECK(lp.rewritten);
      for (const std::string& t : texts) check_on(p, ic, lp, t);
    }
}
