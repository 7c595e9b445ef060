#include "rules/ruleset.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "rules/builtin.h"
#include "rules/hit_memo.h"
#include "rules/letter_classes.h"
#include "rules/lowered.h"
#include "rules/needle_gate.h"
#include "util/flat_table.h"
#include "util/utf8.h"

namespace newsclean {

namespace {

// Tiers of block length in words: a block of w words runs the set of the
// tier (lo, hi] that holds w. The cuts follow the word limits the built-in
// rules use most; the last tier takes the rest.
// The cut at 60 words is the limit of most caption and consent rules, so
// that paragraphs past it meet only the few rules that look inside them.
constexpr std::uint32_t kTierCuts[] = {12, 40, 60};
constexpr std::int64_t kSetMemory = 64 << 20;
// Counted repetitions up to this many stay as written in the sets.
constexpr long kMaxKeptCount = 6;
// match_all keeps its buffer of lowered text between documents up to this size.
constexpr std::size_t kMaxKeptBuffer = std::size_t{16} << 20;
// Blocks up to this many words that repeat an earlier block of the document
// share its hits (see match_all); longer ones seldom repeat.
constexpr std::uint32_t kSharedMaxWords = 40;

RE2::Options pattern_options(bool ignore_case) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(!ignore_case);
  o.set_max_mem(8 << 20);
  return o;
}

bool has_token(const std::vector<std::string>& have, const std::vector<std::string>& want) {
  for (const auto& w : want)
    if (std::find(have.begin(), have.end(), w) != have.end()) return true;
  return false;
}

// True when the rule comes from one of the rule files built into the binary.
// Their patterns are known to compile (a unit test checks each), so their
// exact regexes are left to be compiled on first use.
bool builtin_rule(const Rule& r) {
  for (std::size_t i = 0; i < kBuiltinRuleFileCount; ++i)
    if (r.file == kBuiltinRuleFiles[i].name) return true;
  return false;
}

}  // namespace

struct RuleSet::LazyCompile {
  std::once_flag once;
  bool ok = false;
};

struct RuleSet::Merged {
  std::atomic<std::uint64_t> bytes{0};  // of the documents that ran these groups
  std::once_flag once;
  bool ok = false;
  Group group;
};

std::vector<RuleSet::Tier> RuleSet::make_tiers(bool one_tier) {
  RE2::Options set_options = pattern_options(false);
  set_options.set_max_mem(kSetMemory);
  std::vector<Tier> tiers;
  std::uint32_t lo = 0;
  const std::size_t cuts = one_tier ? 0 : sizeof kTierCuts / sizeof kTierCuts[0];
  for (std::size_t k = 0; k <= cuts; ++k) {
    Tier t;
    t.min_words = lo;
    t.max_words = k < cuts ? kTierCuts[k] : std::numeric_limits<std::uint32_t>::max();
    t.anchored.set = std::make_unique<RE2::Set>(set_options, RE2::ANCHOR_START);
    t.unanchored.set = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
    tiers.push_back(std::move(t));
    lo = tiers.back().max_words + 1;
  }
  return tiers;
}

void RuleSet::build_gates(const std::vector<Rule>& rules, Group& g) {
  for (const Tier& t : g.tiers) {
    Group::GateTier gt;
    std::vector<NeedleGate::Strings> strings;
    for (int r : g.gated) {
      const Rule& rule = rules[r];
      if (rule.max_words < t.min_words || rule.min_words > t.max_words) continue;
      gt.rules.push_back(r);
      strings.push_back({rule.needs, rule.ignore_case});
    }
    for (std::size_t from = 0; from < strings.size(); from += NeedleGate::kMaxRules) {
      const std::size_t to = std::min(strings.size(), from + NeedleGate::kMaxRules);
      gt.gates.emplace_back(std::vector<NeedleGate::Strings>(strings.begin() + from, strings.begin() + to));
    }
    g.gate_tiers.push_back(std::move(gt));
  }
}

bool RuleSet::add_pattern(const Rule& r, int index, Group& g, std::string* error) {
  // What goes into the sets: the cheapest form that RE2 accepts, widened
  // first, then relaxed only, then the pattern as written (exact).
  //
  // A start-anchored pattern that opens with a broad repeated class
  // ("^[^.!?]+ · 5 min read") would keep a thread of the set's automaton
  // alive through most of every block, and the automaton's states multiply
  // with each such thread. The set holds what follows that opening instead,
  // unanchored: it matches wherever the rule does, and a hit is confirmed
  // by the rule's own regex.
  const std::string tail = after_broad_start(r.pattern);
  const bool cut = !tail.empty();
  const std::string& source = cut ? tail : r.pattern;
  bool relaxed_changed = false, widened_changed = false;
  const std::string relaxed = relax_counted_repetition(source, &relaxed_changed);
  const std::string widened = widen_property_classes(relaxed, &widened_changed);
  struct Form {
    std::string text;
    Confirm confirm;
  };
  std::vector<Form> forms;
  // Each written for the sets' lowered text (rules/lowered.h); one that is
  // wider there than the rule is confirmed with the rule's own regex.
  auto add_form = [&](const std::string& p, Confirm confirm) {
    LoweredPattern lp = lower_pattern(p, r.ignore_case);
    forms.push_back({std::move(lp.pattern), lp.exact && !cut ? confirm : Confirm::Always});
  };
  if (widened_changed) add_form(widened, relaxed_changed ? Confirm::Always : Confirm::BeyondAscii);
  if (relaxed_changed) add_form(relaxed, Confirm::Always);
  add_form(source, Confirm::Never);
  // A start-anchored pattern that opens with a broad repeated class goes to
  // the unanchored set, which reads every block to the end already, and
  // leaves the anchored set's automaton free to die after a few bytes: cut
  // (above) when it could be, else whole, with its '^' still anchoring it.
  const bool anchored = anchored_at_start(r.pattern) && !scans_from_start(r.pattern);
  bool added = false;
  for (Tier& t : g.tiers) {
    if (r.max_words < t.min_words || r.min_words > t.max_words) continue;
    PatternSet& ps = anchored ? t.anchored : t.unanchored;
    int idx = -1;
    for (const Form& f : forms) {
      error->clear();
      idx = ps.set->Add(f.text, error);
      if (idx >= 0) {
        ps.rule_of.push_back(index);
        ps.confirm.push_back(f.confirm);
        break;
      }
    }
    if (idx < 0) break;
    added = true;
  }
  return added || error->empty();
}

