#include "clean/heuristics.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>

#include "clean/words.h"
#include "clean/zones.h"
#include "util/byte_stops.h"
#include "util/flat_table.h"
#include "util/swar.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

inline bool word_byte(unsigned char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c >= 0x80; }

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
  h ^= h >> 31;
  return h * 0xBF58476D1CE4E5B9ULL;
}

// A key for a sequence of word hashes: the sum of each word's hash mixed
// with its position. Every term is computed on its own, so the processor
// overlaps them, where a chain of mixes waits for each multiply in turn;
// the position keeps word order in the key.
std::uint64_t sequence_key(const std::uint64_t* words, std::uint32_t count) {
  std::uint64_t sum = 0x51ED270B27A9C3ULL + count;
  for (std::uint32_t k = 0; k < count; ++k) {
    std::uint64_t h = words[k] ^ ((k + 1) * 0x9E3779B97F4A7C15ULL);
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    h ^= h >> 32;
    sum += h;
  }
  return sum;
}

constexpr std::uint32_t kNearMinWords = 8;   // shorter lines (names, short phrases) repeat by nature
constexpr std::uint32_t kNearWindow = 12;    // a pull quote stands near the paragraph it quotes
constexpr std::uint32_t kDupWindow = 3;      // a repeat this close (in live blocks) is a copy
constexpr std::uint32_t kDupFarWords = 20;   // a repeat farther away goes only when this long
constexpr std::uint32_t kCellWords = 6;      // a table or list cell this short may repeat (its labels)
constexpr std::uint32_t kNearMaxWords = 120;
constexpr double kNearShare = 0.8;          // share of a block's word pairs found in the other block
// The containers' pair filter: about this many bits per pair (one in eight
// bits set, so a pair not in any container finds its bit set one time in
// nine), within a bound that keeps it in the cache.
constexpr std::size_t kFilterBitsPerPair = 8;
constexpr std::size_t kFilterMaxBits = std::size_t{1} << 20;
constexpr std::uint32_t kNone = 0xFFFFFFFF;

// The words of every live block, hashed once for both duplicate finders.
struct BlockWords {
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> start;  // words of block i: [start[i], start[i+1])
  std::uint32_t count(std::size_t i) const { return start[i + 1] - start[i]; }
};

void hash_words(const HeuristicInput& in, BlockWords& w) {
  const std::size_t n = in.blocks.size();
  w.hashes.clear();
  w.start.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    w.start[i] = static_cast<std::uint32_t>(w.hashes.size());
    if (alive(in, i)) append_word_hashes(current_text(in, i), w.hashes);
  }
  w.start[n] = static_cast<std::uint32_t>(w.hashes.size());
}

// Same words in the same order: the block is a repeat (the first stays).
void mark_exact(HeuristicInput& in, const BlockWords& w) {
  const std::size_t n = in.blocks.size();
  // The keys first, so that each block's slot can be loaded a few blocks
  // ahead: the table is cold for every new document. (Only block i is
  // dropped at step i, so whether a later block is alive is the same then.)
  thread_local std::vector<std::uint64_t> keys;
  keys.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (alive(in, i) && w.count(i) != 0) keys[i] = sequence_key(&w.hashes[w.start[i]], w.count(i));
  thread_local FlatTable seen;
  seen.reset(n);
  std::uint32_t rank = 0;  // live blocks so far
  thread_local std::vector<std::uint32_t> rank_of;
  rank_of.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + FlatTable::kPrefetchAhead < n) seen.prefetch(keys[i + FlatTable::kPrefetchAhead]);
    if (!alive(in, i)) continue;
    rank_of[i] = rank++;
    if (w.count(i) == 0) continue;
    bool found = false;
    FlatTable::Slot& slot = seen.find_or_insert(keys[i], &found);
    const std::uint32_t previous = slot.value;
    slot.value = static_cast<std::uint32_t>(i);
    if (!found || in.protect[i]) continue;
    // A repeat close by is a copy (a sticky header, a line pasted twice);
    // far away only a long one is: short lines such as "Pros" or a table's
    // labels repeat in real articles.
    const bool close = rank_of[i] - rank_of[previous] <= kDupWindow;
    if (!close && w.count(i) < kDupFarWords) continue;
    // The cells of a table or list repeat their labels ("Meal 1" each day,
    // "Price" in each row): a short cell that comes back after other cells
    // of the same kind is the table's rhythm, not a copy.
    const BlockKind kind = in.blocks[i].kind;
    if ((kind == BlockKind::TableRow || kind == BlockKind::ListItem) && in.blocks[previous].kind == kind &&
        w.count(i) <= kCellWords && rank_of[i] - rank_of[previous] >= 2)
      continue;
    drop(in, i, "dup/exact", "repeats " + block_ref(in, previous));
  }
}

