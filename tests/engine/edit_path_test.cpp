// The edit path (engine/edit_path.hpp): scenario or register, one history
// for every kind of edit, undo and redo of each, and what a listener hears.
#include "engine/edit_path.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/scenarios.hpp"
#include "data/sessions.hpp"
#include "support.hpp"

using namespace gb;
using engine::EditPath;
using engine::Touched;

namespace {

data::Db open_rw(const std::filesystem::path& p) {
  return data::open_governance_db(p, data::OpenMode::ReadWrite);
}

std::string one(data::Db& db, const std::string& sql) {
  data::Statement st = db.prepare(sql);
  if (!st.step()) return "(none)";
  return st.column_is_null(0) ? "NULL" : st.column_text(0);
}

// Everything a person can edit, as one string: what undo and redo must put
// back exactly.
std::string editable_dump(data::Db& db) {
  std::string out;
  for (const char* t :
       {"risk_assessments", "control_progress", "action_items", "action_updates", "improvement_actions", "sessions",
        "agenda_items", "session_records", "agenda_snapshots", "scenarios", "scenario_changes"}) {
    std::string expr;
    for (const auto& c : db.column_names(t))
      expr += (expr.empty() ? "" : " || '|' || ") + std::string("quote(") + data::quote_identifier(c) + ")";
    data::Statement st = db.prepare("SELECT " + expr + " FROM " + t + " ORDER BY rowid");
    out += std::string("== ") + t + "\n";
    while (st.step()) out += st.column_text(0) + "\n";
  }
  return out;
}

std::vector<std::string> agenda_views(data::Db& db, std::int64_t session) {
  std::vector<std::string> out;
  for (const auto& it : data::agenda(db, session)) out.push_back(std::to_string(it.position) + ":" + it.view_id);
  return out;
}

data::AssessmentEdit risk10(const char* likelihood) {
  return {.risk_id = 10, .as_of = "2021-12-31", .likelihood = likelihood, .impact = "VH"};
}

}  // namespace

TEST_CASE("edit path: undo and redo walk one history and a new edit ends the redo line", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  const std::string original = editable_dump(db);
  const std::string l0 = one(db, "SELECT likelihood FROM risk_assessments WHERE risk_id = 10 AND as_of = '2021-12-31'");
  REQUIRE(l0 != "L");

  CHECK(edits.undo().changed == false);  // the demo has no edits
  CHECK(edits.redo().message == "Nothing to redo");

  REQUIRE(edits.assess(risk10("L")).changed);
  const std::string after_first = editable_dump(db);
  REQUIRE(edits.assess(risk10("VL")).changed);
  const std::string after_second = editable_dump(db);

  // Back two steps, forward two steps: each state exactly as it was.
  CHECK(edits.undo().message.starts_with("Undone: risk 10"));
  CHECK(editable_dump(db) == after_first);
  CHECK(edits.undo().changed);
  CHECK(editable_dump(db) == original);
  CHECK_FALSE(edits.undo().changed);
  REQUIRE(edits.next_redo());
  CHECK(edits.redo().message.starts_with("Redone: risk 10"));
  CHECK(editable_dump(db) == after_first);
  CHECK(edits.redo().changed);
  CHECK(editable_dump(db) == after_second);
  CHECK_FALSE(edits.redo().changed);

  // A redo is an edit: undo takes it back, redo makes it again.
  CHECK(edits.undo().changed);
  CHECK(editable_dump(db) == after_first);
  CHECK(edits.redo().changed);
  CHECK(editable_dump(db) == after_second);

  // Undo, then a new edit: nothing is left to redo.
  CHECK(edits.undo().changed);
  REQUIRE(edits.next_redo());
  REQUIRE(edits.assess(risk10("H")).changed);
  CHECK_FALSE(edits.next_redo());
  CHECK_FALSE(edits.redo().changed);

  // The history says what happened, newest first.
  const auto h = edits.history(20);
  REQUIRE(h.size() >= 8);
  CHECK(h[0].kind == "assessment");
  CHECK(h[1].kind == "undo");
  CHECK(h[2].kind == "redo");
  CHECK(h[2].redo_of.has_value());
  CHECK(h[2].description.starts_with("redo: risk 10"));
}

