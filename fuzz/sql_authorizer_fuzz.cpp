// Fuzz target: the authorizer that keeps pack SQL read-only
// (script/script_db). Input: SQL text, run as a pack's ctx.sql would run it
// (every statement in the text, one after another) on a demo database.
//
// Every statement that prepares is also run, even one that ctx.sql would
// refuse for not being read-only (sqlite3_stmt_readonly), so each guard is
// tested without the others. Invariants, checked after every input:
//  - the connection has changed nothing and holds no transaction open;
//  - the database folder holds the same files, untouched (size, times and,
//    every 64 inputs, bytes): no write to the database, its WAL, or a new
//    file such as VACUUM INTO would make.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "script/script_db.hpp"

namespace {
constexpr const char* kTarget = "sql_authorizer";

struct Fixture {
  std::filesystem::path db_path;
  std::unique_ptr<gb::script::ScriptDb> db;
  std::string fingerprint;  // times and sizes
  std::string content;      // and bytes
  std::uint64_t inputs = 0;
};

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    x.db_path = gbfuzz::demo_database();
    x.db = std::make_unique<gb::script::ScriptDb>(x.db_path);
    // Read once so that SQLite has made whatever files a reader needs.
    sqlite3_exec(x.db->handle(), "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    x.fingerprint = gbfuzz::folder_fingerprint(x.db_path.parent_path(), false);
    x.content = gbfuzz::folder_fingerprint(x.db_path.parent_path(), true);
    return x;
  }();
  return f;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 8192) return 0;
  Fixture& f = fixture();
  sqlite3* h = f.db->handle();
  const std::string sql(reinterpret_cast<const char*>(data), size);
  const int changes_before = sqlite3_total_changes(h);
  f.db->set_deadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(200));

  const char* p = sql.c_str();
  const char* const end = p + sql.size();
  bool writer = false;  // a statement SQLite does not call read-only got through
  for (int statements = 0; p < end && statements < 16; ++statements) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    f.db->clear_denial();
    const int rc = sqlite3_prepare_v2(h, p, static_cast<int>(end - p), &stmt, &tail);
    if (rc != SQLITE_OK || !stmt) {
      if (stmt) sqlite3_finalize(stmt);
      if (!tail || tail <= p) break;
      p = tail;
      continue;
    }
    // ctx.sql refuses a statement SQLite does not call read-only before
    // running it; run it anyway, so that the authorizer's run-time checks
    // and the read-only connection are tested on their own. (VACUUM INTO is
    // one: it prepares, and its ATTACH is authorized, and denied, only when
    // it runs.)
    writer = writer || !sqlite3_stmt_readonly(stmt);
    for (int rows = 0; rows < 1000 && sqlite3_step(stmt) == SQLITE_ROW; ++rows) {
    }
    sqlite3_finalize(stmt);
    if (!tail || tail <= p) break;
    p = tail;
  }
  GBFUZZ_CHECK(kTarget, sqlite3_total_changes(h) == changes_before, "a pack statement changed rows");
  GBFUZZ_CHECK(kTarget, sqlite3_get_autocommit(h) != 0, "a pack statement left a transaction open");
  // Any write changes a file's times; the bytes themselves are compared
  // after every statement that is not read-only and every 64 inputs
  // (hashing the database each time would slow the fuzzer a hundredfold).
  const std::string now = gbfuzz::folder_fingerprint(f.db_path.parent_path(), false);
  GBFUZZ_CHECK(kTarget, now == f.fingerprint,
               "the database folder changed:\n" + f.fingerprint + "--- became ---\n" + now);
  if (++f.inputs % 64 == 0 || writer) {
    const std::string bytes = gbfuzz::folder_fingerprint(f.db_path.parent_path(), true);
    GBFUZZ_CHECK(kTarget, bytes == f.content, "the database folder's bytes changed");
  }
  return 0;
}
