#include "html/prepass.h"

#include "html/tags.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <unordered_map>
#include <utility>

#include "util/swar.h"
#include "util/utf8.h"

namespace newsclean::html {

namespace {

// What the pre-pass does with an element.
enum Kind : std::uint16_t {
  kOrdinary = 0,
  kVoid = 1 << 0,          // no end tag, never pushed
  kDropVoid = 1 << 1,      // void and not emitted (img, input, ...)
  kRawDrop = 1 << 2,       // raw text content, dropped (script, style)
  kSubtreeDrop = 1 << 3,   // markup content, dropped with the element (svg, template)
  kFormatting = 1 << 4,    // in the list of active formatting elements
  kClosesP = 1 << 5,       // its start tag closes an open <p>
  kScope = 1 << 6,         // end tags do not reach past it (table, td, ...)
  kTablePart = 1 << 7,     // tr, td, th, tbody, ...
  kHeading = 1 << 8,
  kListScope = 1 << 9,     // ul, ol, menu
  kMetaTag = 1 << 10,      // meta, link: read, not emitted
  kTransparent = 1 << 11,  // inline, says nothing without attributes: left out then
  kBlock = 1 << 12,        // a block boundary for the extractor's walk (html/tags.h)
};

const std::unordered_map<std::string_view, std::uint16_t>& kinds() {
  static const std::unordered_map<std::string_view, std::uint16_t> m = [] {
    std::unordered_map<std::string_view, std::uint16_t> k;
    for (const char* n : {"br", "hr", "col", "wbr"}) k[n] = kVoid;
    k["hr"] = kVoid | kClosesP;
    k["wbr"] = kVoid | kDropVoid;
    for (const char* n : {"area", "base", "embed", "img", "input", "keygen", "param", "source", "track", "image"})
      k[n] = kVoid | kDropVoid;
    for (const char* n : {"meta", "link"}) k[n] = kVoid | kDropVoid | kMetaTag;
    for (const char* n : {"script", "style", "noscript", "textarea", "xmp", "iframe", "noembed", "noframes", "title"})
      k[n] = kRawDrop;
    for (const char* n : {"template", "svg", "math", "select", "button", "canvas", "video", "audio", "object",
                          "picture", "map", "datalist", "dialog"})
      k[n] = kSubtreeDrop;
    for (const char* n : {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"})
      k[n] = kFormatting;
    for (const char* n : {"b", "big", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"})
      k[n] = kFormatting | kTransparent;
    for (const char* n : {"span", "abbr", "acronym", "bdi", "bdo", "cite", "data", "dfn", "ins", "del", "kbd", "label",
                          "mark", "q", "samp", "sub", "sup", "time", "var"})
      k[n] = kTransparent;
    for (const char* n : {"address", "article", "aside", "blockquote", "center", "details", "dir", "div", "dl",
                          "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "main", "nav",
                          "p", "section", "summary", "pre", "listing", "dd", "dt", "search"})
      k[n] = kClosesP;
    for (const char* n : {"ul", "ol", "menu"}) k[n] = kClosesP | kListScope;
    for (const char* n : {"h1", "h2", "h3", "h4", "h5", "h6"}) k[n] = kClosesP | kHeading;
    k["table"] = kClosesP | kScope;
    for (const char* n : {"td", "th", "caption"}) k[n] = kScope | kTablePart;
    for (const char* n : {"tr", "tbody", "thead", "tfoot", "colgroup"}) k[n] = kTablePart;
    k["html"] = kScope;
    k["marquee"] = kScope;
    k["applet"] = kScope;
    // Where the walk starts a new block: taken from the walk's own list, by
    // Gumbo's names (whose strings are static). Unknown names get no kBlock
    // here: leaving out an empty element after one must not rest on a guess.
    for (int t = 0; t < GUMBO_TAG_UNKNOWN; ++t)
      if (is_block_tag(static_cast<GumboTag>(t))) k[gumbo_normalized_tagname(static_cast<GumboTag>(t))] |= kBlock;
    return k;
  }();
  return m;
}

// Names to numbers, by open addressing over views of names kept elsewhere
// (they must outlive the index). Tag names are looked up at every tag of a
// page: this costs a third of std::unordered_map's hashing and probing.
class NameIndex {
 public:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  std::uint32_t find(std::string_view name) const {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = swar::lowercase_hash(name) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id == kNone) return kNone;
      if (s.name == name) return s.id;
    }
  }
  // `name` must not be in the index yet.
  void insert(std::string_view name, std::uint32_t id) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = swar::lowercase_hash(name) & mask;
    while (slots_[i].id != kNone) i = (i + 1) & mask;
    slots_[i] = Slot{name, id};
    ++used_;
  }
 private:
  struct Slot {
    std::string_view name;
    std::uint32_t id = kNone;
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    used_ = 0;
    for (const Slot& s : old)
      if (s.id != kNone) insert(s.name, s.id);
  }
  std::vector<Slot> slots_;  // a power of two of them, at most half used
  std::size_t used_ = 0;
};

// Tag names as small numbers, so that the pass compares and counts them
// without hashing or comparing strings at every tag: the known names (those
// with a kind, and those the pass asks about by name) are numbered once for
// all pages, 0 to known()-1 in a fixed order; any other name a page uses
// gets the next number for that page.
class TagNames {
 public:
  TagNames() = default;
  // The number of a lower-case name, given it if it has none yet.
  std::uint32_t id(std::string_view name) {
    const Known& k = known_table();
    if (const std::uint32_t id = k.ids.find(name); id != NameIndex::kNone) return id;
    if (const std::uint32_t id = extra_ids_.find(name); id != NameIndex::kNone) return id;
    const auto id = static_cast<std::uint32_t>(k.names.size() + extra_names_.size());
    extra_names_.emplace_back(name);
    extra_ids_.insert(extra_names_.back(), id);
    return id;
  }
  std::string_view name(std::uint32_t id) const {
    const Known& k = known_table();
    return id < k.names.size() ? std::string_view(k.names[id]) : std::string_view(extra_names_[id - k.names.size()]);
  }
  std::uint16_t kind(std::uint32_t id) const {
    const Known& k = known_table();
    return id < k.kinds.size() ? k.kinds[id] : static_cast<std::uint16_t>(kOrdinary);
  }
  static std::size_t known() { return known_table().names.size(); }
  // The number of a known name (NameIndex::kNone for any other).
  static std::uint32_t known_id(std::string_view name) { return known_table().ids.find(name); }

 private:
  struct Known {
    std::vector<std::string> names;
    std::vector<std::uint16_t> kinds;
    NameIndex ids;  // views of `names`
  };
  static const Known& known_table() {
    static const Known k = [] {
      Known t;
      std::vector<std::pair<std::string_view, std::uint16_t>> sorted(kinds().begin(), kinds().end());
      // Names the pass asks about by name (NameIds), with or without a kind.
      for (std::string_view n : {"p", "li", "dd", "dt", "a", "td", "th", "tr", "table", "br", "hr", "pre", "listing",
                                 "html", "body", "head", "title", "script", "meta", "link"})
        if (kinds().count(n) == 0) sorted.emplace_back(n, static_cast<std::uint16_t>(kOrdinary));
      std::sort(sorted.begin(), sorted.end());
      t.names.reserve(sorted.size());
      for (const auto& [name, kind] : sorted) {
        t.names.emplace_back(name);
        t.kinds.push_back(kind);
      }
      for (std::uint32_t i = 0; i < t.names.size(); ++i) t.ids.insert(t.names[i], i);
      return t;
    }();
    return k;
  }
  std::deque<std::string> extra_names_;  // this page's other names, by number - known(); they stay put
  NameIndex extra_ids_;                   // views of extra_names_
};

// The known names the pass asks about by name.
struct NameIds {
  std::uint32_t p, li, dd, dt, a, td, th, tr, table, br, hr, pre, listing, html, body, head, title, script, meta, link;
};
const NameIds& ids() {
  static const NameIds n{TagNames::known_id("p"),     TagNames::known_id("li"),     TagNames::known_id("dd"),
                         TagNames::known_id("dt"),    TagNames::known_id("a"),      TagNames::known_id("td"),
                         TagNames::known_id("th"),    TagNames::known_id("tr"),     TagNames::known_id("table"),
                         TagNames::known_id("br"),    TagNames::known_id("hr"),     TagNames::known_id("pre"),
                         TagNames::known_id("listing"), TagNames::known_id("html"), TagNames::known_id("body"),
                         TagNames::known_id("head"),  TagNames::known_id("title"),  TagNames::known_id("script"),
                         TagNames::known_id("meta"),  TagNames::known_id("link")};
  return n;
}


inline bool is_name_end(char c) {
  return c == '>' || c == '/' || is_ascii_space(static_cast<unsigned char>(c));
}

// Position of the '<' of the next "</name" (followed by a delimiter) at or
// after `from`, or npos.
std::size_t find_end_tag(std::string_view s, std::size_t from, std::string_view name) {
  while (from < s.size()) {
    const void* p = std::memchr(s.data() + from, '<', s.size() - from);
    if (!p) return std::string_view::npos;
    const std::size_t lt = static_cast<const char*>(p) - s.data();
    if (lt + 2 + name.size() <= s.size() && s[lt + 1] == '/') {
      std::size_t k = 0;
      while (k < name.size() && ascii_lower(s[lt + 2 + k]) == name[k]) ++k;
      if (k == name.size() && (lt + 2 + k == s.size() || is_name_end(s[lt + 2 + k]))) return lt;
    }
    from = lt + 1;
  }
  return std::string_view::npos;
}

// End of the element `name` whose start tag ended at `from`, counting nested
// elements of the same name: the position just after its end tag, or npos.
std::size_t find_matching_end(std::string_view s, std::size_t from, std::string_view name) {
  int depth = 1;
  while (from < s.size()) {
    const void* p = std::memchr(s.data() + from, '<', s.size() - from);
    if (!p) return std::string_view::npos;
    const std::size_t lt = static_cast<const char*>(p) - s.data();
    const bool end = lt + 1 < s.size() && s[lt + 1] == '/';
    const std::size_t n = lt + 1 + (end ? 1 : 0);
    if (n + name.size() <= s.size()) {
      std::size_t k = 0;
      while (k < name.size() && ascii_lower(s[n + k]) == name[k]) ++k;
      if (k == name.size() && (n + k == s.size() || is_name_end(s[n + k]))) {
        depth += end ? -1 : 1;
        if (depth == 0) {
          const std::size_t gt = s.find('>', n + k);
          return gt == std::string_view::npos ? s.size() : gt + 1;
        }
      }
    }
    from = lt + 1;
  }
  return std::string_view::npos;
}

struct Attr {
  std::string_view name;
  std::string_view lname;  // lower case: `name` itself, or Tag::lowered
  std::string_view value;
  bool has_value = false;
};

struct Tag {
  std::string name;      // lower case
  std::uint32_t id = 0;  // the name's number (TagNames)
  bool end = false;
  std::vector<Attr> attrs;
  std::size_t next = 0;  // position after '>'
  // Lower-case copies of the attribute names that have capitals (few do),
  // attrs[k] in lowered[k]; reused from tag to tag, so they rarely allocate.
  std::vector<std::string> lowered;
};

// Parses the tag at s[lt] == '<' (already known to start a tag). Attributes
// past `max_attrs` are scanned but not kept.
void parse_tag(std::string_view s, std::size_t lt, Tag& tag, unsigned max_attrs) {
  std::size_t i = lt + 1;
  tag.end = false;
  tag.attrs.clear();
  tag.name.clear();
  if (s[i] == '/') {
    tag.end = true;
    ++i;
  }
  while (i < s.size() && !is_name_end(s[i])) tag.name += ascii_lower(s[i++]);
  while (i < s.size()) {
    while (i < s.size() && (is_ascii_space(static_cast<unsigned char>(s[i])) || s[i] == '/')) ++i;
    if (i >= s.size()) break;
    if (s[i] == '>') {
      ++i;
      break;
    }
    const std::size_t ns = i;
    ++i;  // a name may start with '='
    while (i < s.size() && s[i] != '=' && s[i] != '>' && s[i] != '/' && !is_ascii_space(static_cast<unsigned char>(s[i]))) ++i;
    Attr a;
    a.name = s.substr(ns, i - ns);
    std::size_t j = i;
    while (j < s.size() && is_ascii_space(static_cast<unsigned char>(s[j]))) ++j;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && is_ascii_space(static_cast<unsigned char>(s[j]))) ++j;
      a.has_value = true;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        const char q = s[j];
        const std::size_t close = s.find(q, j + 1);
        const std::size_t e = close == std::string_view::npos ? s.size() : close;
        a.value = s.substr(j + 1, e - j - 1);
        i = e == s.size() ? e : e + 1;
      } else {
        const std::size_t vs = j;
        while (j < s.size() && s[j] != '>' && !is_ascii_space(static_cast<unsigned char>(s[j]))) ++j;
        a.value = s.substr(vs, j - vs);
        i = j;
      }
    }
    if (tag.attrs.size() < max_attrs) {
      a.lname = a.name;
      if (std::any_of(a.name.begin(), a.name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        // Sized once for all: growing it later would move the strings that
        // earlier attributes' views point into.
        if (tag.lowered.size() < max_attrs) tag.lowered.resize(max_attrs);
        std::string& low = tag.lowered[tag.attrs.size()];
        low.assign(a.name);
        for (char& c : low) c = ascii_lower(c);
        a.lname = low;
      }
      bool dup = false;
      for (const auto& b : tag.attrs) dup = dup || b.lname == a.lname;
      if (!dup) tag.attrs.push_back(a);
    }
  }
  tag.next = i;
}

const Attr* find_attr(const Tag& t, std::string_view name) {
  for (const auto& a : t.attrs)
    if (a.lname == name) return &a;
  return nullptr;
}

bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && ascii_lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// An inline style that hides the element.
bool style_hides(std::string_view style) {
  std::string compact;
  for (char c : style)
    if (!is_ascii_space(static_cast<unsigned char>(c))) compact += ascii_lower(c);
  return compact.find("display:none") != std::string::npos || compact.find("visibility:hidden") != std::string::npos;
}

// Text with each run of white space folded to one character ('\n' when the
// run holds one, so that <pre> keeps its lines).
// Returns whether `t` held anything but white space.
bool append_text(std::string& out, std::string_view t) {
  bool visible = false;
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t j = i;
    while (j < t.size() && !is_ascii_space(static_cast<unsigned char>(t[j]))) ++j;
    out.append(t.data() + i, j - i);
    visible = visible || j > i;
    if (j >= t.size()) break;
    bool newline = false;
    std::size_t k = j;
    while (k < t.size() && is_ascii_space(static_cast<unsigned char>(t[k]))) {
      if (t[k] == '\n') newline = true;
      ++k;
    }
    out += newline ? '\n' : ' ';
    i = k;
  }
  return visible;
}

