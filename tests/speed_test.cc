// The fast paths of the rule engine: the sets' cheap forms of a pattern
// must match at least what the pattern matches, and every built-in pattern
// must compile, to a small program (their exact regexes are compiled on
// first use).
#include <doctest/doctest.h>
#include <re2/re2.h>

#include "rules/builtin.h"
#include "rules/parser.h"
#include "rules/ruleset.h"
#include "util/utf8.h"

using namespace newsclean;

namespace {
// Every built-in rule, parsed.
std::vector<Rule> builtin_rules() {
  ParsedRules parsed;
  for (std::size_t i = 0; i < kBuiltinRuleFileCount; ++i)
    parse_rule_text(kBuiltinRuleFiles[i].text, kBuiltinRuleFiles[i].name, parsed, false);
  REQUIRE(parsed.ok());
  return parsed.rules;
}
// The options the rule's own regex is compiled with.
RE2::Options options_of(const Rule& r) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(!r.ignore_case);
  o.set_max_mem(8 << 20);
  return o;
}
}  // namespace

TEST_CASE("widen_property_classes: letters and numbers to a cheap superset") {
  bool changed = false;
  CHECK(widen_property_classes("a\\pLb", &changed) == "a[A-Za-z\\x{80}-\\x{10FFFF}]b");
  CHECK(changed);
  CHECK(widen_property_classes("[\\pL.' -]+", &changed) == "[A-Za-z\\x{80}-\\x{10FFFF}.' -]+");
  CHECK(widen_property_classes("(?-i:\\p{Lu})", &changed) == "(?-i:[A-Z\\x{80}-\\x{10FFFF}])");
}

TEST_CASE("narrow_property_classes: letters and numbers to their ASCII members") {
  bool changed = false;
  CHECK(narrow_property_classes("a\\pLb", LetterReach::Ascii, &changed) == "a[A-Za-z]b");
  CHECK(changed);
  CHECK(narrow_property_classes("[\\pL\\d.' -]+", LetterReach::Ascii, &changed) == "[A-Za-z\\d.' -]+");
  CHECK(narrow_property_classes("(?-i:\\p{Lu})\\p{N}", LetterReach::Ascii, &changed) == "(?-i:[A-Z])[0-9]");
}

TEST_CASE("widening and narrowing leave alone what they cannot rewrite") {
  // Negated classes, \P, unknown properties, escaped backslashes, \Q...\E,
  // "\pL-x" in a class; narrowing also a class with no ASCII member (it
  // cannot be written empty).
  for (const char* p : {"[^\\pL]", "\\PL", "\\p{Greek}", "\\\\pL", "\\Q\\pL\\E", "[\\pL-x]", "\\p{Lo}", "[\\p{Lt}]"}) {
    // (Widening writes \p{Lo} as every non-ASCII character.)
    const bool widening_leaves_it = std::string_view(p).find("{L") == std::string_view::npos;
    bool changed = true;
    if (widening_leaves_it) {
      CHECK(widen_property_classes(p, &changed) == p);
      CHECK_FALSE(changed);
    }
    changed = true;
    CHECK(narrow_property_classes(p, LetterReach::Ascii, &changed) == p);
    CHECK_FALSE(changed);
  }
}

TEST_CASE("letter_reach: how far beyond ASCII letters, marks and numbers go") {
  CHECK(letter_reach("") == LetterReach::Ascii);
  CHECK(letter_reach("It\u2019s \u201cfine\u201d \u2014 \u20ac5, \u00a9 2024 \u2022 \U0001F600\u00a0ok") == LetterReach::Ascii);
  CHECK(letter_reach("bad \xff byte") == LetterReach::Ascii);   // not UTF-8: U+FFFD, a symbol
  CHECK(letter_reach("caf\u00e9") == LetterReach::Latin);
  CHECK(letter_reach("\u00bd cup") == LetterReach::Latin);      // a number (No)
  CHECK(letter_reach("\u017f") == LetterReach::Latin);          // the long s, which folds to s
  CHECK(letter_reach("Stra\u00dfe, \u0141\u00f3d\u017a") == LetterReach::Latin);
  CHECK(letter_reach("e\u0301") == LetterReach::Beyond);        // a combining mark
  CHECK(letter_reach("\u212a") == LetterReach::Beyond);         // the Kelvin sign, which folds to k
  CHECK(letter_reach("\u0345") == LetterReach::Beyond);         // a mark that folds with iota
  CHECK(letter_reach("caf\u00e9 \u041c\u043e\u0441\u043a\u0432\u0430") == LetterReach::Beyond);
  CHECK(letter_reach("\U000E0080") == LetterReach::Beyond);     // unassigned
}

namespace {
std::string utf8_of(char32_t cp) {
  std::string s;
  append_utf8(s, cp);
  return s;
}
}  // namespace

