#include <doctest/doctest.h>

#include "rules/builtin.h"
#include "rules/hit_memo.h"
#include "rules/parser.h"
#include "rules/ruleset.h"
#include "text/normalise.h"

using namespace newsclean;

namespace {

ParsedRules parse(const std::string& text) {
  ParsedRules p;
  parse_rule_text(text, "t.rules", p, false);
  return p;
}

std::unique_ptr<RuleSet> compiled(const std::string& text) {
  const ParsedRules p = parse(text);
  REQUIRE(p.ok());
  auto set = RuleSet::compile(p.rules, nullptr);
  REQUIRE(set);
  return set;
}

std::string first_error(const std::string& text) {
  auto p = parse(text);
  return p.errors.empty() ? "" : p.errors[0].format();
}

Block block(const std::string& text) {
  Block b;
  normalise_line(text, {}, b.text);
  measure_block(b);
  return b;
}

std::vector<int> match(const RuleSet& set, const std::string& text, Zone zone = Zone::Body,
                       const std::string& host = "", const std::string& lang = "") {
  std::vector<int> hits;
  set.match(block(text), zone, set.active_for(host, lang), hits);
  return hits;
}

}  // namespace

TEST_CASE("parser: a rule with every kind of condition") {
  auto p = parse(
      "# comment\n"
      "[meta site=example.com lang=en]\n"
      "drop read-time /^\\d+ min read$/i words<=6 chars>=3 zone=head,tail kind=paragraph  # trailing comment\n"
      "# match: 3 min read\n"
      "# no-match: reading\n");
  REQUIRE(p.ok());
  REQUIRE(p.rules.size() == 1);
  const Rule& r = p.rules[0];
  CHECK(r.id == "meta/read-time");
  CHECK(r.action == RuleAction::Drop);
  CHECK(r.pattern == "^\\d+ min read$");
  CHECK(r.ignore_case);
  CHECK(r.max_words == 6);
  CHECK(r.min_chars == 3);
  CHECK(r.zones == ((1u << int(Zone::Head)) | (1u << int(Zone::Tail))));
  CHECK(r.sites == std::vector<std::string>{"example.com"});
  CHECK(r.langs == std::vector<std::string>{"en"});
  REQUIRE(r.examples.size() == 2);
  CHECK(r.examples[0].should_match);
  CHECK_FALSE(r.examples[1].should_match);
}

TEST_CASE("parser: a slash inside a pattern and spaces in it") {
  auto p = parse("[c]\ndrop credit /\\(AP Photo\\/[^)]*\\)$/ words<=30\n");
  REQUIRE(p.ok());
  CHECK(p.rules[0].pattern == "\\(AP Photo/[^)]*\\)$");
}

TEST_CASE("parser: errors name line and column, with the line and a caret") {
  CHECK(first_error("[c]\ndrop x /(oops/\n").find("t.rules:2:9: bad pattern") == 0);
  CHECK(first_error("[c]\ndrop x /abc\n").find("t.rules:2:8: pattern is not closed") == 0);
  CHECK(first_error("drop x /a/\n").find("t.rules:1:1: rule before any [category]") == 0);
  CHECK(first_error("[c]\nzap x /a/\n").find("t.rules:2:1: unknown action 'zap'") == 0);
  CHECK(first_error("[c]\ndrop X /a/\n").find("t.rules:2:6: bad rule name") == 0);
  CHECK(first_error("[c]\ndrop x /a/ word<=3\n").find("t.rules:2:12: unknown condition") == 0);
  CHECK(first_error("[c]\ndrop x /a/ words<=z\n").find("expected a whole number") != std::string::npos);
  CHECK(first_error("[c]\ndrop x /a/ words>=5 words<=2\n").find("exclude every block") != std::string::npos);
  CHECK(first_error("[c]\ndrop x /a/z\n").find("unknown pattern flag 'z'") != std::string::npos);
  CHECK(first_error("[c]\ndrop x\n").find("rule has no condition") != std::string::npos);
  CHECK(first_error("[c]\nstrip x words<=3\n").find("strip rule needs a /pattern/") != std::string::npos);
  CHECK(first_error("[c]\ndrop x /a/\ndrop x /b/\n").find("already defined at line 2") != std::string::npos);
  CHECK(first_error("[c site=http://x.com/]\n").find("not a URL") != std::string::npos);
  CHECK(first_error("[c\n").find("missing ']'") != std::string::npos);
  CHECK(first_error("[c]\ndrop x /a/ zone=middle\n").find("unknown zone 'middle'") != std::string::npos);
  CHECK(first_error("include other.rules\n").find("include is not allowed") != std::string::npos);
  const std::string shown = first_error("[c]\ndrop x /(oops/\n");
  CHECK(shown.find("\n    drop x /(oops/\n            ^") != std::string::npos);
}

