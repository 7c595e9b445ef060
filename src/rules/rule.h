// A rule as written in a rule file: an id, an action and the conditions a
// block must meet. See man/newsclean-rules.5 for the language.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "newsclean/block.h"
#include "newsclean/rule_error.h"

namespace newsclean {

enum class RuleAction : std::uint8_t {
  Drop,      // drop the block
  Strip,     // cut the matched span out of the block
  DropRest,  // drop this block and every block after it
  Keep,      // keep the block whatever else says to drop it
};
const char* rule_action_name(RuleAction action);

struct Rule {
  std::string id;        // "category/name"
  std::string category;
  RuleAction action = RuleAction::Drop;

  bool has_pattern = false;
  std::string pattern;   // RE2 syntax, as written between the slashes
  bool ignore_case = false;

  std::uint32_t min_words = 0, max_words = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t min_chars = 0, max_chars = std::numeric_limits<std::uint32_t>::max();
  std::uint8_t zones = 0;  // bit (1 << Zone); 0 means any zone
  std::vector<BlockKind> kinds;
  // has=TEXT[,TEXT]: the block must hold one of these strings (in any ASCII
  // case when the pattern ignores case, else as written). Such a rule stays out of the pattern sets: its regex runs
  // only on the blocks that hold the string, so a pattern that would look at
  // every sentence ("… REUTERS/Jane Roe") costs a substring search instead.
  std::vector<std::string> needs;

  // HTML conditions: a block matches when it carries one of the listed values.
  std::vector<std::string> tags, classes, ids, roles;

  // Scope: the rule is active only for these sites (and their subdomains)
  // and languages; empty means everywhere.
  std::vector<std::string> sites, langs;

  std::string file;      // where it was defined, for messages and --explain
  unsigned line = 0;

  // Examples written under the rule as "# match: TEXT" and "# no-match: TEXT";
  // `newsclean test` checks each against the rule alone.
  struct Example {
    bool should_match;
    std::string text;
    unsigned line;
  };
  std::vector<Example> examples;
};

}  // namespace newsclean
