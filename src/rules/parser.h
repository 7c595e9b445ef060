// Rule files to rules: parsing, includes and validation of every pattern.
//
// Reading files is done here because `include` and `--rules DIR` resolve
// paths; nothing is printed: problems come back as RuleError values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsclean/rule_source.h"
#include "rules/rule.h"

namespace newsclean {

struct ParsedRules {
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  // Every rule file read (included ones too), in the order read: the
  // sources to build the same rules from elsewhere (Cleaner::sources()).
  std::vector<RuleSource> sources;
  // When set, an `include` takes its text from the source of that name
  // here, not from the disk (rebuilding from sources).
  const std::vector<RuleSource>* known = nullptr;
  // Whether each pattern is parsed here, so that a bad one is reported at
  // its line and column. Off for the built-in rules only: a unit test parses
  // each of them, and every start-up would pay for it again.
  bool check_patterns = true;
  bool ok() const { return errors.empty(); }
};

// Parses rule text; `name` is used in messages and to resolve `include`
// (relative to the directory of `name`; includes are refused when
// `allow_includes` is false, as for built-in rules).
void parse_rule_text(std::string_view text, const std::string& name, ParsedRules& out,
                     bool allow_includes = true);

// Reads a rule file, or every *.rules file of a directory in name order.
void load_rule_path(const std::string& path, ParsedRules& out);

}  // namespace newsclean
