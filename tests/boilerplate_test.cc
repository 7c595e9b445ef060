#include <doctest/doctest.h>

#include "clean/page/article_run.h"
#include "clean/page/boilerplate.h"
#include "clean/page/lines.h"
#include "clean/page/thread.h"
#include "newsclean/newsclean.h"
#include "random_lines.h"

using namespace newsclean;

namespace {

std::unique_ptr<Cleaner> plain_cleaner(const std::string& rules = "") {
  Config c;
  c.builtin_rules = false;
  if (!rules.empty()) c.rule_texts.push_back(rules);
  std::vector<RuleError> errors;
  auto cl = Cleaner::create(c, &errors);
  REQUIRE_MESSAGE(cl, (errors.empty() ? "" : errors[0].format()));
  return cl;
}

std::string reasons(const Document& d) {
  std::string s;
  for (const auto& v : d.verdicts) s += (v.reason.empty() ? "-" : v.reason) + "|";
  return s;
}

const char* const kArticle =
    "The town council voted on Tuesday night to close the old river bridge to cars from next spring, after a long "
    "and heated debate.\n"
    "Engineers had found deep cracks in two of the three main supports, and they warned that the repairs would take "
    "at least a year.\n"
    "Residents said that the closure would add twenty minutes to a journey that many of them make twice every single "
    "day of the week.\n"
    "The council said that it would run a free bus across the new bridge downstream for as long as the work went "
    "on.\n";

Block block(const std::string& text) {
  Block b;
  b.text = text;
  measure_block(b);
  return b;
}

}  // namespace

TEST_CASE("boilerplate: menu-like lines") {
  auto menu = [](const std::string& t) {
    Block b = block(t);
    return is_menu_like(b, b.text);
  };
  CHECK(menu("Home"));
  CHECK(menu("World News"));
  CHECK(menu("ABOUT US"));
  CHECK(menu("Terms of Use"));
  CHECK_FALSE(menu("Terms of use"));                     // sentence case
  CHECK_FALSE(menu("Search for:"));                      // punctuated
  CHECK_FALSE(menu("Five Things We Learned This Week"));  // too many words
}

TEST_CASE("boilerplate: a page dump keeps the headline and the article, drops menus and footer") {
  auto c = plain_cleaner();
  const std::string page = std::string("Skip to Content\nHome\nNews\nSport\nWeather\nContact\n") +
                           "River Bridge to Close to Cars Next Spring\n" + "By Jane Smith\n" + kArticle +
                           "Related Stories\nNew Library Opens in March\nSchool Plans Approved\n"
                           "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  Document d = c->clean(page, {});
  CHECK(reasons(d) ==
        "boilerplate/nav-run|boilerplate/nav-run|boilerplate/nav-run|boilerplate/nav-run|boilerplate/nav-run|"
        "boilerplate/nav-run|-|boilerplate/page-edge|-|-|-|-|"
        // "Related Stories" and a five-word headline: outside, but no menu run
        "boilerplate/page-edge|boilerplate/page-edge|"
        "boilerplate/nav-run|boilerplate/nav-run|boilerplate/nav-run|boilerplate/nav-run|boilerplate/nav-run|"
        "boilerplate/nav-run|");
  // Every drop says why.
  CHECK(d.verdicts[0].detail.find("outside the article's run (lines 9-12)") != std::string::npos);
  CHECK(d.verdicts[7].detail.find("before the article's run in a page dump") != std::string::npos);
  CHECK(d.text().rfind("River Bridge to Close to Cars Next Spring\n\nThe town council", 0) == 0);
}

TEST_CASE("notes off: the same verdicts and text, without the notes") {
  // What --explain does not show is not built: the reasons stay, every
  // note goes, and nothing else changes (a page dump with a repeated
  // paragraph, so that page, duplicate and rule verdicts all take part).
  auto c = plain_cleaner();
  const std::string page = std::string("Skip to Content\nHome\nNews\nSport\nWeather\nContact\n") +
                           "River Bridge to Close to Cars Next Spring\n" + "By Jane Smith\n" + kArticle + kArticle +
                           "Related Stories\nNew Library Opens in March\nSchool Plans Approved\n"
                           "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  DocumentOptions quiet;
  quiet.notes = false;
  const Document with = c->clean(page, {}), without = c->clean(page, quiet);
  CHECK(reasons(with) == reasons(without));
  CHECK(with.text() == without.text());
  std::size_t noted = 0;
  for (std::size_t i = 0; i < with.verdicts.size(); ++i) {
    noted += !with.verdicts[i].detail.empty();
    CHECK(without.verdicts[i].detail.empty());
    CHECK(with.verdicts[i].decision == without.verdicts[i].decision);
  }
  CHECK(noted >= 10);
}

