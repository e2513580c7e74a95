// Names of things for the edit path's descriptions and messages
// (edits_internal.hpp): "risk 10 LEGITIMACY", "action RBT 4 "Complete an
// urgent review of…"", "likelihood VH -> H".
#include <string_view>

#include "core/text.hpp"
#include "data/edits_internal.hpp"

namespace gb::data::detail {

// "risk 10" (short) or "risk 10 LEGITIMACY" (with the name).
std::optional<std::string> risk_label(Db& db, std::int64_t risk_id, bool with_name) {
  Statement st = db.prepare("SELECT ref, name FROM risks WHERE id = ?");
  st.bind(1, risk_id);
  if (!st.step()) return std::nullopt;
  std::string out = "risk " + std::to_string(st.column_int(0));
  if (with_name) out += " " + st.column_text(1);
  return out;
}

std::optional<std::string> control_label(Db& db, std::int64_t control_id, bool with_name) {
  Statement st = db.prepare("SELECT risk_id, seq FROM controls WHERE id = ?");
  st.bind(1, control_id);
  if (!st.step()) return std::nullopt;
  const auto risk = risk_label(db, st.column_int(0), with_name);
  return risk.value_or("risk ?") + (with_name ? ", key control " : " key control ") + std::to_string(st.column_int(1));
}

// The first `n` code points of a title, with an ellipsis when cut.
std::string short_title(std::string_view s, std::size_t n) {
  if (utf8_length(s) <= n) return std::string(s);
  std::size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && points++ == n - 1) break;
  }
  // Cut at a word boundary when one is not too far back.
  std::string_view head = s.substr(0, i);
  if (i < s.size() && s[i] != ' ')
    if (const auto space = head.rfind(' '); space != std::string_view::npos && space > head.size() / 2)
      head = head.substr(0, space);
  return std::string(trim(head)) + "\u2026";
}

// "action RBT 4" or, with the title, "action RBT 4 "Complete an urgent review of…"".
std::optional<std::string> action_label(Db& db, std::int64_t item_id, bool with_title) {
  Statement st = db.prepare(
      "SELECT p.code, a.seq, a.title FROM action_items a JOIN action_plans p ON p.id = a.plan_id WHERE a.id = ?");
  st.bind(1, item_id);
  if (!st.step()) return std::nullopt;
  std::string out = "action " + st.column_text(0) + " " + std::to_string(st.column_int(1));
  if (with_title) out += " \"" + short_title(st.column_text(2), 40) + "\"";
  return out;
}

std::optional<std::string> improvement_label(Db& db, std::int64_t action_id) {
  Statement st = db.prepare(
      "SELECT ar.year, ar.number, ar.id, ia.seq FROM improvement_actions ia "
      "JOIN improvement_areas ar ON ar.id = ia.area_id WHERE ia.id = ?");
  st.bind(1, action_id);
  if (!st.step()) return std::nullopt;
  // Proposed areas have no number yet; their id is the only name they have.
  const std::string area =
      st.column_is_null(1) ? "area #" + std::to_string(st.column_int(2)) : "area " + std::to_string(st.column_int(1));
  return "GIP " + st.column_text(0) + " " + area + " action " + std::to_string(st.column_int(3));
}

// The row an audit row is about, as a noun phrase for a message, from the
// row's JSON (the row itself may be gone).
std::string row_label(Db& db, const std::string& table, std::int64_t row_id, const Columns& cols) {
  const auto id_or = [&](std::optional<std::int64_t> v) { return v.value_or(0); };
  if (table == "risk_assessments")
    return risk_label(db, id_or(int_of(cols, "risk_id")), false).value_or("a risk") + "'s assessment of " +
           text_of(cols, "as_of");
  if (table == "control_progress")
    return control_label(db, id_or(int_of(cols, "control_id")), false).value_or("a key control") + "'s progress for " +
           text_of(cols, "period");
  if (table == "action_items") return action_label(db, row_id, false).value_or("action item " + std::to_string(row_id));
  if (table == "action_updates")
    return "the " + text_of(cols, "as_of") + " update to " +
           action_label(db, id_or(int_of(cols, "item_id")), false).value_or("an action");
  if (table == "improvement_actions")
    return improvement_label(db, row_id).value_or("improvement action " + std::to_string(row_id));
  return table + " row " + std::to_string(row_id);
}

// Parts of a description: "likelihood VH -> H", "commentary edited".
void note_value_change(std::vector<std::string>& parts, std::string_view name, const OptText& from, const OptText& to) {
  if (from == to) return;
  parts.push_back(std::string(name) + " " + from.value_or("none") + " -> " + to.value_or("none"));
}

void note_text_change(std::vector<std::string>& parts, std::string_view name, const OptText& from, const OptText& to) {
  if (from == to) return;
  parts.push_back(std::string(name) + (!from ? " added" : !to ? " cleared" : " edited"));
}

}  // namespace gb::data::detail
