// The manual pages against the code: every option of the table is in
// newsclean(1) and in --help, and every complete rule-file example of
// newsclean-rules(5) parses, compiles, and its # match: / # no-match:
// examples hold.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/options.h"
#include "rules/parser.h"
#include "rules/ruleset.h"
#include "text/normalise.h"

using namespace newsclean;

namespace {

std::string read_source_file(const std::string& relative) {
  const std::string path = std::string(NEWSCLEAN_SOURCE_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// Turns one line of roff text inside .EX/.EE back into the characters it
// shows. Sets *problem for an escape it does not know, so a new escape in
// the page fails the test loudly instead of being tested wrongly.
std::string unroff(const std::string& line, std::string* problem) {
  static const std::vector<std::pair<std::string, std::string>> named = {
      {"aq", "'"}, {"dq", "\""}, {"rs", "\\"}, {"ti", "~"}, {"ha", "^"}, {"lq", "\xE2\x80\x9C"},
      {"rq", "\xE2\x80\x9D"}, {"oq", "\xE2\x80\x98"}, {"cq", "\xE2\x80\x99"}, {"em", "\xE2\x80\x94"},
      {"en", "\xE2\x80\x93"}, {"bu", "\xE2\x80\xA2"}, {"mi", "-"}, {"hy", "-"}};
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '\\') {
      out += line[i];
      continue;
    }
    if (i + 1 >= line.size()) {
      *problem = "line ends with a backslash: " + line;
      return out;
    }
    const char c = line[++i];
    if (c == 'e' || c == '\\') {
      out += '\\';
    } else if (c == '-') {
      out += '-';
    } else if (c == '&' || c == '|' || c == '^') {
      // zero-width or thin spaces: nothing in the text
    } else if (c == ' ') {
      out += ' ';
    } else if (c == '(' || c == '[') {
      std::string name;
      if (c == '(') {
        name = line.substr(i + 1, 2);
        i += 2;
      } else {
        const std::size_t close = line.find(']', i);
        if (close == std::string::npos) {
          *problem = "unclosed \\[ in: " + line;
          return out;
        }
        name = line.substr(i + 1, close - i - 1);
        i = close;
      }
      auto it = std::find_if(named.begin(), named.end(), [&](const auto& p) { return p.first == name; });
      if (it == named.end()) {
        *problem = "unknown roff character \\(" + name + " in: " + line;
        return out;
      }
      out += it->second;
    } else if (c == 'f') {
      // A font change: \fB, \fI, \fR, \fP or \f(XX / \f[XX]; shows nothing.
      if (i + 1 < line.size() && line[i + 1] == '(') i += 3;
      else if (i + 1 < line.size() && line[i + 1] == '[') i = line.find(']', i);
      else ++i;
      if (i == std::string::npos) {
        *problem = "unclosed font escape in: " + line;
        return out;
      }
    } else {
      *problem = std::string("unknown roff escape \\") + c + " in: " + line;
      return out;
    }
  }
  return out;
}

struct ExampleBlock {
  unsigned first_line;  // line of the page where the block's text starts
  std::string text;     // the rule file, roff escapes undone
};

// The .EX/.EE blocks of a page whose first line starts with '[' (a complete
// rule file, as the page promises).
std::vector<ExampleBlock> rule_file_blocks(const std::string& page) {
  std::vector<ExampleBlock> blocks;
  const auto lines = split_lines(page);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind(".EX", 0) != 0) continue;
    ExampleBlock b;
    b.first_line = static_cast<unsigned>(i + 2);
    std::vector<std::string> body;
    std::size_t j = i + 1;
    for (; j < lines.size() && lines[j].rfind(".EE", 0) != 0; ++j) body.push_back(lines[j]);
    REQUIRE_MESSAGE(j < lines.size(), ".EX at line " << i + 1 << " has no .EE");
    i = j;
    if (body.empty() || body[0].empty() || body[0][0] != '[') continue;
    for (std::size_t k = 0; k < body.size(); ++k) {
      std::string problem;
      const std::string plain = unroff(body[k], &problem);
      INFO("newsclean-rules.5:" << b.first_line + k);
      CHECK_MESSAGE(problem.empty(), problem);
      b.text += plain + "\n";
    }
    blocks.push_back(std::move(b));
  }
  return blocks;
}

