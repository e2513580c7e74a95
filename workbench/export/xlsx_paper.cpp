#include "export/xlsx_paper.hpp"

#include <cmath>

#include "core/format.hpp"
#include "core/rag.hpp"
#include "core/text.hpp"
#include "core/view_tree.hpp"
#include "export/paper_model.hpp"
#include "export/render_clock.hpp"
#include "export/svg.hpp"

namespace gb::exporter {

namespace {

using detail::array_field;
using detail::finite;
using detail::kDash;
using detail::scalar_text;
using detail::string_field;
using xlsx::Cell;

// A column format's number format in the workbook.
std::string number_format(const std::string& column_format, double v) {
  if (column_format == "integer") return "#,##0";
  if (column_format == "number") return "#,##0.00";
  if (column_format == "percent") return std::floor(v) == v ? "0\"%\"" : "0.0\"%\"";
  return {};
}

Cell table_cell(const Tree* v, const std::string& format) {
  if (!v || v->is_null()) return Cell::empty();
  if (v->is_bool()) return Cell::boolean(v->as_bool());
  if (v->is_number()) {
    const double d = v->as_number();
    if (!std::isfinite(d)) return Cell::str(std::string(kDash));
    return Cell::num(format == "integer" ? std::round(d) : d, number_format(format, d));
  }
  if (v->is_string()) {
    const std::string& s = v->as_string();
    if (format == "rag") {
      if (const auto band = parse_rag(to_lower_ascii(s)); band && *band != Rag::None)
        return Cell::rag(*band, rag_word(*band));
      return Cell::str(s);
    }
    if (format == "date") return Cell::date(s);
    return Cell::str(s);
  }
  return Cell::str(std::string(kDash));
}

struct Collector {
  xlsx::Workbook book;
  xlsx::Sheet figures;

  void table(const Tree& e, const std::string& heading) {
    const detail::TableModel m = detail::table_model(e);
    xlsx::Sheet s;
    const std::string* title = string_field(e, "title");
    s.name = title && !title->empty() ? *title : heading.empty() ? "Table" : heading;
    for (const auto& c : m.cols) s.header.push_back(c.label);
    for (const Tree* row : m.rows) {
      RenderClock::tick();
      std::vector<Cell> cells;
      for (const auto& c : m.cols) cells.push_back(table_cell(row->find(c.key), c.format));
      s.rows.push_back(std::move(cells));
    }
    if (!m.totals.empty()) {
      // The totals as numbers (the model gives text): summed again here.
      std::vector<Cell> cells;
      for (std::size_t k = 0; k < m.cols.size(); ++k) {
        const auto& c = m.cols[k];
        if (!c.summed()) {
          Cell t = Cell::str(m.totals[k]);
          t.bold = true;
          cells.push_back(std::move(t));
          continue;
        }
        double sum = 0;
        for (const Tree* row : m.rows)
          if (const auto v = finite(row->find(c.key))) sum += c.format == "integer" ? std::round(*v) : *v;
        Cell t = Cell::num(sum, number_format(c.format, sum));
        cells.push_back(std::move(t));
      }
      s.rows.push_back(std::move(cells));
    }
    if (m.malformed) s.notes.push_back(std::to_string(m.malformed) + " rows of this table were not tables: left out");
    book.sheets.push_back(std::move(s));
  }

  void tiles(const Tree& e) {
    const Tree::Array* items = array_field(e, "items");
    if (!items) return;
    if (figures.header.empty()) figures.header = {"Figure", "Value", "Unit", "RAG", "Change", "Note"};
    for (const Tree& it : *items) {
      if (!it.is_object()) continue;
      std::vector<Cell> cells;
      const std::string* label = string_field(it, "label");
      cells.push_back(Cell::str(label ? *label : ""));
      if (const auto v = finite(it.find("value")))
        cells.push_back(Cell::num(*v));
      else
        cells.push_back(Cell::str(scalar_text(it.find("value"))));
      const std::string* unit = string_field(it, "unit");
      cells.push_back(Cell::str(unit ? *unit : ""));
      const std::string* rag = string_field(it, "rag");
      const auto band = rag ? parse_rag(to_lower_ascii(*rag)) : std::nullopt;
      cells.push_back(band && *band != Rag::None ? Cell::rag(*band, rag_word(*band)) : Cell::empty());
      if (const auto ch = finite(it.find("change")))
        cells.push_back(Cell::num(*ch));
      else
        cells.push_back(Cell::empty());
      const std::string* note = string_field(it, "note");
      cells.push_back(Cell::str(note ? *note : ""));
      figures.rows.push_back(std::move(cells));
    }
  }

  void walk(const Tree& node, const std::string& section) {
    if (!node.is_object()) return;
    const std::string* type = string_field(node, "type");
    std::string heading = section;
    if (type && (*type == "section" || *type == "page"))
      if (const std::string* t = string_field(node, "title"); t && !t->empty()) heading = *t;
    if (type && *type == "table") table(node, heading);
    if (type && *type == "tiles") tiles(node);
    if (const Tree::Array* kids = array_field(node, "children"))
      for (const Tree& k : *kids) walk(k, heading);
  }
};

xlsx::Sheet about_sheet(const Tree& view, const std::vector<std::string>& table_sheets) {
  xlsx::Sheet s;
  s.name = "About";
  auto row = [&](const std::string& label, const std::string& value, bool date = false) {
    Cell l = Cell::str(label);
    l.bold = true;
    // A date as a date cell (text when it is not an ISO date), as in the tables.
    s.rows.push_back({std::move(l), date ? Cell::date(value) : Cell::str(value)});
  };
  const std::string* title = string_field(view, "title");
  row("Title", title ? *title : scalar_text(view.find("id")));
  if (const std::string* board = string_field(view, "board"); board && !board->empty()) row("Board", *board);
  if (const std::string* as_of = string_field(view, "as_of"); as_of && !as_of->empty()) row("As at", *as_of, true);
  for (const auto& [label, value] : detail::provenance_rows(view)) row(label, value);
  if (const Tree::Array* errors = array_field(view, "errors"))
    for (const Tree& e : *errors) row("Problem", scalar_text(e.find("message")));
  std::string list;
  for (const auto& t : table_sheets) list += (list.empty() ? "" : ", ") + t;
  row("Sheets", list.empty() ? "this view has no tables" : list);
  return s;
}

}  // namespace

xlsx::Workbook view_workbook(const Tree& view) {
  Collector c;
  c.walk(view, "");
  if (!c.figures.rows.empty()) {
    c.figures.name = "Figures";
    c.book.sheets.push_back(std::move(c.figures));
  }
  // The names the sheets will have, for the About sheet's list.
  std::vector<std::string> wanted{"About"};
  for (const auto& s : c.book.sheets) wanted.push_back(s.name);
  std::vector<std::string> names = xlsx::sheet_names(wanted);
  names.erase(names.begin());
  xlsx::Workbook book;
  const std::string* title = string_field(view, "title");
  book.title = title ? *title : scalar_text(view.find("id"));
  book.sheets.push_back(about_sheet(view, names));
  for (std::size_t i = 0; i < c.book.sheets.size(); ++i) {
    c.book.sheets[i].name = names[i];
    book.sheets.push_back(std::move(c.book.sheets[i]));
  }
  return book;
}

std::string render_xlsx(const Tree& view) {
  return xlsx::workbook_bytes(view_workbook(view));
}

}  // namespace gb::exporter