bool RuleSet::compile_group(const std::vector<Rule>& rules, Group& g, std::vector<RuleError>* errors) {
  bool ok = true;
  std::string error;
  for (int r : g.members) {
    if (add_pattern(rules[r], r, g, &error)) continue;
    if (errors) errors->push_back({rules[r].file, rules[r].line, 0, "bad pattern in rule " + rules[r].id + ": " + error, ""});
    ok = false;
  }
  if (!ok) return false;
  for (auto& t : g.tiers) {
    // An unanchored set whose every pattern needs one of a few bytes is
    // skipped for a block that holds none of them (a memchr each instead
    // of a DFA over the whole block).
    std::string needed;
    for (int r : t.unanchored.rule_of) {
      const int b = required_leading_byte(rules[r].pattern);
      if (b < 0) {
        needed.clear();
        break;
      }
      if (needed.find(static_cast<char>(b)) == std::string::npos) needed += static_cast<char>(b);
    }
    if (needed.size() <= kMaxNeededBytes) t.unanchored.needed_bytes = needed;
    for (PatternSet* ps : {&t.anchored, &t.unanchored})
      if (!ps->rule_of.empty() && !ps->set->Compile()) {
        if (errors) errors->push_back({"rules", 0, 0, "the rule patterns are too large to compile together", ""});
        return false;
      }
  }
  return true;
}

bool RuleSet::ready(const Group& g) const {
  if (!g.lazy) return true;
  std::call_once(g.lazy->once, [&] { g.lazy->ok = compile_group(rules_, const_cast<Group&>(g), nullptr); });
  return g.lazy->ok;
}

bool RuleSet::compile_all_groups() const {
  bool ok = true;
  for (const Group& g : groups_) ok = ready(g) && ok;
  return ok;
}

struct RuleSet::LazyRegex {
  std::once_flag once;
  std::unique_ptr<RE2> re;
  // narrowed_regex's, by LetterReach (Ascii, Latin): the patterns, written
  // on first use for both (empty when narrowing leaves the pattern as it
  // is), and each one's regex, compiled on its own first use.
  std::once_flag written_once;
  std::string narrowed_pattern[2];
  std::once_flag compiled_once[2];
  std::unique_ptr<RE2> narrowed[2];
};

bool host_in_site(const std::string& host, const std::string& site) {
  if (host.size() < site.size()) return false;
  if (host.compare(host.size() - site.size(), site.size(), site) != 0) return false;
  return host.size() == site.size() || host[host.size() - site.size() - 1] == '.';
}

RuleSet::~RuleSet() = default;

const RE2* RuleSet::regex(int index) const {
  LazyRegex* lazy = regexes_[index].get();
  if (lazy == nullptr) return nullptr;
  std::call_once(lazy->once, [&] {
    const Rule& r = rules_[index];
    lazy->re = std::make_unique<RE2>(r.pattern, pattern_options(r.ignore_case));
  });
  return lazy->re.get();
}

bool RuleSet::has_narrowed_forms(int index) const {
  LazyRegex* lazy = regexes_[index].get();
  if (lazy == nullptr) return false;
  std::call_once(lazy->written_once, [&] {
    const Rule& r = rules_[index];
    for (const LetterReach reach : {LetterReach::Ascii, LetterReach::Latin}) {
      bool changed = false;
      std::string narrowed = narrow_property_classes(r.pattern, reach, &changed);
      if (changed) lazy->narrowed_pattern[reach == LetterReach::Ascii ? 0 : 1] = std::move(narrowed);
    }
  });
  return !lazy->narrowed_pattern[0].empty() || !lazy->narrowed_pattern[1].empty();
}

const RE2* RuleSet::narrowed_regex(int index, LetterReach reach) const {
  if (reach == LetterReach::Beyond || !has_narrowed_forms(index)) return nullptr;
  LazyRegex* lazy = regexes_[index].get();
  std::size_t k = reach == LetterReach::Ascii ? 0 : 1;
  // A pattern whose classes have no ASCII member (\p{Lo}) has a Latin
  // form only, which is exact on ASCII text as well.
  if (lazy->narrowed_pattern[k].empty()) k = 1;
  if (lazy->narrowed_pattern[k].empty()) return nullptr;
  std::call_once(lazy->compiled_once[k], [&] {
    auto re = std::make_unique<RE2>(lazy->narrowed_pattern[k], pattern_options(rules_[index].ignore_case));
    if (re->ok()) lazy->narrowed[k] = std::move(re);
  });
  return lazy->narrowed[k].get();
}

bool RuleSet::exact_match(int index, const std::string& text) const {
  // Asked first whether the rule has a narrowed form at all (most have
  // none), so that its text is read only when one may serve.
  if (has_narrowed_forms(index))
    if (const RE2* narrowed = narrowed_regex(index, letter_reach(text))) return RE2::PartialMatch(text, *narrowed);
  const RE2* re = regex(index);
  return re != nullptr && re->ok() && RE2::PartialMatch(text, *re);
}