TEST_CASE("edit path: redo refuses when a row changed after the undo and changes nothing", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  REQUIRE(edits.assess(risk10("L")).changed);
  REQUIRE(edits.undo().changed);
  db.exec("UPDATE risk_assessments SET commentary = 'changed elsewhere' WHERE risk_id = 10 AND as_of = '2021-12-31'");
  const std::string before = editable_dump(db);
  CHECK_THROWS_WITH(edits.redo(), Catch::Contains("cannot redo: risk 10's assessment of 2021-12-31 was changed") &&
                                      Catch::Contains("nothing was redone"));
  CHECK(editable_dump(db) == before);
}

TEST_CASE("edit path: an agenda item removed by mistake comes back in its place with its snapshot", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  const auto s = edits.create_session({.title = "Audit Panel", .board = "", .held_on = "2022-01-17", .attendees = {}});
  REQUIRE(s.changed);
  CHECK(s.message == "session 'Audit Panel' (2022-01-17) created");
  for (const char* v : {"audit_panel.risks", "performance.trust", "gip.tracker"})
    REQUIRE(edits.add_agenda_item(s.row_id, {.view_id = v, .params = {}, .note = "", .position = 0}).changed);
  const auto second = data::agenda_item_at(db, s.row_id, 2);
  data::save_snapshot(db, second.id, "fp", R"({"type":"view"})");
  const std::string before = editable_dump(db);

  const auto removed = edits.remove_agenda_item(s.row_id, 2);
  CHECK(removed.message == "item 2 (performance.trust) of session 'Audit Panel' removed");
  CHECK(agenda_views(db, s.row_id) == std::vector<std::string>{"1:audit_panel.risks", "2:gip.tracker"});
  CHECK_FALSE(data::snapshot(db, second.id));

  CHECK(edits.undo().changed);
  CHECK(editable_dump(db) == before);
  CHECK(agenda_views(db, s.row_id) ==
        std::vector<std::string>{"1:audit_panel.risks", "2:performance.trust", "3:gip.tracker"});
  REQUIRE(data::snapshot(db, second.id));
  CHECK(data::snapshot(db, second.id)->tree_json == R"({"type":"view"})");

  // Redo removes it again; a move is undone too.
  CHECK(edits.redo().changed);
  CHECK(agenda_views(db, s.row_id) == std::vector<std::string>{"1:audit_panel.risks", "2:gip.tracker"});
  CHECK(edits.undo().changed);
  REQUIRE(edits.move_agenda_item(s.row_id, 3, 1).changed);
  CHECK(agenda_views(db, s.row_id) ==
        std::vector<std::string>{"1:gip.tracker", "2:audit_panel.risks", "3:performance.trust"});
  CHECK(edits.undo().changed);
  CHECK(editable_dump(db) == before);
  // Moving an item to where it is writes nothing.
  CHECK_FALSE(edits.move_agenda_item(s.row_id, 2, 2).changed);
}

