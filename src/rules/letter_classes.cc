#include "rules/letter_classes.h"

#include <utf8proc.h>

#include "util/utf8.h"

namespace newsclean {

namespace {

// The members of a Unicode general category of letters or numbers: its
// ASCII ones, and those from U+0080 to U+024F together with the characters
// beyond that RE2's case folding ties to any character up to U+024F (so
// that a case-insensitive class folds the same way as the category).
// Written by a program that asked RE2 of every code point, the Latin ones
// are checked against RE2's own \p{..} by tests/speed_test.cc.
struct Members {
  const char* name;   // as RE2 spells it after \p
  const char* ascii;
  const char* latin;
};
constexpr Members kMembers[] = {
    {"L", "A-Za-z",
     "\\x{AA}\\x{B5}\\x{BA}\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{24F}\\x{253}-\\x{254}"
     "\\x{256}-\\x{257}\\x{259}\\x{25B}\\x{260}\\x{263}\\x{268}-\\x{269}\\x{26F}\\x{272}\\x{275}"
     "\\x{280}\\x{283}\\x{288}-\\x{28C}\\x{292}\\x{39C}\\x{3BC}\\x{1E9E}\\x{212A}-\\x{212B}"
     "\\x{2C65}-\\x{2C66}\\x{2C7E}-\\x{2C7F}"},
    {"Lu", "A-Z",
     "\\x{C0}-\\x{D6}\\x{D8}-\\x{DE}\\x{100}\\x{102}\\x{104}\\x{106}\\x{108}\\x{10A}\\x{10C}\\x{10E}"
     "\\x{110}\\x{112}\\x{114}\\x{116}\\x{118}\\x{11A}\\x{11C}\\x{11E}\\x{120}\\x{122}\\x{124}\\x{126}"
     "\\x{128}\\x{12A}\\x{12C}\\x{12E}\\x{130}\\x{132}\\x{134}\\x{136}\\x{139}\\x{13B}\\x{13D}\\x{13F}"
     "\\x{141}\\x{143}\\x{145}\\x{147}\\x{14A}\\x{14C}\\x{14E}\\x{150}\\x{152}\\x{154}\\x{156}\\x{158}"
     "\\x{15A}\\x{15C}\\x{15E}\\x{160}\\x{162}\\x{164}\\x{166}\\x{168}\\x{16A}\\x{16C}\\x{16E}\\x{170}"
     "\\x{172}\\x{174}\\x{176}\\x{178}-\\x{179}\\x{17B}\\x{17D}\\x{181}-\\x{182}\\x{184}"
     "\\x{186}-\\x{187}\\x{189}-\\x{18B}\\x{18E}-\\x{191}\\x{193}-\\x{194}\\x{196}-\\x{198}"
     "\\x{19C}-\\x{19D}\\x{19F}-\\x{1A0}\\x{1A2}\\x{1A4}\\x{1A6}-\\x{1A7}\\x{1A9}\\x{1AC}"
     "\\x{1AE}-\\x{1AF}\\x{1B1}-\\x{1B3}\\x{1B5}\\x{1B7}-\\x{1B8}\\x{1BC}\\x{1C4}\\x{1C7}\\x{1CA}"
     "\\x{1CD}\\x{1CF}\\x{1D1}\\x{1D3}\\x{1D5}\\x{1D7}\\x{1D9}\\x{1DB}\\x{1DE}\\x{1E0}\\x{1E2}\\x{1E4}"
     "\\x{1E6}\\x{1E8}\\x{1EA}\\x{1EC}\\x{1EE}\\x{1F1}\\x{1F4}\\x{1F6}-\\x{1F8}\\x{1FA}\\x{1FC}"
     "\\x{1FE}\\x{200}\\x{202}\\x{204}\\x{206}\\x{208}\\x{20A}\\x{20C}\\x{20E}\\x{210}\\x{212}\\x{214}"
     "\\x{216}\\x{218}\\x{21A}\\x{21C}\\x{21E}\\x{220}\\x{222}\\x{224}\\x{226}\\x{228}\\x{22A}\\x{22C}"
     "\\x{22E}\\x{230}\\x{232}\\x{23A}-\\x{23B}\\x{23D}-\\x{23E}\\x{241}\\x{243}-\\x{246}\\x{248}"
     "\\x{24A}\\x{24C}\\x{24E}\\x{39C}\\x{1E9E}\\x{212A}-\\x{212B}\\x{2C7E}-\\x{2C7F}"},
    {"Ll", "a-z",
     "\\x{B5}\\x{DF}-\\x{F6}\\x{F8}-\\x{FF}\\x{101}\\x{103}\\x{105}\\x{107}\\x{109}\\x{10B}\\x{10D}"
     "\\x{10F}\\x{111}\\x{113}\\x{115}\\x{117}\\x{119}\\x{11B}\\x{11D}\\x{11F}\\x{121}\\x{123}\\x{125}"
     "\\x{127}\\x{129}\\x{12B}\\x{12D}\\x{12F}\\x{131}\\x{133}\\x{135}\\x{137}-\\x{138}\\x{13A}"
     "\\x{13C}\\x{13E}\\x{140}\\x{142}\\x{144}\\x{146}\\x{148}-\\x{149}\\x{14B}\\x{14D}\\x{14F}"
     "\\x{151}\\x{153}\\x{155}\\x{157}\\x{159}\\x{15B}\\x{15D}\\x{15F}\\x{161}\\x{163}\\x{165}\\x{167}"
     "\\x{169}\\x{16B}\\x{16D}\\x{16F}\\x{171}\\x{173}\\x{175}\\x{177}\\x{17A}\\x{17C}"
     "\\x{17E}-\\x{180}\\x{183}\\x{185}\\x{188}\\x{18C}-\\x{18D}\\x{192}\\x{195}\\x{199}-\\x{19B}"
     "\\x{19E}\\x{1A1}\\x{1A3}\\x{1A5}\\x{1A8}\\x{1AA}-\\x{1AB}\\x{1AD}\\x{1B0}\\x{1B4}\\x{1B6}"
     "\\x{1B9}-\\x{1BA}\\x{1BD}-\\x{1BF}\\x{1C6}\\x{1C9}\\x{1CC}\\x{1CE}\\x{1D0}\\x{1D2}\\x{1D4}"
     "\\x{1D6}\\x{1D8}\\x{1DA}\\x{1DC}-\\x{1DD}\\x{1DF}\\x{1E1}\\x{1E3}\\x{1E5}\\x{1E7}\\x{1E9}"
     "\\x{1EB}\\x{1ED}\\x{1EF}-\\x{1F0}\\x{1F3}\\x{1F5}\\x{1F9}\\x{1FB}\\x{1FD}\\x{1FF}\\x{201}"
     "\\x{203}\\x{205}\\x{207}\\x{209}\\x{20B}\\x{20D}\\x{20F}\\x{211}\\x{213}\\x{215}\\x{217}\\x{219}"
     "\\x{21B}\\x{21D}\\x{21F}\\x{221}\\x{223}\\x{225}\\x{227}\\x{229}\\x{22B}\\x{22D}\\x{22F}\\x{231}"
     "\\x{233}-\\x{239}\\x{23C}\\x{23F}-\\x{240}\\x{242}\\x{247}\\x{249}\\x{24B}\\x{24D}\\x{24F}"
     "\\x{253}-\\x{254}\\x{256}-\\x{257}\\x{259}\\x{25B}\\x{260}\\x{263}\\x{268}-\\x{269}\\x{26F}"
     "\\x{272}\\x{275}\\x{280}\\x{283}\\x{288}-\\x{28C}\\x{292}\\x{3BC}\\x{2C65}-\\x{2C66}"},
    {"Lt", "",
     "\\x{1C5}\\x{1C8}\\x{1CB}\\x{1F2}"},
    {"Lm", "",
     ""},
    {"Lo", "",
     "\\x{AA}\\x{BA}\\x{1BB}\\x{1C0}-\\x{1C3}"},
    {"N", "0-9",
     "\\x{B2}-\\x{B3}\\x{B9}\\x{BC}-\\x{BE}"},
    {"Nd", "0-9",
     ""},
    {"Nl", "",
     ""},
    {"No", "",
     "\\x{B2}-\\x{B3}\\x{B9}\\x{BC}-\\x{BE}"},
};

// Null for any other property (left as it is).
const Members* members_of(std::string_view name) {
  for (const Members& m : kMembers)
    if (name == m.name) return &m;
  return nullptr;
}

constexpr const char* kNonAscii = "\\x{80}-\\x{10FFFF}";

enum class Rewrite { Widen, Ascii, Latin };

// A class's members as `how` writes them; empty for none.
std::string spelt(const Members& m, Rewrite how) {
  switch (how) {
    case Rewrite::Widen: return std::string(m.ascii) + kNonAscii;
    case Rewrite::Ascii: return m.ascii;
    case Rewrite::Latin: return std::string(m.ascii) + m.latin;
  }
  return {};
}

// Each letter or number class becomes its members as `how` spells them. A
// class with none stays as it is (an empty class cannot be written in its
// place).
std::string rewrite_property_classes(const std::string& p, Rewrite how, bool* changed) {
  std::string out;
  out.reserve(p.size() + 32);
  *changed = false;
  bool in_class = false, negated = false;
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < n) {
      const char next = p[i + 1];
      if (next == 'Q') {
        // \Q...\E: literal text, copied as it is.
        const std::size_t e = p.find("\\E", i + 2);
        const std::size_t stop = e == std::string::npos ? n : e + 2;
        out.append(p, i, stop - i);
        i = stop - 1;
        continue;
      }
      if (next == 'p' && i + 2 < n && !(in_class && negated)) {
        std::string_view name;
        std::size_t last;  // index of the escape's last character
        if (p[i + 2] == '{') {
          const std::size_t close = p.find('}', i + 3);
          if (close == std::string::npos) {
            out.append(p, i, n - i);
            break;
          }
          name = std::string_view(p).substr(i + 3, close - i - 3);
          last = close;
        } else {
          name = std::string_view(p).substr(i + 2, 1);
          last = i + 2;
        }
        // In a class, "\pL-x" is \pL, '-' and x: widened to "...-x" it would
        // read as a range, so such a class is left as it is.
        const bool before_dash = in_class && last + 2 < n && p[last + 1] == '-' && p[last + 2] != ']';
        const Members* m = before_dash ? nullptr : members_of(name);
        const std::string members = m == nullptr ? std::string() : spelt(*m, how);
        if (!members.empty()) {
          if (!in_class) out += '[';
          out += members;
          if (!in_class) out += ']';
          *changed = true;
          i = last;
          continue;
        }
      }
      // Any other escape, copied whole when it carries braces (\x{...}, \p{...}).
      out += c;
      out += next;
      ++i;
      copy_braces_of_escape(p, i, out);
      continue;
    }
    if (in_class) {
      copy_class_item(p, i, out, in_class);
      continue;
    }
    if (c == '[') {
      in_class = true;
      negated = copy_class_opening(p, i, out);
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void copy_braces_of_escape(const std::string& p, std::size_t& i, std::string& out) {
  const char letter = p[i];
  if ((letter != 'x' && letter != 'p' && letter != 'P') || i + 1 >= p.size() || p[i + 1] != '{') return;
  const std::size_t close = p.find('}', i + 1);
  const std::size_t stop = close == std::string::npos ? p.size() : close + 1;
  out.append(p, i + 1, stop - i - 1);
  i = stop - 1;
}

bool copy_class_opening(const std::string& p, std::size_t& i, std::string& out) {
  out += p[i];
  const bool negated = i + 1 < p.size() && p[i + 1] == '^';
  if (negated) out += p[++i];
  if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
  return negated;
}

void copy_class_item(const std::string& p, std::size_t& i, std::string& out, bool& in_class) {
  if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') {
    const std::size_t close = p.find(":]", i + 2);
    const std::size_t stop = close == std::string::npos ? p.size() : close + 2;
    out.append(p, i, stop - i);
    i = stop - 1;
    return;
  }
  if (p[i] == ']') in_class = false;
  out += p[i];
}

std::string widen_property_classes(const std::string& p, bool* changed) {
  return rewrite_property_classes(p, Rewrite::Widen, changed);
}

std::string narrow_property_classes(const std::string& p, LetterReach reach, bool* changed) {
  return rewrite_property_classes(p, reach == LetterReach::Ascii ? Rewrite::Ascii : Rewrite::Latin, changed);
}

LetterReach letter_reach(std::string_view text) {
  LetterReach reach = LetterReach::Ascii;
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const char32_t cp = decode_utf8_at(text, i);
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
      // Punctuation, symbols, spaces and controls: no case folding takes any
      // of them to a letter or a number. (Unassigned code points are not
      // among them: a newer Unicode may make them letters.)
      case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
      case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
      case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC:
      case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO: case UTF8PROC_CATEGORY_ZS:
      case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
      case UTF8PROC_CATEGORY_CF:
        break;
      default:
        if (cp > 0x24F) return LetterReach::Beyond;
        reach = LetterReach::Latin;
    }
  }
  return reach;
}

}  // namespace newsclean