std::unique_ptr<RuleSet> RuleSet::compile(std::vector<Rule> rules, std::vector<RuleError>* errors) {
  std::unique_ptr<RuleSet> set(new RuleSet());
  static std::atomic<std::uint64_t> serials{0};
  set->serial_ = ++serials;
  // Later definitions replace earlier ones with the same id, in place.
  std::unordered_map<std::string, std::size_t> index_of;
  for (auto& r : rules) {
    auto it = index_of.find(r.id);
    if (it != index_of.end()) {
      set->rules_[it->second] = std::move(r);
    } else {
      index_of[r.id] = set->rules_.size();
      set->rules_.push_back(std::move(r));
    }
  }
  set->groups_.push_back(Group{{}, {}, make_tiers()});
  // The group of a rule: the one for exactly its languages, made on first use.
  auto group_of = [&](const Rule& r) -> Group& {
    std::vector<std::string> langs = r.langs;
    std::sort(langs.begin(), langs.end());
    langs.erase(std::unique(langs.begin(), langs.end()), langs.end());
    for (Group& g : set->groups_)
      if (g.langs == langs) return g;
    set->groups_.push_back(Group{std::move(langs), {}, make_tiers()});
    return set->groups_.back();
  };
  bool ok = true;
  for (std::size_t i = 0; i < set->rules_.size(); ++i) {
    const Rule& r = set->rules_[i];
    if (!r.langs.empty()) set->has_language_rules_ = true;
    if (!r.langs.empty() || !r.sites.empty()) set->scoped_.push_back(static_cast<int>(i));
    set->html_only_.push_back(!r.tags.empty() || !r.classes.empty() || !r.ids.empty() || !r.roles.empty());
    if (!r.has_pattern) {
      set->regexes_.emplace_back();
      set->patternless_.push_back(static_cast<int>(i));
      if (!set->html_only_.back()) set->patternless_plain_.push_back(static_cast<int>(i));
      continue;
    }
    set->regexes_.push_back(std::make_unique<LazyRegex>());
    if (!builtin_rule(r)) {
      // A rule from a user's file: compile its exact regex now, so that a
      // pattern too large for RE2 is an error here rather than a miss later.
      const RE2* re = set->regex(static_cast<int>(i));
      if (!re->ok()) {
        if (errors) errors->push_back({r.file, r.line, 0, "bad pattern in rule " + r.id + ": " + re->error(), ""});
        ok = false;
      }
    }
    Group& g = group_of(r);
    (r.needs.empty() ? g.members : g.gated).push_back(static_cast<int>(i));
  }
  if (!ok) return nullptr;
  for (Group& g : set->groups_) {
    // A language's built-in rules wait for the first document in that
    // language: their patterns are added to the sets and compiled then, in
    // one tier of every length. A run over English text meets a few
    // documents in each of several languages, and four tiers (every
    // pattern parsed and compiled for each tier it reaches) took about
    // three times as long to build; long paragraphs in the language read
    // all its patterns meanwhile. A run with much text in the language
    // soon reads it through the merged group instead (merged_group), in
    // tiers.
    const bool builtin_only = std::all_of(g.members.begin(), g.members.end(),
                                          [&](int r) { return builtin_rule(set->rules_[r]); });
    const bool lazy = !g.langs.empty() && builtin_only;
    if (lazy) {
      g.tiers = make_tiers(true);
      g.lazy = std::make_shared<LazyCompile>();
    }
    build_gates(set->rules_, g);
    if (!lazy && !compile_group(set->rules_, g, errors)) return nullptr;
  }
  return set;
}

namespace {

// True when `p` has a '|' outside every group and class: then no one
// alternative speaks for the whole pattern.
bool has_top_level_alternation(const std::string& p) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 < p.size() && p[i + 1] == 'Q') {
        const std::size_t e = p.find("\\E", i + 2);
        if (e == std::string::npos) return false;
        i = e + 1;
      } else {
        ++i;
      }
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {
        const std::size_t close = p.find(":]", i + 2);
        if (close != std::string::npos) i = close + 1;
        continue;
      }
      if (c == ']') in_class = false;
      continue;
    }
    if (c == '[') {
      in_class = true;
      if (i + 1 < p.size() && p[i + 1] == '^') ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth <= 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

int required_leading_byte(const std::string& p) {
  const std::size_t n = p.size();
  auto quantifier = [&](std::size_t i) { return i < n && (p[i] == '*' || p[i] == '?' || p[i] == '+'); };
  std::size_t i = 0;
  // Leading white space, which may be absent: "\s*", "\s?", " +" and the like.
  for (;;) {
    if (i + 2 < n && p[i] == '\\' && p[i + 1] == 's' && quantifier(i + 2)) {
      i += 3;
    } else if (i + 1 < n && p[i] == ' ' && quantifier(i + 1)) {
      i += 2;
    } else {
      break;
    }
  }
  if (i >= n) return -1;
  const auto punct = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && !is_ascii_alpha(u) && !is_ascii_digit(u);
  };
  char c;
  if (p[i] == '\\' && i + 1 < n && punct(p[i + 1])) {
    c = p[i + 1];
    i += 2;
  } else if (punct(p[i]) && std::string_view(".^$|?*+()[]{}\\").find(p[i]) == std::string_view::npos) {
    c = p[i];
    i += 1;
  } else {
    return -1;  // a letter (two cases under /i), a class, a group: not one byte
  }
  // The byte must not be made optional by what follows it.
  if (i < n && (p[i] == '*' || p[i] == '?' || p[i] == '{')) return -1;
  if (has_top_level_alternation(p)) return -1;
  return static_cast<unsigned char>(c);
}

