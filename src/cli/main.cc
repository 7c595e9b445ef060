// The newsclean command: owns argv, the streams and the exit status; the
// library does the cleaning.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "cli/app.h"
#include "cli/huge_pages.h"
#include "cli/jsonl.h"
#include "cli/options.h"
#include "cli/workers.h"
#include "output/explain.h"
#include "rules/ruleset.h"

namespace {

using namespace newsclean;
using namespace newsclean::cli;

void message(const std::string& text) { std::fprintf(stderr, "newsclean: %s\n", text.c_str()); }

// Writes to a stream and remembers the first failure. A closed pipe
// (`| head`) is not an error worth a word; a full disk is.
class Writer {
 public:
  explicit Writer(std::FILE* f) : f_(f) {}
  bool write(std::string_view s) {
    if (failed_ || s.empty()) return !failed_;
    if (std::fwrite(s.data(), 1, s.size(), f_) != s.size()) fail();
    return !failed_;
  }
  bool finish() {
    if (!failed_ && std::fflush(f_) != 0) fail();
    return !failed_;
  }
  bool broken_pipe() const { return errno_ == EPIPE; }
  int error() const { return errno_; }

 private:
  void fail() {
    failed_ = true;
    errno_ = errno;
  }
  std::FILE* f_;
  bool failed_ = false;
  int errno_ = 0;
};

// Reads the whole stream, or stops after max + 1 bytes (max 0: no limit):
// a document over the size limit is not read to its end. The text goes
// straight into `out`, whose memory stays from one file to the next; a
// regular file's size, when known, sizes it at once, so that a page is read
// in one call and not copied through a buffer.
// The bytes of one input. Its storage only grows: std::string::resize
// writes every byte it adds, and a command over many files reads them all
// into one buffer, so only its growth is zero-filled, not every page.
struct InputBuffer {
  std::string storage;
  std::size_t size = 0;
  std::string_view view() const { return std::string_view(storage.data(), size); }
};

bool read_all(std::FILE* f, InputBuffer& in, std::size_t max = 0) {
  in.size = 0;
  std::size_t want = 1 << 16;
  struct stat st;
  if (::fstat(::fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    want = static_cast<std::size_t>(st.st_size) + 1;  // + 1: the read that finds the end
  if (max) want = std::min(want, max + 1);
  for (;;) {
    if (in.storage.size() < in.size + want) in.storage.resize(std::max(in.size + want, 2 * in.storage.size()));
    const std::size_t n = std::fread(&in.storage[in.size], 1, want, f);
    in.size += n;
    if (n < want || (max && in.size > max)) break;
    want = std::max<std::size_t>(want, 1 << 16);
  }
  return !std::ferror(f);
}

bool read_path(const std::string& path, InputBuffer& out, std::string* err, std::size_t max = 0) {
  if (path == "-") {
    if (!read_all(stdin, out, max)) {
      *err = std::string("cannot read standard input: ") + std::strerror(errno);
      return false;
    }
    return true;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *err = path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(::fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    std::fclose(f);
    *err = path + ": is a directory";
    return false;
  }
  const bool ok = read_all(f, out, max);
  const int saved = errno;
  std::fclose(f);
  if (!ok) *err = path + ": " + std::strerror(saved);
  return ok;
}

void list_rules(const RuleSet& rules, std::string& out) {
  for (const auto& r : rules.rules()) {
    out += r.id;
    out += '\t';
    out += rule_action_name(r.action);
    out += '\t';
    out += r.file + ":" + std::to_string(r.line);
    if (!r.sites.empty()) {
      out += "\tsite=";
      for (std::size_t i = 0; i < r.sites.size(); ++i) out += (i ? "," : "") + r.sites[i];
    }
    if (!r.langs.empty()) {
      out += "\tlang=";
      for (std::size_t i = 0; i < r.langs.size(); ++i) out += (i ? "," : "") + r.langs[i];
    }
    out += '\n';
  }
}

int write_failure(const Writer& w) {
  if (w.broken_pipe()) return kExitOk;
  message(std::string("write error: ") + std::strerror(w.error()));
  return kExitUsage;
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "test") return run_fixture_tests({args.begin() + 1, args.end()});

  Options options;
  const std::string problem = parse_options(args, options);
  if (!problem.empty()) {
    message(problem);
    return kExitUsage;
  }
  Writer out(stdout);
  if (options.help) {
    out.write(help_text());
    return out.finish() ? kExitOk : write_failure(out);
  }
  if (options.version) {
    out.write(std::string("newsclean ") + version() + "\n");
    return out.finish() ? kExitOk : write_failure(out);
  }
  if (!options.output_dir.empty()) {
    if (options.files.empty()) {
      message("--output-dir needs FILE arguments (each result is written under its input's name)");
      return kExitUsage;
    }
    std::error_code ec;
    std::filesystem::create_directories(options.output_dir, ec);
    if (ec) {
      message(options.output_dir + ": " + ec.message());
      return kExitUsage;
    }
  }

  std::string rule_problem;
  auto cleaner = make_cleaner(options, &rule_problem);
  if (!cleaner) {
    std::fputs(rule_problem.c_str(), stderr);
    return kExitRules;
  }
  if (options.list_rules) {
    std::string text;
    list_rules(cleaner->rules(), text);
    out.write(text);
    return out.finish() ? kExitOk : write_failure(out);
  }

  // Streams of documents go through the worker pool (cli/workers.h).
  if (options.jsonl) return run_jsonl(options, *cleaner);
  if (options.null_separated) return run_null_stream(options, *cleaner);

  int status = kExitOk;
  std::map<std::string, unsigned long> counts;
  unsigned long documents = 0;
  InputBuffer input;
  std::string output;
  bool first_output = true;

  auto process = [&](std::string_view bytes, const std::string& name) -> bool {
    Document doc = cleaner->clean(bytes, options.document);
    for (const auto& w : doc.warnings) message(name + ": " + w);
    ++documents;
    if (options.stats) count_categories(doc, counts);
    output.clear();
    render(doc, options, name, output);
    if (options.explain == ExplainFormat::None && !first_output && !output.empty()) {
      output.insert(0, "\n");  // a blank line between articles, as between blocks
    }
    if (!output.empty()) first_output = false;
    return out.write(output);
  };

  std::vector<std::string> files = options.files;
  if (files.empty()) files.push_back("-");
  for (const auto& path : files) {
    std::string err;
    const std::string name = path == "-" ? "stdin" : path;
    if (!read_path(path, input, &err, options.max_bytes)) {
      message(err);
      status = kExitUsage;
      continue;
    }
    if (options.max_bytes && input.size > options.max_bytes) {
      message(name + ": over the size limit of " + format_size(options.max_bytes) +
              " (--max-bytes); not cleaned");
      status = kExitUsage;
      continue;
    }
    const std::string warning = binary_warning(input.view());
    if (!warning.empty()) message(name + ": " + warning);
    if (!options.output_dir.empty()) {
      Document doc = cleaner->clean(input.view(), options.document);
      for (const auto& w : doc.warnings) message(name + ": " + w);
      ++documents;
      if (options.stats) count_categories(doc, counts);
      output.clear();
      render(doc, options, name, output);
      const auto target = std::filesystem::path(options.output_dir) / std::filesystem::path(path).filename();
      std::FILE* f = std::fopen(target.string().c_str(), "wb");
      bool ok = f != nullptr;
      if (ok) ok = std::fwrite(output.data(), 1, output.size(), f) == output.size();
      if (f && std::fclose(f) != 0) ok = false;
      if (!ok) {
        message(target.string() + ": " + std::strerror(errno));
        status = kExitUsage;
      }
      continue;
    }
    if (!process(input.view(), name)) return write_failure(out);
  }
  if (!out.finish()) return write_failure(out);
  if (options.stats) {
    std::string s = "newsclean: " + std::to_string(documents) + " document(s)";
    for (const auto& [k, v] : counts) s += ", " + k + " " + std::to_string(v);
    std::fprintf(stderr, "%s\n", s.c_str());
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  newsclean::cli::use_huge_pages_for_heap();
  std::signal(SIGPIPE, SIG_IGN);
  static char buffer[1 << 20];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  const int status = run(argc, argv);
  if (std::fclose(stdout) != 0 && status == kExitOk && errno != EPIPE) {
    std::fprintf(stderr, "newsclean: write error: %s\n", std::strerror(errno));
    return kExitUsage;
  }
  return status;
}
