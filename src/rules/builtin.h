// The rule files of rules/, compiled into the library at build time
// (cmake/embed_rules.cmake writes the table) so the binary needs no files.
#pragma once

#include <cstddef>

namespace newsclean {

struct BuiltinRuleFile {
  const char* name;  // e.g. "rules/captions.rules"
  const char* text;
};

extern const BuiltinRuleFile kBuiltinRuleFiles[];
extern const std::size_t kBuiltinRuleFileCount;

}  // namespace newsclean
