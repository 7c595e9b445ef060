// HTML input: charset detection, the pre-pass and its bounds, block building,
// the article finder, and the hostile shapes that make Gumbo quadratic.
#include <doctest/doctest.h>
#include <gumbo.h>

#include <cstdint>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "html/arena.h"
#include "html/charset.h"
#include "html/page.h"
#include "html/prepass.h"
#include "newsclean/newsclean.h"

using namespace newsclean;
using namespace newsclean::html;

namespace {

std::unique_ptr<Cleaner> builtin_cleaner() {
  std::vector<RuleError> errors;
  auto c = Cleaner::create(Config{}, &errors);
  REQUIRE(c);
  return c;
}

Document clean_html(const std::string& page) {
  static auto cleaner = builtin_cleaner();
  DocumentOptions o;
  o.format = InputFormat::Html;
  return cleaner->clean(page, o);
}

// CPU seconds, not wall-clock: the bound is on the work done, and a loaded
// machine must not fail the test.
using CpuTime = std::clock_t;
CpuTime cpu_now() { return std::clock(); }
// The time limits are for a plain build; under the sanitizers code runs
// several times slower, so their CPU time is scaled back before comparing.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kSanitizerSlowdown = 5.0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kSanitizerSlowdown = 5.0;
#else
constexpr double kSanitizerSlowdown = 1.0;
#endif
#else
constexpr double kSanitizerSlowdown = 1.0;
#endif
double seconds_since(CpuTime t0) {
  return static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC / kSanitizerSlowdown;
}

const char* kProse1 =
    "The harbour board agreed on Monday to dredge the northern channel before winter, ending a dispute that had "
    "kept larger ferries away from the town for most of the year.";
const char* kProse2 =
    "Fishermen welcomed the decision but said the work should have started in spring, when the water was calmer "
    "and the boats were still tied up in the old basin.";
const char* kProse3 =
    "The board expects the dredging to take six weeks and to cost less than the repairs that were carried out on "
    "the southern wall three years ago, its chair said.";

std::string article_page(const std::string& inside_article, const std::string& outside = "") {
  return std::string("<!doctype html><html><head><title>T</title></head><body><nav><ul><li><a href=/>Home</a></li>"
                     "<li><a href=/n>News</a></li></ul></nav><article><h1>Channel to be dredged</h1><p>") +
         kProse1 + "</p>" + inside_article + "<p>" + kProse2 + "</p><p>" + kProse3 + "</p></article>" + outside +
         "<footer><p>Contact</p></footer></body></html>";
}

}  // namespace

TEST_CASE("charset: labels, declarations and lies") {
  CHECK(canonical_charset("ISO-8859-1") == "windows-1252");
  CHECK(canonical_charset(" Shift_JIS ") == "shift_jis");
  CHECK(canonical_charset("bogus") == "");
  CHECK(declared_charset("<html><head><meta charset=\"koi8-r\">") == "koi8-r");
  CHECK(declared_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">") ==
        "windows-1251");
  CHECK(declared_charset("\xEF\xBB\xBF<html>") == "utf-8");
  CHECK(declared_charset("<html><body>nothing</body>") == "");

  // Legacy bytes, declared: converted.
  Decoded d = decode_to_utf8("<meta charset=windows-1252><p>caf\xE9 \x93quoted\x94</p>");
  CHECK(d.converted);
  CHECK(d.text.find("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D") != std::string::npos);
  // Legacy bytes, undeclared: sniffed as windows-1252.
  d = decode_to_utf8("<p>na\xEFve</p>");
  CHECK(d.charset == "windows-1252");
  CHECK(d.text.find("na\xC3\xAFve") != std::string::npos);
  // Declared latin1 but valid UTF-8: the declaration lies.
  d = decode_to_utf8("<meta charset=iso-8859-1><p>caf\xC3\xA9</p>");
  CHECK(d.charset == "utf-8");
  CHECK_FALSE(d.converted);
  // Declared UTF-8 but latin1 bytes throughout.
  d = decode_to_utf8("<meta charset=utf-8><p>caf\xE9 cr\xE8me br\xFBl\xE9" "e</p>");
  CHECK(d.charset == "windows-1252");
  // Shift_JIS through iconv.
  d = decode_to_utf8("<meta charset=shift_jis><p>\x93\xfa\x96\x7b</p>");
  CHECK(d.text.find("\xE6\x97\xA5\xE6\x9C\xAC") != std::string::npos);  // 日本
}