TEST_CASE("parser: a pattern RE2 refuses as too big is an error, not a crash") {
  CHECK(first_error("[c]\ndrop x /((a{100}){100}){100}/\n").find("bad pattern") != std::string::npos);
}

TEST_CASE("ruleset: matching applies word limits, zones, scopes") {
  auto set = compiled(
      "[meta]\n"
      "drop read /^\\d+ min read$/i words<=4\n"
      "drop tail-only /^Source:/ zone=tail words<=8\n"
      "[site site=example.com]\n"
      "drop plug /^Follow us$/\n"
      "[de lang=de]\n"
      "drop werbung /^Werbung$/\n");
  CHECK(match(*set, "3 MIN READ").size() == 1);
  CHECK(match(*set, "It was a 3 min read").empty());
  CHECK(match(*set, "Source: Wires", Zone::Body).empty());
  CHECK(match(*set, "Source: Wires", Zone::Tail).size() == 1);
  CHECK(match(*set, "Follow us").empty());
  CHECK(match(*set, "Follow us", Zone::Body, "news.example.com").size() == 1);
  CHECK(match(*set, "Follow us", Zone::Body, "badexample.com").empty());
  CHECK(match(*set, "Werbung", Zone::Body, "", "en").empty());
  CHECK(match(*set, "Werbung", Zone::Body, "", "de").size() == 1);
  CHECK(set->has_language_rules());
}

TEST_CASE("ruleset: a language's rules sit in sets of their own, run only for that language") {
  auto set = compiled(
      "[meta]\n"
      "drop read /^\\d+ min read$/i words<=4\n"
      "[meta lang=de]\n"
      "drop lesezeit /^Lesezeit: \\d+ Min\\.$/ words<=4\n"
      "drop werbung /^Werbung$/\n"
      "[meta lang=fr,de]\n"
      "drop pub /^Pub$/\n");
  const auto en = set->active_for("", "en"), de = set->active_for("", "de"), fr = set->active_for("", "fr");
  // The generic rule sits in one tier (words<=4); the German ones in theirs.
  CHECK(set->patterns_in_force(en) == 1);
  CHECK(set->patterns_in_force(set->active_for("", "")) == 1);
  CHECK(set->patterns_in_force(fr) == 1 + 4);
  CHECK(set->patterns_in_force(de) == 1 + 1 + 4 + 4);
  CHECK(match(*set, "Lesezeit: 3 Min.", Zone::Body, "", "de").size() == 1);
  CHECK(match(*set, "Lesezeit: 3 Min.", Zone::Body, "", "en").empty());
  CHECK(match(*set, "Pub", Zone::Body, "", "fr").size() == 1);
  CHECK(match(*set, "Pub", Zone::Body, "", "de").size() == 1);
  CHECK(match(*set, "Pub", Zone::Body, "", "en").empty());
  CHECK(match(*set, "3 min read", Zone::Body, "", "de").size() == 1);
}

TEST_CASE("ruleset: a document in a language runs its groups merged, with the same hits as each alone") {
  // For German, the generic group, "de" and "fr,de" run as one group; its
  // sets and gates must find what each group's own would.
  auto set = compiled(
      "[meta]\n"
      "drop read /^\\d+ min read$/i words<=4\n"
      "drop credit /Credit: [A-Z]+$/ has=Credit:\n"
      "[meta lang=de]\n"
      "drop lesezeit /^Lesezeit: \\d+ Min\\.$/ words<=4\n"
      "drop abo /Abo für \\d+ Euro/ has=Abo\n"
      "[meta lang=fr,de]\n"
      "drop pub /^Pub$/\n");
  set->merge_groups_after(0);
  for (const char* lang : {"de", "fr", "en"}) {
    const bool de = std::string(lang) == "de", fr = std::string(lang) == "fr";
    CHECK_MESSAGE(match(*set, "3 min read", Zone::Body, "", lang).size() == 1, lang);
    CHECK_MESSAGE(match(*set, "A photo. Credit: AFP", Zone::Body, "", lang).size() == 1, lang);
    CHECK_MESSAGE(match(*set, "Lesezeit: 3 Min.", Zone::Body, "", lang).size() == (de ? 1u : 0u), lang);
    CHECK_MESSAGE(match(*set, "Jetzt ein Abo für 5 Euro im Monat", Zone::Body, "", lang).size() == (de ? 1u : 0u), lang);
    CHECK_MESSAGE(match(*set, "Pub", Zone::Body, "", lang).size() == (de || fr ? 1u : 0u), lang);
    CHECK_MESSAGE(match(*set, "Nichts davon", Zone::Body, "", lang).empty(), lang);
  }
}