TEST_CASE("edit path: typing a note in one go is one edit and undo gives the text back", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  const auto s = edits.create_session({.title = "Board", .board = "", .held_on = "2022-01-17", .attendees = {}});
  const auto item =
      edits.add_agenda_item(s.row_id, {.view_id = "audit_panel.risks", .params = {}, .note = "", .position = 0});
  const std::string empty_agenda = editable_dump(db);

  // "Add note", then typing in batches, as the window saves them.
  const auto note = edits.add_record(item.row_id, data::RecordKind::Note, "");
  REQUIRE(note.changed);
  for (const char* text : {"A", "As", "Asked", "Asked about risk 10"})
    CHECK(edits.set_record_text(note.row_id, text).changed);
  CHECK_FALSE(edits.set_record_text(note.row_id, "Asked about risk 10").changed);  // the same text: nothing
  const auto h = edits.history(3);
  CHECK(h[0].kind == "session_record");
  CHECK(h[0].description == "note added to item 1 (audit_panel.risks) of session 'Board'");
  CHECK(h[1].kind == "agenda");
  const std::string typed = editable_dump(db);

  // One undo takes back the note with what was typed into it.
  CHECK(edits.undo().changed);
  CHECK(editable_dump(db) == empty_agenda);
  CHECK(edits.redo().changed);
  CHECK(editable_dump(db) == typed);

  // A note deleted by mistake comes back.
  REQUIRE(edits.delete_record(note.row_id).changed);
  CHECK(data::item_records(db, item.row_id).empty());
  CHECK(edits.undo().changed);
  REQUIRE(data::item_records(db, item.row_id).size() == 1);
  CHECK(data::item_records(db, item.row_id)[0].text == "Asked about risk 10");

  // Typing into a note soon after is the same edit; later, an edit of its
  // own, which undo takes back to the earlier text.
  const auto second = edits.add_record(item.row_id, data::RecordKind::Decision, "Noted");
  REQUIRE(edits.set_record_text(second.row_id, "Noted, with thanks").changed);
  CHECK(edits.history(1)[0].id == second.edit_id);
  db.exec("UPDATE edits SET at = '2020-01-01T00:00:00.000Z' WHERE id = " + std::to_string(second.edit_id));
  const auto later = edits.set_record_text(second.row_id, "Noted, with thanks; report in April");
  REQUIRE(later.changed);
  CHECK(later.edit_id != second.edit_id);
  CHECK(later.message == "decision on item 1 (audit_panel.risks) of session 'Board' edited");
  CHECK(edits.undo().changed);
  CHECK(one(db, "SELECT text FROM session_records WHERE id = " + std::to_string(second.row_id)) ==
        "Noted, with thanks");
}
TEST_CASE("edit path: a session's details undo after it was presented and its start is kept", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  const auto s = edits.create_session({.title = "Board", .board = "", .held_on = "2022-01-17", .attendees = {}});
  REQUIRE(
      edits
          .update_session(
              s.row_id,
              {.title = "Board (rescheduled)", .board = "Audit Panel", .held_on = "2022-01-24", .attendees = {"Chair"}})
          .changed);
  REQUIRE(data::mark_session_started(db, s.row_id, "fingerprint", "[]"));
  CHECK(edits.undo().changed);
  const auto back = data::get_session(db, s.row_id);
  CHECK(back.title == "Board");
  CHECK(back.held_on == "2022-01-17");
  CHECK(back.data_fingerprint == "fingerprint");  // the meeting's record stays
  CHECK_FALSE(back.started_at.empty());
  // Details saved unchanged write nothing.
  CHECK_FALSE(edits.update_session(s.row_id, {.title = "Board", .board = "", .held_on = "2022-01-17", .attendees = {}})
                  .changed);
}