TEST_CASE("class and id names are matched as tokens, not substrings") {
  auto has = [](const std::vector<std::string>& v, const std::string& t) {
    for (const auto& x : v)
      if (x == t) return true;
    return false;
  };
  CHECK(has(name_tokens("share-bar"), "share"));
  CHECK(has(name_tokens("postShare"), "share"));
  CHECK(has(name_tokens("social_share_top"), "social-share"));
  CHECK_FALSE(has(name_tokens("shared-history"), "share"));
  CHECK_FALSE(has(name_tokens("adventure"), "ad"));
  CHECK(has(name_tokens("ad-slot"), "ad"));
}

TEST_CASE("JSON-LD articleBody, with escapes") {
  CHECK(json_ld_article_body(R"({"@type":"NewsArticle","articleBody":"Line one.\nLine \"two\" \u00e9\ud83d\ude00"})") ==
        "Line one. Line \"two\" \xC3\xA9\xF0\x9F\x98\x80");
  CHECK(json_ld_article_body(R"({"headline":"x"})") == "");
}

TEST_CASE("pre-pass strips what extraction never reads") {
  Prepassed p = prepass(
      "<html lang=en-GB><head><title>A &amp; B</title><meta property=og:title content='OG'>"
      "<link rel=canonical href='https://www.example.com/a'>"
      "<script type=application/ld+json>{\"articleBody\":\"x\"}</script><style>p{}</style></head>"
      "<body><!-- note --><p class=lead data-x=1 onclick=f() style='display: none'>Hi<script>var a='</p>';</script>"
      "<svg><text>no</text></svg><img src=a.png alt=pic></p></body></html>");
  CHECK(p.meta.title == "A &amp; B");
  CHECK(p.meta.og_title == "OG");
  CHECK(p.meta.canonical == "https://www.example.com/a");
  CHECK(p.meta.lang == "en-gb");
  REQUIRE(p.meta.json_ld.size() == 1);
  CHECK(p.html == "<p a=0>Hi</p>");
  REQUIRE(p.attrs.size() == 1);
  CHECK(p.attrs[0].classes == "lead");
  CHECK(p.attrs[0].hidden);
}

TEST_CASE("pre-pass closes implied ends explicitly") {
  CHECK(prepass("<p>a<p>b<ul><li>c<li>d</ul>").html == "<p>a</p><p>b</p><ul><li>c</li><li>d</li></ul>");
  CHECK(prepass("<p><b class=k>x</p>y").html == "<p><b a=0>x</b></p>y");
  // Inline elements with nothing to say are left out; their text stays.
  CHECK(prepass("<p><b>x</b> <span>y</span></p>").html == "<p>x y</p>");
  CHECK(prepass("<div>a</span></div>").html == "<div>a</div>");
  // White space folds (the run then goes to Gumbo as a placeholder).
  const Prepassed folded = prepass("<div>\n   a \t b\n\n</div>");
  REQUIRE(folded.runs.ends.size() == 1);
  CHECK(folded.runs.run(0) == "\na b\n");
}

TEST_CASE("pre-pass leaves out elements with nothing visible in them, when the text around stays apart") {
  // Empty wrappers (ad slots, icon holders) go, nested ones too.
  CHECK(prepass("<div class=a><div class=slot><i class=icon></i></div><p>x</p></div>").html ==
        "<div a=0><p>x</p></div>");
  // Only white space: a block goes, an inline element stays (its space parts two words).
  CHECK(prepass("<div class=a><div class=b>\n </div><p>x<span class=s> </span>y</p></div>").html ==
        "<div a=0><p>x<span a=2> </span>y</p></div>");
  // A block right after text would join that text to what follows: it stays.
  CHECK(prepass("<div>x<div class=e></div>y</div>").html == "<div>x<div a=0></div>y</div>");
  // Line breaks and rules are content; tables and <pre> keep every element.
  CHECK(prepass("<div><p class=x><br></p></div>").html == "<div><p a=0><br></p></div>");
  CHECK(prepass("<table><tr><td></td></tr></table>").html == "<table><tr><td></td></tr></table>");
  CHECK(prepass("<pre><span class=k></span>x</pre>").html == "<pre><span a=0></span>x</pre>");
}

