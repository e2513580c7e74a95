// Reading and binding values for the edit path (edits_internal.hpp), and a
// row as a JSON object: what the audit log keeps of a row before and after
// an edit, and what undo compares the row as it is now against.
#include <string_view>

#include "data/edits_internal.hpp"

namespace gb::data::detail {

namespace {

std::string sql_string(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace

OptText column_opt(const Statement& st, int i) {
  if (st.column_is_null(i)) return std::nullopt;
  return st.column_text(i);
}

void bind_opt(Statement& st, int i, const OptText& v) {
  if (v)
    st.bind(i, *v);
  else
    st.bind(i, nullptr);
}

// What a field of an edit makes of a stored value (see Field).
OptText resolve(const Field& given, const OptText& stored) {
  if (!given) return stored;
  if (given->empty()) return std::nullopt;
  return given;
}

// A field given for a new row: absent and "" both mean NULL.
OptText for_new_row(const Field& given) {
  if (!given || given->empty()) return std::nullopt;
  return given;
}

// The whole row as a JSON object, or nullopt when there is no such row.
OptText row_json(Db& db, std::string_view table, std::int64_t id) {
  std::string sql = "SELECT json_object(";
  const auto cols = db.column_names(table);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) sql += ", ";
    sql += sql_string(cols[i]) + ", " + quote_identifier(cols[i]);
  }
  sql += ") FROM " + quote_identifier(table) + " WHERE rowid = ?";  // = id where the table has one
  Statement st = db.prepare(sql);
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

Columns parse_row_json(const std::string& json, std::int64_t audit_id) {
  Statement check = scratch_query("SELECT json_valid(?1) AND json_type(?1) = 'object'");
  check.bind(1, json);
  check.step();
  if (check.column_int(0) != 1)
    throw Error("audit_log row " + std::to_string(audit_id) + " does not hold a JSON object of the row's columns");
  // On a connection of its own: a table named json_each in the file would hide the function.
  Statement st = scratch_query("SELECT key, atom FROM json_each(?)");
  st.bind(1, json);
  Columns out;
  while (st.step()) out.emplace_back(st.column_text(0), st.column_value(1));
  return out;
}

// The current values of the columns named in `like`, or nullopt when the
// row is gone.
std::optional<Columns> read_columns(Db& db, std::string_view table, std::int64_t id, const Columns& like) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < like.size(); ++i) {
    if (i) sql += ", ";
    sql += quote_identifier(like[i].first);
  }
  sql += " FROM " + quote_identifier(table) + " WHERE rowid = ?";
  Statement st = db.prepare(sql);
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  Columns out;
  for (std::size_t i = 0; i < like.size(); ++i) out.emplace_back(like[i].first, st.column_value(static_cast<int>(i)));
  return out;
}

std::optional<std::int64_t> int_of(const Columns& cols, std::string_view name) {
  for (const auto& [k, v] : cols)
    if (k == name)
      if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  return std::nullopt;
}

std::string text_of(const Columns& cols, std::string_view name) {
  for (const auto& [k, v] : cols)
    if (k == name)
      if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return "?";
}

}  // namespace gb::data::detail