bool has_quotation(const std::string& t) {
  // " or « (C2 AB), or “ „ ‘ (E2 80 9C, 9E and 98), found in one pass over
  // the quotes and the two lead bytes (which the apostrophes and dashes of
  // most paragraphs hold too). (Asked of every paragraph of eight words or
  // more.)
  const std::size_t n = t.size();
  return any_stop(t, '"', 0xE2, 0xC2, [&](std::size_t i) {
    switch (static_cast<unsigned char>(t[i])) {
      case '"': return true;
      case 0xC2: return i + 1 < n && t[i + 1] == '\xAB';
      default:
        return i + 2 < n && t[i + 1] == '\x80' && (t[i + 2] == '\x9C' || t[i + 2] == '\x9E' || t[i + 2] == '\x98');
    }
  });
}

// Returns, per block, the longer block that holds most of its word pairs (kNone if none).
std::vector<std::uint32_t> find_near(const HeuristicInput& in, const BlockWords& w) {
  const std::size_t n = in.blocks.size();
  std::vector<std::uint32_t> duplicate_of(n, kNone);
  // The word pairs of a block, hashed when asked: only candidates and the
  // few blocks that may contain one need them.
  auto pair = [&](std::uint32_t k) { return mix(w.hashes[k - 1], w.hashes[k]); };
  auto pair_count = [&](std::size_t i) { return w.count(i) ? w.count(i) - 1 : 0; };

  // Containers: a pull quote repeats what someone said, so only a block that
  // quotes someone (and is longer than the shortest candidate) can be the
  // one it repeats. Counted before each block, so that a candidate with no
  // container near it is not indexed at all.
  thread_local std::vector<char> container;
  thread_local std::vector<std::uint32_t> containers_before;
  container.assign(n, 0);
  containers_before.assign(n + 1, 0);
  for (std::size_t o = 0; o < n; ++o) {
    container[o] = alive(in, o) && pair_count(o) >= kNearMinWords && has_quotation(current_text(in, o));
    containers_before[o + 1] = containers_before[o] + (container[o] ? 1 : 0);
  }
  auto window = [&](const std::vector<std::uint32_t>& before, std::size_t i) {
    const std::size_t lo = i > kNearWindow ? i - kNearWindow : 0, hi = std::min(n, i + kNearWindow + 1);
    return before[hi] - before[lo];
  };
  if (containers_before[n] == 0) return duplicate_of;

  auto is_candidate = [&](std::size_t i) {
    if (i == 0 || !alive(in, i) || in.protect[i] || in.blocks[i].kind == BlockKind::Heading) return false;
    if (w.count(i) < kNearMinWords || w.count(i) > kNearMaxWords) return false;
    if (window(containers_before, i) - (container[i] ? 1 : 0) == 0) return false;
    // Headings, questions and lines that announce a list repeat the text
    // they introduce; a pull quote is a sentence, not a title.
    const std::string& t = current_text(in, i);
    const char last = t.back();
    if (last == ':' || last == '?') return false;
    return w.count(i) >= 15 || is_sentence_case(t);
  };

  // Index: word pair -> the chain of candidates holding it. Each chain node
  // remembers the last container that counted it, so a pair repeated in a
  // container counts once.
  struct Node {
    std::uint32_t next, block, last_container;
  };
  thread_local FlatTable index;
  thread_local std::vector<Node> nodes;
  thread_local std::vector<std::uint32_t> unique_pairs;
  nodes.clear();
  unique_pairs.assign(n, 0);
  // Sized for the candidates' pairs alone: a table sized for every block's
  // would spread the few inserts over far more memory than the cache holds.
  thread_local std::vector<std::uint32_t> candidates;
  candidates.clear();
  for (std::size_t i = 0; i < n; ++i)
    if (is_candidate(i)) candidates.push_back(static_cast<std::uint32_t>(i));
  if (candidates.empty()) return duplicate_of;

  // Most candidates are plain paragraphs that share a few common pairs ("of
  // the") with the containers, far from 80%. A bit per container pair (a
  // filter with no false negatives: a pair in some container always finds
  // its bit) tells them apart before the index, whose inserts and probes
  // miss the cache: a candidate goes on only when at least 80% of its
  // distinct pairs find their bit, as a pull quote's do.
  std::size_t container_pairs = 0;
  for (std::size_t o = 0; o < n; ++o)
    if (container[o]) container_pairs += pair_count(o);
  std::size_t filter_bits = 4096;
  while (filter_bits < container_pairs * kFilterBitsPerPair && filter_bits < kFilterMaxBits) filter_bits <<= 1;
  thread_local std::vector<std::uint64_t> filter;
  filter.assign(filter_bits / 64, 0);
  const std::uint64_t filter_mask = filter_bits - 1;
  auto bit_of = [&](std::uint64_t h) { return (h >> 20) & filter_mask; };  // the index uses the low bits
  for (std::size_t o = 0; o < n; ++o) {
    if (!container[o]) continue;
    for (std::uint32_t k = w.start[o] + 1; k < w.start[o + 1]; ++k) {
      const std::uint64_t b = bit_of(pair(k));
      filter[b >> 6] |= std::uint64_t{1} << (b & 63);
    }
  }
  thread_local FlatTable distinct;  // a candidate's own pairs, each counted once
  std::size_t kept = 0, candidate_pairs = 0;
  for (const std::uint32_t i : candidates) {
    distinct.reset(pair_count(i));
    std::uint32_t unique = 0, hits = 0;
    for (std::uint32_t k = w.start[i] + 1; k < w.start[i + 1]; ++k) {
      const std::uint64_t h = pair(k);
      bool found = false;
      distinct.find_or_insert(h, &found);
      if (found) continue;
      ++unique;
      const std::uint64_t b = bit_of(h);
      hits += (filter[b >> 6] >> (b & 63)) & 1;
    }
    if (hits < kNearShare * unique) continue;
    candidates[kept++] = i;
    candidate_pairs += pair_count(i);
  }
  candidates.resize(kept);
  if (candidates.empty()) return duplicate_of;
  index.reset(candidate_pairs);
  for (const std::uint32_t i : candidates) {
    for (std::uint32_t k = w.start[i] + 1; k < w.start[i + 1]; ++k) {
      bool found = false;
      FlatTable::Slot& slot = index.find_or_insert(pair(k), &found);
      if (!found) slot.value = kNone;
      if (slot.value != kNone && nodes[slot.value].block == i) continue;  // listed already
      nodes.push_back(Node{slot.value, static_cast<std::uint32_t>(i), kNone});
      slot.value = static_cast<std::uint32_t>(nodes.size() - 1);
      ++unique_pairs[i];
    }
  }
  if (nodes.empty()) return duplicate_of;

  // A container must stand within kNearWindow blocks of a candidate: count
  // the candidates before each block, so that a block with none near it is
  // skipped without looking at its pairs.
  thread_local std::vector<std::uint32_t> candidates_before;
  candidates_before.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) candidates_before[i + 1] = candidates_before[i] + (unique_pairs[i] ? 1 : 0);
  auto candidates_near = [&](std::size_t o) { return window(candidates_before, o) - (unique_pairs[o] ? 1 : 0); };

  thread_local std::vector<std::uint32_t> shared, touched;
  shared.assign(n, 0);
  for (std::size_t o = 0; o < n; ++o) {
    if (!container[o] || candidates_near(o) == 0) continue;
    const auto container = static_cast<std::uint32_t>(o);
    touched.clear();
    for (std::uint32_t k = w.start[o] + 1; k < w.start[o + 1]; ++k) {
      const FlatTable::Slot* slot = index.find(pair(k));
      if (slot == nullptr) continue;
      for (std::uint32_t c = slot->value; c != kNone; c = nodes[c].next) {
        Node& node = nodes[c];
        if (node.last_container == container) continue;
        node.last_container = container;
        if (node.block == container || w.count(node.block) >= w.count(o)) continue;
        if ((node.block > o ? node.block - o : o - node.block) > kNearWindow) continue;
        if (shared[node.block]++ == 0) touched.push_back(node.block);
      }
    }
    for (std::uint32_t cand : touched) {
      if (duplicate_of[cand] == kNone && shared[cand] >= kNearShare * unique_pairs[cand])
        duplicate_of[cand] = container;
      shared[cand] = 0;
    }
  }
  return duplicate_of;
}

