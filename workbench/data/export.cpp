#include "data/export.hpp"

#include <sqlite3.h>

#include "core/text.hpp"

namespace gb::data {

void append_csv_cell(std::string& line, std::string_view cell) {
  const bool needs_quotes =
      cell.empty() || cell.find_first_of(",\"\r\n") != std::string_view::npos || cell.front() == ' ' ||
      cell.back() == ' ' || iequals_ascii(cell, "N/A");
  if (!needs_quotes) {
    line += cell;
    return;
  }
  line.push_back('"');
  for (char c : cell) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

std::int64_t export_query(Db& db, std::string_view sql, ExportFormat format, std::ostream& out) {
  Statement st = db.prepare(sql);
  if (!sqlite3_stmt_readonly(st.handle()))
    throw Error("export runs read-only queries only; this statement would change the database");
  const int n = st.column_count();
  if (n == 0) throw Error("the query returns no columns");
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back(st.column_name(i));

  std::string buf;
  std::int64_t rows = 0;
  if (format == ExportFormat::Csv) {
    for (int i = 0; i < n; ++i) {
      if (i) buf.push_back(',');
      append_csv_cell(buf, names[static_cast<std::size_t>(i)]);
    }
    buf += "\r\n";
    while (st.step()) {
      for (int i = 0; i < n; ++i) {
        if (i) buf.push_back(',');
        const Value v = st.column_value(i);
        if (std::holds_alternative<std::monostate>(v)) continue;
        if (const auto* x = std::get_if<std::int64_t>(&v)) buf += std::to_string(*x);
        else if (const auto* d = std::get_if<double>(&v)) buf += format_double(*d);
        else append_csv_cell(buf, std::get<std::string>(v));
      }
      buf += "\r\n";
      ++rows;
      if (buf.size() > (1 << 16)) {
        out << buf;
        buf.clear();
      }
    }
  } else {
    buf += "[";
    while (st.step()) {
      buf += rows ? ",\n  {" : "\n  {";
      for (int i = 0; i < n; ++i) {
        if (i) buf += ", ";
        append_json_string(buf, names[static_cast<std::size_t>(i)]);
        buf += ": ";
        const Value v = st.column_value(i);
        if (std::holds_alternative<std::monostate>(v)) buf += "null";
        else if (const auto* x = std::get_if<std::int64_t>(&v)) buf += std::to_string(*x);
        else if (const auto* d = std::get_if<double>(&v)) {
          const std::string t = format_double(*d);
          buf += (t == "NaN" || t == "Inf" || t == "-Inf") ? "null" : t;
        } else append_json_string(buf, std::get<std::string>(v));
      }
      buf += "}";
      ++rows;
      if (buf.size() > (1 << 16)) {
        out << buf;
        buf.clear();
      }
    }
    buf += rows ? "\n]\n" : "]\n";
  }
  out << buf;
  if (!out) throw Error("write error while exporting");
  return rows;
}

std::int64_t export_table(Db& db, std::string_view table, ExportFormat format, std::ostream& out) {
  if (!db.table_exists(table)) throw Error("no table or view named '" + std::string(table) + "'");
  return export_query(db, "SELECT * FROM " + quote_identifier(table), format, out);
}

}  // namespace gb::data