struct Open {
  std::uint32_t name;  // TagNames number
  std::uint16_t kind;
  // Start tags dropped (over a limit) while this was the current element,
  // run-length coded by name: their end tags are dropped too.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> elided;
  // For leaving out an element that turns out empty: where its start tag
  // begins in the output, the content count then, and whether the output
  // before it ended at a block boundary.
  std::size_t out_start = 0;
  std::uint64_t content_at_start = 0, text_at_start = 0;
  bool after_boundary = false;
};

// An element that may be left out of the output when nothing visible stands
// in it: inline ones anywhere (their text would run on as before), block
// ones only right after a block boundary (which keeps the text around them
// apart as before). Tables and the document's skeleton stay as they are.
bool removable_when_empty(std::uint16_t kind, std::uint32_t name) {
  if (kind & (kScope | kTablePart)) return false;
  if (kind & (kTransparent | kFormatting)) return true;
  const NameIds& n = ids();
  return (kind & kBlock) && name != n.html && name != n.body && name != n.pre && name != n.listing;
}

class Bounder {
 public:
  Bounder(std::string& out, std::vector<ElementAttrs>& attrs, const PrepassLimits& limits,
          std::vector<std::string>& warnings, const TagNames& names)
      : out_(out), attrs_(attrs), limits_(limits), warnings_(warnings), names_(names) {}

