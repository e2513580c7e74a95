// Exports a table or a query's result as CSV (RFC 4180) or JSON.
//
// Two kinds of CSV. `govbench export` writes data: every cell exactly as
// stored, so that importing the file gives the same table back (its round
// trip). CSV written for people to open in a spreadsheet (render and the
// Views panel's CSV, eval and score --format csv) goes through
// append_spreadsheet_cell/_text (core/csv_cells.hpp), which neutralise
// cells a spreadsheet would run as a formula.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "core/csv_cells.hpp"  // the quoting rule (append_csv_cell, ...)
#include "data/db.hpp"

namespace gb::data {

enum class ExportFormat { Csv, Json, Xlsx };

// Runs a read-only query and writes its rows. A statement that would write
// is refused. Returns the number of rows written.
//
// CSV: a header row, then one line per row, so that importing the file
// gives the same rows back: NULL is an empty unquoted cell; TEXT is quoted
// when it must be to come back as the same text (an empty string, N/A,
// surrounding white space, or text that reads as a number such as "123");
// REAL values are written in shortest round-trip form.
// JSON: an array of objects keyed by column name.
// In both, a BLOB is written as text, "\x" and its bytes in lower-case hex
// (it re-imports as that TEXT). Infinite REALs are written as inf and -inf
// in CSV (re-imported as TEXT) and as null in JSON, which has no infinity.
// XLSX: one sheet (named after the table, or "Query") with a frozen
// header row; integers and reals as numbers, text as text (never a
// formula), a real date (YYYY-MM-DD) as a date cell, NULL as an empty
// cell: `govbench import` of the workbook gives the same rows back. More
// rows than a worksheet holds (1,048,575 under the header) is an error.
std::int64_t export_query(Db& db, std::string_view sql, ExportFormat format, std::ostream& out);
std::int64_t export_query(Db& db, std::string_view sql, ExportFormat format, std::ostream& out,
                          const std::string& sheet);
std::int64_t export_table(Db& db, std::string_view table, ExportFormat format, std::ostream& out);

}  // namespace gb::data