TEST_CASE("ruleset: an English document runs no more patterns with the language packs built in") {
  ParsedRules all, generic;
  for (std::size_t i = 0; i < kBuiltinRuleFileCount; ++i) {
    parse_rule_text(kBuiltinRuleFiles[i].text, kBuiltinRuleFiles[i].name, all, false);
    if (std::string(kBuiltinRuleFiles[i].name).rfind("rules/lang/", 0) != 0)
      parse_rule_text(kBuiltinRuleFiles[i].text, kBuiltinRuleFiles[i].name, generic, false);
  }
  REQUIRE(all.ok());
  auto with_packs = RuleSet::compile(all.rules, nullptr);
  auto without = RuleSet::compile(generic.rules, nullptr);
  REQUIRE(with_packs);
  REQUIRE(without);
  CHECK(with_packs->compile_all_groups());
  CHECK(with_packs->patterns_in_force(with_packs->active_for("", "en")) ==
        without->patterns_in_force(without->active_for("", "en")));
  for (const char* lang : {"de", "fr", "es", "pt", "it", "nl", "pl", "ru", "id"})
    CHECK_MESSAGE(with_packs->patterns_in_force(with_packs->active_for("", lang)) >
                      without->patterns_in_force(without->active_for("", lang)),
                  lang);
}

TEST_CASE("ruleset: a block that repeats an earlier one shares its hits, each under its own conditions") {
  // match_all matches a repeated text once; each copy still meets the
  // zones and kinds its rules ask for, and a text that differs only in
  // case is matched on its own (a case-sensitive rule tells them apart).
  auto set = compiled(
      "[meta]\n"
      "drop share /^Share$/\n"
      "drop tail-source /^Source: Wires$/ zone=tail\n"
      "drop gated /Credit: AFP$/ has=Credit:\n"
      "drop item /^Menu$/ kind=list-item\n");
  const std::vector<std::string> texts = {"Share", "Source: Wires", "A cat. Credit: AFP", "Menu", "SHARE",
                                          "Share", "Source: Wires", "A cat. Credit: AFP", "Menu", "Share"};
  std::vector<Block> blocks;
  std::vector<Zone> zones;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    blocks.push_back(block(texts[i]));
    if (i == 8) blocks.back().kind = BlockKind::ListItem;
    zones.push_back(i < 5 ? Zone::Head : Zone::Tail);
  }
  const std::vector<char> active = set->active_for("", "en");
  std::vector<std::vector<int>> hits;
  set->match_all(blocks, zones, active, hits);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    std::vector<int> alone;
    set->match(blocks[i], zones[i], active, alone);
    INFO(i << " " << texts[i]);
    CHECK(hits[i] == alone);
  }
  CHECK(hits[0].size() == 1);   // Share
  CHECK(hits[4].empty());       // SHARE: not the case the rule asks for
  CHECK(hits[1].empty());       // the source line, but in the head
  CHECK(hits[6].size() == 1);   // ... and its copy in the tail
  CHECK(hits[3].empty());       // Menu, not a list item
  CHECK(hits[8].size() == 1);   // ... and its copy that is one
  CHECK(hits[7].size() == 1);   // the gated rule, on the copy too
}

TEST_CASE("ruleset: a block met in an earlier document takes the hits kept from there, for the same rules only") {
  // The second and third documents repeat lines of the first (the memo
  // answers), under other zones and kinds, and with other rules in force:
  // every block's hits are still those of match() alone.
  auto set = compiled(
      "[meta]\n"
      "drop share /^Share$/\n"
      "drop tail-source /^Source: Wires$/ zone=tail\n"
      "drop gated /Credit: AFP$/ has=Credit:\n"
      "drop item /^Menu$/ kind=list-item\n"
      "drop short-only /^Read more$/ words<=2\n"
      "[meta lang=de]\n"
      "drop teilen /^Share$/\n");
  auto other = compiled("[meta]\ndrop menu /^Menu$/\n");
  auto run = [](const RuleSet& rules, const std::vector<std::string>& texts, const char* lang, Zone zone,
                BlockKind kind) {
    std::vector<Block> blocks;
    std::vector<Zone> zones;
    for (const std::string& t : texts) {
      blocks.push_back(block(t));
      blocks.back().kind = kind;
      zones.push_back(zone);
    }
    const std::vector<char> active = rules.active_for("", lang);
    std::vector<std::vector<int>> hits;
    rules.match_all(blocks, zones, active, hits);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      std::vector<int> alone;
      rules.match(blocks[i], zones[i], active, alone);
      INFO(lang << " " << i << " " << texts[i]);
      CHECK(hits[i] == alone);
    }
    return hits;
  };
  const std::vector<std::string> texts = {"Share", "Source: Wires", "A cat. Credit: AFP", "Menu", "Read more"};
  auto first = run(*set, texts, "en", Zone::Head, BlockKind::Paragraph);
  CHECK(first[0].size() == 1);
  CHECK(first[1].empty());  // the head
  auto again = run(*set, texts, "en", Zone::Tail, BlockKind::ListItem);
  CHECK(again[1].size() == 1);  // the same text, now in the tail
  CHECK(again[3].size() == 1);  // and a list item
  auto german = run(*set, texts, "de", Zone::Body, BlockKind::Paragraph);
  CHECK(german[0].size() == 2);  // the German rule is in force too
  // The same words, one more of them: the tier and the word limits differ.
  std::vector<Block> longer = {block("Read more")};
  longer[0].words = 3;
  std::vector<std::vector<int>> hits;
  set->match_all(longer, {Zone::Body}, set->active_for("", "en"), hits);
  CHECK(hits[0].empty());
  // Another rule set on the same thread has its own entries.
  auto theirs = run(*other, texts, "en", Zone::Body, BlockKind::Paragraph);
  CHECK(theirs[0].empty());
  CHECK(theirs[3].size() == 1);
}