  void start(const Tag& t, std::uint16_t kind) {
    const NameIds& n = ids();
    const std::uint32_t id = t.id;
    // Implicit closes, made explicit.
    if ((kind & kClosesP) && in_scope(n.p)) close_to(n.p);
    if (id == n.li && in_list_scope(n.li)) close_to(n.li);
    if ((id == n.dd || id == n.dt)) {
      if (in_scope(n.dd)) close_to(n.dd);
      else if (in_scope(n.dt)) close_to(n.dt);
    }
    if ((kind & kHeading) && !stack_.empty() && (stack_.back().kind & kHeading)) close_top();
    if (id == n.a && count(n.a) > 0 && in_scope(n.a)) close_to(n.a);
    if ((id == n.td || id == n.th) && in_scope_table(n.td)) close_to(n.td);
    if ((id == n.td || id == n.th) && in_scope_table(n.th)) close_to(n.th);
    if (id == n.tr && in_scope_table(n.tr)) close_to(n.tr);

    // Limits.
    const char* over = nullptr;
    if (tables_elided_ > 0 && (kind & kTablePart)) over = "";
    else if (stack_.size() >= limits_.max_depth) over = "nesting over the depth limit";
    else if ((kind & kFormatting) && formatting_ >= limits_.max_formatting) over = "too many open formatting elements";
    else if (id == n.table && tables_ >= limits_.max_tables) over = "tables nested too deep";
    if (over) {
      if (id == n.table) ++tables_elided_;
      if (*over) warn(over);
      elide(id);
      return;
    }
    const std::size_t out_start = out_.size();
    const bool after_boundary = at_boundary_;
    write_start(t);
    if (kind & kVoid) {
      if (id == n.br || id == n.hr) ++content_, ++text_;  // they part text: not empty
      if (kind & kBlock) at_boundary_ = true;
      return;
    }
    stack_.push_back(Open{id, kind, {}, out_start, content_, text_, after_boundary});
    if (id == n.pre || id == n.listing) ++in_pre_;
    at_boundary_ = (kind & kBlock) != 0;
    if (counts_.size() <= id) counts_.resize(id + 1, 0);
    ++counts_[id];
    if (kind & kFormatting) ++formatting_;
    if (id == n.table) ++tables_;
  }

