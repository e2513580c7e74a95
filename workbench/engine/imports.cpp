#include "engine/imports.hpp"

#include "data/csv_import.hpp"

namespace gb::engine {

data::ImportReport import_csv(data::Db& db, const std::filesystem::path& file, const data::ImportOptions& options) {
  return data::import_csv(db, file, options);
}

}  // namespace gb::engine
