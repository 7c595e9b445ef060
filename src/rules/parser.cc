#include "rules/parser.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "util/utf8.h"

namespace newsclean {

namespace fs = std::filesystem;

const char* rule_action_name(RuleAction action) {
  switch (action) {
    case RuleAction::Drop: return "drop";
    case RuleAction::Strip: return "strip";
    case RuleAction::DropRest: return "drop-rest";
    case RuleAction::Keep: return "keep";
  }
  return "drop";
}

std::string RuleError::format() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (column > 0) s += ":" + std::to_string(column);
  s += ": " + message;
  if (!source_line.empty()) {
    s += "\n    " + source_line;
    if (column > 0) {
      s += "\n    ";
      // Pad with the same white space so tabs line up; count code points.
      std::size_t col = 1;
      for (std::size_t i = 0; i < source_line.size() && col < column; ++i) {
        const auto c = static_cast<unsigned char>(source_line[i]);
        if ((c & 0xC0) == 0x80) continue;
        s += c == '\t' ? '\t' : ' ';
        ++col;
      }
      s += '^';
    }
  }
  return s;
}

namespace {

constexpr int kMaxIncludeDepth = 16;
constexpr std::size_t kMaxPatternBytes = 4096;
// A rule file larger than this is refused (so "--rules /dev/zero" or an
// include of a device ends with a message, not with all of memory).
constexpr std::size_t kMaxRuleFileBytes = 16u << 20;

// Reads at most kMaxRuleFileBytes of `path`; "" on success, else why not.
std::string read_rule_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read";
  out.clear();
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > kMaxRuleFileBytes) return "larger than " + std::to_string(kMaxRuleFileBytes >> 20) + " MiB";
  }
  if (in.bad()) return "read error";
  return "";
}

struct Token {
  std::string text;
  unsigned column;  // 1-based byte column of the token's first character
};

struct Section {
  std::string category;
  std::vector<std::string> sites, langs;
};

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (unsigned char c : s)
    if (!(is_ascii_lower(c) || is_ascii_digit(c) || c == '-' || c == '_')) return false;
  return true;
}

// The comma-separated values of a condition, in lower case unless `keep_case`.
std::vector<std::string> split_list(std::string_view s, bool keep_case = false) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    if (comma > start) {
      const std::string_view value = s.substr(start, comma - start);
      out.push_back(keep_case ? std::string(value) : ascii_lowercase(value));
    }
    start = comma + 1;
  }
  return out;
}

class FileParser {
 public:
  FileParser(const std::string& name, ParsedRules& out, std::vector<std::string>& include_stack,
             bool allow_includes)
      : name_(name), out_(out), include_stack_(include_stack), allow_includes_(allow_includes) {}

  void parse(std::string_view text) {
    unsigned line_no = 0;
    std::size_t pos = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
    while (pos <= text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_no;
      parse_line(line, line_no);
      if (end == text.size()) break;
      pos = end + 1;
    }
  }

 private:
  void error(unsigned line, unsigned column, std::string message, std::string_view source) {
    RuleError e;
    e.file = name_;
    e.line = line;
    e.column = column;
    e.message = std::move(message);
    e.source_line = std::string(source);
    out_.errors.push_back(std::move(e));
  }

