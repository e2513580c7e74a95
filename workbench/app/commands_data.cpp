// Data subcommands: init-demo, import, export, tables.

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/cli.hpp"
#include "app/progress.hpp"
#include "core/atomic_file.hpp"
#include "core/text.hpp"
#include "data/describe.hpp"
#include "data/export.hpp"
#include "data/import_model.hpp"
#include "engine/database.hpp"
#include "engine/edit_path.hpp"
#include "engine/register_import.hpp"

namespace gb::app {

namespace {

int cmd_init_demo(const Args& a) {
  const std::string path = a.positional().at(0);
  engine::create_demo_database(path);
  data::Db db = engine::open_for_reading(path);
  const std::int64_t risks = data::row_count(db, "risks");
  std::cout << "created " << path << " (schema version " << engine::latest_schema_version() << ", " << risks
            << " corporate risks)\n";
  return 0;
}

int cmd_import(const Args& a) {
  data::ImportOptions o;
  const std::string file = a.positional().at(0);
  o.table = a.require("--table");
  const std::string db_path = a.require("--db");
  o.header_rows = a.get_int("--header-rows", 1, 0, 20);
  if (a.has("--append") && a.has("--replace")) throw UsageError("--append and --replace cannot be used together");
  if (a.has("--append")) o.mode = data::ImportMode::Append;
  if (a.has("--replace")) o.mode = data::ImportMode::Replace;
  if (auto e = a.get("--encoding")) {
    auto enc = parse_encoding(*e);
    if (!enc) throw UsageError("unknown encoding '" + *e + "' (use utf-8, cp1252 or latin1)");
    o.encoding = *enc;
  }
  // The mapping file first, then each --rename: all are checked against
  // the file's header before anything is written.
  if (auto m = a.get("--columns")) o.renames = data::read_column_mapping(*m);
  for (const auto& spec : a.all("--rename")) {
    try {
      o.renames.push_back(data::parse_rename(spec));
    } catch (const Error& e) {
      throw UsageError(e.what());
    }
  }
  o.sheet = a.get("--sheet").value_or("");
  o.range = a.get("--range").value_or("");
  Progress progress("import", file, a.has("--progress"));
  o.progress = [&](double f) { progress.fraction(f); };
  // A database this import creates is removed again if the import fails,
  // so a mistyped --db leaves no stray file behind.
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(db_path, ec);
  const bool new_file = status.type() == std::filesystem::file_type::not_found;
  data::ImportReport r;
  try {
    // A new file is this import's alone until it ends: written once, in the
    // rollback journal, then shared (WAL) whole.
    data::Db db = new_file ? engine::create_unshared(db_path) : engine::open_or_create(db_path);
    r = engine::EditPath(db).import_csv(file, o);
    if (new_file) engine::share(db);
  } catch (...) {
    progress.finish();
    // Never throws: the import's own error is the one to report.
    if (new_file)
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db_path + suffix, ec);
    throw;
  }
  progress.finish();
  std::cout << "imported " << r.rows << " rows into " << r.table << " (" << r.columns.size() << " columns";
  if (!r.sheet.empty()) std::cout << ", from sheet '" << r.sheet << "' " << r.range;
  std::cout << ")\n";
  for (const auto& n : r.notes) std::cerr << "govbench: import: " << file << ": " << n << "\n";
  if (a.has("--verbose"))
    for (const auto& c : r.columns)
      std::cout << "  " << c.name << "  " << data::column_type_name(c.type) << "  (" << c.nulls << " empty)\n";
  return 0;
}

int cmd_export(const Args& a) {
  const std::string db_path = a.require("--db");
  const bool has_table = a.has("--table"), has_sql = a.has("--sql");
  if (has_table == has_sql) throw UsageError("give exactly one of --table NAME or --sql QUERY");
  const std::string fmt = a.get("--format").value_or("csv");
  data::ExportFormat format;
  if (fmt == "csv")
    format = data::ExportFormat::Csv;
  else if (fmt == "json")
    format = data::ExportFormat::Json;
  else if (fmt == "xlsx")
    format = data::ExportFormat::Xlsx;
  else
    throw UsageError("unknown format '" + fmt + "' (use csv, json or xlsx)");
  if (format == data::ExportFormat::Xlsx && !a.get("-o") && ::isatty(STDOUT_FILENO) == 1)
    throw UsageError("a workbook is not text: give -o FILE.xlsx (or redirect standard output)");

  data::Db db = engine::open_for_reading(db_path);
  note_if_read_only("export", db_path);
  auto run = [&](std::ostream& out) {
    return has_table ? data::export_table(db, *a.get("--table"), format, out)
                     : data::export_query(db, *a.get("--sql"), format, out);
  };
  if (auto out_path = a.get("-o")) {
    refuse_database_as_output(db_path, *out_path);
    AtomicFile file(*out_path);
    std::int64_t rows = 0;
    try {
      rows = run(file.stream());
    } catch (const Error&) {
      if (file.error()) file.fail(file.error());  // the write failed first: say why
      throw;
    }
    file.commit();
    std::cerr << "exported " << rows << " rows to " << *out_path << "\n";
  } else {
    run(std::cout);
    std::cout.flush();
  }
  return 0;
}

int cmd_sheets(const Args& a) {
  const std::string file = a.positional().at(0);
  const auto sheets = data::workbook_sheets(file);
  std::cout << file << ": " << sheets.size() << (sheets.size() == 1 ? " sheet" : " sheets") << "\n";
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const auto& s = sheets[i];
    std::cout << "  " << i + 1 << "  " << s.name << "  " << (s.range.empty() ? "(empty)" : s.range);
    if (!s.range.empty()) std::cout << "  (" << s.rows << " rows, " << s.columns << " columns)";
    if (s.hidden) std::cout << "  hidden sheet";
    if (s.merged) std::cout << "  " << s.merged << " merged";
    if (s.hidden_rows) std::cout << "  " << s.hidden_rows << " hidden rows";
    if (s.hidden_columns) std::cout << "  " << s.hidden_columns << " hidden columns";
    std::cout << "\n";
  }
  return 0;
}