  void end(const Tag& t, std::uint16_t kind) {
    const NameIds& n = ids();
    const std::uint32_t id = t.id;
    if (!stack_.empty()) {
      auto& el = stack_.back().elided;
      if (!el.empty() && el.back().first == id) {
        if (--el.back().second == 0) el.pop_back();
        if (id == n.table && tables_elided_ > 0) --tables_elided_;
        return;
      }
    } else if (!root_elided_.empty() && root_elided_.back().first == id) {
      if (--root_elided_.back().second == 0) root_elided_.pop_back();
      return;
    }
    if (id == n.table && tables_elided_ > 0) {
      --tables_elided_;
      return;
    }
    if (tables_elided_ > 0 && (kind & kTablePart)) return;
    if (kind & kVoid) {
      if (id == n.br) {
        out_ += "<br>";
        ++content_, ++text_;
      }
      return;
    }
    if (count(id) == 0) return;  // nothing to close: ignored, as a parser would
    const bool table_end = (kind & (kTablePart | kScope)) && id != n.html;
    if (!table_end && !in_scope(id)) return;
    close_to(id);
  }

  bool is_open(std::uint32_t name) const { return count(name) > 0; }
  bool in_pre() const { return in_pre_ > 0; }
  bool at_boundary() const { return at_boundary_; }

