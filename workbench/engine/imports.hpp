// Importing a CSV file, as the window's Data panel and `govbench import` do:
// one transaction with its `imports` and audit_log rows, or nothing at all
// (data/csv_import.hpp does the work). The options, the report and the
// preview, which write nothing, are data/import_model.hpp.
#pragma once
#include <filesystem>

#include "data/db.hpp"
#include "data/import_model.hpp"

namespace gb::engine {

// Reads `file` into `db` as `options` say: a workbook (.xlsx, or a zip
// archive by its first bytes) through data/xlsx_import.hpp, anything else
// as CSV. On any error nothing is written and the gb::Error names the file
// and line and column, or for a workbook the sheet and cell.
data::ImportReport import_csv(data::Db& db, const std::filesystem::path& file, const data::ImportOptions& options);

}  // namespace gb::engine
