// Internal to the edit path (edits.hpp): the pieces edits.cpp, edit_log.cpp,
// edit_checks.cpp, edit_rows.cpp and edit_labels.cpp share. Not for use
// outside workbench/data; callers use edits.hpp.
//
// The edit path in files:
//   edit_checks.cpp  validation of what a caller typed, before the database is touched
//   edit_rows.cpp    reading and binding values; a row as a JSON object and back
//   edit_labels.cpp  names of things for descriptions and messages ("risk 10 LEGITIMACY")
//   edit_log.cpp     writing an edit and its audit rows; undo; the list of edits
//   edits.cpp        the five kinds of edit
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/register_levels.hpp"
#include "data/db.hpp"
#include "data/edits.hpp"

namespace gb::data::detail {

// ---------------------------------------------------------------------------
// Validation (edit_checks.cpp). Each check throws gb::Error naming the field
// and what it may be.

// The register's vocabulary (core/register_levels.hpp).
inline constexpr auto kLevels = as_views(kRiskLevels);
inline constexpr auto kTrends = as_views(kRiskTrends);
inline constexpr auto kProgress = as_views(kControlProgress);
inline constexpr auto kRag = as_views(kRagWords);
inline constexpr auto kStatus = as_views(kActionStatuses);

std::string join(const std::vector<std::string>& items);  // "a, b, c"

void check_one_of(std::string_view field, std::string_view v, std::span<const std::string_view> allowed);
// An optional field: absent (keep) and "" (clear) are always allowed.
void check_field(std::string_view field, const Field& v, std::span<const std::string_view> allowed);
void check_text(std::string_view field, const Field& v);
void check_date(std::string_view field, std::string_view v);
void check_quarter(std::string_view field, std::string_view v);
// The calendar quarter a date falls in: 2022-03-31 -> 2022-Q1.
std::string quarter_of(std::string_view date);
// The last day of a calendar quarter: 2022-Q1 -> 2022-03-31.
std::string quarter_end(std::string_view period);
// Open read-write, at a schema version with the edits table.
void check_editable(Db& db);

// ---------------------------------------------------------------------------
// Reading and binding (edit_rows.cpp).

using OptText = std::optional<std::string>;

OptText column_opt(const Statement& st, int i);
void bind_opt(Statement& st, int i, const OptText& v);
// What a field of an edit makes of a stored value (see Field).
OptText resolve(const Field& given, const OptText& stored);
// A field given for a new row: absent and "" both mean NULL.
OptText for_new_row(const Field& given);

// A row's columns in table order with their values, as read from the
// database or from a JSON object in the audit log.
using Columns = std::vector<std::pair<std::string, Value>>;

// The whole row as a JSON object, or nullopt when there is no such row.
OptText row_json(Db& db, std::string_view table, std::int64_t id);
Columns parse_row_json(const std::string& json, std::int64_t audit_id);
// The current values of the columns named in `like`, or nullopt when the
// row is gone.
std::optional<Columns> read_columns(Db& db, std::string_view table, std::int64_t id, const Columns& like);
std::optional<std::int64_t> int_of(const Columns& cols, std::string_view name);
std::string text_of(const Columns& cols, std::string_view name);  // "?" when absent

// ---------------------------------------------------------------------------
// Names of things, for descriptions and messages (edit_labels.cpp).

// "risk 10" (short) or "risk 10 LEGITIMACY" (with the name).
std::optional<std::string> risk_label(Db& db, std::int64_t risk_id, bool with_name);
std::optional<std::string> control_label(Db& db, std::int64_t control_id, bool with_name);
// The first `n` code points of a title, with an ellipsis when cut.
std::string short_title(std::string_view s, std::size_t n);
// "action RBT 4" or, with the title, "action RBT 4 "Complete an urgent review of…"".
std::optional<std::string> action_label(Db& db, std::int64_t item_id, bool with_title);
std::optional<std::string> improvement_label(Db& db, std::int64_t action_id);
// The row an audit row is about, as a noun phrase for a message, from the
// row's JSON (the row itself may be gone).
std::string row_label(Db& db, const std::string& table, std::int64_t row_id, const Columns& cols);
// Parts of a description: "likelihood VH -> H", "commentary edited".
void note_value_change(std::vector<std::string>& parts, std::string_view name, const OptText& from, const OptText& to);
void note_text_change(std::vector<std::string>& parts, std::string_view name, const OptText& from, const OptText& to);

// ---------------------------------------------------------------------------
// Writing an edit (edit_log.cpp).

struct Change {
  std::string action;  // insert, update, delete
  std::string table;
  std::int64_t row_id = 0;
  OptText before, after;
  std::optional<std::int64_t> undo_of;
};

// The source rows typed in the workbench cite, created by the first edit
// that needs it (outside the edit itself, so undo never deletes it).
std::int64_t manual_source(Db& db);

// Finishes an edit: records it, commits, and says what was done.
EditResult finish(Db& db, Transaction& tx, std::string_view kind, const std::string& description,
                  const std::vector<Change>& changes);
EditResult unchanged(std::string description);

// The writes of an edit, noted as they are made, for the edits whose rows
// are written by plain statements (sessions.cpp, scenarios.cpp):
//   EditRecorder rec(db);
//   ... INSERT ...;            rec.inserted("agenda_items", id);
//   auto b = rec.before("agenda_items", id); ... UPDATE ...; rec.updated("agenda_items", id, b);
//   rec.deleting("agenda_items", id); ... DELETE ...;
//   finish(db, tx, "agenda", description, rec.changes);
struct EditRecorder {
  explicit EditRecorder(Db& d) : db(d) {}
  Db& db;
  std::vector<Change> changes{};
  OptText before(std::string_view table, std::int64_t id) const;
  void inserted(std::string_view table, std::int64_t id);
  // Noted only when the row changed.
  void updated(std::string_view table, std::int64_t id, const OptText& before);
  void deleting(std::string_view table, std::int64_t id);
};

// Typing: the latest edit in the history when it is of `kind`, still
// stands, was begun by this user less than `window_seconds` ago and wrote
// only the row (table, id). A caller extends it (extend()) rather than
// recording each keystroke batch as an edit of its own, so one undo takes
// back what was typed in one go.
// With `description`, only an edit so described is extended.
std::optional<std::int64_t> open_typing_edit(Db& db, std::string_view kind, std::string_view table, std::int64_t id,
                                             int window_seconds, const std::string* description = nullptr);
// Adds changes to an existing edit, and commits.
EditResult extend(Db& db, Transaction& tx, std::int64_t edit_id, const std::vector<Change>& changes);

}  // namespace gb::data::detail
