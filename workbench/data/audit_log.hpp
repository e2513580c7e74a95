// The audit log: every write the program makes to governance data is
// recorded (when, who, what, before, after) in the same transaction.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/db.hpp"

namespace gb::data {

struct AuditEntry {
  std::string action;  // insert, update, delete, import, migrate, init
  std::string table;
  std::string row_id;
  std::string before;  // JSON or text; empty = NULL
  std::string after;
};

// The operating-system user running the program: the effective user's
// account name, else $USER, else "unknown".
std::string current_user();

// Inserts one audit_log row. A database without an audit_log table (schema
// version 0 during the very first migration) is written nothing.
void record_audit(Db& db, const AuditEntry& entry);

// Where the log stands: its last id and how many rows it holds. Nullopt
// for a database without a log.
struct AuditPosition {
  std::int64_t max_id = 0;
  std::int64_t count = 0;
  bool operator==(const AuditPosition&) const = default;
};
std::optional<AuditPosition> audit_position(Db& db);

// The rows written since `from` (in id order), setting `now` to where the
// log stands after them; nullopt when they do not account for the whole
// change of the row count (rows removed, or written with ids below `from`,
// as a team sync's may be). Readers of this (engine/table_changes.hpp,
// ctx.shared) decide what rows they can follow.
// Whether an audit row says what it changed: one row of a table (insert,
// update, delete) or a whole table (import). A migration, the demo's
// creation or a dropped table may have changed the schema or any table.
bool names_what_changed(const AuditEntry& row);

std::optional<std::vector<AuditEntry>> audit_since(Db& db, const AuditPosition& from, AuditPosition& now);

}  // namespace gb::data
