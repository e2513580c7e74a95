// Exports a table or a query's result as CSV (RFC 4180) or JSON.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "data/db.hpp"

namespace gb::data {

enum class ExportFormat { Csv, Json };

// Runs a read-only query and writes its rows. CSV: a header row, NULL as an
// empty cell, an empty string as "", REAL values in shortest round-trip
// form, so that importing the file gives the same rows back. JSON: an array
// of objects keyed by column name. Returns the number of rows written.
// A statement that would write is refused.
std::int64_t export_query(Db& db, std::string_view sql, ExportFormat format, std::ostream& out);
std::int64_t export_table(Db& db, std::string_view table, ExportFormat format, std::ostream& out);

// Appends `cell` to `line`, quoted when it holds a comma, quote or line break.
void append_csv_cell(std::string& line, std::string_view cell);

}  // namespace gb::data