namespace {

// The index of the ')' that closes the '(' at `open`, or npos.
std::size_t matching_paren(const std::string& p, std::size_t open) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = open; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < p.size() && p[i + 1] == '^') ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i;
    }
  }
  return std::string::npos;
}

// How the start of a piece of pattern meets prose: it opens with a repeated
// broad class (Broad), or needs something most text lacks before any such
// class (Stops), or may match nothing at all, so what follows it decides.
enum class Opening { Broad, Stops, Empty };

Opening opening_of(const std::string& p, std::size_t begin, std::size_t end);

// The end of a quantifier on the item that ends just before `next`
// ("?", "*", "+", "{m,n}", each maybe lazy or possessive); `next` if none.
std::size_t quantifier_end(const std::string& p, std::size_t next, std::size_t end, char* q) {
  *q = next < end ? p[next] : '\0';
  std::size_t after = next;
  if (*q == '?' || *q == '*' || *q == '+') {
    ++after;
  } else if (*q == '{') {
    const std::size_t close = p.find('}', next);
    after = close == std::string::npos ? end : close + 1;
  } else {
    *q = '\0';
  }
  if (after < end && (p[after] == '?' || p[after] == '+')) ++after;  // lazy or possessive mark
  return after;
}

// One item of a sequence in a pattern, as the checks of its opening read it:
// a group, a class, an escape or a literal character, and its quantifier.
struct Item {
  bool ok = true;              // false: a group or class not closed before the end
  std::size_t next = 0;        // just past the item
  std::size_t after = 0;       // past its quantifier too
  bool letters = false;        // a class of letters, not negated: [a-z...], \pL, \p{L..}, \w
  bool negated = false;        // [^...]
  bool holds_space = false;    // a class that holds ' ' or \s
  bool space = false;          // ' ' or \s itself
  bool may_repeat = false;     // *, + or {m,n}
  bool optional = false;       // ?, * or {0,...}
};

Item read_item(const std::string& p, std::size_t i, std::size_t end) {
  Item it;
  const char c = p[i];
  it.next = i + 1;
  if (c == '(') {
    const std::size_t close = matching_paren(p, i);
    if (close == std::string::npos || close >= end) it.ok = false;
    it.next = close + 1;
  } else if (c == '[') {
    std::size_t j = i + 1;
    it.negated = j < end && p[j] == '^';
    if (it.negated) ++j;
    if (j < end && p[j] == ']') ++j;
    for (; j < end && p[j] != ']'; ++j) {
      if (p[j] == '\\') {
        ++j;
      } else if (p[j] == '[' && j + 1 < end && p[j + 1] == ':') {
        const std::size_t close = p.find(":]", j + 2);
        j = close == std::string::npos ? end : close + 1;
      }
    }
    if (j >= end) it.ok = false;
    const std::string_view body(p.data() + i, std::min(j + 1, end) - i);
    it.letters = !it.negated && (body.find("\\pL") != std::string_view::npos || body.find("\\p{L") != std::string_view::npos ||
                                 body.find("a-z") != std::string_view::npos || body.find("\\w") != std::string_view::npos);
    it.holds_space = body.find(' ') != std::string_view::npos || body.find("\\s") != std::string_view::npos;
    it.next = j + 1;
  } else if (c == '\\' && i + 1 < end) {
    const char e = p[i + 1];
    it.next = i + 2;
    it.letters = e == 'w';
    it.space = e == 's';
    if ((e == 'p' || e == 'P' || e == 'x') && it.next < end && p[it.next] == '{') {  // "\p{Lu}", "\x{2014}"
      it.letters = e == 'p' && it.next + 1 < end && p[it.next + 1] == 'L';
      const std::size_t close = p.find('}', it.next);
      it.next = close == std::string::npos || close >= end ? end : close + 1;
    } else if ((e == 'p' || e == 'P') && it.next < end) {  // "\pL": a class of one letter's name
      it.letters = e == 'p' && p[it.next] == 'L';
      ++it.next;
    }
  } else {
    it.space = c == ' ';
    while (it.next < end && (static_cast<unsigned char>(p[it.next]) & 0xC0) == 0x80) ++it.next;  // rest of a UTF-8 character
  }
  if (!it.ok) return it;
  char q;
  it.after = quantifier_end(p, it.next, end, &q);
  it.may_repeat = q == '*' || q == '+' || (q == '{' && p.find(',', it.next) < it.after);
  it.optional = q == '?' || q == '*' || (q == '{' && it.next + 1 < end && p[it.next + 1] == '0');
  return it;
}

// Whether a group's body, repeated, reads across words, as "(\pL+ ){0,3}"
// or "([a-z]+ )*" do: it is made of classes of letters, one of them
// repeated, and a space, and whatever else it holds is optional. A few
// turns of it then cover the first words of any line.
bool spans_words(const std::string& p, std::size_t begin, std::size_t end) {
  bool space = false, repeated_letters = false;
  for (std::size_t i = begin; i < end;) {
    if (p[i] == '|') return false;  // alternatives: not one shape
    const Item it = read_item(p, i, end);
    if (!it.ok) return false;
    if (it.letters) {
      repeated_letters = repeated_letters || it.may_repeat;
    } else if (it.space) {
      space = space || !it.optional;
    } else if (!it.optional) {
      return false;  // something a line of words need not hold
    }
    i = it.after;
  }
  return space && repeated_letters;
}

