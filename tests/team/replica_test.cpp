// Team replicas on their own (data/replica.hpp): what a write records, and
// taking in another replica's changes, with the changes handed over in
// order as the hub would (the hub itself is tested in hub_test.cpp, sync
// end to end in sync_test.cpp).
#include "data/replica.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "data/csv_import.hpp"
#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/schema_check.hpp"
#include "data/schema_inspect.hpp"
#include "data/sessions.hpp"
#include "support.hpp"
#include "team_fixture.hpp"

using namespace gb;

namespace {

data::Db open_rw(const std::filesystem::path& p) {
  return data::open_governance_db(p, data::OpenMode::ReadWrite);
}

// A replica of a fresh copy of the demo database.
std::filesystem::path replica(const gbtest::TempDir& dir, const std::string& name, std::int64_t no) {
  const auto p = gbtest::demo_copy(dir, name + ".db");
  data::Db db = open_rw(p);
  data::make_replica(db, {.hub = "postgresql:///team",
                          .team_id = "t1",
                          .member = name,
                          .display = name,
                          .replica = no,
                          .key_file = "/nonexistent",
                          .head = 0});
  return p;
}

// A little log standing in for the order the hub gives changes.
struct Log {
  std::vector<data::PulledChange> changes;
  std::int64_t head() const { return changes.empty() ? 0 : changes.back().seq; }
  // Pulls what `p` lacks, then appends its pending changes.
  data::Integrated sync(const std::filesystem::path& p, const std::string& who) {
    data::Db db = open_rw(p);
    const auto info = data::replica_info(db);
    std::vector<data::PulledChange> missing;
    for (const auto& c : changes)
      if (c.seq > info->head) missing.push_back(c);
    const data::Integrated in = data::integrate(db, missing);
    const auto pending = data::pending_changes(db);
    const std::int64_t parent = head();
    for (const auto& c : pending)
      changes.push_back({.seq = head() + 1,
                         .parent = head(),
                         .uuid = c.uuid,
                         .author = who,
                         .replica = 0,
                         .created_at = c.created_at,
                         .pushed_at = "now",
                         .summary = c.summary,
                         .kind = c.kind,
                         .payload = c.payload});
    if (!pending.empty()) data::mark_pushed(db, pending, parent + 1, parent, "now");
    return in;
  }
};

std::string fingerprint(const std::filesystem::path& p) {
  data::Db db = open_rw(p);
  return data::replica_fingerprint(db);
}

}  // namespace

TEST_CASE("a write on a replica is recorded as one pending change with its summary", "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  data::Db db = open_rw(a);
  CHECK(data::pending_changes(db).empty());
  const auto r = data::record_assessment(db, {.risk_id = 10, .as_of = "2022-03-31", .likelihood = "H", .impact = "H"});
  const auto pending = data::pending_changes(db);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].summary == r.description);
  CHECK(pending[0].author == "alice");
  CHECK(pending[0].kind == "changeset");
  const auto tables = data::changeset_tables(pending[0].payload);
  CHECK(std::find(tables.begin(), tables.end(), "risk_assessments") != tables.end());
  CHECK(std::find(tables.begin(), tables.end(), "edits") != tables.end());
  CHECK(std::find(tables.begin(), tables.end(), "audit_log") != tables.end());
  // The new rows take ids in replica 1's block.
  CHECK(gbtest::number(db, "SELECT max(id) FROM risk_assessments") > data::Db::kIdBlock);
  CHECK(gbtest::number(db, "SELECT max(id) FROM edits") > data::Db::kIdBlock);
}

TEST_CASE("a rolled back write leaves no pending change", "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  data::Db db = open_rw(a);
  CHECK_THROWS(
      data::record_assessment(db, {.risk_id = 999999, .as_of = "2022-03-31", .likelihood = "H", .impact = "H"}));
  CHECK(data::pending_changes(db).empty());
}

TEST_CASE("a database that is not a replica records nothing and keeps SQLite's ids", "[replica]") {
  gbtest::TempDir dir;
  const auto p = gbtest::demo_copy(dir);
  data::Db db = open_rw(p);
  const auto before = gbtest::number(db, "SELECT max(id) FROM risk_assessments");
  data::record_assessment(db, {.risk_id = 10, .as_of = "2022-03-31", .likelihood = "H", .impact = "H"});
  CHECK(gbtest::number(db, "SELECT max(id) FROM risk_assessments") == before + 1);
  CHECK_FALSE(db.table_exists("team_pending"));
}

