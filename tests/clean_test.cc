#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "clean/cards.h"
#include "clean/heuristics.h"
#include "clean/words.h"
#include "clean/zones.h"
#include "newsclean/newsclean.h"
#include "util/utf8.h"

using namespace newsclean;

namespace {

std::unique_ptr<Cleaner> cleaner_with(const std::string& rules, bool builtin = false) {
  Config c;
  c.builtin_rules = builtin;
  if (!rules.empty()) c.rule_texts.push_back(rules);
  std::vector<RuleError> errors;
  auto cl = Cleaner::create(c, &errors);
  REQUIRE_MESSAGE(cl, (errors.empty() ? "" : errors[0].format()));
  return cl;
}

const std::string kProseA =
    "The city council voted on Tuesday to close the old river bridge to cars from next spring, after a long debate.";
const std::string kProseB =
    "Engineers had found deep cracks in two of the three main supports, and they warned that repairs would take a year.";
const std::string kProseC =
    "Residents said the closure would add twenty minutes to a journey that many of them make twice every single day.";

std::string reasons(const Document& d) {
  std::string s;
  for (const auto& v : d.verdicts) s += (v.reason.empty() ? "-" : v.reason) + "|";
  return s;
}

}  // namespace

TEST_CASE("zones: head before the first prose block, tail after the last") {
  std::vector<Block> b(5);
  b[0].text = "Headline";
  b[1].text = kProseA;
  b[2].text = "Short line";
  b[3].text = kProseB;
  b[4].text = "Source: Wires";
  for (auto& x : b) measure_block(x);
  auto z = compute_zones(b);
  CHECK(z[0] == Zone::Head);
  CHECK(z[1] == Zone::Body);
  CHECK(z[2] == Zone::Body);
  CHECK(z[3] == Zone::Body);
  CHECK(z[4] == Zone::Tail);
}

TEST_CASE("ends_like_sentence") {
  CHECK(ends_like_sentence("He left."));
  CHECK(ends_like_sentence("“He left.”"));
  CHECK(ends_like_sentence("Why?)"));
  CHECK(ends_like_sentence("Wait\xE2\x80\xA6"));
  CHECK_FALSE(ends_like_sentence("A headline"));
  CHECK_FALSE(ends_like_sentence(""));
}

TEST_CASE("comparable words: case, quotes and contractions do not matter") {
  auto h = comparable_word_hashes;
  CHECK(h("You’re sure they can't") == h("you are SURE they ca not"));
  CHECK(h("“Russia,” he said") == h("Russia he said"));
  CHECK(h("it's Bob's") == h("it bob"));
  CHECK(h("O'Brien rock'n'roll") == h("obrien rocknroll"));
  CHECK(h("I'll I've I'm I'd") == h("i will i have i am i would"));
  CHECK(h("Café déjà") == h("café déjà"));
  CHECK(h("one two").size() == 2);
  CHECK(h("—").empty());
  CHECK(h("a b") != h("b a"));
}

// Plain ASCII words are hashed 8 bytes at a time, the others byte by byte:
// both must give a word the same hash, whatever its length and place.
TEST_CASE("comparable words: long words, the last word, words by non-ASCII letters") {
  auto h = comparable_word_hashes;
  // 7, 8, 9, 15, 16, 17 and 24 bytes: full chunks and tails.
  for (const char* w : {"Abcdefg", "Abcdefgh", "Abcdefghi", "Internationals", "INTERNATIONALISE",
                        "Internationalised", "Antidisestablishmentaria"}) {
    const std::string word = w;
    const std::string lower = ascii_lowercase(word);
    CAPTURE(word);
    CHECK(h(word) == h(lower));                                         // alone: the last word
    CHECK(h(word + " x") == h(lower + " x"));                           // with text after it
    CHECK(h("x " + word) == h("x " + lower));                           // at the very end
    CHECK(h("x " + word + ",") == h("x " + lower));                     // before punctuation at the end
    CHECK(h("“" + word + "”") == h(lower));                             // in typographic quotes
    CHECK(h(word + "'s") == h(lower));                                  // possessive: the slow path
    CHECK(h(word.substr(0, 3) + "'" + word.substr(3)) == h(lower));     // O'Brien: glued
    CHECK(h(word) != h(lower.substr(0, lower.size() - 1)));
    CHECK(h(word) != h(lower + "s"));
  }
  CHECK(h("ABCDEFGHI abcdefghj") != h("abcdefghi abcdefghi"));
  CHECK(h("Abcdefghijklmnopq") != h("Abcdefghijklmnopr"));  // differ in the 17th byte only
  CHECK(h("Abcdefghijklmnop") != h("Abcdefghijklmnoq"));    // and the 16th
  // Non-ASCII letters glue onto the word, wherever they stand in its chunks.
  CHECK(h("Déjàvuxyzabc") == h("déjàvuxyzabc"));
  CHECK(h("Abcdefghé") == h("abcdefghé"));
  CHECK(h("Abcdefghé") != h("abcdefgh"));
  CHECK(h("éAbcdefgh") == h("éabcdefgh"));
  CHECK(h("Internationalisé Café") == h("internationalisé café"));
  // Contractions with long stems, and a digit after the expansion.
  CHECK(h("Shouldn't") == h("should not"));
  CHECK(h("Internationals'd") == h("internationals would"));
  CHECK(h("don't5") == h("do not5"));
  CHECK(h("x don't") == h("x do not"));
}

