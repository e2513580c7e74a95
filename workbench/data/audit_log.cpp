#include "data/audit_log.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <optional>
#include <utility>

namespace gb::data {

std::string current_user() {
  // The account the process runs as, which the environment cannot change;
  // $USER only when the account has no passwd entry (some containers).
  // Looked up once per effective user: each lookup reads /etc/passwd, and a
  // new database records one audit entry per migration.
  static std::mutex mutex;
  static std::optional<std::pair<uid_t, std::string>> known;
  const uid_t uid = geteuid();
  const std::lock_guard<std::mutex> lock(mutex);
  if (known && known->first == uid) return known->second;
  std::string name = "unknown";
  if (const passwd* pw = getpwuid(uid); pw && pw->pw_name && *pw->pw_name)
    name = pw->pw_name;
  else if (const char* u = std::getenv("USER"); u && *u)
    name = u;
  known.emplace(uid, name);
  return name;
}

void record_audit(Db& db, const AuditEntry& e) {
  if (!db.table_exists("audit_log")) return;
  Statement st =
      db.prepare("INSERT INTO audit_log (who, action, tbl, row_id, before, after, id) VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(7, db.new_row_id("audit_log"));
  auto opt = [&](int i, const std::string& s) {
    if (s.empty())
      st.bind(i, nullptr);
    else
      st.bind(i, s);
  };
  st.bind(1, current_user());
  st.bind(2, e.action);
  opt(3, e.table);
  opt(4, e.row_id);
  opt(5, e.before);
  opt(6, e.after);
  st.run();
}

std::optional<AuditPosition> audit_position(Db& db) {
  if (!db.table_exists("audit_log")) return std::nullopt;
  Statement st = db.prepare("SELECT coalesce(max(id), 0), count(*) FROM audit_log");
  if (!st.step()) return std::nullopt;
  return AuditPosition{st.column_int(0), st.column_int(1)};
}

bool names_what_changed(const AuditEntry& row) {
  if (row.table.empty()) return false;
  if (row.action == "import") return true;
  return (row.action == "insert" || row.action == "update" || row.action == "delete") && !row.row_id.empty();
}

std::optional<std::vector<AuditEntry>> audit_since(Db& db, const AuditPosition& from, AuditPosition& now) {
  const std::optional<AuditPosition> at = audit_position(db);
  if (!at) return std::nullopt;
  now = *at;
  std::vector<AuditEntry> rows;
  Statement st = db.prepare("SELECT action, tbl, row_id, before, after FROM audit_log WHERE id > ? ORDER BY id");
  st.bind(1, from.max_id);
  auto text = [&](int c) { return st.column_is_null(c) ? std::string() : st.column_text(c); };
  while (st.step()) rows.push_back(AuditEntry{text(0), text(1), text(2), text(3), text(4)});
  if (now.count != from.count + static_cast<std::int64_t>(rows.size())) return std::nullopt;
  return rows;
}

}  // namespace gb::data
