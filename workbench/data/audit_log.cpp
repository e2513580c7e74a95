#include "data/audit_log.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace gb::data {

std::string current_user() {
  // The account the process runs as, which the environment cannot change;
  // $USER only when the account has no passwd entry (some containers).
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  if (const char* u = std::getenv("USER"); u && *u) return u;
  return "unknown";
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

}  // namespace gb::data