TEST_CASE("hit memo: keeps a text's hits under its owner and word count, and only what fits") {
  HitMemo memo;
  std::vector<int> out;
  const std::string text = "Advertisement";
  const std::uint64_t h = HitMemo::hash_of(text);
  CHECK_FALSE(memo.find(7, 1, text, h, out));
  memo.store(7, 1, text, h, {3, 9});
  REQUIRE(memo.find(7, 1, text, h, out));
  CHECK(out == std::vector<int>{3, 9});
  CHECK_FALSE(memo.find(8, 1, text, h, out));  // other rules in force
  CHECK_FALSE(memo.find(7, 2, text, h, out));  // another word count
  const std::string other = "Advertisemen!";
  CHECK_FALSE(memo.find(7, 1, other, h, out));  // the text is compared, not only its hash
  CHECK(HitMemo::hash_of(other) != h);
  memo.store(7, 1, text, h, {});
  REQUIRE(memo.find(7, 1, text, h, out));
  CHECK(out.empty());
  // Too many hits, or too long a text: not kept, and what was there stays.
  memo.store(7, 1, text, h, std::vector<int>(HitMemo::kMaxHits + 1, 1));
  CHECK(memo.find(7, 1, text, h, out));
  CHECK(out.empty());
  const std::string long_text(HitMemo::kMaxBytes + 1, 'a');
  memo.store(7, 40, long_text, HitMemo::hash_of(long_text), {1});
  CHECK_FALSE(memo.find(7, 40, long_text, HitMemo::hash_of(long_text), out));
  // Texts that differ only in trailing zero bytes hash apart.
  CHECK(HitMemo::hash_of(std::string("ab", 2)) != HitMemo::hash_of(std::string("ab\0", 3)));
}

TEST_CASE("ruleset: a later rule with the same id replaces the earlier one") {
  auto a = parse("[meta]\ndrop read /^old$/\n");
  auto b = parse("[meta]\ndrop read /^new$/\n");
  std::vector<Rule> all = a.rules;
  all.insert(all.end(), b.rules.begin(), b.rules.end());
  auto set = RuleSet::compile(all, nullptr);
  REQUIRE(set);
  CHECK(set->rules().size() == 1);
  CHECK(match(*set, "old").empty());
  CHECK(match(*set, "new").size() == 1);
}

TEST_CASE("ruleset: strip cuts every match and folds the space left") {
  auto set = compiled("[caption]\nstrip credit /\\s*\\(Photo: [^)]*\\)/\n");
  std::string t = "A man waves (Photo: AP) at the crowd.";
  set->strip(0, t);
  CHECK(t == "A man waves at the crowd.");
}

TEST_CASE("ruleset: long blocks skip the short-rule set but still meet other rules") {
  auto p = parse("[c]\ndrop short /needle/ words<=5\ndrop any /needle/\n");
  auto set = RuleSet::compile(p.rules, nullptr);
  REQUIRE(set);
  const std::string long_text = "needle " + std::string(60 * 5, 'x') + " and many more words to pass the limit "
                                "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                "fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three "
                                "a b c d e f g h i j k l m n o p q r s t u v w x y z";
  auto hits = match(*set, long_text);
  REQUIRE(hits.size() == 1);
  CHECK(set->rules()[hits[0]].id == "c/any");
  CHECK(match(*set, "a needle").size() == 2);
}

TEST_CASE("host_in_site") {
  CHECK(host_in_site("example.com", "example.com"));
  CHECK(host_in_site("news.example.com", "example.com"));
  CHECK_FALSE(host_in_site("myexample.com", "example.com"));
  CHECK_FALSE(host_in_site("", "example.com"));
}

TEST_CASE("parser: a slash inside a character class does not end the pattern") {
  auto p = parse("[c]\ndrop credit /\\((photo|image) ?[:/] ?[^()]+\\)$/i words<=30\n");
  REQUIRE(p.ok());
  CHECK(p.rules[0].pattern == "\\((photo|image) ?[:/] ?[^()]+\\)$");
  auto q = parse("[c]\ndrop odd /[]/]x/\n");
  REQUIRE(q.ok());
  CHECK(q.rules[0].pattern == "[]/]x");
}