// The lone attribution line under a pull quote ("Donald Trump", "— A. Reader").
bool is_attribution(const HeuristicInput& in, std::size_t i) {
  const Block& b = in.blocks[i];
  const std::string& t = current_text(in, i);
  if (t.empty() || b.words > 5 || b.chars > 50 || ends_like_sentence(t)) return false;
  if (t.rfind("\xE2\x80\x94", 0) == 0 || t.rfind("\xE2\x80\x93", 0) == 0 || t[0] == '-' || t[0] == '~') return true;
  bool at_word_start = true;
  for (unsigned char c : t) {
    if (c == ' ') {
      at_word_start = true;
      continue;
    }
    if (at_word_start && is_ascii_lower(c)) return false;
    at_word_start = false;
  }
  return true;
}

}  // namespace

std::vector<std::uint64_t> comparable_word_hashes(std::string_view text) {
  std::vector<std::uint64_t> out;
  append_word_hashes(text, out);
  return out;
}

void drop(HeuristicInput& in, std::size_t i, const char* id, std::string_view detail) {
  in.verdicts[i].decision = Decision::Drop;
  in.verdicts[i].reason = id;
  if (in.notes) in.verdicts[i].detail.assign(detail);
}

void drop_rest(HeuristicInput& in, std::size_t from, const char* id, const std::string& detail) {
  for (std::size_t k = from; k < in.blocks.size(); ++k)
    if (alive(in, k) && !in.protect[k]) drop(in, k, id, detail);
}

