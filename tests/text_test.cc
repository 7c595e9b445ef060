#include <doctest/doctest.h>

#include "text/lang.h"
#include "text/normalise.h"
#include "text/paragraphs.h"

using namespace newsclean;

static std::string norm(std::string_view s, NormaliseOptions o = {}) {
  std::string out;
  normalise_line(s, o, out);
  return out;
}

TEST_CASE("normalise: white space is folded and trimmed") {
  CHECK(norm("  a \t b   c  ") == "a b c");
  CHECK(norm("a\xC2\xA0\xC2\xA0" "b") == "a b");              // NBSP
  CHECK(norm("a\xE2\x80\x83" "b\xE3\x80\x80" "c") == "a b c");   // em space, ideographic space
  CHECK(norm("") == "");
  CHECK(norm(" \t ") == "");
}

TEST_CASE("normalise: controls, zero-width and soft hyphens go") {
  CHECK(norm(std::string("a\0b", 3)) == "ab");
  CHECK(norm("a\x01\x7F" "b") == "ab");
  CHECK(norm("co\xC2\xADop") == "coop");
  CHECK(norm("zero\xE2\x80\x8Bwidth\xEF\xBB\xBF") == "zerowidth");
  CHECK(norm("c1\xC2\x85x") == "c1x");  // NEL, a C1 control
}

TEST_CASE("normalise: invalid UTF-8 becomes U+FFFD, one per bad byte") {
  CHECK(norm("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(norm("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong '/'
  CHECK(norm("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(norm("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // truncated
}

TEST_CASE("normalise: NFC by default, NFKC on request, ASCII left alone") {
  CHECK(norm("Cafe\xCC\x81") == "Caf\xC3\xA9");                    // e + combining acute
  CHECK(norm("\xEF\xAC\x81" "ne") == "\xEF\xAC\x81" "ne");         // ligature fi kept under NFC
  NormaliseOptions k;
  k.nfkc = true;
  CHECK(norm("\xEF\xAC\x81" "ne", k) == "fine");
  CHECK(norm("\xE2\x84\xAB") == "\xC3\x85");                       // Angstrom sign -> A with ring
  CHECK(norm("plain ascii text") == "plain ascii text");
}

TEST_CASE("normalise: curly quotes stay unless --ascii-punct") {
  const std::string s = "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s\xE2\x80\xA6";
  CHECK(norm(s) == s);
  NormaliseOptions a;
  a.ascii_punct = true;
  CHECK(norm(s, a) == "\"Hi\" -- it's...");
}

TEST_CASE("paragraphs: one block per non-empty line, CR and CRLF end lines") {
  auto blocks = blocks_from_text("\xEF\xBB\xBFOne\r\n\r\nTwo\rThree\n", {});
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].text == "One");
  CHECK(blocks[1].text == "Two");
  CHECK(blocks[2].text == "Three");
  CHECK(blocks[2].line == 4);
  CHECK(blocks[0].words == 1);
}

TEST_CASE("paragraphs: list items are recognised") {
  auto blocks = blocks_from_text("- one\n2. two\nplain\n", {});
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].kind == BlockKind::ListItem);
  CHECK(blocks[1].kind == BlockKind::ListItem);
  CHECK(blocks[2].kind == BlockKind::Paragraph);
}

TEST_CASE("paragraphs: hard-wrapped text is re-flowed, short lines stay apart") {
  const std::string text =
      "A headline\n"
      "\n"
      "The council voted on Tuesday to close the old bridge to cars from\n"
      "next spring, after engineers found cracks in two of its three main\n"
      "supports and warned that repairs would take at least a year.\n"
      "\n"
      "Residents said the closure would add twenty minutes to a journey\n"
      "that many of them make twice a day, and asked for a ferry service\n"
      "to run while the work goes on.\n";
  TextLayout layout;
  auto blocks = blocks_from_text(text, {}, &layout);
  CHECK(layout.hard_wrapped);
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].text == "A headline");
  CHECK(blocks[1].text.find("cars from next spring") != std::string::npos);
  CHECK(blocks[2].text.rfind("to run while the work goes on.") == blocks[2].text.size() - 30);
}

TEST_CASE("paragraphs: one paragraph per line is not taken for wrapped text") {
  const std::string text =
      "Short headline\n"
      "A first paragraph that is fairly long and runs on for quite a while before it ends here.\n"
      "Second.\n"
      "A third paragraph of middling length.\n"
      "Then a much longer fourth paragraph that goes on, and on, with many words, well past any width.\n"
      "Fifth line.\n";
  TextLayout layout;
  auto blocks = blocks_from_text(text, {}, &layout);
  CHECK_FALSE(layout.hard_wrapped);
  CHECK(blocks.size() == 6);
}

TEST_CASE("language guess") {
  std::vector<Block> en(1), de(1), none(1);
  en[0].text = "The mayor said that the plan was not in the interest of the people who live in the city.";
  de[0].text = "Der Bürgermeister sagte, dass der Plan nicht im Interesse der Menschen sei, die in der Stadt leben.";
  none[0].text = "12345 67890";
  CHECK(guess_language(en) == "en");
  CHECK(guess_language(de) == "de");
  CHECK(guess_language(none) == "");
}

TEST_CASE("function words: every listed word is found, in lower case, in any language") {
  for (const char* lang : {"en", "de", "fr", "es", "it", "pt", "nl"})
    for (const char* w : {"the", "because", "über", "für", "été", "più", "não", "porque", "werden", "questo"})
      if (is_stopword(lang, w)) CHECK_MESSAGE(is_any_stopword(w), lang << " " << w);
  CHECK(is_any_stopword("because"));
  CHECK_FALSE(is_any_stopword("becausex"));
  CHECK_FALSE(is_any_stopword("thee"));
  CHECK_FALSE(is_any_stopword(""));
  CHECK_FALSE(is_any_stopword("a-very-long-word-indeed"));
}

TEST_CASE("function words: counted per word, case folded, long words and digits as words") {
  FunctionWordCount c = count_function_words("The PLAN, and the 2024 budget: über-Steuern");
  // The, PLAN, and, the, 2024, budget, über, Steuern
  CHECK(c.words == 8);
  CHECK(c.function_words == 4);  // The, and, the, über
  c = count_function_words("internationalisation of because");
  CHECK(c.words == 3);
  CHECK(c.function_words == 2);
  c = count_function_words("");
  CHECK(c.words == 0);
  c = count_function_words("the");  // a word that ends the text
  CHECK(c.function_words == 1);
}