TEST_CASE("relaxed counted repetition keeps the set fast and the match exact") {
  bool changed = false;
  CHECK(relax_counted_repetition("a{1,80}b", &changed) == "a+b");
  CHECK(changed);
  CHECK(relax_counted_repetition(".{0,40}x", &changed) == ".*x");
  CHECK(relax_counted_repetition("\\d{7,}", &changed) == "\\d+");
  // Short counts stay: a year's \d{4}, six or more digits of a phone number.
  CHECK(relax_counted_repetition("x{2}y{1,3}\\d{4}z{1,6}\\d{6,}", &changed) == "x{2}y{1,3}\\d{4}z{1,6}\\d{6,}");
  CHECK_FALSE(changed);
  CHECK(relax_counted_repetition("[{]{7} \\{1,9} {a}", &changed) == "[{]+ \\{1,9} {a}");
  // A rule whose relaxed pattern would match too much still obeys its limit.
  auto p = parse("[c]\ndrop short /^x{1,3}y{2,9}$/ words<=3\n");
  auto set = RuleSet::compile(p.rules, nullptr);
  REQUIRE(set);
  CHECK(match(*set, "xyy").size() == 1);
  CHECK(match(*set, "xyyyyyyyyy").size() == 1);
  CHECK(match(*set, "xyyyyyyyyyy").empty());
}

TEST_CASE("widened property classes match exactly on ASCII text and beyond it") {
  // The set holds \p{Lu} as [A-Z\x{80}-\x{10FFFF}]: on ASCII text the two
  // agree, beyond it only the exact regex can tell a lower-case é apart.
  auto set = compiled("[c]\ndrop cap /^\\p{Lu}\\pL+ \\d+$/ words<=3\n");
  CHECK(match(*set, "Page 12").size() == 1);
  CHECK(match(*set, "page 12").empty());
  CHECK(match(*set, "\xC3\x89t\xC3\xA9 12").size() == 1);  // Été 12
  CHECK(match(*set, "\xC3\xA9t\xC3\xA9 12").empty());       // été 12
  CHECK(match(*set, "Caf\xC3\xA9 12").size() == 1);           // Café 12
  CHECK(match(*set, "Caf\xE2\x80\x94 12").empty());          // "Caf— 12": a dash is no letter
}

TEST_CASE("required_leading_byte: a byte every match must hold, or -1") {
  CHECK(required_leading_byte("\\s*\\((photo|image)s?: [^()]+\\)") == '(');
  CHECK(required_leading_byte("\\[(ap|afp)\\]$") == '[');
  CHECK(required_leading_byte(" ?\xC2\xA9\\s?\\d{4}") == -1);  // "©" is two bytes beyond ASCII: not taken
  CHECK(required_leading_byte(":x") == ':');
  CHECK(required_leading_byte("\\(?photo") == -1);      // the byte is optional
  CHECK(required_leading_byte("\\(*photo") == -1);
  CHECK(required_leading_byte("\\(photo|image") == -1);  // an alternative without it
  CHECK(required_leading_byte("photo\\)") == -1);       // a letter, two cases under /i
  CHECK(required_leading_byte("[(]photo") == -1);
  CHECK(required_leading_byte("(\\(photo)") == -1);
  CHECK(required_leading_byte(".x") == -1);
  CHECK(required_leading_byte("") == -1);
  CHECK(required_leading_byte("\\s*") == -1);
}

TEST_CASE("ruleset: a set skipped for lack of its byte still matches when the byte is there") {
  // Past 60 words only span rules that open with '(' look inside a block.
  auto set = compiled("[c]\nstrip span /\\s*\\((photo|image): [^()]+\\)/i words>=20\n");
  std::string words;
  for (int k = 0; k < 70; ++k) words += " word";
  CHECK(match(*set, "Start" + words + " (Photo: AP) end.").size() == 1);
  CHECK(match(*set, "Start" + words + " Photo: AP end.").empty());
  CHECK(match(*set, "Start" + words + " (Photo AP) end.").empty());
}

