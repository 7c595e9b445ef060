// Command-line options: one table feeds the parser and --help, and a test
// checks that the man page names every option of it.
#pragma once

#include <string>
#include <vector>

#include "newsclean/jsonl.h"
#include "newsclean/newsclean.h"
#include "util/size.h"

namespace newsclean::cli {

enum class ExplainFormat { None, Text, Json };

// What --jsonl does with a record that is not valid JSON or lacks the field.
using OnError = newsclean::jsonl::OnError;

struct Options {
  Config config;
  DocumentOptions document;
  std::string url;                  // --url, for site rules
  std::vector<std::string> files;   // inputs; empty means stdin
  std::string output_dir;
  ExplainFormat explain = ExplainFormat::None;
  unsigned explain_width = 100;
  bool stats = false;
  bool null_separated = false;      // -z
  // Streams (--jsonl, -z): see cli/jsonl.h and cli/workers.h.
  bool jsonl = false;               // --jsonl
  std::string field = "text";       // --field
  std::string html_field;           // --html-field
  std::string url_field = "url";    // --url-field
  std::string output_field;         // --output-field
  bool annotate = false;            // --annotate
  OnError on_error = OnError::Pass; // --on-error
  unsigned jobs = 0;                // -j; 0: one per core
  int progress = -1;                // --progress 1, --no-progress 0, default -1
  // --max-bytes: a larger document is not cleaned (0: no limit).
  std::size_t max_bytes = std::size_t{32} << 20;
  bool list_rules = false;
  bool help = false;
  bool version = false;
};

struct OptionSpec {
  const char* long_name;  // without "--"
  char short_name;        // 0 for none
  const char* arg;        // value name, or nullptr for a flag
  const char* help;
};

const std::vector<OptionSpec>& option_specs();

// Parses argv-style words (without the program name). Returns "" on success,
// else a message for the user.
std::string parse_options(const std::vector<std::string>& args, Options& options);

std::string help_text();

using newsclean::format_size;  // util/size.h

// Exit statuses, as documented in newsclean(1).
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;  // usage, input or output error
constexpr int kExitRules = 3;  // a bad rule file
constexpr int kExitRecord = 4; // --jsonl --on-error=fail stopped at a bad record

}  // namespace newsclean::cli