  // Splits a line into tokens; a /pattern/ is one token even with spaces
  // inside. Stops at a '#' that starts a token (a comment).
  bool tokenize(std::string_view line, unsigned line_no, std::vector<Token>& tokens) {
    std::size_t i = 0;
    while (i < line.size()) {
      const auto c = static_cast<unsigned char>(line[i]);
      if (is_ascii_space(c)) {
        ++i;
        continue;
      }
      if (c == '#') break;
      const std::size_t start = i;
      // A token may hold a pattern after "key=" or alone: scan /.../ as a unit.
      while (i < line.size() && !is_ascii_space(static_cast<unsigned char>(line[i]))) {
        // A pattern opens at the start of a token or after "key="; a '/'
        // inside a word (an include path such as "./x.rules") is a byte.
        if (line[i] == '/' && (i == start || line[i - 1] == '=')) {
          const std::size_t open = i;
          ++i;
          bool closed = false;
          // As in JavaScript, a '/' inside a character class does not end
          // the pattern: /[:/]/ is one pattern.
          bool in_class = false;
          while (i < line.size()) {
            if (line[i] == '\\' && i + 1 < line.size()) {
              i += 2;
              continue;
            }
            if (in_class) {
              if (line[i] == ']') in_class = false;
              ++i;
              continue;
            }
            if (line[i] == '[') {
              in_class = true;
              ++i;
              if (i < line.size() && line[i] == '^') ++i;
              if (i < line.size() && line[i] == ']') ++i;  // a leading ']' is literal
              continue;
            }
            if (line[i] == '/') {
              closed = true;
              ++i;
              break;
            }
            ++i;
          }
          if (!closed) {
            error(line_no, static_cast<unsigned>(open + 1), "pattern is not closed with '/'", line);
            return false;
          }
        } else {
          ++i;
        }
      }
      tokens.push_back({std::string(line.substr(start, i - start)), static_cast<unsigned>(start + 1)});
    }
    return true;
  }

  // "# match: TEXT" / "# no-match: TEXT" under a rule: examples for tests.
  bool parse_example(std::string_view line, unsigned line_no) {
    std::string_view t = trim(line);
    if (t.empty() || t[0] != '#') return false;
    t.remove_prefix(1);
    t = trim(t);
    bool should_match;
    if (t.rfind("match:", 0) == 0) {
      should_match = true;
      t.remove_prefix(6);
    } else if (t.rfind("no-match:", 0) == 0) {
      should_match = false;
      t.remove_prefix(9);
    } else {
      return false;
    }
    if (last_rule_ == static_cast<std::size_t>(-1)) {
      error(line_no, 1, "example before any rule", line);
      return true;
    }
    out_.rules[last_rule_].examples.push_back({should_match, std::string(trim(t)), line_no});
    return true;
  }

  void parse_line(std::string_view line, unsigned line_no) {
    if (parse_example(line, line_no)) return;
    const std::string_view trimmed = trim(line);
    if (!trimmed.empty() && trimmed[0] == '[') {
      parse_section(line, line_no);
      return;
    }
    std::vector<Token> tokens;
    if (!tokenize(line, line_no, tokens) || tokens.empty()) return;
    const std::string& head = tokens[0].text;
    if (head == "include") {
      parse_include(line, line_no, tokens);
      return;
    }
    RuleAction action;
    if (head == "drop") action = RuleAction::Drop;
    else if (head == "strip") action = RuleAction::Strip;
    else if (head == "drop-rest") action = RuleAction::DropRest;
    else if (head == "keep") action = RuleAction::Keep;
    else {
      error(line_no, tokens[0].column,
            "unknown action '" + head + "' (expected drop, strip, drop-rest, keep, include or [section])",
            line);
      return;
    }
    if (section_.category.empty()) {
      error(line_no, tokens[0].column, "rule before any [category] section", line);
      return;
    }
    if (tokens.size() < 2) {
      error(line_no, static_cast<unsigned>(line.size() + 1), "rule has no name", line);
      return;
    }
    if (!valid_name(tokens[1].text)) {
      error(line_no, tokens[1].column,
            "bad rule name '" + tokens[1].text + "' (lower-case letters, digits, '-' and '_')", line);
      return;
    }
    Rule rule;
    rule.action = action;
    rule.category = section_.category;
    rule.id = section_.category + "/" + tokens[1].text;
    rule.sites = section_.sites;
    rule.langs = section_.langs;
    rule.file = name_;
    rule.line = line_no;
    for (std::size_t k = 2; k < tokens.size(); ++k)
      if (!parse_condition(tokens[k], rule, line, line_no)) return;
    if (rule.action == RuleAction::Strip && !rule.has_pattern) {
      error(line_no, tokens[0].column, "a strip rule needs a /pattern/ to say what to cut", line);
      return;
    }
    if (!rule.has_pattern && rule.max_words == std::numeric_limits<std::uint32_t>::max() &&
        rule.max_chars == std::numeric_limits<std::uint32_t>::max() && rule.tags.empty() &&
        rule.classes.empty() && rule.ids.empty() && rule.roles.empty() && rule.kinds.empty() &&
        rule.min_words == 0 && rule.min_chars == 0 && rule.zones == 0) {
      error(line_no, tokens[1].column, "rule has no condition: it would match every block", line);
      return;
    }
    auto seen = ids_.find(rule.id);
    if (seen != ids_.end()) {
      error(line_no, tokens[1].column,
            "rule id '" + rule.id + "' is already defined at line " + std::to_string(seen->second), line);
      return;
    }
    ids_[rule.id] = line_no;
    last_rule_ = out_.rules.size();
    out_.rules.push_back(std::move(rule));
  }

