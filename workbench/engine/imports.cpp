#include "engine/imports.hpp"

#include "data/csv_import.hpp"
#include "data/xlsx_import.hpp"

namespace gb::engine {

data::ImportReport import_csv(data::Db& db, const std::filesystem::path& file, const data::ImportOptions& options) {
  if (data::is_workbook_file(file)) return data::import_workbook(db, file, options);
  if (!options.sheet.empty() || !options.range.empty())
    throw Error(SourceLocation{file.string(), 0, 0},
                "--sheet and --range are for workbooks (.xlsx); this file is imported as CSV");
  return data::import_csv(db, file, options);
}

}  // namespace gb::engine