// The SSE2 path reads 64-byte windows in 16-byte loads: words must hash
// the same wherever they fall against those edges, and no read may pass
// the end of the text.
namespace {

// The hashes of `text`, copied to a buffer of exactly its size so that a
// sanitizer build catches any read past its end.
std::vector<std::uint64_t> hashes_in_exact_buffer(const std::string& text) {
  std::unique_ptr<char[]> buf(new char[text.size() + (text.empty() ? 1 : 0)]);
  std::copy(text.begin(), text.end(), buf.get());
  std::vector<std::uint64_t> out;
  append_word_hashes(std::string_view(buf.get(), text.size()), out);
  return out;
}

std::vector<std::uint64_t> bytewise_hashes(const std::string& text) {
  std::vector<std::uint64_t> out;
  append_word_hashes_bytewise(text, out);
  return out;
}

// The hashes of the normalised words, one by one.
std::vector<std::uint64_t> hashes_of_words(std::initializer_list<const char*> words) {
  std::vector<std::uint64_t> out;
  for (const char* w : words) out.push_back(word_hash(w));
  return out;
}

}  // namespace

TEST_CASE("comparable words: a word at every offset across 16-, 32- and 64-byte edges") {
  const std::string letters = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFgHiJ";
  for (std::size_t offset = 0; offset <= 70; ++offset) {
    for (std::size_t len = 1; len <= 40; ++len) {
      const std::string word = letters.substr(0, len);
      const std::uint64_t expected = word_hash(ascii_lowercase(word));
      const std::string lead(offset, ' ');
      CAPTURE(offset);
      CAPTURE(len);
      CHECK(hashes_in_exact_buffer(lead + word) == std::vector<std::uint64_t>{expected});
      CHECK(hashes_in_exact_buffer(lead + word + " end") == std::vector<std::uint64_t>{expected, word_hash("end")});
      CHECK(hashes_in_exact_buffer(lead + word + ".") == std::vector<std::uint64_t>{expected});
      // After words of other lengths, so the window holds several.
      const std::string filler = std::string("a bc def ghij ").substr(0, offset % 15);
      CHECK(hashes_in_exact_buffer(filler + lead + word + "—x") == bytewise_hashes(filler + lead + word + "—x"));
    }
  }
}

