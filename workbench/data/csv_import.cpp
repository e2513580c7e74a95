#include "data/csv_import.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "data/audit_log.hpp"
#include "data/csv_reader.hpp"

namespace gb::data {

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(file.string() + ": cannot open the file for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(file.string() + ": read error");
  return std::move(ss).str();
}

bool parse_integer(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  std::string_view digits = s;
  if (digits.front() == '-' || digits.front() == '+') digits.remove_prefix(1);
  if (digits.empty()) return false;
  // A leading zero marks a code ("007", "E0001"): keep it as text.
  if (digits.size() > 1 && digits.front() == '0') return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parse_real(std::string_view s, double& out) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  // Only plain decimal notation: no inf/nan/hex.
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+')) return false;
  std::string_view digits = s.front() == '-' ? s.substr(1) : s;
  if (digits.size() > 1 && digits[0] == '0' && digits[1] != '.' && digits[1] != 'e' && digits[1] != 'E')
    return false;  // "007.5" reads as a code, like "007"
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Widens a column's type to fit one more value.
void widen(ColumnType& type, bool& seen, std::string_view v) {
  std::int64_t i;
  double d;
  ColumnType t = parse_integer(v, i) ? ColumnType::Integer : parse_real(v, d) ? ColumnType::Real : ColumnType::Text;
  if (!seen) {
    type = t;
    seen = true;
  } else if (static_cast<int>(t) > static_cast<int>(type)) {
    type = t;
  }
}

std::string column_name_key(std::string_view name) { return to_lower_ascii(name); }

// Reads the header and infers column types in one pass over the data.
// Throws (with location) on any malformed record, so nothing is written
// for a file that would fail half-way.
struct Scan {
  std::vector<ImportedColumn> columns;
  std::int64_t rows = 0;
};

Scan scan(CsvReader& reader, const ImportOptions& options, std::vector<std::vector<std::string>>* preview,
          std::size_t max_preview) {
  Scan s;
  std::vector<CsvField> fields;
  std::vector<std::vector<std::string>> header;
  for (int h = 0; h < options.header_rows; ++h) {
    if (!reader.next(fields)) {
      if (h == 0) throw Error(SourceLocation{reader.name(), 1, 1}, "the file is empty: there is no header row");
      throw Error(SourceLocation{reader.name(), 0, 0},
                  "the file ends inside its header (" + std::to_string(options.header_rows) + " header rows expected)");
    }
    std::vector<std::string> row;
    for (const auto& f : fields) row.emplace_back(f.text);
    if (h > 0 && row.size() != header.front().size())
      throw Error(reader.record_start(), "header row " + std::to_string(h + 1) + " has " + std::to_string(row.size()) +
                                             " fields but the first header row has " +
                                             std::to_string(header.front().size()));
    header.push_back(std::move(row));
  }

  std::size_t width = header.empty() ? 0 : header.front().size();
  std::vector<bool> seen;
  const std::size_t total = std::max<std::size_t>(reader.size(), 1);
  std::size_t next_report = 0;
  while (reader.next(fields)) {
    if (width == 0 && header.empty()) width = fields.size();
    if (fields.size() != width) {
      const SourceLocation where =
          fields.size() > width ? reader.locate(fields[width].offset) : reader.end_of_record();
      throw Error(where, "this row has " + std::to_string(fields.size()) + " fields but the header has " +
                             std::to_string(width) + " (a ragged row; check for an unquoted comma)");
    }
    if (s.columns.empty()) {
      s.columns.resize(width);
      seen.assign(width, false);
    }
    for (std::size_t c = 0; c < width; ++c) {
      const std::string_view v = trim(fields[c].text);
      if (is_null_cell(v)) {
        ++s.columns[c].nulls;
        continue;
      }
      bool b = seen[c];
      widen(s.columns[c].type, b, v);
      seen[c] = b;
    }
    if (preview && preview->size() < max_preview) {
      std::vector<std::string> row;
      for (const auto& f : fields) row.emplace_back(f.text);
      preview->push_back(std::move(row));
    }
    ++s.rows;
    if (options.progress && reader.position() >= next_report) {
      options.progress(0.2 * static_cast<double>(reader.position()) / static_cast<double>(total));
      next_report = reader.position() + total / 100 + 1;
    }
  }
  if (s.columns.empty()) s.columns.resize(width);
  const auto names = header_names(header, width);
  for (std::size_t c = 0; c < width; ++c) s.columns[c].name = names[c];
  return s;
}

}  // namespace

const char* column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::Integer: return "INTEGER";
    case ColumnType::Real: return "REAL";
    case ColumnType::Text: return "TEXT";
  }
  return "TEXT";
}

