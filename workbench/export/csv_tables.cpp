#include "export/csv_tables.hpp"

#include <cmath>

#include "core/csv_cells.hpp"
#include "core/text.hpp"
#include "export/render_clock.hpp"

namespace gb::exporter {

namespace {

std::string cell_text(const Tree* v) {
  if (!v || v->is_null()) return "";
  if (v->is_number()) {
    const double d = v->as_number();
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    return format_double(d);
  }
  if (v->is_bool()) return v->as_bool() ? "true" : "false";
  if (v->is_string()) return v->as_string();
  return v->to_json();
}

void collect(const Tree& node, std::vector<CsvTable>& out, const std::string& section) {
  const Tree* type = node.find("type");
  std::string heading = section;
  if (type && type->is_string() && (type->as_string() == "section" || type->as_string() == "page"))
    if (const Tree* t = node.find("title"); t && t->is_string()) heading = t->as_string();
  if (type && type->is_string() && type->as_string() == "table") {
    CsvTable t;
    const Tree* title = node.find("title");
    t.name = title && title->is_string() ? title->as_string() : heading;
    std::string header;
    const Tree* columns = node.find("columns");
    const Tree* rows = node.find("rows");
    std::vector<std::string> keys;
    if (columns && columns->is_array()) {
      for (const auto& c : columns->as_array()) {
        const Tree* key = c.find("key");
        const Tree* label = c.find("label");
        if (!key || !key->is_string()) continue;
        keys.push_back(key->as_string());
        if (!header.empty()) header.push_back(',');
        append_spreadsheet_cell(header, label && label->is_string() ? label->as_string() : key->as_string());
      }
    }
    t.csv = header + "\r\n";
    if (rows && rows->is_array()) {
      for (const auto& r : rows->as_array()) {
        RenderClock::tick();
        std::string line;
        for (std::size_t k = 0; k < keys.size(); ++k) {
          if (k) line.push_back(',');
          // Text goes through the importer's rules (quoted where it would
          // read back as a number or NULL); numbers are written bare. This
          // CSV is for people: a cell a spreadsheet would run as a formula
          // is neutralised (core/csv_cells.hpp).
          const Tree* v = r.find(keys[k]);
          if (v && v->is_string())
            append_spreadsheet_text(line, v->as_string());
          else if (const std::string text = cell_text(v); !text.empty())
            append_spreadsheet_cell(line, text);
        }
        t.csv += line + "\r\n";
      }
    }
    out.push_back(std::move(t));
  }
  if (const Tree* children = node.find("children"); children && children->is_array())
    for (const auto& c : children->as_array()) collect(c, out, heading);
}

}  // namespace

std::vector<CsvTable> csv_tables(const Tree& view) {
  std::vector<CsvTable> out;
  collect(view, out, "");
  return out;
}

}  // namespace gb::exporter
