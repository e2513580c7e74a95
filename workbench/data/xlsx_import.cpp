// Importing a workbook's sheet (import_model.hpp, xlsx_import.hpp): the
// sheet is read (xlsx_reader.hpp), trimmed of empty trailing rows and
// columns, its merged header cells filled across their merge, and handed
// to the CSV importer as CSV text it writes itself, so that a workbook
// follows exactly the rules and guarantees of a CSV import (one
// transaction, types inferred, --append/--replace, renames, the imports
// and audit-log rows). Text cells are written quoted (always TEXT, as the
// workbook says), numbers bare, dates as quoted ISO text; errors the CSV
// importer reports at a line and column are reported at the sheet's cell.
#include "data/xlsx_import.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include "core/text.hpp"
#include "core/xlsx_writer.hpp"
#include "data/csv_import.hpp"
#include "data/describe.hpp"
#include "data/xlsx_reader.hpp"

namespace gb::data {

namespace {

std::string number_text(double d) {
  if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0) return std::to_string(static_cast<long long>(d));
  return format_double(d);
}

// A cell as the text a header name or a preview shows.
std::string cell_text(const XlsxCell& c) {
  switch (c.kind) {
    case XlsxCell::Kind::Empty:
    case XlsxCell::Kind::Error:
      return "";
    case XlsxCell::Kind::Number:
      return number_text(c.number);
    case XlsxCell::Kind::Bool:
      return c.number != 0 ? "1" : "0";
    case XlsxCell::Kind::Text:
    case XlsxCell::Kind::Date:
      return c.text;
  }
  return "";
}

void append_quoted(std::string& out, std::string_view text) {
  out.push_back('"');
  for (char ch : text) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  out.push_back('"');
}

// A list cut to its first `max` entries ("and 12 more").
std::string list(const std::vector<std::string>& items, std::size_t max = 12) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > max) out += " and " + std::to_string(items.size() - max) + " more";
  return out;
}

// The sheet read as an import reads it: its cells trimmed of empty
// trailing rows and columns, header merges filled in, and the notes.
struct ReadSheet {
  std::string label;  // "book.xlsx, sheet 'Register'"
  XlsxSheet sheet;
  std::vector<std::string> notes;
};

ReadSheet read_for_import(const std::filesystem::path& file, const ImportOptions& options) {
  XlsxBook book = XlsxBook::open(file);
  std::optional<XlsxRange> range;
  if (!options.range.empty()) {
    range = parse_range(options.range);
    if (!range)
      throw Error("--range '" + printable(options.range, 40) +
                  "' is not a range of cells such as A1:K200 (columns A to XFD, rows 1 to 1048576)");
  }
  const std::size_t index = book.find_sheet(options.sheet);
  ReadSheet r;
  r.sheet = book.read_sheet(index, range);
  XlsxSheet& s = r.sheet;
  r.label = file.string() + ", sheet '" + printable(s.name, 100) + "'";
  if (s.area.empty() || s.rows.empty())
    throw Error(SourceLocation{file.string(), 0, 0}, "sheet '" + printable(s.name, 100) + "' has no cells" +
                                                         (range ? " in " + range_text(*range) : std::string()) +
                                                         ": nothing to import");

  // Empty trailing rows and columns are dropped (a range, or formatting,
  // may reach past the data).
  auto empty_cell = [](const XlsxCell& c) { return c.kind == XlsxCell::Kind::Empty; };
  while (!s.rows.empty() && std::all_of(s.rows.back().begin(), s.rows.back().end(), empty_cell)) s.rows.pop_back();
  std::size_t width = 0;
  for (const auto& row : s.rows)
    for (std::size_t c = row.size(); c > width; --c)
      if (!empty_cell(row[c - 1])) {
        width = c;
        break;
      }
  for (auto& row : s.rows) row.resize(width);
  s.area.last_row = s.area.first_row + static_cast<std::int64_t>(s.rows.size()) - 1;
  s.area.last_col = s.area.first_col + static_cast<std::int64_t>(width) - 1;

  // A merged header cell names every column under it.
  const auto header_rows = static_cast<std::int64_t>(options.header_rows);
  for (const auto& m : s.merges) {
    if (!s.area.contains(m.first_row, m.first_col) || m.first_row >= s.area.first_row + header_rows) continue;
    const XlsxCell top = s.rows[static_cast<std::size_t>(m.first_row - s.area.first_row)]
                               [static_cast<std::size_t>(m.first_col - s.area.first_col)];
    for (std::int64_t row = m.first_row; row <= m.last_row && row < s.area.first_row + header_rows; ++row)
      for (std::int64_t col = m.first_col; col <= m.last_col; ++col)
        if (s.area.contains(row, col))
          s.rows[static_cast<std::size_t>(row - s.area.first_row)][static_cast<std::size_t>(col - s.area.first_col)] =
              top;
  }

  std::vector<std::string> hidden_rows, hidden_cols, uncached, errors;
  for (auto row : s.hidden_rows)
    if (row >= s.area.first_row && row <= s.area.last_row) hidden_rows.push_back(std::to_string(row + 1));
  for (auto col : s.hidden_cols)
    if (col >= s.area.first_col && col <= s.area.last_col) hidden_cols.push_back(xlsx::column_letters(col));
  for (const auto& ref : s.uncached)
    if (const auto at = parse_cell_ref(ref); at && s.area.contains(at->first, at->second)) uncached.push_back(ref);
  for (std::size_t row = 0; row < s.rows.size(); ++row)
    for (std::size_t col = 0; col < s.rows[row].size(); ++col)
      if (s.rows[row][col].kind == XlsxCell::Kind::Error)
        errors.push_back(xlsx::cell_ref(s.area.first_row + static_cast<std::int64_t>(row),
                                        s.area.first_col + static_cast<std::int64_t>(col)) +
                         " " + s.rows[row][col].text);
  if (!hidden_rows.empty())
    r.notes.push_back("hidden rows kept: " + list(hidden_rows) + " (hidden in the workbook, imported like any row)");
  if (!hidden_cols.empty())
    r.notes.push_back("hidden columns kept: " + list(hidden_cols) +
                      " (hidden in the workbook, imported like any column)");
  if (!uncached.empty())
    r.notes.push_back("warning: formulas without a cached value, imported as empty (NULL): " + list(uncached) +
                      "; open and save the workbook in a spreadsheet program to compute them");
  if (!errors.empty()) r.notes.push_back("error values imported as empty (NULL): " + list(errors));
  return r;
}