bool is_null_cell(std::string_view text) { return text.empty() || iequals_ascii(text, "N/A"); }

std::vector<std::string> header_names(const std::vector<std::vector<std::string>>& header_rows, std::size_t width) {
  std::vector<std::string> names;
  std::set<std::string> used;
  for (std::size_t c = 0; c < width; ++c) {
    std::string name;
    for (const auto& row : header_rows) {
      if (c >= row.size()) continue;
      // Collapse runs of whitespace (headers often hold line breaks).
      std::string part;
      bool space = false;
      for (char ch : trim(row[c])) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
          space = true;
          continue;
        }
        if (space && !part.empty()) part.push_back(' ');
        space = false;
        part.push_back(ch);
      }
      if (part.empty()) continue;
      if (!name.empty()) name += " | ";
      name += part;
    }
    if (name.empty()) name = "column_" + std::to_string(c + 1);
    std::string unique = name;
    for (int k = 2; used.count(column_name_key(unique)); ++k) unique = name + "_" + std::to_string(k);
    used.insert(column_name_key(unique));
    names.push_back(unique);
  }
  return names;
}

CsvPreview preview_csv(const std::filesystem::path& file, const ImportOptions& options, std::size_t max_rows) {
  CsvReader reader(file.string(), read_file(file), options.encoding);
  CsvPreview p;
  Scan s = scan(reader, options, &p.rows, max_rows);
  p.columns = std::move(s.columns);
  p.total_rows = s.rows;
  return p;
}

ImportReport import_csv(Db& db, const std::filesystem::path& file, const ImportOptions& options) {
  return import_csv_bytes(db, file.string(), read_file(file), options);
}

