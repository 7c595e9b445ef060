// JSONL records: the scanner, the rewrite of one record, and a run of
// records with the error policy (see newsclean/jsonl.h).
#include "newsclean/jsonl.h"

#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "output/explain.h"
#include "util/json.h"
#include "util/size.h"
#include "util/utf8.h"

namespace newsclean::jsonl {

namespace {

inline const char* skip_space(const char* p, const char* end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) ++p;
  return p;
}

#if defined(__SSE2__)
inline unsigned special_mask16(const char* p) { return json_special_mask16(p, false); }
#endif

// The first byte in [p, end) that is '"', '\\' or a control character
// (below 0x20), or end.
inline const char* find_special(const char* p, const char* end) {
#if defined(__SSE2__)
  for (; end - p >= 16; p += 16)
    if (const unsigned mask = special_mask16(p)) return p + __builtin_ctz(mask);
#endif
  while (p < end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20) return p;
    ++p;
  }
  return end;
}

inline bool is_hex(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}
inline unsigned hex_value(char c) {
  return c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
}

struct Scanner {
  const char* base;
  const char* end;
  std::string error;

  const char* fail(const char* at, const char* what) {
    error = std::string("not valid JSON: ") + what + " at column " + std::to_string(at - base + 1);
    return nullptr;
  }

  // The escape at p (a backslash): its length, or 0 when it is not valid JSON.
  std::size_t escape_length(const char* p) const {
    if (end - p < 2) return 0;
    switch (p[1]) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return 2;
      case 'u':
        return end - p >= 6 && is_hex(p[2]) && is_hex(p[3]) && is_hex(p[4]) && is_hex(p[5]) ? 6 : 0;
      default:
        return 0;
    }
  }

  // The error for the invalid escape at p in the string opened at `open`.
  const char* bad_escape(const char* open, const char* p) {
    if (end - p < 2) return fail(open, "unterminated string");
    return fail(p, p[1] == 'u' ? "bad \\u escape" : "bad escape");
  }

  // p at the opening quote; returns the byte after the closing quote.
  const char* string(const char* p) {
    const char* const open = p;
    ++p;
#if defined(__SSE2__)
    // Sixteen bytes at a time, and every escape in them handled from the
    // same mask: HTML in JSON has an escape every few dozen bytes, and
    // starting the scan afresh after each one cost more than the scan.
    while (end - p >= 16) {
      unsigned mask = special_mask16(p);
      std::size_t next = 16;  // where the next block starts, from p
      while (mask != 0) {
        const unsigned k = static_cast<unsigned>(__builtin_ctz(mask));
        const char c = p[k];
        if (c == '"') return p + k + 1;
        if (c != '\\') return fail(p + k, "control character in a string");
        const std::size_t len = escape_length(p + k);
        if (len == 0) return bad_escape(open, p + k);
        next = k + len;
        if (next >= 16) break;
        mask &= ~0u << next;
        next = 16;
      }
      p += next;
    }
#endif
    for (;;) {
      p = find_special(p, end);
      if (p == end) return fail(open, "unterminated string");
      const char c = *p;
      if (c == '"') return p + 1;
      if (c != '\\') return fail(p, "control character in a string");
      const std::size_t len = escape_length(p);
      if (len == 0) return bad_escape(open, p);
      p += len;
    }
  }

  const char* number(const char* p) {
    const char* const start = p;
    if (*p == '-') ++p;
    if (p == end || !is_ascii_digit(static_cast<unsigned char>(*p))) return fail(start, "bad number");
    if (*p == '0') {
      ++p;
    } else {
      while (p < end && is_ascii_digit(static_cast<unsigned char>(*p))) ++p;
    }
    if (p < end && *p == '.') {
      ++p;
      if (p == end || !is_ascii_digit(static_cast<unsigned char>(*p))) return fail(start, "bad number");
      while (p < end && is_ascii_digit(static_cast<unsigned char>(*p))) ++p;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
      ++p;
      if (p < end && (*p == '+' || *p == '-')) ++p;
      if (p == end || !is_ascii_digit(static_cast<unsigned char>(*p))) return fail(start, "bad number");
      while (p < end && is_ascii_digit(static_cast<unsigned char>(*p))) ++p;
    }
    return p;
  }

  const char* literal(const char* p, const char* word) {
    const std::size_t n = std::strlen(word);
    if (static_cast<std::size_t>(end - p) < n || std::memcmp(p, word, n) != 0) return fail(p, "unexpected character");
    return p + n;
  }
};

}  // namespace

