#include "core/csv_cells.hpp"

#include "core/text.hpp"

namespace gb {

namespace {

void append_quoted(std::string& line, std::string_view cell) {
  line.push_back('"');
  for (char c : cell) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

}  // namespace

void append_csv_cell(std::string& line, std::string_view cell) {
  // Quoted: what CSV syntax needs, and whatever the importer would otherwise
  // turn into NULL or trim (blank, N/A, surrounding white space).
  const bool needs_quotes = cell.empty() || cell.find_first_of(",\"\r\n") != std::string_view::npos ||
                            trim(cell).size() != cell.size() || iequals_ascii(cell, "N/A");
  if (needs_quotes)
    append_quoted(line, cell);
  else
    line += cell;
}

void append_csv_text(std::string& line, std::string_view text) {
  // Unquoted, "123" would come back as the INTEGER 123.
  if (parse_integer_cell(text) || parse_real_cell(text))
    append_quoted(line, text);
  else
    append_csv_cell(line, text);
}

bool is_formula_cell(std::string_view cell) {
  if (cell.empty()) return false;
  const char c = cell.front();
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  return !(parse_integer_cell(cell) || parse_real_cell(cell));
}

std::string neutralise_formula(std::string_view cell) {
  if (!is_formula_cell(cell)) return std::string(cell);
  return "'" + std::string(cell);
}

void append_spreadsheet_cell(std::string& line, std::string_view cell) {
  append_csv_cell(line, neutralise_formula(cell));
}

void append_spreadsheet_text(std::string& line, std::string_view text) {
  if (is_formula_cell(text))
    append_csv_cell(line, neutralise_formula(text));
  else
    append_csv_text(line, text);
}

}  // namespace gb