TEST_CASE("edit path: under a scenario the register is not touched and what no scenario covers is refused",
          "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  std::optional<data::Scenario> active;
  std::vector<Touched> heard;
  EditPath edits(
      db, [&]() -> const data::Scenario* { return active ? &*active : nullptr; },
      [&](Touched t) { heard.push_back(t); });
  const auto created = edits.create_scenario({.name = "risk 10 down", .as_of = "2021-12-31"});
  REQUIRE(created.changed);
  CHECK(heard == std::vector<Touched>{Touched::Scenario});
  active = data::load_scenario(db, created.row_id);
  const std::string register_before = one(db, "SELECT group_concat(likelihood) FROM risk_assessments");

  const auto r = edits.assess(risk10("L"));
  CHECK(r.into_scenario);
  CHECK(r.message ==
        "Added to scenario 'risk 10 down': " + data::load_scenario(db, created.row_id).changes[0].label + " L v VH");
  CHECK(one(db, "SELECT group_concat(likelihood) FROM risk_assessments") == register_before);
  const auto control = std::stoll(one(db, "SELECT min(id) FROM controls"));
  CHECK(edits.control_progress({.control_id = control, .period = "2021-Q4", .progress = "slipped", .note = {}})
            .into_scenario);
  CHECK(data::load_scenario(db, created.row_id).changes.size() == 2);
  const auto improvement = std::stoll(one(db, "SELECT min(id) FROM improvement_actions"));
  CHECK_THROWS_WITH(edits.improvement_action({.action_id = improvement, .status = "complete"}),
                    Catch::Contains("improvement actions are not part of scenarios"));
  const auto action = std::stoll(one(db, "SELECT min(id) FROM action_items"));
  CHECK_THROWS_WITH(edits.action_status({.item_id = action, .update_text = "Done", .as_of = "2021-12-31"}),
                    Catch::Contains("goes into the register, not a scenario"));

  // Undo takes the scenario's changes back one by one, then the scenario.
  CHECK(edits.undo().changed);
  CHECK(data::load_scenario(db, created.row_id).changes.size() == 1);
  CHECK(heard.back() == Touched::Unknown);
  CHECK(edits.undo().changed);
  CHECK(edits.undo().changed);
  CHECK_FALSE(data::find_scenario(db, "risk 10 down"));
  active.reset();

  // Without a scenario the same call goes into the register.
  const auto stored = edits.assess(risk10("L"));
  CHECK_FALSE(stored.into_scenario);
  CHECK(stored.message.starts_with("risk 10"));
  CHECK(heard.back() == Touched::Register);
}

TEST_CASE("edit path: a discarded scenario comes back with its changes on undo", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  const auto id = edits.create_scenario({.name = "what if", .as_of = "2021-12-31"}).row_id;
  REQUIRE(edits.set_risk_change(id, {.risk_id = 9, .likelihood = "H"}).changed);
  REQUIRE(edits.set_risk_change(id, {.risk_id = 10, .likelihood = "L"}).changed);
  const std::string before = editable_dump(db);
  CHECK(edits.discard_scenario(id).message == "scenario 'what if' discarded");
  CHECK_FALSE(data::find_scenario(db, "what if"));
  CHECK(edits.undo().changed);
  CHECK(editable_dump(db) == before);
  REQUIRE(data::find_scenario(db, "what if"));
  CHECK(data::find_scenario(db, "what if")->changes.size() == 2);
}

TEST_CASE("edit path: every kind of edit goes back exactly on undo and comes back exactly on redo", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  const auto control = std::stoll(one(db, "SELECT min(id) FROM controls"));
  const auto action = std::stoll(one(db, "SELECT min(id) FROM action_items"));
  const auto improvement = std::stoll(one(db, "SELECT min(id) FROM improvement_actions"));
  const auto session = edits.create_session({.title = "Board", .board = "", .held_on = "2022-01-17", .attendees = {}});
  const auto item =
      edits.add_agenda_item(session.row_id, {.view_id = "audit_panel.risks", .params = {}, .note = "", .position = 0});

  struct Kind {
    const char* name;
    std::function<engine::EditOutcome()> make;
  };
  const std::vector<Kind> kinds = {
      {"assessment", [&] { return edits.assess(risk10("L")); }},
      {"control_progress",
       [&] {
         return edits.control_progress(
             {.control_id = control, .period = "2022-Q1", .progress = "slipped", .note = "x"});
       }},
      {"action_status",
       [&] {
         return edits.action_status(
             {.item_id = action, .status = "complete", .rag = "green", .update_text = "Done", .as_of = "2022-03-31"});
       }},
      {"improvement_action",
       [&] { return edits.improvement_action({.action_id = improvement, .status = "on_hold", .rag = "amber"}); }},
      {"session_action",
       [&] {
         return edits.session_action({.agenda_item_id = item.row_id,
                                      .title = "Review",
                                      .owner = "DARA",
                                      .due = "2022-04-30",
                                      .risk_refs = {10}});
       }},
      {"agenda note", [&] { return edits.set_agenda_note(item.row_id, "For decision"); }},
      {"agenda params",
       [&] {
         return edits.set_agenda_params(item.row_id, {{"as_of", "2021-12-31"}});
       }},
      {"decision", [&] { return edits.add_record(item.row_id, data::RecordKind::Decision, "The register is noted"); }},
  };
  for (const auto& k : kinds) {
    INFO(k.name);
    const std::string before = editable_dump(db);
    const engine::EditOutcome made = k.make();
    REQUIRE(made.changed);
    const std::string after = editable_dump(db);
    REQUIRE(after != before);
    CHECK(edits.undo().changed);
    CHECK(editable_dump(db) == before);
    CHECK(edits.redo().changed);
    CHECK(editable_dump(db) == after);
  }
}

