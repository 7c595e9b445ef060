#include "cli/workers.h"

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string.h>  // memrchr (GNU)

#include "cli/app.h"
#include "cli/progress.h"
#include "output/explain.h"

namespace newsclean::cli {

unsigned default_jobs() { return available_cores(); }

OrderedPool::OrderedPool(unsigned jobs, Work work, Commit commit)
    : jobs_(std::max(1u, jobs)), max_batches_(4 * std::max(1u, jobs) + 2), work_(std::move(work)),
      commit_(std::move(commit)) {
  if (jobs_ > 1)
    for (unsigned i = 0; i < jobs_; ++i) threads_.emplace_back([this] { worker(); });
}

OrderedPool::~OrderedPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
    todo_.clear();
  }
  work_ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void OrderedPool::worker() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [this] { return quit_ || !todo_.empty(); });
    if (quit_) return;
    Slot* slot = todo_.front();
    todo_.pop_front();
    slot->started = true;
    lock.unlock();
    work_(*slot->batch);
    lock.lock();
    slot->done = true;
    batch_done_.notify_all();
  }
}

// Commits the finished batches at the head of the queue; with wait_for_one,
// first waits until the head is finished. Called with the lock held.
bool OrderedPool::commit_ready(std::unique_lock<std::mutex>& lock, bool wait_for_one) {
  if (wait_for_one && !in_flight_.empty()) {
    // (A timed wait: the predicate is checked again every 100 ms whatever
    // happens to a notification.)
    while (!in_flight_.front()->done) batch_done_.wait_for(lock, std::chrono::milliseconds(100));
  }
  while (!stopped_ && !in_flight_.empty() && in_flight_.front()->done) {
    std::unique_ptr<Slot> slot = std::move(in_flight_.front());
    in_flight_.pop_front();
    bytes_in_flight_ -= slot->batch->input.size();
    lock.unlock();
    const bool go_on = commit_(*slot->batch);
    slot.reset();  // free the batch outside the lock
    lock.lock();
    if (!go_on) {
      stopped_ = true;
      todo_.clear();  // what no worker has started is dropped
    }
  }
  return !stopped_;
}

bool OrderedPool::submit(std::unique_ptr<Batch> batch) {
  if (stopped_) return false;
  if (jobs_ == 1) {
    work_(*batch);
    if (!commit_(*batch)) stopped_ = true;
    return !stopped_;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  const std::size_t size = batch->input.size();
  // Room for it: fewer than max_batches_ in flight, and the bytes under the
  // bound unless nothing else is in flight (one record larger than the bound).
  while (!stopped_ && !in_flight_.empty() &&
         (in_flight_.size() >= max_batches_ || bytes_in_flight_ + size > kMaxBytesInFlight))
    commit_ready(lock, true);
  if (stopped_) return false;
  auto slot = std::make_unique<Slot>();
  slot->batch = std::move(batch);
  todo_.push_back(slot.get());
  in_flight_.push_back(std::move(slot));
  bytes_in_flight_ += size;
  work_ready_.notify_one();
  return commit_ready(lock, false);
}

bool OrderedPool::finish() {
  if (jobs_ == 1) return !stopped_;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopped_ && !in_flight_.empty()) commit_ready(lock, true);
  // After a stop, wait for the batches the workers are still on; the ones
  // no worker took were dropped from the queue.
  for (auto& s : in_flight_)
    while (s->started && !s->done) batch_done_.wait_for(lock, std::chrono::milliseconds(100));
  in_flight_.clear();
  return !stopped_;
}

namespace {

void message(const std::string& text) { std::fprintf(stderr, "newsclean: %s\n", text.c_str()); }

// How many times `c` occurs in `s`: a memchr from one to the next, since
// records are long and separators few (std::count looks at every byte).
std::uint64_t count_byte(std::string_view s, char c) {
  std::uint64_t n = 0;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const void* hit = std::memchr(p, c, static_cast<std::size_t>(end - p));
    if (!hit) break;
    ++n;
    p = static_cast<const char*>(hit) + 1;
  }
  return n;
}