TEST_CASE("pre-pass leaves out white space between two block tags, and only there") {
  CHECK(prepass("<div class=a>\n  <p>x</p>\n  <p>y</p>\n</div>").html == "<div a=0><p>x</p><p>y</p></div>");
  // Beside inline markup or text it may part two words: it stays.
  CHECK(prepass("<div class=a><p>x</p>\n<em class=k>y</em> <b class=j>z</b>\n</div>").html ==
        "<div a=0><p>x</p>\n<em a=1>y</em> <b a=2>z</b>\n</div>");
  // Across a comment too; never inside <pre>.
  CHECK(prepass("<div class=a><p>x</p>\n<!-- c -->\n<p>y</p></div>").html == "<div a=0><p>x</p><p>y</p></div>");
  CHECK(prepass("<pre>\n<div class=a>x</div>\n</pre>").html == "<pre>\n<div a=0>x</div>\n</pre>");
}

TEST_CASE("pre-pass: the end tag of a left-out inline element does not close a kept one of the same name") {
  // The inner span goes (nothing to say); its "</span>" must not close the
  // kept span, nor the div opened inside that.
  CHECK(prepass("<div class=p><span class=k><div><span>a</span></div><i>b</i></span><p>c</p></div>").html ==
        "<div a=0><span a=1><div>a</div>b</span><p>c</p></div>");
  CHECK(prepass("<p><em>x<em class=k>y</em>z</em></p>").html == "<p>x<em a=0>y</em>z</p>");
}

TEST_CASE("pre-pass hands Gumbo plain runs of text as placeholders, and the extractor puts them back") {
  Prepassed p = prepass("<p>A run of plain text.</p><p>Fish &amp; chips for all.</p><pre>  kept as it is  </pre>"
                        "<p>Bad \xC2\x85 control in this one.</p><p>Fish &amp chips, no semicolon.</p>");
  // A plain run goes out, and so does one whose references decode here;
  // one in <pre>, one with a character Gumbo replaces and one with a
  // reference left to Gumbo stay for Gumbo to read.
  REQUIRE(p.runs.ends.size() == 2);
  CHECK(p.runs.run(0) == "A run of plain text.");
  CHECK(p.runs.run(1) == "Fish & chips for all.");
  CHECK(p.html.find("A run") == std::string::npos);
  CHECK(p.html.find("Fish &amp chips, no semicolon.") != std::string::npos);
  CHECK(p.html.find("kept as it is") != std::string::npos);
  CHECK(p.html.find("Bad \xC2\x85 control") != std::string::npos);
  const std::size_t open = p.html.find("<p>") + 3, close = p.html.find("</p>");
  CHECK(close - open == 4);  // one character: one token for Gumbo's tree builder
  std::string back;
  for_each_text_piece(std::string_view(p.html).substr(open, close - open), &p.runs,
                      [&](std::string_view piece) { back.append(piece); });
  CHECK(back == "A run of plain text.");
  // Pieces around placeholders come through in order.
  const std::string mixed = "[" + std::string(std::string_view(p.html).substr(open, close - open)) + "]";
  back.clear();
  for_each_text_piece(mixed, &p.runs, [&](std::string_view piece) { back.append(piece); });
  CHECK(back == "[A run of plain text.]");
}

namespace {

// The text of the first <p> of `html` as Gumbo parses it, with the runs its
// placeholders stand for put back.
std::string first_paragraph_text(const std::string& html, const TextRuns* runs) {
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::string text;
  std::vector<const GumboNode*> todo{out->root};
  const GumboNode* p = nullptr;
  while (!todo.empty() && p == nullptr) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n->v.element.tag == GUMBO_TAG_P) p = n;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) todo.push_back(static_cast<const GumboNode*>(kids.data[i]));
  }
  if (p != nullptr) {
    const GumboVector& kids = p->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const auto* k = static_cast<const GumboNode*>(kids.data[i]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE)
        for_each_text_piece(k->v.text.text, runs, [&](std::string_view piece) { text.append(piece); });
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return text;
}

}  // namespace

