#include "engine/table_changes.hpp"

#include <array>

#include "core/text.hpp"

namespace gb::engine {

bool unaudited_table(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kBookkeeping = {"audit_log", "edits", "imports", "agenda_snapshots"};
  for (auto t : kBookkeeping)
    if (name == t) return true;
  return name.starts_with("team_") || name.starts_with("sqlite_") || name.starts_with("_govbench");
}

std::optional<TableChanges::Position> TableChanges::position(data::Db& db) {
  if (!db.table_exists("audit_log")) return std::nullopt;
  data::Statement st = db.prepare("SELECT coalesce(max(id), 0), count(*) FROM audit_log");
  if (!st.step()) return std::nullopt;
  return Position{st.column_int(0), st.column_int(1)};
}

void TableChanges::mark(data::Db& db) {
  at_ = position(db);
}

std::optional<std::set<std::string>> TableChanges::since_last(data::Db& db) {
  const std::optional<Position> before = at_;
  at_ = position(db);
  if (!before || !at_) return std::nullopt;
  std::set<std::string> tables;
  std::int64_t rows = 0;
  bool known = true;
  data::Statement st = db.prepare("SELECT action, tbl, row_id FROM audit_log WHERE id > ? ORDER BY id");
  st.bind(1, before->max_id);
  while (st.step()) {
    ++rows;
    const std::string action = st.column_text(0);
    const bool has_table = !st.column_is_null(1) && !st.column_text(1).empty();
    const bool has_row = !st.column_is_null(2) && !st.column_text(2).empty();
    // An import names the table it (re)made; an insert, update or delete
    // names its row. Anything else (migrate, init, a dropped table) may
    // have changed the schema or any table.
    if (has_table &&
        (action == "import" || ((action == "insert" || action == "update" || action == "delete") && has_row)))
      tables.insert(to_lower_ascii(st.column_text(1)));
    else
      known = false;
  }
  // No audit rows for a change, or rows with ids below the last seen (a
  // team sync's), or rows removed: the log does not account for it.
  if (!known || rows == 0 || at_->count != before->count + rows) return std::nullopt;
  return tables;
}

}  // namespace gb::engine
