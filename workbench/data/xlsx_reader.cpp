// Workbooks in (xlsx_reader.hpp). Sections: the archive and its limits;
// the XML stream (expat, no DTD); the package (relationships, workbook,
// styles, shared strings); a sheet; dates and references.
#include "data/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/xlsx_writer.hpp"  // cell_ref and the sheet limits
#include "data/read_file.hpp"
#include "data/xlsx_internal.hpp"

namespace gb::data {

namespace xlsx_detail {

std::string_view local_name(const char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

std::string mib(std::uint64_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

const char* attr(const char** attrs, std::string_view name) {
  for (int i = 0; attrs[i]; i += 2)
    if (local_name(attrs[i]) == name) return attrs[i + 1];
  return nullptr;
}

}  // namespace xlsx_detail

using namespace xlsx_detail;

namespace {

// ---- the archive ------------------------------------------------------------

// Why an entry's name is refused, if it is.
std::optional<std::string> name_problem(const std::string& name) {
  if (name.empty()) return "an empty name";
  if (find_invalid_utf8(name)) return "a name that is not UTF-8";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "a control character in its name";
  if (name.front() == '/' || (name.size() >= 2 && name[1] == ':')) return "an absolute path";
  if (name.find('\\') != std::string::npos) return "a backslash in its name";
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    if (std::string_view(name).substr(start, end - start) == "..") return "'..' in its path";
    start = end + 1;
  }
  return std::nullopt;
}

// ---- the XML stream -----------------------------------------------------------

// What a part's parser hears: element starts and ends (local names, without
// a namespace prefix) and text.

// An attribute's value by local name, or nullptr.

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
using ParserPtr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree>;

struct ParseState {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* s = static_cast<ParseState*>(data);
  if (s->handler->failure) return;
  s->handler->start(local_name(name), attrs);
  if (s->handler->failure) XML_StopParser(s->parser, XML_FALSE);
}
void XMLCALL on_end(void* data, const XML_Char* name) {
  auto* s = static_cast<ParseState*>(data);
  if (s->handler->failure) return;
  s->handler->end(local_name(name));
  if (s->handler->failure) XML_StopParser(s->parser, XML_FALSE);
}
void XMLCALL on_text(void* data, const XML_Char* text, int len) {
  auto* s = static_cast<ParseState*>(data);
  if (s->handler->failure) return;
  s->handler->text(std::string_view(text, static_cast<std::size_t>(len)));
  if (s->handler->failure) XML_StopParser(s->parser, XML_FALSE);
}
void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* s = static_cast<ParseState*>(data);
  s->handler->failure =
      "holds a document type declaration (<!DOCTYPE>), which no workbook has: refused, since its entities could "
      "expand without bound";
  XML_StopParser(s->parser, XML_FALSE);
}

}  // namespace

// ---- the package ----------------------------------------------------------------
void XlsxBook::Impl::open_archive() {
  if (bytes.size() < 4 || !looks_like_zip(bytes))
    throw error("is not a workbook (.xlsx): it is not a zip archive; a CSV file is imported without --sheet");
  ZipErrorText err;
  zip_source_t* raw = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err.e);
  if (!raw) throw error("cannot read the workbook: " + err.text());
  ZipSourcePtr src(raw);
  zip.reset(zip_open_from_source(src.get(), ZIP_RDONLY | ZIP_CHECKCONS, &err.e));
  if (!zip) throw error("is not a valid workbook: the zip archive is damaged (" + err.text() + ")");
  static_cast<void>(src.release());  // the archive owns it now
  const zip_int64_t n = zip_get_num_entries(zip.get(), 0);
  if (n < 0 || static_cast<std::uint64_t>(n) > limits.max_entries)
    throw error("has " + std::to_string(n) + " entries in its archive; a workbook has at most " +
                std::to_string(limits.max_entries) + " here: refused");
  std::uint64_t total = 0;
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(n); ++i) {
    const char* raw_name = zip_get_name(zip.get(), i, ZIP_FL_ENC_RAW);
    if (!raw_name) throw error("entry " + std::to_string(i + 1) + " of the archive has no readable name: refused");
    const std::string entry = raw_name;
    if (auto why = name_problem(entry))
      throw error("entry '" + printable(entry, 200) + "' has " + *why +
                  ": refused (a workbook's parts live inside it)");
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip.get(), i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
      throw part_error(entry, "its size cannot be read: refused");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
      throw part_error(entry, "is encrypted (a password-protected workbook); save it without a password first");
    if (st.size > limits.max_part_bytes)
      throw part_error(entry, "unpacks to " + std::to_string(st.size) + " bytes, over the " +
                                  mib(limits.max_part_bytes) + " one part may hold (a zip bomb?): refused");
    total += st.size;
    if (total > limits.max_total_bytes)
      throw error("unpacks to more than " + mib(limits.max_total_bytes) + " (a zip bomb?): refused");
    if (!entries.emplace(entry, i).second) throw part_error(entry, "appears twice in the archive: refused");
  }
}

