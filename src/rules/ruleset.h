// A compiled rule set: every text pattern of the set in one RE2::Set, so a
// block is matched against all rules in one pass over its text (one set per
// tier of block length, and per language group; see Group).
//
// Immutable after compile() and safe to share between threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rules/letter_classes.h"
#include "rules/needle_gate.h"
#include "rules/rule.h"

#include <re2/re2.h>
#include <re2/set.h>

namespace newsclean {

class RuleSet {
 public:
  // Compiles `rules`; a later rule with the id of an earlier one replaces it
  // (that is how a user file changes a built-in rule). Returns nullptr and
  // fills `errors` when a pattern cannot be compiled.
  static std::unique_ptr<RuleSet> compile(std::vector<Rule> rules, std::vector<RuleError>* errors);
  ~RuleSet();

  const std::vector<Rule>& rules() const { return rules_; }
  bool has_language_rules() const { return has_language_rules_; }

  // For one document: which rules are in force given its host (may be "")
  // and language (may be "").
  std::vector<char> active_for(const std::string& host, const std::string& lang) const;

  // Indices of the active rules that match the block, in rule order.
  void match(const Block& block, Zone zone, const std::vector<char>& active, std::vector<int>& out) const;

  // The same for every block of a document: hits[i] for blocks[i]. Each
  // pattern set runs over all the blocks of its tier in one loop, so that its
  // DFA states stay in cache from one block to the next.
  void match_all(const std::vector<Block>& blocks, const std::vector<Zone>& zones, const std::vector<char>& active,
                 std::vector<std::vector<int>>& hits) const;

  // How many patterns the sets a document runs hold, summed over the tiers,
  // for the rules in force: the size of the automaton it pays for (a
  // language's patterns count only for a document in that language).
  std::size_t patterns_in_force(const std::vector<char>& active) const;

  // Compiles every set now, those left for first use too; false if one
  // cannot be compiled (for tests: the built-in rules must all compile).
  bool compile_all_groups() const;

  // Text a combination of groups must have brought before its merged group
  // is compiled (see groups_to_run): about where the time the merge saves
  // pays for compiling it (25 ms). Since a language's group alone runs as one
  // tier (make_tiers(true)), running the two groups apart costs about 20 ms
  // a MB of German or French more than the merged group (cachegrind, 20 MB
  // of German: merging after 1 MB instead of 6 saves 5.7%). One article never
  // gets there; the 14 language fixtures of the English throughput corpus
  // (under 1 MB each language) do not either.
  static constexpr std::uint64_t kMergeAfterBytes = std::uint64_t{1} << 20;
  // How much text documents that run the same groups (the generic rules and
  // a language's) must bring before those run as one (see groups_to_run);
  // tests set 0 to merge from the first document.
  void merge_groups_after(std::uint64_t bytes) { merge_after_bytes_ = bytes; }

  // Cuts every match of rule `index`'s pattern out of `text`.
  void strip(int index, std::string& text) const;

 private:
  RuleSet() = default;
  bool conditions_hold(const Rule& rule, const Block& block, Zone zone) const;
  // The rule's exact regex, compiled on first use (most rules never need
  // it: a set miss is final, and only a hit on a relaxed or widened
  // pattern, a strip or a DFA failure asks for it). Null without a pattern.
  const re2::RE2* regex(int index) const;
  // The rule's regex with its Unicode letter and number classes narrowed to
  // `reach` (Ascii or Latin: narrow_property_classes; to Latin when the
  // ASCII form would be the pattern as written), compiled on first use;
  // null when the rule has no such class, or for Beyond. On a text whose
  // letter_reach is within `reach` it matches exactly what regex() does,
  // and it compiles many times faster (see rules/letter_classes.h).
  // Compiling the exact regexes of the confirmations took 173M cycles over
  // 40 MB of English (7% of the run); in German and French nearly every
  // line has letters beyond ASCII, which the Latin forms serve.
  const re2::RE2* narrowed_regex(int index, LetterReach reach) const;
  // Whether narrowing changes the rule's pattern for either reach (it has
  // a letter or number class).
  bool has_narrowed_forms(int index) const;
  // Whether the rule's pattern matches `text`: by the narrowest regex that
  // is exact for the text.
  bool exact_match(int index, const std::string& text) const;

