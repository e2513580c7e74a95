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

void TableChanges::mark(data::Db& db) {
  at_ = data::audit_position(db);
}

std::optional<std::set<std::string>> TableChanges::since_last(data::Db& db) {
  const std::optional<data::AuditPosition> before = at_;
  if (!before) {
    at_ = data::audit_position(db);
    return std::nullopt;
  }
  data::AuditPosition now;
  const auto rows = data::audit_since(db, *before, now);
  at_ = rows ? std::optional(now) : data::audit_position(db);
  // No audit rows for a change, or rows the log cannot account for (a team
  // sync's, rows removed): unknown.
  if (!rows || rows->empty()) return std::nullopt;
  std::set<std::string> tables;
  for (const auto& row : *rows) {
    if (!data::names_what_changed(row)) return std::nullopt;
    tables.insert(to_lower_ascii(row.table));
  }
  return tables;
}

}  // namespace gb::engine