namespace {
std::string block_number(const HeuristicInput& in, std::size_t i) {
  return "#" + std::to_string((in.page_index ? (*in.page_index)[i] : i) + 1);
}
}  // namespace

std::string block_ref(const HeuristicInput& in, std::size_t i) {
  const std::uint32_t line = in.blocks[i].line;
  return line ? "line " + std::to_string(line) : "block " + block_number(in, i);
}

std::string block_range(const HeuristicInput& in, std::size_t a, std::size_t b) {
  const std::uint32_t la = in.blocks[a].line, lb = in.blocks[b].line;
  if (la && lb) return "lines " + std::to_string(la) + "-" + std::to_string(lb);
  return "blocks " + block_number(in, a) + "-" + block_number(in, b);
}

bool heuristic_enabled(const HeuristicInput& in, std::string_view id) {
  if (in.disabled == nullptr) return true;
  const std::string_view category = category_of(id);
  for (const auto& d : *in.disabled)
    if (d == id || d == category) return false;
  return true;
}

void mark_duplicates(HeuristicInput& in) {
  const bool exact = heuristic_enabled(in, "dup/exact"), near = heuristic_enabled(in, "dup/near");
  if (!exact && !near) return;
  thread_local BlockWords words;
  hash_words(in, words);
  if (exact) mark_exact(in, words);
  if (!near) return;
  const bool attribution = heuristic_enabled(in, "dup/attribution");
  const std::vector<std::uint32_t> duplicate_of = find_near(in, words);
  const std::size_t n = in.blocks.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (duplicate_of[i] == kNone) continue;
    drop(in, i, "dup/near", "repeats most of " + block_ref(in, duplicate_of[i]));
    std::size_t next = i + 1;
    while (next < n && !alive(in, next)) ++next;
    if (attribution && next < n && !in.protect[next] && duplicate_of[next] == kNone && is_attribution(in, next))
      drop(in, next, "dup/attribution", "names the speaker of the pull quote above");
  }
}

namespace {
// A word of at most four bytes and its length as one number, lower case.
constexpr std::uint64_t small_word_key(std::string_view w) {
  std::uint64_t key = std::uint64_t{w.size()} << 32;
  for (std::size_t k = 0; k < w.size(); ++k)
    key |= std::uint64_t{static_cast<unsigned char>(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k])} << (8 * k);
  return key;
}
}  // namespace

