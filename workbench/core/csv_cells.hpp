// Writing one CSV cell (RFC 4180): the quoting rule every CSV the program
// writes follows, whether data for a round trip (`govbench export`, in the
// data layer) or a paper for people (render, the Views panel, eval and
// score --format csv). It knows no SQLite, so it lives in core and export
// depends on core alone.
//
// Two kinds of CSV. Data: every cell exactly as stored, so importing the
// file gives the same table back. For people: the same cells, but one a
// spreadsheet would run as a formula is neutralised first
// (append_spreadsheet_cell/_text).
#pragma once
#include <string>
#include <string_view>

namespace gb {

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

}  // namespace gb
