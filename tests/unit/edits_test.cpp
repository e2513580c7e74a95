// Analysts' edits (data/edits.hpp): each kind of edit, validation, the audit
// trail, undo, and durability across a restart and a killed process.
#include "data/edits.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <functional>
#include <vector>

#include "data/audit_log.hpp"
#include "data/migrations.hpp"
#include "data/settings.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

namespace {

using gbtest::number;
using gbtest::text;

Db open_rw(const std::filesystem::path& p) {
  return open_governance_db(p, OpenMode::ReadWrite);
}

// Every row and column a query returns, as text: for comparing rows.
std::string rows(Db& db, const std::string& sql) {
  Statement st = db.prepare(sql);
  std::string out;
  while (st.step()) {
    for (int i = 0; i < st.column_count(); ++i) out += (st.column_is_null(i) ? "NULL" : st.column_text(i)) + "|";
    out += "\n";
  }
  return out;
}

// Everything an edit could touch: all data (sources included), the audit
// log and the edits. Equal states mean nothing was written.
std::string state(Db& db) {
  return content_fingerprint(db) + " audit_log=" + std::to_string(number(db, "SELECT count(*) FROM audit_log")) +
         " edits=" + rows(db, "SELECT * FROM edits");
}

constexpr const char* kRisk10Dec = "SELECT * FROM risk_assessments WHERE risk_id = 10 AND as_of = '2021-12-31'";

AssessmentEdit risk10(std::string likelihood, std::string impact, std::string as_of = "2021-12-31") {
  return AssessmentEdit{
      .risk_id = 10, .as_of = std::move(as_of), .likelihood = std::move(likelihood), .impact = std::move(impact)};
}

std::string integrity(Db& db) {
  return text(db, "PRAGMA integrity_check");
}

}  // namespace

TEST_CASE("record_assessment updates the assessment for that date and audits it", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const EditResult r = record_assessment(db, risk10("H", "VH"));
  REQUIRE(r.changed());
  CHECK(r.description == "risk 10 LEGITIMACY: likelihood VH -> H (2021-12-31)");

  // The row: the new position, everything not given kept, the manual source.
  CHECK(text(db, "SELECT likelihood || ' v ' || impact || ' ' || trend FROM risk_assessments WHERE id = 10") ==
        "H v VH stable");
  CHECK(text(db, "SELECT commentary FROM risk_assessments WHERE id = 10").starts_with("Paras 1.9-1.10"));
  CHECK(text(db,
             "SELECT s.kind || ': ' || s.document FROM risk_assessments a JOIN sources s ON s.id = a.source_id "
             "WHERE a.id = 10") == "manual: Edits typed in govbench");
  CHECK(text(db, "SELECT likelihood FROM risk_register WHERE ref = 10") == "H");

  // The audit row: the whole row before and after, as JSON objects.
  const auto audit = [&](const std::string& expr) {
    return text(db, "SELECT " + expr + " FROM audit_log WHERE id = " + std::to_string(r.audit_id));
  };
  CHECK(audit("action || ' ' || tbl || ' ' || row_id") == "update risk_assessments 10");
  CHECK(audit("who") == current_user());
  CHECK(audit("edit_id") == std::to_string(r.edit_id));
  CHECK(audit("undo_of") == "NULL");
  CHECK(audit("json_type(before) || ' ' || json_type(after)") == "object object");
  CHECK(audit("json_extract(before, '$.likelihood') || ' -> ' || json_extract(after, '$.likelihood')") == "VH -> H");
  CHECK(audit("json_extract(before, '$.source_id')") == "113");
  CHECK(audit("(SELECT count(*) FROM json_each(before))") == "11");  // every column of risk_assessments
  CHECK(audit("json_extract(after, '$.commentary') = json_extract(before, '$.commentary')") == "1");

  const std::vector<EditSummary> recent = recent_edits(db, 10);
  REQUIRE(recent.size() == 1);
  CHECK(recent[0].id == r.edit_id);
  CHECK(recent[0].kind == "assessment");
  CHECK(recent[0].description == r.description);
  CHECK(recent[0].who == current_user());
  CHECK_FALSE(recent[0].undone_by);
  CHECK(recent[0].at == audit("at"));
  CHECK(edit_changes(db, r.edit_id).size() == 1);
}

