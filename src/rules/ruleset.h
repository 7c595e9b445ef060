// A compiled rule set: every text pattern of the set in one RE2::Set, so a
// block is matched against all rules in one pass over its text.
//
// Immutable after compile() and safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/rule.h"

#include <re2/re2.h>
#include <re2/set.h>

namespace newsclean {

class RuleSet {
 public:
  // Compiles `rules`; a later rule with the id of an earlier one replaces it
  // (that is how a user file changes a built-in rule). Returns nullptr and
  // fills `errors` when a pattern cannot be compiled.
  static std::unique_ptr<RuleSet> compile(std::vector<Rule> rules, std::vector<RuleError>* errors);
  ~RuleSet();

  const std::vector<Rule>& rules() const { return rules_; }
  bool has_language_rules() const { return has_language_rules_; }

  // For one document: which rules are in force given its host (may be "")
  // and language (may be "").
  std::vector<char> active_for(const std::string& host, const std::string& lang) const;

  // Indices of the active rules that match the block, in rule order.
  void match(const Block& block, Zone zone, const std::vector<char>& active, std::vector<int>& out) const;

  // Cuts every match of rule `index`'s pattern out of `text`.
  void strip(int index, std::string& text) const;

 private:
  RuleSet() = default;
  bool conditions_hold(const Rule& rule, const Block& block, Zone zone) const;

  std::vector<Rule> rules_;
  std::vector<std::unique_ptr<re2::RE2>> regexes_;  // per rule; null when it has no pattern
  // The patterns in RE2::Sets by the most words their rules allow, so a long
  // paragraph skips the sets of rules meant for short lines. A set holds each
  // pattern with counted repetition relaxed ("x{1,80}" to "x+"), which keeps
  // the set's DFA small and fast; a hit on a relaxed pattern is confirmed
  // with the rule's exact regex.
  struct Bucket {
    std::uint32_t max_words;              // rules here allow at most this many words
    bool anchored;                        // patterns that start with ^: the DFA stops early
    std::unique_ptr<re2::RE2::Set> set;
    std::vector<int> rule_of;             // set index to rule index
    std::vector<char> relaxed;            // set index: confirm with the exact regex
  };
  std::vector<Bucket> buckets_;
  std::vector<int> patternless_;  // rules with no pattern: checked on every block
  std::vector<char> html_only_;   // per rule: has tag/class/id/role conditions
  bool has_language_rules_ = false;
};

// Exposed for tests: `pattern` with counted repetitions made open
// ({0,n} to *, {m,n} to +); sets *changed when it differs.
std::string relax_counted_repetition(const std::string& pattern, bool* changed);

// True when `host` is `site` or one of its subdomains.
bool host_in_site(const std::string& host, const std::string& site);

}  // namespace newsclean
