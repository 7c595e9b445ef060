#include "html/page.h"

#include <gumbo.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "html/arena.h"
#include "html/charset.h"
#include "html/choose.h"
#include "html/title.h"
#include "html/tree.h"
#include "html/tags.h"
#include "util/utf8.h"

namespace newsclean::html {

namespace {

// ---------------------------------------------------------------- tags

bool is_heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

// Share of the page's prose above which even a sure boilerplate word on a
// container is not believed.
constexpr double kSureYields = 0.9;
// Prose (in characters) that a hidden element must be made of to be read as
// an accordion of the article rather than hidden chrome.
constexpr double kHiddenProseChars = 150;

// ---------------------------------------------------------------- tokens

void add_token(std::vector<std::string>& out, std::string_view t) {
  if (t.empty()) return;
  for (const auto& o : out)
    if (o == t) return;
  out.emplace_back(t);
}

}  // namespace

namespace {

// The tokens of a class or id name without an allocation per name: the
// lower-case name, its parts and each two adjacent parts joined by '-' are
// written one after another into `bytes`, and `tokens` holds where each is,
// in that order, every token once. A page names thousands of elements, and
// every name it has not shown before is read so.
struct NameTokens {
  std::string bytes;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> tokens;  // offset, length in bytes
  std::vector<std::pair<std::uint32_t, std::uint32_t>> parts;
  std::string_view operator[](std::size_t k) const {
    return std::string_view(bytes).substr(tokens[k].first, tokens[k].second);
  }
  std::size_t size() const { return tokens.size(); }
  void add(std::uint32_t offset, std::uint32_t length) {
    if (length == 0) return;
    const std::string_view t = std::string_view(bytes).substr(offset, length);
    for (const auto& [o, l] : tokens)
      if (std::string_view(bytes).substr(o, l) == t) return;
    tokens.emplace_back(offset, length);
  }
};

void split_name(std::string_view name, NameTokens& out) {
  out.bytes.clear();
  out.tokens.clear();
  out.parts.clear();
  const auto n = static_cast<std::uint32_t>(name.size());
  out.bytes.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) out.bytes[i] = ascii_lower(name[i]);
  // Parts: split at separators and where a capital follows a small letter
  // (camelCase); the lower-case bytes of a part follow the whole name.
  std::uint32_t start = 0, len = 0;  // the part being read, in out.bytes
  auto end_part = [&] {
    if (len > 0) out.parts.emplace_back(start, len);
    len = 0;
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c == '-' || c == '_' || c == ':' || c == '.' || c == '/' || c == '|') {
      end_part();
      continue;
    }
    if (is_ascii_upper(c) && i > 0 && is_ascii_lower(static_cast<unsigned char>(name[i - 1])) && len > 0) end_part();
    if (len == 0) start = i;
    ++len;
  }
  end_part();
  out.add(0, n);
  for (std::size_t k = 0; k < out.parts.size(); ++k) out.add(out.parts[k].first, out.parts[k].second);
  for (std::size_t k = 0; k + 1 < out.parts.size(); ++k) {
    const auto [a, la] = out.parts[k];
    const auto [b, lb] = out.parts[k + 1];
    const auto at = static_cast<std::uint32_t>(out.bytes.size());
    out.bytes.append(out.bytes, a, la);
    out.bytes += '-';
    out.bytes.append(out.bytes, b, lb);
    out.add(at, la + 1 + lb);
  }
}

}  // namespace

std::vector<std::string> name_tokens(std::string_view name) {
  NameTokens t;
  split_name(name, t);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < t.size(); ++k) out.emplace_back(t[k]);
  return out;
}

namespace {

// ---------------------------------------------------------------- JSON-LD

bool hex4(std::string_view s, std::size_t i, unsigned& v) {
  if (i + 4 > s.size()) return false;
  v = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const char c = s[i + k];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') v |= (c | 0x20) - 'a' + 10;
    else return false;
  }
  return true;
}

// Decodes the JSON string starting after the opening quote at s[i].
std::string json_string_at(std::string_view s, std::size_t i) {
  std::string out;
  while (i < s.size() && s[i] != '"') {
    if (s[i] != '\\') {
      out += s[i++];
      continue;
    }
    if (++i >= s.size()) break;
    const char e = s[i++];
    switch (e) {
      case 'n': case 'r': case 't': out += ' '; break;
      case 'b': case 'f': break;
      case 'u': {
        unsigned v;
        if (!hex4(s, i, v)) break;
        i += 4;
        if (v >= 0xD800 && v < 0xDC00 && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
          unsigned lo;
          if (hex4(s, i + 2, lo) && lo >= 0xDC00 && lo < 0xE000) {
            i += 6;
            append_utf8(out, 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00));
            break;
          }
        }
        append_utf8(out, (v >= 0xD800 && v < 0xE000) ? 0xFFFD : v);
        break;
      }
      default: out += e;
    }
  }
  return out;
}

}  // namespace

