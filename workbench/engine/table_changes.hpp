// Which tables changed since the evaluator last looked, read from the
// database itself so that it works whoever wrote: the window's edit path,
// `govbench import` or `undo` in another process, a team sync. Every write
// govbench makes to governance data records audit_log rows (table and row)
// in the same transaction (data/audit_log.hpp), so the rows added since the
// last look name the tables written.
//
// Conservative by construction: when the database changed (PRAGMA
// data_version) but the audit log cannot account for it — no new audit
// rows (a write by another program), rows that do not name a row (a
// migration, the demo's creation, a dropped table), or a log whose count
// does not match its new ids — the answer is "unknown", and every result
// is recomputed. Tables govbench writes without audit rows of their own
// (the log itself, edits, imports, snapshots, team bookkeeping) are never
// named here: a read of one makes a result's read set unknown
// (unaudited_table) instead.
//
// What it cannot see: a write by another program (the sqlite3 shell, say)
// committed between the same two looks as an audited write of govbench's.
// That write's tables are not named; the next change without audit rows
// recomputes everything.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "data/audit_log.hpp"
#include "data/db.hpp"

namespace gb::engine {

// Tables written without audit rows of their own: a result that read one is
// recomputed after any change.
bool unaudited_table(std::string_view lower_case_name);

class TableChanges {
 public:
  // Notes where the audit log stands now; the next since_last() answers
  // from here.
  void mark(data::Db& db);
  // The tables (lower case) written since mark() or the last call, or
  // nullopt when that cannot be known (see above). Marks again.
  std::optional<std::set<std::string>> since_last(data::Db& db);

 private:
  std::optional<data::AuditPosition> at_;
};

}  // namespace gb::engine
