#include "cli/progress.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace newsclean::cli {

Progress::Progress(bool enabled, std::uint64_t total_bytes, const char* unit)
    : enabled_(enabled), terminal_(isatty(STDERR_FILENO) != 0), total_(total_bytes), unit_(unit) {
  start_ = last_ = std::chrono::steady_clock::now();
}

std::string Progress::line() const {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double mb = static_cast<double>(bytes_) / 1e6;
  char buf[200];
  int n = std::snprintf(buf, sizeof buf, "newsclean: %llu %s, %.1f MB, %.1f MB/s",
                        static_cast<unsigned long long>(records_), unit_, mb,
                        seconds > 0 ? mb / seconds : 0.0);
  if (total_ > 0 && n > 0 && static_cast<std::size_t>(n) < sizeof buf) {
    const double share = 100.0 * static_cast<double>(bytes_) / static_cast<double>(total_);
    std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ", %.0f%% done", share > 100 ? 100.0 : share);
  }
  return buf;
}

void Progress::draw() {
  const std::string text = line();
  // On a terminal the line is redrawn in place; elsewhere (a log file) one
  // line per update.
  if (terminal_) std::fprintf(stderr, "\r%s\033[K", text.c_str());
  else std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
  drawn_ = terminal_;
}

void Progress::add(std::uint64_t records, std::uint64_t bytes) {
  records_ += records;
  bytes_ += bytes;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(terminal_ ? 250 : 5000)) return;
  last_ = now;
  draw();
}

void Progress::clear() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

void Progress::finish() {
  if (!enabled_) return;
  if (terminal_) {
    draw();
    std::fputc('\n', stderr);
    drawn_ = false;
  } else {
    draw();
  }
}

bool progress_wanted(int option, const std::vector<std::string>& files, std::uint64_t* total) {
  *total = 0;
  bool all_regular = true;
  std::uint64_t sum = 0;
  const std::vector<std::string> inputs = files.empty() ? std::vector<std::string>{"-"} : files;
  for (const auto& f : inputs) {
    struct stat st;
    const int r = f == "-" ? fstat(STDIN_FILENO, &st) : stat(f.c_str(), &st);
    if (r != 0 || !S_ISREG(st.st_mode)) {
      all_regular = false;
      break;
    }
    sum += static_cast<std::uint64_t>(st.st_size);
  }
  if (all_regular) *total = sum;
  if (option >= 0) return option == 1;
  return all_regular && isatty(STDERR_FILENO) != 0;
}

}  // namespace newsclean::cli
