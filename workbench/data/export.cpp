#include "data/export.hpp"

#include <cmath>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "core/xlsx_writer.hpp"

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

// A query's rows as one sheet named `sheet`: integers and reals as numbers,
// text as text (a real date, YYYY-MM-DD, as a date cell, which a workbook
// import reads back as the same text), NULL as an empty cell.
std::int64_t export_xlsx(Statement& st, const std::vector<std::string>& names, const std::string& sheet,
                         std::ostream& out) {
  xlsx::Workbook book;
  book.title = sheet;
  xlsx::Sheet s;
  s.name = sheet;
  s.header = names;
  const int n = static_cast<int>(names.size());
  while (st.step()) {
    if (static_cast<std::int64_t>(s.rows.size()) + 1 >= xlsx::kMaxRows)
      throw Error("the result has more than " + std::to_string(xlsx::kMaxRows - 1) +
                  " rows, more than a worksheet holds; export it as CSV instead");
    std::vector<xlsx::Cell> row;
    row.reserve(names.size());
    for (int i = 0; i < n; ++i) {
      const Value v = cell_value(st, i);
      if (std::holds_alternative<std::monostate>(v))
        row.push_back(xlsx::Cell::empty());
      else if (const auto* x = std::get_if<std::int64_t>(&v))
        row.push_back(xlsx::Cell::num(static_cast<double>(*x)));
      else if (const auto* d = std::get_if<double>(&v))
        row.push_back(xlsx::Cell::num(*d));
      else if (const auto& t = std::get<std::string>(v); t.size() == 10 && is_real_date(t, 1900, 9999))
        row.push_back(xlsx::Cell::date(t));
      else
        row.push_back(xlsx::Cell::str(t));
    }
    s.rows.push_back(std::move(row));
  }
  const auto rows = static_cast<std::int64_t>(s.rows.size());
  book.sheets.push_back(std::move(s));
  out << xlsx::workbook_bytes(book);
  if (!out) throw Error("write error while exporting");
  return rows;
}

}  // namespace

std::int64_t export_query(Db& db, std::string_view sql, ExportFormat format, std::ostream& out) {
  return export_query(db, sql, format, out, "Query");
}

std::int64_t export_query(Db& db, std::string_view sql, ExportFormat format, std::ostream& out,
                          const std::string& sheet) {
  Statement st = db.prepare(sql);
  if (!st.read_only()) throw Error("export runs read-only queries only; this statement would change the database");
  const int n = st.column_count();
  if (n == 0) throw Error("the query returns no columns");
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back(st.column_name(i));

  if (format == ExportFormat::Xlsx) return export_xlsx(st, names, sheet, out);
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
  return export_query(db, "SELECT * FROM " + quote_identifier(table), format, out, std::string(table));
}

}  // namespace gb::data