ImportReport import_csv_bytes(Db& db, const std::string& name, std::string bytes, const ImportOptions& options) {
  const std::string& table = options.table;
  if (trim(table).empty()) throw Error("the table name is empty");
  if (to_lower_ascii(table).starts_with("sqlite_")) throw Error("table name '" + table + "' is reserved by SQLite");
  if (options.header_rows < 0 || options.header_rows > 20) throw Error("--header-rows must be between 0 and 20");

  CsvReader reader(name, std::move(bytes), options.encoding);
  Scan s = scan(reader, options, nullptr, 0);
  if (s.columns.empty()) throw Error(SourceLocation{name, 1, 1}, "the file has no columns");

  Transaction tx(db);
  const bool exists = db.table_exists(table);
  const std::string qt = quote_identifier(table);
  std::string mode_name = "create";
  if (exists && options.mode == ImportMode::Create)
    throw Error("table '" + table + "' already exists; pass --append to add rows or --replace to overwrite it");

  // Columns of the target table, in CSV order.
  std::vector<std::string> target = [&] {
    std::vector<std::string> v;
    for (const auto& c : s.columns) v.push_back(c.name);
    return v;
  }();

  if (exists && options.mode == ImportMode::Replace) {
    Statement q = db.prepare("SELECT count(*) FROM imports WHERE tbl = ? COLLATE NOCASE");
    q.bind(1, table);
    q.step();
    const bool imported = q.column_int(0) > 0;
    q.reset();  // a statement still stepping on the schema would lock DROP TABLE
    if (!imported)
      throw Error("table '" + table +
                  "' was not created by an import, so --replace will not drop it (it may be part of the "
                  "governance schema); use --append or another table name");
    db.exec("DROP TABLE " + qt);
    mode_name = "replace";
  }
  if (exists && options.mode == ImportMode::Append) {
    mode_name = "append";
    const auto existing = db.column_names(table);
    std::vector<std::string> missing;
    for (auto& col : target) {
      auto it = std::find_if(existing.begin(), existing.end(), [&](const std::string& e) { return iequals_ascii(e, col); });
      if (it == existing.end()) missing.push_back("'" + col + "'");
      else col = *it;
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      throw Error(SourceLocation{name, 1, 0}, "table '" + table + "' has no column " + list +
                                                   " (appending matches CSV columns to table columns by name)");
    }
  } else {
    std::string ddl = "CREATE TABLE " + qt + " (";
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      if (c) ddl += ", ";
      ddl += quote_identifier(s.columns[c].name) + " " + column_type_name(s.columns[c].type);
    }
    ddl += ")";
    db.exec(ddl);
  }

  std::string insert = "INSERT INTO " + qt + " (";
  std::string params;
  for (std::size_t c = 0; c < target.size(); ++c) {
    insert += (c ? ", " : "") + quote_identifier(target[c]);
    params += c ? ", ?" : "?";
  }
  insert += ") VALUES (" + params + ")";
  Statement st = db.prepare(insert);

  reader.rewind();
  std::vector<CsvField> fields;
  for (int h = 0; h < options.header_rows; ++h) reader.next(fields);
  const std::size_t total = std::max<std::size_t>(reader.size(), 1);
  std::size_t next_report = 0;
  std::int64_t rows = 0;
  while (reader.next(fields)) {
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const int idx = static_cast<int>(c) + 1;
      const std::string_view v = trim(fields[c].text);
      if (is_null_cell(v)) {
        st.bind(idx, nullptr);
        continue;
      }
      std::int64_t i;
      double d;
      switch (s.columns[c].type) {
        case ColumnType::Integer:
          parse_integer(v, i);
          st.bind(idx, i);
          break;
        case ColumnType::Real:
          parse_real(v, d);
          st.bind(idx, d);
          break;
        case ColumnType::Text: st.bind(idx, fields[c].text); break;
      }
    }
    try {
      st.step();
    } catch (const Error& e) {
      st.reset();
      throw Error(reader.record_start(), "the database rejected this row: " + e.message());
    }
    st.reset();
    ++rows;
    if (options.progress && reader.position() >= next_report) {
      options.progress(0.2 + 0.8 * static_cast<double>(reader.position()) / static_cast<double>(total));
      next_report = reader.position() + total / 100 + 1;
    }
  }

  {
    Statement log = db.prepare(
        "INSERT INTO imports (tbl, file, rows, columns, mode, encoding, who) VALUES (?, ?, ?, ?, ?, ?, ?)");
    log.bind(1, table).bind(2, name).bind(3, rows).bind(4, static_cast<std::int64_t>(s.columns.size()));
    log.bind(5, mode_name).bind(6, options.encoding == Encoding::Utf8     ? "utf-8"
                                   : options.encoding == Encoding::Cp1252 ? "cp1252"
                                                                           : "latin1");
    log.bind(7, current_user());
    log.run();
  }
  std::string after = "{\"file\":";
  append_json_string(after, name);
  after += ",\"rows\":" + std::to_string(rows) + ",\"mode\":\"" + mode_name + "\"}";
  record_audit(db, AuditEntry{.action = "import", .table = table, .row_id = "", .before = "", .after = after});
  tx.commit();
  if (options.progress) options.progress(1.0);

  ImportReport r;
  r.table = table;
  r.rows = rows;
  r.columns = std::move(s.columns);
  return r;
}

}  // namespace gb::data