  // Text was written; `visible` when it held more than white space.
  void text(bool visible) {
    ++text_;
    if (!visible) return;
    ++content_;
    at_boundary_ = false;
  }

  void finish() {
    while (!stack_.empty()) close_top();
  }

 private:
  std::size_t count(std::uint32_t name) const { return name < counts_.size() ? counts_[name] : 0; }
  // Whether an open `name` stands above the nearest scope boundary.
  bool in_scope(std::uint32_t name) const {
    if (count(name) == 0) return false;
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (stack_[i].name == name) return true;
      if (stack_[i].kind & kScope) return false;
      if (stack_.size() - i > 64) return false;  // deep search: treat as out of scope
    }
    return false;
  }
  bool in_list_scope(std::uint32_t name) const {
    if (count(name) == 0) return false;
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (stack_[i].name == name) return true;
      if (stack_[i].kind & (kScope | kListScope)) return false;
      if (stack_.size() - i > 64) return false;
    }
    return false;
  }
  bool in_scope_table(std::uint32_t name) const {
    if (count(name) == 0) return false;
    const NameIds& n = ids();
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (stack_[i].name == name) return true;
      if (stack_[i].name == n.table || stack_[i].name == n.html) return false;
      if (stack_.size() - i > 64) return false;
    }
    return false;
  }
  void close_top() {
    const NameIds& n = ids();
    Open& o = stack_.back();
    // Nothing visible in it: it only costs the parser time, so it goes,
    // when taking it out leaves the text around it as it was.
    // (An inline element keeps even white space: it may be the only space
    // between two words. Inside <pre> every element stays.)
    if (o.name == n.pre || o.name == n.listing) --in_pre_;
    const bool block = (o.kind & kBlock) != 0;
    if (in_pre_ == 0 && removable_when_empty(o.kind, o.name) &&
        (block ? o.content_at_start == content_ && o.after_boundary : o.text_at_start == text_)) {
      out_.resize(o.out_start);
      at_boundary_ = o.after_boundary;
    } else {
      out_ += "</";
      out_ += names_.name(o.name);
      out_ += '>';
      at_boundary_ = (o.kind & kBlock) != 0;
    }
    --counts_[o.name];
    if (o.kind & kFormatting) --formatting_;
    if (o.name == n.table) --tables_;
    stack_.pop_back();
  }
  void close_to(std::uint32_t name) {
    while (!stack_.empty()) {
      const bool last = stack_.back().name == name;
      close_top();
      if (last) break;
    }
  }
  void elide(std::uint32_t name) {
    auto& el = stack_.empty() ? root_elided_ : stack_.back().elided;
    if (!el.empty() && el.back().first == name) ++el.back().second;
    else el.emplace_back(name, 1);
  }
  void write_start(const Tag& t) {
    out_ += '<';
    out_ += t.name;
    ElementAttrs ea;
    bool any = false;
    for (const auto& a : t.attrs) {
      const std::string_view n = a.lname;
      if (n == "class") {
        ea.classes.assign(a.value.substr(0, 1024));
        any = any || !a.value.empty();
      } else if (n == "id") {
        ea.ids.assign(a.value.substr(0, 256));
        any = any || !a.value.empty();
      } else if (n == "role") {
        ea.role = ascii_lowercase(trim(a.value.substr(0, 64)));
        any = any || !ea.role.empty();
      } else if (n == "itemprop") {
        if (contains_ci(a.value, "articlebody")) ea.article_body = any = true;
      } else if (n == "hidden") {
        ea.hidden = any = true;
      } else if (n == "aria-hidden") {
        if (contains_ci(a.value, "true")) ea.hidden = any = true;
      } else if (n == "style") {
        if (style_hides(a.value)) ea.hidden = any = true;
      }
    }
    if (any) {
      out_ += " a=";
      out_ += std::to_string(attrs_.size());
      attrs_.push_back(std::move(ea));
    }
    out_ += '>';
  }
  void warn(const char* what) {
    for (const auto& w : warnings_)
      if (w.find(what) != std::string::npos) return;
    warnings_.push_back(std::string("page reduced: ") + what + " (limits: depth " + std::to_string(limits_.max_depth) +
                        ", formatting " + std::to_string(limits_.max_formatting) + ", tables " +
                        std::to_string(limits_.max_tables) + ")");
  }

  std::string& out_;
  std::vector<ElementAttrs>& attrs_;
  const PrepassLimits& limits_;
  std::vector<std::string>& warnings_;
  std::vector<Open> stack_;
  const TagNames& names_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> root_elided_;
  std::vector<std::uint32_t> counts_;  // open elements by name number
  unsigned formatting_ = 0;
  unsigned tables_ = 0;
  unsigned tables_elided_ = 0;
  std::uint64_t content_ = 0;  // pieces of visible text written so far
  std::uint64_t text_ = 0;     // pieces of text, white space included
  unsigned in_pre_ = 0;        // open <pre> and <listing> elements
  bool at_boundary_ = true;    // nothing but white space since a block tag (or the start)
};

