// The pipeline: bytes -> blocks -> zones -> rule verdicts -> heuristic
// verdicts. One direction; each stage reads what the one before wrote.
#include <algorithm>
#include <cstdlib>

#include "clean/page/boilerplate.h"
#include "clean/cards.h"
#include "clean/heuristics.h"
#include "clean/sections.h"
#include "clean/zones.h"
#include "html/page.h"
#include "newsclean/newsclean.h"
#include "rules/builtin.h"
#include "rules/parser.h"
#include "rules/ruleset.h"
#include "text/lang.h"
#include "text/paragraphs.h"
#include "util/utf8.h"

#ifndef NEWSCLEAN_VERSION
#define NEWSCLEAN_VERSION "0.0.0"
#endif

namespace newsclean {

const char* version() { return NEWSCLEAN_VERSION; }

std::string host_of(std::string_view url) {
  url = trim(url);
  const std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  const std::size_t end = url.find_first_of("/?#");
  if (end != std::string_view::npos) url = url.substr(0, end);
  const std::size_t at = url.rfind('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  const std::size_t colon = url.rfind(':');
  if (colon != std::string_view::npos && url.find(']') == std::string_view::npos) url = url.substr(0, colon);
  std::string host = ascii_lowercase(url);
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

void Document::append_text(std::string& out) const {
  std::size_t size = out.size();
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (verdicts[i].decision != Decision::Drop)
      size += (verdicts[i].decision == Decision::Edit ? verdicts[i].text : blocks[i].text).size() + 2;
  out.reserve(size);
  bool first = true;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Verdict& v = verdicts[i];
    if (v.decision == Decision::Drop) continue;
    const std::string& t = v.decision == Decision::Edit ? v.text : blocks[i].text;
    if (t.empty()) continue;
    if (!first) out += "\n\n";
    out += t;
    first = false;
  }
  if (!first) out += '\n';
}

std::string Document::text() const {
  std::string out;
  append_text(out);
  return out;
}

Cleaner::Cleaner(std::unique_ptr<RuleSet> rules, std::vector<std::string> disabled, std::vector<RuleSource> sources)
    : rules_(std::move(rules)), disabled_(std::move(disabled)), sources_(std::move(sources)) {
  // The `markup` rules are applied by the HTML extractor, from the markup
  // itself; any other rule that reads a block's classes, ids or role needs
  // them described whatever DocumentOptions::describe_markup says.
  for (const Rule& r : rules_->rules())
    if (r.category != "markup" && (!r.classes.empty() || !r.ids.empty() || !r.roles.empty()))
      rules_read_markup_ = true;
}
Cleaner::~Cleaner() = default;

std::unique_ptr<Cleaner> Cleaner::create(const Config& config, std::vector<RuleError>* errors) {
  ParsedRules parsed;
  if (config.builtin_rules) {
    parsed.check_patterns = false;
    for (std::size_t i = 0; i < kBuiltinRuleFileCount; ++i)
      parse_rule_text(kBuiltinRuleFiles[i].text, kBuiltinRuleFiles[i].name, parsed, /*allow_includes=*/false);
    parsed.check_patterns = true;
  }
  for (const auto& path : config.rule_paths) load_rule_path(path, parsed);
  for (const auto& text : config.rule_texts) {
    parsed.sources.push_back({"<text>", text, false});
    parse_rule_text(text, "<text>", parsed, false);
  }
  parsed.known = &config.rule_sources;
  for (const auto& source : config.rule_sources) {
    if (source.included) continue;  // read where its include stands
    parsed.sources.push_back(source);
    parse_rule_text(source.text, source.name, parsed, source.name != "<text>");
  }
  parsed.known = nullptr;
  if (!parsed.ok()) {
    if (errors) errors->insert(errors->end(), parsed.errors.begin(), parsed.errors.end());
    return nullptr;
  }
  if (!config.disabled.empty()) {
    parsed.rules.erase(std::remove_if(parsed.rules.begin(), parsed.rules.end(),
                                      [&](const Rule& r) {
                                        for (const auto& d : config.disabled)
                                          if (r.id == d || r.category == d) return true;
                                        return false;
                                      }),
                       parsed.rules.end());
  }
  std::vector<RuleError> compile_errors;
  auto set = RuleSet::compile(std::move(parsed.rules), &compile_errors);
  if (!set) {
    if (errors) errors->insert(errors->end(), compile_errors.begin(), compile_errors.end());
    return nullptr;
  }
  return std::unique_ptr<Cleaner>(new Cleaner(std::move(set), config.disabled, std::move(parsed.sources)));
}

namespace {

// Applies the rules to every block: keep wins, then drop-rest, drop, strip.
// `notes`: whether verdicts get their notes (DocumentOptions::notes).
void apply_rules(const RuleSet& rules, const std::vector<char>& active, Document& doc, std::vector<char>& protect,
                 bool notes) {
  auto note = [notes](const char* text) { return notes ? std::string(text) : std::string(); };
  thread_local std::vector<std::vector<int>> all_hits;
  rules.match_all(doc.blocks, doc.zones, active, all_hits);
  bool rest_dropped = false;
  std::string rest_reason;
  // Which blocks a rule drops, for a drop-rest rule to see what follows it.
  thread_local std::vector<char> dropped;
  dropped.assign(doc.blocks.size(), 0);
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    bool keep = false, drop = false;
    for (int h : all_hits[i]) {
      const RuleAction a = rules.rules()[h].action;
      keep = keep || a == RuleAction::Keep;
      drop = drop || a == RuleAction::Drop || a == RuleAction::DropRest;
    }
    dropped[i] = drop && !keep;
  }
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    Verdict& v = doc.verdicts[i];
    const std::vector<int>& hits = all_hits[i];
    const Rule* keep = nullptr;
    const Rule* drop = nullptr;
    const Rule* drop_rest = nullptr;
    bool any_strip = false;
    for (int h : hits) {
      const Rule& r = rules.rules()[h];
      switch (r.action) {
        case RuleAction::Keep: if (!keep) keep = &r; break;
        case RuleAction::Drop: if (!drop) drop = &r; break;
        case RuleAction::DropRest: if (!drop_rest) drop_rest = &r; break;
        case RuleAction::Strip: any_strip = true; break;
      }
    }
    if (keep) {
      v.reason = keep->id;
      protect[i] = 1;
      continue;
    }
    // A related label ends the article only when no article prose follows
    // it; otherwise it drops its own block alone (see mark_after_end_marker).
    if (drop_rest && !rest_dropped && drop_rest->category == "related" &&
        article_prose_follows(doc.blocks, i, dropped)) {
      v = Verdict{Decision::Drop, drop_rest->id, note("article prose follows: this block alone"), {}};
      continue;
    }
    if (drop_rest && !rest_dropped) {
      rest_dropped = true;
      rest_reason = drop_rest->id;
      v = Verdict{Decision::Drop, rest_reason, {}, {}};
      continue;
    }
    if (rest_dropped) {
      v = Verdict{Decision::Drop, rest_reason, note("after the block that ended the article"), {}};
      continue;
    }
    if (drop) {
      v = Verdict{Decision::Drop, drop->id, {}, {}};
      continue;
    }
    if (any_strip) {
      std::string text = b.text;
      std::string ids;
      for (int h : hits) {
        const Rule& r = rules.rules()[h];
        if (r.action != RuleAction::Strip) continue;
        rules.strip(h, text);
        if (!ids.empty()) ids += ',';
        ids += r.id;
      }
      if (text == b.text) continue;
      const bool content = std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return is_ascii_alpha(u) || is_ascii_digit(u) || u >= 0x80;
      });
      if (!content) {
        v = Verdict{Decision::Drop, ids, note("nothing left after the cut"), {}};
      } else {
        v = Verdict{Decision::Edit, ids, {}, std::move(text)};
      }
    }
  }
}

}  // namespace