constexpr std::size_t kChunk = 256u << 10;  // bytes read at a time: about one batch

}  // namespace

StreamResult run_stream(const std::vector<std::string>& files, char separator, unsigned jobs,
                        Progress* progress, const OrderedPool::Work& work, const RecordLimit& limit) {
  StreamResult result;
  bool write_failed = false;
  auto commit = [&](Batch& b) -> bool {
    if (!b.messages.empty()) {
      if (progress) progress->clear();
      std::fwrite(b.messages.data(), 1, b.messages.size(), stderr);
    }
    if (!b.output.empty() && std::fwrite(b.output.data(), 1, b.output.size(), stdout) != b.output.size()) {
      if (errno != EPIPE) {
        message(std::string("write error: ") + std::strerror(errno));
        result.status = kExitUsage;
      }
      write_failed = true;
      return false;
    }
    result.counts.add(b.counts);
    for (const auto& [k, v] : b.categories) result.categories[k] += v;
    if (progress) progress->add(b.counts.read, b.input.size());
    if (b.stop) {
      result.stopped = true;
      return false;
    }
    return true;
  };

  OrderedPool pool(jobs, work, commit);

  // A record over the limit, of which `head` holds the start: streams it to
  // stdout or skips it, up to and including its separator; leaves in `head`
  // what the last read brought after it. Returns false to stop the stream.
  std::string out_head;
  auto pass_oversized = [&](std::FILE* f, const std::string& name, std::uint64_t number, std::string& head) {
    const bool pass = limit.policy == OnError::Pass;
    std::string what = name + ":" + std::to_string(number) + ": " + limit.unit + " over the size limit of " +
                       format_size(limit.max_bytes) + " (--max-bytes)";
    if (progress) progress->clear();
    if (limit.policy == OnError::Fail) {
      message(what + " (stopping: --on-error=fail)");
      ++result.counts.read;
      ++result.counts.errors;
      result.stopped = true;
      head.clear();
      return false;
    }
    message(what + (pass ? " (passed through unchanged)" : " (dropped)"));
    std::uint64_t bytes = 0;
    bool ok = true;
    auto emit = [&](const char* p, std::size_t n) {
      bytes += n;
      if (!pass || !ok || n == 0) return;
      if (std::fwrite(p, 1, n, stdout) != n) {
        if (errno != EPIPE) {
          message(std::string("write error: ") + std::strerror(errno));
          result.status = kExitUsage;
        }
        ok = false;
      }
    };
    for (;;) {
      const void* hit = std::memchr(head.data(), separator, head.size());
      if (hit != nullptr) {
        const std::size_t len = static_cast<std::size_t>(static_cast<const char*>(hit) - head.data());
        emit(head.data(), len + 1);
        head.erase(0, len + 1);
        break;
      }
      emit(head.data(), head.size());
      head.resize(kChunk);
      const std::size_t n = std::fread(&head[0], 1, kChunk, f);
      head.resize(n);
      if (n == 0) {  // the input ended inside the record: end it as the others are
        if (pass) emit(&separator, 1);
        break;
      }
    }
    ++result.counts.read;
    ++result.counts.errors;
    if (pass) ++result.counts.written;
    if (progress) progress->add(1, bytes);
    return ok;
  };
  std::vector<std::string> inputs = files.empty() ? std::vector<std::string>{"-"} : files;
  bool go_on = true;
  for (const auto& path : inputs) {
    if (!go_on) break;
    const std::string name = path == "-" ? "stdin" : path;
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) {
      if (progress) progress->clear();
      message(path + ": " + std::strerror(errno));
      result.status = kExitUsage;
      continue;
    }
    std::uint64_t next_record = 1;
    auto batch = std::make_unique<Batch>();
    batch->name = name;
    for (;;) {
      std::string& in = batch->input;
      const std::size_t old = in.size();
      in.resize(old + kChunk);
      const std::size_t n = std::fread(&in[old], 1, kChunk, f);
      in.resize(old + n);
      if (n == 0) break;
      // Cut after the last separator of what came in; a record longer than
      // the chunk makes the batch grow until its end arrives.
      const char* last = static_cast<const char*>(::memrchr(in.data() + old, separator, n));
      if (!last) {
        if (limit.max_bytes == 0 || in.size() <= limit.max_bytes) continue;
        // One record, over the limit (a batch is cut after every separator,
        // so all it holds is the start of this record). The records before
        // it go out first, so that the output stays in input order.
        if (!pool.finish() || !pass_oversized(f, name, next_record, in)) {
          go_on = false;
          break;
        }
        ++next_record;
        // `in` now holds what the last read brought after the record.
        last = in.empty() ? nullptr : static_cast<const char*>(::memrchr(in.data(), separator, in.size()));
        if (!last) continue;
      }
      const char* base = in.data();
      const std::size_t cut = static_cast<std::size_t>(last - base) + 1;
      auto next = std::make_unique<Batch>();
      next->name = name;
      next->input.assign(in, cut, std::string::npos);
      in.resize(cut);
      batch->first_record = next_record;
      next_record += count_byte(in, separator);
      if (!pool.submit(std::move(batch))) {
        go_on = false;
        break;
      }
      batch = std::move(next);
    }
    if (std::ferror(f)) {
      if (progress) progress->clear();
      message(name + ": read error: " + std::strerror(errno));
      result.status = kExitUsage;
    }
    if (f != stdin) std::fclose(f);
    if (go_on && !batch->input.empty()) {
      batch->first_record = next_record;
      if (!pool.submit(std::move(batch))) go_on = false;
    }
  }
  pool.finish();  // a closed pipe (write_failed, status still 0) ends quietly
  (void)write_failed;
  if (progress) progress->finish();
  return result;
}