TEST_CASE("notes off: a repaired block is still an edit by norm/mojibake, without its text as it came") {
  // Only --explain shows the text as it came, so only with notes is it
  // normalised a second time and kept.
  auto c = plain_cleaner();
  const std::string broken = "There\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s a caf\xC3\x83\xC2\xA9 on the corner of the old market square.";
  const std::string text = broken + "\n\nA second paragraph, written correctly, follows it on the page.\n";
  DocumentOptions quiet;
  quiet.notes = false;
  const Document with = c->clean(text, {}), without = c->clean(text, quiet);
  REQUIRE(with.blocks.size() == 2);
  REQUIRE(without.blocks.size() == 2);
  CHECK(with.text() == without.text());
  CHECK(with.text().rfind("There\xE2\x80\x99s a caf\xC3\xA9 on", 0) == 0);
  for (const Document* d : {&with, &without}) {
    CHECK(d->blocks[0].repaired);
    CHECK_FALSE(d->blocks[1].repaired);
    CHECK(d->verdicts[0].decision == Decision::Edit);
    CHECK(d->verdicts[0].reason == "norm/mojibake");
    CHECK(d->verdicts[1].decision == Decision::Keep);
  }
  CHECK(with.blocks[0].unrepaired == broken);
  CHECK(without.blocks[0].unrepaired.empty());
}

TEST_CASE("boilerplate: a keep rule wins over the page heuristic") {
  auto c = plain_cleaner("[byline]\nkeep author /^By [A-Z]/\n");
  const std::string page = std::string("Home\nNews\nSport\nWeather\nContact\n") + "By Jane Smith\n" + kArticle +
                           "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  Document d = c->clean(page, {});
  CHECK(d.verdicts[5].decision != Decision::Drop);
  CHECK(d.verdicts[0].reason == "boilerplate/nav-run");
}

TEST_CASE("boilerplate: a reader-style article with short list items and subheadings is untouched") {
  auto c = plain_cleaner();
  const std::string text = std::string("River Bridge to Close to Cars Next Spring\n") + kArticle +
                           "What Residents Need\nBus Passes\nParking Permits\nCycle Lanes\nNight Buses\n"
                           "School Runs\nDelivery Vans\n" +
                           kArticle + "What Happens Next\n" + kArticle;
  Document d = c->clean(text, {});
  for (const auto& v : d.verdicts) CHECK(v.reason.rfind("boilerplate/", 0) == std::string::npos);
  HeuristicInput in{d.blocks, d.zones, d.verdicts, std::vector<char>(d.blocks.size(), 0)};
  CHECK_FALSE(page_evidence(in).page_like);
}

TEST_CASE("boilerplate: a page with no article gives nothing, with a note on every block") {
  auto c = plain_cleaner("[footer]\ndrop copyright /^©/\n");
  const std::string page = "Desk Lamps\nFloor Lamps\nBulbs\nGift Cards\nWinter Offers\n© 2026 Harbour Lamps\n";
  Document d = c->clean(page, {});
  CHECK(d.text().empty());
  CHECK(reasons(d) ==
        "boilerplate/no-article|boilerplate/no-article|boilerplate/no-article|boilerplate/no-article|"
        "boilerplate/no-article|footer/copyright|");
  CHECK(d.verdicts[0].detail.find("lines 1-5 are a run of 5 menu-like lines") != std::string::npos);
}

TEST_CASE("boilerplate: no-article spares a sentence, a list nothing was dropped from, and short runs") {
  auto c = plain_cleaner("[footer]\ndrop copyright /^©/\n");
  auto untouched = [&](const std::string& text) {
    Document d = c->clean(text, {});
    for (const auto& v : d.verdicts) CHECK(v.reason != "boilerplate/no-article");
  };
  // One sentence anywhere: a brief under a menu.
  untouched("World\nPolitics\nBusiness\nSport\nFerry Service Resumes\nThe ferry ran again on Tuesday.\n© 2026\n");
  // Nothing dropped: a list someone pasted on purpose.
  untouched("Films I Watched\nThe Long Harbour\nNight Trains\nA Winter in Oslo\nSmall Hours\n");
  // A run of three menu items is not enough.
  untouched("Desk Lamps\nFloor Lamps\nBulbs\n© 2026 Harbour Lamps\n");
}