// One alternative: items in sequence. When it opens Broad, *broad_end (if
// given) receives the end of the item that made it so, quantifier included,
// or npos when that item was not understood.
Opening opening_of_sequence(const std::string& p, std::size_t i, std::size_t end,
                            std::size_t* broad_end = nullptr) {
  auto broad_until = [&](std::size_t e) {
    if (broad_end) *broad_end = e;
    return Opening::Broad;
  };
  while (i < end) {
    const char c = p[i];
    if (c == '^' || c == '$') {
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < end && std::string_view("bBAz").find(p[i + 1]) != std::string_view::npos) {
      i += 2;  // assertions take no text
      continue;
    }
    const Item it = read_item(p, i, end);
    if (!it.ok) return broad_until(std::string::npos);  // not understood: assume the worst
    bool broad_if_repeated = false;
    Opening inner = Opening::Stops;
    if (c == '(') {
      const std::size_t close = it.next - 1;
      std::size_t body = i + 1;
      if (body < close && p[body] == '?') {  // (?:...), (?i), (?-i:...)
        const std::size_t colon = p.find_first_of(":)", body + 1);
        body = colon == std::string::npos || colon > close ? close : colon + 1;
      }
      inner = opening_of(p, body, close);
      if (inner == Opening::Broad) return broad_until(it.after);
      broad_if_repeated = spans_words(p, body, close);
    } else if (c == '[') {
      broad_if_repeated = it.negated || (it.letters && it.holds_space);
    } else if (c == '.') {
      broad_if_repeated = true;
    } else if (c == '\\' && i + 1 < end) {
      const char e = p[i + 1];
      broad_if_repeated = e == 'S' || e == 'D' || e == 'W' || e == 'C';
    }
    if (broad_if_repeated && it.may_repeat) return broad_until(it.after);
    if (!it.optional && inner != Opening::Empty && c != '.') return Opening::Stops;
    i = it.after;
  }
  return Opening::Empty;
}

// Alternatives: Broad if any opens broad, Stops if every one stops.
Opening opening_of(const std::string& p, std::size_t begin, std::size_t end) {
  bool all_stop = true;
  std::size_t start = begin;
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = begin; i <= end; ++i) {
    if (i < end) {
      const char c = p[i];
      if (c == '\\') {
        ++i;
        continue;
      }
      if (in_class) {
        if (c == ']') in_class = false;
        continue;
      }
      if (c == '[') {
        in_class = true;
        if (i + 1 < end && p[i + 1] == '^') ++i;
        if (i + 1 < end && p[i + 1] == ']') ++i;
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')') --depth;
      if (!(c == '|' && depth == 0)) continue;
    }
    const Opening o = opening_of_sequence(p, start, i);
    if (o == Opening::Broad) return Opening::Broad;
    if (o == Opening::Empty) all_stop = false;
    start = i + 1;
  }
  return all_stop ? Opening::Stops : Opening::Empty;
}

}  // namespace

bool scans_from_start(const std::string& p) {
  if (p.empty() || p[0] != '^') return false;
  return opening_of(p, 1, p.size()) == Opening::Broad;
}

bool anchored_at_start(const std::string& p) {
  // Any '|' at depth 0 would let an alternative match anywhere.
  return !p.empty() && p[0] == '^' && !has_top_level_alternation(p);
}

