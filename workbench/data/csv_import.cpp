#include "data/csv_import.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <set>
#include <stdexcept>

#include "data/audit_log.hpp"
#include "data/csv_reader.hpp"
#include "data/describe.hpp"
#include "data/migrations.hpp"
#include "data/read_file.hpp"
#include "data/schema_check.hpp"

namespace gb::data {

namespace {

// A column mapping file is typed by a person: 1 MiB is thousands of lines.
constexpr std::size_t kMaxMappingBytes = std::size_t{1} << 20;

// Data rows read for the column types before anything is written; later
// rows are checked as they are written (see import_csv_bytes).
constexpr std::size_t kSampleRows = 1000;

// Tables the program writes itself: the record of imports and changes,
// the reference scales the schema fills, and the engine's results and
// settings. Rows appended from a CSV would falsify them.
// Tables only govbench itself writes: the record of imports, changes and
// settings, reference scales, stored results, and review sessions (written
// only by the session commands, so minutes cannot be backdated by a CSV).
constexpr std::array<std::string_view, 14> kProgramTables = {
    "imports",     "audit_log",    "level_values",    "cipfa_principles", "indicator_results",
    "risk_scores", "settings",     "edits",           "scenarios",        "scenario_changes",
    "sessions",    "agenda_items", "session_records", "agenda_snapshots"};

// A small text file read whole (a column mapping file), refused past
// `limit` bytes and at a NUL byte: it is typed by a person, so anything
// bigger is the wrong file.
std::string read_small_text_file(const std::filesystem::path& file, std::size_t limit, const char* what) {
  const SourceLocation where{file.string(), 0, 0};
  ReadChecks checks;
  checks.grew = [&](const std::string& out, std::size_t added) {
    if (const auto nul = out.find('\0', out.size() - added); nul != std::string::npos) {
      std::int64_t line = 1;
      for (std::size_t i = 0; i < nul; ++i) line += out[i] == '\n';
      throw Error(SourceLocation{file.string(), line, 0}, std::string("a NUL byte: this is not text, so not ") + what);
    }
    if (out.size() > limit)
      throw Error(where, std::string("is longer than ") + std::to_string(limit >> 20) + " MiB, too long for " + what +
                             "; is it the right file?");
  };
  return read_whole_file(file, "a file", checks);
}

// Widens a column's type to fit one more value.
void widen(ColumnType& type, bool& seen, ColumnType t) {
  if (!seen) {
    type = t;
    seen = true;
  } else if (static_cast<int>(t) > static_cast<int>(type)) {
    type = t;
  }
}

std::string column_name_key(std::string_view name) {
  return to_lower_ascii(name);
}

// Reads the header and infers column types from the data rows (all of
// them, or the first `max_rows`). Throws (with location) on any malformed
// record it reads.
struct Scan {
  std::vector<ImportedColumn> columns;
  std::vector<bool> seen;  // whether a column has had a non-NULL cell
  std::int64_t rows = 0;
  bool complete = false;  // every data row was read
  // Where the cells of the first record (the first header row) are, for
  // messages about a column (the reader has moved on by then).
  std::vector<SourceLocation> first_record_locations;
};

void check_ragged(const CsvReader& reader, const std::vector<CsvField>& fields, std::size_t width) {
  if (fields.size() == width) return;
  const SourceLocation where = fields.size() > width ? reader.locate(fields[width].offset) : reader.end_of_record();
  throw Error(where, "this row has " + std::to_string(fields.size()) + " fields but the header has " +
                         std::to_string(width) + " (a ragged row; check for an unquoted comma)");
}

// How one cell reads, for a column whose type is known so far.
enum class CellKind { Null, Integer, Real, Text };

struct Cell {
  CellKind kind = CellKind::Null;
  std::int64_t integer = 0;
  double real = 0;  // for a REAL column: what is bound
};

// The whitespace trim() removes; checked at both ends first, since most
// cells have none.
bool is_trim_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
std::string_view trim_cell(std::string_view v) {
  if (v.empty() || (!is_trim_space(v.front()) && !is_trim_space(v.back()))) return v;
  return trim(v);
}

// A cell's kind, parsing it once and only as far as its column needs
// (for inference and for the write alike). A quoted cell is always text:
// the quotes are how a file (and our own export) says "123" is not a number; a TEXT column's cells are not read
// as numbers, a REAL column's are read as reals (the value bound).
Cell read_cell(const CsvField& f, ColumnType type, bool seen) {
  Cell cell;
  if (f.quoted) {
    cell.kind = CellKind::Text;
    return cell;
  }
  const std::string_view v = trim_cell(f.text);
  if (is_null_cell(v)) return cell;
  cell.kind = CellKind::Text;
  if (seen && type == ColumnType::Text) return cell;
  if (seen && type == ColumnType::Real) {
    // An integer in a REAL column is bound as the real it reads as.
    if (auto r = parse_real_cell(v)) {
      cell.kind = CellKind::Real;  // or an integer: either fits
      cell.real = *r;
    } else if (parse_integer_cell(v)) {
      cell.kind = CellKind::Integer;
    }
    return cell;
  }
  if (auto i = parse_integer_cell(v)) {
    cell.kind = CellKind::Integer;
    cell.integer = *i;
  } else if (auto r = parse_real_cell(v)) {
    cell.kind = CellKind::Real;
    cell.real = *r;
  }
  return cell;
}

// Whether a cell leaves its column's type as it is (see widen).
bool fits(CellKind kind, ColumnType type, bool seen) {
  switch (kind) {
    case CellKind::Null:
      return true;
    case CellKind::Text:
      return type == ColumnType::Text;
    case CellKind::Integer:
      return seen;  // an unseen column is TEXT only until its first value
    case CellKind::Real:
      return seen && type != ColumnType::Integer;
  }
  return false;
}

// Counts one row towards its columns' NULLs and types.
void infer_row(Scan& s, const std::vector<CsvField>& fields) {
  for (std::size_t c = 0; c < fields.size(); ++c) {
    const Cell cell = read_cell(fields[c], s.columns[c].type, s.seen[c]);
    if (cell.kind == CellKind::Null) {
      ++s.columns[c].nulls;
      continue;
    }
    bool b = s.seen[c];
    widen(s.columns[c].type, b,
          cell.kind == CellKind::Integer ? ColumnType::Integer
          : cell.kind == CellKind::Real  ? ColumnType::Real
                                         : ColumnType::Text);
    s.seen[c] = b;
  }
}

// Runs of whitespace collapsed to one space, ends trimmed: how the header's
// names are made, applied to a rename's old name so that it matches.
std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : trim(text)) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  return out;
}

