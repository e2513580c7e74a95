// Imports a sheet of a workbook (.xlsx) into a table, with the rules and
// guarantees of a CSV import (csv_import.hpp): one transaction, types
// inferred, append or replace, renames; on any error nothing is written
// and the message names the file, the sheet and the cell. The workbook is
// read as hostile input (xlsx_reader.hpp). The window and the CLI import
// through engine/imports.hpp, which picks CSV or workbook by the file.
#pragma once
#include <filesystem>

#include "data/db.hpp"
#include "data/import_model.hpp"

namespace gb::data {

// Reads the sheet `options.sheet` (the first visible one when empty), the
// cells `options.range` (the used range when empty), drops empty trailing
// rows and columns, repeats a merged header cell across its merge, and
// imports the rest: text cells as TEXT, numbers as INTEGER or REAL, dates
// as ISO text (YYYY-MM-DD), booleans as 1 and 0, errors (#N/A) and
// formulas without a cached value as NULL. The report's notes say what was
// kept or left empty (hidden rows and columns, uncached formulas, errors).
ImportReport import_workbook(Db& db, const std::filesystem::path& file, const ImportOptions& options);

}  // namespace gb::data
