#include <doctest/doctest.h>

#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "text/lang.h"
#include "text/word_scan.h"
#include "text/normalise.h"
#include "text/paragraphs.h"
#include "util/utf8.h"

using namespace newsclean;

// Every normalise test also checks the counts normalise_line makes while
// writing against counting its output afterwards.
static std::string norm(std::string_view s, NormaliseOptions o = {}) {
  std::string out;
  LineCounts counts;
  normalise_line(s, o, out, &counts);
  CHECK(counts.code_points == count_code_points(out));
  CHECK(counts.words == count_words_normalised(out));
  return out;
}

TEST_CASE("normalise: white space is folded and trimmed") {
  CHECK(norm("  a \t b   c  ") == "a b c");
  CHECK(norm("a\xC2\xA0\xC2\xA0" "b") == "a b");              // NBSP
  CHECK(norm("a\xE2\x80\x83" "b\xE3\x80\x80" "c") == "a b c");   // em space, ideographic space
  CHECK(norm("") == "");
  CHECK(norm(" \t ") == "");
}

TEST_CASE("normalise: plain ASCII of every length folds as spaces should, to its last byte") {
  // Letters, punctuation and runs of spaces over 0-40 bytes: the output is
  // the line with each run of spaces as one and none at the ends (the last
  // bytes of a line are copied from the 8 that end it; the counts are
  // checked by norm() too).
  const char alphabet[] = {'a', 'B', '.', ' ', ' ', '7'};
  std::uint64_t seed = 2463534242ULL;
  for (int round = 0; round < 5000; ++round) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    std::string line;
    for (std::uint64_t n = seed % 41, r = seed >> 6; line.size() < n; r >>= 3) {
      if (r == 0) r = seed * 0x9E3779B97F4A7C15ULL | 1;
      line += alphabet[r % sizeof alphabet];
    }
    std::string expected;
    for (char c : line)
      if (c != ' ' || (!expected.empty() && expected.back() != ' ')) expected += c;
    if (!expected.empty() && expected.back() == ' ') expected.pop_back();
    CHECK_MESSAGE(norm(line) == expected, '"' << line << '"');
  }
  // A space mapped from beyond ASCII just before the last bytes.
  CHECK(norm("abcdefg\xC2\xA0 xyz") == "abcdefg xyz");
  CHECK(norm("abcdefghij\xE2\x80\x83 ab") == "abcdefghij ab");
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

// The byte pass reads and copies 8 bytes at a time while they are plain
// printable ASCII; these put what breaks such a run at every offset modulo 8,
// in lines of every length around a few words, so both the 8-byte steps and
// the byte-at-a-time tail see it.
namespace {

const std::string kLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

// `inserted` put at `at` in a run of `length` letters; `expected` is what
// normalising should make of the line, given what the insert becomes.
std::string with_insert(std::size_t length, std::size_t at, const std::string& inserted) {
  const std::string run = kLetters.substr(0, length);
  return run.substr(0, at) + inserted + run.substr(at);
}

std::string expected_with(std::size_t length, std::size_t at, const std::string& becomes) {
  const std::string run = kLetters.substr(0, length);
  std::string left = run.substr(0, at), right = run.substr(at);
  // A space at either end of the line is trimmed.
  if (becomes == " " && (left.empty() || right.empty())) return left + right;
  return left + becomes + right;
}

}  // namespace

TEST_CASE("normalise: what breaks a plain ASCII run is handled at every offset") {
  struct Case {
    const char* name;
    std::string inserted, becomes;
  };
  const Case cases[] = {
      {"double space", "  ", " "},
      {"triple space", "   ", " "},
      {"tab", "\t", " "},
      {"space and tab", " \t", " "},
      {"control char", "\x01", ""},
      {"DEL", "\x7F", ""},
      {"space, control, space", " \x02 ", " "},
      {"non-ASCII letter", "\xC3\xA9", "\xC3\xA9"},
      {"NBSP", "\xC2\xA0", " "},
      {"soft hyphen", "\xC2\xAD", ""},
      {"zero-width space", "\xE2\x80\x8B", ""},
      {"invalid byte", "\xFF", "\xEF\xBF\xBD"},
      {"single space", " ", " "},
  };
  for (const Case& c : cases) {
    for (std::size_t length = 0; length <= 34; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        CAPTURE(c.name);
        CAPTURE(length);
        CAPTURE(at);
        CHECK(norm(with_insert(length, at, c.inserted)) == expected_with(length, at, c.becomes));
      }
    }
  }
}

TEST_CASE("normalise: trailing and leading spaces at every length") {
  for (std::size_t length = 1; length <= 34; ++length) {
    const std::string run = kLetters.substr(0, length);
    CAPTURE(length);
    CHECK(norm(run) == run);
    CHECK(norm(run + " ") == run);
    CHECK(norm(run + "  ") == run);
    CHECK(norm(" " + run) == run);
    CHECK(norm("  " + run + " \t") == run);
    CHECK(norm(run + "\x01") == run);
    CHECK(norm(run + " \x01") == run);
  }
}

