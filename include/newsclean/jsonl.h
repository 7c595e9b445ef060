// JSONL records: one JSON object per line, cleaned in place. What
// `newsclean --jsonl` does to each line, for any program that streams
// records (the command's worker pool, the Python module's Dask shards).
//
// The scanner here is our own, not simdjson's: a record is rewritten by
// splicing the byte spans of its members, so every member but the one we
// write stays byte for byte as it was, in its order, and that needs the spans;
// and a record with raw invalid UTF-8 or a lone surrogate escape must still be
// cleaned (to U+FFFD), where simdjson refuses the whole document. The scanner
// checks the full RFC 8259 grammar (the unit tests compare it with simdjson on
// generated documents); it is iterative (no recursion, whatever the nesting),
// and linear in the line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "newsclean/newsclean.h"

namespace newsclean::jsonl {

// One member of the top-level object: byte spans into the line. The key span
// includes its quotes; so does the value span when the value is a string.
struct Member {
  std::size_t key_begin = 0, key_end = 0;
  std::size_t value_begin = 0, value_end = 0;
};

struct Scan {
  std::vector<Member> members;  // in order
  std::size_t open = 0;         // offset of '{'
  std::size_t close = 0;        // offset of the matching '}'
};

// Scans `line` (without its newline) as one JSON text whose top level is an
// object. Returns "" when it is valid, else a message such as
// "not valid JSON: unterminated string at column 17" (columns count bytes
// from 1). Raw bytes that are not UTF-8 are accepted inside strings (they
// become U+FFFD when the string is decoded), as are lone surrogate escapes.
std::string scan_object(std::string_view line, Scan& scan);

// Decodes a JSON string literal (with its quotes, already scanned) to UTF-8
// bytes: escapes resolved, surrogate pairs joined, lone surrogates to U+FFFD.
// Raw bytes are copied as they are.
void decode_string(std::string_view literal, std::string& out);

// True when the key literal (with quotes) decodes to `name`.
bool key_is(std::string_view key_literal, std::string_view name);

// What happens to a record that is not valid JSON, lacks the field, or is
// over the size limit.
enum class OnError { Pass, Drop, Fail };

struct Settings {
  std::string field = "text";   // the text to clean
  std::string html_field;       // or HTML from this member ("" for none)
  std::string url_field = "url";
  std::string output_field;     // "" for in place
  bool annotate = false;        // add a "newsclean" member with counts
  DocumentOptions document;     // site, language, format and the rest
  // For process_records: records in error, and the size limit (0: none).
  OnError on_error = OnError::Pass;
  std::size_t max_bytes = std::size_t{32} << 20;
};

struct RecordResult {
  bool ok = false;        // false: `error` says why, nothing was appended
  bool changed = false;   // the cleaned text differs from the input text
  std::string error;      // e.g. "not valid JSON: ... at column 3", "no \"text\" member"
  std::vector<std::string> warnings;  // from the cleaner (HTML reduced, ...)
};

// Per-thread scratch space, so a stream of records allocates little.
struct Scratch {
  Scan scan;
  std::string text, url, cleaned;
  std::map<std::string, unsigned long> counts;
};

// Cleans one record and appends the rewritten record (without a newline) to
// `out`. Adds the document's per-category counts to `categories` when given.
RecordResult process_record(std::string_view line, const Cleaner& cleaner, const Settings& settings,
                            std::string& out, Scratch& scratch,
                            std::map<std::string, unsigned long>* categories);

struct Counts {
  std::uint64_t read = 0;     // records read
  std::uint64_t written = 0;  // records written
  std::uint64_t changed = 0;  // records whose text the cleaning changed
  std::uint64_t errors = 0;   // records in error (bad JSON, no field, too large)
};

// Something to tell about one record: a warning from the cleaner, or why it
// is in error and what became of it ("no \"text\" member (passed through
// unchanged)").
struct Note {
  std::uint64_t record = 0;  // its number in the input, from 1
  std::string text;
};

struct RecordsResult {
  Counts counts;
  std::vector<Note> notes;  // in record order
  bool stopped = false;     // a record in error under OnError::Fail: the records after it were not read
};

// Cleans a run of records as `newsclean --jsonl` does: `input` holds records
// each ended by '\n' (the last may lack it); each gives one line of `out`,
// ended by '\n' (a record in error is passed through as it is, or left out,
// or stops the run, as settings.on_error says). `first_record` numbers the
// first record, for the notes. Adds per-category counts to `categories` when
// given.
RecordsResult process_records(std::string_view input, std::uint64_t first_record, const Cleaner& cleaner,
                              const Settings& settings, std::string& out, Scratch& scratch,
                              std::map<std::string, unsigned long>* categories);

}  // namespace newsclean::jsonl
