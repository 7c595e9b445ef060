// Exact JSON string escaping (control characters as \u00XX, invalid UTF-8
// as U+FFFD) for every writer that emits JSON.
#pragma once

#include <string>
#include <string_view>

namespace newsclean {

void append_json_string(std::string& out, std::string_view s);

}  // namespace newsclean
