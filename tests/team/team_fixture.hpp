// A team for tests: a real PostgreSQL hub (PgServer), the owner's replica
// (a copy of the demo database, published with team init) and members
// joined on demand, with their keys in the test's folder.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "data/db.hpp"
#include "support.hpp"
#include "support/pg_server.hpp"
#include "team/sync.hpp"

namespace gbtest {

// A changeset's bytes with the table `from` (of `ncol` columns) renamed to
// `to` (the same length), as a hostile client would send: a changeset names
// a table as 'T', its column count, one key flag per column, then the name
// and a NUL. Empty when the changeset does not name `from`.
std::string with_table_renamed(std::string changeset, const std::string& from, const std::string& to, std::size_t ncol);

struct TeamFixture {
  TempDir dir;
  PgServer pg;
  std::string base;  // the hub's URL without a user
  std::filesystem::path owner;

  TeamFixture();
  // Adds `name` (as the owner) and joins as them: their replica's path.
  std::filesystem::path join(const std::string& name, const std::string& role = "analyst");
  static gb::data::Db open(const std::filesystem::path& p);
  static gb::team::SyncReport sync(const std::filesystem::path& p);
  static std::string fingerprint(const std::filesystem::path& p);
  // An assessment of `risk` dated 2030-01-`day` (day 1..28, then later months).
  static void assess(const std::filesystem::path& p, std::int64_t risk, int n);
  static void progress(const std::filesystem::path& p, std::int64_t control, const std::string& period,
                       const std::string& value);
  std::vector<std::int64_t> risk_ids(int n) const;
  std::int64_t head();
};

}  // namespace gbtest
