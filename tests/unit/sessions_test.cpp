// Review sessions (data/sessions.hpp, engine/sessions.hpp): agenda editing,
// records, session actions through the edit path, snapshots and minutes,
// and durability of notes across a killed process.
#include "data/sessions.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

#include "core/json.hpp"
#include "data/audit_log.hpp"
#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/settings.hpp"
#include "engine/sessions.hpp"
#include "export/html.hpp"
#include "export/markdown.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

namespace {

using gbtest::number;
using gbtest::text;

Db open_rw(const std::filesystem::path& p) {
  return open_governance_db(p, OpenMode::ReadWrite);
}

std::int64_t new_session(Db& db) {
  return create_session(db, {.title = "Joint Audit Panel",
                             .board = "Audit Panel",
                             .held_on = "2022-01-17",
                             .attendees = {"Chair", "Head of DARA"}});
}

std::vector<std::string> views_of(Db& db, std::int64_t s) {
  std::vector<std::string> out;
  for (const auto& it : agenda(db, s)) out.push_back(it.view_id);
  return out;
}

// A small resolved view, as build_view would return it.
std::string view_json(const std::string& title, const std::string& cell) {
  Tree v = Tree::object();
  v.set("type", "view");
  v.set("id", "test.view");
  v.set("title", title);
  Tree table = Tree::object();
  table.set("type", "table");
  Tree cols = Tree::array();
  Tree c = Tree::object();
  c.set("key", "risk");
  c.set("label", "Risk");
  cols.push(c);
  table.set("columns", cols);
  Tree rows = Tree::array();
  Tree r = Tree::object();
  r.set("risk", cell);
  rows.push(r);
  table.set("rows", rows);
  Tree kids = Tree::array();
  kids.push(table);
  v.set("children", kids);
  v.set("errors", Tree::array());
  return v.to_json();
}

}  // namespace

TEST_CASE("the schema has the session tables from version 5 on", "[sessions]") {
  CHECK(latest_schema_version() >= 5);
  Db db = Db::open_memory();
  migrate(db);
  for (const char* t : {"sessions", "agenda_items", "session_records", "agenda_snapshots"}) CHECK(db.table_exists(t));
}

TEST_CASE("a session keeps its title, board, date and attendees", "[sessions]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::int64_t id = new_session(db);
  const Session s = get_session(db, id);
  CHECK(s.title == "Joint Audit Panel");
  CHECK(s.board == "Audit Panel");
  CHECK(s.held_on == "2022-01-17");
  CHECK(s.attendees == std::vector<std::string>{"Chair", "Head of DARA"});
  CHECK(s.started_at.empty());
  REQUIRE(list_sessions(db).size() == 1);
  update_session(
      db, id, {.title = "Audit Panel (reconvened)", .board = "Audit Panel", .held_on = "2022-01-18", .attendees = {}});
  CHECK(get_session(db, id).title == "Audit Panel (reconvened)");
  CHECK(get_session(db, id).attendees.empty());
}

TEST_CASE("bad session fields are refused with the field named and nothing stored", "[sessions]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  CHECK_THROWS_WITH(create_session(db, {.title = " ", .board = "", .held_on = "2022-01-17", .attendees = {}}),
                    "title must not be empty");
  CHECK_THROWS_WITH(create_session(db, {.title = "x", .board = "", .held_on = "2022-02-30", .attendees = {}}),
                    Catch::Contains("date must be a real date written YYYY-MM-DD (got '2022-02-30')"));
  CHECK_THROWS_WITH(create_session(db, {.title = "x\xff", .board = "", .held_on = "2022-01-17", .attendees = {}}),
                    "title is not valid UTF-8 text");
  CHECK_THROWS_WITH(get_session(db, 42), Catch::Contains("there is no session 42"));
  CHECK(number(db, "SELECT count(*) FROM sessions") == 0);
}

TEST_CASE("agenda items are added, inserted, moved and removed in order", "[sessions]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::int64_t s = new_session(db);
  add_agenda_item(db, s, {.view_id = "a", .params = {{"term", "long"}}, .note = "first", .position = 0});
  add_agenda_item(db, s, {.view_id = "b", .params = {}, .note = "", .position = 0});
  add_agenda_item(db, s, {.view_id = "c", .params = {}, .note = "", .position = 1});
  CHECK(views_of(db, s) == std::vector<std::string>{"c", "a", "b"});
  CHECK(agenda_item_at(db, s, 2).params == Params{{"term", "long"}});
  CHECK(agenda_item_at(db, s, 2).note == "first");
  move_agenda_item(db, s, 1, 3);
  CHECK(views_of(db, s) == std::vector<std::string>{"a", "b", "c"});
  remove_agenda_item(db, s, 2);
  CHECK(views_of(db, s) == std::vector<std::string>{"a", "c"});
  CHECK(agenda_item_at(db, s, 2).position == 2);
  CHECK_THROWS_WITH(move_agenda_item(db, s, 1, 5), "session 1 has no agenda item 5 (its agenda has 2 items)");
  CHECK_THROWS_WITH(add_agenda_item(db, s, {.view_id = "d", .params = {}, .note = "", .position = 4}),
                    Catch::Contains("has no agenda item 4"));
  CHECK(views_of(db, s) == std::vector<std::string>{"a", "c"});
}