TEST_CASE("normalise: words split by single and double spaces at every offset") {
  // "word word word ..." with one gap doubled: the gap may fall on either
  // side of, or across, an 8-byte boundary.
  std::string line, expected;
  for (int w = 0; w < 12; ++w) {
    if (w) line += ' ';
    line += kLetters.substr(static_cast<std::size_t>(w), 1 + static_cast<std::size_t>(w) % 5);
  }
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != ' ') continue;
    CAPTURE(i);
    std::string doubled = line;
    doubled.insert(i, " ");
    CHECK(norm(doubled) == line);
    CHECK(norm(line.substr(0, i + 1)) == line.substr(0, i));  // ends on the space
  }
  CHECK(norm(line) == line);
}

// A model of the byte pass, one token at a time, for lines built from a
// small alphabet: compared with the real thing on many random lines.
TEST_CASE("normalise: random lines agree with a token-by-token model") {
  struct Token {
    const char* bytes;
    enum { Keep, Space, Remove } what;
    const char* kept;
  };
  const Token alphabet[] = {
      {"a", Token::Keep, "a"},         {"b", Token::Keep, "b"},
      {"Z", Token::Keep, "Z"},         {".", Token::Keep, "."},
      {" ", Token::Space, ""},         {"\t", Token::Space, ""},
      {"\xC2\xA0", Token::Space, ""},  {"\x01", Token::Remove, ""},
      {"\x7F", Token::Remove, ""},     {"\xC2\xAD", Token::Remove, ""},
      {"\xC3\xA9", Token::Keep, "\xC3\xA9"}, {"\xFF", Token::Keep, "\xEF\xBF\xBD"},
  };
  const std::size_t kinds = sizeof(alphabet) / sizeof(alphabet[0]);
  std::uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  for (int round = 0; round < 3000; ++round) {
    std::string line, expected;
    bool pending_space = false;
    const unsigned length = next() % 40;
    // Mostly letters, so that long plain runs occur.
    for (unsigned k = 0; k < length; ++k) {
      const Token& t = next() % 3 == 0 ? alphabet[next() % kinds] : alphabet[next() % 4];
      line += t.bytes;
      if (t.what == Token::Space) pending_space = true;
      if (t.what != Token::Keep) continue;
      if (pending_space && !expected.empty()) expected += ' ';
      pending_space = false;
      expected += t.kept;
    }
    CAPTURE(line);
    CHECK(norm(line) == expected);
  }
}

TEST_CASE("normalise: counts stay right when utf8proc or --ascii-punct change the line") {
  NormaliseOptions k;
  k.nfkc = true;
  CHECK(norm("x\xEF\xAC\x81" "ne \xE2\x80\xA6 and\xC2\xA0\xC2\xA0more", k) == "xfine ... and more");
  CHECK(norm("\xE2\x80\x83 Cafe\xCC\x81  au lait \xE2\x80\x83") == "Caf\xC3\xA9 au lait");
  NormaliseOptions a;
  a.ascii_punct = true;
  CHECK(norm("  \xE2\x80\x9CWait\xE2\x80\xA6\xE2\x80\x9D \xE2\x80\x94 no  ", a) == "\"Wait...\" -- no");
  CHECK(norm("\x01 \x02", a) == "");
}

TEST_CASE("paragraphs: one block per non-empty line, CR and CRLF end lines") {
  auto blocks = blocks_from_text("\xEF\xBB\xBFOne\r\n\r\nTwo\rThree\n", {});
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].text == "One");
  CHECK(blocks[1].text == "Two");
  CHECK(blocks[2].text == "Three");
  CHECK(blocks[2].line == 4);
  CHECK(blocks[0].words == 1);
  // Line ends of every kind in any order, the text ending in each; and a
  // '\r' far after many lines that have none (the splitter looks for the
  // next '\r' again only once it is passed).
  for (const char* last : {"", "\n", "\r", "\r\n"}) {
    const std::string text = std::string("a\rb\r\nc\nd\r\re") + last;
    std::string joined;
    for (const Block& b : blocks_from_text(text, {})) joined += b.text + "|" + std::to_string(b.line) + " ";
    CHECK_MESSAGE(joined == "a|1 b|2 c|3 d|4 e|6 ", last);
  }
  std::string many;
  for (int k = 0; k < 50; ++k) many += "line " + std::to_string(k) + "\n";
  const auto far = blocks_from_text(many + "cr\rafter\n", {});
  REQUIRE(far.size() == 52);
  CHECK(far[50].text == "cr");
  CHECK(far[51].text == "after");
  CHECK(far[51].line == 52);
}