std::string after_broad_start(const std::string& p) {
  if (!anchored_at_start(p)) return "";
  std::size_t cut = std::string::npos;
  if (opening_of_sequence(p, 1, p.size(), &cut) != Opening::Broad || cut == std::string::npos || cut >= p.size())
    return "";
  // A flag group in what is cut ("(?i)") would change how the rest reads.
  // (After an odd number of backslashes, "(?" is an optional parenthesis.)
  for (std::size_t k = p.find("(?"); k < cut; k = p.find("(?", k + 2)) {
    std::size_t slashes = 0;
    while (slashes < k && p[k - 1 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0 && k + 2 < p.size() && p[k + 2] != ':') return "";
  }
  return p.substr(cut);
}

std::string relax_counted_repetition(const std::string& p, bool* changed) {
  std::string out;
  out.reserve(p.size());
  *changed = false;
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size() && p[i + 1] == 'Q') {
      // \Q...\E: literal text, copied as it is.
      const std::size_t e = p.find("\\E", i + 2);
      const std::size_t stop = e == std::string::npos ? p.size() : e + 2;
      out.append(p, i, stop - i);
      i = stop - 1;
      continue;
    }
    if (c == '\\' && i + 1 < p.size()) {
      out += c;
      const char next = p[++i];
      out += next;
      // \x{2019}, \p{Lu}: the braces belong to the escape, not a repetition.
      copy_braces_of_escape(p, i, out);
      continue;
    }
    if (in_class) {
      copy_class_item(p, i, out, in_class);
      continue;
    }
    if (c == '[') {
      in_class = true;
      copy_class_opening(p, i, out);
      continue;
    }
    if (c == '{' && !out.empty()) {
      // {m}, {m,} or {m,n} with digits: a repetition; anything else is a literal brace.
      std::size_t j = i + 1;
      std::string lo, hi;
      bool comma = false;
      while (j < p.size() && is_ascii_digit(static_cast<unsigned char>(p[j]))) lo += p[j++];
      if (j < p.size() && p[j] == ',') {
        comma = true;
        ++j;
        while (j < p.size() && is_ascii_digit(static_cast<unsigned char>(p[j]))) hi += p[j++];
      }
      if (j < p.size() && p[j] == '}' && !lo.empty() && lo.size() < 6 && hi.size() < 6) {
        const long m = std::stol(lo);
        const long n = hi.empty() ? (comma ? -1 : m) : std::stol(hi);
        // Short counts cost the DFA little: x{4} is four x's, x{6,} six
        // and a star. A long one ({1,80}) is eighty nested options.
        if ((n == -1 && m > kMaxKeptCount) || n > kMaxKeptCount) {
          out += m == 0 ? "*" : "+";
          *changed = true;
          i = j;
          // A lazy or possessive mark after the brace stays valid after * or +.
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

std::vector<char> RuleSet::active_for(const std::string& host, const std::string& lang) const {
  // A corpus is mostly of one language and often of one site: the answer
  // for the document before, on this thread, is kept and copied when asked
  // again (by the set's serial number, as a new set may take the address of
  // one freed).
  struct Last {
    std::uint64_t serial = 0;
    std::string host, lang;
    std::vector<char> active;
  };
  thread_local Last last;
  if (last.serial == serial_ && last.host == host && last.lang == lang) return last.active;
  std::vector<char> active(rules_.size(), 1);
  for (int i : scoped_) {  // the rest are in force everywhere
    const Rule& r = rules_[i];
    if (!r.sites.empty()) {
      bool in = false;
      for (const auto& s : r.sites) in = in || host_in_site(host, s);
      if (!in) active[i] = 0;
    }
    if (!r.langs.empty() && std::find(r.langs.begin(), r.langs.end(), lang) == r.langs.end()) active[i] = 0;
  }
  last = Last{serial_, host, lang, active};
  return active;
}

bool RuleSet::conditions_hold(const Rule& r, const Block& b, Zone zone) const {
  if (b.words < r.min_words || b.words > r.max_words) return false;
  if (b.chars < r.min_chars || b.chars > r.max_chars) return false;
  if (r.zones != 0 && !(r.zones & (1u << static_cast<int>(zone)))) return false;
  if (!r.kinds.empty() && std::find(r.kinds.begin(), r.kinds.end(), b.kind) == r.kinds.end()) return false;
  if (!r.tags.empty() && std::find(r.tags.begin(), r.tags.end(), b.tag) == r.tags.end()) return false;
  if (!r.classes.empty() && !has_token(b.classes, r.classes)) return false;
  if (!r.ids.empty() && !has_token(b.ids, r.ids)) return false;
  if (!r.roles.empty() && std::find(r.roles.begin(), r.roles.end(), b.role) == r.roles.end()) return false;
  return true;
}

void RuleSet::match_set(const PatternSet& ps, const std::string& text, std::string_view lowered,
                        const std::vector<char>& active, std::vector<int>& out) const {
  if (ps.rule_of.empty()) return;
  if (!ps.needed_bytes.empty() &&
      std::none_of(ps.needed_bytes.begin(), ps.needed_bytes.end(),
                   [&](char b) { return std::memchr(lowered.data(), b, lowered.size()) != nullptr; }))
    return;
  thread_local std::vector<int> hits;
  RE2::Set::ErrorInfo info;
  // Most blocks match no rule: asking first whether any pattern matches
  // stops at the first match and spares the bookkeeping of which ones.
  const re2::StringPiece piece(lowered.data(), lowered.size());
  const bool any = ps.set->Match(piece, nullptr, &info);
  if (!any && info.kind == RE2::Set::kNoError) return;
  if (any && ps.set->Match(piece, &hits, &info)) {
    int ascii = -1;  // whether text is all ASCII, found out when first asked
    for (int h : hits) {
      const int r = ps.rule_of[h];
      if (!active[r]) continue;
      bool confirm = ps.confirm[h] == Confirm::Always;
      if (ps.confirm[h] == Confirm::BeyondAscii) {
        if (ascii < 0) ascii = is_all_ascii(text) ? 1 : 0;
        confirm = ascii == 0;
      }
      if (confirm && !exact_match(r, text)) continue;
      out.push_back(r);
    }
  } else if (info.kind != RE2::Set::kNoError) {
    // The DFA ran out of memory on this text: fall back to one regex at a time.
    for (int r : ps.rule_of)
      if (active[r] && exact_match(r, text)) out.push_back(r);
  }
}


void RuleSet::match_gated(const Group& g, const Block& block, std::size_t tier, const std::vector<char>& active,
                          std::vector<int>& out) const {
  const Group::GateTier& t = g.gate_tiers[tier];
  for (std::size_t j = 0; j < t.gates.size(); ++j)
    for (std::uint64_t found = t.gates[j].find(block.text); found != 0; found &= found - 1) {
      const int r = t.rules[NeedleGate::kMaxRules * j + static_cast<std::size_t>(__builtin_ctzll(found))];
      const Rule& rule = rules_[r];
      if (!active[r] || block.words < rule.min_words || block.words > rule.max_words) continue;
      if (exact_match(r, block.text)) out.push_back(r);
    }
}

bool RuleSet::group_in_force(const Group& g, const std::vector<char>& active) const {
  if (g.langs.empty()) return true;
  const auto in_force = [&](int r) { return active[r] != 0; };
  return std::any_of(g.members.begin(), g.members.end(), in_force) ||
         std::any_of(g.gated.begin(), g.gated.end(), in_force);
}

std::size_t RuleSet::patterns_in_force(const std::vector<char>& active) const {
  std::size_t n = 0;
  for (const Group& g : groups_)
    if (group_in_force(g, active) && ready(g))
      for (const Tier& t : g.tiers) n += t.anchored.rule_of.size() + t.unanchored.rule_of.size();
  return n;
}

const RuleSet::Tier* RuleSet::tier_of(const Group& group, const Block& block) const {
  for (const Tier& t : group.tiers)
    if (block.words <= t.max_words) return &t;
  return nullptr;
}

void RuleSet::finish_hits(const Block& block, Zone zone, const std::vector<char>& active, std::vector<int>& out) const {
  // Rules on markup cannot match a block that came with none (plain text).
  const bool has_markup = !block.tag.empty();
  for (int r : has_markup ? patternless_ : patternless_plain_) {
    // A kind the block is not ("kind=caption" on a paragraph): no need to
    // carry the rule to the full check below.
    const std::vector<BlockKind>& kinds = rules_[r].kinds;
    if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), block.kind) == kinds.end()) continue;
    out.push_back(r);
  }
  if (out.empty()) return;  // most blocks: no pattern hit and no rule without one in force
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](int r) { return !active[r] || !conditions_hold(rules_[r], block, zone); }),
            out.end());
  if (out.size() > 1) std::sort(out.begin(), out.end());
}