  void parse_section(std::string_view line, unsigned line_no) {
    const std::size_t open = line.find('[');
    const std::size_t close = line.find(']', open);
    if (close == std::string_view::npos) {
      error(line_no, static_cast<unsigned>(line.size() + 1), "section header is missing ']'", line);
      return;
    }
    for (std::size_t k = close + 1; k < line.size(); ++k) {
      if (line[k] == '#') break;
      if (!is_ascii_space(static_cast<unsigned char>(line[k]))) {
        error(line_no, static_cast<unsigned>(k + 1), "unexpected text after ']'", line);
        return;
      }
    }
    std::string_view inner = line.substr(open + 1, close - open - 1);
    Section section;
    std::size_t i = 0;
    bool first = true;
    while (i < inner.size()) {
      while (i < inner.size() && is_ascii_space(static_cast<unsigned char>(inner[i]))) ++i;
      if (i >= inner.size()) break;
      const std::size_t start = i;
      while (i < inner.size() && !is_ascii_space(static_cast<unsigned char>(inner[i]))) ++i;
      const std::string_view word = inner.substr(start, i - start);
      const unsigned col = static_cast<unsigned>(open + 2 + start);
      if (first) {
        first = false;
        if (!valid_name(word)) {
          error(line_no, col, "bad category name '" + std::string(word) + "' (lower-case letters, digits, '-' and '_')",
                line);
          return;
        }
        section.category = std::string(word);
        continue;
      }
      const std::size_t eq = word.find('=');
      const std::string_view key = word.substr(0, eq);
      if (eq == std::string_view::npos || eq + 1 >= word.size()) {
        error(line_no, col, "expected site=DOMAIN[,DOMAIN] or lang=CODE[,CODE]", line);
        return;
      }
      std::vector<std::string> values = split_list(word.substr(eq + 1));
      if (key == "site") {
        for (auto& v : values) {
          if (v.rfind("www.", 0) == 0) v.erase(0, 4);
          if (v.find('/') != std::string::npos || v.find(':') != std::string::npos) {
            error(line_no, col, "site takes a domain such as example.com, not a URL", line);
            return;
          }
        }
        section.sites = std::move(values);
      } else if (key == "lang") {
        section.langs = std::move(values);
      } else {
        error(line_no, col, "unknown section option '" + std::string(key) + "' (expected site or lang)", line);
        return;
      }
    }
    if (section.category.empty()) {
      error(line_no, static_cast<unsigned>(open + 1), "section needs a category name, as in [captions]", line);
      return;
    }
    section_ = std::move(section);
  }

  void parse_include(std::string_view line, unsigned line_no, const std::vector<Token>& tokens) {
    if (!allow_includes_) {
      error(line_no, tokens[0].column, "include is not allowed here", line);
      return;
    }
    if (tokens.size() != 2) {
      error(line_no, tokens[0].column, "include takes one path", line);
      return;
    }
    fs::path target = tokens[1].text;
    if (target.is_relative()) target = fs::path(name_).parent_path() / target;
    if (static_cast<int>(include_stack_.size()) >= kMaxIncludeDepth) {
      error(line_no, tokens[1].column, "includes nest deeper than " + std::to_string(kMaxIncludeDepth), line);
      return;
    }
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(target, ec);
    const std::string key = ec ? target.string() : canonical.string();
    if (std::find(include_stack_.begin(), include_stack_.end(), key) != include_stack_.end()) {
      error(line_no, tokens[1].column, "include loop: '" + tokens[1].text + "' is already being read", line);
      return;
    }
    std::string text;
    const RuleSource* known = nullptr;
    if (out_.known)
      for (const auto& s : *out_.known)
        if (s.included && s.name == target.string()) known = &s;
    if (known) {
      text = known->text;
    } else {
      const std::string problem = read_rule_file(target, text);
      if (!problem.empty()) {
        error(line_no, tokens[1].column, "cannot read included file '" + target.string() + "': " + problem, line);
        return;
      }
    }
    out_.sources.push_back({target.string(), text, true});
    include_stack_.push_back(key);
    FileParser child(target.string(), out_, include_stack_, allow_includes_);
    child.parse(text);
    include_stack_.pop_back();
  }