bool is_title_small_word(std::string_view w) {
  if (w.size() > 4) return false;
  // Compared with every small word at once, without a branch on each (asked
  // of every lower-case word of every short line, it mispredicted often).
  static constexpr std::uint64_t kSmall[] = {
      small_word_key("a"),  small_word_key("an"),   small_word_key("the"), small_word_key("and"),
      small_word_key("or"), small_word_key("but"),  small_word_key("nor"), small_word_key("of"),
      small_word_key("to"), small_word_key("in"),   small_word_key("on"),  small_word_key("at"),
      small_word_key("for"), small_word_key("by"),  small_word_key("with"), small_word_key("from"),
      small_word_key("as"), small_word_key("into"), small_word_key("vs"),  small_word_key("via"),
      small_word_key("per"), small_word_key("&")};
  std::uint64_t x = 0;
  std::memcpy(&x, w.data(), w.size());
  const std::uint64_t key = swar::lower_ascii(x) | std::uint64_t{w.size()} << 32;
  bool small = false;
  for (std::uint64_t k : kSmall) small |= k == key;
  return small;
}

bool is_sentence_case(std::string_view text) {
  // Among the words after the first, capitalised ones other than short
  // function words: in Title Case nearly all are, in sentence case only
  // names and acronyms.
  unsigned content = 0, capitalised = 0;
  bool first = true;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t s = i;
    while (i < text.size() && text[i] != ' ') ++i;
    std::string_view w = text.substr(s, i - s);
    // Skip leading quotes and brackets, and trailing punctuation.
    while (!w.empty() && !word_byte(static_cast<unsigned char>(w.front()))) w.remove_prefix(1);
    while (!w.empty() && !word_byte(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
    if (w.empty()) continue;
    if (first) {
      first = false;
      continue;
    }
    const auto c = static_cast<unsigned char>(w[0]);
    if (!is_ascii_alpha(c)) continue;  // numbers, non-Latin words: no evidence
    if (is_title_small_word(w)) continue;
    ++content;
    if (is_ascii_upper(c)) ++capitalised;
  }
  return content >= 2 && capitalised * 2 < content;
}

namespace {

// Content words: ASCII words of four letters or more, by their first five
// letters so that "email" meets "emails" and "election" meets "electoral".
template <typename F>
void for_each_content_stem(std::string_view t, F&& f) {
  static const char* const kCommon[] = {"that", "this", "with", "from", "have", "were", "what", "when", "will",
                                        "their", "there", "they", "about", "would", "which", "more", "your",
                                        "been", "also", "into", "than", "them", "some", "could", "after", "over"};
  std::size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && !is_ascii_alpha(static_cast<unsigned char>(t[i]))) ++i;
    const std::size_t s = i;
    while (i < t.size() && is_ascii_alpha(static_cast<unsigned char>(t[i]))) ++i;
    if (i - s < 4) continue;
    char word[6] = {0};
    const std::size_t len = std::min<std::size_t>(i - s, 5);
    for (std::size_t k = 0; k < len; ++k) word[k] = ascii_lower(t[s + k]);
    bool common = false;
    if (i - s <= 5)
      for (const char* c : kCommon) common = common || std::string_view(c) == std::string_view(t.data() + s, i - s);
    if (!common) f(std::string_view(word, len));
  }
}

bool shares_content_word(std::string_view line, std::string_view paragraph) {
  std::vector<std::string> stems;
  for_each_content_stem(line, [&](std::string_view w) { stems.emplace_back(w); });
  if (stems.empty()) return false;
  bool shared = false;
  for_each_content_stem(paragraph, [&](std::string_view w) {
    for (const auto& s : stems) shared = shared || s == w;
  });
  return shared;
}

}  // namespace

void mark_bare_headlines(HeuristicInput& in) {
  if (!heuristic_enabled(in, "related/bare-headline")) return;
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
  std::vector<std::size_t> candidates;
  for (std::size_t i = 1; i < n; ++i) {
    const Block& b = in.blocks[i];
    if (!alive(in, i) || in.protect[i] || in.zones[i] != Zone::Body) continue;
    if (b.kind != BlockKind::Paragraph) continue;
    const std::string& t = current_text(in, i);
    const std::uint32_t words = in.verdicts[i].decision == Decision::Edit ? count_words_normalised(t) : b.words;
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
    // "Step 3: …", "Timeline: …": a colon marks a label, not a headline.
    if (t.find(':') != std::string::npos) continue;
    // A subheading names what the next paragraphs are about; another
    // story's headline shares no content word with them.
    const std::size_t q2 = next_alive(q);
    if (shares_content_word(t, current_text(in, q)) || (q2 != n && shares_content_word(t, current_text(in, q2))))
      continue;
    candidates.push_back(i);
  }
  // Sentence-case subheadings are a house style: when a text has many such
  // lines, they are its subheadings.
  if (candidates.size() > 2) return;
  for (std::size_t i : candidates) drop(in, i, "related/bare-headline");
}

