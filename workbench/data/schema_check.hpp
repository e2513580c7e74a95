// The schema check (schema_inspect.hpp: what a database holds that the
// migrations did not make) and what writes on it: `govbench drop`, which
// removes such an object. The window and the CLI drop through
// engine/database.hpp.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "data/db.hpp"
#include "data/schema_inspect.hpp"  // what the database holds (read only)

namespace gb::data {

struct DropResult {
  std::string type;  // table, view or trigger
  std::string name;
  std::int64_t rows = 0;         // a table's rows
  bool restored = false;         // a changed schema view or trigger put back as the migrations made it
  std::filesystem::path backup;  // the copy of the database made first (empty when restored)
};
// `govbench drop`: removes a table, view or trigger that the migrations did
// not make (an imported table, or one found by inspect_schema), after
// backing the database up to FILE.before-drop.bak, in one transaction with
// an audit_log entry. A schema view or trigger that was changed is put back
// as the migrations made it instead. The governance schema's own objects
// are refused, and so is a name that is none of these.
DropResult drop_object(Db& db, const std::string& name);

}  // namespace gb::data
