#include "cli/options.h"

#include "util/utf8.h"

#include <sstream>

namespace newsclean::cli {

const std::vector<OptionSpec>& option_specs() {
  static const std::vector<OptionSpec> specs = {
      {"output-dir", 'o', "DIR", "write each cleaned FILE to DIR under its own name"},
      {"null", 'z', nullptr, "input holds documents separated by NUL bytes; so does the output"},
      {"jsonl", 0, nullptr, "input holds one JSON object per line; each comes out with its text cleaned"},
      {"field", 0, "NAME", "--jsonl: the member holding the text (default: text)"},
      {"html-field", 0, "NAME", "--jsonl: read HTML from member NAME instead of text"},
      {"url-field", 0, "NAME", "--jsonl: the member holding the URL, for site rules (default: url)"},
      {"output-field", 0, "NAME", "--jsonl: write the cleaned text to member NAME (default: in place)"},
      {"annotate", 0, nullptr, "--jsonl: add a member \"newsclean\" with counts of what was dropped"},
      {"on-error", 0, "POLICY", "--jsonl, -z: a bad or oversized record is passed through (pass, default), dropped (drop) or stops (fail)"},
      {"jobs", 'j', "N", "--jsonl, -z: clean with N threads (default: one per core); output as with -j 1"},
      {"progress", 0, nullptr, "--jsonl, -z: show records, MB and MB/s on stderr as it goes"},
      {"no-progress", 0, nullptr, "do not show progress (the default unless stderr is a terminal and input a file)"},
      {"text", 0, nullptr, "treat the input as plain text, even when it looks like HTML"},
      {"html", 0, nullptr, "treat the input as HTML (default: HTML when its first bytes look like markup)"},
      {"url", 0, "URL", "the article's URL: switches on rules for its site"},
      {"site", 0, "DOMAIN", "switch on rules for DOMAIN and its subdomains"},
      {"lang", 0, "CODE", "the article's language for language-scoped rules (default: guessed)"},
      {"rules", 0, "FILE|DIR", "add rules from FILE, or from every *.rules file in DIR (repeatable)"},
      {"no-default-rules", 0, nullptr, "start without the built-in rules"},
      {"disable", 0, "ID|CATEGORY", "switch off a rule, a heuristic or a whole category (repeatable, comma list)"},
      {"keep-captions", 0, nullptr, "keep photo captions and credits (same as --disable caption)"},
      {"no-heuristics", 0, nullptr, "apply rules only: no duplicate, headline or context heuristics"},
      {"no-reflow", 0, nullptr, "do not re-flow hard-wrapped paragraphs"},
      {"nfkc", 0, nullptr, "normalise to NFKC instead of NFC"},
      {"ascii-punct", 0, nullptr, "turn curly quotes, dashes and ellipses into ASCII"},
      {"no-fix-encoding", 0, nullptr, "do not repair UTF-8 text that was decoded as Windows-1252 or Latin-1 (\"cafÃ©\")"},
      {"explain", 0, "[=FORMAT]", "show every block with its verdict and reason (FORMAT text or json)"},
      {"explain-width", 0, "N", "shorten block text in --explain to N characters (0: whole)"},
      {"stats", 0, nullptr, "print counts of dropped blocks per category to stderr"},
      {"max-bytes", 0, "N", "do not clean a document larger than N bytes (K, M, G suffixes; 0: no limit; default 32M)"},
      {"list-rules", 0, nullptr, "list the rules in force, with their ids and files, and exit"},
      {"help", 'h', nullptr, "show this help and exit"},
      {"version", 'V', nullptr, "show the version and exit"},
  };
  return specs;
}

std::string help_text() {
  std::ostringstream s;
  s << "usage: newsclean [OPTIONS] [FILE...]\n"
       "       newsclean test [--update] [DIR|CASE...]\n\n"
       "Clean news article text: keep the article, drop the chrome (captions, newsletter and\n"
       "share prompts, read-time lines, related links, ads, duplicates, source footers).\n"
       "Reads FILE (or stdin when none, or '-'); writes the clean article to stdout.\n\n"
       "options:\n";
  for (const auto& o : option_specs()) {
    std::string left = "  ";
    left += o.short_name ? std::string("-") + o.short_name + ", " : "    ";
    left += "--";
    left += o.long_name;
    if (o.arg) left += (o.arg[0] == '[' ? "" : " ") + std::string(o.arg);
    if (left.size() < 30) left.append(30 - left.size(), ' ');
    else left += "\n" + std::string(30, ' ');
    s << left << o.help << "\n";
  }
  s << "\nexit status: 0 success (empty output too), 2 usage or I/O error, 3 bad rule file.\n"
       "See newsclean(1) and newsclean-rules(5).\n";
  return s.str();
}

namespace {

bool parse_uint(const std::string& s, unsigned& out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  out = static_cast<unsigned>(std::stoul(s));
  return true;
}

// "1000", "64K", "32M", "1G" (powers of 1024); false when not such a size.
bool parse_size(const std::string& s, std::size_t& out) {
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return false;
  std::size_t n = std::stoull(s.substr(0, digits));
  const std::string unit = s.substr(digits);
  int shift = 0;
  if (unit == "K" || unit == "k") shift = 10;
  else if (unit == "M" || unit == "m") shift = 20;
  else if (unit == "G" || unit == "g") shift = 30;
  else if (!unit.empty()) return false;
  if (shift && n > (std::size_t{1} << 33)) return false;
  out = n << shift;
  return true;
}

void add_list(std::vector<std::string>& to, const std::string& value) {
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    if (comma > start) to.push_back(value.substr(start, comma - start));
    start = comma + 1;
  }
}

}  // namespace

