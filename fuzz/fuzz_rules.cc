// libFuzzer: a rule file, parsed (no includes: the fuzzer must not read
// files), compiled, and when it compiles, run over a fixed article so that
// matching, conditions and strips get fuzzed too.
#include <string>
#include <vector>

#include "fuzz/common.h"
#include "rules/parser.h"
#include "rules/ruleset.h"

namespace {

const char kArticle[] =
    "Harbour strike enters its third day\n"
    "\n"
    "3 min read\n"
    "\n"
    "Dock workers walked out on Monday over pay, and ships are queueing offshore.\n"
    "\n"
    "A crane stands idle at the port. (Photo: AP)\n"
    "\n"
    "Subscribe to our newsletter for the latest news delivered to your inbox.\n"
    "\n"
    "\xe2\x80\x9cWe will not go back,\xe2\x80\x9d said a union official, Caf\xc3\xa9 owner.\n"
    "\n"
    "Read more: Port traffic falls\n"
    "\n"
    "Copyright 2024 Example News. All rights reserved.\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsclean;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ParsedRules parsed;
  parse_rule_text(text, "fuzz.rules", parsed, /*allow_includes=*/false);
  if (!parsed.ok()) return 0;
  std::vector<RuleError> errors;
  std::vector<Rule> rules = parsed.rules;
  auto set = RuleSet::compile(std::move(rules), &errors);
  if (!set) return 0;
  // The whole cleaner with these rules alone, on the fixed article, as
  // plain text and as HTML with the rules' tag and class conditions.
  Config config;
  config.builtin_rules = false;
  config.rule_texts.emplace_back(text);
  auto cleaner = Cleaner::create(config, &errors);
  if (!cleaner) return 0;
  DocumentOptions options;
  options.format = InputFormat::Text;
  for (const char* site : {"", "example.com"}) {
    options.site = site;
    (void)cleaner->clean(kArticle, options).text();
  }
  options.format = InputFormat::Html;
  (void)cleaner
      ->clean("<html><body><article><h1>Title</h1><p class=\"caption\">Photo: AP</p>"
              "<p>Dock workers walked out on Monday over pay.</p><aside id=\"related\">"
              "<a href=\"/x\">Read more: Port traffic falls</a></aside></article></body></html>",
              options)
      .text();
  return 0;
}