namespace {

// A comment thread: its label and the buttons of its first comments, each
// dropped by a rule of the comments category, stand this close together.
constexpr std::size_t kThreadWindow = 30;    // blocks, from the thread's first marker
constexpr std::size_t kThreadMarkers = 3;    // comments-category drops in that window
constexpr std::uint32_t kThreadProseBefore = 60;  // words of kept prose before it: the article

bool comments_drop(const Verdict& v) {
  return v.decision == Decision::Drop && category_of(v.reason) == "comments";
}

}  // namespace

void mark_comment_thread(HeuristicInput& in) {
  if (!heuristic_enabled(in, "comments/thread")) return;
  const std::size_t n = in.blocks.size();
  std::uint32_t prose_before = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (alive(in, i)) {
      if (is_prose(in.blocks[i])) prose_before += in.blocks[i].words;
      continue;
    }
    if (!comments_drop(in.verdicts[i]) || prose_before < kThreadProseBefore) continue;
    // One "Comments" label can head a sidebar widget or stand alone; a
    // thread shows its comments' "Reply" buttons right under it.
    std::size_t markers = 0;
    for (std::size_t k = i; k < n && k < i + kThreadWindow; ++k) markers += comments_drop(in.verdicts[k]) ? 1 : 0;
    if (markers < kThreadMarkers) continue;
    drop_rest(in, i + 1, "comments/thread", "in the comments from " + block_ref(in, i));
    return;
  }
}

void mark_after_end_marker(HeuristicInput& in) {
  if (!heuristic_enabled(in, "tail/after-end-marker")) return;
  const std::size_t n = in.blocks.size();
  std::size_t first_tail = n;
  for (std::size_t i = 0; i < n; ++i)
    if (in.zones[i] == Zone::Tail) {
      first_tail = i;
      break;
    }
  for (std::size_t i = first_tail; i < n; ++i) {
    const Verdict& v = in.verdicts[i];
    if (v.decision != Decision::Drop) continue;
    const std::string_view category = category_of(v.reason);
    // Newsletter and share prompts also stand between the last paragraphs,
    // so only these mark the end for sure.
    const bool strong =
        category == "related" || category == "comments" || category == "footer" || v.reason == "tail/dated-cards";
    if (!strong) continue;
    // A related link is an end only when no article prose follows it (the
    // sentences after a comments label are comments, after a footer the
    // page's own).
    if (category == "related") {
      std::vector<char> gone(n);
      for (std::size_t k = 0; k < n; ++k) gone[k] = !alive(in, k);
      if (article_prose_follows(in.blocks, i, gone)) continue;
    }
    drop_rest(in, i + 1, "tail/after-end-marker", "after " + v.reason + " at " + block_ref(in, i));
    return;
  }
}