TEST_CASE("boilerplate: --disable switches each page heuristic off") {
  Config cfg;
  cfg.builtin_rules = false;
  cfg.rule_texts.push_back("[footer]\ndrop copyright /^©/\n");
  cfg.disabled = {"boilerplate/no-article"};
  std::vector<RuleError> errors;
  auto c = Cleaner::create(cfg, &errors);
  REQUIRE(c);
  Document d = c->clean("Desk Lamps\nFloor Lamps\nBulbs\nGift Cards\n© 2026 Harbour Lamps\n", {});
  CHECK(d.text() == "Desk Lamps\n\nFloor Lamps\n\nBulbs\n\nGift Cards\n");

  cfg.disabled = {"boilerplate"};
  c = Cleaner::create(cfg, &errors);
  REQUIRE(c);
  const std::string page = std::string("Home\nNews\nSport\nWeather\nContact\n") + kArticle +
                           "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  d = c->clean(page, {});
  for (const auto& v : d.verdicts) CHECK(v.reason.rfind("boilerplate/", 0) == std::string::npos);
}

TEST_CASE("boilerplate: comment headers, a name beside a date or a verb") {
  auto header = [](const std::string& t) {
    Block b = block(t);
    return is_comment_header(b.text, b.words);
  };
  CHECK(header("Matt Jaycox | November 9, 2012 12:13 AM | Reply"));
  CHECK(header("by Ana Ruiz on Aug 8, 2012 5:21 PM PDT reply"));
  CHECK(header("Posted by: Tom at November 8, 2012 7:12 AM"));
  CHECK(header("November 7th, 2012 at 9:42 pm"));  // the date line under "Ana Says:"
  CHECK(header("Ana Says:"));
  CHECK(header("tRiSh said..."));
  CHECK(header("Jermaine 07 Nov 12"));
  CHECK(header("vor 14 Stunden"));
  CHECK_FALSE(header("About Halloween, she writes:"));      // a quote brought in
  CHECK_FALSE(header("He said:"));
  CHECK_FALSE(header("5km - 17:20"));                       // a split time, no am or pm
  CHECK_FALSE(header("The ferry ran on May 3, 2012."));     // a sentence
  CHECK_FALSE(header("Home"));
  CHECK_FALSE(header("It's beginning to look a lot like an impeachable offense (Dec. 22, 2004)"));  // a dated headline
}

namespace {

// The lines of a page dump as the heuristics see them, with no rules.
struct Described {
  Document doc;
  std::vector<char> protect;
  std::unique_ptr<HeuristicInput> in;
  std::vector<PageLine> lines;
};

Described describe(const std::string& text) {
  Described d;
  auto c = plain_cleaner();
  DocumentOptions opts;
  opts.heuristics = false;
  d.doc = c->clean(text, opts);
  d.protect.assign(d.doc.blocks.size(), 0);
  d.in = std::make_unique<HeuristicInput>(HeuristicInput{d.doc.blocks, d.doc.zones, d.doc.verdicts, d.protect});
  std::vector<char> menu;
  const bool menus = page_evidence(*d.in, &menu).page_like;
  describe_page_lines(*d.in, menus, menu, d.lines);
  return d;
}

const char* const kThread =
    "Ana Ruiz | May 4, 2012 9:15 AM | Reply\nLovely to read this, thank you.\n"
    "Tom | May 4, 2012 10:02 AM | Reply\nI went there last summer and it was just as you say.\n"
    "Jo B | May 5, 2012 7:48 PM | Reply\nWhich ferry did you take?\n"
    "Ana Ruiz | May 5, 2012 8:30 PM | Reply\nThe early one, it is always quiet.\n";

}  // namespace

TEST_CASE("boilerplate: a comment thread under the article is found by its headers") {
  const std::string page = std::string("Home\nNews\nSport\nWeather\nContact\n") + kArticle + "Comments\n" + kThread +
                           "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  Described d = describe(page);
  const CommentThread t = find_comment_thread(*d.in, d.lines);
  REQUIRE(t.found);
  CHECK(t.start == 10);  // "Ana Ruiz | May 4, 2012 ...", after the article and its "Comments" label
  CHECK(t.headers == 4);

  // The whole cleaner drops it under its own id, with the note.
  auto c = plain_cleaner();
  Document out = c->clean(page, {});
  CHECK(out.verdicts[10].reason == "boilerplate/comment-run");
  CHECK(out.verdicts[11].detail.find("4 comment headers") != std::string::npos);
  CHECK(out.text().find("Lovely to read") == std::string::npos);
  CHECK(out.text().find("The council said") != std::string::npos);
}

