// A problem in a rule file, located for a person to fix.
#pragma once

#include <string>

namespace newsclean {

struct RuleError {
  std::string file;
  unsigned line = 0, column = 0;  // 1-based; 0 when not known
  std::string message;
  std::string source_line;        // the offending line, for the caret display

  // "file:line:col: message", then the line and a caret under the column.
  std::string format() const;
};

}  // namespace newsclean