const RuleSet::Group* RuleSet::merged_group(std::uint64_t mask, std::size_t bytes) const {
  Merged* m = nullptr;
  {
    std::lock_guard<std::mutex> lock(merged_mutex_);
    std::unique_ptr<Merged>& slot = merged_[mask];
    if (!slot) slot = std::make_unique<Merged>();
    m = slot.get();
  }
  if (m->bytes.fetch_add(bytes, std::memory_order_relaxed) + bytes < merge_after_bytes_) return nullptr;
  std::call_once(m->once, [&] {
    Group& g = m->group;
    g.tiers = make_tiers();
    for (std::size_t k = 0; k < groups_.size(); ++k) {
      if (!(mask >> k & 1)) continue;
      g.members.insert(g.members.end(), groups_[k].members.begin(), groups_[k].members.end());
      g.gated.insert(g.gated.end(), groups_[k].gated.begin(), groups_[k].gated.end());
    }
    build_gates(rules_, g);
    m->ok = compile_group(rules_, g, nullptr);
  });
  return m->ok ? &m->group : nullptr;
}

template <typename Bytes>
void RuleSet::groups_to_run(const std::vector<char>& active, const Bytes& bytes, std::vector<const Group*>& out) const {
  out.clear();
  std::uint64_t mask = 0;
  for (std::size_t k = 0; k < groups_.size(); ++k) {
    if (!group_in_force(groups_[k], active)) continue;
    out.push_back(&groups_[k]);
    if (k < 64) mask |= std::uint64_t{1} << k;
  }
  if (out.size() >= 2 && groups_.size() <= 64)
    if (const Group* merged = merged_group(mask, bytes())) {
      out.assign(1, merged);
      return;
    }
  out.erase(std::remove_if(out.begin(), out.end(), [&](const Group* g) { return !ready(*g); }), out.end());
}

void RuleSet::match(const Block& block, Zone zone, const std::vector<char>& active, std::vector<int>& out) const {
  out.clear();
  thread_local std::vector<const Group*> run;
  groups_to_run(active, [&] { return block.text.size(); }, run);
  for (const Group* gp : run) {
    const Group& g = *gp;
    if (const Tier* tier = tier_of(g, block)) {
      thread_local std::string lowered;
      lower_for_sets(block.text, lowered);
      match_set(tier->anchored, block.text, lowered, active, out);
      match_set(tier->unanchored, block.text, lowered, active, out);
      match_gated(g, block, static_cast<std::size_t>(tier - g.tiers.data()), active, out);
    }
  }
  finish_hits(block, zone, active, out);
}