// Where each CSV line came from, to report the CSV importer's errors at
// the sheet's cells.
struct CsvMap {
  std::vector<std::size_t> record_offset;  // byte offset of each record in the CSV
  std::vector<std::int64_t> record_line;   // the CSV line each record starts on
  std::vector<std::size_t> line_record;    // CSV line (0-based) -> record
};

std::string sheet_csv(const XlsxSheet& s, int header_rows, CsvMap& map) {
  std::string csv;
  std::int64_t line = 1;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    map.record_offset.push_back(csv.size());
    map.record_line.push_back(line);
    map.line_record.push_back(r);
    const bool header = static_cast<int>(r) < header_rows;
    for (std::size_t c = 0; c < s.rows[r].size(); ++c) {
      if (c) csv.push_back(',');
      const XlsxCell& cell = s.rows[r][c];
      const std::size_t from = csv.size();
      switch (cell.kind) {
        case XlsxCell::Kind::Empty:
        case XlsxCell::Kind::Error:
          break;
        case XlsxCell::Kind::Number:
        case XlsxCell::Kind::Bool:
          if (header)
            append_quoted(csv, cell_text(cell));
          else
            csv += cell_text(cell);
          break;
        case XlsxCell::Kind::Text:
        case XlsxCell::Kind::Date:
          append_quoted(csv, cell.text);
          break;
      }
      for (std::size_t i = from; i < csv.size(); ++i)
        if (csv[i] == '\n') {
          ++line;
          map.line_record.push_back(r);
        }
    }
    csv += "\n";
    ++line;
  }
  return csv;
}

// The cell of the sheet at the CSV's (line, column), for a message.
std::string cell_at(const XlsxSheet& s, const std::string& csv, const CsvMap& map, std::int64_t line,
                    std::int64_t column) {
  if (line < 1 || static_cast<std::size_t>(line) > map.line_record.size()) return "";
  const std::size_t record = map.line_record[static_cast<std::size_t>(line - 1)];
  const std::int64_t row = s.area.first_row + static_cast<std::int64_t>(record);
  if (column < 1) return "row " + std::to_string(row + 1);
  std::int64_t l = map.record_line[record], col = 1;
  std::size_t field = 0, found = 0;
  bool quoted = false;
  for (std::size_t i = map.record_offset[record]; i < csv.size(); ++i) {
    const char ch = csv[i];
    if (!quoted && ch == '\n') break;
    if (l < line || (l == line && col <= column)) found = field;
    if (ch == '"') quoted = !quoted;
    if (!quoted && ch == ',') ++field;
    if (ch == '\n') {
      ++l;
      col = 1;
    } else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return "cell " + xlsx::cell_ref(row, s.area.first_col + static_cast<std::int64_t>(found));
}

}  // namespace