bool has_kept_attr(const Tag& t) {
  for (const auto& a : t.attrs) {
    const std::string_view n = a.lname;
    if (n == "class" || n == "id" || n == "role" || n == "itemprop" || n == "hidden" || n == "aria-hidden") return true;
    if (n == "style" && style_hides(a.value)) return true;
  }
  return false;
}

void read_meta(const Tag& t, PageMeta& meta) {
  const Attr* content = find_attr(t, "content");
  if (t.id == ids().meta && content) {
    const Attr* prop = find_attr(t, "property");
    if (!prop) prop = find_attr(t, "name");
    if (!prop) return;
    const std::string p = ascii_lowercase(prop->value);
    if (p == "og:title" && meta.og_title.empty()) meta.og_title = std::string(content->value);
    else if (p == "og:url" && meta.og_url.empty()) meta.og_url = std::string(content->value);
  } else if (t.id == ids().link) {
    const Attr* rel = find_attr(t, "rel");
    const Attr* href = find_attr(t, "href");
    if (rel && href && ascii_lowercase(trim(rel->value)) == "canonical" && meta.canonical.empty())
      meta.canonical = std::string(trim(href->value));
  }
}

// True when Gumbo passes every character of `run` through as it is: valid
// UTF-8, and none of the code points its input stream replaces with U+FFFD
// (C0 and C1 controls but the white space, noncharacters).
bool gumbo_keeps(std::string_view run) {
  std::size_t i = 0;
  while (i < run.size()) {
    const auto c = static_cast<unsigned char>(run[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != ' ') || c == 0x7F) return false;
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = decode_utf8_at(run, i);
    if (cp == 0xFFFD && i - start != 3) return false;  // an invalid sequence
    if (cp <= 0x9F || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return false;
  }
  return true;
}

// The named character references decoded here: the common ones of news
// pages, each with its code point in HTML5's table. Any other name leaves
// its run to Gumbo.
char32_t named_reference(std::string_view name) {
  struct Named {
    const char* name;
    char32_t cp;
  };
  static const Named kNamed[] = {
      {"amp", 0x26},      {"lt", 0x3C},       {"gt", 0x3E},       {"quot", 0x22},     {"apos", 0x27},
      {"nbsp", 0xA0},     {"rsquo", 0x2019},  {"lsquo", 0x2018},  {"ldquo", 0x201C},  {"rdquo", 0x201D},
      {"sbquo", 0x201A},  {"bdquo", 0x201E},  {"mdash", 0x2014},  {"ndash", 0x2013},  {"hellip", 0x2026},
      {"copy", 0xA9},     {"reg", 0xAE},      {"trade", 0x2122},  {"rarr", 0x2192},   {"larr", 0x2190},
      {"uarr", 0x2191},   {"darr", 0x2193},   {"rsaquo", 0x203A}, {"lsaquo", 0x2039}, {"middot", 0xB7},
      {"raquo", 0xBB},    {"laquo", 0xAB},    {"bull", 0x2022},   {"eacute", 0xE9},   {"Eacute", 0xC9},
      {"egrave", 0xE8},   {"ecirc", 0xEA},    {"aacute", 0xE1},   {"agrave", 0xE0},   {"acirc", 0xE2},
      {"iacute", 0xED},   {"icirc", 0xEE},    {"oacute", 0xF3},   {"ocirc", 0xF4},    {"uacute", 0xFA},
      {"ntilde", 0xF1},   {"ccedil", 0xE7},   {"auml", 0xE4},     {"ouml", 0xF6},     {"uuml", 0xFC},
      {"Auml", 0xC4},     {"Ouml", 0xD6},     {"Uuml", 0xDC},     {"szlig", 0xDF},    {"times", 0xD7},
      {"divide", 0xF7},   {"deg", 0xB0},      {"pound", 0xA3},    {"euro", 0x20AC},   {"yen", 0xA5},
      {"cent", 0xA2},     {"sect", 0xA7},     {"para", 0xB6},     {"thinsp", 0x2009}, {"ensp", 0x2002},
      {"emsp", 0x2003},   {"shy", 0xAD},      {"sdot", 0x22C5},   {"verbar", 0x7C},   {"dagger", 0x2020},
      {"prime", 0x2032},  {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},   {"iexcl", 0xA1},
      {"iquest", 0xBF},   {"ordm", 0xBA},     {"ordf", 0xAA},     {"plusmn", 0xB1},   {"micro", 0xB5},
      {"rtrif", 0x25B8},
  };
  for (const Named& n : kNamed)
    if (name == n.name) return n.cp;
  return 0;
}

// A code point a reference may stand for here: one that Gumbo gives as it
// is (no replacement, no Windows-1252 remapping of 0x80-0x9F, no control,
// surrogate or noncharacter) and that is not the placeholders' own plane.
bool plain_reference_target(char32_t cp) {
  return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFDCF) ||
         (cp >= 0xFDF0 && cp <= 0xFFFD);
}

