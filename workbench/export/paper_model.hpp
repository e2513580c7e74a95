// What the HTML and the PDF board papers share apart from figures (svg.hpp):
// the reading of `ui.text` markup, the table model (columns, the initial
// sort, totals, cell text), and the parameter and provenance lines. One
// reading of the tree, two renderers: a paper looks the same in both.
//
// Internal to the exporter. Every function takes nodes of a resolved tree
// that may hold anything and never throws on odd input.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/tree.hpp"

namespace gb::exporter::detail {

// ---- ui.text markup ----
// A blank line starts a new paragraph; lines starting "- " are bullets;
// other line breaks inside a paragraph are kept, as the window keeps them
// (a working of several lines reads a line each on paper too).
// Inline: **bold**, *italic* (not "* " or " *", so "2 * 3" stays text),
// which may run across a line break.
struct Run {
  std::string text;  // raw text from the tree: renderers escape or sanitise it
  bool bold = false;
  bool italic = false;
  bool line_break = false;  // a break before the next run's text (its text is empty)
};
struct Block {
  bool bullet = false;
  bool list_start = false;  // a bullet that opens a new list
  std::vector<Run> runs;
};
std::vector<Block> parse_markup(std::string_view text);

// ---- Tables ----
struct Column {
  std::string key, label;
  std::string format;  // text, number, percent, integer, date or rag
  bool numeric() const { return format == "number" || format == "percent" || format == "integer"; }
  bool summed() const { return format == "number" || format == "integer"; }
};
struct TableModel {
  std::vector<Column> cols;         // empty: the table cannot be shown
  std::vector<const Tree*> rows;    // object rows, in display order (initial sort applied)
  std::size_t malformed = 0;        // rows that were not objects
  std::vector<std::string> totals;  // one text per column when the table asks for totals
};
// `table` must outlive the model (rows point into it).
TableModel table_model(const Tree& table);

// A cell as text: numbers formatted by column format ("1,234.5", "45%"),
// missing values "" and unshowable ones "—". RAG cells give the band name;
// renderers draw them as badges.
std::string cell_text(const Tree* v, const std::string& format);

// "k = v, k2 = v2" for the parameters of a view or a link.
std::string params_text(const Tree* params, const char* sep);

// The provenance footer: (label, value) pairs in display order; missing
// values are "—".
std::vector<std::pair<std::string, std::string>> provenance_rows(const Tree& view);

}  // namespace gb::exporter::detail
