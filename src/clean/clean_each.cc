// Many documents on worker threads: each thread takes the next document
// from a shared counter, so a long document holds up one thread, not the
// others. The Cleaner is immutable, so the threads share it as it is.
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "newsclean/newsclean.h"

namespace newsclean {

unsigned available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  const unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

void Cleaner::clean_each(const std::vector<std::string_view>& inputs, const DocumentOptions& options, unsigned jobs,
                         const std::function<void(std::size_t, Document&)>& done) const {
  if (jobs == 0) jobs = available_cores();
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, inputs.size()));
  std::atomic<std::size_t> next{0};
  // The first exception a thread meets (out of memory, or one from `done`)
  // stops every thread and is thrown again here, on the calling thread.
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto work = [&] {
    try {
      for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < inputs.size();) {
        Document doc = clean(inputs[i], options);
        done(i, doc);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next.store(inputs.size());
    }
  };
  if (jobs <= 1) {
    work();
  } else {
    std::vector<std::thread> threads;
    threads.reserve(jobs - 1);
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work);
    work();  // the calling thread is one of the workers
    for (auto& t : threads) t.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace newsclean
