// Command-line options: one table feeds the parser and --help, and a test
// checks that the man page names every option of it.
#pragma once

#include <string>
#include <vector>

#include "newsclean/newsclean.h"

namespace newsclean::cli {

enum class ExplainFormat { None, Text, Json };

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

// Exit statuses, as documented in newsclean(1).
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;  // usage, input or output error
constexpr int kExitRules = 3;  // a bad rule file

}  // namespace newsclean::cli
