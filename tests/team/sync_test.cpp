// Team mode end to end against a real PostgreSQL (tests/support/pg_server):
// replicas converging, conflicts, refusals of changes that fail their
// checks, a reader, a week offline, the server stopped mid-push.
#include "team/sync.hpp"

#include <catch2/catch.hpp>
#include <thread>

#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/replica.hpp"
#include "data/sessions.hpp"
#include "support.hpp"
#include "support/pg_server.hpp"
#include "team/hub.hpp"
#include "team/pg.hpp"
#include "team_fixture.hpp"

using namespace gb;
using gbtest::TeamFixture;

TEST_CASE("team: two and then five replicas editing different risks converge", "[team]") {
  TeamFixture t;
  const auto bob = t.join("bob");
  const auto risks = t.risk_ids(5);
  t.assess(t.owner, risks[0], 1);
  t.assess(bob, risks[1], 1);
  t.assess(t.owner, risks[0], 2);
  t.sync(t.owner);
  t.sync(bob);
  t.sync(t.owner);
  CHECK(t.fingerprint(t.owner) == t.fingerprint(bob));
  CHECK(t.head() == 3);

  std::vector<std::filesystem::path> all{t.owner, bob, t.join("carol"), t.join("dave"), t.join("erin")};
  constexpr int kRounds = 8;
  std::vector<std::thread> threads;
  std::vector<std::string> failures(all.size());
  for (std::size_t i = 0; i < all.size(); ++i)
    threads.emplace_back([&, i] {
      try {
        for (int r = 0; r < kRounds; ++r) {
          TeamFixture::assess(all[i], risks[i], 10 + r);
          TeamFixture::sync(all[i]);
        }
      } catch (const std::exception& e) {
        failures[i] = e.what();
      }
    });
  for (auto& th : threads) th.join();
  for (const auto& f : failures) CHECK(f.empty());
  for (int round = 0; round < 2; ++round)
    for (const auto& p : all) t.sync(p);
  const std::string fp = t.fingerprint(t.owner);
  for (const auto& p : all) CHECK(t.fingerprint(p) == fp);
  CHECK(t.head() == 3 + static_cast<std::int64_t>(all.size()) * kRounds);
  data::Db db = t.open(all[4]);
  CHECK(gbtest::number(db, "SELECT count(*) FROM risk_assessments WHERE as_of >= '2030-01-10'") ==
        static_cast<std::int64_t>(all.size()) * kRounds);
  CHECK(data::conflicts(db, true).empty());
}

TEST_CASE("team: the same value set on two replicas is one conflict and the log keeps both values", "[team]") {
  TeamFixture t;
  const auto bob = t.join("bob");
  t.progress(t.owner, 1, "2030-Q1", "slipped");
  t.progress(bob, 1, "2030-Q1", "limited");
  t.sync(t.owner);
  const team::SyncReport r = TeamFixture::sync(bob);
  CHECK(r.new_conflicts == 1);
  CHECK(r.open_conflicts == 1);
  std::int64_t id = 0;
  {
    data::Db db = t.open(bob);
    const auto open = data::conflicts(db, true);
    REQUIRE(open.size() == 1);
    CHECK(open[0].theirs_by == "govbench");
    CHECK(open[0].mine_by == "bob");
    // Only the value both set clashes: the replicas share the source that
    // typed values cite (made before the first snapshot).
    std::vector<std::string> clashing;
    for (const auto& c : open[0].columns)
      if (c.clash) clashing.push_back(c.name);
    CHECK(clashing == std::vector<std::string>{"progress"});
    id = open[0].id;
    CHECK(team::resolve(db, id, "mine").find("limited") != std::string::npos);
  }
  t.sync(bob);
  t.sync(t.owner);
  CHECK(t.fingerprint(t.owner) == t.fingerprint(bob));
  data::Db db = t.open(t.owner);
  CHECK(gbtest::text(db, "SELECT progress FROM control_progress WHERE control_id = 1 AND period = '2030-Q1'") ==
        "limited");
  // Both values, and who set each, are in the team's log.
  bool both = false;
  for (const auto& e : data::team_log(db, 50))
    if (e.summary.find("limited") != std::string::npos && e.summary.find("slipped") != std::string::npos &&
        e.author == "bob")
      both = true;
  CHECK(both);
}

