#include "data/export.hpp"

#include <cmath>

#include "core/text.hpp"

namespace gb::data {

namespace {

// A BLOB as text: "\x" and two lower-case hex digits a byte (the form
// PostgreSQL uses for bytea), since neither CSV nor JSON can hold raw bytes.
std::string blob_text(std::string_view bytes) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + 2 * bytes.size());
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    out.push_back(hex[c >> 4]);
    out.push_back(hex[c & 0xF]);
  }
  return out;
}

// One result cell. BLOBs become their "\x..." text; the caller formats
// everything else from the Value.
Value cell_value(const Statement& st, int i) {
  if (std::string_view(st.column_type_name(i)) == "BLOB") return blob_text(st.column_blob(i));
  return st.column_value(i);
}

}  // namespace

std::int64_t export_query(Db& db, std::string_view sql, ExportFormat format, std::ostream& out) {
  Statement st = db.prepare(sql);
  if (!st.read_only()) throw Error("export runs read-only queries only; this statement would change the database");
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
        const Value v = cell_value(st, i);
        if (std::holds_alternative<std::monostate>(v)) continue;
        if (const auto* x = std::get_if<std::int64_t>(&v)) {
          buf += std::to_string(*x);
        } else if (const auto* d = std::get_if<double>(&v)) {
          // SQLite stores no NaN (it becomes NULL); infinities are written
          // as the words inf and -inf, which re-import as text.
          if (std::isinf(*d))
            buf += *d > 0 ? "inf" : "-inf";
          else if (!std::isnan(*d))
            buf += format_double(*d);
        } else {
          append_csv_text(buf, std::get<std::string>(v));
        }
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
        const Value v = cell_value(st, i);
        if (std::holds_alternative<std::monostate>(v))
          buf += "null";
        else if (const auto* x = std::get_if<std::int64_t>(&v))
          buf += std::to_string(*x);
        else if (const auto* d = std::get_if<double>(&v))
          buf += std::isfinite(*d) ? format_double(*d) : "null";
        else
          append_json_string(buf, std::get<std::string>(v));
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
