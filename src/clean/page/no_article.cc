// boilerplate/no-article: a page with no article. Once the rules and the
// other heuristics have had their say, no line left ends like a sentence,
// and what is left holds a run of menu-like lines. Reader-mode extraction
// gives such text when it misses a page's article and returns its menus, a
// sale banner and the footer; a crawl gives it for a landing or shop page.
// A person wants nothing from it. Rules must have dropped something (a
// copyright line, a sign-up prompt): a bare list of titles that someone
// pastes on purpose stays. One sentence anywhere (a news brief of two
// lines) keeps it all.
#include "clean/page/boilerplate.h"
#include "clean/zones.h"

namespace newsclean {

namespace {
constexpr std::uint32_t kMenuRun = 4;
}  // namespace

void mark_no_article(HeuristicInput& in) {
  if (!heuristic_enabled(in, "boilerplate/no-article")) return;
  const std::size_t n = in.blocks.size();
  bool dropped = false;
  std::uint32_t run = 0, best = 0;
  std::size_t run_start = 0, best_start = 0, best_end = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!alive(in, i)) {
      dropped = true;
      continue;  // a dropped line does not break a run of menu items around it
    }
    const std::string& t = current_text(in, i);
    if (ends_like_sentence(t)) return;
    if (!is_menu_like(in.blocks[i], t)) {
      run = 0;
      continue;
    }
    if (run++ == 0) run_start = i;
    if (run > best) best = run, best_start = run_start, best_end = i;
  }
  if (!dropped || best < kMenuRun) return;
  const std::string note = "no line left ends like a sentence, and " + block_range(in, best_start, best_end) +
                           " are a run of " + std::to_string(best) + " menu-like lines: a page with no article";
  drop_rest(in, 0, "boilerplate/no-article", note);
}

}  // namespace newsclean