std::string scan_object(std::string_view line, Scan& scan) {
  scan.members.clear();
  Scanner s{line.data(), line.data() + line.size(), {}};
  const char* const end = s.end;
  const char* p = skip_space(s.base, end);
  if (p == end) return line.empty() ? "empty line" : "blank line";
  if (*p != '{') return std::string("not a JSON object (starts with '") + *p + "')";
  scan.open = static_cast<std::size_t>(p - s.base);
  // The open containers: '{' or '['. The top-level object is stack[0].
  std::string stack;
  enum { Value, Key, After } state = Value;
  for (;;) {
    switch (state) {
      case Value: {
        p = skip_space(p, end);
        if (p == end) {
          s.fail(p, stack.empty() ? "no value" : "truncated (unclosed object or array)");
          return s.error;
        }
        if (stack.size() == 1) scan.members.back().value_begin = static_cast<std::size_t>(p - s.base);
        const char c = *p;
        if (c == '{') {
          stack.push_back('{');
          p = skip_space(p + 1, end);
          if (p < end && *p == '}') {
            ++p;
            stack.pop_back();
            if (stack.empty()) scan.close = static_cast<std::size_t>(p - 1 - s.base);
            state = After;
          } else {
            state = Key;
          }
          continue;
        }
        if (c == '[') {
          stack.push_back('[');
          p = skip_space(p + 1, end);
          if (p < end && *p == ']') {
            ++p;
            stack.pop_back();
            state = After;
          } else {
            state = Value;
          }
          continue;
        }
        if (c == '"') p = s.string(p);
        else if (c == '-' || is_ascii_digit(static_cast<unsigned char>(c))) p = s.number(p);
        else if (c == 't') p = s.literal(p, "true");
        else if (c == 'f') p = s.literal(p, "false");
        else if (c == 'n') p = s.literal(p, "null");
        else p = s.fail(p, "unexpected character");
        if (!p) return s.error;
        state = After;
        continue;
      }
      case Key: {
        p = skip_space(p, end);
        if (p == end) {
          s.fail(p, "truncated (unclosed object)");
          return s.error;
        }
        if (*p != '"') {
          s.fail(p, "expected a member name");
          return s.error;
        }
        const char* key = p;
        p = s.string(p);
        if (!p) return s.error;
        if (stack.size() == 1) {
          Member m;
          m.key_begin = static_cast<std::size_t>(key - s.base);
          m.key_end = static_cast<std::size_t>(p - s.base);
          scan.members.push_back(m);
        }
        p = skip_space(p, end);
        if (p == end || *p != ':') {
          s.fail(p, p == end ? "truncated (no ':' after a member name)" : "expected ':'");
          return s.error;
        }
        ++p;
        state = Value;
        continue;
      }
      case After: {
        if (stack.size() == 1) scan.members.back().value_end = static_cast<std::size_t>(p - s.base);
        if (stack.empty()) {
          p = skip_space(p, end);
          if (p != end) {
            s.fail(p, "more after the object");
            return s.error;
          }
          return "";
        }
        p = skip_space(p, end);
        if (p == end) {
          s.fail(p, "truncated (unclosed object or array)");
          return s.error;
        }
        const char top = stack.back();
        if (*p == ',') {
          ++p;
          state = top == '{' ? Key : Value;
          continue;
        }
        if (*p == (top == '{' ? '}' : ']')) {
          ++p;
          stack.pop_back();
          if (stack.empty()) scan.close = static_cast<std::size_t>(p - 1 - s.base);
          state = After;
          continue;
        }
        s.fail(p, top == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
        return s.error;
      }
    }
  }
}

void decode_string(std::string_view literal, std::string& out) {
  const char* p = literal.data() + 1;
  const char* const end = literal.data() + literal.size() - 1;  // the closing quote
  // A decoded string is never longer than its literal (an escape of 2, 6 or
  // 12 bytes gives at most 1, 3 or 4), so it is written through a pointer
  // into room made once, rather than appended piece by piece: HTML in JSON
  // has an escape every few dozen bytes.
  const std::size_t before = out.size();
  out.resize(before + static_cast<std::size_t>(end - p));
  char* w = &out[0] + before;
  while (p < end) {
#if defined(__SSE2__)
    // Sixteen bytes copied at a time up to the next backslash. The copy may
    // run past it, never past the room: the decoded text never runs ahead
    // of the literal.
    const __m128i backslash = _mm_set1_epi8('\\');
    unsigned mask = 0;
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
      mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)));
      if (mask != 0) break;
      p += 16;
      w += 16;
    }
    const char* stop;
    if (mask != 0) {
      stop = p + __builtin_ctz(mask);
    } else {
      const void* bs = std::memchr(p, '\\', static_cast<std::size_t>(end - p));
      stop = bs ? static_cast<const char*>(bs) : end;
      std::memcpy(w, p, static_cast<std::size_t>(stop - p));
    }