namespace {

const char* const kMojibakeId = "norm/mojibake";

// A block whose text the normaliser repaired shows as an edit by
// norm/mojibake: from the text as it came (kept in Block::unrepaired, when
// notes are wanted, while the rules and heuristics judged the repaired one)
// to the repaired text.
void show_repairs(Document& doc) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (!doc.blocks[i].repaired) continue;
    Verdict& v = doc.verdicts[i];
    switch (v.decision) {
      case Decision::Keep:
        v = Verdict{Decision::Edit, kMojibakeId, v.reason.empty() ? "" : "kept by " + v.reason, doc.blocks[i].text};
        break;
      case Decision::Edit:  // cut by a strip rule after the repair
        v.reason = std::string(kMojibakeId) + "," + v.reason;
        break;
      case Decision::Drop:
        break;
    }
  }
}

bool repair_disabled(const std::vector<std::string>& disabled) {
  return std::find(disabled.begin(), disabled.end(), kMojibakeId) != disabled.end() ||
         std::find(disabled.begin(), disabled.end(), "norm") != disabled.end();
}

// Zones, language, rules and heuristics over doc.blocks (the verdict stage,
// shared by text and HTML input).
// For HTML, page_index gives each block's index among the page's blocks.
void decide(const RuleSet& rules, const std::vector<std::string>& disabled, const DocumentOptions& options,
            const std::string& site, const std::vector<std::size_t>* page_index, Document& doc) {
  const bool html = page_index != nullptr;
  doc.zones = compute_zones(doc.blocks);
  doc.verdicts.assign(doc.blocks.size(), Verdict{});

  doc.lang = options.lang;
  if (doc.lang.empty() && rules.has_language_rules()) doc.lang = guess_language(doc.blocks);
  std::vector<char> active = rules.active_for(host_of(site), doc.lang);
  // The markup vocabulary was applied by the HTML extractor, with its evidence.
  if (html)
    for (std::size_t i = 0; i < rules.rules().size(); ++i)
      if (rules.rules()[i].category == "markup") active[i] = 0;

  std::vector<char> protect(doc.blocks.size(), 0);
  apply_rules(rules, active, doc, protect, options.notes);

  if (options.heuristics) {
    HeuristicInput in{doc.blocks, doc.zones, doc.verdicts, protect, &disabled, page_index, options.notes};
    mark_page_boilerplate(in);
    mark_dated_cards(in);  // before dup/exact, which would break the cards' rhythm
    mark_duplicates(in);
    mark_bare_headlines(in);
    mark_comment_thread(in);
    mark_after_end_marker(in);
    mark_author_box(in);
    mark_empty_sections(in);  // after the others: it judges the headings by what they left
    mark_no_article(in);  // last: it judges what all the others left
  }
  show_repairs(doc);
}