TEST_CASE("pre-pass: a run whose references it decodes reads as Gumbo reads the run itself") {
  // Decoded here: the common names, numbers, a bare '&'. Left to Gumbo: a
  // name without ';' (Gumbo knows "&copy" and "&amp" without one), a name
  // not in the list, Windows-1252 numbers (Gumbo maps &#150; to U+2013), a
  // null, a code point past U+FFFD, a run that decodes to white space.
  for (const char* run : {"Fish &amp; chips &#8217;n&#x27; peas", "Q & A, AT&T, a&b and &nbsp;more", "&lt;b&gt; &quot;x&quot;",
                          "Caf&eacute; &copy; 2024 &mdash; all &hellip;", "&copy 2024 no semicolon here",
                          "R&amp;D &amp the rest", "an &unknownname; reference", "a dash &#150; from 1252",
                          "a null &#0; here", "smile &#x1F600; please", "&#32;&#32;&#32;&#32;&#32;",
                          "&#X41;&#65;&#x00041; letters", "&#99999999999; too long", "trailing &", "&;&#;&#x;"}) {
    INFO(run);
    const std::string page = std::string("<body><p>") + run + "</p></body>";
    const Prepassed p = prepass(page);
    CHECK(first_paragraph_text(p.html, &p.runs) == first_paragraph_text(page, nullptr));
  }
  // The common case does go out as a placeholder.
  CHECK(prepass("<p>Fish &amp; chips &#8217;n&#x27; peas</p>").runs.ends.size() == 1);
  CHECK(prepass("<p>A &foo; reference</p>").runs.ends.empty());
}

TEST_CASE("a page holding the placeholder mark itself gets no placeholders and reads the same") {
  const std::string page =
      "<html><body><article><p>Icons \xEE\x80\x80 and the mark \xF3\xB0\x80\x80 stay in this paragraph of text, "
      "which is long enough to be the article of the page.</p></article></body></html>";
  CHECK(prepass(page).runs.ends.empty());
  // Any character of planes 12 to 15 turns them off: the last placeholder too.
  CHECK(prepass("<p>A run of plain text and \xF3\xBF\xBF\xBD in it.</p>").runs.ends.empty());
  CHECK(prepass("<p>A run of plain text and \xF0\x9F\x98\x80 in it.</p>").runs.ends.size() == 1);  // an emoji does not
  HtmlOptions o;
  HtmlPage pg = read_page(page, o);
  REQUIRE(!pg.blocks.empty());
  CHECK(pg.blocks[0].text.find("Icons \xEE\x80\x80 and the mark \xF3\xB0\x80\x80 stay") != std::string::npos);
}

TEST_CASE("blocks carry what the DOM says") {
  HtmlOptions o;
  o.vocabulary = {MarkupToken{"share", MarkupToken::On::ClassOrId, false, "markup/share"}};
  HtmlPage page = read_page(article_page("<figure><figcaption>A dredger at work.</figcaption></figure>"
                                         "<ul class=share-bar><li><a href=#>Facebook</a></li></ul>"
                                         "<blockquote><p>We waited long enough.</p></blockquote>"
                                         "<p>Split<br>line and a <a href=#>link</a> with&nbsp;space and wo<wbr>rd.</p>"),
                            o);
  const Block* caption = nullptr;
  const Block* share = nullptr;
  const Block* quote = nullptr;
  const Block* split = nullptr;
  std::string share_reason;
  for (std::size_t i = 0; i < page.blocks.size(); ++i) {
    const Block& b = page.blocks[i];
    if (b.text == "A dredger at work.") caption = &b;
    if (b.text == "Facebook") {
      share = &b;
      share_reason = page.dropped[i];
    }
    if (b.text == "We waited long enough.") quote = &b;
    if (b.text.rfind("Split", 0) == 0) split = &b;
  }
  REQUIRE(caption);
  CHECK(caption->kind == BlockKind::Caption);
  CHECK(caption->path == "html>body>article>figure>figcaption");
  REQUIRE(share);
  CHECK(share->kind == BlockKind::ListItem);
  CHECK(share->link_density == doctest::Approx(1.0));
  CHECK(share_reason == "markup/share");
  REQUIRE(quote);
  CHECK(quote->kind == BlockKind::Quote);
  REQUIRE(split);
  CHECK(split->text == "Split line and a link with space and word.");
  CHECK(split->link_density > 0.05f);
  CHECK(split->link_density < 0.2f);
  // Outside the article: dropped with a reason.
  CHECK(page.dropped.front() == "html/outside-article");  // "Home"
}