TEST_CASE("comparable words: apostrophes and non-ASCII letters at every offset") {
  struct Case {
    const char* text;
    std::vector<std::uint64_t> words;
  };
  const Case cases[] = {
      {"Don't", hashes_of_words({"do", "not"})},
      {"don’t", hashes_of_words({"do", "not"})},
      {"You're", hashes_of_words({"you", "are"})},
      {"Bob's", hashes_of_words({"bob"})},
      {"O'Brien", hashes_of_words({"obrien"})},
      {"Internationals'd", hashes_of_words({"internationals", "would"})},
      {"Café", hashes_of_words({"café"})},
      {"déjà", hashes_of_words({"déjà"})},
      {"Abcdefghijklmnopé", hashes_of_words({"abcdefghijklmnopé"})},
      {"Straße", hashes_of_words({"straße"})},
      {"ÉTÉ", hashes_of_words({"\xC3\x89t\xC3\x89"})},  // ASCII lowered, the rest as it is
      {"naïve×2", hashes_of_words({"naïve", "2"})},
      {"Ωmega÷Ü", hashes_of_words({"Ωmega", "Ü"})},
      {"Überprüfungsausschußvorsitzendenstellvertreterinnenwahlvorschläge",  // longer than a window
       hashes_of_words({"Überprüfungsausschußvorsitzendenstellvertreterinnenwahlvorschläge"})},
      {"“Quoted”", hashes_of_words({"quoted"})},
      {"one—two", hashes_of_words({"one", "two"})},
      {"it'", hashes_of_words({"it"})},
      {"'tis", hashes_of_words({"tis"})},
  };
  for (const Case& c : cases) {
    for (std::size_t offset = 0; offset <= 70; ++offset) {
      const std::string lead(offset, ' ');
      CAPTURE(c.text);
      CAPTURE(offset);
      CHECK(hashes_in_exact_buffer(lead + c.text) == c.words);
      std::vector<std::uint64_t> with_tail = c.words;
      with_tail.push_back(word_hash("x"));
      CHECK(hashes_in_exact_buffer(lead + c.text + " x") == with_tail);
      CHECK(hashes_in_exact_buffer("w" + lead + c.text + ",x") == bytewise_hashes("w" + lead + c.text + ",x"));
    }
  }
}

TEST_CASE("comparable words: every text of up to 140 bytes from a mix of pieces, as byte by byte") {
  // (Two-byte letters, which the SSE2 path reads with the ASCII ones, and
  // their near misses: × and ÷ end a word, a 0xC2 lead is punctuation, a
  // lead cut short or followed by no continuation byte is not UTF-8.)
  const char* pieces[] = {"a", "Bc", "def", "GHIJ", "0", "42", " ", " ", "  ", ",", ".", "'", "’", "“", "”",
                          "—", "é", "É", "ß", "日本", "s", "t", "re", "ll", "n", "\xE2", "\x80", "\xFF", "-", "\n",
                          "ä", "Ω", "ñ", "×", "÷", "\xC2\xA0", "\xC3", "\xC4" "A", "\xBF", "é", "ü"};
  std::uint64_t state = 0x243F6A8885A308D3ULL;  // a fixed seed: the same texts every run
  auto next_random = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  for (int round = 0; round < 8000; ++round) {
    const std::size_t target = round % 141;  // up to two windows of 64 bytes and more
    std::string text;
    while (text.size() < target) text += pieces[next_random() % (sizeof pieces / sizeof pieces[0])];
    text.resize(target);  // may cut a UTF-8 sequence: the slow path must cope with that too
    CAPTURE(text);
    CHECK(hashes_in_exact_buffer(text) == bytewise_hashes(text));
  }
  // Every prefix of a text that mixes all the cases.
  const std::string sample =
      "“We’re not,” said O'Brien — the city's Internationalisation-Committee chair — in Café Déjà 2024; "
      "don't5 rock'n'roll Abcdefghijklmnopqrstuvwxyz0123456789 ß日本 end";
  for (std::size_t n = 0; n <= sample.size(); ++n) {
    const std::string text = sample.substr(0, n);
    CAPTURE(n);
    CHECK(hashes_in_exact_buffer(text) == bytewise_hashes(text));
  }
}

TEST_CASE("sentence case and title case") {
  CHECK(is_sentence_case("Leaked emails appear to show party hostility to Sanders"));
  CHECK_FALSE(is_sentence_case("Trump Tries to Woo Russia"));
  CHECK_FALSE(is_sentence_case("From ‘Reckless’ to ‘Treason’: Critics Take on Trump"));
  CHECK_FALSE(is_sentence_case("Short"));
}

TEST_CASE("dup/exact: the first stays, case and punctuation do not matter") {
  auto c = cleaner_with("");
  auto d = c->clean("Headline\n" + kProseA + "\n" + kProseB + "\n" + "THE CITY council voted on Tuesday to close the old "
                    "river bridge to cars from next spring -- after a long debate\n",
                    {});
  CHECK(reasons(d) == "-|-|-|dup/exact|");
  CHECK(d.verdicts[3].detail == "repeats line 2");
}

