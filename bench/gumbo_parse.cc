// The baseline of bench/html_speed.sh: read each file and hand it whole to
// gumbo_parse, then free the tree. Nothing else: this is the floor any
// Gumbo-based extractor stands on.
//
//   gumbo_parse_baseline FILE...   prints "pages N bytes N"
#include <gumbo.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  unsigned long pages = 0, bytes = 0, nodes = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "gumbo_parse_baseline: cannot read %s\n", argv[i]);
      return 2;
    }
    const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
    nodes += out->root->v.element.children.length;  // so the parse is not optimised away
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    ++pages;
    bytes += page.size();
  }
  std::printf("pages %lu bytes %lu (%lu)\n", pages, bytes, nodes);
  return 0;
}
