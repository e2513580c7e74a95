// Imports a CSV file into a table of a governance database, atomically:
// either every row is written or nothing is. The window and the CLI import
// through engine/imports.hpp; what reads without writing is import_model.hpp.
#pragma once
#include <filesystem>
#include <string>

#include "data/db.hpp"
#include "data/import_model.hpp"  // the options, the report and the preview

namespace gb::data {

// Reads `file` and writes it into `db` in one transaction. On any error
// (malformed CSV, wrong column set, a row the schema rejects) nothing is
// written and the gb::Error names the file, line and column.
//
// Cells: an unquoted cell is trimmed; blank or N/A is NULL, else it counts
// towards its column's type (INTEGER, REAL, else TEXT; see
// parse_integer_cell). A quoted cell is always TEXT, stored exactly as
// written, so a file from export_query() imports to the same rows.
ImportReport import_csv(Db& db, const std::filesystem::path& file, const ImportOptions& options);

// Same, from bytes already in memory (tests, fuzzing). `name` is used in messages.
ImportReport import_csv_bytes(Db& db, const std::string& name, std::string bytes, const ImportOptions& options);

// The preview of CSV bytes already in memory (a workbook's sheet as CSV).
CsvPreview preview_csv_bytes(const std::string& name, std::string bytes, const ImportOptions& options,
                             std::size_t max_rows);

}  // namespace gb::data
