#include <doctest/doctest.h>

#include "clean/page/boilerplate.h"
#include "newsclean/newsclean.h"

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
