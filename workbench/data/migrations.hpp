// Schema migrations: the numbered files in schemas/ (compiled in), applied
// in order, each in its own transaction, recorded in PRAGMA user_version.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/db.hpp"

namespace gb::data {

// 'GVB1': marks a file as a governance workbench database.
inline constexpr std::uint32_t kApplicationId = 0x47564231;

struct Migration {
  int version = 0;
  std::string name;  // file name, e.g. "001_init.sql"
  std::string_view sql;
};

// The compiled-in migrations, checked to be numbered 1, 2, 3, ...
const std::vector<Migration>& migrations();
int latest_schema_version();

struct MigrationReport {
  int from = 0;
  int to = 0;
  std::optional<std::filesystem::path> backup;  // set when an existing database was copied first
};

// The tables and views the migrations create, lower-cased and sorted (from
// expected_schema_objects(), schema_inspect.hpp). Imports never drop these.
const std::vector<std::string>& schema_table_names();
bool is_schema_table(std::string_view name);  // case-insensitive

// Copies the database, as it is now, to FILE.SUFFIX.bak (or .bak.1, ...):
// created exclusively, never through a link, with the database's own mode
// and owner. Throws gb::Error saying what it was for ("before upgrading its
// schema") when it cannot. Returns the backup's path.
std::filesystem::path back_up_database(Db& db, const std::string& suffix, const std::string& purpose);

// Brings db up to the latest schema. Refuses (gb::Error, nothing written) a
// database newer than this program or an SQLite file that is not ours (one
// with a schema version but not our application id, or with tables but no
// schema version). An existing governance database is first copied to
// FILE.vN.bak; only then is anything written, starting with the switch to WAL.
//
// A database with no schema yet is made from the schema image when it can
// be (schema_image.hpp), which ends the same as running every migration;
// `use_schema_image = false` runs them (the tests compare the two).
// `wal = false` leaves a file in the journal mode it has (the rollback
// journal for a new one): see engine::create_unshared.
struct MigrateOptions {
  bool use_schema_image = true;
  bool wal = true;
};
MigrationReport migrate(Db& db, MigrateOptions options = {});

// Opens a governance database, creating and migrating it as needed:
//  - ReadOnly: never writes; accepts any schema version up to the latest.
//  - ReadWrite / Create: migrates to the latest version.
// The file's header is checked first, so a newer or foreign file is refused
// before SQLite opens it.
Db open_governance_db(const std::filesystem::path& path, OpenMode mode, MigrationReport* report = nullptr,
                      MigrateOptions options = {});

}  // namespace gb::data