// Where a rename came from, for a message: the mapping file's line, or the
// --rename option itself.
Error rename_error(const ColumnRename& r, const std::string& why) {
  if (!r.where.file.empty()) return Error(r.where, why);
  return Error("--rename '" + printable(r.spec, 200) + "': " + why);
}

std::string quoted_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : ", '") + printable(n, 120) + "'";
  return out;
}

// Renames the columns as `renames` say, all at once (so that two columns
// may swap names). Throws before anything is written.
void apply_renames(std::vector<ImportedColumn>& columns, const std::vector<ColumnRename>& renames,
                   const std::string& file) {
  if (renames.empty()) return;
  std::vector<std::string> names;
  for (const auto& c : columns) names.push_back(c.name);
  std::vector<std::string> renamed = names;
  std::vector<const ColumnRename*> by(columns.size(), nullptr);
  for (const auto& r : renames) {
    const std::string from = collapse_spaces(r.from);
    std::size_t at = names.size();
    for (std::size_t c = 0; c < names.size() && at == names.size(); ++c)
      if (names[c] == from) at = c;
    for (std::size_t c = 0; c < names.size() && at == names.size(); ++c)
      if (iequals_ascii(names[c], from)) at = c;
    if (at == names.size()) {
      std::string why = "column '" + printable(from, 200) + "' is not in " + file;
      if (const auto near = nearest_names(from, names); !near.empty())
        why += "; did you mean " + quoted_names(near) + "?";
      else if (names.size() <= 12)
        why += "; its columns are " + quoted_names(names);
      else
        why += " ('govbench import ... --verbose' or 'govbench describe' lists the names)";
      throw rename_error(r, why + "; nothing was imported");
    }
    if (by[at]) {
      const ColumnRename& first = *by[at];
      throw rename_error(r, "column '" + printable(names[at], 200) + "' is renamed twice (first " +
                                (first.where.file.empty() ? "by --rename '" + printable(first.spec, 200) + "'"
                                                          : "at " + format_location(first.where)) +
                                "); nothing was imported");
    }
    const std::string& to = r.to;
    if (trim(to).empty())
      throw rename_error(r, "the new name for '" + printable(from, 200) + "' is empty; nothing was imported");
    if (trim(to).size() != to.size())
      throw rename_error(r, "the new name '" + to + "' begins or ends with a space; nothing was imported");
    for (char ch : to)
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F)
        throw rename_error(r,
                           "the new name '" + printable(to, 200) + "' holds a control character; nothing was imported");
    if (find_invalid_utf8(to)) throw rename_error(r, "the new name is not valid UTF-8; nothing was imported");
    if (to_lower_ascii(to).starts_with("sqlite_"))
      throw rename_error(r, "the new name '" + to + "' is reserved by SQLite; nothing was imported");
    by[at] = &r;
    renamed[at] = to;
  }
  // SQLite's column names ignore ASCII case: no two may be the same so.
  for (std::size_t a = 0; a < renamed.size(); ++a)
    for (std::size_t b = a + 1; b < renamed.size(); ++b) {
      if (!iequals_ascii(renamed[a], renamed[b])) continue;
      const ColumnRename* r = by[b] ? by[b] : by[a];
      const std::size_t other = by[b] ? a : b;
      throw rename_error(*r, "'" + printable(r->to, 200) + "' would name two columns (" + file + "'s '" +
                                 printable(names[a], 200) + "' and '" + printable(names[b], 200) + "')" +
                                 (by[other] ? "" : "; the file already has a column of that name") +
                                 "; nothing was imported");
    }
  for (std::size_t c = 0; c < columns.size(); ++c) columns[c].name = renamed[c];
}

