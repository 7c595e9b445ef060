// Views of a cleaned document for people and programs: the explain table,
// one JSON object per block, and per-category counts for --stats.
#pragma once

#include <map>
#include <string>

#include "newsclean/newsclean.h"

namespace newsclean {

// "keep", "drop", "edit".
const char* decision_name(Decision decision);

// One line per block: line number, verdict, reason, the text (shortened to
// `width` code points; 0 for whole). `name` heads the table.
void append_explain_text(std::string& out, const Document& doc, const std::string& name, unsigned width);

// One JSON object per block and line:
// {"doc":"name","block":1,"line":3,"zone":"head","kind":"paragraph",
//  "verdict":"drop","reason":"meta/read-time","detail":"","text":"3 min read"}
void append_explain_json(std::string& out, const Document& doc, const std::string& name);

// Adds the document's dropped and edited blocks to counts per category
// (the part of the reason before '/'), plus "blocks", "kept" and
// "repaired" (blocks whose mojibake norm/mojibake undid).
void count_categories(const Document& doc, std::map<std::string, unsigned long>& counts);

}  // namespace newsclean