bool is_workbook_file(const std::filesystem::path& file) {
  const std::string ext = to_lower_ascii(file.extension().string());
  if (ext == ".xlsx" || ext == ".xlsm") return true;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return false;
  std::ifstream in(file, std::ios::binary);
  char head[4] = {};
  in.read(head, 4);
  return in.gcount() == 4 && looks_like_zip(std::string_view(head, 4));
}

std::vector<WorkbookSheetInfo> workbook_sheets(const std::filesystem::path& file) {
  XlsxBook book = XlsxBook::open(file);
  std::vector<WorkbookSheetInfo> out;
  for (std::size_t i = 0; i < book.sheets().size(); ++i) {
    const XlsxSheet s = book.read_sheet(i, std::nullopt, false);
    WorkbookSheetInfo info;
    info.name = s.name;
    info.hidden = book.sheets()[i].hidden;
    info.range = range_text(s.used);
    info.rows = s.used.rows();
    info.columns = s.used.cols();
    info.hidden_rows = static_cast<std::int64_t>(s.hidden_rows.size());
    info.hidden_columns = static_cast<std::int64_t>(s.hidden_cols.size());
    info.merged = static_cast<std::int64_t>(s.merges.size());
    out.push_back(std::move(info));
  }
  return out;
}

WorkbookRows read_workbook_rows(const std::filesystem::path& file, const ImportOptions& options) {
  ReadSheet r = read_for_import(file, options);
  WorkbookRows out;
  out.sheet = r.sheet.name;
  out.range = range_text(r.sheet.area);
  out.notes = std::move(r.notes);
  const auto header_rows = static_cast<std::size_t>(std::max(options.header_rows, 0));
  std::vector<std::vector<std::string>> header;
  for (std::size_t row = 0; row < r.sheet.rows.size(); ++row) {
    std::vector<std::string> cells;
    for (const auto& c : r.sheet.rows[row]) cells.push_back(cell_text(c));
    if (row < header_rows)
      header.push_back(std::move(cells));
    else {
      out.rows.push_back(std::move(cells));
      out.sheet_rows.push_back(r.sheet.area.first_row + static_cast<std::int64_t>(row) + 1);
    }
  }
  const std::size_t width = r.sheet.rows.empty() ? 0 : r.sheet.rows.front().size();
  out.names = header_names(header, width);
  return out;
}

CsvPreview preview_workbook(const std::filesystem::path& file, const ImportOptions& options, std::size_t max_rows) {
  ReadSheet r = read_for_import(file, options);
  CsvMap map;
  return preview_csv_bytes(r.label, sheet_csv(r.sheet, options.header_rows, map), options, max_rows);
}

ImportReport import_workbook(Db& db, const std::filesystem::path& file, const ImportOptions& options) {
  if (options.header_rows < 0 || options.header_rows > 20) throw Error("header rows must be between 0 and 20");
  ReadSheet r = read_for_import(file, options);
  CsvMap map;
  const std::string csv = sheet_csv(r.sheet, options.header_rows, map);
  ImportReport report;
  try {
    report = import_csv_bytes(db, r.label, csv, options);
  } catch (const Error& e) {
    if (e.where().file != r.label) throw;
    // A row the database refuses as a whole (a CHECK, a foreign key) is
    // located at its start by the CSV importer: name the row, not column A.
    const bool whole_row = e.message().starts_with("the database rejected this row: ") &&
                           e.message().find("column '") == std::string::npos;
    const std::string cell = cell_at(r.sheet, csv, map, e.where().line, whole_row ? 0 : e.where().column);
    throw Error(SourceLocation{file.string(), 0, 0}, "sheet '" + printable(r.sheet.name, 100) + "'" +
                                                         (cell.empty() ? "" : ", " + cell) + ": " + e.message());
  }
  report.sheet = r.sheet.name;
  report.range = range_text(r.sheet.area);
  report.notes = std::move(r.notes);
  return report;
}

}  // namespace gb::data