TEST_CASE("boilerplate: no thread in a live blog's time stamps, a list of dated items, or before the article") {
  // Time stamps alone, with the entries under them: a live blog.
  const std::string live = std::string("Home\nNews\nSport\nWeather\nContact\n") + kArticle +
                           "9:02 AM\nThe race is under way and the leaders are clear.\n"
                           "9:30 AM\nThe women set off at a steady pace along the river.\n"
                           "10:15 AM\nA light rain has started, but the crowds stay.\n";
  Described a = describe(live);
  CHECK_FALSE(find_comment_thread(*a.in, a.lines).found);
  // Dated headlines one after another: an archive, no comments.
  const std::string archive = std::string(kArticle) +
                              "Harbour Wall Repaired (May 2, 2012)\nNew Ferry Timetable (May 9, 2012)\n"
                              "Lifeboat Day Raises Funds (May 16, 2012)\nPier Reopens (May 23, 2012)\n";
  Described b = describe(archive);
  CHECK_FALSE(find_comment_thread(*b.in, b.lines).found);
  // Dated cards before the article's prose: a sidebar, not a thread.
  const std::string sidebar = std::string(kThread) + kArticle;
  Described c = describe(sidebar);
  CHECK_FALSE(find_comment_thread(*c.in, c.lines).found);
}

TEST_CASE("boilerplate: --disable boilerplate/comment-run keeps the thread") {
  Config cfg;
  cfg.builtin_rules = false;
  cfg.disabled = {"boilerplate/comment-run"};
  std::vector<RuleError> errors;
  auto c = Cleaner::create(cfg, &errors);
  REQUIRE(c);
  const std::string page = std::string("Home\nNews\nSport\nWeather\nContact\n") + kArticle + kThread +
                           "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  Document d = c->clean(page, {});
  for (const auto& v : d.verdicts) CHECK(v.reason != "boilerplate/comment-run");
  CHECK(d.text().find("Lovely to read") != std::string::npos);
}

TEST_CASE("boilerplate: the headline is the line that repeats most of the title, not the site's name") {
  auto c = plain_cleaner();
  const std::string page = std::string("River Bridge to Close | The Valley Gazette\nThe Valley Gazette\n") +
                           "Home\nNews\nSport\nWeather\nContact\nRiver Bridge to Close\n" + kArticle +
                           "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  Document d = c->clean(page, {});
  CHECK(d.verdicts[1].decision == Decision::Drop);  // the site's name
  CHECK(d.verdicts[7].decision != Decision::Drop);  // the headline
  CHECK(d.verdicts[0].detail.find("under the headline at line 8 that repeats the page's title") != std::string::npos);
}

TEST_CASE("boilerplate: a language without known function words is read by its punctuation") {
  // Sentences in a language the guesser has no function words for (made up
  // here): long, ending in full stops; menus around them.
  const std::string page =
      "Talo Uutiset\nKoti\nUutiset\nUrheilu\nSaa\nYhteys\n"
      "Kaupunginvaltuusto paatti tiistaina illalla sulkea vanhan joen sillan autoilta ensi kevaasta alkaen "
      "pitkan kiivaan keskustelun jalkeen kaupungintalolla, jossa paikalla oli satoja asukkaita.\n"
      "Insinoorit loysivat syvia halkeamia kahdesta kolmesta tukipilarista, varoittivat korjausten kestavan "
      "vahintaan vuoden ajan, kertoivat lisaksi kustannusten nousevan miljooniin euroihin.\n"
      "Asukkaiden mukaan sulkeminen lisaa kaksikymmenta minuuttia matkaan, jonka moni heista tekee kahdesti "
      "joka paiva, ennen kaikkea kouluun ja toihin joen toiselle puolelle.\n"
      "Tietoa\nYhteys\nTietosuoja\nEhdot\nUrat\n";
  Described d = describe(page);
  std::size_t good = 0;
  for (const PageLine& l : d.lines) good += l.initial == LineClass::Good;
  CHECK(good == 3);
}