TEST_CASE("dup/exact: the same words in another order are not a repeat") {
  auto c = cleaner_with("");
  auto d = c->clean("Headline\nThe council voted to close the bridge on Tuesday night.\n"
                    "On Tuesday night the council voted to close the bridge.\n"
                    "The council voted to close the bridge on Tuesday night.\n",
                    {});
  CHECK(reasons(d) == "-|-|-|dup/exact|");
  CHECK(d.verdicts[3].detail == "repeats line 2");
}

TEST_CASE("dup/near drops a pull quote and its attribution, not a longer quote") {
  auto c = cleaner_with("");
  const std::string standfirst =
      "The mayor said: “We’re not going to let this bridge fall into the river while we argue about money.”";
  const std::string pull = "We are not going to let this bridge fall into the river while we argue about money";
  auto d = c->clean("Headline\n" + standfirst + "\n" + kProseA + "\n" + pull + "\nJane Smith\n" + kProseB + "\n", {});
  CHECK(reasons(d) == "-|-|-|dup/near|dup/attribution|-|");

  // The same quote inside a longer paragraph that adds to it is prose, not a pull quote.
  const std::string retold =
      "Weeks later, when asked whether she still stood by the words “we are not going to let this bridge fall into "
      "the river”, the mayor laughed and said the council had found the money after all, from the parking fund.";
  auto e = c->clean("Headline\n" + standfirst + "\n" + kProseA + "\n" + retold + "\n" + kProseB + "\n", {});
  CHECK(reasons(e) == "-|-|-|-|-|");
}

