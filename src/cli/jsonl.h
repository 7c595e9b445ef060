// `newsclean --jsonl`: records through the worker pool. The record code
// itself (scanner, rewrite, error policy) is the library's, newsclean/jsonl.h;
// cli::jsonl names it too, for the command's code and tests.
#pragma once

#include "cli/options.h"
#include "newsclean/jsonl.h"
#include "newsclean/newsclean.h"

namespace newsclean::cli {

namespace jsonl = newsclean::jsonl;

// The settings for a run, from the command line.
jsonl::Settings jsonl_settings(const Options& options);

// `newsclean --jsonl`: streams every input (options.files, or stdin) through
// the worker pool, one output line per input line, in order. Returns the exit
// status.
int run_jsonl(const Options& options, const Cleaner& cleaner);

}  // namespace newsclean::cli