TEST_CASE("record_assessment records a new assessment for a new date", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  AssessmentEdit e = risk10("H", "H", "2022-03-31");
  e.trend = "improving";
  e.commentary = "Fewer challenges to legitimacy this quarter.";
  e.rag = "";  // "clear" means NULL in a new row too
  const EditResult r = record_assessment(db, e);
  CHECK(r.description == "risk 10 LEGITIMACY: new assessment H v H, trend improving, commentary added (2022-03-31)");
  CHECK(rows(db,
             "SELECT period, likelihood, impact, trend, progress, rag FROM risk_assessments "
             "WHERE risk_id = 10 AND as_of = '2022-03-31'") == "2022-Q1|H|H|improving|NULL|NULL|\n");
  CHECK(text(db, "SELECT as_of || ' ' || likelihood || ' v ' || impact FROM risk_register WHERE ref = 10") ==
        "2022-03-31 H v H");
  const auto changes = edit_changes(db, r.edit_id);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].action == "insert");
  CHECK(changes[0].table == "risk_assessments");
  CHECK_FALSE(changes[0].before);
  REQUIRE(changes[0].after);
  CHECK(changes[0].after->find("\"period\":\"2022-Q1\"") != std::string::npos);

  // A leap day is a real date.
  CHECK(record_assessment(db, risk10("M", "H", "2024-02-29")).changed());
}

TEST_CASE("optional fields: absent keeps, empty clears, an edit that changes nothing writes nothing", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::string before = state(db);
  const EditResult same = record_assessment(db, risk10("VH", "VH"));
  CHECK_FALSE(same.changed());
  CHECK(same.audit_id == 0);
  CHECK(same.description == "risk 10 LEGITIMACY: no change (2021-12-31)");
  CHECK(state(db) == before);

  AssessmentEdit e = risk10("VH", "VH");
  e.commentary = "";
  e.progress = "limited";
  const EditResult r = record_assessment(db, e);
  CHECK(r.description == "risk 10 LEGITIMACY: progress none -> limited, commentary cleared (2021-12-31)");
  CHECK(rows(db, "SELECT trend, progress, commentary FROM risk_assessments WHERE id = 10") == "stable|limited|NULL|\n");
}

TEST_CASE("set_control_progress updates a quarter's progress and records a new quarter", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const EditResult up = set_control_progress(db, {.control_id = 1, .period = "2021-Q4", .progress = "on_track"});
  CHECK(up.description == "risk 8 CRIME PREVENTION, key control 1: 2021-Q4 progress limited -> on_track");
  CHECK(text(db, "SELECT progress FROM control_progress WHERE control_id = 1 AND period = '2021-Q4'") == "on_track");
  CHECK(text(db, "SELECT note FROM control_progress WHERE control_id = 1 AND period = '2021-Q4'")
            .starts_with("Some PAIs complete"));  // kept

  const EditResult ins = set_control_progress(
      db, {.control_id = 1, .period = "2022-Q1", .progress = "on_track", .note = "12 PAIs per BCU reached."});
  CHECK(ins.description == "risk 8 CRIME PREVENTION, key control 1: 2022-Q1 progress on_track, note added (new)");
  CHECK(
      rows(db, "SELECT period_end, progress, note FROM control_progress WHERE control_id = 1 AND period = '2022-Q1'") ==
      "2022-03-31|on_track|12 PAIs per BCU reached.|\n");
  CHECK(text(db, "SELECT period || ' ' || progress FROM control_status WHERE control_id = 1") == "2022-Q1 on_track");
  CHECK(text(db, "SELECT action FROM audit_log WHERE id = " + std::to_string(ins.audit_id)) == "insert");
}

