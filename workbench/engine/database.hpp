// A governance database as the window and the command line get it: opened
// for reading or for editing (migrated first), created (the demo data, a
// synthetic one for benchmarks), migrated, backed up, and objects govbench
// did not make dropped. The app and the window open databases only through
// here; the data layer (data/migrations.hpp, demo.hpp, synthetic.hpp,
// schema_check.hpp) does the work, and its messages are what callers see.
#pragma once
#include <filesystem>
#include <string>

#include "data/db.hpp"
#include "data/migrations.hpp"
#include "data/schema_check.hpp"
#include "data/synthetic.hpp"

namespace gb::engine {

using data::DropResult;
using data::MigrationReport;
using data::SyntheticOptions;

// For reading: never writes; any schema version up to the latest. A file
// that is newer, foreign, not SQLite or empty is refused (gb::Error).
data::Db open_for_reading(const std::filesystem::path& path);
// For editing: the file must exist; it is brought up to the latest schema
// first (after a copy to FILE.vN.bak), and no write runs a trigger the
// migrations did not make. `report`, when given, says what was migrated.
data::Db open_for_editing(const std::filesystem::path& path, MigrationReport* report = nullptr);
// For editing, creating a new governance database when there is no file
// (an import names the database it fills).
data::Db open_or_create(const std::filesystem::path& path);
// The same for a file this command makes and fills alone (an import into a
// new --db, removed again if the import fails): it stays in SQLite's
// rollback journal, which writes each page once, where WAL writes it to the
// log and then again into the file. Call share(db) once it is whole; any
// later opening for writing switches a file left so to WAL anyway.
data::Db create_unshared(const std::filesystem::path& path);
// Puts the database in WAL mode, in which the window and commands read it
// while another writes.
void share(data::Db& db);

// The schema version this program makes and reads.
int latest_schema_version();
// Brings an open database up to the latest schema (see data/migrations.hpp).
MigrationReport migrate(data::Db& db);
// Copies the database as it is now to FILE.SUFFIX.bak (.bak.1, ...);
// `purpose` says why in an error ("before upgrading its schema").
std::filesystem::path back_up(data::Db& db, const std::string& suffix, const std::string& purpose);

// `govbench init-demo`: `path` made as a new demo database (an existing
// file is refused), built beside it and renamed into place when complete.
void create_demo_database(const std::filesystem::path& path);
// `govbench gen-synthetic`: a large deterministic database, likewise.
void create_synthetic_database(const std::filesystem::path& path, const SyntheticOptions& options);

// `govbench drop`: a table, view or trigger the migrations did not make
// (or a changed schema view or trigger, put back), after a backup, in one
// transaction with its audit_log entry.
DropResult drop_object(data::Db& db, const std::string& name);

}  // namespace gb::engine