void XlsxBook::Impl::parse(const std::string& part, xlsx_detail::XmlHandler& h) const {
  const auto it = entries.find(part);
  if (it == entries.end()) throw part_error(part, "is missing from the workbook");
  ZipFilePtr f(zip_fopen_index(zip.get(), it->second, 0));
  if (!f) throw part_error(part, std::string("cannot be unpacked: ") + zip_strerror(zip.get()));
  ParserPtr parser(XML_ParserCreate("UTF-8"));
  if (!parser) throw std::bad_alloc();
  ParseState state{parser.get(), &h};
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  std::vector<char> buf(1 << 16);
  std::uint64_t total = 0;
  for (;;) {
    const zip_int64_t got = zip_fread(f.get(), buf.data(), buf.size());
    if (got < 0)
      throw part_error(part, std::string("cannot be unpacked (damaged archive): ") + zip_file_strerror(f.get()));
    total += static_cast<std::uint64_t>(got);
    if (total > limits.max_part_bytes)
      throw part_error(part, "unpacks to more than " + mib(limits.max_part_bytes) + " (a zip bomb?): refused");
    const bool last = got == 0;
    if (XML_Parse(parser.get(), buf.data(), static_cast<int>(got), last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
      if (h.failure) throw part_error(part, *h.failure);
      throw part_error(part, std::string("is not well-formed XML: ") + XML_ErrorString(XML_GetErrorCode(parser.get())) +
                                 " at line " + std::to_string(XML_GetCurrentLineNumber(parser.get())));
    }
    if (h.failure) throw part_error(part, *h.failure);
    if (last) break;
  }
}

namespace {

// "xl/worksheets/../x.xml" -> "xl/x.xml"; nullopt when it leaves the package.
std::optional<std::string> normalise_part(const std::string& base_dir, const std::string& target) {
  std::string path = target.starts_with('/') ? target.substr(1) : base_dir + target;
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (out.empty()) return std::nullopt;
      out.pop_back();
    } else if (!seg.empty() && seg != ".") {
      out.push_back(seg);
    }
    start = end + 1;
  }
  std::string joined;
  for (const auto& s : out) joined += (joined.empty() ? "" : "/") + s;
  return joined;
}

std::string dir_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? "_rels/" + part + ".rels"
                                    : part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

struct Relationship {
  std::string id, type, target;
};

class RelsHandler : public XmlHandler {
 public:
  std::vector<Relationship> rels;
  void start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = attr(attrs, "Id");
    const char* type = attr(attrs, "Type");
    const char* target = attr(attrs, "Target");
    const char* mode = attr(attrs, "TargetMode");
    if (mode && std::string_view(mode) == "External") return;
    if (id && type && target) rels.push_back({id, type, target});
  }
  void end(std::string_view) override {}
};

class WorkbookHandler : public XmlHandler {
 public:
  struct Sheet {
    std::string name, rid;
    bool hidden = false;
  };
  std::vector<Sheet> sheets;
  bool date1904 = false;
  std::uint64_t max_sheets = 0;
  void start(std::string_view name, const char** attrs) override {
    if (name == "workbookPr") {
      const char* d = attr(attrs, "date1904");
      date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
    } else if (name == "sheet") {
      const char* n = attr(attrs, "name");
      const char* rid = attr(attrs, "id");
      const char* state = attr(attrs, "state");
      if (!n || !rid) return;
      if (sheets.size() >= max_sheets) {
        failure = "has more than " + std::to_string(max_sheets) + " sheets: refused";
        return;
      }
      sheets.push_back({n, rid, state && std::string_view(state) != "visible"});
    }
  }
  void end(std::string_view) override {}
};

