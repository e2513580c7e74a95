// The audit log: every write the program makes to governance data is
// recorded (when, who, what, before, after) in the same transaction.
#pragma once
#include <string>

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

}  // namespace gb::data