TEST_CASE("an agenda item with records cannot be removed", "[sessions]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::int64_t s = new_session(db);
  const std::int64_t item = add_agenda_item(db, s, {.view_id = "a", .params = {}, .note = "", .position = 0});
  add_record(db, item, RecordKind::Note, "keep me");
  CHECK_THROWS_WITH(remove_agenda_item(db, s, 1), Catch::Contains("has 1 record against it; it was not removed"));
  CHECK(item_records(db, item).size() == 1);
}

TEST_CASE("notes and decisions are recorded, edited and deleted", "[sessions]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::int64_t s = new_session(db);
  const std::int64_t item = add_agenda_item(db, s, {.view_id = "a", .params = {}, .note = "", .position = 0});
  const std::int64_t n = add_record(db, item, RecordKind::Note, "The panel asked");
  add_record(db, item, RecordKind::Decision, "Risk 10 stays at VH v VH");
  set_record_text(db, n, "The panel asked about vetting");
  const auto recs = session_records(db, s);
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].kind == RecordKind::Note);
  CHECK(recs[0].text == "The panel asked about vetting");
  CHECK(recs[0].who == current_user());
  CHECK(recs[1].kind == RecordKind::Decision);
  delete_record(db, n);
  CHECK(item_records(db, item).size() == 1);
  CHECK_THROWS_WITH(set_record_text(db, 999, "x"), "there is no session record 999");
}

TEST_CASE("a session action goes into the actions table, shows on the risk and is undone as an edit", "[sessions]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::int64_t s = new_session(db);
  const std::int64_t item = add_agenda_item(db, s, {.view_id = "a", .params = {}, .note = "", .position = 0});
  const std::int64_t audit_before = number(db, "SELECT count(*) FROM audit_log");
  const EditResult r = record_session_action(db, {.agenda_item_id = item,
                                                  .title = "Report on the vetting backlog",
                                                  .owner = "DAC Professionalism",
                                                  .due = "2022-03-31",
                                                  .risk_refs = {10}});
  REQUIRE(r.changed());
  CHECK(r.description ==
        "action REVIEW 1 \"Report on the vetting backlog\" (DAC Professionalism, due 2022-03-31) agreed at session 1 "
        "item 1");
  // In the register's linked actions of risk 10 (the query register_model uses).
  CHECK(text(db,
             "SELECT ai.title FROM action_item_risks x JOIN action_items ai ON ai.id = x.item_id "
             "JOIN action_plans ap ON ap.id = ai.plan_id JOIN risks k ON k.id = x.risk_id "
             "WHERE k.ref = 10 AND ap.code = 'REVIEW'") == "Report on the vetting backlog");
  const auto recs = session_records(db, s);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].kind == RecordKind::Action);
  CHECK(recs[0].owner == "DAC Professionalism");
  CHECK(recs[0].due == "2022-03-31");
  CHECK(recs[0].action_ref == "REVIEW 1");
  CHECK(recs[0].risks == "10");
  // Audited: the edit's rows, plus the REVIEW plan (and manual source) made on first use.
  CHECK(number(db, "SELECT count(*) FROM audit_log WHERE edit_id = " + std::to_string(r.edit_id)) == 3);
  CHECK(number(db, "SELECT count(*) FROM audit_log") > audit_before + 3);

  const auto u = undo_last_edit(db);
  REQUIRE(u);
  CHECK(u->undone_edit_id == r.edit_id);
  CHECK(session_records(db, s).empty());
  CHECK(number(db, "SELECT count(*) FROM action_items WHERE title = 'Report on the vetting backlog'") == 0);
  CHECK(number(db, "SELECT count(*) FROM action_plans WHERE code = 'REVIEW'") == 1);
  CHECK(text(db, "PRAGMA foreign_key_check").empty());
}