Zone zone_for(const Rule& rule) {
  auto allows = [&](Zone z) { return rule.zones == 0 || (rule.zones & (1u << static_cast<int>(z))); };
  if (allows(Zone::Body)) return Zone::Body;
  return allows(Zone::Head) ? Zone::Head : Zone::Tail;
}

}  // namespace

TEST_CASE("man: every option is in newsclean(1) and in --help") {
  const std::string page = read_source_file("man/newsclean.1");
  const std::string help = cli::help_text();
  for (const auto& o : cli::option_specs()) {
    const std::string name = o.long_name;
    std::string escaped;
    for (char c : name) {
      if (c == '-') escaped += "\\-";
      else escaped += c;
    }
    const bool in_page = page.find("\\-\\-" + escaped) != std::string::npos ||
                         page.find("--" + name) != std::string::npos;
    CHECK_MESSAGE(in_page, "option --" << name << " is missing from man/newsclean.1");
    CHECK_MESSAGE(help.find("--" + name) != std::string::npos, "option --" << name << " is missing from --help");
  }
}

TEST_CASE("man: the rule-file examples of newsclean-rules(5) parse, compile and hold") {
  const std::string page = read_source_file("man/newsclean-rules.5");
  const auto blocks = rule_file_blocks(page);
  CHECK_MESSAGE(blocks.size() >= 5, "expected several complete rule-file examples, found " << blocks.size());
  unsigned examples = 0;
  for (const auto& b : blocks) {
    const std::string where = "man/newsclean-rules.5:" + std::to_string(b.first_line);
    INFO("rule-file example starting at " << where << ":\n" << b.text);
    // Errors and rules carry the line of the page, not of the block.
    auto page_error = [&](RuleError e) {
      e.file = "man/newsclean-rules.5";
      if (e.line > 0) e.line += b.first_line - 1;
      return e.format();
    };
    ParsedRules parsed;
    parse_rule_text(b.text, "man/newsclean-rules.5", parsed, /*allow_includes=*/false);
    for (const auto& e : parsed.errors) FAIL_CHECK("rule-file example does not parse: " << page_error(e));
    if (!parsed.ok()) continue;
    CHECK_MESSAGE(!parsed.rules.empty(), "rule-file example at " << where << " defines no rule");
    std::vector<RuleError> errors;
    auto set = RuleSet::compile(parsed.rules, &errors);
    for (const auto& e : errors) FAIL_CHECK("rule-file example does not compile: " << page_error(e));
    if (!set) continue;
    const std::vector<char> active(set->rules().size(), 1);
    std::vector<int> hits;
    for (std::size_t r = 0; r < set->rules().size(); ++r) {
      const Rule& rule = set->rules()[r];
      for (const auto& ex : rule.examples) {
        ++examples;
        Block block;
        normalise_line(ex.text, NormaliseOptions{}, block.text);
        measure_block(block);
        set->match(block, zone_for(rule), active, hits);
        const bool matched = std::find(hits.begin(), hits.end(), static_cast<int>(r)) != hits.end();
        const std::string verb = ex.should_match ? "does not match its # match:" : "matches its # no-match:";
        CHECK_MESSAGE(matched == ex.should_match, "man/newsclean-rules.5:" << b.first_line + ex.line - 1 << ": rule "
                                                                          << rule.id << " " << verb << " example \""
                                                                          << ex.text << "\"");
      }
    }
  }
  CHECK_MESSAGE(examples >= 10, "expected the page to carry many # match: examples, found " << examples);
}

TEST_CASE("man: the unroff helper undoes the escapes the pages use") {
  std::string problem;
  CHECK(unroff("drop x\\-y /^\\ed\\(aq\\(dq$/i", &problem) == "drop x-y /^\\d'\"$/i");
  CHECK(problem.empty());
  CHECK(unroff("\\fIfile\\fP:\\fBline\\fR", &problem) == "file:line");
  CHECK(problem.empty());
  unroff("\\d", &problem);
  CHECK(!problem.empty());
}