  bool parse_count(const Token& tok, std::string_view key, std::string_view rest, Rule& rule,
                   std::string_view line, unsigned line_no) {
    std::string op;
    std::size_t i = 0;
    while (i < rest.size() && (rest[i] == '<' || rest[i] == '>' || rest[i] == '=')) op += rest[i++];
    const std::string_view digits = rest.substr(i);
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return is_ascii_digit(static_cast<unsigned char>(c)); })) {
      error(line_no, static_cast<unsigned>(tok.column + key.size() + op.size()),
            "expected a whole number after '" + std::string(key) + op + "'", line);
      return false;
    }
    const auto n = static_cast<std::uint32_t>(std::stoul(std::string(digits)));
    std::uint32_t& lo = key == "words" ? rule.min_words : rule.min_chars;
    std::uint32_t& hi = key == "words" ? rule.max_words : rule.max_chars;
    if (op == "<=") hi = n;
    else if (op == "<") {
      if (n == 0) {
        error(line_no, tok.column, "'" + tok.text + "' can never hold", line);
        return false;
      }
      hi = n - 1;
    } else if (op == ">=") lo = n;
    else if (op == ">") lo = n + 1;
    else if (op == "=") lo = hi = n;
    else {
      error(line_no, static_cast<unsigned>(tok.column + key.size()),
            "expected one of < <= = >= > after '" + std::string(key) + "'", line);
      return false;
    }
    if (lo > hi) {
      error(line_no, tok.column, "limits on " + std::string(key) + " exclude every block", line);
      return false;
    }
    return true;
  }

  bool parse_pattern(const Token& tok, Rule& rule, std::string_view line, unsigned line_no) {
    if (rule.has_pattern) {
      error(line_no, tok.column, "a rule takes one pattern", line);
      return false;
    }
    const std::size_t close = tok.text.rfind('/');
    std::string body = tok.text.substr(1, close - 1);
    // "\/" stands for a slash; RE2 would read it as an escaped slash anyway,
    // but unescaping keeps error messages plain.
    std::string pattern;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '/') continue;
      pattern += body[i];
    }
    for (std::size_t k = close + 1; k < tok.text.size(); ++k) {
      if (tok.text[k] == 'i') {
        rule.ignore_case = true;
      } else {
        error(line_no, static_cast<unsigned>(tok.column + k),
              std::string("unknown pattern flag '") + tok.text[k] + "' (only 'i', ignore case)", line);
        return false;
      }
    }
    if (pattern.empty()) {
      error(line_no, tok.column, "empty pattern", line);
      return false;
    }
    if (pattern.size() > kMaxPatternBytes) {
      error(line_no, tok.column, "pattern longer than " + std::to_string(kMaxPatternBytes) + " bytes", line);
      return false;
    }
    // Parsing is enough to validate: RE2::Set::Add parses the pattern as
    // RE2 would and reports the same message, without compiling a program
    // (RuleSet compiles the sets, and each rule's exact regex when needed).
    // Case folding changes what a pattern matches, never whether it parses,
    // and parsing without it is several times cheaper.
    RE2::Options options;
    options.set_log_errors(false);
    RE2::Set check(options, RE2::UNANCHORED);
    std::string problem;
    if (out_.check_patterns && check.Add(pattern, &problem) < 0) {
      std::string msg = "bad pattern: " + problem;
      error(line_no, tok.column + 1, msg, line);
      return false;
    }
    rule.pattern = std::move(pattern);
    rule.has_pattern = true;
    return true;
  }

  bool parse_condition(const Token& tok, Rule& rule, std::string_view line, unsigned line_no) {
    const std::string& t = tok.text;
    if (t[0] == '/') return parse_pattern(tok, rule, line, line_no);
    for (std::string_view key : {"words", "chars"}) {
      if (t.compare(0, key.size(), key) == 0 && t.size() > key.size() &&
          (t[key.size()] == '<' || t[key.size()] == '>' || t[key.size()] == '='))
        return parse_count(tok, key, std::string_view(t).substr(key.size()), rule, line, line_no);
    }
    const std::size_t eq = t.find('=');
    if (eq == std::string::npos || eq + 1 >= t.size()) {
      error(line_no, tok.column,
            "unknown condition '" + t + "' (expected /pattern/, words, chars, zone, kind, has, tag, class, id or role)",
            line);
      return false;
    }
    const std::string key = t.substr(0, eq);
    // has= strings keep their case: a rule whose pattern heeds case needs them as written.
    std::vector<std::string> values = split_list(std::string_view(t).substr(eq + 1), key == "has");
    if (key == "zone") {
      for (const auto& v : values) {
        if (v == "head") rule.zones |= 1u << static_cast<int>(Zone::Head);
        else if (v == "body") rule.zones |= 1u << static_cast<int>(Zone::Body);
        else if (v == "tail") rule.zones |= 1u << static_cast<int>(Zone::Tail);
        else {
          error(line_no, static_cast<unsigned>(tok.column + eq + 1), "unknown zone '" + v + "' (head, body, tail)", line);
          return false;
        }
      }
    } else if (key == "kind") {
      for (const auto& v : values) {
        BlockKind kind;
        if (!block_kind_from_name(v, &kind)) {
          error(line_no, static_cast<unsigned>(tok.column + eq + 1),
                "unknown kind '" + v + "' (paragraph, heading, list-item, quote, caption, pre, table-row)", line);
          return false;
        }
        rule.kinds.push_back(kind);
      }
    } else if (key == "has") {
      rule.needs = std::move(values);
    } else if (key == "tag") {
      rule.tags = std::move(values);
    } else if (key == "class") {
      rule.classes = std::move(values);
    } else if (key == "id") {
      rule.ids = std::move(values);
    } else if (key == "role") {
      rule.roles = std::move(values);
    } else {
      error(line_no, tok.column,
            "unknown condition '" + key + "' (expected /pattern/, words, chars, zone, kind, has, tag, class, id or role)",
            line);
      return false;
    }
    return true;
  }

  std::string name_;
  ParsedRules& out_;
  std::vector<std::string>& include_stack_;
  bool allow_includes_;
  Section section_;
  std::map<std::string, unsigned> ids_;
  std::size_t last_rule_ = static_cast<std::size_t>(-1);
};

}  // namespace

void parse_rule_text(std::string_view text, const std::string& name, ParsedRules& out, bool allow_includes) {
  std::vector<std::string> stack;
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(name, ec);
  stack.push_back(ec ? name : canonical.string());
  FileParser parser(name, out, stack, allow_includes);
  parser.parse(text);
}

void load_rule_path(const std::string& path, ParsedRules& out) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(path, ec))
      if (entry.path().extension() == ".rules") files.push_back(entry.path().string());
    if (ec) {
      out.errors.push_back({path, 0, 0, "cannot list directory: " + ec.message(), ""});
      return;
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) out.errors.push_back({path, 0, 0, "directory holds no *.rules file", ""});
    for (const auto& f : files) load_rule_path(f, out);
    return;
  }
  std::string text;
  const std::string problem = read_rule_file(path, text);
  if (problem == "cannot read") {
    out.errors.push_back({path, 0, 0, "cannot read rule file", ""});
    return;
  }
  if (!problem.empty()) {
    out.errors.push_back({path, 0, 0, "rule file " + problem, ""});
    return;
  }
  out.sources.push_back({path, text, false});
  parse_rule_text(text, path, out);
}

}  // namespace newsclean
