// Hardening (issue 5): regressions for what the hostile-input suite and the
// fuzzers found, at unit level. tests/hostile.sh has the end-to-end cases.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/options.h"
#include "newsclean/newsclean.h"
#include "rules/parser.h"
#include "text/paragraphs.h"

using namespace newsclean;

namespace {

std::string temp_dir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("newsclean-hostile-" + std::to_string(static_cast<unsigned long>(std::rand())));
  std::filesystem::create_directories(dir);
  return dir.string();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("hostile: a million blank lines keep the line numbers of the blocks") {
  std::string text = "First paragraph.\n";
  text.append(1000000, '\n');
  text += "Second paragraph.\n\n\nThird.\n";
  const auto blocks = blocks_from_text(text, TextBlockOptions{});
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].line == 1);
  CHECK(blocks[1].line == 1000002);
  CHECK(blocks[2].line == 1000005);
  CHECK(blocks[1].text == "Second paragraph.");
}

TEST_CASE("hostile: blank runs do not change hard-wrap detection") {
  // Wrapped at 40 columns, paragraphs apart by one blank line or by many:
  // the same blocks either way.
  const std::string para =
      "The council voted on Monday to close the\n"
      "old bridge for repairs that will take a\n"
      "year, officials said in a statement that\n"
      "was read out at the end of the meeting.\n";
  const auto one = blocks_from_text(para + "\n" + para, TextBlockOptions{});
  const auto many = blocks_from_text(para + std::string(500, '\n') + para, TextBlockOptions{});
  REQUIRE(one.size() == many.size());
  for (std::size_t i = 0; i < one.size(); ++i) CHECK(one[i].text == many[i].text);
  CHECK(one.size() == 2);
}

TEST_CASE("hostile: an include path with a slash is a path, not a pattern") {
  const std::string dir = temp_dir();
  std::filesystem::create_directories(dir + "/sub");
  write_file(dir + "/sub/extra.rules", "[x]\ndrop extra /^extra line$/\n");
  write_file(dir + "/main.rules", "[x]\ninclude sub/extra.rules\ninclude ./sub/../sub/extra2.rules\n");
  write_file(dir + "/sub/extra2.rules", "[y]\ndrop other /^other line$/\n");
  ParsedRules parsed;
  load_rule_path(dir + "/main.rules", parsed);
  CHECK(parsed.ok());
  CHECK(parsed.rules.size() == 2);
  // A file that includes itself through "./": a loop, said as such.
  write_file(dir + "/self.rules", "[x]\ninclude ./self.rules\n");
  ParsedRules self;
  load_rule_path(dir + "/self.rules", self);
  REQUIRE(self.errors.size() == 1);
  CHECK(self.errors[0].message.find("include loop") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("hostile: a rule file that never ends is refused, not read into memory") {
  if (!std::filesystem::exists("/dev/zero")) return;
  ParsedRules parsed;
  load_rule_path("/dev/zero", parsed);
  REQUIRE(parsed.errors.size() == 1);
  CHECK(parsed.errors[0].message == "rule file larger than 16 MiB");
  const std::string dir = temp_dir();
  write_file(dir + "/zero.rules", "[x]\ninclude /dev/zero\n");
  ParsedRules inc;
  load_rule_path(dir + "/zero.rules", inc);
  REQUIRE(inc.errors.size() == 1);
  CHECK(inc.errors[0].line == 2);
  CHECK(inc.errors[0].message.find("larger than 16 MiB") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("hostile: --max-bytes takes sizes with suffixes; 32 MiB by default") {
  using namespace newsclean::cli;
  Options o;
  CHECK(o.max_bytes == (std::size_t{32} << 20));
  CHECK(parse_options({"--max-bytes", "64K"}, o) == "");
  CHECK(o.max_bytes == 65536);
  CHECK(parse_options({"--max-bytes=2G"}, o) == "");
  CHECK(o.max_bytes == (std::size_t{2} << 30));
  CHECK(parse_options({"--max-bytes", "0"}, o) == "");
  CHECK(o.max_bytes == 0);
  CHECK(parse_options({"--max-bytes", "1000"}, o) == "");
  CHECK(o.max_bytes == 1000);
  CHECK(parse_options({"--max-bytes", "12X"}, o) != "");
  CHECK(parse_options({"--max-bytes", ""}, o) != "");
  CHECK(parse_options({"--max-bytes", "-1"}, o) != "");
  CHECK(parse_options({"--max-bytes", "99999999999999G"}, o) != "");
  CHECK(format_size(std::size_t{32} << 20) == "32 MiB");
  CHECK(format_size(65536) == "64 KiB");
  CHECK(format_size(1000) == "1000 bytes");
}
