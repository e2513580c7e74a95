// A workbook (.xlsx) as sheets of typed cells, written with Debian's
// libxlsxwriter: the one writer behind `render --format xlsx` (a view's
// tables), `export --format xlsx` (a table or query) and `session export
// --format xlsx` (actions and decisions). Callers build the model; this
// file decides how a cell looks:
//
//   numbers   numbers, with the number format asked for ("#,##0")
//   text      always a string cell, never a formula: "=1+1" stays text
//   dates     real dates ("YYYY-MM-DD", or "...THH:MM:SSZ") as date cells
//             formatted yyyy-mm-dd; anything else given as a date is text
//   bands     the RAG word as text, on the palette's fill (core/palette.hpp)
//             with the ink that reads on it
//
// Every sheet's header row is bold and frozen, its columns are as wide as
// their text (within limits), and its name is made valid and unique
// (sheet_names). No SQLite, no ImGui: the library is linked privately.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/rag.hpp"

namespace gb::xlsx {

// What a worksheet can hold (Excel's own limits).
constexpr std::int64_t kMaxRows = 1048576;
constexpr std::int64_t kMaxColumns = 16384;
constexpr std::size_t kMaxCellChars = 32767;

struct Cell {
  enum class Kind { Empty, Number, Text, Date, Bool, Band };
  Kind kind = Kind::Empty;
  double number = 0;   // Number; Bool (0 or 1)
  std::string text;    // Text; Date (ISO); Band (the word shown)
  std::string format;  // Number: its number format ("" = General)
  Rag band = Rag::None;
  bool bold = false;

  static Cell empty() { return {}; }
  static Cell num(double v, std::string number_format = {});
  static Cell str(std::string v);
  static Cell date(std::string iso);
  static Cell boolean(bool v);
  static Cell rag(Rag band, std::string word);
};

struct Sheet {
  std::string name;                 // wanted; see sheet_names
  std::vector<std::string> header;  // the header row (bold, frozen); empty: none
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  // lines written under the rows, after a blank row
};

struct Workbook {
  std::string title;  // the document's title property
  std::vector<Sheet> sheets;
};

// Valid, unique sheet names for `wanted`, in order: at most 31 characters
// (UTF-8 kept whole), none of []:*?/\ (each becomes '-'), no leading or
// trailing apostrophe, not empty ("Sheet"), not "History" (Excel keeps
// it), unique ignoring ASCII case (" (2)", " (3)", ... appended).
std::vector<std::string> sheet_names(const std::vector<std::string>& wanted);

// "A", "B", ..., "Z", "AA", ... for a 0-based column; "C5" for (4, 2).
std::string column_letters(std::int64_t column);
std::string cell_ref(std::int64_t row, std::int64_t column);

// The workbook's bytes. Throws gb::Error naming the sheet and cell when a
// sheet is over Excel's limits or a cell's text is over 32,767 characters.
std::string workbook_bytes(const Workbook& book);

}  // namespace gb::xlsx
