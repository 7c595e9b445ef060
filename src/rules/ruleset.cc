#include "rules/ruleset.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <unordered_map>

#include "util/utf8.h"

namespace newsclean {

namespace {

// A rule limited to at most this many words goes to the short-block set.
constexpr std::uint32_t kShortRuleWords = 40;
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
  set->short_set_ = std::make_unique<RE2::Set>(pattern_options(false), RE2::UNANCHORED);
  set->any_set_ = std::make_unique<RE2::Set>(pattern_options(false), RE2::UNANCHORED);
  bool ok = true;
  for (std::size_t i = 0; i < set->rules_.size(); ++i) {
    const Rule& r = set->rules_[i];
    if (!r.langs.empty()) set->has_language_rules_ = true;
    if (!r.has_pattern) {
      set->regexes_.emplace_back();
      set->patternless_.push_back(static_cast<int>(i));
      continue;
    }
    set->regexes_.push_back(std::make_unique<RE2>(r.pattern, pattern_options(r.ignore_case)));
    const std::string flagged = (r.ignore_case ? "(?i)" : "") + r.pattern;
    const bool is_short = r.max_words <= kShortRuleWords;
    RE2::Set& target = is_short ? *set->short_set_ : *set->any_set_;
    std::string error;
    const int idx = target.Add(flagged, &error);
    if (idx < 0 || !set->regexes_.back()->ok()) {
      if (errors) errors->push_back({r.file, r.line, 0, "bad pattern in rule " + r.id + ": " + error, ""});
      ok = false;
      continue;
    }
    if (is_short) {
      set->short_set_rule_.push_back(static_cast<int>(i));
      set->short_max_words_ = std::max(set->short_max_words_, r.max_words);
    } else {
      set->any_set_rule_.push_back(static_cast<int>(i));
    }
  }
  if (!ok) return nullptr;
  if (!set->short_set_->Compile() || !set->any_set_->Compile()) {
    if (errors) errors->push_back({"rules", 0, 0, "the rule patterns are too large to compile together", ""});
    return nullptr;
  }
  return set;
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
  auto run = [&](const RE2::Set& s, const std::vector<int>& rule_of) {
    if (rule_of.empty()) return;
    hits.clear();
    RE2::Set::ErrorInfo info;
    if (s.Match(block.text, &hits, &info)) {
      for (int h : hits) out.push_back(rule_of[h]);
    } else if (info.kind != RE2::Set::kNoError) {
      // The DFA ran out of memory on this text: fall back to one regex at a time.
      for (int r : rule_of)
        if (RE2::PartialMatch(block.text, *regexes_[r])) out.push_back(r);
    }
  };
  if (block.words <= short_max_words_) run(*short_set_, short_set_rule_);
  run(*any_set_, any_set_rule_);
  out.insert(out.end(), patternless_.begin(), patternless_.end());
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
