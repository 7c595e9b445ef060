#include "cli/app.h"

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
  const std::size_t n = std::min<std::size_t>(bytes.size(), 65536);
  std::size_t control = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  if (n == 0 || control * 20 < n) return "";
  return "input looks like binary data (" + std::to_string(control * 100 / n) +
         "% control bytes); control characters were removed";
}

}  // namespace newsclean::cli
