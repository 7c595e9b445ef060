// libFuzzer: one JSONL record through process_record (scan, decode, clean,
// splice), with settings drawn from the first byte.
#include <map>
#include <string>

#include "cli/jsonl.h"
#include "fuzz/common.h"

// The built-in rules are compiled once, before the first input (and so
// outside its time limit).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)newsclean::fuzz::builtin_cleaner();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsclean;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  cli::jsonl::Settings settings;
  if (size >= 2) {
    const uint8_t f = data[0];
    line.remove_prefix(1);
    if (f & 1) settings.html_field = "html";
    if (f & 2) settings.output_field = "clean";
    settings.annotate = f & 4;
    if (f & 8) settings.document.format = InputFormat::Text;
    if (f & 16) settings.document.format = InputFormat::Html;
  }
  static thread_local cli::jsonl::Scratch scratch;
  std::string out;
  std::map<std::string, unsigned long> categories;
  const auto r = cli::jsonl::process_record(line, fuzz::builtin_cleaner(), settings, out, scratch, &categories);
  if (!r.ok && r.error.empty()) __builtin_trap();  // a failure always says why
  // Also check the scanner alone against its own spans.
  cli::jsonl::Scan scan;
  if (cli::jsonl::scan_object(line, scan).empty()) {
    for (const auto& m : scan.members) {
      if (!(m.key_begin < m.key_end && m.key_end <= m.value_begin && m.value_begin < m.value_end &&
            m.value_end <= line.size()))
        __builtin_trap();
      std::string decoded;
      cli::jsonl::decode_string(line.substr(m.key_begin, m.key_end - m.key_begin), decoded);
    }
  }
  return 0;
}