TEST_CASE("paragraphs: blocks are measured from what normalise_line counted") {
  auto blocks = blocks_from_text("  Caf\xC3\xA9  au\tlait \n\n\xE2\x80\xA6 ok\x01\n", {});
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].text == "Caf\xC3\xA9 au lait");
  CHECK(blocks[0].chars == 12);
  CHECK(blocks[0].words == 3);
  CHECK(blocks[1].chars == 4);
  CHECK(blocks[1].words == 2);
}

TEST_CASE("paragraphs: list items are recognised") {
  auto blocks = blocks_from_text("- one\n2. two\nplain\n", {});
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].kind == BlockKind::ListItem);
  CHECK(blocks[1].kind == BlockKind::ListItem);
  CHECK(blocks[2].kind == BlockKind::Paragraph);
}

TEST_CASE("paragraphs: list item prefixes, and what only looks like one") {
  auto blocks = blocks_from_text("\xE2\x80\xA2 dot\n* star\n-dash\n*\n\xE2\x80\xA2\n12) x\n1234. x\n", {});
  REQUIRE(blocks.size() == 7);
  CHECK(blocks[0].kind == BlockKind::ListItem);
  CHECK(blocks[1].kind == BlockKind::ListItem);
  CHECK(blocks[2].kind == BlockKind::Paragraph);
  CHECK(blocks[3].kind == BlockKind::Paragraph);
  CHECK(blocks[4].kind == BlockKind::Paragraph);
  CHECK(blocks[5].kind == BlockKind::ListItem);
  CHECK(blocks[6].kind == BlockKind::Paragraph);
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

TEST_CASE("language guess: ten languages, the close pairs among them") {
  const std::pair<const char*, const char*> cases[] = {
      {"en", "The council said on Tuesday that the new bridge would be built by 2028 and that it would have a lane for buses."},
      {"de", "Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke bis 2028 gebaut wird und eine Spur für Busse bekommt."},
      {"nl", "De gemeenteraad heeft dinsdag besloten dat de nieuwe brug in 2028 klaar is en dat er een busbaan op komt."},
      {"fr", "Le conseil municipal a décidé mardi que le nouveau pont serait construit d'ici 2028 et qu'il aurait une voie pour les bus."},
      {"es", "El ayuntamiento decidió el martes que el nuevo puente se construirá antes de 2028 y que tendrá un carril para los autobuses."},
      {"pt", "A câmara decidiu na terça-feira que a nova ponte será construída até 2028 e que terá uma faixa para os ônibus, não uma ciclovia."},
      {"it", "Il consiglio comunale ha deciso martedì che il nuovo ponte sarà costruito entro il 2028 e che avrà una corsia per gli autobus."},
      {"pl", "Rada miasta zdecydowała we wtorek, że nowy most zostanie zbudowany do 2028 roku i że będzie na nim buspas dla autobusów."},
      {"id", "Dewan kota memutuskan pada hari Selasa bahwa jembatan baru akan dibangun sebelum tahun 2028 dan akan memiliki jalur untuk bus."},
      {"ru", "В понедельник городская дума решила, что новый мост построят до 2028 года и что на нём будет полоса для автобусов."},
  };
  for (const auto& [lang, text] : cases) {
    std::vector<Block> blocks(1);
    blocks[0].text = text;
    measure_block(blocks[0]);
    CHECK_MESSAGE(guess_language(blocks) == lang, lang);
  }
}

TEST_CASE("language guess: sentences count before a page's menu items") {
  std::vector<Block> blocks;
  for (const char* item : {"Home", "News", "Sport", "Login", "Menu", "Search", "Contact", "About", "Jobs", "Shop"}) {
    Block b;
    b.text = item;
    measure_block(b);
    for (int k = 0; k < 20; ++k) blocks.push_back(b);
  }
  Block prose;
  prose.text = "Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke bis 2028 gebaut wird und eine Spur für Busse bekommt.";
  measure_block(prose);
  blocks.push_back(prose);
  CHECK(guess_language(blocks) == "de");
}

TEST_CASE("language guess: an opening in another language does not decide it early") {
  // A page dump whose first sentences (an archive's banner, say) are in
  // English and whose article is in German: the early stop must not come
  // before the article has had its say.
  std::vector<Block> blocks;
  auto add = [&](const char* text, int times) {
    for (int k = 0; k < times; ++k) {
      Block b;
      b.text = text;
      measure_block(b);
      blocks.push_back(b);
    }
  };
  add("These pages were saved by the archive so that the links to them would not break when the site is gone.", 7);
  add("Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke bis 2028 gebaut wird und eine Spur für Busse bekommt.", 25);
  CHECK(guess_language(blocks) == "de");
  // And a long German text is still German when the guess stops early.
  blocks.clear();
  add("Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke bis 2028 gebaut wird und eine Spur für Busse bekommt.", 60);
  CHECK(guess_language(blocks) == "de");
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

TEST_CASE("function words: by a word's scan key, the same answer as by its lower-case text") {
  const std::string text =
      "The PLAN and the Budget, WITH für Über été PIÙ não porque WERDEN questo because becausex thee "
      "a-very-long-word-indeed Ünd DER der internationalisation 2024 of OF";
  std::size_t words = 0, function_words = 0;
  scan_words(text, [&](const unsigned char* w, std::size_t len, std::uint64_t key) {
    std::string lower(reinterpret_cast<const char*>(w), len);
    for (char& c : lower) c = ascii_lower(c);
    CHECK_MESSAGE(is_any_stopword_key(key, len) == is_any_stopword(lower), lower);
    ++words;
    function_words += is_any_stopword_key(key, len);
    return true;
  });
  CHECK(words == 29);
  CHECK(function_words >= 10);  // The, and, the, WITH, für, of, OF, DER, der, because...
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

TEST_CASE("scan_words: every word and its key, as a byte-by-byte scan finds them, at any length") {
  // Texts of every length up to 150 bytes from an alphabet of letters,
  // digits, spaces, punctuation and UTF-8, so that words meet the 16- and
  // 64-byte edges of the scan and the end of the text at every offset.
  const std::string alphabet[] = {"a", "B", "z", "7", " ", ",", "-", "\xC3\xA9", "\xE2\x80\x9C", "The", "o"};
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  auto word_byte = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  };
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t target = next() % 150;
    while (text.size() < target) text += alphabet[next() % std::size(alphabet)];
    struct Word {
      std::size_t at, len;
      std::uint64_t key;
      bool operator==(const Word& o) const { return at == o.at && len == o.len && key == o.key; }
    };
    std::vector<Word> expected, found;
    for (std::size_t i = 0; i < text.size();) {
      if (!word_byte(static_cast<unsigned char>(text[i]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && word_byte(static_cast<unsigned char>(text[j]))) ++j;
      std::uint64_t key = 0;
      for (std::size_t k = 0; k < j - i && k < 8; ++k) {
        auto c = static_cast<unsigned char>(text[i + k]);
        if (c >= 'A' && c <= 'Z') c |= 0x20;
        key |= std::uint64_t{c} << (8 * k);
      }
      expected.push_back({i, j - i, key});
      i = j;
    }
    scan_words(text, [&](const unsigned char* w, std::size_t len, std::uint64_t key) {
      found.push_back({static_cast<std::size_t>(w - reinterpret_cast<const unsigned char*>(text.data())), len, key});
      return true;
    });
    CHECK_MESSAGE((found == expected), text);
  }
}

TEST_CASE("function words: the chunked scan agrees with a word-by-word count at every length and offset") {
  // Reference: runs of ASCII letters, digits and bytes beyond ASCII,
  // lowered, looked up one by one.
  auto reference = [](const std::string& t) {
    FunctionWordCount c;
    std::size_t i = 0;
    auto word_byte = [](unsigned char b) {
      return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b >= 0x80;
    };
    while (i < t.size()) {
      if (!word_byte(static_cast<unsigned char>(t[i]))) {
        ++i;
        continue;
      }
      std::string w;
      while (i < t.size() && word_byte(static_cast<unsigned char>(t[i]))) {
        const char ch = t[i++];
        w += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch | 0x20) : ch;
      }
      ++c.words;
      if (is_any_stopword(w)) ++c.function_words;
    }
    return c;
  };
  const char* pieces[] = {"the", "The", "THE", "because", "Because", "becauses", "\xC3\xBC" "ber", "f\xC3\xBCr",
                          " ", "  ", ",", ".", "-", "@", "[", "`", "{", "0", "2024", "x",
                          "internationalisation", "\xE2\x80\x9C", "'", "and"};
  unsigned seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  for (int round = 0; round < 3000; ++round) {
    std::string t;
    const unsigned target = next() % 200;
    while (t.size() < target) t += pieces[(next() >> 8) % (sizeof pieces / sizeof pieces[0])];
    const FunctionWordCount got = count_function_words(t), want = reference(t);
    REQUIRE_MESSAGE(got.words == want.words, t);
    REQUIRE_MESSAGE(got.function_words == want.function_words, t);
  }
  // A word across the 64-byte chunk boundary at every offset.
  for (std::size_t pad = 50; pad < 80; ++pad) {
    const std::string t = std::string(pad, ' ') + "Because the " + std::string(pad % 7, 'x');
    CHECK(count_function_words(t).function_words == reference(t).function_words);
    CHECK(count_function_words(t).words == reference(t).words);
  }
}