TEST_CASE("two replicas editing different risks converge", "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  const auto b = replica(dir, "bob", 2);
  {
    data::Db db = open_rw(a);
    data::record_assessment(db, {.risk_id = 10, .as_of = "2022-03-31", .likelihood = "H", .impact = "H"});
    data::set_control_progress(db, {.control_id = 1, .period = "2022-Q1", .progress = "slipped"});
  }
  {
    data::Db db = open_rw(b);
    data::record_assessment(db, {.risk_id = 11, .as_of = "2022-03-31", .likelihood = "L", .impact = "M"});
  }
  Log hub;
  hub.sync(a, "alice");
  const auto in_b = hub.sync(b, "bob");
  CHECK(in_b.applied == 2);
  CHECK(in_b.new_conflicts == 0);
  hub.sync(a, "alice");
  CHECK(hub.changes.size() == 3);
  CHECK(fingerprint(a) == fingerprint(b));
  data::Db db = open_rw(a);
  CHECK(gbtest::number(db, "SELECT count(*) FROM risk_assessments WHERE as_of = '2022-03-31'") == 2);
  CHECK(data::pending_changes(db).empty());
}

TEST_CASE("the same control's progress set differently on two replicas is one conflict that loses neither value",
          "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  const auto b = replica(dir, "bob", 2);
  {
    data::Db db = open_rw(a);
    data::set_control_progress(db, {.control_id = 1, .period = "2022-Q1", .progress = "slipped"});
  }
  {
    data::Db db = open_rw(b);
    data::set_control_progress(db, {.control_id = 1, .period = "2022-Q1", .progress = "limited"});
  }
  Log hub;
  hub.sync(a, "alice");
  const auto in_b = hub.sync(b, "bob");
  CHECK(in_b.new_conflicts == 1);
  data::Db db = open_rw(b);
  auto open = data::conflicts(db, true);
  REQUIRE(open.size() == 1);
  CHECK(open[0].table == "control_progress");
  CHECK(open[0].theirs_by == "alice");
  CHECK(open[0].mine_by == "bob");
  bool saw = false;
  for (const auto& c : open[0].columns)
    if (c.name == "progress") {
      saw = true;
      CHECK(c.clash);
      CHECK(c.mine == data::Value{std::string("limited")});
      CHECK(c.theirs == data::Value{std::string("slipped")});
    }
  CHECK(saw);
  // Until resolved, the replica shows the hub's value.
  CHECK(gbtest::text(db, "SELECT progress FROM control_progress WHERE control_id = 1 AND period = '2022-Q1'") ==
        "slipped");
  const std::string said = data::resolve_conflict(db, open[0].id, "mine");
  CHECK(said.find("limited") != std::string::npos);
  CHECK(said.find("slipped") != std::string::npos);
  CHECK(gbtest::text(db, "SELECT progress FROM control_progress WHERE control_id = 1 AND period = '2022-Q1'") ==
        "limited");
  CHECK(data::conflicts(db, true).empty());
  CHECK_THROWS_WITH(data::resolve_conflict(db, open[0].id, "theirs"), Catch::Contains("was resolved"));
  db = data::Db::open_memory();
  hub.sync(b, "bob");
  hub.sync(a, "alice");
  CHECK(fingerprint(a) == fingerprint(b));
  data::Db da = open_rw(a);
  CHECK(gbtest::text(da, "SELECT progress FROM control_progress WHERE control_id = 1 AND period = '2022-Q1'") ==
        "limited");
}

TEST_CASE("keeping theirs keeps their value and records the choice as a change", "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  const auto b = replica(dir, "bob", 2);
  // A row both replicas hold already: both change it (an update each).
  std::int64_t control = 0;
  std::string period;
  {
    data::Db db = open_rw(a);
    control = gbtest::number(db, "SELECT control_id FROM control_progress WHERE progress = 'on_track' ORDER BY id");
    period = gbtest::text(db, "SELECT period FROM control_progress WHERE progress = 'on_track' ORDER BY id");
  }
  for (const auto& [p, v] : {std::pair{a, "slipped"}, std::pair{b, "limited"}}) {
    data::Db db = open_rw(p);
    data::set_control_progress(db, {.control_id = control, .period = period, .progress = v});
  }
  Log hub;
  hub.sync(a, "alice");
  hub.sync(b, "bob");
  {
    data::Db db = open_rw(b);
    const auto open = data::conflicts(db, true);
    REQUIRE(open.size() == 1);
    data::resolve_conflict(db, open[0].id, "theirs");
    CHECK(gbtest::text(db, "SELECT description FROM edits WHERE kind = 'conflict'").find("slipped") !=
          std::string::npos);
    CHECK(data::pending_changes(db).size() >= 1);
  }
  hub.sync(b, "bob");
  hub.sync(a, "alice");
  CHECK(fingerprint(a) == fingerprint(b));
}

TEST_CASE("undo on a replica takes back this replica's own edit and not a colleague's", "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  const auto b = replica(dir, "bob", 2);
  {
    data::Db db = open_rw(a);
    data::record_assessment(db, {.risk_id = 10, .as_of = "2022-03-31", .likelihood = "H", .impact = "H"});
  }
  {
    data::Db db = open_rw(b);
    data::record_assessment(db, {.risk_id = 11, .as_of = "2022-03-31", .likelihood = "L", .impact = "L"});
  }
  Log hub;
  hub.sync(b, "bob");
  hub.sync(a, "alice");  // alice now holds bob's edit too, with higher ids
  data::Db db = open_rw(a);
  const auto u = data::undo_last_edit(db);
  REQUIRE(u);
  CHECK(u->description.find("risk 10") != std::string::npos);
  CHECK(gbtest::number(db, "SELECT count(*) FROM risk_assessments WHERE risk_id = 11 AND as_of = '2022-03-31'") == 1);
}