std::string json_ld_article_body(std::string_view json) {
  std::string best;
  std::size_t pos = 0;
  while ((pos = json.find("\"articleBody\"", pos)) != std::string_view::npos) {
    std::size_t i = pos + 13;
    pos = i;
    while (i < json.size() && is_ascii_space(static_cast<unsigned char>(json[i]))) ++i;
    if (i >= json.size() || json[i] != ':') continue;
    ++i;
    while (i < json.size() && is_ascii_space(static_cast<unsigned char>(json[i]))) ++i;
    if (i >= json.size() || json[i] != '"') continue;
    std::string body = json_string_at(json, i + 1);
    if (body.size() > best.size()) best = std::move(body);
  }
  return best;
}

bool looks_like_html(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 1024);
  if (head.size() >= 3 && std::memcmp(head.data(), "\xEF\xBB\xBF", 3) == 0) head.remove_prefix(3);
  head = trim(head);
  if (head.empty() || head[0] != '<') return false;
  const std::string lower = ascii_lowercase(head);
  for (const char* m : {"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--", "<div", "<p>",
                        "<p ", "<article", "<?xml", "<script", "<link", "<section", "<main", "<table", "<h1", "<style"})
    if (lower.find(m) != std::string::npos) return true;
  // Markup first and the document later: a server's warnings printed before
  // the page, a long style block.
  const std::string deeper = ascii_lowercase(bytes.substr(0, 65536));
  for (const char* m : {"<html", "<body", "<!doctype html"})
    if (deeper.find(m) != std::string::npos) return true;
  return false;
}

namespace {

// ---------------------------------------------------------------- the walk


struct RawBlock {
  std::string text;
  int owner = 0;
  std::size_t link_bytes = 0;
};

class Walker {
 public:
  Walker(std::vector<Node>& nodes, std::vector<RawBlock>& blocks, const std::vector<ElementAttrs>& attrs,
         const TextRuns* runs)
      : nodes_(nodes), blocks_(blocks), attrs_(attrs), runs_(runs) {}

