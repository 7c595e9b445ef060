// Streams of records (JSONL lines, NUL-separated documents) through a pool
// of worker threads.
//
// The reading thread cuts the input into batches of whole records (about
// 256 KB, or one record when a record is larger), hands them to the workers
// through a bounded queue, and writes the finished batches in input order.
// So the output of -j N is byte for byte that of -j 1, and memory is bounded
// by the batches in flight (a fixed number, and at most kMaxBytesInFlight of
// input unless one record is larger), not by the input size. -j 1 runs every
// batch on the calling thread: no thread at all.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cli/options.h"
#include "newsclean/newsclean.h"

namespace newsclean::cli {

struct StreamCounts {
  std::uint64_t read = 0;     // records read
  std::uint64_t written = 0;  // records written
  std::uint64_t changed = 0;  // records whose text the cleaning changed
  std::uint64_t errors = 0;   // records in error (bad JSON, no field)
  void add(const StreamCounts& o) {
    read += o.read;
    written += o.written;
    changed += o.changed;
    errors += o.errors;
  }
};

// A run of whole records from one input: a worker's task.
struct Batch {
  std::string name;                 // the input's name, for messages
  std::uint64_t first_record = 1;   // number (1-based) of the first record in its input
  std::string input;                // records, each ended by the separator but maybe the last
  // Filled by the worker:
  std::string output;               // what goes to stdout
  std::string messages;             // lines for stderr, each ended by '\n'
  StreamCounts counts;
  std::map<std::string, unsigned long> categories;  // for --stats
  bool stop = false;                // stop the stream after this batch (--on-error=fail)
};

// Hands batches to `jobs` threads and gives them back finished, in the order
// they were submitted.
class OrderedPool {
 public:
  using Work = std::function<void(Batch&)>;
  // Returns false to stop the stream (the batches after it are dropped).
  using Commit = std::function<bool(Batch&)>;

  OrderedPool(unsigned jobs, Work work, Commit commit);
  ~OrderedPool();
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // Queues a batch. While the batches in flight are at the limit, waits and
  // commits finished ones in order. Returns false once a commit has said stop.
  bool submit(std::unique_ptr<Batch> batch);
  // Waits for every batch in flight and commits them in order.
  bool finish();

  static constexpr std::size_t kMaxBytesInFlight = 32u << 20;

 private:
  struct Slot {
    std::unique_ptr<Batch> batch;
    bool started = false;  // a worker took it
    bool done = false;
  };
  void worker();
  bool commit_ready(std::unique_lock<std::mutex>& lock, bool wait_for_one);

  const unsigned jobs_;
  const std::size_t max_batches_;
  Work work_;
  Commit commit_;
  std::mutex mutex_;
  std::condition_variable work_ready_, batch_done_;
  std::deque<Slot*> todo_;
  std::deque<std::unique_ptr<Slot>> in_flight_;  // submission order
  std::size_t bytes_in_flight_ = 0;
  bool quit_ = false;
  bool stopped_ = false;
  std::vector<std::thread> threads_;
};

// How many threads -j 0 (the default) means: the cores this process may use.
unsigned default_jobs();

class Progress;

struct StreamResult {
  int status = kExitOk;   // kExitUsage after a read or write error
  bool stopped = false;   // a batch asked to stop (--on-error=fail)
  StreamCounts counts;
  std::map<std::string, unsigned long> categories;
};

// What happens to a record over the size limit (--max-bytes). It is never
// held whole: reading stops buffering at the limit, the records before it
// are written, and then its bytes are streamed through to stdout unchanged
// (Pass) or skipped (Drop) up to its separator, or the stream stops (Fail).
// Either way a message names it, and it counts as a record in error.
struct RecordLimit {
  std::uint64_t max_bytes = 0;     // 0: no limit
  OnError policy = OnError::Pass;
  const char* unit = "record";     // for the message: "record", "document"
};

// Reads every input (files, "-" or none for stdin) as records ended by
// `separator`, runs `work` on batches with `jobs` threads, writes their
// output to stdout and their messages to stderr, in input order. A last
// record without its separator is a record too, unless it is empty.
StreamResult run_stream(const std::vector<std::string>& files, char separator, unsigned jobs,
                        Progress* progress, const OrderedPool::Work& work, const RecordLimit& limit);

// Calls `f(record, number)` for each record of a batch (number counts from
// batch.first_record). Stops early, returning false, when `f` returns false.
template <class F>
bool for_each_record(const Batch& batch, char separator, F&& f) {
  const char* p = batch.input.data();
  const char* const end = p + batch.input.size();
  std::uint64_t number = batch.first_record;
  while (p < end) {
    const void* hit = std::memchr(p, separator, static_cast<std::size_t>(end - p));
    const char* stop = hit ? static_cast<const char*>(hit) : end;
    if (!f(std::string_view(p, static_cast<std::size_t>(stop - p)), number++)) return false;
    p = hit ? stop + 1 : end;
  }
  return true;
}

// A record in error under --on-error, in a worker: counts it, says why in
// the batch's messages ("newsclean: NAME:NUMBER: WHY (passed through
// unchanged)"), and writes it unchanged with its separator (Pass), leaves it
// out (Drop), or marks the batch to stop the stream (Fail). Returns false
// when the stream is to stop.
bool record_in_error(Batch& batch, OnError policy, std::uint64_t number, const std::string& why,
                     std::string_view record, char separator);

// `newsclean -z`: NUL-separated documents through the pool.
int run_null_stream(const Options& options, const Cleaner& cleaner);

}  // namespace newsclean::cli