TEST_CASE("boilerplate: a comment form under the article ends the run") {
  auto c = plain_cleaner(
      "[comments]\ndrop comment-form-field /^(password|subject):?$/i\n");
  const std::string page = std::string("Home\nNews\nSport\nWeather\nContact\n") + kArticle +
                           "Subject\nPassword:\n" + kArticle + "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  Document d = c->clean(page, {});
  CHECK(d.verdicts[8].decision != Decision::Drop);   // the article's last line
  CHECK(d.verdicts[9].reason == "comments/comment-form-field");
  CHECK(d.verdicts[11].decision == Decision::Drop);  // prose under the form: the page's
  CHECK(d.verdicts[11].detail.find("a comment form starts at line 10") != std::string::npos);
}

TEST_CASE("may_hold_date: the bit masks answer as the byte loop, at every length and place") {
  // Lines over the bytes that matter: digits, the four separators, letters
  // that start months ("jan", "mar", "ago", "vor") and words, spaces, a
  // letter beyond ASCII, of every length across the 16 to 64 bytes the
  // masks cover and past them.
  int dates = 0;
  testing::for_random_lines({"1", "2", ".", "/", "-", ":", " ", "jan", "Mar", "ago", "vor", "x", "ab", "\xC3\xA9",
                             "d\xC3\xA9" "c", "9", "nov", "Q"},
                            20000, 80, [&](const std::string& line) {
                              const bool expected = may_hold_date_bytewise(line);
                              dates += expected;
                              CHECK_MESSAGE(may_hold_date(line) == expected, line);
                            });
  CHECK(dates > 2000);
}

TEST_CASE("title_like: the bit masks answer as the word loop, at every length and place") {
  // Title Case, small words, lower-case words, quotes and brackets that
  // open words, runs of spaces, bytes beyond ASCII, of every length up to
  // the 64 bytes the masks cover and past them.
  int titles = 0;
  testing::for_random_lines({" ", "  ", "Home", "of", "the", "and", "news", "x", "A", "&", "(", "\"", "'", "[",
                             "\xE2\x80\x9C", "\xE2\x80\x94", "\xC3\xA9t\xC3\xA9", "World", "via", "into"},
                            20000, 80, [&](const std::string& line) {
                              const bool expected = title_like_bytewise(line);
                              titles += expected;
                              CHECK_MESSAGE(title_like(line) == expected, line);
                            });
  CHECK(titles > 1000);
  CHECK(titles < 19000);
}

TEST_CASE("is_title_small_word: the short function words of a title, in any case, and nothing else") {
  for (const char* w : {"a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "by", "with",
                        "from", "as", "into", "vs", "via", "per", "&", "The", "AND", "Into", "oF"})
    CHECK_MESSAGE(is_title_small_word(w), w);
  for (const char* w : {"", "b", "am", "then", "ands", "fro", "wit", "intO2", "within", "news", "th", "&&", "a.", "é"})
    CHECK_MESSAGE(!is_title_small_word(w), w);
  CHECK_FALSE(is_title_small_word(std::string_view("a\0", 2)));
}

TEST_CASE("title_lines_for_run: the run found is the one title_lines gives, wherever the title repeats") {
  const std::string title = "River Bridge to Close This Spring | The Valley Gazette\n";
  const std::string menu = "Home\nNews\nSport\nWeather\nContact\n";
  const std::string footer = "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\n";
  const std::string headline = "River Bridge to Close This Spring\n";
  const std::string teaser = "Related: River Bridge to Close This Spring, and Other News\n";
  const std::string pages[] = {
      title + menu + headline + kArticle + footer,                            // the headline over the prose
      title + menu + kArticle + menu + menu + teaser + footer,                // the title only in a list far below
      title + headline + menu + menu + kArticle + footer + teaser + menu,     // a headline far over the prose
      title + menu + teaser + menu + headline + "By Ana Ruiz\n" + kArticle + footer + teaser,  // both
      title + menu + kArticle + footer,                                       // no repeat at all
  };
  for (const std::string& page : pages) {
    Described d = describe(page);
    REQUIRE(d.lines.size() > 10);
    std::vector<char> all, for_run;
    title_lines(*d.in, all);
    title_lines_for_run(*d.in, d.lines, d.lines.size(), for_run);
    const ArticleRun a = find_article_run(*d.in, d.lines, all, d.lines.size());
    const ArticleRun b = find_article_run(*d.in, d.lines, for_run, d.lines.size());
    CAPTURE(page);
    CHECK(a.found == b.found);
    CHECK(a.first == b.first);
    CHECK(a.last == b.last);
    CHECK(a.headline == b.headline);
    CHECK(a.headline_matches_title == b.headline_matches_title);
    CHECK(a.good_words == b.good_words);
    CHECK(all == for_run);  // as find_article_run leaves them: the lines that earn the bonus
  }
}