// The class/id/role/tag words of the `markup` rules, for the HTML extractor.
std::vector<html::MarkupToken> markup_vocabulary(const RuleSet& rules, const std::string& site) {
  std::vector<html::MarkupToken> out;
  const std::vector<char> active = rules.active_for(host_of(site), "");
  for (std::size_t i = 0; i < rules.rules().size(); ++i) {
    const Rule& r = rules.rules()[i];
    if (r.category != "markup" || r.has_pattern || !active[i]) continue;
    if (r.action != RuleAction::Drop && r.action != RuleAction::Keep) continue;
    const bool content = r.action == RuleAction::Keep;
    auto add = [&](const std::vector<std::string>& values, html::MarkupToken::On on) {
      for (const auto& v : values) out.push_back(html::MarkupToken{v, on, content, r.id});
    };
    add(r.classes, html::MarkupToken::On::ClassOrId);
    add(r.ids, html::MarkupToken::On::ClassOrId);
    add(r.roles, html::MarkupToken::On::Role);
    add(r.tags, html::MarkupToken::On::Tag);
  }
  return out;
}

// The verdict stage over the blocks the extractor chose (moved out of
// page.blocks and into the document, with every block of the page back in
// order for --explain).
Document decide_page(const RuleSet& rules, const std::vector<std::string>& disabled, html::HtmlPage& page,
                     const DocumentOptions& options) {
  const std::string site = !options.site.empty() ? options.site : host_of(page.url);
  Document article;
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < page.blocks.size(); ++i) {
    if (!page.dropped[i].empty()) continue;
    article.blocks.push_back(std::move(page.blocks[i]));  // moved back below
    index.push_back(i);
  }
  DocumentOptions opts = options;
  if (opts.lang.empty() && !page.lang.empty() && rules.has_language_rules()) {
    const std::size_t dash = page.lang.find('-');
    opts.lang = page.lang.substr(0, dash);
  }
  decide(rules, disabled, opts, site, &index, article);

  // Then every block of the page comes back, for --explain.
  Document doc;
  doc.lang = article.lang;
  doc.warnings = page.warnings;
  doc.candidates = page.candidates;
  const std::size_t n = page.blocks.size();
  doc.verdicts.resize(n);
  doc.zones.resize(n, Zone::Body);
  std::size_t next = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (next < index.size() && index[next] == i) {
      page.blocks[i] = std::move(article.blocks[next]);
      doc.verdicts[i] = std::move(article.verdicts[next]);
      doc.zones[i] = article.zones[next];
      ++next;
    } else {
      doc.verdicts[i] = Verdict{Decision::Drop, page.dropped[i], page.detail[i], {}};
      doc.zones[i] = next == 0 ? Zone::Head : (next >= index.size() ? Zone::Tail : Zone::Body);
    }
  }
  doc.blocks = std::move(page.blocks);
  return doc;
}

// What the verdict stage left of the chosen article: its prose, what it
// kept of it, and the prose the rules dropped as chrome of one kind.
struct ArticleYield {
  std::size_t prose = 0, kept_prose = 0, kept_words = 0, article_blocks = 0;
  std::size_t chrome_prose = 0;     // prose dropped by rules of a chrome category
  std::string chrome_category;      // the category that dropped most of it
  // Nothing left, or most of the prose dropped as chrome and little kept.
  bool chrome_choice() const {
    if (article_blocks == 0) return false;
    if (kept_words == 0) return true;
    return prose > 0 && chrome_prose * 10 >= prose * 6 && kept_prose * 10 < prose * 3;
  }
};