TEST_CASE("team: a change with a bad signature is refused and nothing of it is applied", "[team]") {
  TeamFixture t;
  const auto bob = t.join("bob");
  t.assess(t.owner, t.risk_ids(1)[0], 1);
  t.sync(t.owner);
  {
    auto c = team::pg::Conn::open(t.pg.url());
    c.exec("UPDATE changes SET signature = decode(repeat('00', 64), 'hex') WHERE seq = 1");
  }
  const std::string before = t.fingerprint(bob);
  CHECK_THROWS_WITH(TeamFixture::sync(bob),
                    Catch::Contains("change 1 by govbench") && Catch::Contains("does not carry a valid signature"));
  CHECK(t.fingerprint(bob) == before);
  data::Db db = t.open(bob);
  CHECK(data::replica_info(db)->head == 0);
  CHECK(data::replica_info(db)->last_error.find("valid signature") != std::string::npos);
}

TEST_CASE("team: a change from a non-member is refused", "[team]") {
  TeamFixture t;
  const auto bob = t.join("bob");
  t.assess(t.owner, t.risk_ids(1)[0], 1);
  t.sync(t.owner);
  {
    // A client that does not play by the rules, with the server's own
    // checks switched off: a change in the name of someone who is not a
    // member.
    auto c = team::pg::Conn::open(t.pg.url());
    c.exec("SET session_replication_role = replica");
    c.exec(
        "INSERT INTO changes (seq, parent, uuid, author, replica, created_at, summary, kind, payload, signature) "
        "SELECT 2, 1, gen_random_uuid(), 'mallory', replica, created_at, summary, kind, payload, signature "
        "FROM changes WHERE seq = 1");
  }
  // Change 1 is taken in; change 2 is refused, and sync stops there.
  CHECK_THROWS_WITH(TeamFixture::sync(bob),
                    Catch::Contains("change 2 by mallory") && Catch::Contains("not from a member"));
  data::Db db = t.open(bob);
  CHECK(data::replica_info(db)->head == 1);
  CHECK(data::replica_info(db)->last_error.find("mallory") != std::string::npos);
}

TEST_CASE("team: a signed change that writes outside the team's tables is refused", "[team]") {
  TeamFixture t;
  const auto bob = t.join("bob");
  t.assess(t.owner, t.risk_ids(1)[0], 1);
  data::LocalChange mine;
  std::string team_id;
  {
    data::Db db = t.open(t.owner);
    mine = data::pending_changes(db).at(0);
    team_id = data::replica_info(db)->team_id;
  }
  // The owner's own change, its table renamed to one of the replica's own
  // bookkeeping tables, properly signed and pushed.
  const std::string payload = gbtest::with_table_renamed(mine.payload, "risk_assessments", "team_replica____",
                                                         t.open(t.owner).column_names("risk_assessments").size());
  REQUIRE_FALSE(payload.empty());
  const team::SigningKey key = team::read_key(t.dir / "govbench.key");
  team::Hub hub = team::Hub::connect(t.pg.url());
  hub.append(0, {{.uuid = "0b6f7a8e-1111-4222-8333-944455556666",
                  .replica = 1,
                  .created_at = mine.created_at,
                  .summary = "sneaky",
                  .kind = "changeset",
                  .payload = payload,
                  .signature =
                      team::sign(team::change_signed_bytes(team_id, "0b6f7a8e-1111-4222-8333-944455556666", "govbench",
                                                           mine.created_at, "changeset", "sneaky", payload),
                                 key)}});
  const std::string before = t.fingerprint(bob);
  CHECK_THROWS_WITH(TeamFixture::sync(bob), Catch::Contains("not one of the team's tables"));
  CHECK(t.fingerprint(bob) == before);
}