TEST_CASE("the article is found, chrome around and inside it goes") {
  Document d = clean_html(article_page(
      "<div class=newsletter-box><p>Get the harbour news in your inbox every morning.</p></div>",
      "<aside class=related><h3>Related</h3><ul><li><a href=/x>Ferry fares rise again</a></li></ul></aside>"));
  const std::string text = d.text();
  CHECK(text.find(kProse1) != std::string::npos);
  CHECK(text.find(kProse3) != std::string::npos);
  CHECK(text.find("inbox") == std::string::npos);
  CHECK(text.find("Ferry fares") == std::string::npos);
  CHECK(text.find("Home") == std::string::npos);
  CHECK(text.find("Contact") == std::string::npos);
}

TEST_CASE("a heuristic's note names a block by its number among all the page's blocks, as --explain does") {
  // The nav is dropped by the extractor before the heuristics see the
  // article, so the article's own count would be off by its blocks.
  Document d = clean_html(article_page(std::string("<p>") + kProse1 + "</p>"));
  std::size_t first = d.blocks.size(), repeat = d.blocks.size();
  for (std::size_t i = 0; i < d.blocks.size(); ++i) {
    if (d.blocks[i].text != kProse1) continue;
    (first == d.blocks.size() ? first : repeat) = i;
  }
  REQUIRE(repeat < d.blocks.size());
  CHECK(d.verdicts[repeat].reason == "dup/exact");
  CHECK(d.verdicts[repeat].detail == "repeats block #" + std::to_string(first + 1));
}

TEST_CASE("a token inside a longer name is not boilerplate: shared-history") {
  Document d = clean_html(article_page("<div class=shared-history><p>Both towns have dredged the channel together "
                                       "since the war, sharing the cost of every season.</p></div>"));
  CHECK(d.text().find("sharing the cost") != std::string::npos);
}

TEST_CASE("empty and article-less pages") {
  CHECK(clean_html("").text().empty());
  CHECK(clean_html("<html><body></body></html>").text().empty());
  Document d = clean_html("<html><body><nav><a href=/>Home</a> <a href=/a>About</a></nav></body></html>");
  CHECK(d.text().find("About") == std::string::npos);
}

TEST_CASE("the site comes from the canonical link") {
  std::vector<RuleError> errors;
  Config c;
  c.rule_texts.push_back("[promo site=example.com]\ndrop house-plug /^Read the Example daily/\n");
  auto cleaner = Cleaner::create(c, &errors);
  REQUIRE(cleaner);
  DocumentOptions o;
  const std::string page = std::string("<html><head><link rel=canonical href=https://news.example.com/a></head><body>"
                                       "<article><p>") + kProse1 + "</p><p>Read the Example daily for more.</p><p>" +
                           kProse2 + "</p></article></body></html>";
  CHECK(cleaner->clean(page, o).text().find("Read the Example") == std::string::npos);
}

TEST_CASE("hostile shapes finish fast, with a warning") {
  SUBCASE("1,000,000 nested div") {
    std::string page = "<html><body>";
    for (int i = 0; i < 1000000; ++i) page += "<div>";
    page += "deep text";
    for (int i = 0; i < 1000000; ++i) page += "</div>";
    const CpuTime t0 = cpu_now();
    Document d = clean_html(page);
    CHECK(seconds_since(t0) < 1.5);
    CHECK(d.text() == "deep text\n");
    REQUIRE_FALSE(d.warnings.empty());
    CHECK(d.warnings[0].find("page reduced") != std::string::npos);
  }
  SUBCASE("100,000 unclosed <b>") {
    // With a class, so that the pre-pass cannot simply leave the tags out.
    std::string page = "<html><body><p>";
    for (int i = 0; i < 100000; ++i) page += "<b class=k>x";
    const CpuTime t0 = cpu_now();
    Document d = clean_html(page);
    CHECK(seconds_since(t0) < 1.0);
    CHECK(d.text().size() == 100001);
    CHECK_FALSE(d.warnings.empty());
    std::string plain = "<html><body><p>";
    for (int i = 0; i < 100000; ++i) plain += "<i>x";
    const CpuTime t1 = cpu_now();
    CHECK(clean_html(plain).text().size() == 100001);
    CHECK(seconds_since(t1) < 1.0);
  }
  SUBCASE("100,000 unclosed <a>") {
    std::string page = "<html><body><p>";
    for (int i = 0; i < 100000; ++i) page += "<a href=#>x";
    const CpuTime t0 = cpu_now();
    clean_html(page);
    CHECK(seconds_since(t0) < 1.0);
  }
  SUBCASE("100,000 nested tables") {
    std::string page = "<html><body>";
    for (int i = 0; i < 100000; ++i) page += "<table><tr><td>";
    page += "cell";
    const CpuTime t0 = cpu_now();
    Document d = clean_html(page);
    CHECK(seconds_since(t0) < 1.0);
    CHECK(d.text() == "cell\n");
    CHECK_FALSE(d.warnings.empty());
  }
  SUBCASE("100,000 attributes on one element") {
    std::string page = "<html><body><p";
    for (int i = 0; i < 100000; ++i) page += " a" + std::to_string(i) + "=1";
    page += ">text</p>";
    const CpuTime t0 = cpu_now();
    Document d = clean_html(page);
    CHECK(seconds_since(t0) < 1.0);
    CHECK(d.text() == "text\n");
  }
  SUBCASE("unterminated comment, script and svg") {
    CHECK(clean_html("<html><body><p>kept</p><!-- never closed <p>lost</p>").text() == "kept\n");
    CHECK(clean_html("<html><body><p>kept</p><script>var x = '<p>lost</p>'").text() == "kept\n");
    std::string many = "<html><body><p>kept text</p>";
    for (int i = 0; i < 50000; ++i) many += "<svg>";
    const CpuTime t0 = cpu_now();
    clean_html(many);
    CHECK(seconds_since(t0) < 1.0);
  }
}

