// Workbooks for the tests, made at test time: a zip archive from named
// entries (hand-written XML), a minimal workbook around one sheet's XML,
// and archives with one enormous entry generated as it is compressed (a
// zip bomb, ten million shared strings) so the test never holds it whole.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace gbtest {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

// The bytes of a zip archive holding `entries` (deflated).
std::string make_zip(const ZipEntries& entries);

// A workbook with one sheet ("Data") whose worksheet XML is `sheet_xml`
// (the whole <worksheet> document), optional shared strings and styles
// parts (whole documents), and `workbook_pr` inside <workbook> (e.g.
// "<workbookPr date1904=\"1\"/>"). `extra` entries are added as they are.
std::string minimal_workbook(const std::string& sheet_xml, const std::string& shared_strings = "",
                             const std::string& styles = "", const std::string& workbook_pr = "",
                             const ZipEntries& extra = {});

// A worksheet document around `sheet_data` (the <row> elements) and
// `after` (mergeCells etc., after sheetData).
std::string worksheet(const std::string& sheet_data, const std::string& after = "", const std::string& before = "");

// Writes a minimal workbook to `file` whose part `name` is `prefix`, then
// `unit` repeated `count` times, then `suffix`: generated while it is
// compressed, never held whole.
void write_generated_workbook(const std::filesystem::path& file, const std::string& name, const std::string& prefix,
                              const std::string& unit, std::uint64_t count, const std::string& suffix);

// /usr/bin/python3 with openpyxl, and soffice: each test that needs one
// skips (with a WARN naming the package) when it is absent.
bool have_openpyxl();
bool have_soffice();
// Runs `script` with /usr/bin/python3 (argv[1..] = args); returns its exit code.
int run_python(const std::string& script, const std::vector<std::string>& args, std::string* out = nullptr);

}  // namespace gbtest
