#include "output/explain.h"

#include <cstdio>

#include "util/json.h"
#include "util/utf8.h"

namespace newsclean {

const char* decision_name(Decision d) {
  switch (d) {
    case Decision::Keep: return "keep";
    case Decision::Drop: return "drop";
    case Decision::Edit: return "edit";
  }
  return "keep";
}

namespace {

std::string shorten(const std::string& text, unsigned width) {
  if (width == 0 || count_code_points(text) <= width) return text;
  std::string out;
  unsigned n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++n > width - 1) break;
    out.push_back(static_cast<char>(c));
  }
  return out + "\xE2\x80\xA6";
}

}  // namespace

void append_explain_text(std::string& out, const Document& doc, const std::string& name, unsigned width) {
  out += "== " + name;
  if (!doc.lang.empty()) out += "  (lang " + doc.lang + ")";
  if (doc.hard_wrapped) out += "  (hard-wrapped text re-flowed)";
  out += '\n';
  for (const auto& c : doc.candidates) out += "  article " + c + '\n';
  char buf[64];
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    const Verdict& v = doc.verdicts[i];
    // The input line, or for HTML (no lines) the block's number, as the
    // heuristics' notes name it ("block #12").
    if (b.line != 0)
      std::snprintf(buf, sizeof buf, "%5u %-4s %-4s ", b.line, zone_name(doc.zones[i]), decision_name(v.decision));
    else
      std::snprintf(buf, sizeof buf, "%5s %-4s %-4s ", ("#" + std::to_string(i + 1)).c_str(), zone_name(doc.zones[i]),
                    decision_name(v.decision));
    out += buf;
    std::string reason = v.reason.empty() ? "-" : v.reason;
    out += reason;
    if (reason.size() < 26) out.append(26 - reason.size(), ' ');
    out += ' ';
    out += shorten(v.decision == Decision::Edit ? v.text : b.text, width);
    if (!v.detail.empty()) out += "  [" + v.detail + "]";
    if (!b.unrepaired.empty()) out += "  [as it came: " + shorten(b.unrepaired, width) + "]";
    out += '\n';
  }
}

void append_explain_json(std::string& out, const Document& doc, const std::string& name) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    const Verdict& v = doc.verdicts[i];
    out += "{\"doc\":";
    append_json_string(out, name);
    out += ",\"block\":" + std::to_string(i + 1) + ",\"line\":" + std::to_string(b.line);
    out += ",\"zone\":\"";
    out += zone_name(doc.zones[i]);
    out += "\",\"kind\":\"";
    out += block_kind_name(b.kind);
    out += "\",\"verdict\":\"";
    out += decision_name(v.decision);
    out += "\",\"reason\":";
    append_json_string(out, v.reason);
    out += ",\"detail\":";
    append_json_string(out, v.detail);
    out += ",\"text\":";
    append_json_string(out, b.unrepaired.empty() ? b.text : b.unrepaired);  // as it came
    if (!b.unrepaired.empty()) {
      out += ",\"repaired\":";  // what norm/mojibake made of it, and the rules judged
      append_json_string(out, b.text);
    }
    if (v.decision == Decision::Edit) {
      out += ",\"edited\":";
      append_json_string(out, v.text);
    }
    if (!b.path.empty()) {
      out += ",\"path\":";
      append_json_string(out, b.path);
    }
    out += "}\n";
  }
}

void count_categories(const Document& doc, std::map<std::string, unsigned long>& counts) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Verdict& v = doc.verdicts[i];
    ++counts["blocks"];
    if (doc.blocks[i].repaired) ++counts["repaired"];  // by norm/mojibake, whatever became of it
    if (v.decision == Decision::Keep) {
      ++counts["kept"];
      continue;
    }
    if (v.decision == Decision::Edit) ++counts["edited"];
    // A strip can name several rules "a/x,b/y": count the first category.
    const std::size_t slash = v.reason.find('/');
    ++counts[slash == std::string::npos ? v.reason : v.reason.substr(0, slash)];
  }
}

}  // namespace newsclean
