#include "text/lang.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/word_scan.h"
#include "util/key_table.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

struct Language {
  const char* code;
  // Whether these words count in stopword density (is_any_stopword): the
  // languages the page heuristics were tuned with.
  bool in_density;
  std::unordered_set<std::string_view> words;
};

// Each language's most frequent function words. The guess weighs a word by
// how few languages share it, so the words that tell close languages apart
// matter most: "não", "em", "um", "com" against "no", "el", "un", "con"
// (pt, es); "het", "een", "van" against "der", "ein", "von" (nl, de); "yang",
// "dan", "di" (id). Every word is at most eight bytes (see KeyTable).
const std::vector<Language>& languages() {
  static const std::vector<Language> langs = {
      {"en", true,
       {"the", "and", "of", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "he",
        "as", "you", "his", "at", "be", "this", "have", "from", "or", "had", "by", "but", "not",
        "what", "all", "were", "we", "when", "your", "can", "said", "there", "an", "which", "she",
        "do", "their", "if", "will", "up", "about", "out", "them", "then", "so", "her", "would",
        "has", "more", "been", "who", "its", "they", "are", "i", "my", "me", "our", "us", "into",
        "than", "some", "could", "these", "him", "no", "only", "other", "also", "after", "how",
        "over", "just", "most", "where", "any", "while", "may", "should", "because", "those"}},
      {"de", true,
       {"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für",
        "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus",
        "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch",
        "wie", "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "oder", "aber"}},
      {"fr", true,
       {"de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui",
        "dans", "a", "par", "plus", "pas", "au", "sur", "ne", "se", "il", "sont", "ce", "avec",
        "aux", "elle", "nous", "mais", "ou", "son", "sa", "ses", "leur", "été", "cette"}},
      {"es", true,
       {"de", "la", "que", "el", "en", "y", "a", "los", "se", "del", "las", "un", "por", "con",
        "no", "una", "su", "para", "es", "al", "lo", "como", "más", "pero", "sus", "le", "ya",
        "o", "fue", "este", "ha", "sí", "porque", "esta", "son", "entre", "cuando", "muy"}},
      {"it", true,
       {"di", "e", "il", "la", "che", "in", "a", "per", "un", "è", "del", "non", "una", "con",
        "i", "si", "da", "le", "dei", "alla", "della", "gli", "al", "come", "più", "anche",
        "nel", "sono", "ma", "ha", "lo", "questo", "delle", "nella", "essere"}},
      {"pt", true,
       {"de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma",
        "os", "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele",
        "das", "tem", "à", "seu", "sua", "ou", "ser", "quando", "muito", "nos", "já", "está"}},
      {"nl", true,
       {"de", "en", "van", "het", "een", "in", "is", "dat", "op", "te", "zijn", "met", "voor",
        "niet", "die", "aan", "er", "om", "ook", "als", "bij", "maar", "dan", "naar", "nog",
        "wordt", "werd", "door", "over", "ze", "uit", "hij", "kan", "wel", "tot", "zo"}},
      {"pl", false,
       {"i", "w", "z", "na", "się", "nie", "to", "że", "do", "jest", "o", "jak", "od", "po",
        "ale", "za", "co", "jego", "już", "przez", "tak", "są", "dla", "czy", "tym", "może",
        "oraz", "który", "która", "które", "także", "był", "była", "było", "jej", "ich", "ze",
        "we", "tylko", "bardzo", "roku", "gdy", "tego", "jako", "tej", "ten", "ta"}},
      {"id", false,
       {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan",
        "pada", "juga", "ke", "ada", "oleh", "karena", "bisa", "mereka", "saat", "sebagai",
        "telah", "atau", "kami", "kita", "lebih", "sudah", "namun", "agar", "bahwa", "secara",
        "seperti", "setelah", "masih", "kata", "hanya", "tahun", "dia", "menjadi", "orang",
        "bagi", "sangat", "dapat", "harus", "saya", "serta", "tersebut"}},
      {"ru", false,
       {"и", "в", "не", "на", "что", "с", "по", "он", "как", "это", "к", "из", "а", "но", "за",
        "от", "то", "для", "о", "же", "так", "его", "она", "был", "была", "было", "уже", "мы",
        "они", "при", "бы", "или", "до", "все", "ее", "её", "ли", "их", "во", "со", "у"}},
  };
  return langs;
}

}  // namespace

bool is_stopword(const std::string& lang, std::string_view word) {
  for (const auto& l : languages())
    if (lang == l.code) return l.words.count(word) != 0;
  return false;
}

namespace {

// Every language's function words that count in stopword density, in one table.
const KeyTable& stopword_table() {
  static const KeyTable table = [] {
    std::vector<std::uint64_t> keys;
    for (const auto& l : languages())
      if (l.in_density)
        for (std::string_view w : l.words)
          if (!w.empty() && w.size() <= KeyTable::kMaxBytes) keys.push_back(KeyTable::pack(w));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<std::pair<std::uint64_t, std::uint16_t>> entries;
    for (std::uint64_t k : keys) entries.emplace_back(k, 1);
    return KeyTable(entries);
  }();
  return table;
}

}  // namespace

bool is_any_stopword(std::string_view word) {
  return !word.empty() && word.size() <= KeyTable::kMaxBytes &&
         stopword_table().contains(KeyTable::pack(word)) != 0;
}

namespace {
// 1 when the word of `len` bytes with scan key `key` is in `table`, with no
// branch on the answer (see KeyTable).
unsigned stopword_key_in(const KeyTable& table, std::uint64_t key, std::size_t len) {
  return static_cast<unsigned>(len <= KeyTable::kMaxBytes) & table.contains(key);
}
}  // namespace

bool is_any_stopword_key(std::uint64_t key, std::size_t len) {
  return stopword_key_in(stopword_table(), key, len) != 0;
}

FunctionWordCount count_function_words(std::string_view text) {
  const KeyTable& table = stopword_table();
  FunctionWordCount count;
  scan_words(text, [&](const unsigned char*, std::size_t len, std::uint64_t key) {
    ++count.words;
    count.function_words += stopword_key_in(table, key, len);
    return true;
  });
  return count;
}

namespace {

// Every language's function words, each with the languages that use them:
// a word's value in the table is the number of its set of languages (1 for
// the first set met, and so on), so that the guess counts words per set with
// one lookup and one increment, and turns counts into scores only when it
// asks who leads. (There are a few dozen such sets.)
struct GuessTable {
  GuessTable() : keys(entries()) {}
  // (Declared first: entries() fills it while `keys` is built.)
  std::vector<std::uint16_t> languages_of_set{0};  // by set number; 0: no function word
  KeyTable keys;

 private:
  std::vector<std::pair<std::uint64_t, std::uint16_t>> entries() {
    std::vector<std::pair<std::uint64_t, std::uint16_t>> masks;  // key, languages
    const auto& langs = languages();
    for (std::size_t k = 0; k < langs.size(); ++k)
      for (std::string_view w : langs[k].words) masks.emplace_back(KeyTable::pack(w), static_cast<std::uint16_t>(1u << k));
    std::sort(masks.begin(), masks.end());
    std::vector<std::pair<std::uint64_t, std::uint16_t>> out;
    for (std::size_t i = 0; i < masks.size();) {
      std::uint16_t langs_of_word = 0;
      std::size_t j = i;
      for (; j < masks.size() && masks[j].first == masks[i].first; ++j) langs_of_word |= masks[j].second;
      auto set = std::find(languages_of_set.begin(), languages_of_set.end(), langs_of_word);
      if (set == languages_of_set.end()) set = languages_of_set.insert(set, langs_of_word);
      out.emplace_back(masks[i].first, static_cast<std::uint16_t>(set - languages_of_set.begin()));
      i = j;
    }
    return out;
  }
};

// A Cyrillic capital's two bytes (U+0410-U+042F) lowered: "В" to "в".
inline std::uint64_t lower_cyrillic_initial(std::uint64_t key) {
  const unsigned b0 = key & 0xFF, b1 = (key >> 8) & 0xFF;
  if (b0 != 0xD0 || b1 < 0x90 || b1 > 0xAF) return key;
  const std::uint64_t lowered = b1 < 0xA0 ? (0xD0u | ((b1 + 0x20) << 8)) : (0xD1u | ((b1 - 0x20) << 8));
  return (key & ~std::uint64_t{0xFFFF}) | lowered;
}

// Enough words to tell the languages apart (about a third are function
// words); the guess stops there so that a long article costs no more.
constexpr unsigned kGuessWords = 600;
constexpr std::uint32_t kSentenceWords = 7;  // a block this long is read first
constexpr unsigned kMinWords = 8;            // fewer words than this: no guess
// Most texts are decided long before kGuessWords: from kDecideWords on, every
// kDecideStep words, the guess stops once the leader scores over three times the
// runner-up and its words make a fifth of the text, twice what the final test
// asks (a text in none of the languages, Norwegian say, never gets there).
constexpr unsigned kDecideWords = 300;
constexpr unsigned kDecideStep = 50;

}  // namespace

std::string guess_language(const std::vector<Block>& blocks) {
  static const GuessTable table;
  const auto& langs = languages();
  // A word shared by n languages adds 12/n to each: the words only one
  // language uses decide between close ones.
  static constexpr unsigned kShare[] = {0, 12, 6, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  // The words read, and the function words of each set of languages (by
  // the table's set number; [0] counts the other words).
  thread_local std::vector<unsigned> per_set;
  per_set.assign(table.languages_of_set.size(), 0);
  unsigned total = 0;
  bool done = false;  // kGuessWords read, or the guess decided early
  std::array<unsigned, 16> score{}, hits{};
  auto tally = [&] {
    score = {};
    hits = {};
    for (std::size_t set = 1; set < table.languages_of_set.size(); ++set) {
      const unsigned words = per_set[set];
      const std::uint16_t mask = table.languages_of_set[set];
      unsigned n = 0;
      for (std::uint16_t m = mask; m != 0; m &= static_cast<std::uint16_t>(m - 1)) ++n;
      for (std::uint16_t m = mask; m != 0; m &= static_cast<std::uint16_t>(m - 1)) {
        const int k = __builtin_ctz(m);
        score[k] += kShare[n] * words;
        hits[k] += words;
      }
    }
  };
  auto decided = [&] {
    tally();
    unsigned first = 0, second = 0;
    std::size_t best = 0;
    for (std::size_t k = 0; k < langs.size(); ++k) {
      if (score[k] > first) {
        second = first;
        first = score[k];
        best = k;
      } else if (score[k] > second) {
        second = score[k];
      }
    }
    return first > 3 * second && hits[best] * 5 >= total;
  };
  auto count = [&](const Block& b) {
    scan_words(b.text, [&](const unsigned char*, std::size_t len, std::uint64_t key) {
      ++total;
      // No branch on whether the word is a function word (see KeyTable).
      ++per_set[table.keys.value_of(lower_cyrillic_initial(key)) & (0u - static_cast<unsigned>(len <= KeyTable::kMaxBytes))];
      if (total >= kGuessWords) done = true;
      else if (total >= kDecideWords && total % kDecideStep == 0) done = decided();
      return !done;
    });
  };
  // Sentences first: a page dump opens with menus, whose one-word items say
  // little about the language and would use up the words the guess reads.
  for (const Block& b : blocks) {
    if (b.words >= kSentenceWords) count(b);
    if (done) break;
  }
  if (total < kMinWords) {  // no sentences: the short blocks are all there is
    total = 0;
    per_set.assign(table.languages_of_set.size(), 0);
    done = false;
    for (const Block& b : blocks) {
      if (b.words < kSentenceWords) count(b);
      if (done) break;
    }
  }
  tally();
  std::size_t best = 0;
  for (std::size_t k = 1; k < langs.size(); ++k)
    if (score[k] > score[best]) best = k;
  // Function words make up a third of running text; demand a tenth.
  if (total < kMinWords || hits[best] * 10 < total) return "";
  return langs[best].code;
}

}  // namespace newsclean
