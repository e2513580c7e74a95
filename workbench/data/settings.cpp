#include "data/settings.hpp"

#include <cstdio>

#include "core/error.hpp"
#include "core/text.hpp"
#include "data/audit_log.hpp"

namespace gb::data {

std::optional<std::int64_t> int_setting(Db& db, const std::string& key, std::int64_t min, std::int64_t max) {
  const auto v = get_setting(db, key);
  if (!v) return std::nullopt;
  std::int64_t n = 0;
  bool ok = !v->empty() && v->size() <= 18;
  for (std::size_t i = 0; ok && i < v->size(); ++i) {
    const char c = (*v)[i];
    if (c == '-' && i == 0 && v->size() > 1) continue;
    ok = c >= '0' && c <= '9';
  }
  if (ok) n = std::stoll(*v);
  if (!ok || n < min || n > max) {
    std::string shown = v->substr(0, 40);
    for (char& c : shown)
      if (static_cast<unsigned char>(c) < 0x20) c = '?';
    throw Error("the database's setting " + key + " is '" + shown + "', which is not a whole number from " +
                std::to_string(min) + " to " + std::to_string(max) + "; set it with 'govbench setting --db FILE " +
                key + " VALUE'");
  }
  return n;
}

std::optional<std::string> get_setting(Db& db, const std::string& key) {
  if (!db.table_exists("settings")) return std::nullopt;
  Statement st = db.prepare("SELECT value FROM settings WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

void set_setting(Db& db, const std::string& key, const std::string& value) {
  Transaction tx(db);
  const auto before = get_setting(db, key);
  Statement st = db.prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st.bind(1, key).bind(2, value);
  try {
    st.run();
  } catch (const Error& e) {
    throw Error("setting " + key + " = '" + value + "' is not allowed: " + e.message());
  }
  std::string b, a;
  if (before) append_json_string(b, *before);
  append_json_string(a, value);
  record_audit(
      db,
      AuditEntry{.action = before ? "update" : "insert", .table = "settings", .row_id = key, .before = b, .after = a});
  tx.commit();
}

namespace detail {

std::string fingerprint_tables(Db& db, const std::function<std::optional<std::string>(const std::string&)>& select) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 1099511628211ULL;
    }
  };
  for (const auto& table : db.table_names()) {
    const std::optional<std::string> sql = select(table);
    if (!sql) continue;
    mix(table.data(), table.size() + 1);
    Statement st = db.prepare(*sql);
    const int n = st.column_count();
    while (st.step()) {
      for (int c = 0; c < n; ++c) {
        const Value v = st.column_value(c);
        const auto tag = static_cast<unsigned char>(v.index());
        mix(&tag, 1);
        if (const auto* i = std::get_if<std::int64_t>(&v))
          mix(i, sizeof *i);
        else if (const auto* d = std::get_if<double>(&v))
          mix(d, sizeof *d);
        else if (const auto* s = std::get_if<std::string>(&v))
          mix(s->data(), s->size() + 1);
      }
    }
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace detail

std::string content_fingerprint(Db& db) {
  return detail::fingerprint_tables(db, [](const std::string& table) -> std::optional<std::string> {
    // The engine's output and the program's own records (review sessions
    // included: notes typed during a meeting are not governance data) are
    // not part of what a fingerprint vouches for.
    if (table == "indicator_results" || table == "risk_scores" || table == "audit_log" || table == "imports" ||
        table == "edits" || table == "sessions" || table == "agenda_items" || table == "session_records" ||
        table == "agenda_snapshots" || table == "scenarios" ||
        table == "scenario_changes" ||  // meeting records and proposals, not data
        table.starts_with("team_"))     // a team replica's own bookkeeping (replica.hpp)
      return std::nullopt;
    return "SELECT * FROM " + quote_identifier(table) + " ORDER BY rowid";
  });
}

}  // namespace gb::data
