// newsclean: turn a news article (plain text, later HTML) into clean article text.
//
//   std::vector<newsclean::RuleError> errors;
//   auto cleaner = newsclean::Cleaner::create(newsclean::Config{}, &errors);
//   newsclean::Document doc = cleaner->clean(article_bytes, newsclean::DocumentOptions{});
//   std::string text = doc.text();
//
// A Cleaner holds the compiled rules; it is immutable once created, and
// clean() may be called from many threads at once. Nothing here prints,
// exits or throws across the API: problems come back as values.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsclean/block.h"
#include "newsclean/rule_error.h"
#include "newsclean/rule_source.h"

namespace newsclean {

// Where the rules come from.
struct Config {
  bool builtin_rules = true;              // the rules compiled into the library
  std::vector<std::string> rule_paths;    // more rule files or directories, in order
  std::vector<std::string> rule_texts;    // more rules as text (name "<text>")
  // More rules from sources another Cleaner read (Cleaner::sources()): the
  // ones not `included` are parsed in order, and their includes are read
  // from the included ones, not from the disk.
  std::vector<RuleSource> rule_sources;
  std::vector<std::string> disabled;      // rule or heuristic ids ("dup/near") or categories ("caption")
};

enum class InputFormat { Auto, Text, Html };

struct DocumentOptions {
  std::string site;          // host name for site-scoped rules ("" for none)
  std::string lang;          // language for language-scoped rules ("" to guess)
  bool nfkc = false;         // NFKC instead of NFC
  bool ascii_punct = false;  // curly quotes and dashes to ASCII
  bool fix_encoding = true;  // repair UTF-8 read as Windows-1252/Latin-1 ("cafÃ©"): rule norm/mojibake
  bool reflow = true;        // re-flow hard-wrapped text
  bool heuristics = true;    // the heuristics in code (duplicates, headlines, page chrome)
  // HTML input: describe each block's place in the markup (Block::path,
  // classes, ids, role), as --explain shows it. Off when only the text is
  // wanted: about 4% of an HTML run. (Rules that read classes, ids or
  // roles get them whatever this says.)
  bool describe_markup = true;
  // Each verdict's note (Verdict::detail: which block a duplicate repeats,
  // the article's run a page's edge lies outside of), and a repaired
  // block's text as it came (Block::unrepaired), as --explain shows them.
  // Off when only the text is wanted: the notes are strings built for and
  // copied into every block a heuristic drops, and the text as it came is
  // normalised a second time. Reasons, and Block::repaired, stay either way.
  bool notes = true;
  InputFormat format = InputFormat::Auto;
};

enum class Decision { Keep, Drop, Edit };

// What became of one block, and why.
struct Verdict {
  Decision decision = Decision::Keep;
  std::string reason;   // rule id or heuristic id; "" for a block kept by default
  std::string detail;   // optional note, e.g. which block a duplicate repeats
  std::string text;     // the text after an Edit
};

struct Document {
  std::vector<Block> blocks;
  std::vector<Verdict> verdicts;  // one per block
  std::vector<Zone> zones;        // one per block
  std::string lang;               // the language used for rule scoping
  bool hard_wrapped = false;      // the text was re-flowed
  std::vector<std::string> warnings;  // e.g. "page reduced: nesting over the depth limit ..."
  // HTML input: the containers weighed for the article, the winner first,
  // each with the evidence that decided ("div#main.post: chosen, ...").
  std::vector<std::string> candidates;

  // The clean article: kept blocks separated by one blank line, ending in a
  // newline; "" when nothing was kept.
  std::string text() const;
  void append_text(std::string& out) const;
};

class RuleSet;

class Cleaner {
 public:
  // Loads and compiles the rules; returns nullptr and fills `errors` when a
  // rule file is bad.
  static std::unique_ptr<Cleaner> create(const Config& config, std::vector<RuleError>* errors);
  ~Cleaner();

  Document clean(std::string_view input, const DocumentOptions& options) const;
  const RuleSet& rules() const { return *rules_; }

  // Cleans every input on `jobs` threads (0: one per core this process may
  // use; 1: on the calling thread) and calls `done(index, document)` once for
  // each, from the thread that cleaned it: calls for different indices may
  // run at once. Returns when all are done.
  void clean_each(const std::vector<std::string_view>& inputs, const DocumentOptions& options, unsigned jobs,
                  const std::function<void(std::size_t, Document&)>& done) const;

  // The rule files (and rule texts) this Cleaner was built from, beyond the
  // built-in rules, in the order read: Config::rule_sources builds the same
  // Cleaner from them anywhere.
  const std::vector<RuleSource>& sources() const { return sources_; }

 private:
  Cleaner(std::unique_ptr<RuleSet> rules, std::vector<std::string> disabled, std::vector<RuleSource> sources);
  std::unique_ptr<RuleSet> rules_;
  std::vector<std::string> disabled_;  // also switches off heuristics by id or category
  std::vector<RuleSource> sources_;
  bool rules_read_markup_ = false;  // a rule outside `markup` reads classes, ids or roles
};

// The cores this process may run on (its CPU affinity), at least 1.
unsigned available_cores();

// Host name of a URL ("https://www.example.com/x" -> "example.com"), or of a
// bare domain; "" when there is none.
std::string host_of(std::string_view url_or_domain);

// "1.0.0"
const char* version();

}  // namespace newsclean