  void run(const GumboNode* root) {
    if (root->type != GUMBO_NODE_ELEMENT) return;
    std::vector<Frame> stack;
    stack.push_back(enter(root, -1));
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& children = f.node->v.element.children;
      if (f.next >= children.length) {
        leave(f);
        stack.pop_back();
        continue;
      }
      const GumboNode* child = static_cast<const GumboNode*>(children.data[f.next++]);
      switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
          text(child->v.text.text);
          break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          const int parent = f.id;
          stack.push_back(enter(child, parent));  // may move `f`: not used after this
          break;
        }
        default:
          break;
      }
    }
    flush();
  }

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next;
    int id;
    int owner_before;
    bool block;
  };

  // A cell with a block element or a line break among its children: a
  // data table's cell holds a value.
  static bool layout_cell(const GumboElement& e) {
    for (unsigned i = 0; i < e.children.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(e.children.data[i]);
      if (c->type != GUMBO_NODE_ELEMENT) continue;
      if (c->v.element.tag == GUMBO_TAG_BR || is_block_tag(c->v.element.tag)) return true;
    }
    return false;
  }

  Frame enter(const GumboNode* n, int parent) {
    const GumboElement& e = n->v.element;
    const int id = static_cast<int>(nodes_.size());
    nodes_.emplace_back();
    Node& node = nodes_.back();
    node.parent = parent;
    node.tag = e.tag;
    if (e.tag == GUMBO_TAG_UNKNOWN) {
      GumboStringPiece piece = e.original_tag;
      gumbo_tag_from_original_text(&piece);
      node.name = ascii_lowercase(std::string_view(piece.data, std::min<std::size_t>(piece.length, 40)));
    } else {
      node.name = gumbo_normalized_tagname(e.tag);
    }
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      const GumboAttribute* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      if (a->name[0] != 'a' || a->name[1] != '\0') continue;
      const std::size_t k = std::strtoul(a->value, nullptr, 10);
      if (k >= attrs_.size()) continue;
      const ElementAttrs& ea = attrs_[k];
      node.attrs = &ea;
      node.hidden = ea.hidden;
      node.article_body = ea.article_body;
    }
    // A table cell that holds blocks or lines of its own is a region of a
    // table layout (the menu in one cell, the article in the next), not a
    // value in a row. (Not in is_block_tag: the pre-pass need not know.)
    const bool region = (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) && layout_cell(e);
    node.region = region;
    const bool block = is_block_tag(e.tag) || region;
    const int owner_before = owner_;
    if (block) {
      flush();
      owner_ = id;
    }
    if (e.tag == GUMBO_TAG_A) ++in_link_;
    if (e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_LISTING) ++in_pre_;
    if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) space();
    if (e.tag == GUMBO_TAG_BR) {
      if (last_br_) {
        flush();
      } else if (!buf_.empty()) {
        lines_.push_back(Line{buf_.size(), link_bytes_});
        space();
      }
      last_br_ = true;
    }
    return Frame{n, 0, id, owner_before, block};
  }

  void leave(const Frame& f) {
    const GumboTag t = f.node->v.element.tag;
    if (t == GUMBO_TAG_A) --in_link_;
    if (t == GUMBO_TAG_PRE || t == GUMBO_TAG_LISTING) --in_pre_;
    if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) space();
    if (f.block) {
      flush();
      owner_ = f.owner_before;
    }
  }

  void space() {
    if (!buf_.empty() && buf_.back() != ' ') buf_ += ' ';
  }

  void text(const char* s) {
    for_each_text_piece(s, runs_, [this](std::string_view piece) { text_piece(piece); });
  }

  void text_piece(std::string_view s) {
    std::size_t before = buf_.size();
    std::size_t i = 0;
    while (i < s.size()) {
      // A run of visible characters in one append.
      std::size_t j = i;
      while (j < s.size() && !is_ascii_space(static_cast<unsigned char>(s[j]))) ++j;
      if (j > i) {
        buf_.append(s.data() + i, j - i);
        last_br_ = false;
        i = j;
        continue;
      }
      if (in_pre_ && s[i] == '\n') {
        if (in_link_ && buf_.size() > before) link_bytes_ += buf_.size() - before;
        flush();
        before = buf_.size();
      } else if (!buf_.empty() && buf_.back() != ' ') {
        buf_ += ' ';
      }
      ++i;
    }
    if (in_link_ && buf_.size() > before) link_bytes_ += buf_.size() - before;
  }

  void flush() {
    last_br_ = false;
    if (!lines_.empty() && split_lines()) return;
    emit(0, buf_.size(), link_bytes_);
    buf_.clear();
    link_bytes_ = 0;
  }

  void emit(std::size_t from, std::size_t to, std::size_t link_bytes) {
    while (from < to && buf_[from] == ' ') ++from;
    while (to > from && buf_[to - 1] == ' ') --to;
    if (from >= to) return;
    RawBlock rb;
    rb.text = buf_.substr(from, to - from);
    rb.owner = owner_;
    rb.link_bytes = std::min(link_bytes, rb.text.size());
    blocks_.push_back(std::move(rb));
  }

  // Lines joined by single <br>s are one block, unless lines of links (60%
  // of their bytes: "home | events | news") follow lines of text: an old
  // layout's masthead over its menu, a story's last line over a "Read more"
  // link. Then each run of link lines and each run of other lines is a block
  // of its own; link lines at the start (a linked headline over its teaser)
  // stay with the text under them. True when it split.
  bool split_lines() {
    lines_.push_back(Line{buf_.size(), link_bytes_});
    auto is_link_line = [&](std::size_t k) {
      const std::size_t from = k == 0 ? 0 : lines_[k - 1].end;
      const std::size_t links = lines_[k].links - (k == 0 ? 0 : lines_[k - 1].links);
      return lines_[k].end > from && links * 10 >= (lines_[k].end - from) * 6;
    };
    bool any_link = false, any_text = false;
    for (std::size_t k = 0; k < lines_.size(); ++k) (is_link_line(k) ? any_link : any_text) = true;
    if (!(any_link && any_text)) {
      lines_.clear();
      return false;
    }
    std::size_t run_from = 0, run_links = 0;
    for (std::size_t k = 0; k < lines_.size(); ++k) {
      if (k + 1 < lines_.size() && is_link_line(k + 1) == is_link_line(k)) continue;
      if (run_from == 0 && is_link_line(k)) continue;  // a linked headline over its teaser stays with it
      emit(run_from, lines_[k].end, lines_[k].links - run_links);
      run_from = lines_[k].end;
      run_links = lines_[k].links;
    }
    lines_.clear();
    buf_.clear();
    link_bytes_ = 0;
    return true;
  }

  std::vector<Node>& nodes_;
  std::vector<RawBlock>& blocks_;
  const std::vector<ElementAttrs>& attrs_;
  const TextRuns* runs_;  // what placeholders stand for; null when the page has none
  std::string buf_;
  std::size_t link_bytes_ = 0;
  // Where each line of buf_ ended at a single <br>, and the link bytes up to there.
  struct Line {
    std::size_t end, links;
  };
  std::vector<Line> lines_;
  int owner_ = 0;
  int in_link_ = 0;
  int in_pre_ = 0;
  bool last_br_ = false;
};


// ---------------------------------------------------------------- evidence

}  // namespace