std::string parse_options(const std::vector<std::string>& args, Options& o) {
  bool only_files = false;
  std::string jsonl_only;  // the last option given that needs --jsonl
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_files || a == "-" || a.empty() || a[0] != '-') {
      o.files.push_back(a);
      continue;
    }
    if (a == "--") {
      only_files = true;
      continue;
    }
    std::string name, value;
    bool has_value = false;
    const OptionSpec* spec = nullptr;
    if (a[1] == '-') {
      const std::size_t eq = a.find('=');
      name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      if (eq != std::string::npos) {
        value = a.substr(eq + 1);
        has_value = true;
      }
      for (const auto& s : option_specs())
        if (name == s.long_name) spec = &s;
      if (!spec) return "unknown option '--" + name + "' (see --help)";
    } else {
      if (a.size() != 2) {
        // Allow "-ofoo" for short options that take a value.
        for (const auto& s : option_specs())
          if (s.short_name == a[1] && s.arg) spec = &s;
        if (!spec) return "unknown option '" + a + "' (see --help)";
        value = a.substr(2);
        has_value = true;
      } else {
        for (const auto& s : option_specs())
          if (s.short_name == a[1]) spec = &s;
        if (!spec) return "unknown option '" + a + "' (see --help)";
      }
      name = spec->long_name;
    }
    const bool optional_value = spec->arg && spec->arg[0] == '[';
    if (spec->arg && !optional_value && !has_value) {
      if (i + 1 >= args.size()) return "option '--" + name + "' needs a value (" + spec->arg + ")";
      value = args[++i];
      has_value = true;
    }
    if (!spec->arg && has_value) return "option '--" + name + "' takes no value";

    if (name == "output-dir") o.output_dir = value;
    else if (name == "null") o.null_separated = true;
    else if (name == "text") o.document.format = InputFormat::Text;
    else if (name == "html") o.document.format = InputFormat::Html;
    else if (name == "url") {
      o.url = value;
      o.document.site = host_of(value);
    } else if (name == "site") o.document.site = host_of(value);
    else if (name == "lang") o.document.lang = ascii_lowercase(value);
    else if (name == "rules") o.config.rule_paths.push_back(value);
    else if (name == "no-default-rules") o.config.builtin_rules = false;
    else if (name == "disable") add_list(o.config.disabled, value);
    else if (name == "keep-captions") o.config.disabled.push_back("caption");
    else if (name == "no-heuristics") o.document.heuristics = false;
    else if (name == "no-reflow") o.document.reflow = false;
    else if (name == "nfkc") o.document.nfkc = true;
    else if (name == "ascii-punct") o.document.ascii_punct = true;
    else if (name == "no-fix-encoding") o.document.fix_encoding = false;
    else if (name == "explain") {
      if (!has_value || value == "text") o.explain = ExplainFormat::Text;
      else if (value == "json") o.explain = ExplainFormat::Json;
      else return "--explain takes text or json, not '" + value + "'";
    } else if (name == "explain-width") {
      if (!parse_uint(value, o.explain_width)) return "--explain-width takes a whole number";
    } else if (name == "max-bytes") {
      if (!parse_size(value, o.max_bytes)) return "--max-bytes takes a size such as 1000, 64K, 32M or 1G";
    } else if (name == "stats") o.stats = true;
    else if (name == "list-rules") o.list_rules = true;
    else if (name == "jsonl") o.jsonl = true;
    else if (name == "field" || name == "html-field" || name == "url-field" || name == "output-field") {
      if (name != "url-field" && value.empty()) return "--" + name + " needs a member name";
      if (name == "field") o.field = value;
      else if (name == "html-field") o.html_field = value;
      else if (name == "url-field") o.url_field = value;
      else o.output_field = value;
      jsonl_only = name;
    } else if (name == "annotate") {
      o.annotate = true;
      jsonl_only = name;
    } else if (name == "on-error") {
      if (value == "pass") o.on_error = OnError::Pass;
      else if (value == "drop") o.on_error = OnError::Drop;
      else if (value == "fail") o.on_error = OnError::Fail;
      else return "--on-error takes pass, drop or fail, not '" + value + "'";
      jsonl_only = name;
    } else if (name == "jobs") {
      if (!parse_uint(value, o.jobs) || o.jobs == 0 || o.jobs > 1024)
        return "--jobs takes a whole number from 1 to 1024";
    } else if (name == "progress") o.progress = 1;
    else if (name == "no-progress") o.progress = 0;
    else if (name == "help") o.help = true;
    else if (name == "version") o.version = true;
  }
  if (!o.output_dir.empty() && o.null_separated) return "--output-dir and --null do not go together";
  if (!jsonl_only.empty() && !o.jsonl) return "--" + jsonl_only + " needs --jsonl";
  if (o.jsonl) {
    if (o.null_separated) return "--jsonl and --null do not go together";
    if (!o.output_dir.empty()) return "--jsonl and --output-dir do not go together";
    if (o.explain != ExplainFormat::None) return "--jsonl and --explain do not go together (try --annotate)";
  }
  // Where each block sat in the markup is shown by --explain alone.
  if (o.explain == ExplainFormat::None) {
    o.document.describe_markup = false;
    o.document.notes = false;
  }
  return "";
}

}  // namespace newsclean::cli
