// Random lines for the tests that compare a fast form of a line test (bit
// masks, 16 bytes at a time) with the plain loop it stands for: lines made
// of pieces that matter to the test, of every length around the 8-, 16- and
// 64-byte steps. The same lines on every run (a fixed xorshift seed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace newsclean::testing {

// Calls f(line) for `count` lines, each of random `pieces` up to a random
// length below `max_length` (the last piece may run past it).
template <typename F>
void for_random_lines(const std::vector<std::string>& pieces, int count, std::size_t max_length, F&& f) {
  std::uint64_t seed = 88172645463325252ULL;
  for (int round = 0; round < count; ++round) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    std::string line;
    const std::size_t length = seed % max_length;
    for (std::uint64_t r = seed >> 7; line.size() < length; r = r * 6364136223846793005ULL + 1442695040888963407ULL)
      line += pieces[(r >> 33) % pieces.size()];
    f(line);
  }
}

}  // namespace newsclean::testing
