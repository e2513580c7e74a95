#include "data/describe.hpp"

#include <algorithm>
#include <cstdio>

#include "core/text.hpp"

namespace gb::data {

namespace {

// Columns counted per scan of the table: two result columns each, well
// under SQLite's limit of 2000 result columns.
constexpr std::size_t kColumnsPerScan = 400;

// The length of the valid UTF-8 sequence at s[i], or 0 when it is not one
// (overlong forms, surrogates and code points above U+10FFFF are not).
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t n = 0;
  std::uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0)
    n = 2, cp = b0 & 0x1F, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0)
    n = 3, cp = b0 & 0x0F, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0)
    n = 4, cp = b0 & 0x07, min = 0x10000;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = a[i - 1] == b[j - 1];
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : ", '") + printable(n, 80) + "'";
  return out;
}

Value example_value(Statement& st, std::size_t max_chars) {
  const std::string type = st.column_text(0);
  if (type == "integer") return st.column_int(1);
  if (type == "real") return st.column_double(1);
  if (type == "blob") return "<blob " + std::to_string(st.column_int(1)) + " bytes>";
  return printable(st.column_blob(1), max_chars);
}

std::string format_example(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return format_double(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (s->starts_with("<blob ")) return *s;
    std::string out = "'";
    for (char c : *s) {
      if (c == '\'')
        out += "''";
      else
        out.push_back(c);
    }
    return out + "'";
  }
  return "NULL";
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (max_chars && chars == max_chars) {
      out += "...";
      break;
    }
    std::uint32_t cp = 0;
    const std::size_t n = utf8_sequence(text, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
    } else if (cp == '\n' || cp == '\r' || cp == '\t') {
      out.push_back(' ');
      i += n;
    } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
      out += "\xEF\xBF\xBD";  // a control character a terminal would act on
      i += n;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
    ++chars;
  }
  return out;
}

std::vector<std::string> nearest_names(std::string_view name, const std::vector<std::string>& candidates,
                                       std::size_t max) {
  const std::string key = to_lower_ascii(name);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const std::string ck = to_lower_ascii(c);
    std::size_t d = edit_distance(key, ck);
    const std::size_t allowed = std::max<std::size_t>(2, std::max(key.size(), ck.size()) / 3);
    // One name inside the other (a prefix left off, a suffix added) counts
    // as close, after the true slips.
    if (d > allowed && !key.empty() && (ck.find(key) != std::string::npos || key.find(ck) != std::string::npos))
      d = allowed;
    if (d <= allowed) scored.emplace_back(d, c);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < max; ++i) out.push_back(scored[i].second);
  return out;
}