void RuleSet::match_all(const std::vector<Block>& blocks, const std::vector<Zone>& zones,
                        const std::vector<char>& active, std::vector<std::vector<int>>& hits) const {
  const std::size_t n = blocks.size();
  if (hits.size() < n) hits.resize(n);
  for (std::size_t i = 0; i < n; ++i) hits[i].clear();
  // Tier bounds are the same in every group of several tiers: a block's
  // tier is its index there. (A group of one tier, a language's before it
  // is merged, reads every block with its tier 0.) The blocks of each tier,
  // in order: a set then walks its own blocks, with no test per block of
  // every block's tier (which mispredicted).
  const std::vector<Tier>& bounds = groups_[0].tiers;
  // A block whose text an earlier block of the document has byte for byte
  // (a menu in the header and again in the footer, "Reply" under each
  // comment, a byline over every card) takes that block's hits: what the
  // sets and the gates find depends on the text alone, and the conditions
  // of each rule are checked per block (finish_hits). Of the short blocks
  // of the English throughput corpus (reader and page texts), 23% repeat
  // one of their document.
  constexpr std::uint32_t kFirst = std::numeric_limits<std::uint32_t>::max();
  thread_local std::vector<std::uint32_t> same_as;  // the earlier block, or kFirst
  same_as.assign(n, kFirst);
  // Each text stands for its length and first and last eight bytes, which
  // tell nearly all short lines apart; a match is compared whole. The keys
  // come first, so that the table's slots (cold for each document) can be
  // loaded a few blocks ahead.
  thread_local std::vector<std::uint64_t> key;
  key.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& t = blocks[i].text;
    if (blocks[i].words > kSharedMaxWords || t.empty()) continue;
    std::uint64_t head = 0, tail = 0;
    std::memcpy(&head, t.data(), std::min<std::size_t>(8, t.size()));
    std::memcpy(&tail, t.data() + t.size() - std::min<std::size_t>(8, t.size()), std::min<std::size_t>(8, t.size()));
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = (head ^ (t.size() * kMul)) * kMul;
    h = (h ^ (h >> 29) ^ tail) * kMul;
    key[i] = h ^ (h >> 32);
  }
  thread_local FlatTable first_with;
  first_with.reset(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + FlatTable::kPrefetchAhead < n) first_with.prefetch(key[i + FlatTable::kPrefetchAhead]);
    if (blocks[i].words > kSharedMaxWords || blocks[i].text.empty()) continue;
    bool found = false;
    FlatTable::Slot& slot = first_with.find_or_insert(key[i], &found);
    if (!found) slot.value = static_cast<std::uint32_t>(i);
    else if (blocks[slot.value].text == blocks[i].text) same_as[i] = slot.value;
  }
  // The first of its text in the document may have been met in an earlier
  // one (rules/hit_memo.h): then it takes the hits kept from there. The
  // memo's entries are the rule set's and the rules in force's own.
  thread_local HitMemo memo;
  const std::uint64_t owner =
      (HitMemo::hash_of(std::string_view(active.data(), active.size())) ^ (serial_ * 0x9E3779B97F4A7C15ULL)) | 1;
  thread_local std::vector<std::uint64_t> memo_hash;  // 0: not for the memo
  thread_local std::vector<char> remembered;
  memo_hash.assign(n, 0);
  remembered.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (same_as[i] == kFirst && blocks[i].words <= kSharedMaxWords && !blocks[i].text.empty() &&
        blocks[i].text.size() <= HitMemo::kMaxBytes)
      memo_hash[i] = HitMemo::hash_of(blocks[i].text) | 1;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + FlatTable::kPrefetchAhead < n && memo_hash[i + FlatTable::kPrefetchAhead] != 0)
      memo.prefetch(memo_hash[i + FlatTable::kPrefetchAhead]);
    if (memo_hash[i] != 0) remembered[i] = memo.find(owner, blocks[i].words, blocks[i].text, memo_hash[i], hits[i]);
  }
  thread_local std::vector<std::vector<std::uint32_t>> of_tier;
  of_tier.resize(bounds.size());
  for (auto& list : of_tier) list.clear();
  for (std::size_t i = 0; i < n; ++i) {
    if (same_as[i] != kFirst || remembered[i]) continue;
    std::size_t k = 0;
    while (k + 1 < bounds.size() && blocks[i].words > bounds[k].max_words) ++k;
    of_tier[k].push_back(static_cast<std::uint32_t>(i));
  }
  thread_local std::vector<const Group*> run;
  groups_to_run(
      active,
      [&] {
        std::size_t bytes = 0;
        for (const Block& b : blocks) bytes += b.text.size();
        return bytes;
      },
      run);
  // Each block's text as the sets read it (rules/lowered.h), when a set will.
  bool any_set = false;
  for (const Group* g : run)
    for (const Tier& t : g->tiers) any_set = any_set || !t.anchored.rule_of.empty() || !t.unanchored.rule_of.empty();
  // All in one buffer, sized once (a string each cost a call to resize
  // per block, and its zeroing).
  thread_local std::string buffer;
  thread_local std::vector<std::string_view> lowered;
  lowered.assign(n, std::string_view());
  if (any_set) {
    std::size_t total = 0;
    for (const Block& b : blocks) total += b.text.size();
    if (buffer.size() < total) buffer.resize(std::max(total, 2 * buffer.size()));
  }
  // The has= gates read each block just after its lowering, while its text
  // is in the cache: after the sets' walks through their automata it no
  // longer is (perf put a third of the gates' time on the load of a block's
  // first bytes). The hits are sorted in the end, whatever their order.
  char* at = buffer.data();
  for (std::size_t k = 0; k < of_tier.size(); ++k)
    for (const std::uint32_t i : of_tier[k]) {
      if (any_set) {
        const std::size_t len = lower_for_sets(blocks[i].text, at);
        lowered[i] = std::string_view(at, len);
        at += len;
      }
      for (const Group* g : run) match_gated(*g, blocks[i], g->tiers.size() == 1 ? 0 : k, active, hits[i]);
    }
  // The lists of blocks that tier k of g reads: its own, or all of them.
  auto lists_of = [&](const Group& g, std::size_t k) {
    return g.tiers.size() == 1 ? std::pair<std::size_t, std::size_t>{0, of_tier.size()}
                               : std::pair<std::size_t, std::size_t>{k, k + 1};
  };
  for (const Group* gp : run) {
    const Group& g = *gp;
    for (std::size_t k = 0; k < g.tiers.size(); ++k) {
      const Tier& t = g.tiers[k];
      for (const PatternSet* ps : {&t.anchored, &t.unanchored}) {
        if (ps->rule_of.empty()) continue;
        const auto [from, to] = lists_of(g, k);
        for (std::size_t list = from; list < to; ++list)
          for (const std::uint32_t i : of_tier[list]) match_set(*ps, blocks[i].text, lowered[i], active, hits[i]);
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    if (memo_hash[i] != 0 && !remembered[i]) memo.store(owner, blocks[i].words, blocks[i].text, memo_hash[i], hits[i]);
  for (std::size_t i = 0; i < n; ++i)
    if (same_as[i] != kFirst) hits[i] = hits[same_as[i]];
  for (std::size_t i = 0; i < n; ++i) finish_hits(blocks[i], zones[i], active, hits[i]);
  // What a very long document grew is not kept for the next.
  if (buffer.size() > kMaxKeptBuffer) buffer = std::string();
}

void RuleSet::strip(int index, std::string& text) const {
  const RE2* re = regex(index);
  if (re == nullptr || !re->ok()) return;
  RE2::GlobalReplace(&text, *re, "");
  // Re-fold the white space the cut left behind.
  std::string folded;
  folded.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ') {
      space = true;
      continue;
    }
    if (space && !folded.empty()) folded.push_back(' ');
    space = false;
    folded.push_back(c);
  }
  text.swap(folded);
}

}  // namespace newsclean