Scan scan(CsvReader& reader, const ImportOptions& options, std::vector<std::vector<std::string>>* preview,
          std::size_t max_preview, std::size_t max_rows = SIZE_MAX) {
  Scan s;
  std::vector<CsvField> fields;
  std::vector<std::vector<std::string>> header;
  auto remember_first = [&] {
    if (s.first_record_locations.empty())
      for (const auto& f : fields) s.first_record_locations.push_back(reader.locate(f.offset));
  };
  for (int h = 0; h < options.header_rows; ++h) {
    if (!reader.next(fields)) {
      if (h == 0) throw Error(SourceLocation{reader.name(), 1, 1}, "the file is empty: there is no header row");
      throw Error(reader.end_of_file(), "the file ends inside its header (" + std::to_string(options.header_rows) +
                                            " header rows expected, " + std::to_string(h) + " found)");
    }
    remember_first();
    std::vector<std::string> row;
    for (const auto& f : fields) row.emplace_back(f.text);
    if (h > 0 && row.size() != header.front().size())
      throw Error(reader.record_start(), "header row " + std::to_string(h + 1) + " has " + std::to_string(row.size()) +
                                             " fields but the first header row has " +
                                             std::to_string(header.front().size()));
    header.push_back(std::move(row));
  }

  std::size_t width = header.empty() ? 0 : header.front().size();
  double next_report = 0;
  for (;;) {
    if (static_cast<std::size_t>(s.rows) >= max_rows) break;
    if (!reader.next(fields)) {
      s.complete = true;
      break;
    }
    if (width == 0 && header.empty()) {
      width = fields.size();
      remember_first();
    }
    check_ragged(reader, fields, width);
    if (s.columns.empty()) {
      s.columns.resize(width);
      s.seen.assign(width, false);
    }
    infer_row(s, fields);
    if (preview && preview->size() < max_preview) {
      std::vector<std::string> row;
      for (const auto& f : fields) row.emplace_back(f.text);
      preview->push_back(std::move(row));
    }
    ++s.rows;
    if (options.progress && reader.progress() >= next_report) {
      options.progress(0.2 * reader.progress());
      next_report = reader.progress() + 0.01;
    }
  }
  if (s.columns.empty()) {
    s.columns.resize(width);
    s.seen.assign(width, false);
  }
  const auto names = header_names(header, width);
  for (std::size_t c = 0; c < width; ++c) s.columns[c].name = names[c];
  apply_renames(s.columns, options.renames, reader.name());
  return s;
}

// Reads the records after the current one only to find a malformed one
// (which throws): a file's own errors are reported before the database's.
void check_rest(CsvReader& reader, std::size_t width) {
  std::vector<CsvField> fields;
  while (reader.next(fields)) check_ragged(reader, fields, width);
}

void check_table_name(const std::string& table) {
  if (trim(table).empty()) throw Error("the table name is empty");
  if (trim(table).size() != table.size())
    throw Error("table name '" + table + "' begins or ends with a space; give the name without it");
  if (auto why = reserved_table_name(table)) throw Error("table name '" + table + "' cannot be used: " + *why);
}