// Built-in number formats that show dates or times (ECMA-376 18.8.30, and
// the East Asian ones Excel maps to dates).
bool builtin_date_format(int id, bool& time_only) {
  time_only = (id >= 18 && id <= 21) || (id >= 45 && id <= 47);
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

bool is_time_only_code(std::string_view code) {
  bool date = false, time = false;
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (bracket) {
      if (c == 'h' || c == 's' || c == 'm') time = true;  // [h]:mm elapsed
      bracket = c != ']';
      continue;
    }
    if (c == '"') quoted = true;
    if (c == '[') bracket = true;
    if (c == '\\' || c == '_' || c == '*') ++i;
    if (c == 'd' || c == 'y') date = true;
    if (c == 'h' || c == 's') time = true;
  }
  return time && !date;
}

class StylesHandler : public XmlHandler {
 public:
  std::map<int, std::string> custom;
  std::vector<int> xf_formats;
  void start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      const char* id = attr(attrs, "numFmtId");
      const char* code = attr(attrs, "formatCode");
      if (id && code) custom[std::atoi(id)] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      if (xf_formats.size() > 100000) {
        failure = "has more than 100,000 cell styles: refused";
        return;
      }
      const char* id = attr(attrs, "numFmtId");
      xf_formats.push_back(id ? std::atoi(id) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  bool in_cell_xfs_ = false;
};

// <si> entries: text of <t> elements, outside <rPh> (phonetic guides).
class SharedStringsHandler : public XmlHandler {
 public:
  std::vector<std::string>* out = nullptr;
  const XlsxLimits* limits = nullptr;
  void start(std::string_view name, const char** attrs) override {
    if (name == "sst") {
      const char* unique = attr(attrs, "uniqueCount");
      if (unique && std::strtoull(unique, nullptr, 10) > limits->max_shared_strings)
        failure = too_many(std::strtoull(unique, nullptr, 10));
    } else if (name == "si") {
      if (out->size() >= limits->max_shared_strings) {
        failure = too_many(out->size() + 1);
        return;
      }
      out->emplace_back();
      in_si_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t") {
      in_t_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "si") in_si_ = false;
    if (name == "rPh") --phonetic_;
    if (name == "t") in_t_ = false;
  }
  void text(std::string_view t) override {
    if (!in_si_ || !in_t_ || phonetic_ > 0) return;
    bytes_ += t.size();
    if (bytes_ > limits->max_shared_string_bytes) {
      failure = "holds more than " + mib(limits->max_shared_string_bytes) + " of text: refused";
      return;
    }
    if (out->back().size() + t.size() > limits->max_cell_bytes) {
      failure = "string " + std::to_string(out->size()) + " is longer than " + mib(limits->max_cell_bytes) +
                ", more than a cell holds: refused";
      return;
    }
    out->back().append(t);
  }

 private:
  bool in_si_ = false, in_t_ = false;
  int phonetic_ = 0;
  std::uint64_t bytes_ = 0;
  std::string too_many(std::uint64_t n) const {
    const std::string limit = std::to_string(limits->max_shared_strings);
    if (n > limits->max_shared_strings)
      return "has more than " + limit + " shared strings, the most a workbook may hold here: refused";
    return "has " + std::to_string(n) + " shared strings, more than the " + limit +
           " a workbook may hold here: refused";
  }
};

}  // namespace

void XlsxBook::Impl::load_styles(const std::string& part) {
  StylesHandler h;
  parse(part, h);
  for (int id : h.xf_formats) {
    bool time_only = false;
    bool date = false;
    if (const auto it = h.custom.find(id); it != h.custom.end()) {
      date = is_date_format_code(it->second);
      time_only = date && is_time_only_code(it->second);
    } else {
      date = builtin_date_format(id, time_only);
    }
    date_styles.push_back(date);
    time_styles.push_back(time_only);
  }
}

void XlsxBook::Impl::load_shared_strings(const std::string& part) {
  SharedStringsHandler h;
  h.out = &shared;
  h.limits = &limits;
  parse(part, h);
}

