#include "clean/heuristics.h"

#include <algorithm>
#include <cstring>

#include "clean/zones.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

bool alive(const HeuristicInput& in, std::size_t i) { return in.verdicts[i].decision != Decision::Drop; }

const std::string& current_text(const HeuristicInput& in, std::size_t i) {
  return in.verdicts[i].decision == Decision::Edit ? in.verdicts[i].text : in.blocks[i].text;
}

void drop(HeuristicInput& in, std::size_t i, const char* id, std::string detail = {}) {
  in.verdicts[i].decision = Decision::Drop;
  in.verdicts[i].reason = id;
  in.verdicts[i].detail = std::move(detail);
}

bool is_apostrophe(std::string_view s, std::size_t i, std::size_t* len) {
  if (s[i] == '\'') {
    *len = 1;
    return true;
  }
  if (i + 2 < s.size() && s.compare(i, 3, "\xE2\x80\x99") == 0) {
    *len = 3;
    return true;
  }
  return false;
}

bool word_byte(unsigned char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c >= 0x80; }

// Calls f(word) for each comparable word: lower case, apostrophes folded,
// common English contractions expanded so "you're" matches "you are".
template <typename F>
void for_each_comparable_word(std::string_view s, F&& f) {
  std::string w;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t alen = 0;
    if (!word_byte(static_cast<unsigned char>(s[i])) || is_apostrophe(s, i, &alen)) {
      ++i;
      continue;
    }
    w.clear();
    std::size_t apos = std::string::npos;
    while (i < s.size()) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (is_apostrophe(s, i, &alen) && i + alen < s.size() &&
          is_ascii_alpha(static_cast<unsigned char>(s[i + alen])) && !w.empty()) {
        if (apos == std::string::npos) apos = w.size();
        w.push_back('\'');
        i += alen;
        continue;
      }
      if (c == 0xE2 && is_apostrophe(s, i, &alen)) break;
      if (!word_byte(c)) break;
      w.push_back(ascii_lower(static_cast<char>(c)));
      ++i;
    }
    if (apos == std::string::npos) {
      f(std::string_view(w));
      continue;
    }
    const std::string_view stem(w.data(), apos);
    const std::string_view suffix(w.data() + apos + 1, w.size() - apos - 1);
    if (suffix == "t" && stem.size() > 1 && stem.back() == 'n') {
      f(stem.substr(0, stem.size() - 1));
      f("not");
    } else if (suffix == "re") {
      f(stem), f("are");
    } else if (suffix == "ll") {
      f(stem), f("will");
    } else if (suffix == "ve") {
      f(stem), f("have");
    } else if (suffix == "m") {
      f(stem), f("am");
    } else if (suffix == "d") {
      f(stem), f("would");
    } else if (suffix == "s") {
      f(stem);
    } else {
      std::string joined(stem);
      joined += suffix;
      f(std::string_view(joined));
    }
  }
}

std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
  h ^= h >> 31;
  return h * 0xBF58476D1CE4E5B9ULL;
}

// The key under which two blocks count as the same: letters and digits only,
// lower case, so spacing, punctuation and quote styles do not matter.
std::uint64_t exact_key(std::string_view s, bool* has_content) {
  std::uint64_t h = 1469598103934665603ULL;
  *has_content = false;
  for (unsigned char c : s) {
    if (!word_byte(c)) continue;
    *has_content = true;
    h = (h ^ static_cast<unsigned char>(ascii_lower(static_cast<char>(c)))) * 1099511628211ULL;
  }
  return h;
}

// A small open-addressing table from 64-bit keys to a value, reused across
// documents on the same thread so that no document allocates.
struct FlatTable {
  struct Slot {
    std::uint64_t key;
    std::uint32_t value;
    std::uint32_t stamp;  // slot is live when stamp == generation
  };
  std::vector<Slot> slots;
  std::uint32_t generation = 0;
  std::size_t mask = 0;

  void reset(std::size_t expected) {
    std::size_t want = 64;
    while (want < expected * 2) want <<= 1;
    if (slots.size() < want) {
      slots.assign(want, Slot{0, 0, 0});
      generation = 0;
    }
    mask = slots.size() - 1;
    if (++generation == 0) {  // wrapped: clear for real
      std::fill(slots.begin(), slots.end(), Slot{0, 0, 0});
      generation = 1;
    }
  }
  // Returns the slot for key; *found says whether it was there already.
  Slot& find_or_insert(std::uint64_t key, bool* found) {
    std::size_t i = static_cast<std::size_t>(key) & mask;
    while (slots[i].stamp == generation) {
      if (slots[i].key == key) {
        *found = true;
        return slots[i];
      }
      i = (i + 1) & mask;
    }
    *found = false;
    slots[i] = Slot{key, 0, generation};
    return slots[i];
  }
  const Slot* find(std::uint64_t key) const {
    std::size_t i = static_cast<std::size_t>(key) & mask;
    while (slots[i].stamp == generation) {
      if (slots[i].key == key) return &slots[i];
      i = (i + 1) & mask;
    }
    return nullptr;
  }
};

