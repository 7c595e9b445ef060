#include "html/choose.h"

#include <algorithm>
#include <cstdio>

namespace newsclean::html {

namespace {

// Share of the page's prose an article-marked ancestor of the choice must
// hold to be taken instead.
constexpr double kContentAncestorProse = 0.6;
// An ancestor holding this many times the choice's prose is the article.
constexpr double kWiderProse = 3;
// Prose (in characters) above which a container is not a site's blurb.
constexpr double kPanelProse = 2000;
// The same for a boilerplate container (footer, sidebar) whose word was not
// believed for the prose it holds.
constexpr double kBoilerPanelProse = 2500;
// ... and against such a container, the share of its prose that a titled
// container must hold to be taken whatever the size of the panel.
constexpr double kTitledOverBoilerPanel = 0.1;
// A choice that holds the title and a boilerplate panel with this share of
// its prose is narrowed to the title's own container.
constexpr double kNarrowPanelShare = 0.6;
// A titled container with this share of the choice's prose holds
// comparable prose.
constexpr double kComparableProse = 0.5;
// A titled container that holds a whole article (this much prose, this
// share of the choice's) wins over a choice that follows it.
constexpr double kTitledArticleProse = 1000;
constexpr double kTitledArticleShare = 0.2;
// How far below their common ancestor two containers may stand to be read
// as the two halves of one article.
constexpr int kKinDepth = 3;
// A choice with less than this share of the page's prose, on a page with
// at least kFallbackProse characters of it, gives way to the container of
// most of it (kFallbackHolds), unless the title heads a short post.
constexpr double kFallbackShare = 0.3;
constexpr double kFallbackProse = 800;
constexpr double kFallbackHolds = 0.7;
constexpr double kTitledPostProse = 150;
// A sibling container that weighs a fifth of the choice joins it.
constexpr double kSiblingShare = 0.2;
// Blocks that may stand between the title and the chosen container for the
// ones between to be read as the article's lead.
constexpr std::size_t kLeadGap = 12;

// The container that a title heading heads: its lowest ancestor that holds
// prose or some text besides the heading, below `stop` (excluded).
int titled_container(const std::vector<Node>& nodes, int heading, int stop) {
  const double heading_chars = nodes[heading].chars;
  for (int a = nodes[heading].parent; a >= 0 && a != stop; a = nodes[a].parent)
    if (nodes[a].prose > 0 || nodes[a].chars - heading_chars >= 40) return a;
  return -1;  // a heading alone: a site's name in its masthead
}

// The first and last block of each subtree, -1 when it owns none.
struct Span {
  int first = -1, last = -1;
};

// True when the blocks of `next` begin right where those of `lead` end, with
// no more than a few lines and no heading between, and the two are close
// kin: one article split over two sibling containers, its headline and lead
// in one, its body in the next.
bool continues(const std::vector<Block>& blocks, const std::vector<Node>& nodes, const std::vector<Span>& span,
               int lead, int next) {
  const int lca = common_ancestor(nodes, lead, next);
  if (depth_below(nodes, lead, lca) > kKinDepth || depth_below(nodes, next, lca) > kKinDepth) return false;
  const int last_lead = span[lead].last, first_next = span[next].first;
  if (last_lead < 0 || first_next < 0 || first_next < last_lead) return false;
  if (first_next - last_lead > 4) return false;
  for (int i = last_lead + 1; i < first_next; ++i)
    if (blocks[i].kind == BlockKind::Heading) return false;
  return true;
}

// The strongest panel on the way from `k` up to `stop` (excluded): the node,
// or -1, and how sure (2 a boilerplate word outweighed by prose, 1 a panel
// word).
int panel_on_path(const std::vector<Node>& nodes, int k, int stop, int* strength) {
  int found = -1;
  *strength = 0;
  for (; k >= 0 && k != stop; k = nodes[k].parent) {
    if (nodes[k].panel < 0) continue;
    const int st = nodes[k].lifted ? 2 : 1;
    if (st > *strength) {
      *strength = st;
      found = k;
    }
  }
  return found;
}

// The words of the page's own chrome: footers, sidebars, menus (their tags,
// roles and class names), not the words for a share bar or an ad slot that
// sites also put on the article's own container.
bool page_chrome(const std::string& rule_id) {
  return rule_id == "markup/navigation" || rule_id == "markup/chrome-tag" || rule_id == "markup/chrome-role";
}

std::string figures(double value, double prose) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "value %.0f, prose %.0f chars", value, prose);
  return buf;
}

