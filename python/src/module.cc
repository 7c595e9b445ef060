// newsclean._newsclean: the library from Python (pybind11).
//
// The binding only converts: Python objects to the library's options and
// bytes, documents back to str, lists and dicts, library errors to Python
// exceptions. The cleaning itself runs without the GIL, so Python threads
// clean in parallel; clean_many and clean_jsonl use the library's own loops
// (Cleaner::clean_each, jsonl::process_records).
//
// Options come in as keyword arguments and are parsed here rather than by
// pybind11's overload matching, so that a wrong one gets a message naming
// the option and what it takes, not a list of signatures.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsclean/jsonl.h"
#include "newsclean/newsclean.h"
#include "output/explain.h"
#include "util/size.h"
#include "util/utf8.h"

namespace py = pybind11;
using namespace newsclean;

namespace {

constexpr std::size_t kDefaultMaxBytes = std::size_t{32} << 20;  // as the command's --max-bytes

PyObject* rule_error_type = nullptr;  // newsclean.RuleError (a ValueError)
PyObject* warning_type = nullptr;     // newsclean.NewscleanWarning (a UserWarning)

[[noreturn]] void raise_type_error(const std::string& message) { throw py::type_error(message); }
[[noreturn]] void raise_value_error(const std::string& message) { throw py::value_error(message); }

std::string type_name(py::handle o) { return Py_TYPE(o.ptr())->tp_name; }

// The UTF-8 form of a str's code points (1, 2 or 4 bytes each), into `out`;
// false at a lone surrogate, which UTF-8 cannot carry.
template <typename Char>
bool utf8_of(const Char* s, std::size_t n, std::string& out) {
  std::size_t size = n;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t c = s[i];
    if (c < 0x80) continue;
    if (c >= 0xD800 && c < 0xE000) return false;
    size += c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
  }
  out.resize(size);
  char* p = out.data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t c = s[i];
    if (c < 0x80) {
      *p++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *p++ = static_cast<char>(0xC0 | (c >> 6));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *p++ = static_cast<char>(0xE0 | (c >> 12));
      *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *p++ = static_cast<char>(0xF0 | (c >> 18));
      *p++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return true;
}

// A document of clean(), explain() or clean_many(), as the library takes it.
// bytes are read where they are (a bytearray, which may change while the
// GIL is released, is copied first), and so is an ASCII str, whose storage
// is its UTF-8. Any other str is encoded by encode(), which runs without the
// GIL, into a buffer of the call's own. PyUnicode_AsUTF8AndSize would encode
// it under the GIL (some 14,000 instructions for a 1 KB article that is not
// all ASCII, which another thread cleaning would wait for) and keep the
// UTF-8 copy on the str for as long as the str lives, doubling the memory of
// a corpus held in Python. Reading the str without the GIL is safe: a str never changes, and
// the caller holds it for the call.
class InputText {
 public:
  InputText(py::handle o, const char* what) : object_(o) {
    PyObject* p = o.ptr();
    if (PyUnicode_Check(p)) {
#if PY_VERSION_HEX < 0x030C0000
      if (PyUnicode_READY(p) != 0) throw py::error_already_set();
#endif
      if (PyUnicode_IS_ASCII(p)) {
        in_place_ = {static_cast<const char*>(PyUnicode_DATA(p)), static_cast<std::size_t>(PyUnicode_GET_LENGTH(p))};
      } else {
        data_ = PyUnicode_DATA(p);
        kind_ = PyUnicode_KIND(p);
        length_ = static_cast<std::size_t>(PyUnicode_GET_LENGTH(p));
        copied_ = true;
      }
    } else if (PyBytes_Check(p)) {
      in_place_ = {PyBytes_AS_STRING(p), static_cast<std::size_t>(PyBytes_GET_SIZE(p))};
    } else if (PyByteArray_Check(p)) {
      copy_.assign(PyByteArray_AS_STRING(p), static_cast<std::size_t>(PyByteArray_GET_SIZE(p)));
      copied_ = true;
    } else {
      raise_type_error(std::string(what) + " takes str or bytes, not " + type_name(o));
    }
  }