// Writes `run` to `out` with its character references decoded as Gumbo
// decodes them in text: "&amp;", "&#8217;", "&#x27;", the names of
// named_reference, each ended by ';', and a bare '&' before anything that
// cannot start a reference ("Q & A"). False, with `out` undefined, for any
// other reference (no ';', another name, a code point Gumbo would replace):
// the run is then left to Gumbo.
bool decode_references(std::string_view run, std::string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < run.size()) {
    const std::size_t amp = run.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(run.substr(i));
      break;
    }
    out.append(run.substr(i, amp - i));
    std::size_t j = amp + 1;
    const unsigned char next = j < run.size() ? static_cast<unsigned char>(run[j]) : 0;
    if (next != '#' && !is_ascii_alpha(next) && !is_ascii_digit(next)) {
      out += '&';  // not a reference
      i = j;
      continue;
    }
    char32_t cp = 0;
    if (next == '#') {
      ++j;
      const bool hex = j < run.size() && (run[j] == 'x' || run[j] == 'X');
      if (hex) ++j;
      const std::size_t digits = j;
      while (j < run.size() && j - digits < 8) {
        const auto c = static_cast<unsigned char>(run[j]);
        int d = -1;
        if (is_ascii_digit(c)) d = c - '0';
        else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        if (d < 0) break;
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
        ++j;
      }
      if (j == digits || j >= run.size() || run[j] != ';') return false;
    } else {
      const std::size_t name = j;
      while (j < run.size() && j - name < 8 &&
             (is_ascii_alpha(static_cast<unsigned char>(run[j])) || is_ascii_digit(static_cast<unsigned char>(run[j]))))
        ++j;
      if (j >= run.size() || run[j] != ';') return false;
      cp = named_reference(run.substr(name, j - name));
    }
    if (!plain_reference_target(cp)) return false;
    append_utf8(out, cp);
    i = j + 1;
  }
  return true;
}

// Moves the run written at out[at...] into `runs` and writes its
// placeholder instead, when Gumbo would do nothing to the run but copy it
// (nothing it replaces, see gumbo_keeps) or decode references that
// decode_references decodes alike. Not for a run that decodes to white
// space only, which Gumbo's tree builder treats apart.
void to_placeholder(std::string& out, std::size_t at, TextRuns& runs, bool decode) {
  if (runs.ends.size() >= kMaxRuns) return;
  std::string_view run = std::string_view(out).substr(at);
  if (run.size() <= 4) return;  // no longer than its placeholder: nothing to gain
  thread_local std::string decoded;
  if (run.find('&') != std::string_view::npos) {
    if (!decode || !decode_references(run, decoded)) return;
    if (std::all_of(decoded.begin(), decoded.end(), [](char c) { return is_ascii_space(static_cast<unsigned char>(c)); }))
      return;
    run = decoded;
  }
  if (!gumbo_keeps(run)) return;
  runs.bytes.append(run);
  runs.ends.push_back(runs.bytes.size());
  const auto cp = static_cast<char32_t>(kFirstRunMark + runs.ends.size() - 1);
  out.resize(at);
  out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

}  // namespace