TEST_CASE("HTML is sniffed, and --text/--html force the format") {
  CHECK(looks_like_html("<!DOCTYPE html><html>"));
  CHECK(looks_like_html("  \n<html lang=en>"));
  CHECK(looks_like_html("\xEF\xBB\xBF<div class=x>"));
  CHECK_FALSE(looks_like_html("The <b> tag is bold."));
  CHECK_FALSE(looks_like_html("<3 love this"));
  CHECK(looks_like_html("<br />\n<b>Warning</b>: " + std::string(2000, 'x') + "<!DOCTYPE html><html><body>"));
  CHECK(looks_like_html("<style>" + std::string(3000, ' ') + "</style><div>x</div>"));
  CHECK_FALSE(looks_like_html("<3 love this, " + std::string(3000, 'x') + " and no markup"));
  auto cleaner = builtin_cleaner();
  DocumentOptions o;
  o.format = InputFormat::Text;
  CHECK(cleaner->clean("<p>A paragraph.</p>", o).text() == "<p>A paragraph.</p>\n");
  o.format = InputFormat::Html;
  CHECK(cleaner->clean("A <b>bold</b> claim.", o).text() == "A bold claim.\n");
}

TEST_CASE("a short post under the page's title wins over a longer blurb in a panel, and --explain says why") {
  const std::string blurb =
      "<div class=\"widget profile\"><h2>About me</h2><p>I write about small boats and the people who build them, from a shed by the "
      "river, and I have done so every week for nine years now, rain or shine.</p></div><ul><li><a href=\"/a\">March (4)</a></li><li><a href=\"/b\">February (9)</a></li>"
      "<li><a href=\"/c\">January (12)</a></li></ul>";
  const std::string post = "<div class=\"post\"><h3>A new keel for the old dinghy</h3><div>Oak from the yard, two coats of oil</div>"
                           "<div>Posted on Sunday</div></div>";
  const std::string head = "<html><head><title>Shed Notes: A new keel for the old dinghy</title></head><body>";
  Document doc = clean_html(head + "<div id=\"l\">" + post + "</div><div id=\"r\">" + blurb + "</div></body></html>");
  CHECK(doc.text().find("A new keel") != std::string::npos);
  CHECK(doc.text().find("small boats") == std::string::npos);
  REQUIRE(doc.candidates.size() == 2);
  CHECK(doc.candidates[0].find("chosen, headed by the page's title") != std::string::npos);
  CHECK(doc.candidates[1].find("markup/panel") != std::string::npos);
  // Without a title that heads it, the post has no evidence: the blurb stays the choice.
  Document untitled = clean_html("<html><body><div id=\"l\">" + post + "</div><div id=\"r\">" + blurb + "</div></body></html>");
  CHECK(untitled.text().find("small boats") != std::string::npos);
}