int cmd_import_register(const Args& a) {
  const std::string file = a.positional().at(0);
  const std::string db_path = a.require("--db");
  const engine::RegisterMapping mapping = engine::read_register_mapping(a.require("--mapping"));
  const bool dry = a.has("--dry-run");
  data::Db db = dry ? engine::open_for_reading(db_path) : engine::open_for_editing(db_path);
  const engine::RegisterPlan plan = engine::plan_register_import(db, file, mapping, a.as_of());
  std::cout << file << ", sheet '" << plan.sheet << "' " << plan.range << ": " << plan.rows
            << (plan.rows == 1 ? " row" : " rows") << "; " << plan.updates.size()
            << (plan.updates.size() == 1 ? " risk changes" : " risks change") << ", " << plan.unchanged
            << " as in the register\n";
  for (const auto& u : plan.updates) {
    std::cout << "  risk " << u.ref << " " << u.name << " (row " << u.sheet_row << "): ";
    for (std::size_t i = 0; i < u.changes.size(); ++i) std::cout << (i ? ", " : "") << u.changes[i];
    std::cout << "; a new assessment as at " << u.edit.as_of << "\n";
  }
  for (const auto& n : plan.notes) std::cout << "  note: " << n << "\n";
  if (dry) {
    std::cout << "dry run: nothing was changed\n";
    return 0;
  }
  std::vector<data::AssessmentEdit> edits;
  for (const auto& u : plan.updates) edits.push_back(u.edit);
  const auto done = engine::EditPath(db).apply_register_import(edits);
  std::size_t changed = 0;
  for (const auto& d : done) changed += d.changed;
  std::cout << "recorded " << changed << (changed == 1 ? " assessment" : " assessments")
            << " in one transaction, each in the audit log and the edit history (govbench undo takes back the "
               "latest)\n";
  return 0;
}