Prepassed prepass(std::string_view s, const PrepassLimits& limits) {
  Prepassed r;
  std::string& out = r.html;
  out.reserve(s.size() / 2 + 64);
  if (s.size() >= 3 && std::memcmp(s.data(), "\xEF\xBB\xBF", 3) == 0) s.remove_prefix(3);
  TagNames names;
  const NameIds& n = ids();
  Bounder b(out, r.attrs, limits, r.warnings, names);
  // Placeholders need a page without their mark in it (see TextRuns).
  const bool placeholders = s.find(kRunLead) == std::string_view::npos;
  // By name number (only known names have these kinds):
  std::vector<char> no_end(TagNames::known(), 0);  // names whose end tag search failed once
  // Per inline element name, the open ones in order: 1 kept, 0 left out.
  std::vector<std::vector<char>> transparent_open(TagNames::known());
  constexpr std::size_t kMaxTransparentOpen = 4096;  // deeper ones are not tracked (hostile input)
  // After <plaintext> Gumbo decodes no references (nor anything else).
  bool decode_references_here = true;
  // White space between a block tag (or the start) and the next tag, at
  // out[space_from, space_to): left out when that tag is a block tag too.
  // The walk starts a new block at both, so the space is no text's, and
  // Gumbo would make a node of it. (Outside <pre>; the Bounder has counted
  // it as it counts all text, so what it leaves out stays the same.)
  std::size_t space_from = std::string::npos, space_to = 0;
  Tag tag;
  std::size_t i = 0;
  while (i < s.size()) {
    const void* p = std::memchr(s.data() + i, '<', s.size() - i);
    const std::size_t lt = p ? static_cast<const char*>(p) - s.data() : s.size();
    if (lt > i) {
      const std::size_t at = out.size();
      const bool boundary = b.at_boundary() && !b.in_pre();
      const bool visible = append_text(out, s.substr(i, lt - i));
      b.text(visible);
      if (visible || !boundary) {
        space_from = std::string::npos;
      } else if (space_from == std::string::npos || space_to != at) {
        space_from = at;
      }
      space_to = out.size();
      if (visible && placeholders && !b.in_pre()) to_placeholder(out, at, r.runs, decode_references_here);
    }
    if (lt >= s.size()) break;
    i = lt;
    const char c1 = lt + 1 < s.size() ? s[lt + 1] : '\0';
    if (c1 == '!') {
      if (s.compare(lt, 4, "<!--") == 0) {
        const std::size_t e = s.find("-->", lt + 4);
        i = e == std::string_view::npos ? s.size() : e + 3;
      } else {
        const std::size_t e = s.find('>', lt + 2);
        i = e == std::string_view::npos ? s.size() : e + 1;
      }
      continue;
    }
    if (c1 == '?') {
      const std::size_t e = s.find('>', lt + 2);
      i = e == std::string_view::npos ? s.size() : e + 1;
      continue;
    }
    const bool is_end = c1 == '/';
    const char c2 = is_end ? (lt + 2 < s.size() ? s[lt + 2] : '\0') : c1;
    if (!is_ascii_alpha(static_cast<unsigned char>(c2))) {
      if (is_end) {  // "</>" or "</ junk>": a bogus comment
        const std::size_t e = s.find('>', lt + 2);
        i = e == std::string_view::npos ? s.size() : e + 1;
      } else {
        out += "&lt;";
        b.text(true);
        i = lt + 1;
      }
      continue;
    }
    parse_tag(s, lt, tag, limits.max_attributes);
    i = tag.next;
    tag.id = names.id(tag.name);
    if (!tag.end && tag.name == "plaintext") decode_references_here = false;
    const std::uint16_t kind = names.kind(tag.id);
    if (space_from != std::string::npos) {
      if ((kind & kBlock) && out.size() == space_to) out.resize(space_from);
      space_from = std::string::npos;
    }
    // An inline element with nothing to say (no class, id, role, hiding) only
    // costs Gumbo time: its text stays, the tags go, and so does its end tag.
    // Which end tag is its own is told by a stack per name of the open ones,
    // kept or left out: "<span class=k><span>a</span>" must not close the
    // kept span (and with it everything opened inside it) at the first
    // "</span>".
    if (kind & kTransparent) {
      auto& open = transparent_open[tag.id];
      if (!tag.end) {
        const bool kept = has_kept_attr(tag);
        if (open.size() < kMaxTransparentOpen) open.push_back(kept ? 1 : 0);
        if (!kept) continue;
      } else if (!open.empty()) {
        const bool kept = open.back() != 0;
        open.pop_back();
        if (!kept) continue;
      } else if (!b.is_open(tag.id)) {
        continue;
      }
    }
    if (tag.end) {
      if (kind & (kRawDrop | kSubtreeDrop | kDropVoid)) continue;
      b.end(tag, kind);
      continue;
    }
    if (kind & kMetaTag) {
      read_meta(tag, r.meta);
      continue;
    }
    if (kind & kDropVoid) continue;
    if (kind & kRawDrop) {
      const std::size_t e = find_end_tag(s, i, tag.name);
      const std::size_t content_end = e == std::string_view::npos ? s.size() : e;
      if (tag.id == n.title) {
        if (r.meta.title.empty()) r.meta.title = std::string(s.substr(i, std::min<std::size_t>(content_end - i, 2048)));
      } else if (tag.id == n.script) {
        const Attr* type = find_attr(tag, "type");
        if (type && contains_ci(type->value, "ld+json") && r.meta.json_ld.size() < 16)
          r.meta.json_ld.emplace_back(s.substr(i, content_end - i));
      }
      if (e == std::string_view::npos) {
        i = s.size();
      } else {
        const std::size_t gt = s.find('>', e);
        i = gt == std::string_view::npos ? s.size() : gt + 1;
      }
      continue;
    }
    if (kind & kSubtreeDrop) {
      char& failed = no_end[tag.id];
      if (!failed) {
        const std::size_t e = find_matching_end(s, i, tag.name);
        if (e != std::string_view::npos) {
          i = e;
          continue;
        }
        failed = true;
      }
      continue;  // no end tag: drop the start tag alone
    }
    if (tag.id == n.html) {
      const Attr* lang = find_attr(tag, "lang");
      if (lang && r.meta.lang.empty()) r.meta.lang = ascii_lowercase(lang->value.substr(0, 16));
      continue;
    }
    if (tag.id == n.head || tag.id == n.body) continue;
    b.start(tag, kind);
  }
  b.finish();
  return r;
}

}  // namespace newsclean::html