TEST_CASE("a class narrowed to Latin takes every character up to U+024F as the class does") {
  // Every character a Latin text may hold, against every category, with
  // and without case folding: the tables of letter_classes.cc against
  // RE2's own.
  for (const char* cat : {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "N", "Nd", "Nl", "No"}) {
    const std::string p = std::string("\\p{") + cat + "}";
    bool changed = false;
    const std::string narrow = narrow_property_classes(p, LetterReach::Latin, &changed);
    for (const bool fold : {false, true}) {
      RE2::Options o;
      o.set_case_sensitive(!fold);
      RE2 exact(p, o), cheap(narrow, o);
      REQUIRE(cheap.ok());
      for (char32_t cp = 0x20; cp <= 0x24F; ++cp) {
        if (cp >= 0x7F && cp < 0xA0) continue;
        const std::string c = utf8_of(cp);
        INFO(cat << " fold=" << fold << " U+" << std::hex << static_cast<unsigned>(cp));
        CHECK(RE2::FullMatch(c, cheap) == RE2::FullMatch(c, exact));
      }
    }
  }
}

TEST_CASE("on text within its reach, a narrowed pattern matches as the pattern does") {
  const std::vector<Rule> rules = builtin_rules();
  // The rules' own examples (in ten languages), the same with curly
  // quotes, dashes and symbols around them, and with their letters beyond
  // ASCII spelt plain (the narrowed class must not miss an ASCII letter
  // the pattern takes).
  const char* const kAround[][2] = {{"", ""}, {"\u201c", "\u201d"}, {"\u2014 ", " \u2026"}, {"\u00a9 ", " \u20ac"}};
  std::size_t narrowed = 0, compared[2] = {0, 0}, matched[2] = {0, 0};
  for (const Rule& r : rules) {
    if (!r.has_pattern) continue;
    const RE2::Options o = options_of(r);
    RE2 exact(r.pattern, o);
    for (const LetterReach reach : {LetterReach::Ascii, LetterReach::Latin}) {
      bool changed = false;
      const std::string narrow = narrow_property_classes(r.pattern, reach, &changed);
      if (!changed) continue;
      narrowed += reach == LetterReach::Ascii;
      RE2 cheap(narrow, o);
      INFO(r.id);
      REQUIRE(cheap.ok());
      CHECK(cheap.ProgramSize() < exact.ProgramSize());
      const std::size_t k = reach == LetterReach::Ascii ? 0 : 1;
      for (const auto& ex : r.examples) {
        std::string plain;
        for (std::size_t i = 0; i < ex.text.size();) {
          const std::size_t start = i;
          decode_utf8_at(ex.text, i);
          const std::string ch = ex.text.substr(start, i - start);
          plain += letter_reach(ch) == LetterReach::Ascii ? ch : "x";
        }
        for (const auto& a : kAround)
          for (const std::string& base : {ex.text, plain}) {
            const std::string text = a[0] + base + a[1];
            if (letter_reach(text) > reach) continue;
            INFO(text);
            ++compared[k];
            const bool want = RE2::PartialMatch(text, exact);
            matched[k] += want;
            CHECK(RE2::PartialMatch(text, cheap) == want);
          }
      }
    }
  }
  // The test reads enough: many rules narrowed, both outcomes met, in
  // ASCII and in Latin texts.
  CHECK(narrowed >= 40);
  for (const std::size_t k : {0, 1}) {
    CHECK(matched[k] >= 100);
    CHECK(compared[k] - matched[k] >= 100);
  }
}

TEST_CASE("relax_counted_repetition leaves the braces of escapes alone") {
  bool changed = false;
  CHECK(relax_counted_repetition("\\x{2019}{1,9}", &changed) == "\\x{2019}+");
  CHECK(relax_counted_repetition("\\p{Lu}", &changed) == "\\p{Lu}");
  CHECK(relax_counted_repetition("\\Qa{1,9}\\E", &changed) == "\\Qa{1,9}\\E");
}

TEST_CASE("every built-in pattern compiles, and its widened form matches its examples") {
  const std::vector<Rule> rules = builtin_rules();
  for (const Rule& r : rules) {
    if (!r.has_pattern) continue;
    const RE2::Options o = options_of(r);
    RE2 exact(r.pattern, o);
    INFO(r.id);
    CHECK(exact.ok());
    // The exact regex is compiled when the set first hits the rule, in the
    // middle of cleaning: it must stay small. A counted Unicode class
    // multiplies it ("[\\pL ]{1,40}" made a 48,000-instruction program
    // that took 50 ms to build); "+" under a word limit does the same job.
    CHECK(exact.ProgramSize() <= 10000);
    // "^a$|^b$" opens with "^" but an alternative outside any group escapes
    // it, so the rule goes to the unanchored sets, which read every block to
    // its end: "^(?:a|b)$" says the same and stays anchored.
    if (r.pattern[0] == '^') CHECK_MESSAGE(anchored_at_start(r.pattern), "top-level '|' unanchors " << r.id);
    bool c1 = false, c2 = false;
    RE2 cheap(widen_property_classes(relax_counted_repetition(r.pattern, &c1), &c2), o);
    CHECK(cheap.ok());
    for (const auto& ex : r.examples)
      if (RE2::PartialMatch(ex.text, exact)) CHECK(RE2::PartialMatch(ex.text, cheap));
  }
}