TEST_CASE("heading/empty-section: a heading over chrome that went goes; a kicker and a gallery of headings stay") {
  const std::string head = "<html><head><title>Night swimming</title></head><body><div class=\"story\"><h1>Night swimming</h1>";
  const std::string prose = std::string("<p>") + kProse1 + "</p><p>" + kProse2 + "</p>";
  Document doc = clean_html(head + prose +
                            "<h2>Keep exploring</h2><ul><li><a href=\"/a\">The ferry timetable for spring</a></li>"
                            "<li><a href=\"/b\">Ten walks around the north shore</a></li></ul></div></body></html>");
  CHECK(doc.text().find("Keep exploring") == std::string::npos);
  bool seen = false;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i)
    if (doc.blocks[i].text == "Keep exploring") seen = doc.verdicts[i].reason == "heading/empty-section";
  CHECK(seen);
  // A heading right over another heading that heads text is a kicker.
  Document kicker = clean_html(head + "<h3>The winners</h3><h2>A red dragon</h2>" + prose + "</div></body></html>");
  CHECK(kicker.text().find("The winners") != std::string::npos);
  // Three empty headings in a row are a gallery's items.
  Document gallery = clean_html(head + prose + "<h3>Blue box kite</h3><h3>Paper swallow</h3><h3>Night kite</h3></div></body></html>");
  CHECK(gallery.text().find("Paper swallow") != std::string::npos);
  // Off with --disable.
  Config c;
  c.disabled.push_back("heading/empty-section");
  std::vector<RuleError> errors;
  auto off = Cleaner::create(c, &errors);
  REQUIRE(off);
  DocumentOptions o;
  o.format = InputFormat::Html;
  CHECK(off->clean(head + prose + "<h2>Keep exploring</h2><ul><li><a href=\"/a\">The ferry timetable</a></li></ul></div></body></html>", o)
            .text()
            .find("Keep exploring") != std::string::npos);
}

