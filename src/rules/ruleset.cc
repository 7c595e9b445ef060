#include "rules/ruleset.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "util/utf8.h"

namespace newsclean {

namespace {

// Word limits that split the rules into sets; the last takes the rest.
constexpr std::uint32_t kBucketWords[] = {12, 40, std::numeric_limits<std::uint32_t>::max()};
constexpr std::int64_t kSetMemory = 64 << 20;

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

}  // namespace

namespace {
bool starts_anchored(const std::string& p);
}

bool host_in_site(const std::string& host, const std::string& site) {
  if (host.size() < site.size()) return false;
  if (host.compare(host.size() - site.size(), site.size(), site) != 0) return false;
  return host.size() == site.size() || host[host.size() - site.size() - 1] == '.';
}

RuleSet::~RuleSet() = default;

std::unique_ptr<RuleSet> RuleSet::compile(std::vector<Rule> rules, std::vector<RuleError>* errors) {
  std::unique_ptr<RuleSet> set(new RuleSet());
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
  RE2::Options set_options = pattern_options(false);
  set_options.set_max_mem(kSetMemory);
  for (std::uint32_t limit : kBucketWords) {
    for (bool anchored : {true, false}) {
      Bucket b;
      b.max_words = limit;
      b.anchored = anchored;
      b.set = std::make_unique<RE2::Set>(set_options, anchored ? RE2::ANCHOR_START : RE2::UNANCHORED);
      set->buckets_.push_back(std::move(b));
    }
  }
  bool ok = true;
  for (std::size_t i = 0; i < set->rules_.size(); ++i) {
    const Rule& r = set->rules_[i];
    if (!r.langs.empty()) set->has_language_rules_ = true;
    set->html_only_.push_back(!r.tags.empty() || !r.classes.empty() || !r.ids.empty() || !r.roles.empty());
    if (!r.has_pattern) {
      set->regexes_.emplace_back();
      set->patternless_.push_back(static_cast<int>(i));
      continue;
    }
    set->regexes_.push_back(std::make_unique<RE2>(r.pattern, pattern_options(r.ignore_case)));
    bool changed = false;
    std::string relaxed = relax_counted_repetition(r.pattern, &changed);
    const bool anchored = starts_anchored(relaxed);
    if (anchored) relaxed.erase(0, 1);
    Bucket* bucket = nullptr;
    for (auto& b : set->buckets_) {
      if (r.max_words <= b.max_words && b.anchored == anchored) {
        bucket = &b;
        break;
      }
    }
    std::string error;
    const int idx = bucket->set->Add((r.ignore_case ? "(?i)" : "") + relaxed, &error);
    if (idx < 0 || !set->regexes_.back()->ok()) {
      if (errors) errors->push_back({r.file, r.line, 0, "bad pattern in rule " + r.id + ": " + error, ""});
      ok = false;
      continue;
    }
    bucket->rule_of.push_back(static_cast<int>(i));
    bucket->relaxed.push_back(changed);
  }
  if (!ok) return nullptr;
  for (auto& b : set->buckets_) {
    if (!b.rule_of.empty() && !b.set->Compile()) {
      if (errors) errors->push_back({"rules", 0, 0, "the rule patterns are too large to compile together", ""});
      return nullptr;
    }
  }
  return set;
}

namespace {

// True when the whole pattern is anchored at the start: a leading '^' and no
// '|' outside parentheses ("^a|b" is not anchored).
bool starts_anchored(const std::string& p) {
  if (p.empty() || p[0] != '^') return false;
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 1; i < p.size(); ++i) {
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
      if (i + 1 < p.size() && p[i + 1] == '^') ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string relax_counted_repetition(const std::string& p, bool* changed) {
  std::string out;
  out.reserve(p.size());
  *changed = false;
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out += c;
      out += p[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
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
        if (n == -1 || n > 3) {  // short exact counts cost the DFA little
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
  std::vector<char> active(rules_.size(), 1);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const Rule& r = rules_[i];
    if (!r.sites.empty()) {
      bool in = false;
      for (const auto& s : r.sites) in = in || host_in_site(host, s);
      if (!in) active[i] = 0;
    }
    if (!r.langs.empty() && std::find(r.langs.begin(), r.langs.end(), lang) == r.langs.end()) active[i] = 0;
  }
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

void RuleSet::match(const Block& block, Zone zone, const std::vector<char>& active, std::vector<int>& out) const {
  out.clear();
  std::vector<int> hits;
  for (const Bucket& b : buckets_) {
    if (b.rule_of.empty() || block.words > b.max_words) continue;
    hits.clear();
    RE2::Set::ErrorInfo info;
    if (b.set->Match(block.text, &hits, &info)) {
      for (int h : hits) {
        const int r = b.rule_of[h];
        if (b.relaxed[h] && !RE2::PartialMatch(block.text, *regexes_[r])) continue;
        out.push_back(r);
      }
    } else if (info.kind != RE2::Set::kNoError) {
      // The DFA ran out of memory on this text: fall back to one regex at a time.
      for (int r : b.rule_of)
        if (RE2::PartialMatch(block.text, *regexes_[r])) out.push_back(r);
    }
  }
  // Rules on markup cannot match a block that came with none (plain text).
  const bool has_markup = !block.tag.empty();
  for (int r : patternless_)
    if (has_markup || !html_only_[r]) out.push_back(r);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](int r) { return !active[r] || !conditions_hold(rules_[r], block, zone); }),
            out.end());
  std::sort(out.begin(), out.end());
}

void RuleSet::strip(int index, std::string& text) const {
  const RE2* re = regexes_[index].get();
  if (re == nullptr) return;
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