// What the import may do to the table it names: refuses (gb::Error) a view,
// a program-owned table, and --replace of anything an import did not make.
// Run before the file is read (to fail fast) and again inside the
// transaction (where the answer counts). Returns whether the table exists.
bool check_target(Db& db, const std::string& table, ImportMode mode) {
  std::string type;
  {
    Statement st =
        db.prepare("SELECT type FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE");
    st.bind(1, table);
    if (st.step()) type = st.column_text(0);
  }
  if (type == "view") throw Error("'" + table + "' is a view; import into a table");
  for (std::string_view owned : kProgramTables)
    if (iequals_ascii(owned, table))
      throw Error("table '" + table +
                  "' is written only by govbench itself (it records imports, changes, reference scales, "
                  "engine results, settings or review sessions); import into another table");
  const bool exists = !type.empty();
  if (!exists) return false;
  if (mode == ImportMode::Create)
    throw Error("table '" + table + "' already exists; pass --append to add rows or --replace to overwrite it");
  if (mode == ImportMode::Replace) {
    if (is_schema_table(table))
      throw Error("table '" + table +
                  "' is part of the governance schema, so --replace will not drop it; use --append to add rows, "
                  "or import into another table");
    // An --append also leaves a row in imports, so only a create or
    // replace proves that an import made the table.
    Statement q =
        db.prepare("SELECT count(*) FROM imports WHERE tbl = ? COLLATE NOCASE AND mode IN ('create', 'replace')");
    q.bind(1, table);
    q.step();
    if (q.column_int(0) == 0)
      throw Error("table '" + table +
                  "' was not created by an import, so --replace will not drop it; use --append or another "
                  "table name");
  }
  return true;
}

// The write half of an import, in one transaction (defined below). Empty
// when a row needs a wider column type than `s` gives (the transaction is
// rolled back; `s` then holds the types of the rows before it).
std::optional<ImportReport> write_import(Db& db, const std::string& name, CsvReader& reader, Scan& s,
                                         const ImportOptions& options);

}  // namespace

const char* column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::Integer:
      return "INTEGER";
    case ColumnType::Real:
      return "REAL";
    case ColumnType::Text:
      return "TEXT";
  }
  return "TEXT";
}

ColumnRename parse_rename(std::string_view spec) {
  const auto eq = spec.rfind('=');
  if (eq == std::string_view::npos)
    throw Error("--rename '" + printable(spec, 200) + "': write it OLD=NEW (the header's name, '=', the new name)");
  ColumnRename r;
  r.from = std::string(trim(spec.substr(0, eq)));
  r.to = std::string(trim(spec.substr(eq + 1)));
  r.spec = std::string(spec);
  if (r.from.empty()) throw Error("--rename '" + printable(spec, 200) + "': the old name (before '=') is empty");
  return r;
}

