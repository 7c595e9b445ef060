// `newsclean test`: the fixtures are the spec.
//
// A case is NAME.in.txt (or NAME.in.html) with NAME.out.txt, the expected
// output, and optionally NAME.args, options on one line (paths relative to
// the case's folder). NAME.err.txt instead of NAME.out.txt expects the
// options to fail with that message (a bad rule file, say). Seed-style
// pairs, NAME.txt with NAME.expected.txt, are cases too. Every rule's
// "# match:" / "# no-match:" examples are checked against that rule alone.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/app.h"
#include "clean/zones.h"
#include "rules/ruleset.h"
#include "text/normalise.h"

namespace newsclean::cli {

namespace fs = std::filesystem;

namespace {

struct Case {
  fs::path input;
  fs::path expected;
  fs::path args;  // may not exist
  bool expects_error = false;
};

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A case for `input` when it is a case input file, else nothing.
bool case_for(const fs::path& input, Case& c) {
  const std::string name = input.filename().string();
  std::string base;
  for (const char* suffix : {".in.txt", ".in.html"})
    if (ends_with(name, suffix)) base = name.substr(0, name.size() - std::string(suffix).size());
  const fs::path dir = input.parent_path();
  if (!base.empty()) {
    c.input = input;
    c.args = dir / (base + ".args");
    c.expected = dir / (base + ".out.txt");
    if (!fs::exists(c.expected) && fs::exists(dir / (base + ".err.txt"))) {
      c.expected = dir / (base + ".err.txt");
      c.expects_error = true;
    }
    return true;
  }
  // Seed style: X.txt beside X.expected.txt.
  if (ends_with(name, ".txt") && !ends_with(name, ".expected.txt") && !ends_with(name, ".out.txt") &&
      !ends_with(name, ".err.txt")) {
    const std::string stem = name.substr(0, name.size() - 4);
    if (fs::exists(dir / (stem + ".expected.txt"))) {
      c.input = input;
      c.expected = dir / (stem + ".expected.txt");
      c.args = dir / (stem + ".args");
      return true;
    }
  }
  return false;
}

std::vector<std::string> split_args(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) out.push_back(cur);
      cur.clear();
      in_word = false;
      continue;
    }
    cur += c;
    in_word = true;
  }
  if (in_word) out.push_back(cur);
  return out;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// A line diff (longest common subsequence), printed as -expected/+actual.
std::string diff(const std::string& expected, const std::string& actual) {
  const auto a = lines_of(expected), b = lines_of(actual);
  std::string out;
  if (a.size() * b.size() > 4000000) {
    out += "  (too long to diff; expected " + std::to_string(a.size()) + " lines, got " +
           std::to_string(b.size()) + ")\n";
    return out;
  }
  std::vector<std::vector<unsigned>> lcs(a.size() + 1, std::vector<unsigned>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i, ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += "  +" + b[j++] + "\n";
    } else {
      out += "  -" + a[i++] + "\n";
    }
  }
  if (!ends_with(expected, "\n") && !expected.empty()) out += "  (expected output has no final newline)\n";
  if (out.empty()) out = "  (outputs differ in white space at line ends)\n";
  return out;
}

void collect(const fs::path& root, std::vector<Case>& cases, std::vector<fs::path>& rule_files) {
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) {
    Case c;
    if (case_for(root, c)) cases.push_back(c);
    else if (root.extension() == ".rules") rule_files.push_back(root);
    return;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file()) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    Case c;
    if (case_for(f, c)) cases.push_back(c);
    else if (f.extension() == ".rules") rule_files.push_back(f);
  }
}

// Checks each "# match:" / "# no-match:" example against its rule alone.
void check_rule_examples(const RuleSet& rules, unsigned& passed, unsigned& failed) {
  const std::vector<char> all(rules.rules().size(), 1);
  std::vector<int> hits;
  for (std::size_t r = 0; r < rules.rules().size(); ++r) {
    const Rule& rule = rules.rules()[r];
    for (const auto& ex : rule.examples) {
      Block b;
      normalise_line(ex.text, NormaliseOptions{}, b.text);
      measure_block(b);
      // Test in the first zone the rule allows.
      Zone zone = Zone::Body;
      if (rule.zones != 0 && !(rule.zones & (1u << static_cast<int>(Zone::Body))))
        zone = (rule.zones & (1u << static_cast<int>(Zone::Head))) ? Zone::Head : Zone::Tail;
      std::vector<char> only(all.size(), 0);
      only[r] = 1;
      rules.match(b, zone, only, hits);
      const bool matched = !hits.empty();
      if (matched == ex.should_match) {
        ++passed;
      } else {
        ++failed;
        std::printf("FAIL %s:%u: rule %s %s \"%s\"\n", rule.file.c_str(), ex.line, rule.id.c_str(),
                    ex.should_match ? "does not match" : "matches", ex.text.c_str());
      }
    }
  }
}

}  // namespace

