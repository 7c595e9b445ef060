#include "text/paragraphs.h"

#include <algorithm>
#include <cstring>

#include "util/utf8.h"

namespace newsclean {

namespace {

std::uint32_t first_word_chars(const std::string& line) {
  const std::size_t sp = line.find(' ');
  return count_code_points(std::string_view(line).substr(0, sp));
}

// A prefix test that compiles to a length check and a short compare
// (rfind(prefix, 0), used before, is a call into libstdc++ per prefix).
bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool looks_like_list_item(const std::string& t) {
  if (starts_with(t, "\xE2\x80\xA2 ") || starts_with(t, "- ") || starts_with(t, "* ")) return true;
  std::size_t i = 0;
  while (i < t.size() && i < 3 && is_ascii_digit(static_cast<unsigned char>(t[i]))) ++i;
  return i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ';
}

}  // namespace

namespace {

// detect_hard_wrap with the code points of each line already counted
// (`chars[i]` for `lines[i]`), as blocks_from_text counts them once.
TextLayout detect_hard_wrap_counted(const std::vector<std::string>& lines, const std::vector<std::uint32_t>& chars) {
  TextLayout layout;
  std::vector<std::uint32_t> lengths;
  lengths.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!lines[i].empty()) lengths.push_back(chars[i]);
  if (lengths.size() < 5) return layout;
  // The wrap width: the longest line once the longest 2% (URLs, tables) are
  // set aside. Only that one length is wanted, not the order of the rest.
  const std::size_t at = lengths.size() - 1 - lengths.size() / 50;
  std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(at), lengths.end());
  const std::uint32_t width = lengths[at];
  if (width < 30 || width > 110) return layout;
  // In wrapped text most lines that run on into a next line ended only
  // because the next word would not have fitted.
  unsigned pairs = 0, broken = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].empty() || lines[i + 1].empty()) continue;
    ++pairs;
    if (chars[i] + 1 + first_word_chars(lines[i + 1]) > width) ++broken;
  }
  if (pairs >= 4 && broken * 10 >= pairs * 6) {
    layout.hard_wrapped = true;
    layout.wrap_width = width;
  }
  return layout;
}

}  // namespace

TextLayout detect_hard_wrap(const std::vector<std::string>& lines) {
  std::vector<std::uint32_t> chars;
  chars.reserve(lines.size());
  for (const auto& l : lines) chars.push_back(count_code_points(l));
  return detect_hard_wrap_counted(lines, chars);
}

