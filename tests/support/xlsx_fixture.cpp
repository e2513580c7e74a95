#include "support/xlsx_fixture.hpp"

#include <zip.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "support.hpp"

namespace gbtest {

namespace {

struct ZipClose {
  void operator()(zip_t* z) const { zip_discard(z); }
};

void add_entry(zip_t* za, const std::string& name, zip_source_t* src) {
  const zip_int64_t idx = zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (idx < 0) {
    zip_source_free(src);
    throw std::runtime_error("zip_file_add " + name + ": " + zip_strerror(za));
  }
  zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 1);
}

// A part generated as it is read: prefix, unit x count, suffix.
struct Generated {
  std::string prefix, unit, suffix;
  std::uint64_t count = 0;
  std::uint64_t pos = 0;
  zip_error_t error{};
  std::uint64_t total() const { return prefix.size() + unit.size() * count + suffix.size(); }
  std::size_t read(char* out, std::size_t len) {
    std::size_t n = 0;
    while (n < len && pos < total()) {
      const std::uint64_t units_end = prefix.size() + unit.size() * count;
      std::size_t take;
      if (pos < prefix.size()) {
        take = std::min<std::size_t>(len - n, prefix.size() - pos);
        std::memcpy(out + n, prefix.data() + pos, take);
      } else if (pos < units_end) {
        const std::size_t off = (pos - prefix.size()) % unit.size();
        take = std::min<std::size_t>(len - n, unit.size() - off);
        std::memcpy(out + n, unit.data() + off, take);
      } else {
        const std::size_t off = pos - units_end;
        take = std::min<std::size_t>(len - n, suffix.size() - off);
        std::memcpy(out + n, suffix.data() + off, take);
      }
      n += take;
      pos += take;
    }
    return n;
  }
};

zip_int64_t generated_source(void* userdata, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* g = static_cast<Generated*>(userdata);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      g->pos = 0;
      return 0;
    case ZIP_SOURCE_READ:
      return static_cast<zip_int64_t>(g->read(static_cast<char*>(data), static_cast<std::size_t>(len)));
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = g->total();
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&g->error, data, len);
    case ZIP_SOURCE_FREE:
      delete g;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&g->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>)";
const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";

ZipEntries workbook_entries(const std::string& sheet_xml, const std::string& shared_strings, const std::string& styles,
                            const std::string& workbook_pr) {
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)";
  if (!shared_strings.empty())
    rels +=
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
  if (!styles.empty())
    rels +=
        R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)";
  rels += "</Relationships>";
  ZipEntries e = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kRootRels},
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
           workbook_pr + R"(<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels", rels},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!shared_strings.empty()) e.emplace_back("xl/sharedStrings.xml", shared_strings);
  if (!styles.empty()) e.emplace_back("xl/styles.xml", styles);
  return e;
}

}  // namespace

std::string make_zip(const ZipEntries& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!out) throw std::runtime_error("zip_source_buffer_create");
  zip_source_keep(out);
  std::unique_ptr<zip_t, ZipClose> za(zip_open_from_source(out, ZIP_TRUNCATE, &err));
  if (!za) throw std::runtime_error("zip_open_from_source");
  for (const auto& [name, bytes] : entries) {
    // The buffer is copied (freep = 0 would borrow; these strings may not live).
    void* copy = std::malloc(bytes.size() ? bytes.size() : 1);
    std::memcpy(copy, bytes.data(), bytes.size());
    zip_source_t* src = zip_source_buffer(za.get(), copy, bytes.size(), 1);
    add_entry(za.get(), name, src);
  }
  if (zip_close(za.release()) != 0) throw std::runtime_error("zip_close");
  std::string result;
  zip_stat_t st;
  zip_source_stat(out, &st);
  zip_source_open(out);
  result.resize(st.size);
  zip_source_read(out, result.data(), st.size);
  zip_source_close(out);
  zip_source_free(out);
  return result;
}

std::string worksheet(const std::string& sheet_data, const std::string& after, const std::string& before) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
         before + "<sheetData>" + sheet_data + "</sheetData>" + after + "</worksheet>";
}

std::string minimal_workbook(const std::string& sheet_xml, const std::string& shared_strings, const std::string& styles,
                             const std::string& workbook_pr, const ZipEntries& extra) {
  ZipEntries e = workbook_entries(sheet_xml, shared_strings, styles, workbook_pr);
  for (const auto& x : extra) e.push_back(x);
  return make_zip(e);
}

void write_generated_workbook(const std::filesystem::path& file, const std::string& name, const std::string& prefix,
                              const std::string& unit, std::uint64_t count, const std::string& suffix) {
  const std::string sheet = worksheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>)");
  const std::string strings = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>)";
  ZipEntries e = workbook_entries(sheet, strings, "", "");
  int err = 0;
  std::unique_ptr<zip_t, ZipClose> za(zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err));
  if (!za) throw std::runtime_error("zip_open " + file.string());
  for (const auto& [n, bytes] : e) {
    if (n == name) continue;
    void* copy = std::malloc(bytes.size() ? bytes.size() : 1);
    std::memcpy(copy, bytes.data(), bytes.size());
    add_entry(za.get(), n, zip_source_buffer(za.get(), copy, bytes.size(), 1));
  }
  auto* g = new Generated{prefix, unit, suffix, count, 0, {}};
  zip_error_init(&g->error);
  zip_error_t e2;
  zip_error_init(&e2);
  zip_source_t* src = zip_source_function_create(generated_source, g, &e2);
  if (!src) {
    delete g;
    throw std::runtime_error("zip_source_function_create");
  }
  add_entry(za.get(), name, src);
  if (zip_close(za.release()) != 0) throw std::runtime_error("zip_close " + file.string());
}

bool have_openpyxl() {
  return std::filesystem::exists("/usr/bin/python3") &&
         run_program({"/usr/bin/python3", "-c", "import openpyxl"}, 60).exit_code == 0;
}

bool have_soffice() {
  return std::filesystem::exists("/usr/bin/soffice");
}

int run_python(const std::string& script, const std::vector<std::string>& args, std::string* out) {
  std::vector<std::string> argv = {"/usr/bin/python3", "-c", script};
  for (const auto& a : args) argv.push_back(a);
  const RunResult r = run_program(argv, 120);
  if (out) *out = r.out + r.err;
  return r.exit_code;
}

}  // namespace gbtest