struct CompiledVocabulary {
  std::vector<MarkupToken> tokens;
  std::unordered_map<std::string, int> boiler_class, boiler_exact, boiler_role, boiler_tag;
  std::unordered_set<std::string> sure;
  std::unordered_set<std::string> content_class, content_role, content_tag;
  // Panel words ('?' before the token): a widget, profile or site description
  // is not dropped for the word, but a container chosen as the article that
  // carries one is checked against the other candidates.
  std::unordered_map<std::string, int> panel_class, panel_tag;
  // What the tag maps say of each tag Gumbo knows, looked up once here
  // rather than by name for every element of every page.
  struct TagHit {
    bool content = false;
    int panel = -1, boiler = -1;
  };
  std::vector<TagHit> by_tag;  // by GumboTag, below GUMBO_TAG_UNKNOWN
  TagHit tag_hit(const std::string& name) const {
    TagHit h;
    h.content = content_tag.count(name) > 0;
    if (auto p = panel_tag.find(name); p != panel_tag.end()) h.panel = p->second;
    if (auto b = boiler_tag.find(name); b != boiler_tag.end()) h.boiler = b->second;
    return h;
  }
  explicit CompiledVocabulary(std::vector<MarkupToken> v) : tokens(std::move(v)) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const MarkupToken& t = tokens[i];
      std::string tok = ascii_lowercase(t.token);
      if (!tok.empty() && tok[0] == '!') {
        tok.erase(0, 1);
        sure.insert(tok);
      }
      if (!t.content && !tok.empty() && tok[0] == '?') {
        (t.on == MarkupToken::On::Tag ? panel_tag : panel_class).emplace(tok.substr(1), static_cast<int>(i));
        continue;
      }
      if (t.content) {
        (t.on == MarkupToken::On::ClassOrId ? content_class : t.on == MarkupToken::On::Role ? content_role : content_tag)
            .insert(tok);
      } else {
        if (t.on == MarkupToken::On::ClassOrId && !tok.empty() && tok[0] == '=') {
          boiler_exact.emplace(tok.substr(1), static_cast<int>(i));
          continue;
        }
        auto& m = t.on == MarkupToken::On::ClassOrId ? boiler_class : t.on == MarkupToken::On::Role ? boiler_role : boiler_tag;
        m.emplace(tok, static_cast<int>(i));
      }
    }
    by_tag.resize(GUMBO_TAG_UNKNOWN);
    for (int t = 0; t < GUMBO_TAG_UNKNOWN; ++t)
      by_tag[static_cast<std::size_t>(t)] = tag_hit(gumbo_normalized_tagname(static_cast<GumboTag>(t)));
  }
};

std::shared_ptr<const CompiledVocabulary> compile_vocabulary(std::vector<MarkupToken> vocabulary) {
  return std::make_shared<const CompiledVocabulary>(std::move(vocabulary));
}