TEST_CASE("edit path: proposing what a scenario already proposes writes nothing and says so", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  std::optional<data::Scenario> active;
  EditPath edits(db, [&]() -> const data::Scenario* { return active ? &*active : nullptr; });
  active = data::load_scenario(db, edits.create_scenario({.name = "s", .as_of = "2021-12-31"}).row_id);
  REQUIRE(edits.assess(risk10("L")).changed);
  const auto written = [&] {
    return one(db, "SELECT (SELECT count(*) FROM edits) || '/' || (SELECT count(*) FROM audit_log)");
  };
  const std::string mark = written();
  const auto again = edits.assess(risk10("L"));
  CHECK_FALSE(again.changed);
  CHECK(again.into_scenario);
  CHECK_THAT(again.message, Catch::StartsWith("Nothing changed: scenario 's' already proposes risk 10"));
  CHECK(written() == mark);
}

TEST_CASE("edit path: undoing an added agenda item keeps its snapshot for the redo", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  const auto s = edits.create_session({.title = "Board", .board = "", .held_on = "2022-01-17", .attendees = {}});
  const auto item =
      edits.add_agenda_item(s.row_id, {.view_id = "gip.tracker", .params = {}, .note = "", .position = 0});
  data::save_snapshot(db, item.row_id, "fp", R"({"type":"view","title":"as presented"})");
  const std::string presented = editable_dump(db);
  CHECK(edits.undo().changed);
  CHECK(data::agenda(db, s.row_id).empty());
  CHECK(edits.redo().changed);
  CHECK(editable_dump(db) == presented);
  REQUIRE(data::snapshot(db, item.row_id));
}

TEST_CASE("edit path: an applied scenario opens again on the first undo and stays frozen until then", "[edit_path]") {
  gbtest::TempDir dir;
  data::Db db = open_rw(gbtest::demo_copy(dir));
  EditPath edits(db);
  const auto id = edits.create_scenario({.name = "s", .as_of = "2021-12-31"}).row_id;
  REQUIRE(edits.set_risk_change(id, {.risk_id = 10, .likelihood = "L"}).changed);
  const std::string before_apply = editable_dump(db);
  const auto applied = edits.apply_scenario(id);
  REQUIRE(applied.size() == 1);
  CHECK(edits.history(1)[0].description == "scenario 's' applied (1 change)");
  CHECK(data::load_scenario(db, id).applied());
  // First undo: the scenario is open again; the register still has the change.
  CHECK(edits.undo().message == "Undone: scenario 's' applied (1 change)");
  CHECK_FALSE(data::load_scenario(db, id).applied());
  // Then the register's edit, then the scenario's own: back to the start.
  CHECK(edits.undo().changed);
  CHECK(editable_dump(db) == before_apply);
  CHECK(edits.undo().changed);
  CHECK(edits.undo().changed);
  CHECK_FALSE(data::find_scenario(db, "s"));
}