std::vector<ColumnRename> parse_column_mapping(const std::string& name, std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (auto bad = find_invalid_utf8(text)) {
    std::int64_t line = 1;
    for (std::size_t i = 0; i < *bad; ++i) line += text[i] == '\n';
    throw Error(SourceLocation{name, line, 0}, "the mapping file is not UTF-8 text");
  }
  std::vector<ColumnRename> out;
  for (const auto& l : record_lines(text)) {
    const SourceLocation where{name, l.number, 0};
    const auto eq = l.text.rfind('=');
    if (eq == std::string_view::npos)
      throw Error(where, "write each line as 'Old header = new_name' (no '=' in '" + printable(l.text, 120) + "')");
    ColumnRename r;
    r.from = std::string(trim(l.text.substr(0, eq)));
    r.to = std::string(trim(l.text.substr(eq + 1)));
    r.where = where;
    r.spec = std::string(l.text);
    if (r.from.empty()) throw Error(where, "the old name (before '=') is empty");
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<ColumnRename> read_column_mapping(const std::filesystem::path& file) {
  return parse_column_mapping(file.string(), read_small_text_file(file, kMaxMappingBytes, "a column mapping file"));
}

bool is_null_cell(std::string_view text) {
  return text.empty() || iequals_ascii(text, "N/A");
}

std::vector<std::string> header_names(const std::vector<std::vector<std::string>>& header_rows, std::size_t width) {
  std::vector<std::string> names;
  std::set<std::string> used;
  for (std::size_t c = 0; c < width; ++c) {
    std::string name;
    for (const auto& row : header_rows) {
      if (c >= row.size()) continue;
      // Collapse runs of whitespace (headers often hold line breaks). A
      // byte-order mark inside the file (two files joined, or a blank line
      // before the header) is invisible and names nothing: it is dropped, so
      // that exporting the table and importing it again gives the same names.
      std::string cell = row[c];
      for (std::size_t at; (at = cell.find("\xEF\xBB\xBF")) != std::string::npos;) cell.erase(at, 3);
      std::string part;
      bool space = false;
      for (char ch : trim(cell)) {
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
  if (is_workbook_file(file)) return preview_workbook(file, options, max_rows);
  CsvReader reader(file, options.encoding);
  CsvPreview p;
  Scan s = scan(reader, options, &p.rows, max_rows);
  p.columns = std::move(s.columns);
  p.total_rows = s.rows;
  return p;
}

CsvPreview preview_csv_bytes(const std::string& name, std::string bytes, const ImportOptions& options,
                             std::size_t max_rows) {
  CsvReader reader(name, std::move(bytes), Encoding::Utf8);
  CsvPreview p;
  Scan s = scan(reader, options, &p.rows, max_rows);
  p.columns = std::move(s.columns);
  p.total_rows = s.rows;
  return p;
}

namespace {

// Checks what can be checked before the file is opened: fail fast.
void check_import_options(Db& db, const ImportOptions& options) {
  check_table_name(options.table);
  if (options.header_rows < 0 || options.header_rows > 20) throw Error("header rows must be between 0 and 20");
  check_target(db, options.table, options.mode);
}

ImportReport import_from(Db& db, CsvReader& reader, const ImportOptions& options);

}  // namespace

ImportReport import_csv(Db& db, const std::filesystem::path& file, const ImportOptions& options) {
  check_import_options(db, options);
  CsvReader reader(file, options.encoding);
  return import_from(db, reader, options);
}

ImportReport import_csv_bytes(Db& db, const std::string& name, std::string bytes, const ImportOptions& options) {
  check_import_options(db, options);
  CsvReader reader(name, std::move(bytes), options.encoding);
  return import_from(db, reader, options);
}

namespace {

ImportReport import_from(Db& db, CsvReader& reader, const ImportOptions& options) {
  const std::string& name = reader.name();

  // The progress of a second write (see below) starts where the first did:
  // keep what is shown from going backwards.
  ImportOptions opts = options;
  if (options.progress)
    opts.progress = [shown = 0.0, &options](double f) mutable {
      if (f <= shown) return;
      shown = f;
      options.progress(f);
    };
  // One pass: the types come from the first rows, and the writer checks
  // every later row against them as it inserts it. Only when a later row
  // needs a wider type (a code column turning to text at row 50,000) is
  // the rest of the file read for types and the import written again.
  Scan s = scan(reader, opts, nullptr, 0, kSampleRows);
  if (s.columns.empty()) throw Error(SourceLocation{name, 1, 1}, "the file has no columns");

  try {
    if (auto r = write_import(db, name, reader, s, opts)) return std::move(*r);
    // `reader` stands after the row that widened a column: finish the types.
    std::vector<CsvField> fields;
    while (reader.next(fields)) {
      check_ragged(reader, fields, s.columns.size());
      infer_row(s, fields);
    }
    if (auto r = write_import(db, name, reader, s, opts)) return std::move(*r);
    throw std::logic_error("import: the column types of " + name + " changed after the whole file was read");
  } catch (const StorageError& e) {
    // Whatever was written is rolled back with the transaction.
    throw StorageError("cannot import " + name + " into " + db.path().string() + ": " + e.message() +
                       "; nothing was imported and the database is as it was");
  }
}

std::optional<ImportReport> write_import(Db& db, const std::string& name, CsvReader& reader, Scan& s,
                                         const ImportOptions& options) {
  const std::string& table = options.table;
  Transaction tx(db);
  const bool exists = check_target(db, table, options.mode);
  const std::string qt = quote_identifier(table);
  std::string mode_name = "create";

  // Columns of the target table, in CSV order.
  std::vector<std::string> target = [&] {
    std::vector<std::string> v;
    for (const auto& c : s.columns) v.push_back(c.name);
    return v;
  }();

  db.capture_table_begin(table);  // a team replica records the table as a whole (Db::capture_table_begin)
  if (exists && options.mode == ImportMode::Replace) {
    db.exec("DROP TABLE " + qt);
    mode_name = "replace";
  }
  if (exists && options.mode == ImportMode::Append) {
    mode_name = "append";
    const auto existing = db.column_names(table);
    std::vector<std::string> missing;
    std::size_t first_missing = 0;
    for (std::size_t c = 0; c < target.size(); ++c) {
      auto& col = target[c];
      auto it =
          std::find_if(existing.begin(), existing.end(), [&](const std::string& e) { return iequals_ascii(e, col); });
      if (it != existing.end()) {
        col = *it;
        continue;
      }
      if (missing.empty()) first_missing = c;
      missing.push_back("'" + col + "'");
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      // Point at the header cell that names the first unknown column.
      const SourceLocation where = first_missing < s.first_record_locations.size()
                                       ? s.first_record_locations[first_missing]
                                       : SourceLocation{name, 1, 1};
      check_rest(reader, s.columns.size());  // a malformed row is reported first, as it was before a pass
      throw Error(where, "table '" + table + "' has no column " + list +
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
  const std::size_t width = s.columns.size();
  for (auto& col : s.columns) col.nulls = 0;  // counted again, over every row
  std::vector<Cell> cells(width);
  double next_report = 0;
  std::int64_t rows = 0;
  while (reader.next(fields)) {
    check_ragged(reader, fields, width);
    for (std::size_t c = 0; c < width; ++c) {
      cells[c] = read_cell(fields[c], s.columns[c].type, s.seen[c]);
      if (!fits(cells[c].kind, s.columns[c].type, s.seen[c])) {
        // A wider type than the first rows gave: start again with the
        // types known so far plus this row's.
        infer_row(s, fields);
        return std::nullopt;
      }
    }
    // Binding can fail too (a value longer than SQLite allows), so it is
    // inside the try: every error names the row, and the cell when known.
    std::size_t c = 0;
    try {
      for (c = 0; c < width; ++c) {
        const int idx = static_cast<int>(c) + 1;
        const CsvField& f = fields[c];
        const Cell& cell = cells[c];
        if (cell.kind == CellKind::Null) {
          ++s.columns[c].nulls;
          st.bind(idx, nullptr);
          continue;
        }
        if (cell.kind == CellKind::Text || s.columns[c].type == ColumnType::Text) {
          // Unescaped text lives in the reader until its next record, and
          // the row is stepped before that: no copy needed.
          s.seen[c] = true;
          st.bind_borrowed(idx, f.text);
        } else if (s.columns[c].type == ColumnType::Integer) {
          st.bind(idx, cell.integer);
        } else {
          st.bind(idx, cell.real);
        }
      }
      c = width;
      st.step();
    } catch (const StorageError&) {
      st.reset();
      st.clear_bindings();
      throw;  // the disk or the file failed, not this row
    } catch (const Error& e) {
      st.reset();
      st.clear_bindings();
      const SourceLocation where = c < width ? reader.locate(fields[c].offset) : reader.record_start();
      const std::string why = c < width ? "the database rejected this row: column '" + target[c] + "': " + e.message()
                                        : "the database rejected this row: " + e.message();
      // A malformed row further on is what a whole-file check would have
      // reported first, so it still is.
      check_rest(reader, width);
      throw Error(where, why);
    }
    st.reset();
    ++rows;
    if (options.progress && reader.progress() >= next_report) {
      options.progress(0.2 + 0.8 * reader.progress());
      next_report = reader.progress() + 0.01;
    }
  }
  st.clear_bindings();

  {
    Statement log = db.prepare(
        "INSERT INTO imports (tbl, file, rows, columns, mode, encoding, who, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    log.bind(8, db.new_row_id("imports"));
    log.bind(1, table).bind(2, name).bind(3, rows).bind(4, static_cast<std::int64_t>(s.columns.size()));
    log.bind(5, mode_name)
        .bind(6, options.encoding == Encoding::Utf8     ? "utf-8"
                 : options.encoding == Encoding::Cp1252 ? "cp1252"
                                                        : "latin1");
    log.bind(7, current_user());
    log.run();
  }
  std::string after = "{\"file\":";
  append_json_string(after, name);
  after += ",\"rows\":" + std::to_string(rows) + ",\"mode\":\"" + mode_name + "\"}";
  record_audit(db, AuditEntry{.action = "import", .table = table, .row_id = "", .before = "", .after = after});
  db.note_change_summary("Imported " + name + " into " + table + " (" + std::to_string(rows) + " rows, " + mode_name +
                         ")");
  db.capture_table_end(table, mode_name);
  tx.commit();
  if (options.progress) options.progress(1.0);

  ImportReport r;
  r.table = table;
  r.rows = rows;
  r.columns = std::move(s.columns);
  return r;
}

}  // namespace

}  // namespace gb::data
