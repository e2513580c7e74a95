#include "engine/database.hpp"

#include "data/demo.hpp"

namespace gb::engine {

data::Db open_for_reading(const std::filesystem::path& path) {
  return data::open_governance_db(path, data::OpenMode::ReadOnly);
}

data::Db open_for_editing(const std::filesystem::path& path, MigrationReport* report) {
  return data::open_governance_db(path, data::OpenMode::ReadWrite, report);
}

data::Db open_or_create(const std::filesystem::path& path) {
  return data::open_governance_db(path, data::OpenMode::Create);
}

data::Db create_unshared(const std::filesystem::path& path) {
  return data::open_governance_db(path, data::OpenMode::Create, nullptr, {.wal = false});
}

void share(data::Db& db) {
  db.use_wal();
}

int latest_schema_version() {
  return data::latest_schema_version();
}

MigrationReport migrate(data::Db& db) {
  return data::migrate(db);
}

std::filesystem::path back_up(data::Db& db, const std::string& suffix, const std::string& purpose) {
  return data::back_up_database(db, suffix, purpose);
}

void create_demo_database(const std::filesystem::path& path) {
  data::init_demo(path);
}

void create_synthetic_database(const std::filesystem::path& path, const SyntheticOptions& options) {
  data::generate_synthetic(path, options);
}

DropResult drop_object(data::Db& db, const std::string& name) {
  return data::drop_object(db, name);
}

}  // namespace gb::engine
