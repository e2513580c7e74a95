// What a CSV import is asked to do and what it reports, and what can be
// read from a CSV without writing anything: its preview (column names and
// inferred types), its header's names, a column mapping file. Nothing here
// writes to a database: the import itself is csv_import.hpp (and, for the
// window and the CLI, engine/imports.hpp).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"  // SourceLocation
#include "core/text.hpp"

namespace gb::data {

// Whatever the mode, an import never writes to a view or to a table the
// program keeps for itself (imports, audit_log, level_values,
// cipfa_principles, indicator_results, risk_scores, settings).
enum class ImportMode {
  Create,   // the table must not exist yet
  Append,   // add rows to an existing table, matching columns by name
  Replace,  // drop and recreate a table that an earlier import created (an
            // append does not count) and that the schema does not define
};

enum class ColumnType { Integer, Real, Text };
const char* column_type_name(ColumnType t);

// One column renamed as it is imported: the header's name (as the importer
// makes it: header rows joined with " | ", runs of spaces collapsed) and
// the name to store. `where` is the mapping file's line, or has no file
// for a --rename option (then `spec` is the option's text).
struct ColumnRename {
  std::string from;
  std::string to;
  SourceLocation where;
  std::string spec;
};

// "OLD=NEW" (split at the last '='; both sides trimmed). Throws gb::Error
// when there is no '=' or a side is empty.
ColumnRename parse_rename(std::string_view spec);

// A column mapping file: one "Old header = new_name" per line (split at the
// last '='), blank lines and lines starting with '#' ignored, a UTF-8 byte
// order mark ignored. Errors name the file and line.
std::vector<ColumnRename> parse_column_mapping(const std::string& name, std::string_view text);
std::vector<ColumnRename> read_column_mapping(const std::filesystem::path& file);

struct ImportOptions {
  std::string table;
  ImportMode mode = ImportMode::Create;
  int header_rows = 1;  // 0 = no header: columns are named column_1, ...
  Encoding encoding = Encoding::Utf8;
  // Applied to the header's names before anything is written: a rename
  // naming a column the file does not have, two columns given one name, or
  // an empty or unprintable name is an error, and nothing is imported.
  std::vector<ColumnRename> renames;
  // Called now and then with the fraction done (0..1).
  std::function<void(double)> progress;
  // A workbook (.xlsx) only: the sheet, by name or 1-based number (empty:
  // the first visible one), and the cells to read ("A1:K200"; empty: the
  // used range). Header rows are the first rows of what is read.
  std::string sheet;
  std::string range;
};

struct ImportedColumn {
  std::string name;
  ColumnType type = ColumnType::Text;
  std::int64_t nulls = 0;
};

struct ImportReport {
  std::string table;
  std::int64_t rows = 0;
  std::vector<ImportedColumn> columns;
  // A workbook: the sheet and cells read, and what a person should know
  // (hidden rows and columns kept, formulas without a cached value, error
  // cells stored as NULL).
  std::string sheet;
  std::string range;
  std::vector<std::string> notes;
};

// Whether `file` is a workbook (.xlsx or .xlsm by name, or a zip archive
// by its first bytes) rather than CSV.
bool is_workbook_file(const std::filesystem::path& file);

// A workbook's sheets, as `govbench sheets` lists them.
struct WorkbookSheetInfo {
  std::string name;
  bool hidden = false;
  std::string range;  // the used range ("A1:K99"), "" when empty
  std::int64_t rows = 0, columns = 0;
  std::int64_t hidden_rows = 0, hidden_columns = 0, merged = 0;
};
std::vector<WorkbookSheetInfo> workbook_sheets(const std::filesystem::path& file);

// A workbook sheet's rows as an import would read them (`header_rows`,
// sheet, range of `options`), as text: the names the header gives (before
// renames) and the data rows' cells (numbers in shortest form, dates ISO,
// booleans 1 and 0, empty cells ""). For a preview and for import-register.
struct WorkbookRows {
  std::string sheet;
  std::string range;
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> sheet_rows;  // each data row's row number in the sheet (1-based)
  std::vector<std::string> notes;
};
WorkbookRows read_workbook_rows(const std::filesystem::path& file, const ImportOptions& options);

// What a CSV holds, without writing anything: column names and inferred
// types. Reads at most `max_rows` data rows into `preview` (for the GUI).
struct CsvPreview {
  std::vector<ImportedColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::int64_t total_rows = 0;
};

// The column names a header of `header_rows` rows gives, made unique.
std::vector<std::string> header_names(const std::vector<std::vector<std::string>>& header_rows, std::size_t width);

// True when `text` (already trimmed) is blank or N/A (any case): an
// unquoted cell like that is read as NULL. A quoted cell never is: "" is an
// empty string and "N/A" is text, kept exactly as written.
bool is_null_cell(std::string_view text);

// A workbook (is_workbook_file) is previewed as its import reads it.
CsvPreview preview_csv(const std::filesystem::path& file, const ImportOptions& options, std::size_t max_rows);
CsvPreview preview_workbook(const std::filesystem::path& file, const ImportOptions& options, std::size_t max_rows);

}  // namespace gb::data
