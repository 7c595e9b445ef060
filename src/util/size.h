// Sizes for messages.
#pragma once

#include <cstddef>
#include <string>

namespace newsclean {

// "32 MiB", "512 KiB", "1000 bytes".
std::string format_size(std::size_t bytes);

}  // namespace newsclean
