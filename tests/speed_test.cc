// The fast paths of the rule engine: the sets' cheap forms of a pattern
// must match at least what the pattern matches, and every built-in pattern
// must compile, to a small program (their exact regexes are compiled on
// first use).
#include <doctest/doctest.h>
#include <re2/re2.h>

#include "rules/builtin.h"
#include "rules/parser.h"
#include "rules/ruleset.h"

using namespace newsclean;

TEST_CASE("widen_property_classes: letters and numbers to a cheap superset") {
  bool changed = false;
  CHECK(widen_property_classes("a\\pLb", &changed) == "a[A-Za-z\\x{80}-\\x{10FFFF}]b");
  CHECK(changed);
  CHECK(widen_property_classes("[\\pL.' -]+", &changed) == "[A-Za-z\\x{80}-\\x{10FFFF}.' -]+");
  CHECK(widen_property_classes("(?-i:\\p{Lu})", &changed) == "(?-i:[A-Z\\x{80}-\\x{10FFFF}])");
  // Left alone: negated classes, \P, unknown properties, escaped backslashes, \Q...\E, "\pL-x" in a class.
  for (const char* p : {"[^\\pL]", "\\PL", "\\p{Greek}", "\\\\pL", "\\Q\\pL\\E", "[\\pL-x]"}) {
    CHECK(widen_property_classes(p, &changed) == p);
    CHECK_FALSE(changed);
  }
}

TEST_CASE("relax_counted_repetition leaves the braces of escapes alone") {
  bool changed = false;
  CHECK(relax_counted_repetition("\\x{2019}{1,9}", &changed) == "\\x{2019}+");
  CHECK(relax_counted_repetition("\\p{Lu}", &changed) == "\\p{Lu}");
  CHECK(relax_counted_repetition("\\Qa{1,9}\\E", &changed) == "\\Qa{1,9}\\E");
}

TEST_CASE("every built-in pattern compiles, and its widened form matches its examples") {
  ParsedRules parsed;
  for (std::size_t i = 0; i < kBuiltinRuleFileCount; ++i)
    parse_rule_text(kBuiltinRuleFiles[i].text, kBuiltinRuleFiles[i].name, parsed, false);
  REQUIRE(parsed.ok());
  for (const Rule& r : parsed.rules) {
    if (!r.has_pattern) continue;
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(!r.ignore_case);
    o.set_max_mem(8 << 20);
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