  struct LazyRegex;
  std::vector<Rule> rules_;
  std::vector<std::unique_ptr<LazyRegex>> regexes_;  // per rule; null when it has no pattern
  // The patterns in RE2::Sets by tiers of block length in words: a block
  // runs the one set of its tier, which holds every pattern whose rule allows
  // that many words (most long paragraphs see only a few patterns). A set
  // holds each pattern with long counted repetition relaxed ("x{1,80}" to
  // "x+"; counts up to six stay, "\d{4}" exact: a confirmation costs more
  // than their few states, and a rule confirmed compiles its own regex) and
  // Unicode property classes widened to a class cheap to compile ("\pL"
  // to ASCII letters and every non-ASCII character), which keeps the set
  // small to compile and its DFA fast; a hit on such a pattern is confirmed
  // with the rule's exact regex, so what matches is exactly what the rule
  // says. A widened class holds the same ASCII characters as the property
  // it stands for, so a pattern only widened needs that check only on text
  // with a byte beyond ASCII.
  //
  // Each tier holds two sets. Patterns anchored at the start ("^...", most
  // rules) go into a set matched with ANCHOR_START, whose DFA dies after the
  // few bytes that tell the rules apart instead of running to the end of
  // every block; the rest go into an unanchored set. So do the anchored
  // patterns that open with a broad repeated class (scans_from_start), which
  // would keep the anchored DFA alive to the end of nearly every block: in
  // the form of what follows that opening (after_broad_start), confirmed by
  // the rule's regex, so that no thread of either set runs on from the
  // block's start through its text. Two small sets also have far fewer DFA
  // states than one large one.
  enum class Confirm : std::uint8_t { Never, BeyondAscii, Always };
  struct PatternSet {
    std::unique_ptr<re2::RE2::Set> set;
    std::vector<int> rule_of;             // set index to rule index
    std::vector<Confirm> confirm;         // set index: when to confirm with the exact regex
    std::string needed_bytes;             // if not empty: a match needs one of these bytes
  };
  static constexpr std::size_t kMaxNeededBytes = 3;
  struct Tier {
    std::uint32_t min_words, max_words;   // blocks of this many words use the tier
    PatternSet anchored, unanchored;
  };
  // The rules scoped to one list of languages ("lang=de" sections), or to
  // none (the first group), each in their own tiers of sets: a document
  // runs the generic group and only the groups whose rules are in force for
  // it, so an English article never meets the patterns of the other
  // languages, and its automaton is no larger than without them.
  //
  // The sets of a group made only of built-in rules are compiled when a
  // document first needs them, so a run over English text never pays for
  // the other languages' automata, not even at start-up; and in one tier
  // of every length, which compiles each pattern once (see compile()).
  struct LazyCompile;
  struct Group {
    std::vector<std::string> langs;       // sorted; empty for the generic group
    std::vector<int> members;             // rule indices, of the rules in the sets
    std::vector<Tier> tiers;              // those of kTierCuts, or one of every length
    // Rules with has=: their regex runs on a block that holds one of their
    // strings. Per tier of block length (the bounds of `tiers`), a gate
    // finds which, for the rules that allow such a length, in one pass (its
    // k-th rule is rules[k]): a long paragraph is not searched for the
    // strings of rules on short lines.
    struct GateTier {
      std::vector<int> rules;             // none: no gate for this tier
      std::vector<NeedleGate> gates;      // gates[j] for rules[kMaxRules * j ...], kMaxRules each
    };
    std::vector<int> gated;               // every rule with has= in the group
    std::vector<GateTier> gate_tiers;     // one per tier of `tiers`, by index
    std::shared_ptr<LazyCompile> lazy;    // null: compiled with the rule set
  };
  bool group_in_force(const Group& g, const std::vector<char>& active) const;
  // The groups a document runs: those in force for it,
  // each ready. When several are (the generic rules and a language's), and
  // documents that run the same ones have brought merge_after_bytes_ of
  // text so far, one group that holds them all instead (merged_group): each
  // block then goes through one set per tier and kind, not one per group.
  // That is half the calls and half the walks through automata a document
  // in German pays for: over the short blocks of 20 MB of German text, 45%
  // less time in the sets (275 to 159M cycles on the first pass, 169 to 93M
  // once warm). But the merged sets compile the generic patterns again
  // (25 ms for German), which only a run with more text in the language
  // than a few articles earns back.
  // `bytes` gives the document's size; it is asked only when several
  // groups are in force (an English document's blocks are not walked).
  template <typename Bytes>
  void groups_to_run(const std::vector<char>& active, const Bytes& bytes, std::vector<const Group*>& out) const;
  // The groups_ whose bits are set in `mask`, as one group, compiled once
  // documents that run them have brought merge_after_bytes_ (with `bytes`
  // of this one); null before, or when it cannot be compiled (the groups then
  // run on their own).
  struct Merged;
  const Group* merged_group(std::uint64_t mask, std::size_t bytes) const;
  // The tiers of kTierCuts, or with `one_tier` a single tier of every length.
  static std::vector<Tier> make_tiers(bool one_tier = false);
  // The gates of the group's rules with has=, per tier of block length.
  static void build_gates(const std::vector<Rule>& rules, Group& g);
  // Compiles the group's sets if that waited for first use; false when they
  // could not be compiled (then the group matches nothing).
  bool ready(const Group& g) const;
  // Adds the pattern of rule `index` to the sets of the tiers its word
  // limits reach; false with *error when RE2 refuses every form of it.
  static bool add_pattern(const Rule& rule, int index, Group& g, std::string* error);
  // Adds the group's patterns to its sets and compiles them; false (with
  // errors when given) when a pattern or a set cannot be compiled.
  static bool compile_group(const std::vector<Rule>& rules, Group& g, std::vector<RuleError>* errors);
  const Tier* tier_of(const Group& group, const Block& block) const;
  // Adds the patternless rules, keeps the hits whose conditions hold, sorts.
  void finish_hits(const Block& block, Zone zone, const std::vector<char>& active, std::vector<int>& out) const;
  // `lowered`: the text as the sets read it (lower_for_sets); `text`, as it is, for the confirmations.
  void match_set(const PatternSet& ps, const std::string& text, std::string_view lowered, const std::vector<char>& active,
                 std::vector<int>& out) const;
  std::vector<Group> groups_;  // groups_[0]: the rules for every language
  std::uint64_t merge_after_bytes_ = kMergeAfterBytes;  // see merge_groups_after
  mutable std::mutex merged_mutex_;  // guards merged_ (not the groups in it, which are never removed)
  mutable std::map<std::uint64_t, std::unique_ptr<Merged>> merged_;  // by the mask of groups_ they hold
  // `tier`: the index in g.tiers of the block's tier of length.
  void match_gated(const Group& g, const Block& block, std::size_t tier, const std::vector<char>& active,
                   std::vector<int>& out) const;
  std::vector<int> patternless_;  // rules with no pattern: checked on every block
  std::vector<int> patternless_plain_;  // those of them that need no markup (all a text block can meet)
  std::vector<char> html_only_;   // per rule: has tag/class/id/role conditions
  bool has_language_rules_ = false;
  std::uint64_t serial_ = 0;      // unique to this set in the process (active_for's cache)
  std::vector<int> scoped_;       // rules with sites or languages: active_for looks at these alone
};

// Exposed for tests: `pattern` with counted repetitions made open
// ({0,n} to *, {m,n} to +); sets *changed when it differs.
std::string relax_counted_repetition(const std::string& pattern, bool* changed);

// Exposed for tests: whether `pattern` can only match at the start of the
// text ("^..." with no alternative outside parentheses that escapes the "^").
bool anchored_at_start(const std::string& pattern);

// Exposed for tests: whether the start-anchored `pattern` opens, before the
// first literal it needs, with a repeated class broad enough to run through
// prose (".*", "[^.!?]+", "[\pL .-]+"): its automaton then reads to the end
// of nearly every block instead of dying after a few bytes.
bool scans_from_start(const std::string& pattern);

// Exposed for tests: for a start-anchored `pattern` that scans from the
// start, what follows its broad opening ("^[^.!?]+ ?· \d+ min read$" gives
// " ?· \d+ min read$"): every text the pattern matches holds a match of it.
// "" when the pattern does not scan from the start or cannot be cut there.
std::string after_broad_start(const std::string& pattern);

// Exposed for tests: a byte that every match of the unanchored `pattern`
// holds, found when the pattern opens (after optional white space) with one
// ASCII punctuation character that nothing makes optional and has no
// alternative beside it: '(' for "\s*\((photo|image): [^()]+\)". -1 when
// there is no such byte.
int required_leading_byte(const std::string& pattern);

// True when `host` is `site` or one of its subdomains.
bool host_in_site(const std::string& host, const std::string& site);

}  // namespace newsclean
