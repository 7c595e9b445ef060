// The library's own helpers for programs that embed it: rebuilding a Cleaner
// from its rule sources, many documents on threads, and a run of JSONL
// records with the error policy.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <unistd.h>

#include "newsclean/jsonl.h"
#include "newsclean/newsclean.h"

using namespace newsclean;

namespace {

const char* kArticle =
    "Headline here\n3 min read\nSubscribe to our weekly newsletter\n"
    "A first paragraph of the story, with enough words to read as prose here.\n";

}  // namespace

TEST_CASE("a Cleaner rebuilt from its sources cleans alike, without the files") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("newsclean-sources-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "main.rules") << "[extra]\ndrop headline /^Headline here$/\ninclude more.rules\n";
  std::ofstream(dir / "more.rules") << "[more]\ndrop first /^A first paragraph/\n";
  Config config;
  config.rule_paths.push_back((dir / "main.rules").string());
  std::vector<RuleError> errors;
  auto original = Cleaner::create(config, &errors);
  REQUIRE(original);
  REQUIRE(original->sources().size() == 2);
  CHECK(original->sources()[0].included == false);
  CHECK(original->sources()[1].included == true);
  fs::remove_all(dir);

  Config again;
  again.rule_sources = original->sources();
  auto rebuilt = Cleaner::create(again, &errors);
  REQUIRE(rebuilt);
  CHECK(rebuilt->sources().size() == 2);
  const std::string a = original->clean(kArticle, {}).text();
  CHECK(a == rebuilt->clean(kArticle, {}).text());
  CHECK(a.find("Headline here") == std::string::npos);
  CHECK(a.find("A first paragraph") == std::string::npos);
  CHECK(Cleaner::create(Config{}, &errors)->sources().empty());
}

TEST_CASE("clean_each: every document once, as clean() gives it, on any number of threads") {
  auto cleaner = Cleaner::create(Config{}, nullptr);
  std::vector<std::string> docs;
  for (int i = 0; i < 50; ++i) docs.push_back(kArticle + std::string(i % 7, 'x') + "\n");
  std::vector<std::string_view> views(docs.begin(), docs.end());
  for (unsigned jobs : {0u, 1u, 2u, 7u, 100u}) {
    std::vector<std::string> out(docs.size());
    std::vector<int> calls(docs.size());
    cleaner->clean_each(views, {}, jobs, [&](std::size_t i, Document& d) {
      out[i] = d.text();
      ++calls[i];
    });
    for (std::size_t i = 0; i < docs.size(); ++i) {
      CHECK(calls[i] == 1);
      CHECK(out[i] == cleaner->clean(docs[i], {}).text());
    }
  }
  cleaner->clean_each({}, {}, 4, [](std::size_t, Document&) { FAIL("no documents, no calls"); });
  CHECK_THROWS_AS(cleaner->clean_each(views, {}, 2, [](std::size_t i, Document&) {
    if (i == 3) throw std::runtime_error("from done");
  }), std::runtime_error);
}

TEST_CASE("process_records: one line out per record, the policy for the bad ones") {
  auto cleaner = Cleaner::create(Config{}, nullptr);
  const std::string input = "{\"text\":\"One.\"}\nnot json\n{\"id\":1}\n{\"text\":\"Two.\"}";
  jsonl::Settings s;
  jsonl::Scratch scratch;
  std::string out;
  auto r = jsonl::process_records(input, 10, *cleaner, s, out, scratch, nullptr);
  CHECK(out == "{\"text\":\"One.\"}\nnot json\n{\"id\":1}\n{\"text\":\"Two.\"}\n");
  CHECK(r.counts.read == 4);
  CHECK(r.counts.written == 4);
  CHECK(r.counts.errors == 2);
  REQUIRE(r.notes.size() == 2);
  CHECK(r.notes[0].record == 11);
  CHECK(r.notes[1].text == "no \"text\" member (passed through unchanged)");

  s.on_error = jsonl::OnError::Drop;
  out.clear();
  r = jsonl::process_records(input, 1, *cleaner, s, out, scratch, nullptr);
  CHECK(out == "{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n");
  CHECK(r.counts.written == 2);

  s.on_error = jsonl::OnError::Fail;
  out.clear();
  r = jsonl::process_records(input, 1, *cleaner, s, out, scratch, nullptr);
  CHECK(r.stopped);
  CHECK(out == "{\"text\":\"One.\"}\n");
  CHECK(r.counts.read == 2);

  s.on_error = jsonl::OnError::Pass;
  s.max_bytes = 10;
  out.clear();
  r = jsonl::process_records(input, 1, *cleaner, s, out, scratch, nullptr);
  CHECK(r.counts.errors == 4);
  CHECK(r.notes[0].text == "record over the size limit of 10 bytes (--max-bytes) (passed through unchanged)");
}