TEST_CASE("a change that writes a table outside the team's set is refused and nothing is applied", "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  const auto b = replica(dir, "bob", 2);
  std::string payload;
  {
    data::Db db = open_rw(a);
    data::record_assessment(db, {.risk_id = 10, .as_of = "2022-03-31", .likelihood = "H", .impact = "H"});
    payload = data::pending_changes(db)[0].payload;
  }
  // The same bytes with the table renamed to one of the replica's own.
  data::Db db = open_rw(b);
  payload = gbtest::with_table_renamed(payload, "risk_assessments", "team_replica____",
                                       db.column_names("risk_assessments").size());
  REQUIRE_FALSE(payload.empty());
  const std::string before = data::replica_fingerprint(db);
  data::PulledChange c{
      .seq = 1, .parent = 0, .uuid = "u", .author = "mallory", .summary = "x", .kind = "changeset", .payload = payload};
  CHECK_THROWS_WITH(data::integrate(db, {c}),
                    Catch::Contains("not one of the team's tables") && Catch::Contains("mallory"));
  CHECK(data::replica_fingerprint(db) == before);
  CHECK(data::replica_info(db)->head == 0);
}

TEST_CASE("imports and drops on a replica travel as whole-table changes and replay exactly", "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  const auto b = replica(dir, "bob", 2);
  Log hub;
  {
    data::Db db = open_rw(a);
    data::ImportOptions o;
    o.table = "boroughs";
    data::import_csv_bytes(db, "boroughs.csv", "name,people\nCamden,210000\nHackney,259000\n", o);
    const auto pending = data::pending_changes(db);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].kind == "table");
    CHECK(pending[0].summary.find("boroughs") != std::string::npos);
    o.mode = data::ImportMode::Append;
    data::import_csv_bytes(db, "more.csv", "name,people\nBrent,339000\n", o);
  }
  hub.sync(a, "alice");
  hub.sync(b, "bob");
  CHECK(fingerprint(a) == fingerprint(b));
  {
    data::Db db = open_rw(b);
    CHECK(gbtest::number(db, "SELECT sum(people) FROM boroughs") == 808000);
    CHECK(gbtest::number(db, "SELECT count(*) FROM imports WHERE tbl = 'boroughs'") == 2);
  }
  // Both change the same table offline: one conflict, and either choice
  // converges.
  {
    data::Db db = open_rw(a);
    data::ImportOptions o;
    o.table = "boroughs";
    o.mode = data::ImportMode::Replace;
    data::import_csv_bytes(db, "v2.csv", "name,people\nCamden,1\n", o);
  }
  {
    data::Db db = open_rw(b);
    data::ImportOptions o;
    o.table = "boroughs";
    o.mode = data::ImportMode::Append;
    data::import_csv_bytes(db, "v3.csv", "name,people\nEaling,367000\n", o);
  }
  hub.sync(a, "alice");
  const auto in_b = hub.sync(b, "bob");
  CHECK(in_b.new_conflicts == 1);
  {
    data::Db db = open_rw(b);
    CHECK(gbtest::number(db, "SELECT sum(people) FROM boroughs") == 1);  // theirs, until resolved
    const auto open = data::conflicts(db, true);
    REQUIRE(open.size() == 1);
    CHECK(open[0].op == "table");
    CHECK(open[0].theirs_by == "alice");
    data::resolve_conflict(db, open[0].id, "mine");
    CHECK(gbtest::number(db, "SELECT sum(people) FROM boroughs") == 367001);
  }
  hub.sync(b, "bob");
  hub.sync(a, "alice");
  CHECK(fingerprint(a) == fingerprint(b));
  {
    data::Db db = open_rw(a);
    data::drop_object(db, "boroughs");
  }
  hub.sync(a, "alice");
  hub.sync(b, "bob");
  data::Db db = open_rw(b);
  CHECK_FALSE(db.table_exists("boroughs"));
  CHECK(fingerprint(a) == data::replica_fingerprint(db));
}

TEST_CASE("a replica's own tables are not reported as schema the migrations did not make", "[replica]") {
  gbtest::TempDir dir;
  const auto a = replica(dir, "alice", 1);
  data::Db db = open_rw(a);
  CHECK(data::inspect_schema(db).empty());
  // A team_ table someone else made still is.
  db.exec("CREATE TABLE team_extra (x)");
  const auto found = data::inspect_schema(db);
  REQUIRE(found.size() == 1);
  CHECK(found[0].name == "team_extra");
}