std::string block_number(int i) { return "block #" + std::to_string(i + 1); }

}  // namespace

Choice choose_article(const PageModel& m, const std::vector<Block>& blocks, const std::vector<MarkupToken>& tokens) {
  const std::vector<Node>& nodes = m.nodes;
  const std::size_t nn = nodes.size();
  Choice c;
  if (nn == 0) return c;

  // Value and clean prose of each subtree, without the containers set aside
  // before; what stands inside those is never chosen.
  std::vector<double> value(nn), cprose(nn);
  std::vector<char> out(nn, 0);
  for (std::size_t k = 0; k < nn; ++k) {
    value[k] = nodes[k].value;
    cprose[k] = nodes[k].clean_prose;
  }
  bool any_set_aside = false;
  for (std::size_t k = 0; k < nn; ++k) {
    const int p = nodes[k].parent;
    out[k] = (k < m.set_aside.size() && m.set_aside[k]) || (p >= 0 && out[p]);
    if (k < m.set_aside.size() && m.set_aside[k] && !(p >= 0 && out[p])) {
      any_set_aside = true;
      for (int a = p; a >= 0; a = nodes[a].parent) {
        value[a] -= nodes[k].value;
        cprose[a] -= nodes[k].clean_prose;
      }
    }
  }
  std::vector<Span> span(nn);
  for (std::size_t i = 0; i < m.owner.size(); ++i) {
    Span& s = span[m.owner[i]];
    if (s.first < 0) s.first = static_cast<int>(i);
    s.last = static_cast<int>(i);
  }
  for (std::size_t k = nn; k-- > 1;) {  // children after their parent: bottom-up in reverse
    const int p = nodes[k].parent;
    if (p < 0 || span[k].first < 0) continue;
    if (span[p].first < 0 || span[k].first < span[p].first) span[p].first = span[k].first;
    span[p].last = std::max(span[p].last, span[k].last);
  }
  auto fig = [&](int k) { return figures(value[k], nodes[k].prose); };
  std::vector<std::string> notes;  // what was weighed, after the winner's line

  // The most article-like text.
  int root = 0;
  double best = -1e300;
  for (std::size_t k = 0; k < nn; ++k) {
    if (out[k] || (value[k] <= 0 && k != 0)) continue;
    double s = value[k];
    if (nodes[k].article_body) s *= 1.15;
    else if (nodes[k].content) s *= 1.1;
    if (s >= best) {  // pre-order: on a tie the deeper node
      best = s;
      root = static_cast<int>(k);
    }
  }
  if (value[root] <= 0) root = 0;
  std::string why = any_set_aside ? "the most article-like text once the first choice was set aside"
                                  : "the most article-like text";
  // A listing page (ranked products, profiles) can make one of its items the
  // densest subtree. When an ancestor that the markup calls the article
  // (article, main, articleBody, a content class) holds most of the page's
  // prose and at least twice the prose of the choice, the article is that
  // ancestor: its chrome is for the vocabulary and the rules to take.
  for (int k = nodes[root].parent; k >= 0; k = nodes[k].parent) {
    const Node& a = nodes[k];
    if (!a.content) continue;
    if (!out[k] && a.prose >= kContentAncestorProse * nodes[0].prose && a.prose >= 2 * nodes[root].prose) {
      notes.push_back(describe(nodes[root]) + ": weighed, one item of an article-marked container; " + fig(root));
      root = k;
      why = "an article-marked container holding most of the page's prose";
    }
    break;
  }
  // Wider: an ancestor holding three times the prose (below <body>, above no
  // boilerplate word). The choice was one paragraph of many, or one of the
  // sibling boxes a page builder puts each paragraph in.
  {
    int cur = root;
    for (int a = nodes[root].parent; a > 0 && nodes[a].tag != GUMBO_TAG_BODY; a = nodes[a].parent) {
      if (nodes[a].boiler >= 0 || out[a]) break;
      if (cprose[a] >= kWiderProse * cprose[cur]) cur = a;
    }
    if (cur != root) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0f", cprose[cur] / std::max(1.0, cprose[root]));
      notes.push_back(describe(nodes[root]) + ": weighed, a part of a container with " + buf + " times its prose; " +
                      fig(root));
      root = cur;
      why = "the container of the article's parts";
    }
  }

  // The title's evidence. A short article loses on prose to a site's blurb:
  // a profile or "about this blog" widget, a disclaimer in the footer. When
  // the choice stands in a panel (a panel word, or a boilerplate word
  // outweighed only by the blurb's prose) and the page's title heads another
  // container, the article is that container.
  const int tb = m.title_block;
  int split_head = -1;   // the titled first part of an article the choice continues
  bool narrowed = false;  // the title's container was taken out of a panel's prose
  std::vector<int> rejected;  // containers this choice set aside: never joined back
  const int tb_owner = tb >= 0 ? m.owner[tb] : -1;
  if (tb >= 0 && !is_ancestor(nodes, root, tb_owner)) {
    const int lca = common_ancestor(nodes, tb_owner, root);
    const int titled = titled_container(nodes, tb_owner, lca);
    int panel_strength = 0, titled_strength = 0;
    const int panel = panel_on_path(nodes, root, lca, &panel_strength);
    if (titled >= 0) panel_on_path(nodes, titled, lca, &titled_strength);
    const std::string title_ref = block_number(tb);
    if (titled < 0 || out[titled]) {
      notes.push_back(title_ref + ": repeats the page's title, but heads no text of its own");
    } else {
      // A blurb is short; and a body that begins right after the title is
      // the article that title heads, split over two containers.
      const bool follows_title = continues(blocks, nodes, span, titled, root);
      const double blurb_size =
          (panel_strength >= 2 ? kBoilerPanelProse : kPanelProse) / (m.title_part_only ? 2 : 1);
      const double tp = nodes[titled].prose, rp = nodes[root].prose;
      const bool in_panel = panel_strength > 0 && panel_strength >= titled_strength;
      // A boilerplate word (footer, sidebar) believed only for the prose
      // under it loses to a titled container with a tenth of that prose.
      const bool panel_loses = in_panel && (rp <= blurb_size || (panel_strength >= 2 && titled_strength < 2 && tp >= 100 &&
                                                                  tp >= kTitledOverBoilerPanel * rp));
      const bool comparable = tp >= 100 && tp >= kComparableProse * rp;
      // A whole article under the title, and the choice after it: a thread
      // of comments or a list of teasers that outweighs the article.
      const bool article_before = tp >= kTitledArticleProse && tp >= kTitledArticleShare * rp &&
                                  span[titled].last >= 0 && span[root].first > span[titled].last;
      const std::string titled_why = "headed by the page's title (" + title_ref + ")";
      if (!follows_title && (panel_loses || comparable || article_before)) {
        std::string reason;
        if (panel_loses)
          reason = "stands in a panel (" + nodes[panel].panel_what + ", " + tokens[nodes[panel].panel].rule_id + ")";
        else if (comparable)
          reason = "the container under the page's title holds comparable prose";
        else
          reason = "comes after the article under the page's title";
        notes.push_back(describe(nodes[root]) + ": set aside, " + reason + "; " + fig(root));
        rejected.push_back(root);
        root = titled;
        why = titled_why;
      } else if (follows_title) {
        // One article split in two: its head and first part under the
        // title, the rest in the choice. Both are the article.
        split_head = titled;
        notes.push_back(describe(nodes[titled]) + ": joined, " + titled_why +
                        ", and the choice continues it (an article split in two); " + fig(titled));
      } else {
        const char* kept = !in_panel ? "the choice stands in no more of a panel"
                                     : "the choice holds too much prose for a blurb";
        notes.push_back(describe(nodes[titled]) + ": weighed, " + titled_why + ", not taken: " + kept + "; " +
                        fig(titled));
      }
    }
  } else if (tb >= 0) {
    // The title inside the choice, and most of the choice's prose in a
    // footer, sidebar or menu believed only for that prose (a disclaimer, a
    // profile) beside the title's own container, which holds prose too:
    // the article is the titled container, however short.
    int panel = -1;
    for (std::size_t k = root + 1; k < nn && is_ancestor(nodes, root, static_cast<int>(k)); ++k) {
      if (!nodes[k].lifted || out[k] || is_ancestor(nodes, static_cast<int>(k), tb_owner)) continue;
      if (!page_chrome(tokens[nodes[k].panel].rule_id)) continue;
      if (nodes[k].prose >= kNarrowPanelShare * nodes[root].prose) {
        panel = static_cast<int>(k);
        break;
      }
    }
    const int titled = panel >= 0 ? titled_container(nodes, tb_owner, root) : -1;
    if (titled >= 0 && !is_ancestor(nodes, titled, panel) && nodes[titled].clean_prose > 0) {
      notes.push_back(describe(nodes[root]) + ": narrowed, most of its prose stands in a panel (" +
                      nodes[panel].panel_what + ", " + tokens[nodes[panel].panel].rule_id + "); " + fig(root));
      rejected.push_back(panel);
      root = titled;
      narrowed = true;
      why = "headed by the page's title (" + block_number(tb) + "), beside a panel";
    } else {
      why += ", headed by the page's title (" + block_number(tb) + ")";
    }
  }

  // Fallback: a choice holding little of the page's prose, with no title
  // over it, gives way to the smallest container of most of that prose.
  {
    const bool titled_post = tb >= 0 && is_ancestor(nodes, root, tb_owner) && cprose[root] >= kTitledPostProse;
    if (!titled_post && !narrowed && cprose[0] >= kFallbackProse && cprose[root] < kFallbackShare * cprose[0]) {
      int deep = 0;  // the nodes holding over half the prose form a chain: its last in pre-order
      for (std::size_t k = 0; k < nn; ++k)
        if (!out[k] && cprose[k] >= kFallbackHolds * cprose[0]) deep = static_cast<int>(k);
      if (deep != root) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * cprose[root] / cprose[0]);
        notes.push_back(describe(nodes[root]) + ": set aside, holds " + buf + " of the page's prose; " + fig(root));
        rejected.push_back(root);
        root = deep;
        why = "the container of most of the page's prose";
      }
    }
  }

  if (split_head >= 0 && !is_ancestor(nodes, root, split_head) && !is_ancestor(nodes, split_head, root))
    c.joined.push_back(split_head);
  // Siblings that weigh as article join the choice: the article's parts in
  // sibling boxes under a container that also holds chrome.
  const int parent = nodes[root].parent;
  if (parent > 0 && nodes[parent].tag != GUMBO_TAG_BODY && nodes[parent].boiler < 0) {
    std::vector<int> siblings;
    for (std::size_t k = parent + 1; k < nn; ++k) {
      const Node& s = nodes[k];
      if (s.parent != parent || static_cast<int>(k) == root || static_cast<int>(k) == split_head || out[k]) continue;
      if (s.boiler >= 0 || s.hidden || s.chars == 0) continue;
      if (std::any_of(rejected.begin(), rejected.end(), [&](int r) {
            return is_ancestor(nodes, static_cast<int>(k), r) || is_ancestor(nodes, r, static_cast<int>(k));
          }))
        continue;
      // A fifth of the choice's weight; or, for a choice of no weight (the
      // title's container alone), a sibling that continues it.
      const bool take = value[k] > 0 && (value[root] > 0 ? value[k] >= kSiblingShare * value[root]
                                                         : continues(blocks, nodes, span, root, static_cast<int>(k)));
      if (take) siblings.push_back(static_cast<int>(k));
    }
    if (!siblings.empty())
      notes.push_back(std::to_string(siblings.size()) + " sibling container" + (siblings.size() > 1 ? "s" : "") +
                      " of it (" + describe(nodes[siblings[0]]) + (siblings.size() > 1 ? ", ..." : "") +
                      "): joined, article beside it");
    c.joined.insert(c.joined.end(), siblings.begin(), siblings.end());
  }

  // The lead: the blocks between the title and the chosen container, when
  // few, that read as text (a standfirst in the article's header).
  auto in_region = [&](int k) {
    if (is_ancestor(nodes, root, k)) return true;
    for (int j : c.joined)
      if (is_ancestor(nodes, j, k)) return true;
    return false;
  };
  if (tb >= 0 && !in_region(tb_owner)) {
    int first = span[root].first;
    for (int j : c.joined)
      if (span[j].first >= 0 && (first < 0 || span[j].first < first)) first = span[j].first;
    if (first > tb && static_cast<std::size_t>(first - tb - 1) <= kLeadGap) {
      for (int i = tb + 1; i < first; ++i) {
        const Block& b = blocks[i];
        const int o = m.owner[i];
        if (nodes[o].hidden || m.boiler_anc[o] >= 0 || b.link_density > 0.3f) continue;
        if (m.prose[i] || b.words >= 12) c.lead.push_back(static_cast<std::size_t>(i));
      }
      if (!c.lead.empty())
        notes.push_back(block_number(static_cast<int>(c.lead[0])) + (c.lead.size() > 1 ? " and more" : "") +
                        ": joined, the lead between the page's title (" + block_number(tb) + ") and the article");
    }
  }

  c.root = root;
  c.candidates.push_back(describe(nodes[root]) + ": chosen, " + why + "; " + fig(root));
  for (auto& n : notes) c.candidates.push_back(std::move(n));
  return c;
}

}  // namespace newsclean::html