TEST_CASE("set_action_status changes an item and adds its dated update in one edit", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::string items = rows(db, "SELECT * FROM action_items ORDER BY id");
  const EditResult r = set_action_status(db, {.item_id = 60,
                                              .status = "complete",
                                              .rag = "blue",
                                              .update_text = "Final VAWG plan published.",
                                              .as_of = "2022-09-30"});
  CHECK(r.description ==
        "action VAWG 1 \"Engage further on the plan and publish\u2026\": status none -> complete, rag none -> blue, "
        "update of 2022-09-30 added");
  CHECK(rows(db, "SELECT status, rag FROM action_items WHERE id = 60") == "complete|blue|\n");
  CHECK(rows(db, "SELECT as_of, text, status, rag FROM action_updates WHERE item_id = 60 ORDER BY id DESC LIMIT 1") ==
        "2022-09-30|Final VAWG plan published.|complete|blue|\n");
  const auto changes = edit_changes(db, r.edit_id);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].action + " " + changes[0].table == "update action_items");
  CHECK(changes[1].action + " " + changes[1].table == "insert action_updates");
  CHECK(r.audit_id == changes[0].audit_id);
  // The item keeps its paper as source; the update cites the manual source.
  CHECK(text(db, "SELECT source_id FROM action_items WHERE id = 60") == "109");
  CHECK(
      text(db, "SELECT s.kind FROM action_updates u JOIN sources s ON s.id = u.source_id ORDER BY u.id DESC LIMIT 1") ==
      "manual");

  // Undo reverts both rows as one.
  const auto u = undo_last_edit(db);
  REQUIRE(u);
  CHECK(rows(db, "SELECT * FROM action_items ORDER BY id") == items);
  CHECK(number(db, "SELECT count(*) FROM action_updates WHERE item_id = 60") == 2);
  CHECK(edit_changes(db, u->edit_id).size() == 2);

  // An update alone leaves the item as it is and carries its status.
  const EditResult only =
      set_action_status(db, {.item_id = 60, .update_text = "Still engaging.", .as_of = "2022-04-30"});
  CHECK(only.description.ends_with(": update of 2022-04-30 added"));
  CHECK(rows(db, "SELECT * FROM action_items ORDER BY id") == items);
  CHECK(edit_changes(db, only.edit_id).size() == 1);

  // Status alone.
  const EditResult st = set_action_status(db, {.item_id = 1, .status = "in_progress"});
  CHECK(st.description == "action RBT 1 \"Complete an urgent review of all\u2026\": status none -> in_progress");
}

TEST_CASE("set_improvement_action changes status, RAG and quarterly update", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const EditResult r = set_improvement_action(
      db, {.action_id = 1, .status = "complete", .quarterly_update = "LTOM mobilised.", .update_as_of = "2022-09-30"});
  CHECK(
      r.description ==
      "GIP 2021/22 area 1 action 1: status in_progress -> complete, quarterly update edited, update date 2022-07-04 -> "
      "2022-09-30");
  CHECK(rows(db, "SELECT status, rag, quarterly_update, update_as_of FROM improvement_actions WHERE id = 1") ==
        "complete|NULL|LTOM mobilised.|2022-09-30|\n");
  const EditResult g = set_improvement_action(db, {.action_id = 1, .rag = "green"});
  CHECK(g.description == "GIP 2021/22 area 1 action 1: rag none -> green");
  CHECK(text(db, "SELECT action FROM audit_log WHERE id = " + std::to_string(g.audit_id)) == "update");
}

