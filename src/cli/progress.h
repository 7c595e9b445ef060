// --progress: one status line on stderr, redrawn at most a few times a
// second: records, MB read, MB/s, and the share done when the input size is
// known.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace newsclean::cli {

class Progress {
 public:
  // total_bytes 0: the size is not known (a pipe).
  Progress(bool enabled, std::uint64_t total_bytes, const char* unit = "records");

  bool enabled() const { return enabled_; }
  // Records and bytes finished so far (added up); redraws when due.
  void add(std::uint64_t records, std::uint64_t bytes);
  // Clears the line before a message goes to stderr.
  void clear();
  // The final line, ended by a newline.
  void finish();

  // The line as shown (for tests).
  std::string line() const;

 private:
  void draw();
  bool enabled_;
  bool terminal_;
  bool drawn_ = false;
  std::uint64_t total_;
  const char* unit_;
  std::uint64_t records_ = 0, bytes_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

// Whether --progress is on: `option` 1 (--progress), 0 (--no-progress) or
// -1 (default: on only when stderr is a terminal and every input is a
// regular file). Sets *total to the inputs' size when every one is a
// regular file, else 0.
bool progress_wanted(int option, const std::vector<std::string>& files, std::uint64_t* total);

}  // namespace newsclean::cli