int cmd_tables(const Args& a) {
  data::Db db = engine::open_for_reading(a.require("--db"));
  note_if_read_only("tables", a.require("--db"));
  for (const auto& t : db.table_names()) {
    const std::int64_t rows = data::row_count(db, t);
    std::cout << t << "\t" << rows << "\n";
  }
  return 0;
}

int cmd_drop(const Args& a) {
  const std::string db_path = a.require("--db");
  const std::string name = a.positional().at(0);
  data::Db db = engine::open_for_editing(db_path);
  const engine::DropResult r = engine::drop_object(db, name);
  if (r.restored) {
    std::cout << "restored " << r.type << " '" << r.name << "' as govbench's schema migrations made it\n";
    return 0;
  }
  std::cout << "dropped " << r.type << " '" << r.name << "'";
  if (r.type == "table") std::cout << " (" << r.rows << (r.rows == 1 ? " row" : " rows") << ")";
  std::cout << "; the database as it was is in " << r.backup.string() << "\n";
  return 0;
}

int cmd_describe(const Args& a) {
  const std::string db_path = a.require("--db");
  const std::string fmt = a.get("--format").value_or("text");
  if (fmt != "text" && fmt != "json") throw UsageError("unknown format '" + fmt + "' (use text or json)");
  data::DescribeOptions o;
  o.max_examples = static_cast<std::size_t>(a.get_int("--examples", 3, 0, 20));
  data::Db db = engine::open_for_reading(db_path);
  note_if_read_only("describe", db_path);
  const data::TableDescription d = data::describe_table(db, a.positional().at(0), o);
  std::cout << (fmt == "json" ? data::describe_json(d) : data::describe_text(d));
  return 0;
}

}  // namespace

