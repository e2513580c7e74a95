// Reads a workbook (.xlsx, Office Open XML) with libzip and expat, treating
// it as hostile input, like a pack bundle: before anything is parsed the
// archive's entries are checked (count, names: no absolute path, no '..',
// no backslash; declared sizes; encryption), every XML part is streamed
// with its real size counted against the limits, a DTD (<!DOCTYPE>, the
// door to entity expansion) is refused, and the shared-string table, the
// cells of a sheet and the text of a cell are bounded. Whatever is refused
// is refused with a message naming the file, and the part, sheet or cell.
//
// What is read: shared and inline strings (rich text joined, phonetic runs
// left out), numbers, booleans, errors (#N/A), dates (a number whose
// style's number format is a date or time format, built in or custom; the
// 1900 and 1904 date systems; t="d" cells), formulas (their cached value;
// a formula without one is listed in XlsxSheet::uncached), merged ranges,
// hidden rows and columns, and the used range (the non-empty cells).
//
// Nothing here writes to a database: the import is xlsx_import.hpp.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gb::data {

struct XlsxLimits {
  std::uint64_t max_file_bytes = std::uint64_t{256} << 20;  // the .xlsx file itself
  std::uint64_t max_entries = 10000;                        // entries in the archive
  std::uint64_t max_part_bytes = std::uint64_t{256} << 20;  // one XML part, uncompressed
  std::uint64_t max_total_bytes = std::uint64_t{1} << 30;   // all entries, uncompressed, as declared
  std::uint64_t max_shared_strings = 1000000;               // entries of the shared-string table
  std::uint64_t max_shared_string_bytes = std::uint64_t{128} << 20;
  std::uint64_t max_cells = 5000000;        // a sheet's used range (rows x columns)
  std::uint64_t max_cell_bytes = 1u << 20;  // one cell's text, as for CSV
  std::uint64_t max_sheets = 1000;
};

// A rectangle of cells, 0-based, inclusive.
struct XlsxRange {
  std::int64_t first_row = 0, first_col = 0, last_row = -1, last_col = -1;
  bool empty() const { return last_row < first_row || last_col < first_col; }
  std::int64_t rows() const { return empty() ? 0 : last_row - first_row + 1; }
  std::int64_t cols() const { return empty() ? 0 : last_col - first_col + 1; }
  bool contains(std::int64_t r, std::int64_t c) const {
    return r >= first_row && r <= last_row && c >= first_col && c <= last_col;
  }
};
// "B5" -> (4, 1); "A1:K99" (or one cell, "C3"); nullopt when malformed or
// beyond Excel's 1,048,576 rows and 16,384 columns (XFD).
std::optional<std::pair<std::int64_t, std::int64_t>> parse_cell_ref(std::string_view ref);
std::optional<XlsxRange> parse_range(std::string_view text);
std::string range_text(const XlsxRange& r);  // "A1:K99", "" when empty

struct XlsxCell {
  enum class Kind : std::uint8_t { Empty, Number, Text, Bool, Date, Error };
  Kind kind = Kind::Empty;
  bool formula = false;
  double number = 0;  // Number; Bool (0 or 1)
  std::string text;   // Text; Date ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS"); Error ("#DIV/0!")
};

struct XlsxSheetEntry {
  std::string name;
  std::string part;  // its XML part in the archive
  bool hidden = false;
};

struct XlsxSheet {
  std::string name;
  XlsxRange used;  // the non-empty cells; empty() for an empty sheet
  // The cells of `used` (or of the range asked for), row by row: rows[r][c]
  // is the cell at (area.first_row + r, area.first_col + c).
  XlsxRange area;
  std::vector<std::vector<XlsxCell>> rows;
  std::vector<XlsxRange> merges;
  std::vector<std::int64_t> hidden_rows, hidden_cols;  // 0-based, within the sheet
  std::vector<std::string> uncached;                   // cells ("C7") with a formula but no cached value
};

class XlsxBook {
 public:
  // `bytes` is the file; `name` is used in messages.
  XlsxBook(std::string name, std::string bytes, const XlsxLimits& limits = {});
  // Reads `file` (a regular file up to limits.max_file_bytes).
  static XlsxBook open(const std::filesystem::path& file, const XlsxLimits& limits = {});
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;
  XlsxBook(XlsxBook&&) noexcept;
  XlsxBook& operator=(XlsxBook&&) noexcept;
  ~XlsxBook();

  const std::string& name() const;
  const std::vector<XlsxSheetEntry>& sheets() const;
  bool date1904() const;
  // A sheet by name (exact, else ignoring case) or by 1-based number;
  // empty: the first sheet that is not hidden. Throws naming the sheets.
  std::size_t find_sheet(std::string_view which) const;
  // Reads sheet `index`. With `range`, only the cells inside it are kept
  // (`area` is the range, clipped to nothing when the sheet has no cells
  // there); without, `area` is the used range. `cells` false reads only
  // the used range, merges and hidden rows (for a listing).
  XlsxSheet read_sheet(std::size_t index, const std::optional<XlsxRange>& range = std::nullopt,
                       bool cells = true) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether `bytes` begin like a zip archive (a workbook), for telling a
// workbook from a CSV file whatever its name.
bool looks_like_zip(std::string_view first_bytes);

// Excel's date serial (`serial`, days, in the 1900 or 1904 system) as
// "YYYY-MM-DD", with " HH:MM:SS" when it has a time of day; a serial below
// 1 in the 1900 system is a time alone, "HH:MM:SS". nullopt when out of
// range (before 1900 or after 9999).
std::optional<std::string> excel_date_text(double serial, bool date1904, bool time_format);

// Whether a number format code shows a date or time ("yyyy-mm-dd",
// "d mmm yy", "h:mm"), quoted text and [colour] sections aside.
bool is_date_format_code(std::string_view code);

}  // namespace gb::data
