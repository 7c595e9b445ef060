// JSONL records: the scanner, string decoding, record rewriting, and the
// ordered worker pool.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cli/jsonl.h"
#include "cli/progress.h"
#include "cli/workers.h"

#ifdef NEWSCLEAN_HAVE_SIMDJSON
#include <simdjson.h>
#endif

using namespace newsclean;
using namespace newsclean::cli;

namespace {

bool valid(std::string_view line) {
  jsonl::Scan scan;
  return jsonl::scan_object(line, scan).empty();
}

std::string decoded(std::string_view literal) {
  std::string out;
  jsonl::decode_string(literal, out);
  return out;
}

const Cleaner& cleaner() {
  static std::unique_ptr<Cleaner> c = Cleaner::create(Config{}, nullptr);
  return *c;
}

std::string rewrite(std::string_view line, const jsonl::Settings& s, jsonl::RecordResult* result = nullptr) {
  jsonl::Scratch scratch;
  std::string out;
  jsonl::RecordResult r = jsonl::process_record(line, cleaner(), s, out, scratch, nullptr);
  if (result) *result = r;
  return r.ok ? out : "ERROR: " + r.error;
}

}  // namespace

TEST_CASE("jsonl scanner: valid objects, with the spans of each member") {
  jsonl::Scan scan;
  const std::string line = R"( { "a" : 1 , "b":[1,{"c":"}"}],"d":{"e":null},"f":"x\"y" } )";
  REQUIRE(jsonl::scan_object(line, scan) == "");
  REQUIRE(scan.members.size() == 4);
  auto key = [&](int i) { return line.substr(scan.members[i].key_begin, scan.members[i].key_end - scan.members[i].key_begin); };
  auto value = [&](int i) {
    return line.substr(scan.members[i].value_begin, scan.members[i].value_end - scan.members[i].value_begin);
  };
  CHECK(key(0) == "\"a\"");
  CHECK(value(0) == "1");
  CHECK(value(1) == R"([1,{"c":"}"}])");
  CHECK(value(2) == R"({"e":null})");
  CHECK(value(3) == R"("x\"y")");
  CHECK(line[scan.open] == '{');
  CHECK(scan.close == line.size() - 2);
  for (const char* ok : {"{}", " {}\r", R"({"a":-0.5e+10})", R"({"a":[]})", R"({"a":[[[]]],"b":{}})", R"({"a":"\u00e9\ud800"})",
                         "{\"a\":\"raw \xff bytes\"}", R"({"a":true,"b":false,"c":null})", R"({"a":0})", R"({"a":1E5})"})
    CHECK_MESSAGE(valid(ok), ok);
}

TEST_CASE("jsonl scanner: every kind of bad line is refused with a column") {
  for (const char* bad : {"", " ", "[1]", "\"s\"", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,}", "{,}", "{\"a\" 1}",
                          "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":nul}",
                          "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{\"a\":[1,]}",
                          "{\"a\":[1 2]}", "{\"a\":1}}", "{\"a\":1} x", "{a:1}", "{\"a\":'x'}", "{\"a\":+1}",
                          "{\"a\":{\"b\":1}", "{\"a\":NaN}"}) {
    jsonl::Scan scan;
    const std::string error = jsonl::scan_object(bad, scan);
    CHECK_MESSAGE(!error.empty(), "accepted: " << bad);
  }
  jsonl::Scan scan;
  CHECK(jsonl::scan_object("{\"a\":1,}", scan) == "not valid JSON: expected a member name at column 8");
  CHECK(jsonl::scan_object("{\"a\":\"x", scan) == "not valid JSON: unterminated string at column 6");
  CHECK(jsonl::scan_object("[1]", scan) == "not a JSON object (starts with '[')");
  CHECK(jsonl::scan_object("", scan) == "empty line");
}

TEST_CASE("jsonl scanner: strings long and short, every escape at every offset, the same errors") {
  // Long strings go through the 16-byte window, short ones and tails
  // byte by byte: each position of an escape or an error must read alike.
  for (std::size_t pad = 0; pad < 40; ++pad) {
    const std::string lead = "{\"a\":\"" + std::string(pad, 'x');
    const std::string col = std::to_string(6 + pad + 1);
    jsonl::Scan scan;
    for (const char* ok : {"\\\"", "\\\\", "\\/", "\\n", "\\u00e9", "\\ud83d\\ude00", "\\\"\\\"\\n\\t"}) {
      const std::string line = lead + ok + std::string(pad % 5, 'y') + "\"}";
      CHECK_MESSAGE(jsonl::scan_object(line, scan).empty(), line);
    }
    CHECK(jsonl::scan_object(lead + "\\x\"}", scan) == "not valid JSON: bad escape at column " + col);
    CHECK(jsonl::scan_object(lead + "\\u12g4\"}", scan) == "not valid JSON: bad \\u escape at column " + col);
    CHECK(jsonl::scan_object(lead + "\\u12", scan) == "not valid JSON: bad \\u escape at column " + col);
    CHECK(jsonl::scan_object(lead + "\t\"}", scan) == "not valid JSON: control character in a string at column " + col);
    CHECK(jsonl::scan_object(lead + "\\", scan) == "not valid JSON: unterminated string at column 6");
    CHECK(jsonl::scan_object(lead, scan) == "not valid JSON: unterminated string at column 6");
  }
}