int run_fixture_tests(const std::vector<std::string>& args) {
  bool update = false, verbose = false;
  std::vector<std::string> roots;
  for (const auto& a : args) {
    if (a == "--update") update = true;
    else if (a == "-v" || a == "--verbose") verbose = true;
    else if (a == "-h" || a == "--help") {
      std::printf(
          "usage: newsclean test [--update] [-v] [DIR|CASE|RULES...]\n"
          "Runs fixture cases (NAME.in.txt + NAME.out.txt [+ NAME.args], or NAME.txt +\n"
          "NAME.expected.txt) and the # match: / # no-match: examples of the built-in rules\n"
          "and of every .rules file found. --update rewrites expected outputs from actual ones.\n"
          "Default DIR: fixtures. Ends with 'N passed, N failed'; exit 1 when any failed.\n");
      return kExitOk;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "newsclean: test: unknown option '%s'\n", a.c_str());
      return kExitUsage;
    } else roots.push_back(a);
  }
  if (roots.empty()) roots.push_back("fixtures");

  std::vector<Case> cases;
  std::vector<fs::path> rule_files;
  for (const auto& r : roots) {
    std::error_code ec;
    if (!fs::exists(r, ec)) {
      std::fprintf(stderr, "newsclean: test: %s: no such file or directory\n", r.c_str());
      return kExitUsage;
    }
    collect(r, cases, rule_files);
  }

  unsigned passed = 0, failed = 0;
  {
    // The built-in rules' examples, and those of every rule file found.
    Options o;
    for (const auto& f : rule_files) o.config.rule_paths.push_back(f.string());
    std::string problem;
    auto cleaner = make_cleaner(o, &problem);
    if (!cleaner) {
      std::printf("FAIL rules: %s", problem.c_str());
      ++failed;
    } else {
      check_rule_examples(cleaner->rules(), passed, failed);
    }
  }

  std::map<std::string, std::unique_ptr<Cleaner>> cleaners;  // by option line
  for (const auto& c : cases) {
    std::string arg_line, input, expected, actual;
    if (fs::exists(c.args)) read_file(c.args, arg_line);
    Options o;
    std::string problem = parse_options(split_args(arg_line), o);
    for (auto& p : o.config.rule_paths)
      if (fs::path(p).is_relative()) p = (c.input.parent_path() / p).string();
    bool ok_input = read_file(c.input, input);
    const bool have_expected = read_file(c.expected, expected);
    if (!problem.empty()) {
      actual = "usage: " + problem + "\n";
    } else if (!ok_input) {
      actual = "cannot read " + c.input.string() + "\n";
    } else {
      std::string key = arg_line;
      for (const auto& p : o.config.rule_paths) key += "\n" + p;
      auto it = cleaners.find(key);
      if (it == cleaners.end()) {
        std::string rule_problem;
        auto cleaner = make_cleaner(o, &rule_problem);
        if (!cleaner) {
          // Paths in messages relative to the case folder, so expected
          // messages do not depend on where the tests run.
          const std::string prefix = c.input.parent_path().string() + "/";
          std::size_t at;
          while ((at = rule_problem.find(prefix)) != std::string::npos) rule_problem.erase(at, prefix.size());
          actual = rule_problem;
        }
        it = cleaners.emplace(key, std::move(cleaner)).first;
      }
      if (it->second) {
        const std::string name = c.input.filename().string();
        Document doc = it->second->clean(input, o.document);
        render(doc, o, name, actual);
      } else if (actual.empty()) {
        actual = "rules failed to load\n";
      }
    }
    if (have_expected && actual == expected) {
      ++passed;
      if (verbose) std::printf("ok   %s\n", c.input.string().c_str());
      continue;
    }
    if (update) {
      std::ofstream outf(c.expected, std::ios::binary);
      outf << actual;
      std::printf("UPDATED %s\n", c.expected.string().c_str());
      ++passed;
      continue;
    }
    ++failed;
    std::printf("FAIL %s\n", c.input.string().c_str());
    if (!have_expected) std::printf("  (no expected file %s)\n", c.expected.string().c_str());
    else std::fputs(diff(expected, actual).c_str(), stdout);
  }
  std::printf("%u passed, %u failed\n", passed, failed);
  std::fflush(stdout);
  return failed == 0 ? kExitOk : 1;
}

}  // namespace newsclean::cli