TEST_CASE("team: a reader cannot push and keeps the change pending", "[team]") {
  TeamFixture t;
  const auto rita = t.join("rita", "reader");
  t.assess(rita, t.risk_ids(1)[0], 1);
  const team::SyncReport r = TeamFixture::sync(rita);
  CHECK(r.pushed == 0);
  CHECK(r.pending == 1);
  CHECK(r.refused.find("reader") != std::string::npos);
  CHECK(t.head() == 0);
  // What the others push still reaches the reader.
  t.assess(t.owner, t.risk_ids(2)[1], 1);
  t.sync(t.owner);
  CHECK(TeamFixture::sync(rita).pulled == 1);
}

TEST_CASE("team: a replica offline for a week with 500 pending changes syncs", "[team]") {
  TeamFixture t;
  const auto bob = t.join("bob");
  const auto risks = t.risk_ids(2);
  for (int i = 1; i <= 20; ++i) t.assess(t.owner, risks[0], i);
  t.sync(t.owner);
  t.pg.stop();
  for (int i = 1; i <= 500; ++i) t.assess(bob, risks[1], i);
  CHECK_THROWS_AS(TeamFixture::sync(bob), team::Unreachable);
  {
    data::Db db = t.open(bob);
    CHECK(data::pending_changes(db).size() == 500);
  }
  t.pg.start();
  const team::SyncReport r = TeamFixture::sync(bob);
  CHECK(r.pulled == 20);
  CHECK(r.pushed == 500);
  CHECK(r.new_conflicts == 0);
  t.sync(t.owner);
  CHECK(t.head() == 520);
  CHECK(t.fingerprint(t.owner) == t.fingerprint(bob));
}

TEST_CASE("team: the server stopped in the middle of a push loses and duplicates nothing", "[team]") {
  TeamFixture t;
  const auto bob = t.join("bob");
  const auto risks = t.risk_ids(1);
  for (int i = 1; i <= 300; ++i) t.assess(bob, risks[0], i);
  std::string outcome;
  std::thread pusher([&] {
    try {
      TeamFixture::sync(bob);
      outcome = "finished";
    } catch (const team::Unreachable&) {
      outcome = "unreachable";
    } catch (const std::exception& e) {
      outcome = std::string("error: ") + e.what();
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  t.pg.stop();
  pusher.join();
  INFO(outcome);
  CHECK((outcome == "finished" || outcome == "unreachable"));
  t.pg.start();
  t.sync(bob);
  t.sync(t.owner);
  CHECK(t.head() == 300);
  CHECK(t.fingerprint(t.owner) == t.fingerprint(bob));
  data::Db db = t.open(bob);
  CHECK(data::pending_changes(db).empty());
}

TEST_CASE("team: a password in the hub's address is never stored in the replica or printed", "[team]") {
  gbtest::TempDir dir;
  gbtest::PgServer pg;
  const auto db_path = gbtest::demo_copy(dir, "owner.db");
  // The throw-away server trusts its socket, so any password is accepted.
  const std::string url = pg.url() + "&password=s3cret-word";
  const auto r =
      gbtest::run_govbench({"team", "init", "--db", db_path.string(), "--hub", url, "--key", (dir / "k.key").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("s3cret") == std::string::npos);
  const auto status = gbtest::run_govbench({"team", "status", "--db", db_path.string()});
  CHECK(status.out.find("s3cret") == std::string::npos);
  CHECK(status.out.find("host=") != std::string::npos);
  data::Db db = TeamFixture::open(db_path);
  CHECK(gbtest::text(db, "SELECT count(*) FROM team_replica WHERE hub LIKE '%s3cret%'") == "0");
  pg.stop();
  const auto offline = gbtest::run_govbench({"team", "sync", "--db", db_path.string()});
  CHECK(offline.exit_code == 1);
  CHECK(offline.err.find("s3cret") == std::string::npos);
  CHECK(offline.err.find("stay pending") != std::string::npos);
}