namespace {

std::string fixture_page(const std::string& name) {
  std::ifstream in(std::string(NEWSCLEAN_SOURCE_DIR) + "/fixtures/html/" + name + ".in.html", std::ios::binary);
  REQUIRE(in.good());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool any_candidate(const Document& d, const std::string& what) {
  for (const auto& c : d.candidates)
    if (c.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the choice is checked: each check says in --explain what it weighed") {
  Document wider = clean_html(fixture_page("article-in-paragraph-boxes"));
  CHECK(any_candidate(wider, "a part of a container with"));
  CHECK(wider.text().find("narrow stair to the lamp room") != std::string::npos);
  CHECK(wider.text().find("Harbour master retires") == std::string::npos);

  Document footer = clean_html(fixture_page("short-post-over-footer-disclaimer"));
  CHECK(any_candidate(footer, "narrowed, most of its prose stands in a panel"));
  CHECK(footer.text().find("cast iron vice") != std::string::npos);
  CHECK(footer.text().find("amateurs for amateurs") == std::string::npos);

  Document thread = clean_html(fixture_page("comment-thread-outweighs-article"));
  CHECK(thread.candidates[0].find("headed by the page's title") != std::string::npos);
  CHECK(thread.text().find("counting house by the gate") != std::string::npos);
  CHECK(thread.text().find("grandfather worked there") == std::string::npos);

  Document split = clean_html(fixture_page("article-split-in-two"));
  CHECK(any_candidate(split, "an article split in two"));
  CHECK(split.text().find("1. Lift the shed") != std::string::npos);
  CHECK(split.text().find("11. Put a tray of silica") != std::string::npos);

  Document lead = clean_html(fixture_page("lead-in-header"));
  CHECK(any_candidate(lead, "the lead between the page's title"));
  CHECK(lead.text().find("Twelve nest boxes") != std::string::npos);

  Document fallback = clean_html(fixture_page("fallback-most-prose"));
  CHECK(any_candidate(fallback, "of the page's prose"));
  CHECK(fallback.text().find("The reservoir above the village") != std::string::npos);
  CHECK(fallback.text().find("Our newsroom is open") == std::string::npos);
}

TEST_CASE("a choice the rules find to be a consent panel gives way to the next candidate, from the same parse") {
  Document d = clean_html(fixture_page("consent-panel-wins"));
  CHECK(d.text().find("jam stall raised enough") != std::string::npos);
  CHECK(d.text().find("Privacy Overview") == std::string::npos);
  CHECK(any_candidate(d, "set aside after the rules, the rules dropped most of its prose as consent"));
  // Without the consent rules nothing shows the panel for chrome: it stays.
  Config c;
  c.disabled.push_back("consent");
  std::vector<RuleError> errors;
  auto no_consent = Cleaner::create(c, &errors);
  REQUIRE(no_consent);
  DocumentOptions o;
  o.format = InputFormat::Html;
  CHECK(no_consent->clean(fixture_page("consent-panel-wins"), o).text().find("Privacy Overview") != std::string::npos);
  // A story about cookies is not a consent panel.
  Document story = clean_html(fixture_page("near-miss-cookie-story"));
  CHECK(story.text().find("Analytics cookies are used by nearly every large shop") != std::string::npos);
  CHECK(!any_candidate(story, "set aside after the rules"));
}

TEST_CASE("describe_markup: off, the blocks' place in the markup is left out, unless a rule reads it") {
  const std::string page =
      "<html><body><article class=story><div class=body>"
      "<p>The ferry to the outer islands will run twice a day from May, the harbour board said on Monday, after a "
      "winter in which the single crossing left many islanders waiting on the quay for hours in the rain.</p>"
      "<p class=pier-note>Mugs, prints and calendars of the harbour are on sale at the kiosk by the pier.</p>"
      "<p>The second boat, an old car ferry bought from a yard in the north, is being refitted and should pass its "
      "inspection in April; the board expects the timetable to be printed by the end of that month.</p>"
      "</div></article></body></html>";
  auto find = [](const Document& d, const std::string& start) -> const Block* {
    for (const Block& b : d.blocks)
      if (b.text.rfind(start, 0) == 0) return &b;
    return nullptr;
  };
  DocumentOptions o;
  o.format = InputFormat::Html;
  auto cleaner = builtin_cleaner();
  const Document described = cleaner->clean(page, o);
  o.describe_markup = false;
  const Document bare = cleaner->clean(page, o);
  CHECK(described.text() == bare.text());
  CHECK(described.text().find("Mugs") != std::string::npos);
  const Block* with = find(described, "Mugs");
  const Block* without = find(bare, "Mugs");
  REQUIRE(with != nullptr);
  REQUIRE(without != nullptr);
  CHECK(with->path.find("article") != std::string::npos);
  CHECK(std::find(with->classes.begin(), with->classes.end(), "pier-note") != with->classes.end());
  CHECK(without->path.empty());
  CHECK(without->classes.empty());

  // A rule on a class needs the classes: they are there whatever the option says.
  Config config;
  config.rule_texts.push_back("[promo]\ndrop pier-note class=pier-note\n");
  std::vector<RuleError> errors;
  auto reading = Cleaner::create(config, &errors);
  REQUIRE(reading);
  const Document ruled = reading->clean(page, o);
  CHECK(ruled.text().find("Mugs") == std::string::npos);
  CHECK(ruled.text().find("ferry") != std::string::npos);
}

TEST_CASE("the Gumbo arena hands out aligned, separate blocks, and reuses its memory after a reset") {
  newsclean::html::Arena arena;
  std::vector<std::pair<char*, std::size_t>> blocks;
  // Sizes from 0 to past a chunk: small ones bump, large ones get chunks of their own.
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17},
                           std::size_t{1000}, std::size_t{70000}, std::size_t{3}, std::size_t{5u << 20},
                           std::size_t{40}}) {
    char* p = static_cast<char*>(arena.allocate(size));
    REQUIRE(p != nullptr);
    CHECK(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
    std::memset(p, 0x5A, size);  // the whole block is writable
    blocks.push_back({p, size});
  }
  for (std::size_t i = 0; i < blocks.size(); ++i)
    for (std::size_t j = i + 1; j < blocks.size(); ++j) {
      const bool apart = blocks[i].first + std::max<std::size_t>(blocks[i].second, 1) <= blocks[j].first ||
                         blocks[j].first + std::max<std::size_t>(blocks[j].second, 1) <= blocks[i].first;
      CHECK(apart);
    }
  const std::size_t reserved = arena.bytes_reserved();
  CHECK(reserved >= (5u << 20) + 70000);
  arena.reset();
  // The same requests again fit in what the arena kept: it reserves nothing new.
  for (std::size_t size : {std::size_t{1}, std::size_t{1000}, std::size_t{70000}})
    CHECK(arena.allocate(size) != nullptr);
  CHECK(arena.bytes_reserved() <= reserved);
}