bool record_in_error(Batch& b, OnError policy, std::uint64_t number, const std::string& why, std::string_view record,
                     char separator) {
  ++b.counts.errors;
  b.messages += "newsclean: " + b.name + ":" + std::to_string(number) + ": " + why;
  switch (policy) {
    case OnError::Pass:
      b.messages += " (passed through unchanged)\n";
      b.output.append(record);
      b.output.push_back(separator);
      ++b.counts.written;
      return true;
    case OnError::Drop:
      b.messages += " (dropped)\n";
      return true;
    case OnError::Fail:
      b.messages += " (stopping: --on-error=fail)\n";
      b.stop = true;
      return false;
  }
  return true;
}

int run_null_stream(const Options& options, const Cleaner& cleaner) {
  std::uint64_t total = 0;
  const bool show = progress_wanted(options.progress, options.files, &total);
  Progress progress(show, total, "documents");
  const bool stats = options.stats;
  const RecordLimit limit{options.max_bytes, options.on_error, "document"};
  auto work = [&](Batch& b) {
    for_each_record(b, '\0', [&](std::string_view bytes, std::uint64_t number) {
      if (limit.max_bytes && bytes.size() > limit.max_bytes) {
        // Over the limit by less than one read: handled here as the reader
        // handles the larger ones.
        ++b.counts.read;
        return record_in_error(b, limit.policy, number,
                               "document over the size limit of " + format_size(limit.max_bytes) + " (--max-bytes)",
                               bytes, '\0');
      }
      Document doc = cleaner.clean(bytes, options.document);
      for (const auto& w : doc.warnings) b.messages += "newsclean: " + b.name + ": " + w + "\n";
      ++b.counts.read;
      ++b.counts.written;
      if (stats) count_categories(doc, b.categories);
      render(doc, options, b.name, b.output);
      b.output.push_back('\0');
      return true;
    });
  };
  const unsigned jobs = options.jobs ? options.jobs : default_jobs();
  StreamResult r = run_stream(options.files, '\0', jobs, &progress, work, limit);
  if (options.stats) {
    std::string s = "newsclean: " + std::to_string(r.counts.read) + " document(s)";
    for (const auto& [k, v] : r.categories) s += ", " + k + " " + std::to_string(v);
    std::fprintf(stderr, "%s\n", s.c_str());
  }
  if (r.status != kExitOk) return r.status;
  return r.stopped ? kExitRecord : kExitOk;
}

}  // namespace newsclean::cli