TEST_CASE("invalid edits are refused with the field and the allowed values, and change nothing", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::string before = state(db);
  const std::string row = rows(db, kRisk10Dec);
  const auto refused = [&](const std::function<void()>& f, const std::string& message) {
    CHECK_THROWS_WITH(f(), Catch::Contains(message));
    CHECK(state(db) == before);
    CHECK(rows(db, kRisk10Dec) == row);
  };
  const auto assess = [&](const AssessmentEdit& e) { return [&db, e] { record_assessment(db, e); }; };

  refused(assess(risk10("X", "VH")), "likelihood must be one of VL, L, M, H, VH (got 'X')");
  refused(assess(risk10("H", "vh")), "impact must be one of VL, L, M, H, VH (got 'vh')");
  refused(assess(risk10("", "H")), "likelihood must be one of VL, L, M, H, VH (got '')");
  AssessmentEdit bad_trend = risk10("H", "H");
  bad_trend.trend = "up";
  refused(assess(bad_trend), "trend must be one of improving, stable, worsening, or empty to clear it (got 'up')");
  AssessmentEdit bad_progress = risk10("H", "H");
  bad_progress.progress = "done";
  refused(assess(bad_progress), "progress must be one of on_track, limited, slipped, no_progress");
  AssessmentEdit bad_rag = risk10("H", "H");
  bad_rag.rag = "purple";
  refused(assess(bad_rag), "rag must be one of red, amber, green, blue, or empty to clear it (got 'purple')");
  AssessmentEdit bad_text = risk10("H", "H");
  bad_text.commentary = std::string("caf\xe9");
  refused(assess(bad_text), "commentary is not valid UTF-8 text");
  refused(assess(risk10("H", "H", "2022-02-30")), "as_of must be a real date written YYYY-MM-DD");
  refused(assess(risk10("H", "H", "2022-02-30")), "(got '2022-02-30')");
  refused(assess(risk10("H", "H", "2021-02-29")), "(got '2021-02-29')");  // not a leap year
  refused(assess(risk10("H", "H", "31/03/2022")), "as_of must be a real date written YYYY-MM-DD");
  refused(assess(risk10("H", "H", "2022-3-31")), "as_of must be a real date");
  refused(assess(risk10("H", "H", "0222-03-31")), "between 1900 and 2100");
  AssessmentEdit no_risk = risk10("H", "H");
  no_risk.risk_id = 999;
  refused(assess(no_risk), "risk_id 999 does not exist in risks");

  refused([&] { set_control_progress(db, {.control_id = 1, .period = "2022-Q5", .progress = "on_track"}); },
          "period must be a calendar quarter written YYYY-Qn, e.g. 2022-Q1 (got '2022-Q5')");
  refused([&] { set_control_progress(db, {.control_id = 1, .period = "2022-03", .progress = "on_track"}); },
          "period must be a calendar quarter");
  refused([&] { set_control_progress(db, {.control_id = 1, .period = "2022-Q1", .progress = "green"}); },
          "progress must be one of on_track, limited, slipped, no_progress (got 'green')");
  refused([&] { set_control_progress(db, {.control_id = 9999, .period = "2022-Q1", .progress = "limited"}); },
          "control_id 9999 does not exist in controls");

  refused(
      [&] { set_action_status(db, {.item_id = 60, .status = "done"}); },
      "status must be one of planned, in_progress, complete, on_hold, withdrawn, or empty to clear it (got 'done')");
  refused([&] { set_action_status(db, {.item_id = 60, .rag = "RED"}); }, "rag must be one of red, amber, green, blue");
  refused([&] { set_action_status(db, {.item_id = 9999, .status = "complete"}); },
          "item_id 9999 does not exist in action_items");
  refused([&] { set_action_status(db, {.item_id = 60}); }, "nothing to change");
  refused([&] { set_action_status(db, {.item_id = 60, .update_text = "Published."}); },
          "as_of must be a real date written YYYY-MM-DD, between 1900 and 2100 (got '')");
  refused([&] { set_action_status(db, {.item_id = 60, .update_text = "Published.", .as_of = "2022-13-01"}); },
          "(got '2022-13-01')");
  refused([&] { set_action_status(db, {.item_id = 60, .update_text = "  ", .as_of = "2022-09-30"}); },
          "update_text must not be empty");
  refused([&] { set_action_status(db, {.item_id = 60, .status = "complete", .as_of = "2022-09-30"}); },
          "as_of is the date of an update, but no update_text was given");
  // The item exists, its status is valid, but the update's date is not:
  // neither the status nor the update is written.
  refused(
      [&] { set_action_status(db, {.item_id = 60, .status = "complete", .update_text = "x", .as_of = "2022-02-30"}); },
      "as_of must be a real date");

  refused([&] { set_improvement_action(db, {.action_id = 9999, .status = "complete"}); },
          "action_id 9999 does not exist in improvement_actions");
  refused([&] { set_improvement_action(db, {.action_id = 1, .status = "finished"}); },
          "status must be one of planned, in_progress, complete, on_hold, withdrawn");
  refused([&] { set_improvement_action(db, {.action_id = 1, .update_as_of = "2022-06-31"}); },
          "update_as_of must be a real date written YYYY-MM-DD");
  refused([&] { set_improvement_action(db, {.action_id = 1, .update_as_of = ""}); },
          "update_as_of is required with a quarterly_update");
  refused([&] { set_improvement_action(db, {.action_id = 1}); }, "nothing to change");
}