TEST_CASE("jsonl scanner: deep nesting is no recursion") {
  std::string deep = "{\"a\":" + std::string(1000000, '[') + std::string(1000000, ']') + "}";
  CHECK(valid(deep));
  deep.pop_back();
  deep.pop_back();
  CHECK(!valid(deep));
}

TEST_CASE("jsonl strings: escapes, pairs, lone surrogates") {
  CHECK(decoded(R"("plain")") == "plain");
  CHECK(decoded(R"("a\"b\\c\/d\b\f\n\r\t")") == "a\"b\\c/d\b\f\n\r\t");
  CHECK(decoded(R"("\u00e9\u20ac")") == "\xC3\xA9\xE2\x82\xAC");
  CHECK(decoded(R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80");
  CHECK(decoded(R"("\ud800x")") == "\xEF\xBF\xBDx");
  CHECK(decoded(R"("\udc00")") == "\xEF\xBF\xBD");
  CHECK(decoded(R"("\ud800\u0041")") == "\xEF\xBF\xBD" "A");
  CHECK(decoded(R"("\ud800\ud83d\ude00")") == "\xEF\xBF\xBD\xF0\x9F\x98\x80");
  CHECK(decoded(R"("\u0000")") == std::string(1, '\0'));
  CHECK(decoded("\"raw \xff\"") == "raw \xff");
  CHECK(jsonl::key_is(R"("text")", "text"));
  CHECK(jsonl::key_is(R"("te\u0078t")", "text"));
  CHECK(!jsonl::key_is(R"("texts")", "text"));
}

TEST_CASE("jsonl records: cleaned in place, the rest byte for byte") {
  jsonl::Settings s;
  const std::string in =
      R"({ "id" : 1, "text" : "Headline here\n3 min read\nA first paragraph of the story, with enough words to read as prose here." , "x":[1, 2] })";
  CHECK(rewrite(in, s) ==
        R"({ "id" : 1, "text" : "Headline here\n\nA first paragraph of the story, with enough words to read as prose here." , "x":[1, 2] })");
  s.output_field = "clean";
  s.annotate = true;
  CHECK(rewrite(R"({"text":"Body line.\nAdvertisement"})", s) ==
        R"({"text":"Body line.\nAdvertisement","clean":"Body line.","newsclean":{"blocks":2,"kept":1,"dropped":{"ads":1}}})");
  CHECK(rewrite(R"({"newsclean":1,"text":"Body line.","clean":2})", s) ==
        R"({"newsclean":{"blocks":1,"kept":1,"dropped":{}},"text":"Body line.","clean":"Body line."})");
  jsonl::Settings plain;
  CHECK(rewrite(R"({"a":1})", plain) == R"(ERROR: no "text" member)");
  CHECK(rewrite(R"({"text":null})", plain) == R"(ERROR: "text" is not a string)");
  jsonl::RecordResult r;
  rewrite(R"({"text":"Same text."})", plain, &r);
  CHECK(r.ok);
  CHECK(!r.changed);
  rewrite(R"({"text":"Same text.\n3 min read"})", plain, &r);
  CHECK(r.changed);
  // Control characters and bad bytes come out escaped or replaced.
  CHECK(rewrite("{\"text\":\"a\\u0007b \xff c\"}", plain) == "{\"text\":\"ab \xEF\xBF\xBD c\"}");
  // The first of two members of a name is the one.
  CHECK(rewrite(R"({"text":"One.","text":"Two."})", plain) == R"({"text":"One.","text":"Two."})");
}

#ifdef NEWSCLEAN_HAVE_SIMDJSON
// Generated documents, valid and broken, judged by simdjson and by us. The
// generator keeps to what simdjson takes as we do: valid UTF-8, no lone
// surrogates, numbers in double range.
TEST_CASE("jsonl scanner agrees with simdjson on generated lines") {
  std::mt19937 rng(42);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::function<std::string(int)> value = [&](int depth) -> std::string {
    switch (pick(depth > 4 ? 5 : 7)) {
      case 0: return std::to_string(static_cast<int>(rng() % 2000) - 1000);
      case 1: return "-0.5e3";
      case 2: return pick(2) ? "true" : "null";
      case 3: return "\"s\\u00e9\\n\\\"x\\ud83d\\ude00\"";
      case 4: return "\"plain text, longer than sixteen bytes to cross the vector step\"";
      case 5: {
        std::string a = "[";
        for (int i = 0, n = pick(4); i < n; ++i) a += (i ? "," : "") + value(depth + 1);
        return a + "]";
      }
      default: {
        std::string o = "{";
        for (int i = 0, n = pick(4); i < n; ++i) o += (i ? ", " : " ") + std::string("\"k") + std::to_string(i) + "\" : " + value(depth + 1);
        return o + "}";
      }
    }
  };
  const std::string breakers[] = {"", ",", "}", "]", "\"", "\\", ":", "x", "1", "{", "[", " ", "\t", "-", "e", ".", "\x01"};
  simdjson::dom::parser parser;
  int checked = 0, disagreements = 0, lone_surrogates = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string doc = "{\"text\":" + value(1) + ",\"b\":" + value(1) + "}";
    if (pick(2)) {  // break it: insert, delete or truncate
      const std::size_t at = rng() % (doc.size() + 1);
      switch (pick(3)) {
        case 0: doc.insert(at, breakers[pick(sizeof breakers / sizeof breakers[0])]); break;
        case 1: if (at < doc.size()) doc.erase(at, 1); break;
        default: doc.resize(at); break;
      }
    }
    simdjson::padded_string padded(doc);
    simdjson::dom::element element;
    const simdjson::error_code code = parser.parse(padded).get(element);
    const bool theirs = code == simdjson::SUCCESS && element.is_object();
    const bool ours = valid(doc);
    ++checked;
    // A broken surrogate pair: simdjson refuses the string, we take it (to
    // U+FFFD), on purpose.
    if (ours && code == simdjson::STRING_ERROR && doc.find("\\ud") != std::string::npos) {
      ++lone_surrogates;
      continue;
    }
    if (theirs != ours) {
      ++disagreements;
      if (disagreements < 5) MESSAGE("disagree (simdjson " << theirs << "): " << doc);
    }
  }
  CHECK(checked == 20000);
  CHECK(disagreements == 0);
  CHECK(lone_surrogates < 1000);
}
#endif

TEST_CASE("ordered pool: every batch once, in order, whatever the thread count") {
  for (unsigned jobs : {1u, 2u, 3u, 8u}) {
    std::vector<std::uint64_t> seen;
    std::atomic<int> running{0}, most{0};
    OrderedPool pool(
        jobs,
        [&](Batch& b) {
          const int now = ++running;
          int m = most.load();
          while (now > m && !most.compare_exchange_weak(m, now)) {
          }
          std::this_thread::sleep_for(std::chrono::microseconds((b.first_record * 7919) % 300));
          b.output = std::to_string(b.first_record);
          --running;
        },
        [&](Batch& b) {
          seen.push_back(std::stoull(b.output));
          return true;
        });
    for (std::uint64_t i = 0; i < 500; ++i) {
      auto b = std::make_unique<Batch>();
      b->first_record = i;
      b->input = "x";
      REQUIRE(pool.submit(std::move(b)));
    }
    REQUIRE(pool.finish());
    REQUIRE(seen.size() == 500);
    for (std::uint64_t i = 0; i < 500; ++i) CHECK(seen[i] == i);
    CHECK(most.load() <= static_cast<int>(jobs));
  }
}

TEST_CASE("ordered pool: a commit that says stop ends the stream") {
  std::vector<std::uint64_t> seen;
  OrderedPool pool(
      2, [](Batch&) {},
      [&](Batch& b) {
        seen.push_back(b.first_record);
        return b.first_record != 10;
      });
  bool accepted = true;
  for (std::uint64_t i = 0; i < 100 && accepted; ++i) {
    auto b = std::make_unique<Batch>();
    b->first_record = i;
    accepted = pool.submit(std::move(b));
  }
  CHECK(!pool.finish());
  REQUIRE(!seen.empty());
  CHECK(seen.back() == 10);
  CHECK(seen.size() == 11);
}

TEST_CASE("for_each_record: separators, an empty record, a last record without one") {
  Batch b;
  b.first_record = 5;
  b.input = std::string("a\n\nb", 4);
  std::vector<std::pair<std::string, std::uint64_t>> got;
  for_each_record(b, '\n', [&](std::string_view r, std::uint64_t n) {
    got.emplace_back(std::string(r), n);
    return true;
  });
  REQUIRE(got.size() == 3);
  CHECK(got[0] == std::make_pair(std::string("a"), std::uint64_t{5}));
  CHECK(got[1] == std::make_pair(std::string(""), std::uint64_t{6}));
  CHECK(got[2] == std::make_pair(std::string("b"), std::uint64_t{7}));
}

TEST_CASE("progress line: records, MB, MB/s, share") {
  Progress p(false, 2000000, "records");
  p.add(10, 1000000);
  const std::string line = p.line();
  CHECK(line.rfind("newsclean: 10 records, 1.0 MB, ", 0) == 0);
  CHECK(line.find("MB/s, 50% done") != std::string::npos);
  Progress unknown(false, 0);
  CHECK(unknown.line().find("done") == std::string::npos);
}
