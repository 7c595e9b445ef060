// libFuzzer: Cleaner::clean in the format NEWSCLEAN_FUZZ_FORMAT (Text for
// fuzz_text, Html for fuzz_html; see fuzz/CMakeLists.txt), and every view
// of the result (text, explain table, explain JSON, counts).
#include <map>
#include <string>

#include "fuzz/common.h"
#include "output/explain.h"

// The built-in rules are compiled once, before the first input (and so
// outside its time limit).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)newsclean::fuzz::builtin_cleaner();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsclean;
  DocumentOptions options;
  const std::string_view in = fuzz::take_options(data, size, options);
  options.format = InputFormat::NEWSCLEAN_FUZZ_FORMAT;
  const Document doc = fuzz::builtin_cleaner().clean(in, options);
  if (doc.verdicts.size() != doc.blocks.size() || doc.zones.size() != doc.blocks.size()) __builtin_trap();
  std::string out = doc.text();
  if (!out.empty() && out.back() != '\n') __builtin_trap();
  out.clear();
  append_explain_text(out, doc, "fuzz", size & 1 ? 0 : 40);
  append_explain_json(out, doc, "fuzz");
  std::map<std::string, unsigned long> counts;
  count_categories(doc, counts);
  return 0;
}