TEST_CASE("undo of an update restores the row exactly and is itself audited", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::string row = rows(db, kRisk10Dec);
  AssessmentEdit e = risk10("H", "H");
  e.commentary = "Edited.";
  const EditResult r = record_assessment(db, e);
  REQUIRE(rows(db, kRisk10Dec) != row);
  REQUIRE(next_undo(db));
  CHECK(next_undo(db)->id == r.edit_id);

  const auto u = undo_last_edit(db);
  REQUIRE(u);
  CHECK(u->undone_edit_id == r.edit_id);
  CHECK(u->description == "undo: " + r.description);
  CHECK(rows(db, kRisk10Dec) == row);  // every column, the seed source included
  CHECK(text(db, "SELECT likelihood FROM risk_register WHERE ref = 10") == "VH");

  const auto changes = edit_changes(db, u->edit_id);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].action == "update");
  CHECK(changes[0].table == "risk_assessments");
  CHECK(changes[0].row_id == 10);
  CHECK(changes[0].undo_of == r.audit_id);
  CHECK(changes[0].before == edit_changes(db, r.edit_id)[0].after);
  CHECK(changes[0].after == edit_changes(db, r.edit_id)[0].before);
  CHECK(number(db, "SELECT undone_by FROM edits WHERE id = " + std::to_string(r.edit_id)) == u->edit_id);
  CHECK(rows(db, "SELECT kind, undo_of, undone_by FROM edits WHERE id = " + std::to_string(u->edit_id)) ==
        "undo|" + std::to_string(r.edit_id) + "|NULL|\n");
  CHECK_FALSE(next_undo(db));
  CHECK_FALSE(undo_last_edit(db));  // undos are not undone
}

TEST_CASE("undo of an insert deletes the row", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::string all = rows(db, "SELECT * FROM risk_assessments ORDER BY id");
  const EditResult r = record_assessment(db, risk10("M", "M", "2022-06-30"));
  const EditResult c = set_control_progress(db, {.control_id = 10, .period = "2022-Q2", .progress = "limited"});
  const auto u1 = undo_last_edit(db);
  REQUIRE(u1);
  CHECK(u1->undone_edit_id == c.edit_id);
  CHECK(number(db, "SELECT count(*) FROM control_progress WHERE control_id = 10") == 1);
  const auto u2 = undo_last_edit(db);
  REQUIRE(u2);
  CHECK(u2->undone_edit_id == r.edit_id);
  CHECK(rows(db, "SELECT * FROM risk_assessments ORDER BY id") == all);
  CHECK(text(db, "SELECT as_of FROM risk_register WHERE ref = 10") == "2021-12-31");
  const auto changes = edit_changes(db, u2->edit_id);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].action == "delete");
  CHECK_FALSE(changes[0].after);
  CHECK(changes[0].before == edit_changes(db, r.edit_id)[0].after);
}

TEST_CASE("repeated undo walks back through history", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::string row = rows(db, kRisk10Dec);
  const EditResult e1 = record_assessment(db, risk10("H", "VH"));
  const std::string after1 = rows(db, kRisk10Dec);
  const EditResult e2 = record_assessment(db, risk10("M", "VH"));
  CHECK(e2.description == "risk 10 LEGITIMACY: likelihood H -> M (2021-12-31)");
  const EditResult e3 = set_control_progress(db, {.control_id = 2, .period = "2021-Q4", .progress = "slipped"});

  CHECK(undo_last_edit(db)->undone_edit_id == e3.edit_id);
  CHECK(text(db, "SELECT progress FROM control_progress WHERE control_id = 2") == "limited");
  // A new edit after an undo is the next thing undone.
  const EditResult e4 = set_improvement_action(db, {.action_id = 2, .rag = "amber"});
  CHECK(next_undo(db)->id == e4.edit_id);
  CHECK(undo_last_edit(db)->undone_edit_id == e4.edit_id);
  CHECK(undo_last_edit(db)->undone_edit_id == e2.edit_id);
  CHECK(rows(db, kRisk10Dec) == after1);
  CHECK(undo_last_edit(db)->undone_edit_id == e1.edit_id);
  CHECK(rows(db, kRisk10Dec) == row);
  CHECK_FALSE(undo_last_edit(db));

  const auto recent = recent_edits(db, 100);
  REQUIRE(recent.size() == 8);
  std::string kinds;
  for (const auto& s : recent) kinds += s.kind + (s.undone_by ? "*" : "") + " ";
  CHECK(kinds == "undo undo undo improvement_action* undo control_progress* assessment* assessment* ");
  CHECK(recent[0].undo_of == e1.edit_id);
  CHECK(recent[0].description == "undo: " + e1.description);
  CHECK(recent_edits(db, 2).size() == 2);
  CHECK(recent_edits(db, 0).empty());
  CHECK(integrity(db) == "ok");
  CHECK(text(db, "PRAGMA foreign_key_check").empty());
}