TEST_CASE("a session action with bad fields is refused and nothing is written", "[sessions]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::int64_t s = new_session(db);
  const std::int64_t item = add_agenda_item(db, s, {.view_id = "a", .params = {}, .note = "", .position = 0});
  const std::int64_t actions = number(db, "SELECT count(*) FROM action_items");
  CHECK_THROWS_WITH(
      record_session_action(db, {.agenda_item_id = item, .title = "x", .owner = "", .due = "", .risk_refs = {}}),
      Catch::Contains("needs an owner"));
  CHECK_THROWS_WITH(record_session_action(
                        db, {.agenda_item_id = item, .title = "x", .owner = "o", .due = "31/03/2022", .risk_refs = {}}),
                    Catch::Contains("due must be a real date"));
  CHECK_THROWS_WITH(
      record_session_action(db, {.agenda_item_id = item, .title = "x", .owner = "o", .due = "", .risk_refs = {99}}),
      "there is no risk 99 in the register");
  CHECK_THROWS_WITH(
      record_session_action(db, {.agenda_item_id = 77, .title = "x", .owner = "o", .due = "", .risk_refs = {}}),
      "there is no agenda item with id 77");
  CHECK(number(db, "SELECT count(*) FROM action_items") == actions);
  CHECK(number(db, "SELECT count(*) FROM action_plans WHERE code = 'REVIEW'") == 0);
  CHECK(session_records(db, s).empty());
}

TEST_CASE("session notes do not change the data fingerprint, a session action does", "[sessions]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::string before = content_fingerprint(db);
  const std::int64_t s = new_session(db);
  const std::int64_t item = add_agenda_item(db, s, {.view_id = "a", .params = {}, .note = "", .position = 0});
  add_record(db, item, RecordKind::Note, "typed in the meeting");
  save_snapshot(db, item, before, view_json("V", "x"));
  CHECK(content_fingerprint(db) == before);
  record_session_action(db, {.agenda_item_id = item, .title = "t", .owner = "o", .due = "", .risk_refs = {}});
  CHECK(content_fingerprint(db) != before);
}

TEST_CASE("JSON read back into a Tree is the tree that was written", "[sessions][json]") {
  const std::string json = view_json("Title \"quoted\" \u00e9 \xF0\x9F\x98\x80", "line\nbreak\ttab");
  const Tree t = parse_json(json);
  CHECK(t.to_json() == json);
  CHECK(parse_json(" [1, -2.5e3, true, null, \"\\u00e9\\ud83d\\ude00\"] ").to_json() ==
        "[1,-2500,true,null,\"\u00e9\xF0\x9F\x98\x80\"]");
  CHECK_THROWS_WITH(parse_json("{\"a\": }"), Catch::Contains("JSON at byte 6"));
  CHECK_THROWS_WITH(parse_json("[1,]"), Catch::Contains("unexpected character ']'"));
  CHECK_THROWS_WITH(parse_json("{\"a\":1,\"a\":2}"), Catch::Contains("duplicate key"));
  CHECK_THROWS_WITH(parse_json("\"\\ud800\""), Catch::Contains("surrogate"));
  CHECK_THROWS_WITH(parse_json("1e999"), Catch::Contains("out of range"));
  CHECK_THROWS_WITH(parse_json("[1] x"), Catch::Contains("unexpected text after"));
  CHECK_THROWS_WITH(parse_json(std::string(300, '[')), Catch::Contains("nested more than 256"));
  CHECK_THROWS_WITH(parse_json("\"\xff\""), Catch::Contains("not valid UTF-8"));
}

TEST_CASE("minutes show each item as presented, even after the data changes", "[sessions][minutes]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::int64_t s = new_session(db);
  const std::int64_t a = add_agenda_item(
      db, s, {.view_id = "test.view", .params = {{"term", "long"}}, .note = "Long-term risks", .position = 0});
  add_agenda_item(db, s, {.view_id = "other.view", .params = {}, .note = "", .position = 0});
  mark_session_started(db, s, "fp-start", "[{\"name\":\"met-risk\",\"version\":\"1.2.0\"}]");
  save_snapshot(db, a, "fp-item", view_json("Corporate risks", "LEGITIMACY at VH v VH"));
  add_record(db, a, RecordKind::Note, "Asked about *vetting*");
  add_record(db, a, RecordKind::Decision, "Accept the register");
  record_session_action(
      db, {.agenda_item_id = a, .title = "Report back", .owner = "DAC", .due = "2022-03-31", .risk_refs = {10}});

  const Tree m = engine::minutes_tree(db, s, "demo.db");
  const std::string md = exporter::render_markdown(m);
  CHECK_THAT(md, Catch::Contains("# Minutes: Joint Audit Panel"));
  CHECK_THAT(md, Catch::Contains("- Chair\n- Head of DARA"));
  CHECK_THAT(md, Catch::Contains("## 1. Corporate risks"));
  CHECK_THAT(md, Catch::Contains("| LEGITIMACY at VH v VH |"));
  CHECK_THAT(md, Catch::Contains("Agenda note:* Long-term risks"));
  CHECK_THAT(md, Catch::Contains("- Asked about \u2217vetting\u2217"));
  CHECK_THAT(md, Catch::Contains("- Accept the register"));
  CHECK_THAT(md, Catch::Contains("| REVIEW 1 | Report back | DAC | 2022-03-31 | 10 |"));
  CHECK_THAT(md, Catch::Contains("## 2. other.view"));
  CHECK_THAT(md, Catch::Contains("Not presented"));
  CHECK_THAT(md, Catch::Contains("## Scenarios discussed\n\nNone."));
  CHECK_THAT(md, Catch::Contains("met-risk 1.2.0"));
  CHECK(view_error_count(m) == 0);
  const std::string html = exporter::render_html(m);
  CHECK_THAT(html, Catch::Contains("LEGITIMACY at VH v VH"));
  CHECK_THAT(html, Catch::Contains("Accept the register"));
  CHECK_THAT(html, Catch::Contains("DAC"));

  // The data changes after the meeting: the minutes still show what was presented.
  record_assessment(db, {.risk_id = 10, .as_of = "2021-12-31", .likelihood = "H", .impact = "VH"});
  CHECK_THAT(exporter::render_markdown(engine::minutes_tree(db, s, "demo.db")),
             Catch::Contains("| LEGITIMACY at VH v VH |"));
}