  // Makes bytes() ready; with or without the GIL. False for a str holding a
  // lone surrogate, which has no UTF-8 form. The object must not move after.
  bool encode() {
    bool ok = true;
    if (kind_ == PyUnicode_1BYTE_KIND) ok = utf8_of(static_cast<const Py_UCS1*>(data_), length_, copy_);
    else if (kind_ == PyUnicode_2BYTE_KIND) ok = utf8_of(static_cast<const Py_UCS2*>(data_), length_, copy_);
    else if (kind_ == PyUnicode_4BYTE_KIND) ok = utf8_of(static_cast<const Py_UCS4*>(data_), length_, copy_);
    bytes_ = copied_ ? std::string_view(copy_) : in_place_;
    return ok;
  }

  std::string_view bytes() const { return bytes_; }

  // With the GIL, after encode() failed: the UnicodeEncodeError Python
  // raises for this str.
  [[noreturn]] void raise_encode_error() const {
    if (!PyUnicode_AsUTF8AndSize(object_.ptr(), nullptr)) throw py::error_already_set();
    raise_value_error("the str could not be encoded to UTF-8");
  }

 private:
  py::handle object_;
  std::string_view in_place_;  // bytes, or an ASCII str
  const void* data_ = nullptr;  // the code points of any other str,
  int kind_ = 0;                // their size in bytes (0: nothing to encode)
  std::size_t length_ = 0;      // and their number
  bool copied_ = false;         // the bytes are in copy_
  std::string copy_;            // a bytearray's bytes, or a str's UTF-8
  std::string_view bytes_;
};

std::string as_string(py::handle value, const char* option) {
  if (!PyUnicode_Check(value.ptr()))
    raise_type_error(std::string("option '") + option + "' takes a str, not " + type_name(value));
  return value.cast<std::string>();
}

bool as_bool(py::handle value, const char* option) {
  if (!PyBool_Check(value.ptr()))
    raise_type_error(std::string("option '") + option + "' takes True or False, not " + type_name(value));
  return value.ptr() == Py_True;
}

std::size_t as_size(py::handle value, const char* option) {
  if (PyBool_Check(value.ptr()) || !PyLong_Check(value.ptr()))
    raise_type_error(std::string("option '") + option + "' takes an int, not " + type_name(value));
  const long long n = value.cast<long long>();
  if (n < 0) raise_value_error(std::string("option '") + option + "' takes a size of 0 or more, not " + std::to_string(n));
  return static_cast<std::size_t>(n);
}

// The per-document options: what the command's switches set. Where each
// block sat in the markup, and the verdicts' notes, are for explain() alone
// (which sets them).
struct DocumentArgs {
  DocumentArgs() {
    document.describe_markup = false;
    document.notes = false;
  }
  DocumentOptions document;
  std::size_t max_bytes = kDefaultMaxBytes;
};

const char* const kDocumentOptionNames =
    "url, site, lang, format, nfkc, ascii_punct, reflow, heuristics, max_bytes";

// Takes the document options out of `kwargs`; returns false for a name that
// is not one (left for the caller to try).
bool document_option(const std::string& name, py::handle value, DocumentArgs& a, std::string& url,
                     bool& site_given) {
  DocumentOptions& d = a.document;
  if (name == "url") {
    if (!value.is_none()) url = as_string(value, "url");
  } else if (name == "site") {
    if (!value.is_none()) {
      d.site = host_of(as_string(value, "site"));
      site_given = true;
    }
  } else if (name == "lang") {
    if (!value.is_none()) d.lang = ascii_lowercase(as_string(value, "lang"));
  } else if (name == "format") {
    const std::string f = as_string(value, "format");
    if (f == "auto") d.format = InputFormat::Auto;
    else if (f == "text") d.format = InputFormat::Text;
    else if (f == "html") d.format = InputFormat::Html;
    else raise_value_error("option 'format' takes \"auto\", \"text\" or \"html\", not \"" + f + "\"");
  } else if (name == "nfkc") {
    d.nfkc = as_bool(value, "nfkc");
  } else if (name == "ascii_punct") {
    d.ascii_punct = as_bool(value, "ascii_punct");
  } else if (name == "reflow") {
    d.reflow = as_bool(value, "reflow");
  } else if (name == "heuristics") {
    d.heuristics = as_bool(value, "heuristics");
  } else if (name == "max_bytes") {
    a.max_bytes = value.is_none() ? 0 : as_size(value, "max_bytes");
  } else {
    return false;
  }
  return true;
}

[[noreturn]] void unknown_option(const char* function, const std::string& name, const char* names) {
  raise_type_error(std::string(function) + "() got an unknown option '" + name + "' (options: " + names + ")");
}

DocumentArgs document_args(const char* function, const py::kwargs& kwargs) {
  DocumentArgs a;
  std::string url;
  bool site_given = false;
  for (auto item : kwargs) {
    const std::string name = item.first.cast<std::string>();
    if (!document_option(name, item.second, a, url, site_given)) unknown_option(function, name, kDocumentOptionNames);
  }
  if (!url.empty() && !site_given) a.document.site = host_of(url);  // site= wins over url=
  return a;
}

bool over_size(std::string_view bytes, std::size_t max_bytes) { return max_bytes && bytes.size() > max_bytes; }

void check_size(std::string_view bytes, std::size_t max_bytes, const std::string& what) {
  if (over_size(bytes, max_bytes))
    raise_value_error(what + " of " + std::to_string(bytes.size()) + " bytes is over the size limit of " +
                      format_size(max_bytes) + " (max_bytes=); not cleaned");
}


// Text the library made: normalised, so valid UTF-8 (a failure is an
// exception all the same).
py::str to_str(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

// A message, which may quote raw input bytes ("starts with '\xc3'"): bytes
// that are not UTF-8 are shown as \xNN escapes.
py::str message_str(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "backslashreplace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

// The cleaner's warnings (an HTML page reduced, ...), as Python warnings.
void warn(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) {
    const py::str text = message_str(w);
    if (PyErr_WarnEx(warning_type, PyUnicode_AsUTF8(text.ptr()), 2) != 0) throw py::error_already_set();
  }
}

std::vector<std::string> string_list(py::handle value, const char* what) {
  std::vector<std::string> out;
  if (value.is_none()) return out;
  if (PyUnicode_Check(value.ptr()) || PyBytes_Check(value.ptr())) {
    out.push_back(py::str(value).cast<std::string>());
    return out;
  }
  if (!py::isinstance<py::iterable>(value)) raise_type_error(std::string(what) + " takes a str or a list of them, not " + type_name(value));
  for (auto item : value) {
    if (!PyUnicode_Check(item.ptr())) raise_type_error(std::string(what) + " takes str items, not " + type_name(item));
    out.push_back(item.cast<std::string>());
  }
  return out;
}

// A rule path: str or os.PathLike.
std::vector<std::string> path_list(py::handle value) {
  std::vector<std::string> out;
  if (value.is_none()) return out;
  py::module_ os = py::module_::import("os");
  auto one = [&](py::handle p) {
    if (PyBytes_Check(p.ptr())) raise_type_error("rules takes paths as str or os.PathLike, not bytes");
    if (!PyUnicode_Check(p.ptr()) && !py::hasattr(p, "__fspath__"))
      raise_type_error("rules takes paths (str or os.PathLike), not " + type_name(p));
    out.push_back(os.attr("fspath")(p).cast<std::string>());
  };
  if (PyUnicode_Check(value.ptr()) || py::hasattr(value, "__fspath__")) {
    one(value);
    return out;
  }
  if (!py::isinstance<py::iterable>(value)) raise_type_error("rules takes a path or a list of paths, not " + type_name(value));
  for (auto item : value) one(item);
  return out;
}

[[noreturn]] void raise_rule_errors(const std::vector<RuleError>& errors) {
  std::string message;
  py::list all;
  for (const auto& e : errors) {
    message += (message.empty() ? "" : "\n") + e.format();
    all.append(py::make_tuple(message_str(e.file), e.line, e.column, message_str(e.message)));
  }
  if (errors.empty()) message = "rules could not be compiled";
  const RuleError first = errors.empty() ? RuleError{} : errors.front();
  py::object error = py::reinterpret_borrow<py::object>(rule_error_type)(message_str(message));
  error.attr("file") = message_str(first.file);
  error.attr("line") = first.line;
  error.attr("column") = first.column;
  error.attr("message") = message_str(first.message);
  error.attr("errors") = all;
  PyErr_SetObject(rule_error_type, error.ptr());
  throw py::error_already_set();
}

// A Python Cleaner: the compiled library Cleaner and what it was made from.
struct PyCleaner {
  std::shared_ptr<const Cleaner> cleaner;
  std::vector<std::string> paths;     // rules=, as given
  bool builtin_rules = true;
  std::vector<std::string> disabled;  // disable=, split at commas

  static std::unique_ptr<PyCleaner> build(Config config, std::vector<std::string> paths) {
    std::vector<RuleError> errors;
    std::unique_ptr<Cleaner> c;
    {
      py::gil_scoped_release release;  // compiling the rules takes a while
      c = Cleaner::create(config, &errors);
    }
    if (!c) raise_rule_errors(errors);
    auto p = std::make_unique<PyCleaner>();
    p->cleaner = std::move(c);
    p->paths = std::move(paths);
    p->builtin_rules = config.builtin_rules;
    p->disabled = config.disabled;
    return p;
  }
};

// The PyCleaner of a Python object. The methods take `self` as a handle
// and come here, because a Cleaner made by Cleaner.__new__ without __init__
// (or by a subclass whose __init__ skips the base's) holds no PyCleaner:
// pybind11 would hand the method uninitialised memory. That is a TypeError.
bool initialised(py::handle self) {
  if (!py::isinstance<PyCleaner>(self)) return false;
  auto* instance = reinterpret_cast<py::detail::instance*>(self.ptr());
  auto holder = instance->get_value_and_holder(py::detail::get_type_info(typeid(PyCleaner)));
  return holder && holder.holder_constructed();
}

// The PyCleaner of a Cleaner itself (not of a subclass), found without
// pybind11's type lookups, each of which hashes the C++ type's name: the
// checks below make three of them, a thousand instructions per call held
// under the GIL. Null for anything else, which takes the checks below.
const PyCleaner* exact_cleaner(py::handle self) {
  static const py::detail::type_info* const type = py::detail::get_type_info(typeid(PyCleaner));
  if (type == nullptr || Py_TYPE(self.ptr()) != type->type) return nullptr;
  auto holder = reinterpret_cast<py::detail::instance*>(self.ptr())->get_value_and_holder(type, false);
  return holder && holder.holder_constructed() ? holder.value_ptr<PyCleaner>() : nullptr;
}

const PyCleaner& checked(py::handle self) {
  if (const PyCleaner* c = exact_cleaner(self)) return *c;
  if (!py::isinstance<PyCleaner>(self))
    throw py::type_error("a method of newsclean.Cleaner called on " + std::string(Py_TYPE(self.ptr())->tp_name));
  if (!initialised(self)) throw py::type_error("this newsclean.Cleaner was never initialised (call Cleaner())");
  return py::cast<const PyCleaner&>(self);
}

std::unique_ptr<PyCleaner> make_cleaner(py::handle rules, py::handle builtin_rules, py::handle disable) {
  Config config;
  config.builtin_rules = as_bool(builtin_rules, "builtin_rules");
  config.rule_paths = path_list(rules);
  for (const auto& d : string_list(disable, "disable")) {
    std::size_t start = 0;  // "caption,meta" as on the command line
    while (start <= d.size()) {
      std::size_t comma = d.find(',', start);
      if (comma == std::string::npos) comma = d.size();
      if (comma > start) config.disabled.push_back(d.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return PyCleaner::build(config, config.rule_paths);
}

py::str clean(py::handle cleaner_object, py::handle text, const py::kwargs& kwargs) {
  const PyCleaner& self = checked(cleaner_object);
  InputText input(text, "clean()");
  const DocumentArgs a = kwargs.empty() ? DocumentArgs{} : document_args("clean", kwargs);
  std::string out;
  std::vector<std::string> warnings;
  bool encoded;
  {
    py::gil_scoped_release release;
    encoded = input.encode();
    if (encoded && !over_size(input.bytes(), a.max_bytes)) {
      Document doc = self.cleaner->clean(input.bytes(), a.document);
      doc.append_text(out);
      warnings = std::move(doc.warnings);
    }
  }
  if (!encoded) input.raise_encode_error();
  check_size(input.bytes(), a.max_bytes, "document");
  if (!warnings.empty()) warn(warnings);
  return to_str(out);
}

py::list explain(py::handle cleaner_object, py::handle text, const py::kwargs& kwargs) {
  const PyCleaner& self = checked(cleaner_object);
  InputText input(text, "explain()");
  DocumentArgs a = document_args("explain", kwargs);
  a.document.describe_markup = true;
  a.document.notes = true;
  Document doc;
  bool encoded;
  {
    py::gil_scoped_release release;
    encoded = input.encode();
    if (encoded && !over_size(input.bytes(), a.max_bytes)) doc = self.cleaner->clean(input.bytes(), a.document);
  }
  if (!encoded) input.raise_encode_error();
  check_size(input.bytes(), a.max_bytes, "document");
  warn(doc.warnings);
  py::list out;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    const Verdict& v = doc.verdicts[i];
    py::dict d;
    // As --explain=json: the text as it came, and what norm/mojibake made of it.
    d["text"] = to_str(b.unrepaired.empty() ? b.text : b.unrepaired);
    d["repaired"] = b.repaired ? py::object(to_str(b.text)) : py::object(py::none());
    d["decision"] = decision_name(v.decision);
    d["reason"] = to_str(v.reason);
    d["detail"] = message_str(v.detail);
    d["zone"] = zone_name(doc.zones[i]);
    d["kind"] = block_kind_name(b.kind);
    d["line"] = b.line;
    d["edited"] = v.decision == Decision::Edit ? py::object(to_str(v.text)) : py::object(py::none());
    if (!b.path.empty()) d["path"] = to_str(b.path);
    out.append(std::move(d));
  }
  return out;
}

py::list clean_many(py::handle cleaner_object, py::handle texts, const py::kwargs& all) {
  const PyCleaner& self = checked(cleaner_object);
  unsigned jobs = 0;
  py::kwargs kwargs;
  for (auto item : all) {
    if (item.first.cast<std::string>() == "jobs") {
      if (!item.second.is_none()) {
        if (PyBool_Check(item.second.ptr()) || !PyLong_Check(item.second.ptr()))
          raise_type_error("option 'jobs' takes an int or None, not " + type_name(item.second));
        const long long n = item.second.cast<long long>();
        if (n < 1 || n > 1024) raise_value_error("option 'jobs' takes a number from 1 to 1024, not " + std::to_string(n));
        jobs = static_cast<unsigned>(n);
      }
    } else {
      kwargs[item.first] = item.second;
    }
  }
  const DocumentArgs a = kwargs.empty() ? DocumentArgs{} : document_args("clean_many", kwargs);
  if (PyUnicode_Check(texts.ptr()) || PyBytes_Check(texts.ptr()))
    raise_type_error("clean_many() takes a list of documents, not one " + type_name(texts) + " (use clean())");
  if (!py::isinstance<py::iterable>(texts)) raise_type_error("clean_many() takes an iterable of str or bytes, not " + type_name(texts));
  std::vector<py::object> keep;  // the documents stay alive while their bytes are read
  std::vector<InputText> texts_in;
  for (auto item : texts) {
    const std::size_t i = texts_in.size();
    try {
      texts_in.emplace_back(item, "clean_many()");
    } catch (py::type_error&) {
      raise_type_error("clean_many() takes str or bytes documents; item " + std::to_string(i) + " is " + type_name(item));
    }
    keep.push_back(py::reinterpret_borrow<py::object>(item));
  }
  std::size_t unencodable = texts_in.size();  // the first str with a lone surrogate
  {
    py::gil_scoped_release release;  // texts_in no longer moves: bytes() may point into it
    for (std::size_t i = 0; i < texts_in.size(); ++i)
      if (!texts_in[i].encode() && unencodable == texts_in.size()) unencodable = i;
  }
  if (unencodable < texts_in.size()) texts_in[unencodable].raise_encode_error();
  std::vector<std::string_view> inputs;
  inputs.reserve(texts_in.size());
  for (const auto& t : texts_in) {
    check_size(t.bytes(), a.max_bytes, "document " + std::to_string(inputs.size()));
    inputs.push_back(t.bytes());
  }
  std::vector<std::string> out(inputs.size());
  std::vector<std::vector<std::string>> warnings(inputs.size());
  {
    py::gil_scoped_release release;
    self.cleaner->clean_each(inputs, a.document, jobs, [&](std::size_t i, Document& doc) {
      doc.append_text(out[i]);
      warnings[i] = std::move(doc.warnings);
    });
  }
  py::list result(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!warnings[i].empty()) warn(warnings[i]);
    result[i] = to_str(out[i]);
    std::string().swap(out[i]);
  }
  return result;
}

const char* const kJsonlOptionNames =
    "field, html_field, url_field, output_field, annotate, on_error, first_record, and the document options "
    "url, site, lang, format, nfkc, ascii_punct, reflow, heuristics, max_bytes";

struct JsonlResult {
  py::bytes output;
  jsonl::Counts counts;
  py::list notes;
  bool stopped = false;
};

JsonlResult clean_jsonl(py::handle cleaner_object, py::handle data, const py::kwargs& kwargs) {
  const PyCleaner& self = checked(cleaner_object);
  if (!PyBytes_Check(data.ptr()) && !PyByteArray_Check(data.ptr()))
    raise_type_error("clean_jsonl() takes bytes (JSON lines), not " + type_name(data));
  InputText records(data, "clean_jsonl()");
  records.encode();  // bytes: nothing to encode
  const std::string_view input = records.bytes();
  jsonl::Settings s;
  DocumentArgs a;
  std::string url;
  bool site_given = false;
  std::uint64_t first_record = 1;
  for (auto item : kwargs) {
    const std::string name = item.first.cast<std::string>();
    py::handle value = item.second;
    if (name == "field") {
      s.field = as_string(value, "field");
      if (s.field.empty()) raise_value_error("option 'field' needs a member name");
    } else if (name == "html_field") {
      s.html_field = value.is_none() ? "" : as_string(value, "html_field");
    } else if (name == "url_field") {
      s.url_field = value.is_none() ? "" : as_string(value, "url_field");
    } else if (name == "output_field") {
      s.output_field = value.is_none() ? "" : as_string(value, "output_field");
    } else if (name == "annotate") {
      s.annotate = as_bool(value, "annotate");
    } else if (name == "on_error") {
      const std::string p = as_string(value, "on_error");
      if (p == "pass") s.on_error = jsonl::OnError::Pass;
      else if (p == "drop") s.on_error = jsonl::OnError::Drop;
      else if (p == "fail") s.on_error = jsonl::OnError::Fail;
      else raise_value_error("option 'on_error' takes \"pass\", \"drop\" or \"fail\", not \"" + p + "\"");
    } else if (name == "first_record") {
      first_record = as_size(value, "first_record");
    } else if (!document_option(name, value, a, url, site_given)) {
      unknown_option("clean_jsonl", name, kJsonlOptionNames);
    }
  }
  if (!url.empty() && !site_given) a.document.site = host_of(url);
  s.document = a.document;
  s.max_bytes = a.max_bytes;
  std::string out;
  jsonl::RecordsResult r;
  {
    py::gil_scoped_release release;
    thread_local jsonl::Scratch scratch;
    r = jsonl::process_records(input, first_record, *self.cleaner, s, out, scratch, nullptr);
  }
  JsonlResult result;
  result.output = py::bytes(out.data(), out.size());
  result.counts = r.counts;
  result.stopped = r.stopped;
  for (const auto& n : r.notes) result.notes.append(py::make_tuple(n.record, message_str(n.text)));
  return result;
}

// Pickling: the rule texts, not the compiled rules, so a Cleaner can be
// rebuilt in a worker process on another machine, without the rule files.
py::tuple get_state(py::handle cleaner_object) {
  const PyCleaner& self = checked(cleaner_object);
  py::list sources;
  for (const auto& s : self.cleaner->sources())
    sources.append(py::make_tuple(s.name, py::bytes(s.text), s.included));
  py::list paths, disabled;
  for (const auto& p : self.paths) paths.append(p);
  for (const auto& d : self.disabled) disabled.append(d);
  return py::make_tuple(1, self.builtin_rules, disabled, sources, paths);
}

std::unique_ptr<PyCleaner> rebuild(const py::tuple& state) {
  if (state.size() != 5 || state[0].cast<int>() != 1) raise_value_error("not a pickled newsclean.Cleaner of this version");
  Config config;
  config.builtin_rules = state[1].cast<bool>();
  for (auto d : state[2]) config.disabled.push_back(d.cast<std::string>());
  for (auto s : state[3]) {
    auto t = s.cast<py::tuple>();
    config.rule_sources.push_back({t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<bool>()});
  }
  std::vector<std::string> paths;
  for (auto p : state[4]) paths.push_back(p.cast<std::string>());
  return PyCleaner::build(config, paths);
}

std::unique_ptr<PyCleaner> set_state(const py::tuple& state) {
  try {
    return rebuild(state);
  } catch (py::cast_error&) {
  } catch (py::index_error&) {
  } catch (py::error_already_set& e) {
    if (!e.matches(PyExc_IndexError) && !e.matches(PyExc_TypeError)) throw;
  }
  raise_value_error("not a pickled newsclean.Cleaner of this version");
}

}  // namespace

PYBIND11_MODULE(_newsclean, m) {
  m.doc() = "The newsclean library's binding; use the package newsclean.";
  py::options options;
  options.disable_function_signatures();  // the docstrings give them, with the keyword options

  rule_error_type = PyErr_NewExceptionWithDoc(
      "newsclean.RuleError",
      "A rule file is bad. Attributes: file, line, column (1-based; 0 when not known), message (of the "
      "first error), errors (every error as (file, line, column, message)). str() shows each with the "
      "line and a caret, as the command does.",
      PyExc_ValueError, nullptr);
  m.attr("RuleError") = py::handle(rule_error_type);
  warning_type = PyErr_NewExceptionWithDoc(
      "newsclean.NewscleanWarning",
      "What the command would print on stderr for a document: e.g. an HTML page reduced to its first "
      "levels of nesting.",
      PyExc_UserWarning, nullptr);
  m.attr("NewscleanWarning") = py::handle(warning_type);

  py::class_<JsonlResult>(m, "JsonlResult", "What clean_jsonl() made of a run of records.")
      .def_readonly("output", &JsonlResult::output, "bytes: one line per record, each ended by a newline")
      .def_property_readonly("read", [](const JsonlResult& r) { return r.counts.read; }, "records read")
      .def_property_readonly("written", [](const JsonlResult& r) { return r.counts.written; }, "records written")
      .def_property_readonly("changed", [](const JsonlResult& r) { return r.counts.changed; },
                             "records whose text the cleaning changed")
      .def_property_readonly("errors", [](const JsonlResult& r) { return r.counts.errors; },
                             "records in error (bad JSON, no field, over the size limit)")
      .def_readonly("notes", &JsonlResult::notes,
                    "list of (record number, message): warnings and records in error, as the command reports them")
      .def_readonly("stopped", &JsonlResult::stopped,
                    "True when a record in error under on_error=\"fail\" stopped the run")
      .def("__repr__", [](const JsonlResult& r) {
        return "<JsonlResult read=" + std::to_string(r.counts.read) + " written=" + std::to_string(r.counts.written) +
               " changed=" + std::to_string(r.counts.changed) + " errors=" + std::to_string(r.counts.errors) + ">";
      });

  py::class_<PyCleaner>(m, "Cleaner",
                        "Cleaner(rules=(), builtin_rules=True, disable=())\n\n"
                        "Compiles the rules once: the built-in ones (unless builtin_rules=False) and those of the\n"
                        "rule files or directories in `rules` (a path or a list of paths), less the rules,\n"
                        "heuristics or categories named in `disable` (ids such as \"dup/near\", categories such as\n"
                        "\"caption\"). A bad rule file raises RuleError. A Cleaner is immutable: share it between\n"
                        "threads; it pickles by its rule texts, so it can be sent to worker processes.")
      .def(py::init([](py::handle rules, py::handle builtin_rules, py::handle disable) {
             return make_cleaner(rules, builtin_rules, disable);
           }),
           py::arg("rules") = py::tuple(), py::arg("builtin_rules") = true, py::arg("disable") = py::tuple())
      .def("clean", &clean,
           "clean(text, *, url=None, site=None, lang=None, format=\"auto\", nfkc=False, ascii_punct=False,\n"
           "      reflow=True, heuristics=True, max_bytes=33554432) -> str\n\n"
           "The clean article: exactly what `newsclean` writes for the same bytes. `text` is str, or bytes\n"
           "in any encoding the command takes (HTML with its charset included). url/site switch on site\n"
           "rules, lang the language-scoped ones; format is \"auto\" (HTML when it looks like markup),\n"
           "\"text\" or \"html\". A document over max_bytes (None or 0: no limit) raises ValueError, as the\n"
           "command refuses it. Releases the GIL while it cleans.",
           py::arg("text"))
      .def("explain", &explain,
           "explain(text, **options) -> list[dict]\n\n"
           "Every block with its verdict, as `newsclean --explain=json`: dicts with text, decision\n"
           "(\"keep\", \"drop\" or \"edit\"), reason (the rule or heuristic id; \"\" when kept by default),\n"
           "detail, zone (\"head\", \"body\", \"tail\"), kind, line, edited (the text after an edit, else\n"
           "None) and, for HTML, path. Options as for clean(). Releases the GIL while it cleans.",
           py::arg("text"))
      .def("clean_many", &clean_many,
           "clean_many(texts, *, jobs=None, **options) -> list[str]\n\n"
           "Cleans every document of `texts` (str or bytes each) on `jobs` threads of the library (None:\n"
           "one per core), without the GIL; the results in the order of `texts`. Options as for clean().",
           py::arg("texts"))
      .def("clean_jsonl", &clean_jsonl,
           "clean_jsonl(data, *, field=\"text\", html_field=None, url_field=\"url\", output_field=None,\n"
           "            annotate=False, on_error=\"pass\", first_record=1, **options) -> JsonlResult\n\n"
           "Cleans a run of JSON lines (bytes; the last line may lack its newline) exactly as\n"
           "`newsclean --jsonl` does: one output line per record, in order, every other member byte for\n"
           "byte; a broken record is passed through (on_error=\"pass\"), dropped (\"drop\") or stops the run\n"
           "(\"fail\"). first_record numbers the first line for the notes. Releases the GIL.",
           py::arg("data"))
      .def_property_readonly("rules", [](py::handle c) { return py::tuple(py::cast(checked(c).paths)); },
                             "the rule paths given")
      .def_property_readonly("builtin_rules", [](py::handle c) { return checked(c).builtin_rules; },
                             "whether the built-in rules are in")
      .def_property_readonly("disable", [](py::handle c) { return py::tuple(py::cast(checked(c).disabled)); },
                             "the ids and categories switched off")
      .def("__repr__",
           [](py::handle object) {
             if (!initialised(object)) return std::string("<newsclean.Cleaner, not initialised>");
             const PyCleaner& c = py::cast<const PyCleaner&>(object);
             std::string s = "newsclean.Cleaner(";
             std::string sep;
             auto list = [](const std::vector<std::string>& v) {
               std::string out = "(";
               for (std::size_t i = 0; i < v.size(); ++i)
                 out += py::repr(py::str(v[i])).cast<std::string>() + (v.size() == 1 || i + 1 < v.size() ? "," : "");
               return out + ")";
             };
             if (!c.paths.empty()) s += "rules=" + list(c.paths), sep = ", ";
             if (!c.builtin_rules) s += sep + "builtin_rules=False", sep = ", ";
             if (!c.disabled.empty()) s += sep + "disable=" + list(c.disabled);
             return s + ")";
           })
      .def(py::pickle(&get_state, &set_state));

  m.def("version", [] { return std::string(version()); }, "version() -> str\n\nThe library's version.");
  m.def("host_of", [](const std::string& url) { return host_of(url); },
        "host_of(url) -> str\n\nThe host name site rules go by: \"https://www.example.com/x\" gives \"example.com\";\n"
        "\"\" when there is none.",
        py::arg("url"));
  m.attr("DEFAULT_MAX_BYTES") = kDefaultMaxBytes;
}