TEST_CASE("dup/near: a quote in any quotation marks is the paragraph a pull quote repeats") {
  // The pull quote goes only when a paragraph near it quotes someone; each
  // kind of opening quotation mark makes one that does (and the closing
  // ones here do not: „ stands alone).
  auto c = cleaner_with("");
  const std::string pull = "We are not going to let this bridge fall into the river while we argue about money";
  const std::string words = "we are not going to let this bridge fall into the river while we argue about money";
  for (const auto& [open, close] : std::vector<std::pair<std::string, std::string>>{
           {"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"\xE2\x80\x9E", ""},
           {"\xE2\x80\x98", "\xE2\x80\x99"}, {"\xC2\xAB", "\xC2\xBB"}, {"", ""}}) {
    const std::string standfirst = "The mayor, in the hall \xE2\x80\x94 said: " + open + words + close + ".";
    auto d = c->clean("Headline\n" + standfirst + "\n" + kProseA + "\n" + pull + "\n" + kProseB + "\n", {});
    CHECK_MESSAGE(reasons(d) == (open.empty() ? "-|-|-|-|-|" : "-|-|-|dup/near|-|"), open);
  }
}

TEST_CASE("dup/near never drops the headline or a short line") {
  auto c = cleaner_with("");
  auto d = c->clean(
      "Council votes to close the old river bridge to cars\n"
      "The council votes to close the old river bridge to cars from next spring, after engineers found cracks.\n"
      "Jane Smith\n" +
          kProseA + "\nJane Smith said so.\n",
      {});
  CHECK(reasons(d) == "-|-|-|-|-|");
}

TEST_CASE("related/bare-headline: a sentence-case line between paragraphs goes, a subheading stays") {
  auto c = cleaner_with("");
  auto d = c->clean("Headline\n" + kProseA + "\nMayor faces questions over budget for new library\n" + kProseB +
                        "\nWhat the Engineers Found\n" + kProseC + "\n",
                    {});
  CHECK(reasons(d) == "-|-|related/bare-headline|-|-|-|");
  // Introduced by a colon, the line belongs to the article.
  auto e = c->clean("Headline\nThe council put one question to the residents of the town, in a letter sent last week:\n"
                    "Should the bridge stay open to buses and bicycles\n" + kProseB + "\n",
                    {});
  CHECK(reasons(e) == "-|-|-|-|");
}

TEST_CASE("tail/author-box: the writer's label, name and bio at the end go, a profile inside the story stays") {
  auto c = cleaner_with("");
  auto d = c->clean("Headline\n" + kProseA + "\n" + kProseB + "\nAbout the Author\nMaria Lopez\n"
                    "Maria is a freelance writer who covers transport and city budgets for regional papers.\n",
                    {});
  CHECK(reasons(d) == "-|-|-|tail/author-box|tail/author-box|tail/author-box|");
  // A bio with no label, and the name line over it.
  auto e = c->clean("Headline\n" + kProseA + "\n" + kProseC + "\nTom Reed\n"
                    "Tom Reed is a reporter and editor who has written about local government since 2012.\n",
                    {});
  CHECK(reasons(e) == "-|-|-|tail/author-box|tail/author-box|");
  // Early in the story, a profile of someone is the article.
  auto f = c->clean("Headline\nAnna Berg is an engineer who has inspected the bridge every spring for twenty years.\n" +
                        kProseA + "\n" + kProseB + "\n" + kProseC + "\n" + kProseA + " Again.\n",
                    {});
  CHECK(reasons(f) == "-|-|-|-|-|-|");
  // A sentence that starts with a function word is not a name.
  auto g = c->clean("Headline\n" + kProseA + "\n" + kProseB +
                        "\nThe bridge is an old one, built by an engineer whose name few residents remember now.\n",
                    {});
  CHECK(reasons(g) == "-|-|-|-|");
}

TEST_CASE("is_date_line: a date or an age alone, not a sentence that holds one") {
  for (const char* yes : {"Dec 28, 2025", "December 5, 2025", "Aug 01, 2024", "5 December 2025", "Friday, 5th of December 2025",
                          "Wednesday, December 17, 2025 at 10:30 am", "2025-12-05", "05/12/2025", "3 days ago",
                          "an hour ago", "Sept. 9, 2024 | 14:05 GMT", "May 8, 2024 | 12 min read",
                          "December 16, 2025 No Comments"})
    CHECK_MESSAGE(is_date_line(yes), std::string(yes));
  for (const char* no : {"December 2025", "2025", "On December 5, 2025 the bridge opened.", "May 5 2025 items",
                         "3 days", "12 comments", "Chapter 5, 2025 edition"})
    CHECK_MESSAGE(!is_date_line(no), std::string(no));
}

TEST_CASE("tail/dated-cards: a list of dated cards after the article goes, a timeline or a listing stays") {
  auto c = cleaner_with("");
  const std::string article = "Headline\n" + kProseA + "\n" + kProseB + "\n" + kProseC + "\n" + kProseB + " Twice.\n" +
                              kProseA + " Once more.\n";
  const std::string cards =
      "Harbour wall to be rebuilt before the winter storms\nSam Lee\nDec 12, 2025\n"
      "New library hours start in the new year\nAna Cruz\nDec 9, 2025\n"
      "Market square trees lit for the first time since 2019\nSam Lee\nDec 4, 2025\n";
  auto d = c->clean(article + cards, {});
  std::string dropped;
  for (int k = 0; k < 9; ++k) dropped += "tail/dated-cards|";
  CHECK(reasons(d) == "-|-|-|-|-|-|" + dropped);
  // The same cards with no article before them: a page that is a list.
  auto e = c->clean("Events this month\n" + cards, {});
  CHECK(reasons(e) == "-|-|-|-|-|-|-|-|-|-|");
  // Dates over sentences: a timeline.
  const std::string timeline =
      "June 2, 2024\nThe bridge closed and the road surface came off.\n"
      "May 21, 2025\nThe agency approved the new design for the beams.\n"
      "December 1, 2025\nThe bridge reopened to cars and buses.\n";
  auto f = c->clean(article + timeline, {});
  CHECK(reasons(f) == "-|-|-|-|-|-|-|-|-|-|-|-|");
  // Two dated cards are not yet a list.
  auto g = c->clean(article + cards.substr(0, cards.find("Market")), {});
  CHECK(reasons(g).find("tail/dated-cards") == std::string::npos);
}

TEST_CASE("rules: keep wins over drop, drop-rest drops what follows, strip edits") {
  auto c = cleaner_with(
      "[t]\n"
      "drop ad /^Advertisement$/\n"
      "keep exception /^Advertisement$/ zone=head\n"
      "drop-rest end /^More stories$/\n"
      "strip credit / ?\\(Photo: [^)]*\\)/\n");
  auto d = c->clean("Advertisement\n" + kProseA + "\n" + kProseC + " (Photo: AP)\n(Photo: AP)\nAdvertisement\n" + kProseB +
                        "\nMore stories\nOther story one\n" + kProseC + "\n",
                    {});
  CHECK(reasons(d) == "t/exception|-|t/credit|t/credit|t/ad|-|t/end|t/end|t/end|");
  CHECK(d.verdicts[2].decision == Decision::Edit);
  CHECK(d.verdicts[2].text == kProseC);
  CHECK(d.verdicts[3].decision == Decision::Drop);
  CHECK(d.text() == "Advertisement\n\n" + kProseA + "\n\n" + kProseC + "\n\n" + kProseB + "\n");
}

TEST_CASE("site and language scopes switch rules on per document") {
  auto c = cleaner_with("[plug site=example.com]\ndrop tg /^Join us on Telegram$/\n[ads lang=de]\ndrop w /^Werbung$/\n");
  DocumentOptions o;
  auto plain = c->clean("Join us on Telegram\n", o);
  CHECK(plain.verdicts[0].decision == Decision::Keep);
  o.site = "https://www.news.example.com/a/b";
  auto site = c->clean("Join us on Telegram\n", o);
  CHECK(site.verdicts[0].reason == "plug/tg");
  auto de = c->clean("Die Stadt hat den Plan für die neue Brücke nicht mehr, sagte der Bürgermeister am Montag.\nWerbung\n", {});
  CHECK(de.lang == "de");
  CHECK(de.verdicts[1].reason == "ads/w");
}

TEST_CASE("host_of") {
  CHECK(host_of("https://www.Example.com:8080/path?q=1") == "example.com");
  CHECK(host_of("news.example.com") == "news.example.com");
  CHECK(host_of("http://user@host.org/") == "host.org");
  CHECK(host_of("") == "");
}

TEST_CASE("output: blocks separated by one blank line, one final newline, empty stays empty") {
  auto c = cleaner_with("");
  CHECK(c->clean("", {}).text() == "");
  CHECK(c->clean("\n\n  \n", {}).text() == "");
  CHECK(c->clean("a\n\n\nb", {}).text() == "a\n\nb\n");
}

TEST_CASE("comments/thread: a comment label with Reply buttons under it ends the article, one label alone does not") {
  // Rules of the comments category mark the label and the buttons; the
  // heuristic takes the comments' own text, prose or not, with them.
  auto c = cleaner_with("[comments]\ndrop label /^(\\d+ )?comments$/i\ndrop reply /^reply$/i\n");
  const std::string comment = "I grew up by that bridge and I cannot remember a winter when it was not being repaired.";
  auto d = c->clean("Headline\n" + kProseA + "\n" + kProseB + "\n" + kProseC + "\n3 Comments\nAna\n" + comment +
                        "\nReply\nTom\n" + comment + " Twice.\nReply\n",
                    {});
  CHECK(reasons(d) ==
        "-|-|-|-|comments/label|comments/thread|comments/thread|comments/reply|comments/thread|comments/thread|"
        "comments/reply|");
  // Two markers are not a thread: the article goes on after them.
  auto e = c->clean("Headline\n" + kProseA + "\nComments\n" + kProseB + "\nReply\n" + kProseC + "\n", {});
  CHECK(reasons(e) == "-|-|comments/label|-|comments/reply|-|");
  // Before 60 words of prose, a thread is a page's sidebar, not the end of its article.
  auto f = c->clean("Headline\n3 Comments\nAna\nReply\nTom\nReply\n" + kProseA + "\n" + kProseB + "\n", {});
  CHECK(reasons(f) == "-|comments/label|-|comments/reply|-|comments/reply|-|-|");
  // --disable comments/thread leaves the comments' text to the other heuristics.
  Config off;
  off.builtin_rules = false;
  off.rule_texts.push_back("[comments]\ndrop label /^(\\d+ )?comments$/i\ndrop reply /^reply$/i\n");
  off.disabled.push_back("comments/thread");
  auto quiet = Cleaner::create(off, nullptr);
  REQUIRE(quiet);
  auto g = quiet->clean("Headline\n" + kProseA + "\n" + kProseB + "\n" + kProseC + "\n3 Comments\nAna\n" + comment +
                        "\nReply\nTom\n" + comment + " Twice.\nReply\n",
                        {});
  CHECK(reasons(g).find("comments/thread") == std::string::npos);
}