std::vector<Block> blocks_from_text(std::string_view bytes, const TextBlockOptions& options,
                                    TextLayout* layout_out) {
  bytes = strip_bom(bytes);
  // Runs of blank lines are kept as one "" (the wrap detector and the
  // joiner only ask whether a neighbour is blank), with each entry's line
  // number beside it: ten million blank lines cost one entry, not ten
  // million strings.
  std::vector<std::string> lines;
  std::vector<std::uint32_t> line_numbers;
  std::vector<std::uint32_t> chars;  // code points of each entry, counted by normalise_line
  std::vector<std::uint32_t> words;  // and its words
  // The entries that mojibake repair changed, by index, with their text as
  // it came when that is kept (so that --explain can show the repair as an
  // edit); "" when it is not.
  std::vector<std::pair<std::size_t, std::string>> unrepaired;
  // Room for about one entry per 64 bytes (news text runs 60-100 bytes a
  // line), which saves most of the regrowth of four vectors without
  // reserving for every byte of a file of blank lines.
  const std::size_t expected_entries = bytes.size() / 64 + 16;
  lines.reserve(expected_entries);
  line_numbers.reserve(expected_entries);
  chars.reserve(expected_entries);
  words.reserve(expected_entries);
  std::uint32_t line_no = 0;
  std::string norm;
  LineCounts counts;
  std::size_t pos = 0;
  const char* data = bytes.data();
  // The next '\r' at or after pos, looked for again only once passed: most
  // texts have none, and a search of every line for one cost a call a line.
  const char* next_cr = static_cast<const char*>(std::memchr(data, '\r', bytes.size()));
  while (pos < bytes.size()) {
    // A line ends at '\n', '\r\n' or a lone '\r'.
    const void* nl = std::memchr(data + pos, '\n', bytes.size() - pos);
    std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) : bytes.size();
    if (next_cr != nullptr && next_cr < data + pos)
      next_cr = static_cast<const char*>(std::memchr(data + pos, '\r', bytes.size() - pos));
    if (next_cr != nullptr && next_cr < data + end) end = static_cast<std::size_t>(next_cr - data);
    normalise_line(bytes.substr(pos, end - pos), options.normalise, norm, &counts);
    ++line_no;
    if (!norm.empty() || lines.empty() || !lines.back().empty()) {
      if (counts.repaired > 0) {
        unrepaired.emplace_back(lines.size(), std::string());
        if (options.keep_unrepaired)
          normalise_line_unrepaired(bytes.substr(pos, end - pos), options.normalise, unrepaired.back().second);
      }
      chars.push_back(counts.code_points);
      words.push_back(counts.words);
      lines.push_back(std::move(norm));
      norm.clear();
      line_numbers.push_back(line_no);
    }
    if (end < bytes.size() && bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n') ++end;
    pos = end + 1;
  }

  TextLayout layout;
  if (options.reflow) layout = detect_hard_wrap_counted(lines, chars);
  if (layout_out != nullptr) *layout_out = layout;

  std::vector<Block> blocks;
  blocks.reserve(lines.size());
  std::size_t next_unrepaired = 0;  // into `unrepaired`, which is in line order
  // The text of entry i as it came when it was repaired (see above); null
  // when it was not.
  auto unrepaired_of = [&](std::size_t i) -> const std::string* {
    while (next_unrepaired < unrepaired.size() && unrepaired[next_unrepaired].first < i) ++next_unrepaired;
    if (next_unrepaired < unrepaired.size() && unrepaired[next_unrepaired].first == i)
      return &unrepaired[next_unrepaired].second;
    return nullptr;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    Block block;
    block.line = line_numbers[i];
    const std::string* as_is = unrepaired.empty() ? nullptr : unrepaired_of(i);
    if (as_is) {
      block.repaired = true;
      block.unrepaired = *as_is;
    }
    block.text = std::move(lines[i]);
    bool joined = false;
    const std::uint32_t first_chars = chars[i];
    if (layout.hard_wrapped) {
      // Join while the physical line ended only because the next word did not fit.
      std::uint32_t last_len = chars[i];
      while (i + 1 < lines.size() && !lines[i + 1].empty() &&
             last_len + 1 + first_word_chars(lines[i + 1]) > layout.wrap_width &&
             !looks_like_list_item(lines[i + 1])) {
        ++i;
        joined = true;
        last_len = chars[i];
        const bool hyphen_break = block.text.size() > 1 && block.text.back() == '-' &&
                                  is_ascii_alpha(static_cast<unsigned char>(block.text[block.text.size() - 2]));
        if (!hyphen_break) block.text.push_back(' ');
        // The repaired block's text as it came follows the same joins.
        const std::string* line_as_is = unrepaired.empty() ? nullptr : unrepaired_of(i);
        if (line_as_is) block.repaired = true;
        if (options.keep_unrepaired && (line_as_is || !block.unrepaired.empty())) {
          if (block.unrepaired.empty()) block.unrepaired = block.text;  // ends in the joining space already
          else if (!hyphen_break) block.unrepaired.push_back(' ');
          block.unrepaired += line_as_is ? *line_as_is : lines[i];
        }
        block.text += lines[i];
      }
    }
    block.kind = looks_like_list_item(block.text) ? BlockKind::ListItem : BlockKind::Paragraph;
    if (joined) {
      measure_block(block);
    } else {
      block.words = words[i];
      block.chars = first_chars;
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace newsclean