TEST_CASE("undo refuses, and changes nothing, when the row was changed since", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));

  SECTION("changed by something else") {
    const EditResult r = record_assessment(db, risk10("H", "VH"));
    // Another program (or an import) changes the same row afterwards.
    db.exec("UPDATE risk_assessments SET commentary = 'changed elsewhere' WHERE id = 10");
    const std::string before = state(db);
    CHECK_THROWS_WITH(undo_last_edit(db),
                      Catch::Contains("cannot undo: risk 10's assessment of 2021-12-31 was changed after this edit") &&
                          Catch::Contains(r.description) && Catch::Contains("nothing was undone"));
    CHECK(state(db) == before);
    CHECK(next_undo(db)->id == r.edit_id);  // still stands, and still blocks
  }
  SECTION("deleted by something else") {
    record_assessment(db, risk10("H", "VH", "2022-03-31"));
    db.exec("DELETE FROM risk_assessments WHERE risk_id = 10 AND as_of = '2022-03-31'");
    const std::string before = state(db);
    CHECK_THROWS_WITH(undo_last_edit(db),
                      Catch::Contains("cannot undo: risk 10's assessment of 2022-03-31 was deleted after this edit"));
    CHECK(state(db) == before);
  }
  SECTION("an edit of two rows, one changed since: the other is not reverted either") {
    const EditResult r =
        set_action_status(db, {.item_id = 60, .status = "complete", .update_text = "Done.", .as_of = "2022-09-30"});
    db.exec("UPDATE action_items SET rag = 'green' WHERE id = 60");
    const std::string before = state(db);
    // Undo reverts the inserted update first, then finds the item changed.
    CHECK_THROWS_WITH(undo_last_edit(db), Catch::Contains("cannot undo: action VAWG 1 was changed after this edit"));
    CHECK(state(db) == before);
    CHECK(number(db, "SELECT count(*) FROM action_updates WHERE item_id = 60 AND as_of = '2022-09-30'") == 1);
    CHECK(number(db, "SELECT count(*) FROM edits WHERE undone_by IS NOT NULL") == 0);
    (void)r;
  }
}

TEST_CASE("undo with nothing to undo returns nothing and writes nothing", "[edits]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::string before = state(db);
  CHECK_FALSE(undo_last_edit(db));
  CHECK_FALSE(next_undo(db));
  CHECK(recent_edits(db, 10).empty());
  CHECK(state(db) == before);
}

TEST_CASE("edits need a writable database at schema version 4", "[edits]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  {
    Db ro = open_governance_db(path, OpenMode::ReadOnly);
    CHECK_THROWS_WITH(record_assessment(ro, risk10("H", "H")), Catch::Contains("is open read-only"));
    CHECK_THROWS_WITH(undo_last_edit(ro), Catch::Contains("is open read-only"));
    CHECK(recent_edits(ro, 5).empty());
  }
  Db old = Db::open_memory();
  for (int i = 0; i < 3; ++i) old.exec(migrations()[static_cast<std::size_t>(i)].sql);
  old.exec("PRAGMA user_version = 3");
  CHECK_THROWS_WITH(record_assessment(old, risk10("H", "H")),
                    Catch::Contains("its schema version is 3 and edits need version 4"));
  CHECK(recent_edits(old, 5).empty());
}

