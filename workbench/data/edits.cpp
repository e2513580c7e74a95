#include "data/edits.hpp"

#include <algorithm>
#include <string_view>

#include "core/text.hpp"
#include "data/audit_log.hpp"
#include "data/edits_internal.hpp"

// The five kinds of edit an analyst makes (edits.hpp). Each validates
// everything first, makes its change in one transaction and hands the
// change to finish() (edit_log.cpp), which records the edit with its audit
// rows and commits. The rest of the edit path is listed in
// edits_internal.hpp.

namespace gb::data {

using namespace detail;

EditResult record_assessment(Db& db, const AssessmentEdit& e) {
  check_date("as_of", e.as_of);
  check_one_of("likelihood", e.likelihood, kLevels);
  check_one_of("impact", e.impact, kLevels);
  check_field("trend", e.trend, kTrends);
  check_field("progress", e.progress, kProgress);
  check_field("rag", e.rag, kRag);
  check_text("commentary", e.commentary);
  check_editable(db);

  Transaction tx(db);
  const auto risk = risk_label(db, e.risk_id, true);
  if (!risk) throw Error("risk_id " + std::to_string(e.risk_id) + " does not exist in risks");

  Statement cur = db.prepare(
      "SELECT id, likelihood, impact, trend, progress, rag, commentary FROM risk_assessments "
      "WHERE risk_id = ? AND as_of = ?");
  cur.bind(1, e.risk_id).bind(2, e.as_of);
  std::vector<Change> changes;
  std::string description;

  if (cur.step()) {
    const std::int64_t id = cur.column_int(0);
    const OptText old_l = column_opt(cur, 1), old_i = column_opt(cur, 2), old_trend = column_opt(cur, 3),
                  old_progress = column_opt(cur, 4), old_rag = column_opt(cur, 5), old_comm = column_opt(cur, 6);
    const OptText trend = resolve(e.trend, old_trend), progress = resolve(e.progress, old_progress),
                  rag = resolve(e.rag, old_rag), commentary = resolve(e.commentary, old_comm);
    std::vector<std::string> parts;
    note_value_change(parts, "likelihood", old_l, e.likelihood);
    note_value_change(parts, "impact", old_i, e.impact);
    note_value_change(parts, "trend", old_trend, trend);
    note_value_change(parts, "progress", old_progress, progress);
    note_value_change(parts, "rag", old_rag, rag);
    note_text_change(parts, "commentary", old_comm, commentary);
    if (parts.empty()) return unchanged(*risk + ": no change (" + e.as_of + ")");

    const OptText before = row_json(db, "risk_assessments", id);
    const std::int64_t source = manual_source(db);
    Statement up = db.prepare(
        "UPDATE risk_assessments SET likelihood = ?, impact = ?, trend = ?, progress = ?, rag = ?, commentary = ?, "
        "source_id = ? WHERE id = ?");
    up.bind(1, e.likelihood).bind(2, e.impact);
    bind_opt(up, 3, trend);
    bind_opt(up, 4, progress);
    bind_opt(up, 5, rag);
    bind_opt(up, 6, commentary);
    up.bind(7, source).bind(8, id);
    up.run();
    changes.push_back({"update", "risk_assessments", id, before, row_json(db, "risk_assessments", id), std::nullopt});
    description = *risk + ": " + join(parts) + " (" + e.as_of + ")";
  } else {
    const OptText trend = for_new_row(e.trend), progress = for_new_row(e.progress), rag = for_new_row(e.rag),
                  commentary = for_new_row(e.commentary);
    const std::int64_t source = manual_source(db);
    Statement ins = db.prepare(
        "INSERT INTO risk_assessments (risk_id, as_of, period, likelihood, impact, trend, progress, rag, commentary, "
        "source_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(11, db.new_row_id("risk_assessments"));
    ins.bind(1, e.risk_id).bind(2, e.as_of).bind(3, quarter_of(e.as_of)).bind(4, e.likelihood).bind(5, e.impact);
    bind_opt(ins, 6, trend);
    bind_opt(ins, 7, progress);
    bind_opt(ins, 8, rag);
    bind_opt(ins, 9, commentary);
    ins.bind(10, source);
    ins.run();
    const std::int64_t id = db.last_insert_rowid();
    changes.push_back(
        {"insert", "risk_assessments", id, std::nullopt, row_json(db, "risk_assessments", id), std::nullopt});
    std::vector<std::string> parts{"new assessment " + e.likelihood + " v " + e.impact};
    if (trend) parts.push_back("trend " + *trend);
    if (progress) parts.push_back("progress " + *progress);
    if (rag) parts.push_back("rag " + *rag);
    if (commentary) parts.push_back("commentary added");
    description = *risk + ": " + join(parts) + " (" + e.as_of + ")";
  }
  return finish(db, tx, "assessment", description, changes);
}

EditResult set_control_progress(Db& db, const ControlProgressEdit& e) {
  check_quarter("period", e.period);
  check_one_of("progress", e.progress, kProgress);
  check_text("note", e.note);
  check_editable(db);

  Transaction tx(db);
  const auto control = control_label(db, e.control_id, true);
  if (!control) throw Error("control_id " + std::to_string(e.control_id) + " does not exist in controls");

  Statement cur = db.prepare("SELECT id, progress, note FROM control_progress WHERE control_id = ? AND period = ?");
  cur.bind(1, e.control_id).bind(2, e.period);
  std::vector<Change> changes;
  std::string description;

  if (cur.step()) {
    const std::int64_t id = cur.column_int(0);
    const OptText old_progress = column_opt(cur, 1), old_note = column_opt(cur, 2);
    const OptText note = resolve(e.note, old_note);
    std::vector<std::string> parts;
    note_value_change(parts, "progress", old_progress, e.progress);
    note_text_change(parts, "note", old_note, note);
    if (parts.empty()) return unchanged(*control + ": " + e.period + " no change");

    const OptText before = row_json(db, "control_progress", id);
    const std::int64_t source = manual_source(db);
    Statement up = db.prepare("UPDATE control_progress SET progress = ?, note = ?, source_id = ? WHERE id = ?");
    up.bind(1, e.progress);
    bind_opt(up, 2, note);
    up.bind(3, source).bind(4, id);
    up.run();
    changes.push_back({"update", "control_progress", id, before, row_json(db, "control_progress", id), std::nullopt});
    description = *control + ": " + e.period + " " + join(parts);
  } else {
    const OptText note = for_new_row(e.note);
    const std::int64_t source = manual_source(db);
    Statement ins = db.prepare(
        "INSERT INTO control_progress (control_id, period, period_end, progress, note, source_id, id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(7, db.new_row_id("control_progress"));
    ins.bind(1, e.control_id).bind(2, e.period).bind(3, quarter_end(e.period)).bind(4, e.progress);
    bind_opt(ins, 5, note);
    ins.bind(6, source);
    ins.run();
    const std::int64_t id = db.last_insert_rowid();
    changes.push_back(
        {"insert", "control_progress", id, std::nullopt, row_json(db, "control_progress", id), std::nullopt});
    description = *control + ": " + e.period + " progress " + e.progress + (note ? ", note added" : "") + " (new)";
  }
  return finish(db, tx, "control_progress", description, changes);
}

EditResult set_action_status(Db& db, const ActionStatusEdit& e) {
  check_field("status", e.status, kStatus);
  check_field("rag", e.rag, kRag);
  check_text("update_text", e.update_text);
  if (e.update_text) {
    if (trim(*e.update_text).empty()) throw Error("update_text must not be empty (leave it out to record no update)");
    check_date("as_of", e.as_of);
  } else if (!e.as_of.empty()) {
    throw Error("as_of is the date of an update, but no update_text was given");
  }
  if (!e.status && !e.rag && !e.update_text) throw Error("nothing to change: give a status, a rag or an update_text");
  check_editable(db);

  Transaction tx(db);
  const auto item = action_label(db, e.item_id, true);
  if (!item) throw Error("item_id " + std::to_string(e.item_id) + " does not exist in action_items");

  Statement cur = db.prepare("SELECT status, rag FROM action_items WHERE id = ?");
  cur.bind(1, e.item_id);
  cur.step();
  const OptText old_status = column_opt(cur, 0), old_rag = column_opt(cur, 1);
  const OptText status = resolve(e.status, old_status), rag = resolve(e.rag, old_rag);
  std::vector<std::string> parts;
  note_value_change(parts, "status", old_status, status);
  note_value_change(parts, "rag", old_rag, rag);
  std::vector<Change> changes;

  if (!parts.empty()) {
    // The item keeps its source: its title and wording are still the
    // paper's; the audit row says who set the status and when.
    const OptText before = row_json(db, "action_items", e.item_id);
    Statement up = db.prepare("UPDATE action_items SET status = ?, rag = ? WHERE id = ?");
    bind_opt(up, 1, status);
    bind_opt(up, 2, rag);
    up.bind(3, e.item_id);
    up.run();
    changes.push_back(
        {"update", "action_items", e.item_id, before, row_json(db, "action_items", e.item_id), std::nullopt});
  }
  if (e.update_text) {
    // The update reports the item's status and RAG as they are after this edit.
    const std::int64_t source = manual_source(db);
    Statement ins = db.prepare(
        "INSERT INTO action_updates (item_id, as_of, text, status, rag, source_id, id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(7, db.new_row_id("action_updates"));
    ins.bind(1, e.item_id).bind(2, e.as_of).bind(3, *e.update_text);
    bind_opt(ins, 4, status);
    bind_opt(ins, 5, rag);
    ins.bind(6, source);
    ins.run();
    const std::int64_t id = db.last_insert_rowid();
    changes.push_back({"insert", "action_updates", id, std::nullopt, row_json(db, "action_updates", id), std::nullopt});
    parts.push_back("update of " + e.as_of + " added");
  }
  if (changes.empty()) return unchanged(*item + ": no change");
  return finish(db, tx, "action_status", *item + ": " + join(parts), changes);
}

EditResult set_improvement_action(Db& db, const ImprovementActionEdit& e) {
  check_field("status", e.status, kStatus);
  check_field("rag", e.rag, kRag);
  check_text("quarterly_update", e.quarterly_update);
  if (e.update_as_of && !e.update_as_of->empty()) check_date("update_as_of", *e.update_as_of);
  if (!e.status && !e.rag && !e.quarterly_update && !e.update_as_of)
    throw Error("nothing to change: give a status, a rag, a quarterly_update or an update_as_of");
  check_editable(db);

  Transaction tx(db);
  const auto label = improvement_label(db, e.action_id);
  if (!label) throw Error("action_id " + std::to_string(e.action_id) + " does not exist in improvement_actions");

  Statement cur =
      db.prepare("SELECT status, rag, quarterly_update, update_as_of FROM improvement_actions WHERE id = ?");
  cur.bind(1, e.action_id);
  cur.step();
  const OptText old_status = column_opt(cur, 0), old_rag = column_opt(cur, 1), old_update = column_opt(cur, 2),
                old_as_of = column_opt(cur, 3);
  const OptText status = resolve(e.status, old_status), rag = resolve(e.rag, old_rag),
                update = resolve(e.quarterly_update, old_update), as_of = resolve(e.update_as_of, old_as_of);
  // An update nobody can date is no use to a board paper.
  if (update && !as_of)
    throw Error("update_as_of is required with a quarterly_update (the date the update reports at, YYYY-MM-DD)");
  std::vector<std::string> parts;
  note_value_change(parts, "status", old_status, status);
  note_value_change(parts, "rag", old_rag, rag);
  note_text_change(parts, "quarterly update", old_update, update);
  note_value_change(parts, "update date", old_as_of, as_of);
  if (parts.empty()) return unchanged(*label + ": no change");

  // As for action items, the action keeps its source (see set_action_status).
  const OptText before = row_json(db, "improvement_actions", e.action_id);
  Statement up = db.prepare(
      "UPDATE improvement_actions SET status = ?, rag = ?, quarterly_update = ?, update_as_of = ? WHERE id = ?");
  bind_opt(up, 1, status);
  bind_opt(up, 2, rag);
  bind_opt(up, 3, update);
  bind_opt(up, 4, as_of);
  up.bind(5, e.action_id);
  up.run();
  std::vector<Change> changes{{"update", "improvement_actions", e.action_id, before,
                               row_json(db, "improvement_actions", e.action_id), std::nullopt}};
  return finish(db, tx, "improvement_action", *label + ": " + join(parts), changes);
}

EditResult record_session_action(Db& db, const SessionActionEdit& e) {
  check_text("title", e.title);
  check_text("owner", e.owner);
  if (trim(e.title).empty()) throw Error("an action needs a title (what is to be done)");
  if (trim(e.owner).empty()) throw Error("an action needs an owner (who is to do it)");
  if (!e.due.empty()) check_date("due", e.due);
  check_editable(db);
  if (!db.table_exists("session_records"))
    throw Error("cannot record a session action in " + db.path().string() +
                ": it has no review sessions (schema version " + std::to_string(db.user_version()) +
                ", sessions need 5)");

  Transaction tx(db);
  Statement item = db.prepare(
      "SELECT i.position, s.id, s.title, s.held_on FROM agenda_items i JOIN sessions s ON s.id = i.session_id "
      "WHERE i.id = ?");
  item.bind(1, e.agenda_item_id);
  if (!item.step()) throw Error("there is no agenda item with id " + std::to_string(e.agenda_item_id));
  const std::int64_t position = item.column_int(0), session_id = item.column_int(1);
  const std::string session_title = item.column_text(2), held_on = item.column_text(3);
  std::vector<std::int64_t> risk_ids;
  for (const std::int64_t ref : e.risk_refs) {
    Statement r = db.prepare("SELECT id FROM risks WHERE ref = ?");
    r.bind(1, ref);
    if (!r.step()) throw Error("there is no risk " + std::to_string(ref) + " in the register");
    if (std::find(risk_ids.begin(), risk_ids.end(), r.column_int(0)) == risk_ids.end())
      risk_ids.push_back(r.column_int(0));
  }

  const std::int64_t source = manual_source(db);
  // The plan session actions belong to: like the manual source, made once
  // and outside any edit, so undoing the first action leaves it for the rest.
  std::int64_t plan = 0;
  {
    Statement q = db.prepare("SELECT id FROM action_plans WHERE code = 'REVIEW'");
    if (q.step()) {
      plan = q.column_int(0);
    } else {
      Statement ins = db.prepare(
          "INSERT INTO action_plans (code, title, description, source_id, id) VALUES ('REVIEW', "
          "'Actions agreed in review sessions', 'Actions recorded in govbench review sessions; each names its session "
          "and agenda item.', ?, ?)");
      ins.bind(1, source).bind(2, db.new_row_id("action_plans"));
      ins.run();
      plan = db.last_insert_rowid();
      record_audit(db, AuditEntry{.action = "insert",
                                  .table = "action_plans",
                                  .row_id = std::to_string(plan),
                                  .before = "",
                                  .after = row_json(db, "action_plans", plan).value_or("")});
    }
  }
  Statement seq = db.prepare("SELECT COALESCE(max(seq), 0) + 1 FROM action_items WHERE plan_id = ?");
  seq.bind(1, plan);
  seq.step();
  const std::int64_t next = seq.column_int(0);

  std::vector<Change> changes;
  Statement ins = db.prepare(
      "INSERT INTO action_items (plan_id, seq, title, detail, owner, due, status, source_id, id) "
      "VALUES (?, ?, ?, ?, ?, ?, 'planned', ?, ?)");
  ins.bind(8, db.new_row_id("action_items"));
  ins.bind(1, plan).bind(2, next).bind(3, std::string(trim(e.title)));
  ins.bind(4, "Agreed at session " + std::to_string(session_id) + " \"" + session_title + "\" (" + held_on +
                  "), agenda item " + std::to_string(position));
  ins.bind(5, std::string(trim(e.owner)));
  if (e.due.empty())
    ins.bind(6, nullptr);
  else
    ins.bind(6, e.due);
  ins.bind(7, source);
  ins.run();
  const std::int64_t action_id = db.last_insert_rowid();
  changes.push_back(
      {"insert", "action_items", action_id, std::nullopt, row_json(db, "action_items", action_id), std::nullopt});
  for (const std::int64_t risk_id : risk_ids) {
    Statement link = db.prepare("INSERT INTO action_item_risks (item_id, risk_id, source_id) VALUES (?, ?, ?)");
    link.bind(1, action_id).bind(2, risk_id).bind(3, source);
    link.run();
    const std::int64_t rowid = db.last_insert_rowid();
    changes.push_back(
        {"insert", "action_item_risks", rowid, std::nullopt, row_json(db, "action_item_risks", rowid), std::nullopt});
  }
  Statement rec = db.prepare(
      "INSERT INTO session_records (item_id, kind, text, action_item_id, who, id) VALUES (?, 'action', '', ?, ?, ?)");
  rec.bind(4, db.new_row_id("session_records"));
  rec.bind(1, e.agenda_item_id).bind(2, action_id).bind(3, current_user());
  rec.run();
  const std::int64_t rec_id = db.last_insert_rowid();
  changes.push_back(
      {"insert", "session_records", rec_id, std::nullopt, row_json(db, "session_records", rec_id), std::nullopt});
  const std::string description = "action REVIEW " + std::to_string(next) + " \"" + short_title(trim(e.title), 40) +
                                  "\" (" + std::string(trim(e.owner)) + (e.due.empty() ? "" : ", due " + e.due) +
                                  ") agreed at session " + std::to_string(session_id) + " item " +
                                  std::to_string(position);
  return finish(db, tx, "session_action", description, changes);
}

}  // namespace gb::data
