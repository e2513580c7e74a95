// Team sync killed at random moments, on the replica's side (the govbench
// process SIGKILLed) and on the hub's (PostgreSQL stopped as in a crash):
// after every run each replica file is intact, and once everyone has synced
// again the hub holds every change exactly once and all replicas agree.
//
// GOVBENCH_KILL_ITERATIONS=N runs N kills of each kind instead of the default.
#include <catch2/catch.hpp>
#include <random>
#include <thread>

#include "data/migrations.hpp"
#include "data/team_model.hpp"
#include "fault/child_process.hpp"
#include "support.hpp"
#include "team_fixture.hpp"

using gbtest::TeamFixture;

namespace {

void check_intact(const std::filesystem::path& p) {
  gb::data::Db db = TeamFixture::open(p);
  gb::data::Statement ic = db.prepare("PRAGMA integrity_check");
  std::string problems;
  while (ic.step()) problems += ic.column_text(0) + "\n";
  CHECK(problems == "ok\n");
  gb::data::Statement fk = db.prepare("PRAGMA foreign_key_check");
  CHECK_FALSE(fk.step());
}

}  // namespace

TEST_CASE("team: sync killed at random moments on either side loses and duplicates nothing", "[team][kill]") {
  TeamFixture t;
  const auto bob = t.join("bob");
  const auto risks = t.risk_ids(2);
  int owner_edits = 0, bob_edits = 0;
  const std::vector<std::string> sync_bob{GOVBENCH_BINARY, "team", "sync", "--db", bob.string()};

  // How long a sync with a few changes each way takes, for the kill delays.
  TeamFixture::assess(bob, risks[1], ++bob_edits);
  TeamFixture::assess(t.owner, risks[0], ++owner_edits);
  t.sync(t.owner);
  const gbtest::ChildResult calibrate = gbtest::run_child(sync_bob);
  REQUIRE(calibrate.exit_code == 0);

  const std::uint32_t seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  const int iterations = gbtest::kill_iterations(60);

  // The replica's side: the sync process SIGKILLed.
  const auto client = gbtest::kill_repeatedly(
      iterations, calibrate.ran * 2, seed,
      [&](int i) {
        for (int k = 0; k < 1 + i % 3; ++k) TeamFixture::assess(bob, risks[1], ++bob_edits);
        if (i % 2 == 0) {  // a colleague's change too, so that bob has to rebase
          TeamFixture::assess(t.owner, risks[0], ++owner_edits);
          t.sync(t.owner);
        }
        return sync_bob;
      },
      [&](const gbtest::KillRun& run) {
        INFO("client kill run " << run.iteration << " after " << run.delay.count() << " us");
        if (!run.result.killed) CHECK(run.result.exit_code == 0);
        check_intact(bob);
      });

  // The hub's side: PostgreSQL dies mid-sync (immediate shutdown) and comes back.
  int server_kills = 0;
  for (int i = 0; i < iterations / 2; ++i) {
    for (int k = 0; k < 1 + i % 4; ++k) TeamFixture::assess(bob, risks[1], ++bob_edits);
    gbtest::ChildResult result;
    std::thread child([&] { result = gbtest::run_child(sync_bob); });
    std::this_thread::sleep_for(std::chrono::microseconds(
        std::uniform_int_distribution<long>(0, static_cast<long>(calibrate.ran.count()))(rng)));
    t.pg.crash();
    child.join();
    ++server_kills;
    t.pg.start();
    INFO("server kill run " << i << ": exit " << result.exit_code << ": " << result.err);
    CHECK((result.exit_code == 0 || result.exit_code == 1));
    check_intact(bob);
  }

  // Everyone syncs: every change is on the hub once, and the replicas agree.
  t.sync(bob);
  t.sync(t.owner);
  t.sync(bob);
  CHECK(t.head() == owner_edits + bob_edits);
  CHECK(t.fingerprint(bob) == t.fingerprint(t.owner));
  gb::data::Db db = TeamFixture::open(t.owner);
  CHECK(gbtest::number(db, "SELECT count(*) FROM risk_assessments WHERE as_of >= '2030-01-01'") ==
        owner_edits + bob_edits);
  CHECK(gb::data::pending_changes(db).empty());
  WARN("team kill test: " << client.runs << " client runs (" << client.killed << " killed), " << server_kills
                          << " server crashes, " << owner_edits + bob_edits << " changes (seed " << seed << ")");
}
