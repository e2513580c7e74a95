// Build tool: runs the schema migrations (schemas/NNN_*.sql, given in order)
// on an in-memory database exactly as data::migrate() runs them (each file's
// SQL, the application id after the first, the schema version after each),
// without the audit entries, which a new database gets when it is made; then
// writes a C++ source holding
//  - the database's bytes (VACUUMed; runs of zeros left out), which
//    data::migrate() copies into a new database instead of running every
//    migration again (schema_image.hpp);
//  - each table, view, trigger and index as SQLite stored it, which is what
//    the schema check compares databases with (schema_inspect.hpp);
//  - the SQLite version that made them: another version may word an altered
//    table's SQL differently, so then the program runs the migrations itself.
// A test checks that a database made from the image equals one migrated step
// by step (tests/unit/migrations_test.cpp).
//
// usage: govbench_schema_gen OUT.cpp 001_x.sql 002_y.sql ...
#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/cxx_literal.hpp"
#include "data/migrations.hpp"  // kApplicationId (a constant; nothing is linked)

namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct Finalize {
  void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
struct FreeSqlite {
  void operator()(unsigned char* p) const { sqlite3_free(p); }
};

[[noreturn]] void fail(const std::string& what) {
  std::cerr << "govbench_schema_gen: " << what << "\n";
  std::exit(1);
}

void exec(sqlite3* db, const std::string& sql, const std::string& where) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string message = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    fail(where + ": " + message);
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

using gb::cxx_literal;

// ISO C++ asks compilers to take string literals of at least 65536
// characters; pieces of 4000 bytes stay far below it (and below
// -Woverlength-strings' 4095).
constexpr std::size_t kPiece = 4000;

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) fail("usage: govbench_schema_gen OUT.cpp MIGRATION.sql...");
  const std::string out_path = argv[1];

  sqlite3* raw = nullptr;
  if (sqlite3_open(":memory:", &raw) != SQLITE_OK) fail("cannot open an in-memory database");
  std::unique_ptr<sqlite3, CloseDb> db(raw);
  exec(db.get(), "PRAGMA page_size = 4096", "page size");

  for (int i = 2; i < argc; ++i) {
    const std::string path = argv[i];
    const std::string name = path.substr(path.find_last_of('/') + 1);
    const int version = i - 1;
    if (std::atoi(name.c_str()) != version) fail(path + ": expected migration number " + std::to_string(version));
    exec(db.get(), "BEGIN", name);
    exec(db.get(), read_file(path), name);
    if (version == 1) exec(db.get(), "PRAGMA application_id = " + std::to_string(gb::data::kApplicationId), name);
    exec(db.get(), "PRAGMA user_version = " + std::to_string(version), name);
    exec(db.get(), "COMMIT", name);
  }
  const int schema_version = argc - 2;
  exec(db.get(), "VACUUM", "vacuum");

  std::ostringstream objects;
  {
    sqlite3_stmt* st_raw = nullptr;
    if (sqlite3_prepare_v2(db.get(),
                           "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                           "WHERE type IN ('table', 'view', 'trigger', 'index') ORDER BY rowid",
                           -1, &st_raw, nullptr) != SQLITE_OK)
      fail("cannot read the schema");
    std::unique_ptr<sqlite3_stmt, Finalize> st(st_raw);
    auto text = [&](int col) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), col));
      return std::string(p ? p : "");
    };
    while (sqlite3_step(st.get()) == SQLITE_ROW)
      objects << "    {" << cxx_literal(text(0)) << ", " << cxx_literal(text(1)) << ", " << cxx_literal(text(2)) << ", "
              << cxx_literal(text(3)) << "},\n";
  }

  sqlite3_int64 size = 0;
  std::unique_ptr<unsigned char, FreeSqlite> bytes(sqlite3_serialize(db.get(), "main", &size, 0));
  if (!bytes || size <= 0) fail("cannot serialize the database");
  // Runs of at least 64 zero bytes are left out; the rest goes in pieces.
  std::ostringstream pieces;
  std::size_t count = 0;
  const auto n = static_cast<std::size_t>(size);
  for (std::size_t i = 0; i < n;) {
    if (bytes.get()[i] == 0) {
      ++i;
      continue;
    }
    std::size_t end = i, zeros = 0;
    while (end < n && end - i < kPiece && zeros < 64) {
      zeros = bytes.get()[end] == 0 ? zeros + 1 : 0;
      ++end;
    }
    end -= zeros;  // the piece ends with its last non-zero byte
    pieces << "    {" << i << ", std::string_view("
           << cxx_literal(std::string_view(reinterpret_cast<const char*>(bytes.get()) + i, end - i)) << ", " << end - i
           << ")},\n";
    ++count;
    i = end;
  }

  std::ofstream out(out_path + ".tmp", std::ios::binary | std::ios::trunc);
  out << "// Generated by govbench_schema_gen (workbench/data/schema_image_gen.cpp) from schemas/*.sql.\n"
      << "// Do not edit.\n"
      << "#include \"data/schema_image.hpp\"\n\n"
      << "namespace gb::data {\n\nnamespace {\n\n"
      << "constexpr SchemaImage::Piece pieces[] = {\n"
      << pieces.str() << "};\n\n"
      << "constexpr SchemaImage::Object objects[] = {\n"
      << objects.str() << "};\n\n"
      << "}  // namespace\n\n"
      << "const SchemaImage& schema_image() {\n"
      << "  static constexpr SchemaImage image{" << size << ", " << schema_version << ", "
      << sqlite3_libversion_number() << ", {pieces, " << count << "}, {objects, std::size(objects)}};\n"
      << "  return image;\n}\n\n}  // namespace gb::data\n";
  out.close();
  if (!out) fail("cannot write " + out_path + ".tmp");
  if (std::rename((out_path + ".tmp").c_str(), out_path.c_str()) != 0) fail("cannot write " + out_path);
  return 0;
}
