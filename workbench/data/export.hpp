// Exports a table or a query's result as CSV (RFC 4180) or JSON.
//
// Two kinds of CSV. `govbench export` writes data: every cell exactly as
// stored, so that importing the file gives the same table back (its round
// trip). CSV written for people to open in a spreadsheet (render and the
// Views panel's CSV, eval and score --format csv) goes through
// append_spreadsheet_cell/_text, which neutralise cells a spreadsheet would
// run as a formula.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "data/db.hpp"

namespace gb::data {

enum class ExportFormat { Csv, Json };

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
std::int64_t export_query(Db& db, std::string_view sql, ExportFormat format, std::ostream& out);
std::int64_t export_table(Db& db, std::string_view table, ExportFormat format, std::ostream& out);

// Appends `cell` to `line`, quoted when it holds a comma, quote or line
// break, or when the importer would otherwise read it as NULL or trim it
// (empty, N/A, leading or trailing white space). Unquoted "12" re-imports
// as a number, which suits a cell that is one.
void append_csv_cell(std::string& line, std::string_view cell);
// The same for a TEXT value that must come back as text: also quoted when
// it reads as a number ("123", "1.5"; not "007", a code that stays text).
void append_csv_text(std::string& line, std::string_view text);

// Formula injection (OWASP "CSV Injection"): a cell that begins with =, +,
// -, @, a tab or a carriage return is run as a formula by Excel, LibreOffice
// and Google Sheets (=HYPERLINK(...), =cmd|...). Such a cell is written with
// a single quote in front ('=1+2), which the spreadsheet shows as the text;
// a cell that reads wholly as a number (-12.5, +3, -1e5) is a number, not a
// formula, and is left alone.
bool is_formula_cell(std::string_view cell);
std::string neutralise_formula(std::string_view cell);
// append_csv_cell and append_csv_text for CSV written for people: the cell
// neutralised first.
void append_spreadsheet_cell(std::string& line, std::string_view cell);
void append_spreadsheet_text(std::string& line, std::string_view text);

}  // namespace gb::data