TEST_CASE("scans_from_start: a broad repeated class before anything most text lacks") {
  CHECK(scans_from_start("^[^.!?]+ ?[|-] ?\\d+ min read$"));
  CHECK(scans_from_start("^(\\xC2\\xA9\\s?)?([\\pL.' -]+( ?/ ?| via ))?(getty|ap)$"));  // an optional group opens it
  CHECK(scans_from_start("^\\(?[\\pL\\d' -]+ (is|are) on telegram"));
  CHECK(scans_from_start("^([\\pL ]*\\? )?(pin|save) it$"));
  CHECK(scans_from_start("^.*\\bdeal\\b"));
  CHECK(scans_from_start("^(a|[^x]+)b"));  // one broad alternative is enough
  CHECK_FALSE(scans_from_start("^(photo|image)s?: [^.!?]+$"));  // the group's words come first
  CHECK_FALSE(scans_from_start("^advertisement$"));
  CHECK_FALSE(scans_from_start("^\\d+ min read$"));          // digits only: not broad
  CHECK_FALSE(scans_from_start("^(home|news)( ?[>/|] ?[\\pL ,-]+)+$"));
  CHECK_FALSE(scans_from_start("^[(\\[]?(with|inputs?) [^)\\]]+[)\\]]?$"));
  CHECK_FALSE(scans_from_start("[^.]+$"));                  // not anchored at all
  CHECK_FALSE(scans_from_start(""));
}

TEST_CASE("scans_from_start: a repeated group of words opens as broadly as a broad class") {
  CHECK(scans_from_start("^(free |the )*(\\pL+ ){0,3}newsletters?$"));
  CHECK(scans_from_start("^([a-z]+ )+news$"));
  CHECK(scans_from_start("^(\\p{L}+\\s)*news$"));
  CHECK(scans_from_start("^(\\w+,? )+news$"));  // an optional comma between the words
  CHECK_FALSE(scans_from_start("^(\\pL+ )?news$"));         // one turn at most
  CHECK_FALSE(scans_from_start("^(\\pL+-)+news$"));         // no space: within one word
  CHECK_FALSE(scans_from_start("^(\\{ ?[a-z]+ ?\\} ?)+$"));    // a brace each turn, which most text lacks
  CHECK_FALSE(scans_from_start("^(see (it|deals) ([a-z]+ )*|[A-Z]+ )+$"));  // alternatives: not one shape
  CHECK_FALSE(scans_from_start("^(\\pL )+news$"));          // one letter a turn
}

TEST_CASE("after_broad_start: what follows a broad opening, for the sets") {
  CHECK(after_broad_start("^[^.!?]+ ?[|-] ?\\d+ min read$") == " ?[|-] ?\\d+ min read$");
  CHECK(after_broad_start("^\\(?[\\pL\\d' -]+ (is|are) on telegram") == " (is|are) on telegram");
  CHECK(after_broad_start("^([\\pL ]*\\? )?(pin|save) it$") == "(pin|save) it$");  // an optional group opens it
  CHECK(after_broad_start("^(\\xC2\\xA9\\s?)?([\\pL.' -]+( ?/ ?| via ))?(getty|ap)$") == "(getty|ap)$");
  CHECK(after_broad_start("^[^x]+?y") == "y");                        // a lazy repetition is cut with its mark
  CHECK(after_broad_start("^(free |the )*(\\pL+ ){0,3}newsletters?$") == "newsletters?$");  // words before
  CHECK(after_broad_start("^(?i)[^.]+ read$") == "");                 // a flag group would be cut away
  CHECK(after_broad_start("^(?:[^.]+ )?read$") == "read$");           // a plain group is no flag group
  CHECK(after_broad_start("^.*") == "");                               // nothing follows
  CHECK(after_broad_start("^(photo|image)s?: [^.!?]+$") == "");         // does not scan from the start
  CHECK(after_broad_start("^(a|[^x]+)b") == "b");
  CHECK(after_broad_start("[^.]+ read$") == "");                      // not anchored
  CHECK(after_broad_start("^[^.]+a|b") == "");                        // an alternative escapes the '^'
}

TEST_CASE("ruleset: a rule whose set form was cut after its broad opening matches exactly as written") {
  auto set = compiled("[c]\ndrop channel /^\\(?[\\pL\\d' -]+ (is|are) now on telegram[.!]?$/i words<=40\n"
                      "drop pin /^([\\pL ]*\\? )?(pin|save) (it|this) for later[.!]*$/i words<=12\n");
  CHECK(match(*set, "Morning Wire is now on Telegram!").size() == 1);
  CHECK(match(*set, "(The Daily Planet is now on Telegram.").size() == 1);
  CHECK(match(*set, "Wait. The paper is now on Telegram").empty());  // the tail matches, the rule does not
  CHECK(match(*set, "Liked the recipe? Pin it for later!").size() == 1);
  CHECK(match(*set, "Pin this for later").size() == 1);
  CHECK(match(*set, "Great, now pin it for later").empty());           // a comma: not the rule's opening
}

TEST_CASE("ruleset: a rule cut after a repeated group of words matches exactly as written") {
  auto set = compiled("[c]\ndrop label /^(free |the )*(\\pL+ ){0,2}newsletters?:?$/i words<=6\n");
  CHECK(match(*set, "Newsletter").size() == 1);
  CHECK(match(*set, "The Morning Wire newsletter:").size() == 1);
  CHECK(match(*set, "Free weekly climate newsletters").size() == 1);
  CHECK(match(*set, "Sign up for our weekly newsletter").empty());  // three words before it: more than the rule allows
  CHECK(match(*set, "Weekly, our newsletter").empty());              // a comma: not the rule's words
}