void XlsxBook::Impl::load() {
  open_archive();
  std::string main = "xl/workbook.xml";
  if (has("_rels/.rels")) {
    RelsHandler root;
    parse("_rels/.rels", root);
    for (const auto& r : root.rels)
      if (r.type.ends_with("/officeDocument")) {
        const auto p = normalise_part("", r.target);
        if (!p) throw part_error("_rels/.rels", "points outside the workbook ('" + printable(r.target, 200) + "')");
        main = *p;
      }
  }
  if (!has(main)) throw error("is not a workbook (.xlsx): it has no workbook part (" + main + ")");
  WorkbookHandler wb;
  wb.max_sheets = limits.max_sheets;
  parse(main, wb);
  date1904 = wb.date1904;
  std::map<std::string, std::string> targets;
  std::string styles, strings;
  const std::string rels = rels_of(main);
  if (has(rels)) {
    RelsHandler h;
    parse(rels, h);
    for (const auto& r : h.rels) {
      const auto p = normalise_part(dir_of(main), r.target);
      if (!p) throw part_error(rels, "points outside the workbook ('" + printable(r.target, 200) + "')");
      targets[r.id] = *p;
      if (r.type.ends_with("/styles")) styles = *p;
      if (r.type.ends_with("/sharedStrings")) strings = *p;
    }
  }
  if (styles.empty() && has(dir_of(main) + "styles.xml")) styles = dir_of(main) + "styles.xml";
  if (strings.empty() && has(dir_of(main) + "sharedStrings.xml")) strings = dir_of(main) + "sharedStrings.xml";
  for (const auto& s : wb.sheets) {
    const auto t = targets.find(s.rid);
    if (t == targets.end()) continue;  // a chart sheet or a dangling id: not a worksheet we can read
    if (!has(t->second)) throw error("sheet '" + printable(s.name, 200) + "': its part " + t->second + " is missing");
    sheets.push_back({s.name, t->second, s.hidden});
  }
  if (!styles.empty() && has(styles)) load_styles(styles);
  if (!strings.empty() && has(strings)) load_shared_strings(strings);
}

XlsxBook::XlsxBook(std::string name, std::string bytes, const XlsxLimits& limits) : impl_(std::make_unique<Impl>()) {
  impl_->name = std::move(name);
  impl_->limits = limits;
  impl_->bytes = std::move(bytes);
  impl_->load();
}

XlsxBook XlsxBook::open(const std::filesystem::path& file, const XlsxLimits& limits) {
  const SourceLocation where{file.string(), 0, 0};
  ReadChecks checks;
  checks.sized = [&](std::uint64_t size) {
    if (size > limits.max_file_bytes)
      throw Error(where, "is " + mib(size) + ", over the " + mib(limits.max_file_bytes) +
                             " a workbook may be here; save the sheet as CSV");
  };
  checks.grew = [&](const std::string& bytes, std::size_t) {
    if (bytes.size() >= 4 && !looks_like_zip(bytes))
      throw Error(where, "is not a workbook (.xlsx): it is not a zip archive");
    if (bytes.size() > limits.max_file_bytes)
      throw Error(where, "is over the " + mib(limits.max_file_bytes) + " a workbook may be here");
  };
  std::string bytes = read_whole_file(file, "a workbook", checks);
  return XlsxBook(file.string(), std::move(bytes), limits);
}

XlsxBook::XlsxBook(XlsxBook&&) noexcept = default;
XlsxBook& XlsxBook::operator=(XlsxBook&&) noexcept = default;
XlsxBook::~XlsxBook() = default;

const std::string& XlsxBook::name() const {
  return impl_->name;
}
const std::vector<XlsxSheetEntry>& XlsxBook::sheets() const {
  return impl_->sheets;
}
bool XlsxBook::date1904() const {
  return impl_->date1904;
}

std::size_t XlsxBook::find_sheet(std::string_view which) const {
  const auto& s = impl_->sheets;
  if (s.empty()) throw impl_->error("has no worksheets");
  auto names = [&] {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i)
      out += (i ? ", " : "") + std::to_string(i + 1) + " '" + printable(s[i].name, 100) + "'";
    return out;
  };
  if (which.empty()) {
    for (std::size_t i = 0; i < s.size(); ++i)
      if (!s[i].hidden) return i;
    return 0;
  }
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i].name == which) return i;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (iequals_ascii(s[i].name, which)) return i;
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(which.data(), which.data() + which.size(), n);
  if (ec == std::errc() && end == which.data() + which.size()) {
    if (n >= 1 && n <= s.size()) return n - 1;
    throw impl_->error("has no sheet " + std::to_string(n) + "; its sheets are " + names());
  }
  throw impl_->error("has no sheet '" + printable(which, 200) + "'; its sheets are " + names());
}

bool looks_like_zip(std::string_view b) {
  return b.size() >= 4 && b[0] == 'P' && b[1] == 'K' && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
}

}  // namespace gb::data
