// Fuzz target: the CSV reader and importer (data/csv_reader, data/csv_import)
// into a governance database held in memory. The first input byte picks the
// options (header rows, encoding, create a new table or append to the
// schema's observations table); the rest is the file.
//
// Invariants:
//  - an import either succeeds or throws gb::Error; nothing else escapes;
//  - a failed import leaves the database exactly as it was (no table, no
//    imports or audit_log row, observations unchanged);
//  - a successful one stored exactly the rows it reports, and exporting the
//    table as CSV and importing that again gives the same values and types
//    (the round trip README promises).
#include <sqlite3.h>

#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "data/csv_import.hpp"
#include "data/db.hpp"
#include "data/export.hpp"
#include "data/migrations.hpp"
#include "fuzz_support.hpp"

namespace {
constexpr const char* kTarget = "csv_import";
using namespace gb::data;

// The migrated schema, serialized once; each input starts from a copy.
const std::string& schema_image() {
  static const std::string image = [] {
    Db db = Db::open_memory();
    migrate(db);
    sqlite3_int64 size = 0;
    unsigned char* p = sqlite3_serialize(db.handle(), "main", &size, 0);
    std::string out(reinterpret_cast<const char*>(p), static_cast<std::size_t>(size));
    sqlite3_free(p);
    return out;
  }();
  return image;
}

Db fresh_db() {
  Db db = Db::open_memory();
  const std::string& image = schema_image();
  auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
  std::memcpy(buf, image.data(), image.size());
  const int rc = sqlite3_deserialize(db.handle(), "main", buf, static_cast<sqlite3_int64>(image.size()),
                                     static_cast<sqlite3_int64>(image.size()),
                                     SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK) gbfuzz::violated(kTarget, "cannot load the schema image");
  db.exec("PRAGMA foreign_keys = ON");
  return db;
}

std::int64_t count(Db& db, const std::string& sql) {
  Statement st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

// Every row of a table as text: typeof and value of each cell.
std::string dump(Db& db, const std::string& table) {
  const auto cols = db.column_names(table);
  std::string select;
  for (const auto& c : cols) {
    if (!select.empty()) select += ", ";
    select += "typeof(" + quote_identifier(c) + "), quote(" + quote_identifier(c) + ")";
  }
  Statement st = db.prepare("SELECT " + select + " FROM " + quote_identifier(table) + " ORDER BY rowid");
  std::string out;
  while (st.step()) {
    for (int i = 0; i < st.column_count(); ++i) out += st.column_text(i) + "|";
    out += "\n";
  }
  return out;
}

std::string state(Db& db) {
  return std::to_string(count(db, "SELECT count(*) FROM imports")) + " " +
         std::to_string(count(db, "SELECT count(*) FROM audit_log")) + " " +
         std::to_string(count(db, "SELECT count(*) FROM observations")) + " " +
         std::to_string(count(db, "SELECT count(*) FROM sqlite_schema"));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 64 * 1024) return 0;
  const std::uint8_t opt = data[0];
  ImportOptions o;
  o.header_rows = opt % 4;
  o.encoding = (opt >> 2) % 3 == 0   ? gb::Encoding::Utf8
               : (opt >> 2) % 3 == 1 ? gb::Encoding::Cp1252
                                     : gb::Encoding::Latin1;
  const bool append = (opt >> 4) % 4 == 3;
  o.mode = append ? ImportMode::Append : ImportMode::Create;
  o.table = append ? "observations" : "fuzzed";
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  Db db = fresh_db();
  const std::string before = state(db);
  ImportReport report;
  try {
    report = import_csv_bytes(db, "fuzz.csv", bytes, o);
  } catch (const gb::Error&) {
    GBFUZZ_CHECK(kTarget, state(db) == before, "a failed import changed the database: " + before + " -> " + state(db));
    GBFUZZ_CHECK(kTarget, append || !db.table_exists("fuzzed"), "a failed import left its table behind");
    return 0;
  }
  GBFUZZ_CHECK(kTarget, count(db, "SELECT count(*) FROM imports") == 1,
               "a successful import is not recorded in imports");
  if (append) return 0;  // the schema's table has columns of its own; the round trip is for new tables
  GBFUZZ_CHECK(kTarget, count(db, "SELECT count(*) FROM fuzzed") == report.rows,
               "the import reports " + std::to_string(report.rows) + " rows but stored another number");

  // Round trip: export as CSV, import that into a second table.
  std::ostringstream csv;
  export_table(db, "fuzzed", ExportFormat::Csv, csv);
  ImportOptions back;
  back.table = "fuzzed_again";
  try {
    import_csv_bytes(db, "export.csv", csv.str(), back);
  } catch (const gb::Error& e) {
    gbfuzz::violated(kTarget, std::string("the export of an imported table does not import: ") + e.what() +
                                  "\n--- export ---\n" + csv.str());
  }
  GBFUZZ_CHECK(kTarget, db.column_names("fuzzed") == db.column_names("fuzzed_again"),
               "column names change in an export/import round trip");
  const std::string a = dump(db, "fuzzed"), b = dump(db, "fuzzed_again");
  GBFUZZ_CHECK(kTarget, a == b, "an export/import round trip changed the rows:\n" + a + "--- became ---\n" + b);
  return 0;
}