void register_data_commands(std::vector<Command>& out) {
  out.push_back({"init-demo",
                 "create a demo governance database from the seed papers",
                 R"(usage: govbench init-demo FILE

Creates FILE as a new governance database holding the demo data: the
December 2021 corporate risk register, control progress, action plans,
the 2021/22 Governance Improvement Plan, the internal control survey, audit
ratings and published figures from the Met / MOPAC papers, each row linked
to its source, plus clearly marked synthetic history (source 'synthetic')
where a time series is needed.

FILE must not exist: init-demo never overwrites. The database is built
under a temporary name and moved into place only when complete.

example:
  govbench init-demo demo.db
)",
                 {},
                 1,
                 1,
                 cmd_init_demo});

  out.push_back({"import",
                 "import a CSV file or a workbook's sheet into a table, atomically",
                 R"(usage: govbench import CSV|FILE.xlsx --db FILE --table NAME [options]

Reads CSV (RFC 4180), or a sheet of a workbook (.xlsx), and writes it to
table NAME of database FILE (created and set up if it does not exist) in a
single transaction: on any error nothing is written and the message names
the file, line and column (for a workbook: the sheet and cell).

  --db FILE          the governance database
  --table NAME       the target table
  --header-rows N    number of header rows (default 1; 0 = none). Several
                     header rows are joined into one name per column
                     ("question | group | measure"); repeated names get
                     _2, _3, ... appended
  --append           add rows to an existing table; CSV columns are matched
                     to table columns by name, and the table's own
                     constraints check every row
  --replace          drop and recreate a table that an earlier import
                     created (not merely appended to); tables of the
                     governance schema are never dropped
  --encoding ENC     utf-8 (default), cp1252 or latin1. A file that is not
                     valid UTF-8 is refused unless its encoding is named;
                     files saved from Excel are often cp1252
  --rename OLD=NEW   store the header's column OLD as NEW (repeatable). OLD
                     is the name as the importer makes it (header rows
                     joined with " | "; see --verbose or 'govbench
                     describe'); the split is at the last '='
  --columns MAPFILE  rename columns as a mapping file says: one
                     "Old header = new_name" per line (split at the last
                     '='), blank lines and lines starting with # ignored.
                     Keep it beside the data, so that next month's file
                     imports the same way (with --append it then matches
                     the table's columns by their new names)
  --sheet NAME|N     a workbook's sheet, by name or number from 1 (default:
                     the first sheet that is not hidden); 'govbench sheets
                     FILE.xlsx' lists them
  --range A1:K200    a workbook's cells to read (default: the sheet's used
                     range); header rows are its first rows
  --verbose          list the columns with their inferred types
  --progress         show progress on stderr when the import takes over a
                     second, also when stderr is not a terminal (a log): a
                     line at most once a second, such as
                       govbench: import: 40% of stops.csv (2.0 s)
                     On a terminal a bar is shown anyway. Standard output
                     is the same with or without it

Cells: a UTF-8 byte order mark is ignored; LF, CRLF and lone CR line
endings are all accepted. An unquoted cell that is blank or N/A is stored
as NULL. A quoted cell is text, kept exactly as written: "" is an empty
string, and "N/A", " x " and "123" stay text. Each column's type is
inferred from its values: INTEGER, REAL, else TEXT (a quoted cell, or a
number with a leading zero such as a code, makes it TEXT). Empty lines are
skipped, except in a one-column file, where an empty line is a NULL cell.

Renaming: a rename naming a column the file does not have (the message
gives the mapping file's line and the nearest names), two columns given
the same name (names ignore case), a column renamed twice, or a new name
that is empty, has a control character or starts with sqlite_ is an
error, and nothing is imported: the database is left as it was.

Workbooks (.xlsx, or any zip archive; LibreOffice and Excel files alike):
the same rules as CSV, read from the cells. A text cell is TEXT, a number
is a number (INTEGER or REAL, by its column), a date (the cell's format is
a date; 1900 and 1904 date systems) is ISO text YYYY-MM-DD (with
HH:MM:SS when it has a time), TRUE/FALSE is 1/0, an empty cell NULL. A
formula gives its cached value; formulas with none are imported as NULL
and listed in a warning on stderr. Cells merged across header rows name
every column under them. Hidden rows and columns are imported and said so;
empty trailing rows and columns are dropped. A workbook is treated as
hostile: a zip bomb, an entry named with '..' or an absolute path, an XML
DTD (entity expansion), more than 1,000,000 shared strings or a sheet of
more than 5,000,000 cells is refused at once, and nothing is written.

Views, and the tables govbench writes itself (imports, audit_log,
level_values, cipfa_principles, indicator_results, risk_scores, settings),
are never imported into.

Limits, so that any file is read with bounded memory (it is streamed, and
read twice: once for the types, once for the rows): one cell may hold
1 MiB, one row 16 MiB and 2,000 columns. A file that is not text (a NUL
byte, or bytes that are not UTF-8 when no --encoding names another), a
longer cell or row, or a wider row is refused at once, naming its line.
A pipe or device (a FIFO, /dev/stdin) is read as it comes and kept to be
read again, up to 64 MiB; save anything bigger to a file first.

example:
  govbench import stops.csv --db demo.db --table stop_search
  govbench import pas.csv --db demo.db --table pas_2016 --header-rows 2
  govbench import stops.csv --db demo.db --table stop_search \
      --rename 'Officer-defined ethnicity=officer_ethnicity'
  govbench import pas-2024-06.csv --db demo.db --table pas --header-rows 3 \
      --columns pas-columns.txt --append
  govbench import register.xlsx --db demo.db --table register_2024 --sheet Register --range A3:K40

a mapping file (pas-columns.txt):
  # PAS neighbourhood file: header (3 rows joined) = column name
  neighbourhood = neighbourhood
  How confident are you that the police in your area use their stop and search powers fairly? | Black | % Very confident/Fairly confident = ss_fair_black
)",
                 {{"--db", true},
                  {"--table", true},
                  {"--header-rows", true},
                  {"--append"},
                  {"--replace"},
                  {"--encoding", true},
                  {"--verbose"},
                  {"--rename", true, true},
                  {"--columns", true},
                  {"--sheet", true},
                  {"--range", true},
                  {"--progress"}},
                 1,
                 1,
                 cmd_import});

  out.push_back({"import-register",
                 "bring a register kept as a workbook into the register, as audited edits",
                 R"(usage: govbench import-register FILE.xlsx --mapping MAPFILE --db FILE [--dry-run]
                                [--as-of DATE]

Reads the corporate risk register from a workbook, compares each risk
(matched by its ref) with the register, and records every risk whose
likelihood, impact or trend differs as a new assessment through the edit
path: validated, in the audit log, undoable (govbench undo, Ctrl+Z), all
in one transaction: on any error nothing is recorded. A name, owner or
target that differs is reported and not changed; a ref the register does
not have is reported and not added.

  --mapping MAPFILE  which sheet and columns (see below); kept beside the
                     workbook so that next quarter's imports the same way
  --dry-run          print what would change, per risk, and change nothing
  --as-of DATE       the date of the new assessments (default: the
                     mapping's as-of, else today)

The mapping file: one setting per line, split at the last '='; blank lines
and lines starting with # are ignored.
  sheet = Register                   the sheet (name or number; default: the first)
  header-rows = 1                    rows of header (joined with " | ")
  range = A3:K40                     the cells to read (default: the used range)
  as-of = 2022-03-31                 the date of the new assessments
  column ref = Ref                   required: the column holding the risk's ref
  column likelihood = Likelihood     likelihood, impact, trend: imported
  column impact = Impact
  column trend = Direction
  column name = Risk                 name, owner, target_likelihood,
  column owner = Risk owner          target_impact: compared, reported
  value * Very High = VH             workbook text -> level, for likelihood,
  value trend Up = worsening         impact and targets (*), or one field
Levels are VL, L, M, H, VH (or Very Low ... Very High, any case); trends
improving, stable, worsening. A column the sheet does not have is an error
naming the mapping's line and the sheet's columns; a value that is not a
level or trend names its cell; nothing is changed.

example:
  govbench import-register register-q4.xlsx --mapping register.map --db demo.db --dry-run
)",
                 {{"--db", true}, {"--mapping", true}, {"--dry-run"}, {"--as-of", true}},
                 1,
                 1,
                 cmd_import_register});

  out.push_back({"sheets",
                 "list a workbook's sheets with their used ranges",
                 R"(usage: govbench sheets FILE.xlsx

Lists the sheets of a workbook (.xlsx) in order: number, name, used range
(the cells that hold something, e.g. A1:K99) with its rows and columns,
and whether the sheet is hidden or has merged cells, hidden rows or hidden
columns. Give the name or number to 'govbench import --sheet', and a range
to --range. The workbook is read as for an import (hostile input refused).

example:
  govbench sheets register.xlsx
)",
                 {},
                 1,
                 1,
                 cmd_sheets});

  // sql: shown, not run (the examples of --help)
  out.push_back({"export",
                 "export a table or a query as CSV, JSON or XLSX",
                 R"(usage: govbench export (--table NAME | --sql QUERY) --db FILE [--format csv|json|xlsx] [-o OUT]

Writes the rows of a table (or view), or of a read-only SQL query, to OUT
(default: standard output). The database is opened read-only.

  --db FILE          the governance database
  --table NAME       a table or view to export
  --sql QUERY        a SELECT statement to run
  --format FMT       csv (default), json or xlsx
  -o OUT             output file, written whole or not at all (a link's
                     target is written, the link kept); a device or pipe
                     (/dev/stdout, /dev/null, a FIFO) or - is written as a
                     stream; a folder or socket is refused. It may not be
                     the database itself

CSV output re-imports to the same rows: NULL is an empty cell; text that
would otherwise read back as NULL, as a number or trimmed is quoted ("",
"N/A", " x", "123"); numbers keep full precision. JSON output is an array
of objects keyed by column name. In both, a BLOB is written as text: \x
and its bytes in hex. An infinite number is written as inf or -inf in CSV
(it re-imports as text) and as null in JSON.

XLSX output is one sheet (named after the table, or Query) with a frozen
header row and fitted columns: integers and reals are numbers, text is
text (a cell beginning = is never a formula), a date (YYYY-MM-DD) is a
date cell, NULL an empty cell. 'govbench import FILE.xlsx' gives the same
rows back. A result of more rows than a worksheet holds (1,048,575) is
refused: export it as CSV.

The CSV is data, every cell as stored, so that it round-trips: a cell
beginning =, +, -, @, tab or CR is not neutralised, as it is in the CSV
that render, eval and score write for spreadsheets. Open an export of data
you do not trust in a spreadsheet through its import dialog, as text.

examples:
  govbench export --db demo.db --table risk_register -o register.csv
  govbench export --db demo.db --format json \
      --sql "SELECT ref, name, likelihood, impact FROM risk_register"
  govbench export --db demo.db --table risk_register --format xlsx -o register.xlsx
)",
                 {{"--db", true}, {"--table", true}, {"--sql", true}, {"--format", true}, {"-o", true}},
                 0,
                 0,
                 cmd_export});

  out.push_back({"tables",
                 "list a database's tables with their row counts",
                 R"(usage: govbench tables --db FILE

Prints each table of the database with its number of rows, tab-separated.
The database is opened read-only.
)",
                 {{"--db", true}},
                 0,
                 0,
                 cmd_tables});

  out.push_back({"drop",
                 "drop an imported table, or a table, view or trigger govbench did not make",
                 R"(usage: govbench drop NAME --db FILE

Removes NAME from the database: a table an import made, or a table, view
or trigger that govbench's schema migrations did not make ('govbench check
--db FILE' lists those; a trigger it lists is refused to run by every
write until it is gone). The database is first copied to
FILE.before-drop.bak (or .bak.1, ...: created new, with the database's own
permissions), then the object is dropped in one transaction with an entry
in audit_log (what was dropped, its SQL, its row count and the backup).

A view or trigger of the governance schema whose SQL was changed is put
back as the migrations made it instead. The governance schema's own
tables, views and triggers are refused, as are SQLite's internal tables.

examples:
  govbench drop pas_2021_draft --db demo.db
  govbench check --db shared.db && govbench drop audit_cleanup --db shared.db
)",
                 {{"--db", true}},
                 1,
                 1,
                 cmd_drop});

  out.push_back({"describe",
                 "a table's columns: type, non-null and distinct counts, examples",
                 R"(usage: govbench describe TABLE --db FILE [--format text|json] [--examples N]

Lists the columns of TABLE (a table or view) in order, each with its
declared type, the number of values that are not NULL, the number of
distinct values and a few example values (distinct, in table order). Use
it to find the exact column names a pack's SQL must use: an imported
file's names are its header's own words, in full.

  --db FILE          the governance database (opened read-only)
  --format FMT       text (default) or json: an object with table, kind
                     (table or view), rows and columns, each column with
                     name, type, non_null, distinct and examples
  --examples N       examples per column (default 3, 0 to 20)

Text examples are cut to 40 characters ("..." marks a cut) and shown in
single quotes, as SQL writes text; control characters and bytes that are
not UTF-8 are shown as U+FFFD, and a BLOB as <blob N bytes>. Column and
table names are matched without regard to case. A name that is not a
table or view is an error naming the nearest tables (exit 1).

In a pack, ctx.columns(table) gives the same column names.

examples:
  govbench describe risk_register --db demo.db
  govbench describe pas_neighbourhood_groups --db demo.db --format json
)",
                 {{"--db", true}, {"--format", true}, {"--examples", true}},
                 1,
                 1,
                 cmd_describe});
}

}  // namespace gb::app
