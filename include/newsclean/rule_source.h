// The text of one rule file, as a Cleaner read it: what is needed to build
// the same Cleaner on another machine, where the file may not exist.
#pragma once

#include <string>

namespace newsclean {

struct RuleSource {
  std::string name;       // the path it was read from, or "<text>"
  std::string text;
  bool included = false;  // read by an `include` of another source, not on its own
};

}  // namespace newsclean
