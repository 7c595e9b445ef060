// What the front end does with options, shared by the filter (main.cc) and
// the fixture runner (fixture_tests.cc) so both clean exactly alike.
#pragma once

#include <memory>
#include <string>

#include "cli/options.h"
#include "newsclean/newsclean.h"

namespace newsclean::cli {

// Builds the cleaner; on a rule error returns nullptr and sets `message`
// to every error, formatted with file:line:col and a caret.
std::unique_ptr<Cleaner> make_cleaner(const Options& options, std::string* message);

// The output for one document: the clean text, or the explain view.
void render(const Document& doc, const Options& options, const std::string& name, std::string& out);

// A one-line warning when `bytes` look like binary data rather than text; "" otherwise.
std::string binary_warning(std::string_view bytes);

// `newsclean test ...`: runs fixture cases and rule examples; returns the exit status.
int run_fixture_tests(const std::vector<std::string>& args);

}  // namespace newsclean::cli
