// The C++ library's speed on many short documents, one thread: the
// baseline bench/python_speed.sh measures the Python module against.
// usage: library_speed DOCS.nul [ROUNDS]   (documents separated by NUL bytes)
// Prints "documents seconds docs_per_second bytes_out cpu_seconds": the best
// wall time of ROUNDS rounds, and the least CPU time of a round (which the
// load of other processes does not stretch);
// the rules are compiled, and the documents cleaned once, before the clock
// starts, as a Cleaner is made once and then used.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <newsclean/newsclean.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: library_speed DOCS.nul [ROUNDS]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string all = buf.str();
  std::vector<std::string_view> docs;
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = all.find('\0', start);
    if (end == std::string::npos) end = all.size();
    docs.emplace_back(all.data() + start, end - start);
    start = end + 1;
  }
  const int rounds = argc > 2 ? std::stoi(argv[2]) : 3;
  auto cleaner = newsclean::Cleaner::create(newsclean::Config{}, nullptr);
  // One pass first, untimed: RE2 builds its DFA states as inputs need them,
  // and a Cleaner in use (the Python one measured beside) has them already.
  for (auto d : docs) (void)cleaner->clean(d, newsclean::DocumentOptions{}).text();
  auto cpu_seconds = [] {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
  };
  double best = 1e30, best_cpu = 1e30;
  std::size_t bytes_out = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    bytes_out = 0;
    for (auto d : docs) bytes_out += cleaner->clean(d, newsclean::DocumentOptions{}).text().size();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
    best_cpu = std::min(best_cpu, cpu_seconds() - c0);
  }
  std::printf("%zu %.4f %.1f %zu %.4f\n", docs.size(), best, docs.size() / best, bytes_out, best_cpu);
  return 0;
}
