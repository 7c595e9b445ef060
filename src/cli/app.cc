#include "cli/app.h"

#include <array>
#include <cstdint>

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

std::string binary_warning(std::string_view bytes) {
  // Control bytes other than white space, counted by table: every document
  // passes through here.
  static constexpr auto kControl = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 1;
    t['\t'] = t['\n'] = t['\f'] = t['\r'] = 0;
    return t;
  }();
  const std::size_t n = std::min<std::size_t>(bytes.size(), 65536);
  std::size_t control = 0;
  for (std::size_t i = 0; i < n; ++i) control += kControl[static_cast<unsigned char>(bytes[i])];
  if (n == 0 || control * 20 < n) return "";
  return "input looks like binary data (" + std::to_string(control * 100 / n) +
         "% control bytes); control characters were removed";
}

}  // namespace newsclean::cli