TEST_CASE("a snapshot that cannot be read is an error in the minutes, not a crash", "[sessions][minutes]") {
  gbtest::TempDir dir;
  Db db = open_rw(gbtest::demo_copy(dir));
  const std::int64_t s = new_session(db);
  const std::int64_t a = add_agenda_item(db, s, {.view_id = "v", .params = {}, .note = "", .position = 0});
  save_snapshot(db, a, "fp", "[1, 2]");  // valid JSON, not a view
  const Tree m = engine::minutes_tree(db, s, "demo.db");
  CHECK(view_error_count(m) == 1);
  CHECK_THAT(exporter::render_markdown(m), Catch::Contains("cannot be read (the snapshot is not a JSON object)"));
}

TEST_CASE("killing the program while notes are recorded loses no acknowledged note", "[sessions][durability]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  std::int64_t item = 0;
  {
    Db db = open_rw(path);
    const std::int64_t s = new_session(db);
    item = add_agenda_item(db, s, {.view_id = "a", .params = {}, .note = "", .position = 0});
  }
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // The child is the real program, recording notes as fast as it can
    // and acknowledging each on stdout once it is committed.
    close(fds[0]);
    dup2(fds[1], 1);
    const int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, 2);
    const std::string p = path.string();
    execl(GOVBENCH_BINARY, GOVBENCH_BINARY, "session", "record", "loop", "1", "1", "--db", p.c_str(), "--count",
          "10000000", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* in = fdopen(fds[0], "r");
  REQUIRE(in);
  using Clock = std::chrono::steady_clock;
  std::vector<std::pair<int, Clock::time_point>> acks;
  char line[64];
  // Let it run: at least 50 notes and more than a second, then kill it
  // wherever it happens to be (mid-transaction, mid-checkpoint, between notes).
  // Counted from the first acknowledgement, not from the start: a loaded
  // machine (or a sanitizer build) can take over a second just to start.
  while ((acks.size() < 50 || Clock::now() - acks.front().second < std::chrono::milliseconds(1500)) &&
         std::fgets(line, sizeof line, in)) {
    int n = 0;
    if (std::sscanf(line, "saved %d", &n) == 1) acks.emplace_back(n, Clock::now());
  }
  const auto killed_at = Clock::now();
  kill(pid, SIGKILL);
  while (std::fgets(line, sizeof line, in)) {  // acknowledgements already in the pipe
    int n = 0;
    if (std::sscanf(line, "saved %d", &n) == 1) acks.emplace_back(n, Clock::now());
  }
  std::fclose(in);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);
  REQUIRE(acks.size() >= 50);

  Db db = open_rw(path);
  CHECK(text(db, "PRAGMA integrity_check") == "ok");
  CHECK(text(db, "PRAGMA foreign_key_check").empty());
  std::set<std::string> stored_notes;
  {
    Statement st = db.prepare("SELECT text FROM session_records WHERE item_id = ?");
    st.bind(1, item);
    while (st.step()) stored_notes.insert(st.column_text(0));
  }
  int old_enough = 0, missing = 0;
  for (const auto& [n, at] : acks) {
    if (killed_at - at > std::chrono::seconds(1)) ++old_enough;
    // Every acknowledged note is there, however shortly before the kill.
    if (!stored_notes.count("note " + std::to_string(n))) ++missing;
  }
  CHECK(old_enough > 0);
  CHECK(missing == 0);
  // Nothing half-written: the notes are 1..N with at most one not yet acknowledged.
  const std::int64_t stored = number(db, "SELECT count(*) FROM session_records");
  CHECK(stored >= acks.back().first);
  CHECK(stored <= acks.back().first + 1);
  CHECK(number(db, "SELECT count(DISTINCT text) FROM session_records") == stored);
}