constexpr std::uint32_t kNearMinWords = 8;    // shorter lines (names, short phrases) repeat by nature
constexpr std::uint32_t kNearMaxWords = 120;
constexpr double kNearShare = 0.8;            // share of a block's word pairs found in the other block
constexpr std::uint32_t kNone = 0xFFFFFFFF;

}  // namespace

std::vector<std::string> comparable_words(std::string_view text) {
  std::vector<std::string> out;
  for_each_comparable_word(text, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

void mark_exact_duplicates(HeuristicInput& in) {
  thread_local FlatTable seen;
  seen.reset(in.blocks.size());
  for (std::size_t i = 0; i < in.blocks.size(); ++i) {
    if (!alive(in, i)) continue;
    bool content = false;
    const std::uint64_t key = exact_key(current_text(in, i), &content);
    if (!content) continue;
    bool found = false;
    FlatTable::Slot& slot = seen.find_or_insert(key, &found);
    if (!found) {
      slot.value = static_cast<std::uint32_t>(i);
      continue;
    }
    if (in.protect[i]) continue;
    drop(in, i, "dup/exact", "repeats line " + std::to_string(in.blocks[slot.value].line));
  }
}

void mark_near_duplicates(HeuristicInput& in) {
  const std::size_t n = in.blocks.size();
  // Word-pair hashes of every live block, and which blocks are candidates.
  thread_local std::vector<std::uint64_t> pairs;
  thread_local std::vector<std::uint32_t> start;  // pairs of block i: [start[i], start[i+1])
  thread_local std::vector<std::uint32_t> words;
  pairs.clear();
  start.assign(n + 1, 0);
  words.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    start[i] = static_cast<std::uint32_t>(pairs.size());
    if (!alive(in, i)) continue;
    std::uint64_t prev = 0;
    std::uint32_t count = 0;
    for_each_comparable_word(current_text(in, i), [&](std::string_view w) {
      const std::uint64_t h = hash_bytes(w);
      if (count > 0) pairs.push_back(mix(prev, h));
      prev = h;
      ++count;
    });
    words[i] = count;
  }
  start[n] = static_cast<std::uint32_t>(pairs.size());

  auto is_candidate = [&](std::size_t i) {
    return i > 0 && alive(in, i) && !in.protect[i] && in.blocks[i].kind != BlockKind::Heading &&
           words[i] >= kNearMinWords && words[i] <= kNearMaxWords;
  };

  // Index: word pair -> the first candidate holding it (a chain links the
  // others), so a block's pairs are looked up once each.
  thread_local FlatTable index;
  thread_local std::vector<std::uint32_t> chain_next, chain_block;
  thread_local std::vector<std::uint32_t> unique_pairs;  // per candidate
  chain_next.clear();
  chain_block.clear();
  unique_pairs.assign(n, 0);
  index.reset(pairs.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_candidate(i)) continue;
    for (std::uint32_t k = start[i]; k < start[i + 1]; ++k) {
      bool found = false;
      FlatTable::Slot& slot = index.find_or_insert(pairs[k], &found);
      if (!found) slot.value = kNone;
      // Skip a pair this candidate already listed (it is at the chain head).
      if (slot.value != kNone && chain_block[slot.value] == i) continue;
      chain_next.push_back(slot.value);
      chain_block.push_back(static_cast<std::uint32_t>(i));
      slot.value = static_cast<std::uint32_t>(chain_block.size() - 1);
      ++unique_pairs[i];
    }
  }
  if (chain_block.empty()) return;

  // For each container block, count the candidate pairs it holds.
  thread_local std::vector<std::uint32_t> shared;
  thread_local std::vector<std::uint32_t> touched;
  shared.assign(n, 0);
  std::vector<std::uint32_t> duplicate_of(n, kNone);
  thread_local FlatTable counted;  // pairs of this container already counted
  for (std::size_t o = 0; o < n; ++o) {
    if (!alive(in, o) || start[o + 1] == start[o]) continue;
    touched.clear();
    counted.reset(start[o + 1] - start[o]);
    for (std::uint32_t k = start[o]; k < start[o + 1]; ++k) {
      const FlatTable::Slot* slot = index.find(pairs[k]);
      if (slot == nullptr) continue;
      bool again = false;
      counted.find_or_insert(pairs[k], &again);
      if (again) continue;
      for (std::uint32_t c = slot->value; c != kNone; c = chain_next[c]) {
        const std::uint32_t cand = chain_block[c];
        if (cand == o || words[cand] >= words[o]) continue;
        if (shared[cand]++ == 0) touched.push_back(cand);
      }
    }
    for (std::uint32_t cand : touched) {
      if (duplicate_of[cand] == kNone && shared[cand] >= kNearShare * unique_pairs[cand])
        duplicate_of[cand] = static_cast<std::uint32_t>(o);
      shared[cand] = 0;
    }
  }

  for (std::size_t i = 0; i < n; ++i) {
    if (duplicate_of[i] == kNone) continue;
    drop(in, i, "dup/near", "repeats most of line " + std::to_string(in.blocks[duplicate_of[i]].line));
    // The lone attribution line under a pull quote ("Donald Trump", "— A. Reader").
    std::size_t next = i + 1;
    while (next < n && !alive(in, next)) ++next;
    if (next >= n || in.protect[next]) continue;
    const Block& b = in.blocks[next];
    const std::string& t = current_text(in, next);
    if (b.words == 0 || b.words > 5 || b.chars > 50 || ends_like_sentence(t)) continue;
    bool name_like = t.rfind("\xE2\x80\x94", 0) == 0 || t.rfind("\xE2\x80\x93", 0) == 0 || t[0] == '-' || t[0] == '~';
    if (!name_like) {
      name_like = true;
      bool at_word_start = true;
      for (unsigned char c : t) {
        if (c == ' ') {
          at_word_start = true;
          continue;
        }
        if (at_word_start && is_ascii_lower(c)) name_like = false;
        at_word_start = false;
      }
    }
    if (name_like) drop(in, next, "dup/attribution", "names the speaker of the pull quote above");
  }
}