namespace {

// What the vocabulary says about one class or id name.
struct NameHit {
  int boiler = -1;
  int panel = -1;
  bool sure = false;
  bool content = false;
};

NameHit classify_name(std::string_view name, const CompiledVocabulary& voc) {
  NameHit h;
  // A BEM modifier ("row--sidebar", "main--withSidebar") names a variant of
  // the element, not what it is: only the element's own name is read.
  const std::size_t modifier = name.find("--");
  if (modifier != std::string_view::npos && modifier > 0) return classify_name(name.substr(0, modifier), voc);
  thread_local NameTokens toks;
  split_name(name, toks);
  if (toks.size() == 0) return h;
  // Modifier names describe the layout around an element, not the element:
  // has-sidebar, with-share-bar, no-ads.
  if (toks.size() > 1 && (toks[1] == "has" || toks[1] == "with" || toks[1] == "no" || toks[1] == "without" ||
                          toks[1] == "show" || toks[1] == "hide" || toks[1] == "enable" || toks[1] == "disable" ||
                          toks[1] == "template" || toks[1] == "page"))
    return h;
  // The maps are keyed by std::string: each token is looked up through one
  // buffer, which allocates only for a token longer than any before.
  thread_local std::string tok;
  tok.assign(toks[0]);
  auto e = voc.boiler_exact.find(tok);
  if (e != voc.boiler_exact.end()) {
    h.boiler = e->second;
    h.sure = voc.sure.count(tok) > 0;
  }
  for (std::size_t ti = 0; ti < toks.size(); ++ti) {
    tok.assign(toks[ti]);
    // Content words match whole names and two-part names only.
    if ((ti == 0 || tok.find('-') != std::string::npos) && voc.content_class.count(tok)) h.content = true;
    // Panel words match a whole name or its first part: "widget Profile",
    // "profile-block", not a page builder's "builder-widget-text".
    if (h.panel < 0 && ti <= 1) {
      auto p = voc.panel_class.find(tok);
      if (p != voc.panel_class.end()) h.panel = p->second;
    }
    if (h.boiler < 0) {
      auto b = voc.boiler_class.find(tok);
      if (b != voc.boiler_class.end()) {
        h.boiler = b->second;
        h.sure = voc.sure.count(tok) > 0;
      }
    }
  }
  return h;
}

void classify_node(Node& n, const CompiledVocabulary& voc, std::unordered_map<std::string, NameHit>& cache) {
  if (n.tag == GUMBO_TAG_ARTICLE || n.tag == GUMBO_TAG_MAIN || n.article_body) n.content = true;
  const CompiledVocabulary::TagHit tag =
      n.tag < GUMBO_TAG_UNKNOWN ? voc.by_tag[static_cast<std::size_t>(n.tag)] : voc.tag_hit(n.name);
  if (tag.content) n.content = true;
  // The vocabulary's maps are keyed by std::string: names are looked up
  // through one buffer.
  thread_local std::string key;
  const std::string_view role = n.role();
  key.assign(role);
  if (!role.empty() && voc.content_role.count(key)) n.content = true;
  if (tag.panel >= 0) {
    n.panel = tag.panel;
    n.panel_what = "tag=" + n.name;
  }
  if (tag.boiler >= 0) {
    n.boiler = tag.boiler;
    n.boiler_what = "tag=" + n.name;
  }
  if (!role.empty()) {
    key.assign(role);
    auto r = voc.boiler_role.find(key);
    if (r != voc.boiler_role.end() && n.boiler < 0) {
      n.boiler = r->second;
      n.boiler_what = "role=" + key;
    }
  }
  auto scan = [&](std::string_view names, const char* what) {
    for_each_name(names, [&](std::string_view name) {
      key.assign(name);
      auto it = cache.find(key);
      if (it == cache.end()) it = cache.emplace(key, classify_name(name, voc)).first;
      const NameHit& h = it->second;
      if (h.content) n.content = true;
      if (n.panel < 0 && h.panel >= 0) {
        n.panel = h.panel;
        n.panel_what = std::string(what) + "=" + key;
      }
      if (n.boiler < 0 && h.boiler >= 0) {
        n.boiler = h.boiler;
        n.sure = h.sure;
        n.boiler_what = std::string(what) + "=" + key;
      }
    });
  };
  scan(n.classes(), "class");
  scan(n.ids(), "id");
}

bool ends_sentence(const std::string& t) {
  std::size_t i = t.size();
  while (i > 0) {
    const char c = t[i - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
      --i;
      continue;
    }
    // closing curly quotes
    if (i >= 3 && (t.compare(i - 3, 3, "\xE2\x80\x9D") == 0 || t.compare(i - 3, 3, "\xE2\x80\x99") == 0)) {
      i -= 3;
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == ':' ||
           (i >= 3 && (t.compare(i - 3, 3, "\xE3\x80\x82") == 0 || t.compare(i - 3, 3, "\xE2\x80\xA6") == 0));
  }
  return false;
}

bool is_prose_block(const Block& b) {
  if (b.link_density > 0.4f) return false;
  if (b.kind == BlockKind::Heading) return false;
  return (b.words >= 10 && ends_sentence(b.text)) || b.words >= 25 || (b.chars >= 80 && b.words <= 3);
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (is_ascii_space(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

BlockKind kind_for(const std::vector<Node>& nodes, int owner) {
  const GumboTag own = nodes[owner].tag;
  if (is_heading(own)) return BlockKind::Heading;
  if (own == GUMBO_TAG_LI || own == GUMBO_TAG_DD || own == GUMBO_TAG_DT) return BlockKind::ListItem;
  if (own == GUMBO_TAG_PRE || own == GUMBO_TAG_LISTING) return BlockKind::Preformatted;
  if (own == GUMBO_TAG_TR || ((own == GUMBO_TAG_TD || own == GUMBO_TAG_TH) && !nodes[owner].region))
    return BlockKind::TableRow;
  int k = owner;
  for (int up = 0; k >= 0 && up < 8; ++up, k = nodes[k].parent) {
    const GumboTag t = nodes[k].tag;
    if (t == GUMBO_TAG_FIGCAPTION || t == GUMBO_TAG_CAPTION) return BlockKind::Caption;
    if (t == GUMBO_TAG_BLOCKQUOTE) return BlockKind::Quote;
    if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_BODY) break;
  }
  return BlockKind::Paragraph;
}

}  // namespace

HtmlPage read_page(std::string_view bytes, const HtmlOptions& options) {
  HtmlPage page;
  Decoded decoded = decode_to_utf8(bytes);
  page.charset = decoded.charset;
  const std::string_view utf8 = decoded.converted ? std::string_view(decoded.text) : bytes;
  Prepassed pre = prepass(utf8, options.limits);
  page.warnings = std::move(pre.warnings);
  page.url = !pre.meta.canonical.empty() ? pre.meta.canonical : pre.meta.og_url;
  page.lang = pre.meta.lang;
  {
    std::string title;
    normalise_line(!pre.meta.og_title.empty() ? pre.meta.og_title : pre.meta.title, options.normalise, title);
    page.title = std::move(title);
  }

  auto model = std::make_shared<PageModel>();
  std::vector<Node>& nodes = model->nodes;
  std::vector<RawBlock> raw;
  {
    // Gumbo allocates from this thread's arena; the tree is dropped as a
    // whole by the next reset instead of node by node.
    thread_local Arena arena;
    arena.reset();
    GumboOptions gopts = kGumboDefaultOptions;
    gopts.max_errors = 0;
    gopts.allocator = &Arena::gumbo_allocate;
    gopts.deallocator = &Arena::gumbo_free;
    gopts.userdata = &arena;
    GumboOutput* out = gumbo_parse_with_options(&gopts, pre.html.data(), pre.html.size());
    // The reduced page holds an element every 24 bytes on average (the dev
    // pages): room for a third more, so that the tree is seldom moved.
    nodes.reserve(pre.html.size() / 18 + 16);
    model->attrs = std::move(pre.attrs);  // the nodes point into it: not changed from here on
    Walker walker(nodes, raw, model->attrs, pre.runs.ends.empty() ? nullptr : &pre.runs);
    walker.run(out->root);
  }
  if (nodes.empty()) return page;

  // Blocks, normalised.
  std::vector<int>& owner = model->owner;
  std::string norm;
  LineCounts counts;
  for (auto& rb : raw) {
    normalise_line(rb.text, options.normalise, norm, &counts);
    if (norm.empty()) continue;
    Block b;
    b.text = norm;
    if (counts.repaired > 0) {
      b.repaired = true;
      if (options.keep_unrepaired) normalise_line_unrepaired(rb.text, options.normalise, b.unrepaired);
    }
    measure_block(b);
    b.kind = kind_for(nodes, rb.owner);
    b.tag = nodes[rb.owner].name;
    b.link_density = rb.text.empty() ? 0.f : static_cast<float>(rb.link_bytes) / static_cast<float>(rb.text.size());
    page.blocks.push_back(std::move(b));
    owner.push_back(rb.owner);
  }
  const std::size_t nb = page.blocks.size();
  page.dropped.assign(nb, std::string());
  page.detail.assign(nb, std::string());
  if (nb == 0) return page;

  std::shared_ptr<const CompiledVocabulary> compiled = options.compiled;
  if (!compiled) compiled = compile_vocabulary(options.vocabulary);
  const CompiledVocabulary& voc = *compiled;
  {
    // What each class or id name says, kept from page to page on this
    // thread while the vocabulary is the same: a site's pages share their
    // names, and every page shares "container", "row", "menu"... Bounded,
    // so that a run over many sites does not grow it without end.
    struct NameCache {
      std::shared_ptr<const CompiledVocabulary> voc;  // held, so its address is not reused
      std::unordered_map<std::string, NameHit> hits;
    };
    constexpr std::size_t kMaxCachedNames = 20000;
    thread_local NameCache cache;
    if (cache.voc != compiled || cache.hits.size() > kMaxCachedNames) {
      cache.voc = compiled;
      cache.hits.clear();
    }
    for (auto& n : nodes) classify_node(n, voc, cache.hits);
  }

  // JSON-LD articleBody: blocks whose text it repeats are article text.
  std::string ld_body;
  for (const auto& j : pre.meta.json_ld) {
    std::string b = json_ld_article_body(j);
    if (b.size() > ld_body.size()) ld_body = std::move(b);
  }
  std::vector<char>& in_ld = model->in_ld;
  in_ld.assign(nb, 0);
  bool ld_full = false;  // the page's blocks repeat (nearly) all of articleBody
  if (ld_body.size() >= 200) {
    // Compared loosely: ASCII letters and digits only, so that quotes, dashes
    // and spacing that differ between the markup and the JSON do not matter.
    auto loose = [](std::string_view t, std::size_t limit) {
      std::string out;
      for (char c : t) {
        if (is_ascii_alpha(static_cast<unsigned char>(c)) || is_ascii_digit(static_cast<unsigned char>(c)))
          out += ascii_lower(c);
        if (out.size() >= limit) break;
      }
      return out;
    };
    const std::string body = loose(ld_body, std::string::npos);
    std::size_t matched_loose = 0;
    std::string raw_body;
    normalise_line(collapse_spaces(ld_body), options.normalise, raw_body);
    for (std::size_t i = 0; i < nb; ++i) {
      const std::string& t = page.blocks[i].text;
      if (t.size() < 30) continue;
      const std::string key = loose(t, 40);
      if (key.size() >= 20) {
        if (body.find(key) != std::string::npos) {
          in_ld[i] = 1;
          matched_loose += loose(t, std::string::npos).size();
        }
        continue;
      }
      std::size_t len = std::min<std::size_t>(t.size(), 48);
      while (len < t.size() && (static_cast<unsigned char>(t[len]) & 0xC0) == 0x80) ++len;
      if (raw_body.find(std::string_view(t).substr(0, len)) != std::string::npos) in_ld[i] = 1;
    }
    ld_full = body.size() >= 200 && matched_loose >= 0.9 * body.size();
  }

  // Prose per subtree, to weigh boilerplate tokens.
  std::vector<char>& prose = model->prose;
  prose.assign(nb, 0);
  for (std::size_t i = 0; i < nb; ++i) {
    prose[i] = is_prose_block(page.blocks[i]);
    if (prose[i]) nodes[owner[i]].prose += page.blocks[i].chars;
    nodes[owner[i]].chars += page.blocks[i].chars;
  }
  for (std::size_t k = nodes.size(); k-- > 1;) {
    if (nodes[k].parent < 0) continue;
    nodes[nodes[k].parent].prose += nodes[k].prose;
    nodes[nodes[k].parent].chars += nodes[k].chars;
  }
  const double total_prose = nodes[0].prose;
  // A boilerplate token on a container holding a third of the page's prose
  // is not believed. A sure one (comments: a long thread can outweigh the
  // article) yields only when the container holds nearly all of it: taken
  // for chrome, it would leave the page without an article (a post that a
  // site marks up as its "newsletter", say).
  for (auto& n : nodes)
    if (n.boiler >= 0 &&
        (n.content || (total_prose > 0 && n.prose >= kSureYields * total_prose) ||
         (!n.sure && ((total_prose > 0 && n.prose >= 0.3 * total_prose) ||
                      (n.prose >= 400 && n.prose >= 0.7 * n.chars))))) {
      if (!n.content) {
        n.panel = n.boiler;
        n.panel_what = n.boiler_what;
        n.lifted = true;
      }
      n.boiler = -1;
    }

  // Likewise for hiding: pages hide their whole body until a script runs,
  // and an accordion (a FAQ's answers, "read more") hides prose that the
  // reader opens with a click. Menus and modals are not made of prose.
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    Node& n = nodes[k];
    if (n.hidden && ((total_prose > 0 && n.prose >= 0.3 * total_prose) ||
                     (n.prose >= kHiddenProseChars && n.prose >= 0.7 * n.chars)))
      n.hidden = false;
    if (n.parent >= 0 && nodes[n.parent].hidden) n.hidden = true;
  }

  // Nearest boilerplate ancestor of each node (pre-order: parents first).
  std::vector<int>& boiler_anc = model->boiler_anc;
  boiler_anc.assign(nodes.size(), -1);
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const int p = nodes[k].parent;
    boiler_anc[k] = nodes[k].boiler >= 0 ? static_cast<int>(k) : (p >= 0 ? boiler_anc[p] : -1);
  }

  // Value of each block for the choice of the article root, and the prose
  // that no boilerplate word or hiding takes.
  for (std::size_t i = 0; i < nb; ++i) {
    const Block& b = page.blocks[i];
    Node& n = nodes[owner[i]];
    double v;
    if (n.hidden) v = 0;
    else if (in_ld[i]) v = 2.0 * b.chars;
    else if (boiler_anc[owner[i]] >= 0) v = -1.0 * b.chars;
    else if (prose[i] && ld_full) v = 0;  // the JSON-LD says it is not article text
    else if (prose[i]) v = b.chars * (1.0 - b.link_density);
    else if (b.link_density > 0.5f) v = -1.0 * b.chars;
    else if (b.words >= 6) v = 0.3 * b.chars * (1.0 - b.link_density);
    else v = -0.25 * b.chars;
    n.value += v;
    if (prose[i] && !n.hidden && boiler_anc[owner[i]] < 0) n.clean_prose += b.chars;
  }
  for (std::size_t k = nodes.size(); k-- > 1;) {
    const int p = nodes[k].parent;
    if (p < 0) continue;
    nodes[p].value += nodes[k].value;
    nodes[p].clean_prose += nodes[k].clean_prose;
  }

  {
    std::vector<std::string> titles;
    for (const std::string* t : {&pre.meta.og_title, &pre.meta.title}) {
      std::string norm_title;
      normalise_line(*t, options.normalise, norm_title);
      if (!norm_title.empty()) titles.push_back(std::move(norm_title));
    }
    model->title_block = title_block(page.blocks, owner, nodes, boiler_anc, titles, &model->title_part_only);
  }
  model->has_ld_body = ld_body.size() >= 200;
  model->headline = options.headline;
  model->describe = options.describe;
  model->vocabulary = compiled;
  model->set_aside.assign(nodes.size(), 0);
  page.model = model;
  apply_choice(page, *model);
  return page;
}

namespace {

// The block's place in the markup, for --explain and for rules on classes,
// ids and roles: the path of element names down to its owner `o`, and the
// classes, ids and role of the owner and its ancestors inside the article.
void describe_block(Block& b, const std::vector<Node>& nodes, int o, const std::vector<char>& in_root,
                    const std::vector<char>& top, std::vector<int>& chain) {
  std::string path;
  chain.clear();
  for (int k = o; k >= 0; k = nodes[k].parent) chain.push_back(k);
  const std::size_t shown = std::min<std::size_t>(chain.size(), 24);
  if (chain.size() > shown) path = "...>";
  for (std::size_t c = shown; c-- > 0;) {
    path += nodes[chain[c]].name;
    if (c) path += '>';
  }
  b.path = std::move(path);
  b.classes.clear();
  b.ids.clear();
  b.role.clear();
  for (int k : chain) {
    if (!in_root[o] || top[k]) break;  // only what lies inside the article tells about it
    const Node& n = nodes[k];
    for_each_name(n.classes(), [&](std::string_view c) { add_token(b.classes, c); });
    for_each_name(n.ids(), [&](std::string_view c) { add_token(b.ids, c); });
    if (b.role.empty() && !n.role().empty()) b.role = std::string(n.role());
  }
}

}  // namespace

void apply_choice(HtmlPage& page, PageModel& m) {
  const std::vector<Node>& nodes = m.nodes;
  const std::vector<int>& owner = m.owner;
  const std::vector<char>& prose = m.prose;
  const std::vector<char>& in_ld = m.in_ld;
  const std::size_t nb = page.blocks.size();
  const CompiledVocabulary& voc = *m.vocabulary;
  Choice choice = choose_article(m, page.blocks, voc.tokens);
  const int root = choice.root;
  m.root = root;
  page.candidates = std::move(choice.candidates);

  // The article's region: the root, the containers that joined it, and the
  // blocks of its lead.
  std::vector<char> top(nodes.size(), 0);  // root or joined: where the article's tokens stop
  top[root] = 1;
  for (int j : choice.joined) top[j] = 1;
  std::vector<char> in_root(nodes.size(), 0);
  for (std::size_t k = 0; k < nodes.size(); ++k)
    in_root[k] = top[k] || (nodes[k].parent >= 0 && in_root[nodes[k].parent]);
  std::vector<char> lead(nb, 0);
  for (std::size_t i : choice.lead) lead[i] = 1;

  // When the JSON-LD articleBody repeats nearly all the prose of the root, it is
  // the article's own account of its text: prose it leaves out is not article.
  bool ld_complete = false;
  if (m.has_ld_body) {
    double matched = 0, all = 0;
    for (std::size_t i = 0; i < nb; ++i) {
      if (!prose[i] || !in_root[owner[i]]) continue;
      all += page.blocks[i].chars;
      if (in_ld[i]) matched += page.blocks[i].chars;
    }
    ld_complete = all > 0 && matched >= 0.9 * all;
  }

  std::size_t first_ld = nb;  // the first block of the region that repeats the JSON-LD articleBody
  for (std::size_t i = 0; i < nb; ++i)
    if (in_ld[i] && in_root[owner[i]]) {
      first_ld = i;
      break;
    }
  // A heading over prose of the article: the next block is prose with few links.
  auto heads_prose = [&](std::size_t i) {
    return page.blocks[i].kind == BlockKind::Heading && i + 1 < nb && in_root[owner[i + 1]] && prose[i + 1] &&
           page.blocks[i + 1].link_density < 0.3f;
  };
  // Verdicts of the extractor, and the DOM description of each block.
  page.dropped.assign(nb, std::string());
  page.detail.assign(nb, std::string());
  bool lead_seen = false;
  std::vector<int> chain;
  for (std::size_t i = 0; i < nb; ++i) {
    Block& b = page.blocks[i];
    const int o = owner[i];
    const bool inside = in_root[o] || lead[i];
    b.hidden = nodes[o].hidden;
    // Tokens of the block and its ancestors, up to the article root (excluded).
    if (m.describe) describe_block(b, nodes, o, in_root, top, chain);

    if (!inside) {
      page.dropped[i] = "html/outside-article";
      continue;
    }
    if (b.hidden) {
      page.dropped[i] = "html/hidden";
      continue;
    }
    const int ba = m.boiler_anc[o];
    if (ba >= 0 && in_root[ba] && !top[ba] && !in_ld[i]) {
      page.dropped[i] = voc.tokens[nodes[ba].boiler].rule_id;
      page.detail[i] = nodes[ba].boiler_what;
      continue;
    }
    if (b.kind == BlockKind::Heading && nodes[o].tag == GUMBO_TAG_H1 && !m.headline) {
      page.dropped[i] = "html/headline";
      continue;
    }
    // A lead before the first block that the articleBody repeats stays:
    // sites leave the standfirst out of articleBody (it is the description).
    if (ld_complete && prose[i] && !in_ld[i] && i > first_ld) {
      page.dropped[i] = "html/not-in-json-ld";
      continue;
    }
    if (prose[i] && !lead_seen) {
      lead_seen = true;
      continue;
    }
    // The headline often links to the article's own address, and a
    // subheading to its section or its source.
    if (b.link_density > 0.5f && !in_ld[i] && b.words < 40 && static_cast<int>(i) != m.title_block && !heads_prose(i)) {
      page.dropped[i] = "html/link-density";
      continue;
    }
  }
}

bool choose_again(HtmlPage& page, const std::string& why) {
  if (!page.model || page.blocks.empty()) return false;
  PageModel& m = *page.model;
  if (m.root <= 0 || m.nodes[m.root].tag == GUMBO_TAG_BODY) return false;  // the whole page was the choice
  const int first = m.root;
  m.set_aside[first] = 1;
  m.set_aside_order.push_back(first);
  apply_choice(page, m);
  page.candidates.insert(page.candidates.begin() + 1, describe(m.nodes[first]) + ": set aside after the rules, " + why);
  return true;
}

void undo_choose_again(HtmlPage& page) {
  if (!page.model || page.model->set_aside_order.empty()) return;
  PageModel& m = *page.model;
  m.set_aside[m.set_aside_order.back()] = 0;
  m.set_aside_order.pop_back();
  apply_choice(page, m);
}

// ---------------------------------------------------------------- tree

bool is_ancestor(const std::vector<Node>& nodes, int anc, int n) {
  while (n >= 0) {
    if (n == anc) return true;
    n = nodes[n].parent;
  }
  return false;
}

int common_ancestor(const std::vector<Node>& nodes, int a, int b) {
  std::unordered_set<int> up;
  for (int k = a; k >= 0; k = nodes[k].parent) up.insert(k);
  for (int k = b; k >= 0; k = nodes[k].parent)
    if (up.count(k)) return k;
  return 0;
}

int depth_below(const std::vector<Node>& nodes, int k, int anc) {
  int d = 0;
  for (; k >= 0 && k != anc; k = nodes[k].parent) ++d;
  return d;
}

std::string describe(const Node& n) {
  std::string d = n.name;
  std::string_view first;
  for_each_name(n.ids(), [&](std::string_view name) { if (first.empty()) first = name; });
  if (!first.empty()) d += "#" + std::string(first);
  first = {};
  for_each_name(n.classes(), [&](std::string_view name) { if (first.empty()) first = name; });
  if (!first.empty()) d += "." + std::string(first);
  return d;
}

}  // namespace newsclean::html
