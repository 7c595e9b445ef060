#include "cli/app.h"

#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "output/explain.h"

namespace newsclean::cli {

std::unique_ptr<Cleaner> make_cleaner(const Options& options, std::string* message) {
  std::vector<RuleError> errors;
  auto cleaner = Cleaner::create(options.config, &errors);
  if (!cleaner) {
    message->clear();
    for (const auto& e : errors) *message += e.format() + "\n";
    if (errors.empty()) *message = "rules could not be compiled\n";
  }
  return cleaner;
}

void render(const Document& doc, const Options& options, const std::string& name, std::string& out) {
  switch (options.explain) {
    case ExplainFormat::None: doc.append_text(out); break;
    case ExplainFormat::Text: append_explain_text(out, doc, name, options.explain_width); break;
    case ExplainFormat::Json: append_explain_json(out, doc, name); break;
  }
}

namespace {

// Control bytes other than white space (below 0x20, less \t \n \f \r) in
// the first n bytes: every document passes through here.
std::size_t count_control_bytes(const char* p, std::size_t n) {
  static constexpr auto kControl = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 1;
    t['\t'] = t['\n'] = t['\f'] = t['\r'] = 0;
    return t;
  }();
  std::size_t control = 0, i = 0;
#if defined(__SSE2__)
  // 16 bytes at a time: c <= 0x1F as max(c, 0x1F) == 0x1F (unsigned), less
  // the four white-space bytes.
  const __m128i limit = _mm_set1_epi8(0x1F);
  const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n'), ff = _mm_set1_epi8('\f'),
                cr = _mm_set1_epi8('\r');
  for (; i + 16 <= n; i += 16) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(c, limit), limit);
    const __m128i space = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, tab), _mm_cmpeq_epi8(c, nl)),
                                       _mm_or_si128(_mm_cmpeq_epi8(c, ff), _mm_cmpeq_epi8(c, cr)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(space, low)));
    if (mask != 0) control += static_cast<std::size_t>(__builtin_popcount(mask));
  }
#endif
  for (; i < n; ++i) control += kControl[static_cast<unsigned char>(p[i])];
  return control;
}

}  // namespace

std::string binary_warning(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 65536);
  const std::size_t control = count_control_bytes(bytes.data(), n);
  if (n == 0 || control * 20 < n) return "";
  return "input looks like binary data (" + std::to_string(control * 100 / n) +
         "% control bytes); control characters were removed";
}

}  // namespace newsclean::cli