bool is_sentence_case(std::string_view text) {
  // Among the words after the first, capitalised ones other than short
  // function words: in Title Case nearly all are, in sentence case only
  // names and acronyms.
  static const char* const kSmall[] = {"a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on",
                                       "at", "for", "by", "with", "from", "as", "into", "vs", "via", "per"};
  unsigned content = 0, capitalised = 0;
  bool first = true;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t s = i;
    while (i < text.size() && text[i] != ' ') ++i;
    std::string_view w = text.substr(s, i - s);
    // Skip leading quotes and brackets.
    while (!w.empty() && !word_byte(static_cast<unsigned char>(w[0]))) w.remove_prefix(1);
    if (w.empty()) continue;
    if (first) {
      first = false;
      continue;
    }
    const auto c = static_cast<unsigned char>(w[0]);
    if (!is_ascii_alpha(c)) continue;  // numbers, non-Latin words: no evidence
    std::string lower = ascii_lowercase(w);
    while (!lower.empty() && !word_byte(static_cast<unsigned char>(lower.back()))) lower.pop_back();
    bool small = false;
    for (const char* s2 : kSmall) small = small || lower == s2;
    if (small) continue;
    ++content;
    if (is_ascii_upper(c)) ++capitalised;
  }
  return content >= 2 && capitalised * 2 < content;
}

void mark_bare_headlines(HeuristicInput& in) {
  const std::size_t n = in.blocks.size();
  auto prev_alive = [&](std::size_t i) -> std::size_t {
    while (i-- > 0)
      if (alive(in, i)) return i;
    return n;
  };
  auto next_alive = [&](std::size_t i) -> std::size_t {
    for (++i; i < n; ++i)
      if (alive(in, i)) return i;
    return n;
  };
  for (std::size_t i = 1; i < n; ++i) {
    const Block& b = in.blocks[i];
    if (!alive(in, i) || in.protect[i] || in.zones[i] != Zone::Body) continue;
    if (b.kind != BlockKind::Paragraph) continue;
    const std::string& t = current_text(in, i);
    const std::uint32_t words = count_words(t);
    if (words < 5 || words > 14) continue;
    const auto last = static_cast<unsigned char>(t.back());
    // A headline ends in a word (letter or digit), not in punctuation.
    if (!(is_ascii_alpha(last) || is_ascii_digit(last) || last >= 0x80)) continue;
    if (ends_like_sentence(t) || t.find(". ") != std::string::npos) continue;
    if (!is_sentence_case(t)) continue;
    const std::size_t p = prev_alive(i), q = next_alive(i);
    if (p == n || q == n) continue;
    if (!is_prose(in.blocks[p]) || !is_prose(in.blocks[q])) continue;
    // A subheading introduces what follows; a paragraph that ends with ':'
    // announces the line (a list, a quote), so it is not a stray headline.
    if (current_text(in, p).back() == ':') continue;
    drop(in, i, "related/bare-headline");
  }
}

}  // namespace newsclean