namespace {

// The label over an author box: "About the author", "Author", "Written by Ana Ruiz".
const RE2& author_label() {
  static const RE2 re(
      "(?i)(about the (author|writer|contributor|reviewer)s?|meet the (author|writer)|"
      "(the )?author( bio(graphy)?| profile| details| info)?|written by:?( [^ .!?]+){1,5}|"
      "posted by:?( [^ .!?]+){1,5})[:.]?");
  return re;
}

// A writer's bio: a name (a first name or up to five capitalised words),
// then "is", "has", "writes"... and, soon after, a trade of writing. Other
// trades stay out: a news story often ends on its source ("Chen is an
// analyst at a London bank who ..."), which is article, not a box.
// Its opening: the name and the verb; group 1 is the first name. A name's
// letters are ASCII letters and any character beyond ASCII, and its capitals
// A-Z and the same: classes that compile in a fiftieth of the time of \\p{Lu}
// and \\pL (a few milliseconds at every start), and a stray symbol that
// passes for a capital is caught by the checks after (a quotation mark, a
// function word).
const RE2& author_bio_opening() {
  static const RE2 re(
      "^(?:(?i:about the author):? )?\\(?([A-Z\\x{80}-\\x{10FFFF}][A-Za-z\\x{80}-\\x{10FFFF}.'’-]*)"
      "(?: (?:[A-Z\\x{80}-\\x{10FFFF}][A-Za-z\\x{80}-\\x{10FFFF}.'’-]*|de|van|von|da|del|la|le)){0,4}"
      "(?:,| is| has| writes| covers| joined| brings| first| founded| serves)\\b");
  return re;
}

// Then a trade of writing, starting within kBioTradeReach characters.
const RE2& author_bio_trade() {
  static const RE2 re(
      "\\b(?i:writer|journalist|editor|author|contributor|reporter|blogger|columnist|correspondent|"
      "freelancer|photographer|copywriter|storyteller)s?\\b");
  return re;
}
constexpr std::size_t kBioTradeReach = 160;  // characters after the verb
// Longer than any trade above with its "s" and the character after it, so
// that a match found in the window is judged on the text as it is.
constexpr std::size_t kBioTradeSlack = 24;

// Bytes of the UTF-8 character that starts with `lead` (1 for a stray byte).
std::size_t utf8_length(unsigned char lead) { return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// Two small regexes and a distance rather than one ".{0,160}": that
// counted repetition made one regex of thousands of instructions, costly to
// compile at every start and to run.
bool matches_author_bio(const std::string& t, std::string* first_name) {
  re2::StringPiece input(t), name;
  // Asked first without the capture: RE2 then answers with its DFA, which
  // gives up after a few bytes of most text; a capture makes it walk the
  // whole block.
  if (!author_bio_opening().Match(input, 0, input.size(), RE2::ANCHOR_START, nullptr, 0)) return false;
  if (!RE2::Consume(&input, author_bio_opening(), &name)) return false;
  first_name->assign(name.data(), name.size());
  // The window: kBioTradeReach characters (not bytes) after the verb, and
  // room for a trade that starts at the last of them.
  std::size_t reach = 0, chars = 0;
  while (reach < input.size() && chars < kBioTradeReach) {
    reach += std::min(utf8_length(static_cast<unsigned char>(input[reach])), input.size() - reach);
    ++chars;
  }
  const std::size_t window = std::min<std::size_t>(input.size(), reach + kBioTradeSlack);
  re2::StringPiece found;
  const re2::StringPiece in_window(input.data(), window);
  if (!author_bio_trade().Match(in_window, 0, window, RE2::UNANCHORED, &found, 1)) return false;
  return static_cast<std::size_t>(found.data() - input.data()) <= reach;
}

// Words that start sentences of the article but never a name.
bool is_function_word(std::string_view w) {
  static const char* const kWords[] = {
      "the", "this", "that", "these", "those", "a",    "an",   "our",  "my",    "your",  "their", "his",
      "her", "its",  "if",   "when",  "while", "in",   "on",   "at",   "for",   "with",  "as",    "it",
      "we",  "you",  "they", "he",    "she",   "i",    "there", "here", "what", "how",   "why",   "who",
      "some", "many", "most", "all",  "each",  "every", "one", "no",   "not",   "and",   "but",   "or",
      "so",  "after", "before", "during", "since", "from", "to", "of", "by",    "today", "now",   "then"};
  std::string lower(w);
  for (char& c : lower) c = ascii_lower(c);
  for (const char* k : kWords)
    if (lower == k) return true;
  return false;
}

bool is_author_bio(const Block& b, const std::string& t) {
  if (b.words < 10 || b.kind == BlockKind::Heading) return false;
  std::string first;
  if (!matches_author_bio(t, &first) || is_function_word(first)) return false;
  // A block that quotes or reports speech is the story's, not the writer's.
  return !has_quotation(t) && t.find(" said") == std::string::npos && t.find(" says") == std::string::npos &&
         t.find(" told ") == std::string::npos;
}

// A lone name: one to four capitalised words, nothing else.
bool is_name_line(const std::string& t, std::uint32_t words) {
  if (words == 0 || words > 4) return false;
  std::size_t i = 0;
  while (i < t.size()) {
    if (!is_ascii_upper(static_cast<unsigned char>(t[i]))) return false;
    while (i < t.size() && t[i] != ' ') {
      const char c = t[i];
      if (c == '.' && i + 1 < t.size() && t[i + 1] != ' ') return false;  // a domain, not an initial
      if (c == ':' || c == '!' || c == '?' || c == ',' || c == '|') return false;
      ++i;
    }
    ++i;
  }
  return true;
}

std::string_view first_word(const std::string& t) {
  std::size_t i = 0;
  while (i < t.size() && !(is_ascii_alpha(static_cast<unsigned char>(t[i])) || static_cast<unsigned char>(t[i]) >= 0x80)) ++i;
  std::size_t j = i;
  while (j < t.size() && t[j] != ' ' && t[j] != ',') ++j;
  return std::string_view(t).substr(i, j - i);
}

}  // namespace

// "About the author" said outright, with more of the page after it than the
// last four blocks (related stories, comments): the label and the name,
// role and bio under it, up to the next block that is none of those. Only
// after the article's prose, and when more of it stands before than after,
// so that a book review's section on the book's author stays.
void mark_labelled_author_box(HeuristicInput& in, const std::vector<std::size_t>& live) {
  static const RE2 explicit_label("(?i)about the (author|writer|contributor|reviewer)s?[:.]?");
  constexpr std::uint32_t kMinArticleWords = 100;
  constexpr std::uint32_t kMaxBioWords = 100;
  constexpr std::size_t kMaxBoxBlocks = 4;  // name, role, bio lines under the label
  // The label: the first block that says it ("about ..." before the regex).
  std::size_t k = 0;
  for (; k + 1 < live.size(); ++k) {
    const std::size_t i = live[k];
    const std::string& t = current_text(in, i);
    if (in.blocks[i].words <= 4 && t.size() >= 16 && ascii_lower(t[0]) == 'a' && !in.protect[i] &&
        RE2::FullMatch(t, explicit_label))
      break;
  }
  if (k + 1 >= live.size()) return;
  std::uint32_t before = 0, after = 0;
  for (std::size_t j = 0; j < live.size(); ++j)
    if (is_prose(in.blocks[live[j]])) (j < k ? before : after) += in.blocks[live[j]].words;
  if (before < kMinArticleWords || after >= before) return;
  // The box: short name and role lines, then one bio.
  std::size_t end = k + 1;
  while (end < live.size() && end - k <= kMaxBoxBlocks && in.blocks[live[end]].words <= 4 &&
         is_name_line(current_text(in, live[end]), in.blocks[live[end]].words))
    ++end;
  if (end == live.size() || end - k > kMaxBoxBlocks || in.blocks[live[end]].words > kMaxBioWords) return;
  const std::string detail = "author box under the label at " + block_ref(in, live[k]);
  for (std::size_t b = k; b <= end; ++b)
    if (!in.protect[live[b]]) drop(in, live[b], "tail/author-box", detail);
}

void mark_author_box(HeuristicInput& in) {
  if (!heuristic_enabled(in, "tail/author-box")) return;
  constexpr std::size_t kLastBlocks = 4;
  std::vector<std::size_t> live;
  for (std::size_t i = 0; i < in.blocks.size(); ++i)
    if (alive(in, i)) live.push_back(i);
  if (live.size() < 2) return;
  std::size_t from = live.size() > kLastBlocks ? live.size() - kLastBlocks : 1;
  std::size_t start = live.size();
  for (std::size_t k = from; k < live.size(); ++k) {
    const std::size_t i = live[k];
    if (in.protect[i]) continue;
    const std::string& t = current_text(in, i);
    if ((in.blocks[i].words <= 8 && RE2::FullMatch(t, author_label())) || is_author_bio(in.blocks[i], t)) {
      start = k;
      break;
    }
  }
  if (start == live.size()) return mark_labelled_author_box(in, live);
  // The article itself must stand before the box.
  bool prose_before = false;
  for (std::size_t k = 0; k < start && !prose_before; ++k) prose_before = is_prose(in.blocks[live[k]]);
  if (!prose_before) return;
  // The name over the box, when the box names the same person.
  if (start > 1) {
    const std::size_t p = live[start - 1];
    const std::string& name = current_text(in, p);
    if (!in.protect[p] && is_name_line(name, in.blocks[p].words)) {
      const std::string_view given = first_word(name);
      for (std::size_t k = start; k < live.size(); ++k)
        if (!given.empty() && first_word(current_text(in, live[k])) == given) {
          --start;
          break;
        }
    }
  }
  const std::string detail = "author box from " + block_ref(in, live[start]);
  for (std::size_t k = start; k < live.size(); ++k)
    if (!in.protect[live[k]]) drop(in, live[k], "tail/author-box", detail);
}

}  // namespace newsclean