#else
    const void* bs = std::memchr(p, '\\', static_cast<std::size_t>(end - p));
    const char* stop = bs ? static_cast<const char*>(bs) : end;
    std::memcpy(w, p, static_cast<std::size_t>(stop - p));
#endif
    w += stop - p;
    p = stop;
    if (p >= end) break;
    const char e = p[1];
    p += 2;
    switch (e) {
      case 'b': *w++ = '\b'; break;
      case 'f': *w++ = '\f'; break;
      case 'n': *w++ = '\n'; break;
      case 'r': *w++ = '\r'; break;
      case 't': *w++ = '\t'; break;
      case 'u': {
        char32_t cp = (hex_value(p[0]) << 12) | (hex_value(p[1]) << 8) | (hex_value(p[2]) << 4) | hex_value(p[3]);
        p += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // A high surrogate joins the low one of a following \u escape;
          // alone, it is U+FFFD (and what follows is read on its own).
          if (end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
            const char32_t lo = (hex_value(p[2]) << 12) | (hex_value(p[3]) << 8) | (hex_value(p[4]) << 4) |
                                hex_value(p[5]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              p += 6;
            } else {
              cp = 0xFFFD;
            }
          } else {
            cp = 0xFFFD;
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        w += encode_utf8(cp, w);
        break;
      }
      default: *w++ = e; break;  // '"', '\\', '/'
    }
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
}

bool key_is(std::string_view key, std::string_view name) {
  const std::string_view inner = key.substr(1, key.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return inner == name;
  std::string decoded;
  decode_string(key, decoded);
  return decoded == name;
}

namespace {

std::string category_of(const std::string& reason) {
  const std::size_t slash = reason.find('/');
  return slash == std::string::npos ? reason : reason.substr(0, slash);
}

// {"blocks":10,"kept":7,"dropped":{"caption":2,"meta":1},"edited":{"caption":1}}
void append_annotation(std::string& out, const Document& doc) {
  std::map<std::string, unsigned long> dropped, edited;
  unsigned long kept = 0;
  for (const auto& v : doc.verdicts) {
    if (v.decision == Decision::Keep) ++kept;
    else if (v.decision == Decision::Drop) ++dropped[category_of(v.reason)];
    else ++edited[category_of(v.reason)];
  }
  out += "{\"blocks\":" + std::to_string(doc.blocks.size()) + ",\"kept\":" + std::to_string(kept);
  auto add = [&](const char* name, const std::map<std::string, unsigned long>& m) {
    out += ",\"";
    out += name;
    out += "\":{";
    bool first = true;
    for (const auto& [k, n] : m) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, k);
      out += ':' + std::to_string(n);
    }
    out += '}';
  };
  add("dropped", dropped);
  if (!edited.empty()) add("edited", edited);
  out += '}';
}

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

}  // namespace