TEST_CASE("ruleset: a start-anchored pattern in the unanchored set still matches only at the start") {
  auto set = compiled("[c]\ndrop read-time /^[^.!?]+ ?[|] ?\\d{1,3} min read$/i words<=14\n"
                 "drop label /^advertisement$/i words<=3\n");
  CHECK(match(*set, "Jane Roe | 5 min read").size() == 1);
  CHECK(match(*set, "Jane Roe. More | 5 min read").empty());  // '^' holds: no sentence end before
  CHECK(match(*set, "Advertisement").size() == 1);
  CHECK(match(*set, "An advertisement").empty());
}

TEST_CASE("anchored_at_start: only a '^' that no top-level alternative escapes") {
  CHECK(anchored_at_start("^Advertisement$"));
  CHECK(anchored_at_start("^(read more|also read):"));
  CHECK(anchored_at_start("^[a|b]x"));
  CHECK(anchored_at_start("^\\|x"));
  CHECK(anchored_at_start("^\\Qa|b\\E"));
  CHECK_FALSE(anchored_at_start("^a|b"));
  CHECK_FALSE(anchored_at_start("a^"));
  CHECK_FALSE(anchored_at_start("(^a)"));
  CHECK_FALSE(anchored_at_start(""));
}

TEST_CASE("ruleset: anchored and unanchored patterns of one tier both match") {
  auto set = compiled(
      "[meta]\n"
      "drop start /^Share$/i\n"
      "drop either /^Print|Email$/i\n"
      "drop end /\\(Photo: AP\\)$/\n");
  CHECK(match(*set, "share").size() == 1);
  CHECK(match(*set, "Send by email").size() == 1);  // the second alternative is not anchored
  CHECK(match(*set, "Print this").size() == 1);
  CHECK(match(*set, "Please share").empty());
  CHECK(match(*set, "A rally in Ohio (Photo: AP)").size() == 1);
  CHECK(match(*set, "Share (Photo: AP)").size() == 1);
}

namespace {
// The gate's answer for its first `rules` rules (default: as many as it
// answers for), as one flag a rule.
std::vector<char> gate_finds(const NeedleGate& gate, const std::string& text, std::size_t rules) {
  const std::uint64_t found = gate.find(text);
  std::vector<char> flags(rules);
  for (std::size_t k = 0; k < rules; ++k) flags[k] = static_cast<char>(found >> k & 1);
  CHECK((rules == 64 || found >> rules == 0));  // no bit beyond the rules
  return flags;
}
}  // namespace

TEST_CASE("needle gate: finds each rule's strings at their rarest byte, in the rule's case") {
  const NeedleGate gate({{{"Credit:", "Photo:", "REUTERS/"}, false}, {{"Delivered", "issues"}, true}, {{"x", ""}, false}});
  using F = std::vector<char>;
  CHECK(gate_finds(gate, "in BeijingCredit: EPA", 3) == F{1, 0, 1});
  CHECK(gate_finds(gate, "Photo:", 3) == F{1, 0, 1});  // the whole text
  CHECK(gate_finds(gate, "a caption. REUTERS/Jane Roe", 3) == F{1, 0, 1});
  CHECK(gate_finds(gate, "in Beijingcredit: EPA", 3) == F{0, 0, 1});  // case heeded
  CHECK(gate_finds(gate, "Credit", 3) == F{0, 0, 1});                 // cut short at the end
  CHECK(gate_finds(gate, ":hoto: and : alone", 3) == F{0, 0, 1});     // the rare byte without the rest
  CHECK(gate_finds(gate, "news, DELIVERED daily", 3) == F{0, 1, 1});  // folded
  CHECK(gate_finds(gate, "six Issues for £5", 3) == F{0, 1, 1});
  CHECK(gate_finds(gate, "delivery", 3) == F{0, 0, 1});
  // Past the first 16 bytes, across a 16-byte edge, and in the tail.
  const std::string pad(13, '.');
  for (std::size_t shift = 0; shift < 40; ++shift) {
    const std::string text = std::string(shift, 'a') + "Photo:" + pad;
    CHECK_MESSAGE(gate_finds(gate, text, 3)[0] == 1, shift);
    CHECK_MESSAGE(gate_finds(gate, std::string(shift, 'a') + "PHOTO:" + pad, 3)[0] == 0, shift);
    // At the very end, where the last 16 bytes are compared again.
    CHECK_MESSAGE((gate_finds(gate, std::string(shift, 'a') + "Photo:", 3) == F{1, 0, 1}), shift);
    CHECK_MESSAGE((gate_finds(gate, std::string(shift, 'a') + "Photo", 3) == F{0, 0, 1}), shift);
  }
  CHECK(byte_commonness(':') < byte_commonness('C'));
  CHECK(byte_commonness('C') < byte_commonness('e'));
}