ArticleYield article_yield(const Document& doc) {
  ArticleYield y;
  std::vector<std::pair<std::string, std::size_t>> by_category;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Verdict& v = doc.verdicts[i];
    if (v.decision == Decision::Drop && v.reason.rfind("html/", 0) == 0) continue;  // not chosen
    if (v.decision == Decision::Drop && v.reason.rfind("markup/", 0) == 0) continue;
    ++y.article_blocks;
    const Block& b = doc.blocks[i];
    const bool prose = is_prose(b);
    if (prose) y.prose += b.chars;
    if (v.decision != Decision::Drop) {
      y.kept_words += b.words;
      if (prose) y.kept_prose += b.chars;
      continue;
    }
    if (!prose) continue;
    const std::string_view cat = category_of(v.reason);
    if (cat != "consent" && cat != "footer" && cat != "newsletter" && cat != "social" && cat != "ads" &&
        cat != "nav" && cat != "comments")
      continue;
    y.chrome_prose += b.chars;
    auto it = std::find_if(by_category.begin(), by_category.end(), [&](const auto& e) { return e.first == cat; });
    if (it == by_category.end()) by_category.emplace_back(std::string(cat), b.chars);
    else it->second += b.chars;
  }
  std::size_t most = 0;
  for (const auto& [cat, chars] : by_category)
    if (chars > most) {
      most = chars;
      y.chrome_category = cat;
    }
  return y;
}

Document clean_html(const RuleSet& rules, const std::vector<std::string>& disabled, std::string_view input,
                    const DocumentOptions& options, bool rules_read_markup) {
  html::HtmlOptions hopts;
  hopts.describe = options.describe_markup || rules_read_markup;
  hopts.keep_unrepaired = options.notes;
  hopts.normalise.nfkc = options.nfkc;
  hopts.normalise.ascii_punct = options.ascii_punct;
  hopts.normalise.fix_encoding = options.fix_encoding && !repair_disabled(disabled);
  // Compiling the vocabulary costs more than listing it: the last compiled
  // one is kept per thread and reused while the list is the same.
  struct VocabularyCache {
    std::vector<std::string> key;
    std::shared_ptr<const html::CompiledVocabulary> compiled;
  };
  thread_local VocabularyCache cache;
  std::vector<html::MarkupToken> vocabulary = markup_vocabulary(rules, options.site);
  std::vector<std::string> key;
  key.reserve(vocabulary.size());
  for (const auto& t : vocabulary)
    key.push_back(t.rule_id + (t.content ? "+" : "-") + std::to_string(static_cast<int>(t.on)) + t.token);
  if (!cache.compiled || key != cache.key) {
    cache.key = std::move(key);
    cache.compiled = html::compile_vocabulary(std::move(vocabulary));
  }
  hopts.compiled = cache.compiled;
  html::HtmlPage page = html::read_page(input, hopts);
  Document doc = decide_page(rules, disabled, page, options);
  // The rules can show that the chosen container was chrome: they drop most
  // of its prose (a consent panel's purposes, a disclaimer, contact
  // details) or leave nothing of it. Then the next candidate gets its turn,
  // from the same parse, and stays when it keeps more of its prose (or as
  // much, with less chrome around it).
  const ArticleYield first = article_yield(doc);
  if (first.chrome_choice() && page.model) {
    page.blocks = std::move(doc.blocks);
    const std::string why = first.kept_words == 0 ? "the rules left nothing of it"
                                                  : "the rules dropped most of its prose as " + first.chrome_category;
    if (html::choose_again(page, why)) {
      Document second = decide_page(rules, disabled, page, options);
      const ArticleYield again = article_yield(second);
      if (again.kept_prose > first.kept_prose ||
          (again.kept_prose == first.kept_prose && again.kept_words > 0 && again.chrome_prose < first.chrome_prose))
        return second;
      page.blocks = std::move(second.blocks);
      html::undo_choose_again(page);
    }
    doc.blocks = std::move(page.blocks);
  }
  return doc;
}

}  // namespace

Document Cleaner::clean(std::string_view input, const DocumentOptions& options) const {
  if (options.format == InputFormat::Html ||
      (options.format == InputFormat::Auto && html::looks_like_html(input)))
    return clean_html(*rules_, disabled_, input, options, rules_read_markup_);
  Document doc;
  TextBlockOptions text_options;
  text_options.normalise.nfkc = options.nfkc;
  text_options.normalise.ascii_punct = options.ascii_punct;
  text_options.normalise.fix_encoding = options.fix_encoding && !repair_disabled(disabled_);
  text_options.reflow = options.reflow;
  text_options.keep_unrepaired = options.notes;
  TextLayout layout;
  doc.blocks = blocks_from_text(input, text_options, &layout);
  doc.hard_wrapped = layout.hard_wrapped;
  decide(*rules_, disabled_, options, options.site, nullptr, doc);
  return doc;
}

}  // namespace newsclean