std::optional<std::string> find_table(Db& db, std::string_view table) {
  Statement st = db.prepare(
      "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE "
      "ORDER BY name = ? DESC LIMIT 1");
  st.bind(1, table).bind(2, table);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

std::string missing_table_message(Db& db, std::string_view table) {
  std::vector<std::string> names;
  {
    Statement st = db.prepare(
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "ORDER BY name");
    while (st.step()) names.push_back(st.column_text(0));
  }
  std::string msg = "no table '" + printable(table, 80) + "'";
  if (names.empty()) return msg + ": the database has no tables";
  if (const auto near = nearest_names(table, names); !near.empty())
    return msg + "; did you mean " + quoted_list(near) + "?";
  if (names.size() <= 12) return msg + "; the tables are " + quoted_list(names);
  return msg + " (" + std::to_string(names.size()) + " tables; 'govbench tables' lists them)";
}

std::int64_t row_count(Db& db, std::string_view table) {
  Statement st = db.prepare("SELECT count(*) FROM " + quote_identifier(table));
  st.step();
  return st.column_int(0);
}

TableRows first_rows(Db& db, std::string_view table, std::int64_t max_rows) {
  TableRows out;
  Statement st = db.prepare("SELECT * FROM " + quote_identifier(table) + " LIMIT " + std::to_string(max_rows));
  for (int i = 0; i < st.column_count(); ++i) out.columns.push_back(st.column_name(i));
  while (st.step()) {
    std::vector<Value> row;
    row.reserve(out.columns.size());
    for (int i = 0; i < st.column_count(); ++i) row.push_back(st.column_value(i));
    out.rows.push_back(std::move(row));
  }
  return out;
}

TableDescription describe_table(Db& db, std::string_view table, const DescribeOptions& options) {
  const auto name = find_table(db, table);
  if (!name) throw Error(missing_table_message(db, table));
  TableDescription d;
  d.table = *name;
  {
    Statement st = db.prepare("SELECT type FROM sqlite_schema WHERE name = ? AND type IN ('table', 'view')");
    st.bind(1, d.table);
    d.is_view = st.step() && st.column_text(0) == "view";
  }
  {
    // PRAGMA table_info rather than the pragma_table_info() function: the
    // packs' guarded connection (the Data panel reads through it) allows
    // the one and not the other. The name is quoted, never spliced raw.
    Statement st = db.prepare("PRAGMA table_info(" + quote_identifier(d.table) + ")");
    while (st.step()) d.columns.push_back({st.column_text(1), st.column_text(2), 0, 0, {}});
  }
  if (!options.counts) return d;
  const std::string qt = quote_identifier(d.table);
  d.rows = row_count(db, d.table);
  for (std::size_t from = 0; from < d.columns.size(); from += kColumnsPerScan) {
    const std::size_t to = std::min(d.columns.size(), from + kColumnsPerScan);
    std::string sql = "SELECT ";
    for (std::size_t c = from; c < to; ++c) {
      const std::string qc = quote_identifier(d.columns[c].name);
      sql += (c == from ? "" : ", ") + ("count(" + qc + "), count(DISTINCT " + qc + ")");
    }
    Statement st = db.prepare(sql + " FROM " + qt);
    st.step();
    for (std::size_t c = from; c < to; ++c) {
      d.columns[c].non_null = st.column_int(static_cast<int>(2 * (c - from)));
      d.columns[c].distinct = st.column_int(static_cast<int>(2 * (c - from) + 1));
    }
  }
  if (options.max_examples == 0) return d;
  // Only the first bytes of a text value are read: a 1 GB cell costs no
  // more than a short one. Four bytes per code point, plus one to see that
  // there is more.
  const std::string cut = std::to_string(options.max_example_chars * 4 + 4);
  for (auto& col : d.columns) {
    if (col.non_null == 0) continue;
    const std::string qc = quote_identifier(col.name);
    Statement st = db.prepare("SELECT DISTINCT typeof(" + qc + "), CASE typeof(" + qc + ") WHEN 'text' THEN substr(" +
                              qc + ", 1, " + cut + ") WHEN 'blob' THEN length(" + qc + ") ELSE " + qc + " END FROM " +
                              qt + " WHERE " + qc + " IS NOT NULL LIMIT " + std::to_string(options.max_examples));
    while (st.step()) col.examples.push_back(example_value(st, options.max_example_chars));
  }
  return d;
}

std::string format_examples(const ColumnDescription& c) {
  std::string out;
  for (std::size_t k = 0; k < c.examples.size(); ++k) out += (k ? ", " : "") + format_example(c.examples[k]);
  return out;
}

std::string describe_text(const TableDescription& d) {
  std::string out = (d.is_view ? "view " : "table ") + printable(d.table) + ": " + std::to_string(d.rows) +
                    (d.rows == 1 ? " row, " : " rows, ") + std::to_string(d.columns.size()) +
                    (d.columns.size() == 1 ? " column\n" : " columns\n");
  const int width = static_cast<int>(std::to_string(d.columns.size()).size());
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    const auto& c = d.columns[i];
    char num[32];
    std::snprintf(num, sizeof num, "%*zu", width, i + 1);
    const std::string pad(static_cast<std::size_t>(width) + 2, ' ');
    out += "\n" + std::string(num) + "  " + printable(c.name) + "\n";
    out += pad + (c.declared_type.empty() ? "(no type)" : printable(c.declared_type, 40)) + ", " +
           std::to_string(c.non_null) + " non-null, " + std::to_string(c.distinct) + " distinct\n";
    if (!c.examples.empty()) {
      out += pad + "e.g. " + format_examples(c) + "\n";
    }
  }
  return out;
}

std::string describe_json(const TableDescription& d) {
  std::string out = "{\"table\": ";
  append_json_string(out, printable(d.table));
  out += std::string(", \"kind\": ") + (d.is_view ? "\"view\"" : "\"table\"");
  out += ", \"rows\": " + std::to_string(d.rows) + ", \"columns\": [";
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    const auto& c = d.columns[i];
    out += i ? ",\n  {" : "\n  {";
    out += "\"name\": ";
    append_json_string(out, printable(c.name));
    out += ", \"type\": ";
    append_json_string(out, printable(c.declared_type));
    out += ", \"non_null\": " + std::to_string(c.non_null) + ", \"distinct\": " + std::to_string(c.distinct);
    out += ", \"examples\": [";
    for (std::size_t k = 0; k < c.examples.size(); ++k) {
      if (k) out += ", ";
      const Value& v = c.examples[k];
      if (const auto* n = std::get_if<std::int64_t>(&v))
        out += std::to_string(*n);
      else if (const auto* r = std::get_if<double>(&v)) {
        const std::string t = format_double(*r);
        out += (t == "Inf" || t == "-Inf" || t == "NaN") ? "null" : t;
      } else if (const auto* s = std::get_if<std::string>(&v))
        append_json_string(out, *s);
      else
        out += "null";
    }
    out += "]}";
  }
  out += d.columns.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace gb::data