TEST_CASE("needle gate: an ellipsis is scanned for by its last byte, not the quotes' shared middle one") {
  // "…" is E2 80 A6; the curly quotes and dashes share E2 80.
  CHECK(byte_commonness(0x80) > byte_commonness(0xA6));
  const NeedleGate gate({{{"\xE2\x80\xA6", "..."}, false}});
  CHECK(gate_finds(gate, "\xE2\x80\x9CYes,\xE2\x80\x9D she said \xE2\x80\x93 and more", 1) == std::vector<char>{0});
  CHECK(gate_finds(gate, "\xE2\x80\x9CRead on\xE2\x80\xA6\xE2\x80\x9D", 1) == std::vector<char>{1});
  CHECK(gate_finds(gate, "Read on...", 1) == std::vector<char>{1});
}

TEST_CASE("needle gate: the same answer as a plain search, for any text length and place") {
  // Short strings over a small alphabet, so that their bytes and pairs stand
  // everywhere by chance: every stop, overlap, edge and tail is met. With
  // few rules the gate compares 16 bytes at a time; with many it takes the
  // byte loop; both must agree with std::string::find.
  const std::string alphabet = "aAbB.:/ \xE2\x80\xA6";
  std::uint64_t seed = 88172645463325252ULL;
  auto next = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  auto random_text = [&](std::size_t n) {
    std::string t;
    for (std::size_t k = 0; k < n; ++k) t += alphabet[next() % alphabet.size()];
    return t;
  };
  auto lower = [](std::string t) {
    for (char& c : t)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
    return t;
  };
  // A string of one byte is met at the very last byte.
  const NeedleGate one({{{"x"}, false}, {{"Q"}, true}});
  for (std::size_t n = 0; n < 40; ++n) {
    CHECK_MESSAGE((gate_finds(one, std::string(n, 'a') + "x", 2) == std::vector<char>{1, 0}), n);
    CHECK_MESSAGE((gate_finds(one, std::string(n, 'a') + "q", 2) == std::vector<char>{0, 1}), n);
  }
  for (std::size_t rules : {3, 40}) {
    std::vector<NeedleGate::Strings> strings(rules);
    for (std::size_t r = 0; r < rules; ++r) {
      strings[r].ignore_case = r % 2 == 1;
      for (std::size_t k = 0; k < 1 + next() % 3; ++k) strings[r].needles.push_back(random_text(1 + next() % 4));
    }
    const NeedleGate gate(strings);
    for (int round = 0; round < 400; ++round) {
      const std::string text = random_text(next() % 60);
      std::vector<char> expected(rules, 0);
      for (std::size_t r = 0; r < rules; ++r)
        for (const std::string& needle : strings[r].needles)
          if ((strings[r].ignore_case ? lower(text).find(lower(needle)) : text.find(needle)) != std::string::npos)
            expected[r] = 1;
      CHECK_MESSAGE(gate_finds(gate, text, rules) == expected, rules << " rules, text \"" << text << '"');
    }
  }
}

TEST_CASE("ruleset: has= strings keep their case; the gate follows the pattern's flag") {
  auto set = compiled(
      "[caption]\n"
      "drop tail /\\p{Ll}Credit: \\w+$/ has=Credit:\n"
      "drop delivered /^news, delivered daily$/i has=Delivered\n");
  CHECK(set->rules()[0].needs == std::vector<std::string>{"Credit:"});
  CHECK(match(*set, "in BeijingCredit: EPA").size() == 1);
  CHECK(match(*set, "in Beijingcredit: EPA").empty());
  CHECK(match(*set, "NEWS, DELIVERED DAILY").size() == 1);
}

TEST_CASE("ruleset: more rules with has= than one gate answers for") {
  // A gate answers for NeedleGate::kMaxRules rules; the rest go to the next.
  std::string text = "[meta]\n";
  const std::size_t n = NeedleGate::kMaxRules + 6;
  for (std::size_t k = 0; k < n; ++k)
    text += "drop r" + std::to_string(k) + " /^tag" + std::to_string(k) + "x$/ has=tag" + std::to_string(k) + "x\n";
  auto set = compiled(text);
  for (std::size_t k : {std::size_t{0}, std::size_t{63}, std::size_t{64}, n - 1}) {
    const std::vector<int> hits = match(*set, "tag" + std::to_string(k) + "x");
    REQUIRE(hits.size() == 1);
    CHECK(set->rules()[static_cast<std::size_t>(hits[0])].id == "meta/r" + std::to_string(k));
  }
  CHECK(match(*set, "tag" + std::to_string(n) + "x").empty());
}