TEST_CASE("an edit survives closing and reopening the database", "[edits]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  EditResult r;
  {
    Db db = open_rw(path);
    r = record_assessment(db, risk10("L", "VH", "2022-03-31"));
  }
  Db db = open_rw(path);
  CHECK(text(db, "SELECT likelihood || ' v ' || impact FROM risk_register WHERE ref = 10") == "L v VH");
  CHECK(text(db, "SELECT action FROM audit_log WHERE id = " + std::to_string(r.audit_id)) == "insert");
  REQUIRE(recent_edits(db, 1).size() == 1);
  CHECK(recent_edits(db, 1)[0].description == r.description);
  // ... and can still be undone after the restart.
  REQUIRE(undo_last_edit(db));
  CHECK(text(db, "SELECT as_of FROM risk_register WHERE ref = 10") == "2021-12-31");
}

TEST_CASE("a confirmed edit survives the process being killed right after it returns", "[edits]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // The child: no Catch2 from here on, and no way out but a signal or _exit.
    try {
      Db db = open_rw(path);
      record_assessment(db, risk10("H", "VH"));
      // Killed with the connection still open: no clean close, no
      // checkpoint. The edit is only in the WAL.
      raise(SIGKILL);
    } catch (...) {
    }
    _exit(2);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);
  auto wal = path;
  wal += "-wal";
  CHECK(std::filesystem::file_size(wal) > 0);

  Db db = open_rw(path);
  CHECK(integrity(db) == "ok");
  CHECK(text(db, "SELECT likelihood FROM risk_assessments WHERE id = 10") == "H");
  const auto recent = recent_edits(db, 5);
  REQUIRE(recent.size() == 1);
  CHECK(recent[0].description == "risk 10 LEGITIMACY: likelihood VH -> H (2021-12-31)");
  const auto changes = edit_changes(db, recent[0].id);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].action == "update");
  REQUIRE(changes[0].after);
  CHECK(changes[0].after->find("\"likelihood\":\"H\"") != std::string::npos);
}

TEST_CASE("every edit confirmed before a kill is kept, and none is half-written", "[edits]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // The child edits as fast as it can, reporting each edit once the call
    // has returned, until the parent kills it at some arbitrary point
    // (mid-transaction, mid-checkpoint, between edits).
    close(fds[0]);
    try {
      Db db = open_rw(path);
      for (int i = 0; i < 100000; ++i) {
        AssessmentEdit e = risk10(i % 2 ? "M" : "H", "VH");
        e.commentary = "edit " + std::to_string(i);
        const std::int64_t id = record_assessment(db, e).edit_id;
        if (write(fds[1], &id, sizeof id) != static_cast<ssize_t>(sizeof id)) _exit(3);
      }
    } catch (...) {
    }
    _exit(2);
  }
  close(fds[1]);
  std::vector<std::int64_t> confirmed;
  std::int64_t id = 0;
  while (confirmed.size() < 40 && read(fds[0], &id, sizeof id) == static_cast<ssize_t>(sizeof id))
    confirmed.push_back(id);
  kill(pid, SIGKILL);
  while (read(fds[0], &id, sizeof id) == static_cast<ssize_t>(sizeof id)) confirmed.push_back(id);
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(confirmed.size() >= 40);

  Db db = open_rw(path);
  CHECK(integrity(db) == "ok");
  CHECK(text(db, "PRAGMA foreign_key_check").empty());
  const std::int64_t last = number(db, "SELECT max(id) FROM edits");
  CHECK(last >= confirmed.back());  // at most one more committed, not yet reported
  for (std::int64_t e : confirmed) CHECK(number(db, "SELECT count(*) FROM edits WHERE id = " + std::to_string(e)) == 1);
  // Every edit has its audit row, and the row is as the last edit left it.
  CHECK(
      number(db, "SELECT count(*) FROM edits e WHERE (SELECT count(*) FROM audit_log a WHERE a.edit_id = e.id) <> 1") ==
      0);
  CHECK(text(db, "SELECT after FROM audit_log WHERE edit_id = " + std::to_string(last)) ==
        text(db,
             "SELECT json_object('id', id, 'risk_id', risk_id, 'as_of', as_of, 'period', period, 'likelihood', "
             "likelihood, 'impact', impact, 'trend', trend, 'progress', progress, 'rag', rag, 'commentary', "
             "commentary, 'source_id', source_id) FROM risk_assessments WHERE id = 10"));
  // ... and can be undone straight away.
  REQUIRE(undo_last_edit(db));
}