RecordResult process_record(std::string_view line, const Cleaner& cleaner, const Settings& settings,
                            std::string& out, Scratch& scratch,
                            std::map<std::string, unsigned long>* categories) {
  RecordResult r;
  r.error = scan_object(line, scratch.scan);
  if (!r.error.empty()) return r;
  const auto& members = scratch.scan.members;
  const std::string& source_name = settings.html_field.empty() ? settings.field : settings.html_field;
  std::size_t source = kNone, url = kNone, target = kNone, note = kNone;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const Member& m = members[i];
    const std::string_view key = line.substr(m.key_begin, m.key_end - m.key_begin);
    // The first member of a name counts, as most readers take it.
    if (source == kNone && key_is(key, source_name)) source = i;
    if (url == kNone && !settings.url_field.empty() && key_is(key, settings.url_field)) url = i;
    if (target == kNone && !settings.output_field.empty() && key_is(key, settings.output_field)) target = i;
    if (note == kNone && settings.annotate && key_is(key, "newsclean")) note = i;
  }
  if (source == kNone) {
    r.error = "no \"" + source_name + "\" member";
    return r;
  }
  const Member& src = members[source];
  if (line[src.value_begin] != '"') {
    r.error = "\"" + source_name + "\" is not a string";
    return r;
  }
  scratch.text.clear();
  decode_string(line.substr(src.value_begin, src.value_end - src.value_begin), scratch.text);

  DocumentOptions options = settings.document;
  if (!settings.html_field.empty()) options.format = InputFormat::Html;
  if (url != kNone && line[members[url].value_begin] == '"') {
    scratch.url.clear();
    decode_string(line.substr(members[url].value_begin, members[url].value_end - members[url].value_begin),
                  scratch.url);
    std::string host = host_of(scratch.url);
    if (!host.empty()) options.site = std::move(host);
  }
  const Document doc = cleaner.clean(scratch.text, options);
  r.warnings = doc.warnings;
  if (categories) count_categories(doc, *categories);
  scratch.cleaned.clear();
  doc.append_text(scratch.cleaned);
  if (!scratch.cleaned.empty()) scratch.cleaned.pop_back();  // the text's final newline
  r.changed = scratch.cleaned != scratch.text;

  // The record again, with the cleaned text spliced in: in place of the
  // source (or the output member when there is one), or as a new last member.
  if (settings.output_field.empty()) target = source;
  if (note == target) note = kNone;
  struct Edit {
    std::size_t begin, end;
    int what;  // 0 text, 1 annotation
  };
  Edit edits[2];
  int count = 0;
  if (target != kNone) edits[count++] = {members[target].value_begin, members[target].value_end, 0};
  if (note != kNone) edits[count++] = {members[note].value_begin, members[note].value_end, 1};
  if (count == 2 && edits[1].begin < edits[0].begin) std::swap(edits[0], edits[1]);
  const std::size_t insert_at = members.empty() ? scratch.scan.open + 1 : members.back().value_end;
  bool has_members = !members.empty();

  out.reserve(out.size() + line.size() + scratch.cleaned.size() + 64);
  std::size_t pos = 0;
  auto emit = [&](int what) {
    if (what == 0) append_json_string(out, scratch.cleaned);
    else append_annotation(out, doc);
  };
  for (int i = 0; i < count; ++i) {
    out.append(line.data() + pos, edits[i].begin - pos);
    emit(edits[i].what);
    pos = edits[i].end;
  }
  out.append(line.data() + pos, insert_at - pos);
  pos = insert_at;
  auto append_member = [&](std::string_view name, int what) {
    if (has_members) out += ',';
    has_members = true;
    append_json_string(out, name);
    out += ':';
    emit(what);
  };
  if (target == kNone) append_member(settings.output_field, 0);
  if (settings.annotate && note == kNone && !(target == kNone && settings.output_field == "newsclean"))
    append_member("newsclean", 1);
  out.append(line.data() + pos, line.size() - pos);
  r.ok = true;
  return r;
}

RecordsResult process_records(std::string_view input, std::uint64_t first_record, const Cleaner& cleaner,
                              const Settings& settings, std::string& out, Scratch& scratch,
                              std::map<std::string, unsigned long>* categories) {
  RecordsResult result;
  std::uint64_t number = first_record;
  const char* p = input.data();
  const char* const end = p + input.size();
  while (p < end) {
    const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const char* stop = hit ? static_cast<const char*>(hit) : end;
    const std::string_view line(p, static_cast<std::size_t>(stop - p));
    p = hit ? stop + 1 : end;
    ++result.counts.read;
    const std::size_t mark = out.size();
    RecordResult r;
    if (settings.max_bytes && line.size() > settings.max_bytes)
      r.error = "record over the size limit of " + format_size(settings.max_bytes) + " (--max-bytes)";
    else
      r = process_record(line, cleaner, settings, out, scratch, categories);
    for (auto& w : r.warnings) result.notes.push_back({number, std::move(w)});
    if (r.ok) {
      out.push_back('\n');
      ++result.counts.written;
      if (r.changed) ++result.counts.changed;
      ++number;
      continue;
    }
    out.resize(mark);
    ++result.counts.errors;
    switch (settings.on_error) {
      case OnError::Pass:
        result.notes.push_back({number, r.error + " (passed through unchanged)"});
        out.append(line);
        out.push_back('\n');
        ++result.counts.written;
        break;
      case OnError::Drop:
        result.notes.push_back({number, r.error + " (dropped)"});
        break;
      case OnError::Fail:
        result.notes.push_back({number, r.error + " (stopping: --on-error=fail)"});
        result.stopped = true;
        return result;
    }
    ++number;
  }
  return result;
}

}  // namespace newsclean::jsonl
