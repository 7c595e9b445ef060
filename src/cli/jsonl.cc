#include "cli/jsonl.h"

#include <cstdio>

#include "cli/progress.h"
#include "cli/workers.h"

namespace newsclean::cli {

using jsonl::Scratch;
using jsonl::Settings;

Settings jsonl_settings(const Options& options) {
  Settings s;
  s.field = options.field;
  s.html_field = options.html_field;
  s.url_field = options.url_field;
  s.output_field = options.output_field;
  s.annotate = options.annotate;
  s.document = options.document;
  s.on_error = options.on_error;
  s.max_bytes = options.max_bytes;
  return s;
}

int run_jsonl(const Options& options, const Cleaner& cleaner) {
  const Settings settings = jsonl_settings(options);
  const bool stats = options.stats;
  std::uint64_t total = 0;
  const bool show = progress_wanted(options.progress, options.files, &total);
  Progress progress(show, total, "records");

  const RecordLimit limit{options.max_bytes, options.on_error, "record"};
  auto work = [&](Batch& b) {
    thread_local Scratch scratch;
    const auto r = jsonl::process_records(b.input, b.first_record, cleaner, settings, b.output, scratch,
                                   stats ? &b.categories : nullptr);
    for (const auto& note : r.notes)
      b.messages += "newsclean: " + b.name + ":" + std::to_string(note.record) + ": " + note.text + "\n";
    b.counts.read += r.counts.read;
    b.counts.written += r.counts.written;
    b.counts.changed += r.counts.changed;
    b.counts.errors += r.counts.errors;
    if (r.stopped) b.stop = true;
  };
  const unsigned jobs = options.jobs ? options.jobs : default_jobs();
  StreamResult result = run_stream(options.files, '\n', jobs, &progress, work, limit);
  if (stats) {
    std::string s = "newsclean: " + std::to_string(result.counts.read) + " record(s) read, " +
                    std::to_string(result.counts.written) + " written, " + std::to_string(result.counts.changed) +
                    " changed, " + std::to_string(result.counts.errors) + " in error";
    for (const auto& [k, v] : result.categories) s += ", " + k + " " + std::to_string(v);
    std::fprintf(stderr, "%s\n", s.c_str());
  }
  if (result.status != kExitOk) return result.status;
  return result.stopped ? kExitRecord : kExitOk;
}

}  // namespace newsclean::cli
