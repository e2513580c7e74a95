// The window's background link to the hub (team/live.hpp) against a real
// PostgreSQL 15 (support/pg_server) with two replicas: a commit on one shows
// on the other within a second; a stopped hub is offline and, back again,
// gets the changes that waited; the presenter's announcements arrive.
#include "team/live.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/team_model.hpp"
#include "support/team_pair.hpp"
#include "team/hub.hpp"
#include "team/sync.hpp"

using namespace gb;
using Clock = std::chrono::steady_clock;

namespace {

data::Db open_rw(const std::filesystem::path& p) {
  return data::open_governance_db(p, data::OpenMode::ReadWrite);
}

// Polls `live` (as the window does each frame) until `done` says so, or
// `limit` passes; every event taken is kept in `seen`.
bool until(team::Live& live, std::vector<team::LiveEvent>& seen, const std::function<bool()>& done,
           std::chrono::milliseconds limit) {
  const auto end = Clock::now() + limit;
  for (;;) {
    for (auto& e : live.take()) seen.push_back(std::move(e));
    if (done()) return true;
    if (Clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

bool has(const std::vector<team::LiveEvent>& seen, team::LiveEvent::Kind k) {
  return std::any_of(seen.begin(), seen.end(), [&](const auto& e) { return e.kind == k; });
}

std::string progress_of(const std::filesystem::path& p) {
  data::Db db = open_rw(p);
  return gbtest::text(db, "SELECT progress FROM control_progress WHERE control_id = 1 AND period = '2022-Q1'");
}

}  // namespace

TEST_CASE("live: a commit on one replica shows on the other within a second", "[team][live]") {
  gbtest::TeamPair t;
  team::Live la(t.a), lb(t.b);
  std::vector<team::LiveEvent> ea, eb;
  REQUIRE(until(
      la, ea, [&] { return la.status().syncs > 0; }, std::chrono::seconds(10)));
  REQUIRE(until(
      lb, eb, [&] { return lb.status().syncs > 0; }, std::chrono::seconds(10)));
  CHECK(has(ea, team::LiveEvent::Kind::Online));
  CHECK(la.status().online);
  CHECK(la.status().member == "govbench");
  eb.clear();

  std::vector<double> latencies;
  for (const char* progress : {"slipped", "limited", "on_track"}) {
    const auto started = Clock::now();
    {
      data::Db db = open_rw(t.a);  // as the window's connection would: not the worker's
      data::set_control_progress(db, {.control_id = 1, .period = "2022-Q1", .progress = progress});
    }
    la.nudge();
    auto pulled = [&] {
      return std::any_of(eb.begin(), eb.end(),
                         [](const auto& e) { return e.kind == team::LiveEvent::Kind::Synced && e.pulled > 0; });
    };
    REQUIRE(until(lb, eb, pulled, std::chrono::seconds(5)));
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    latencies.push_back(ms);
    const auto& e = *std::find_if(eb.begin(), eb.end(), [](const auto& x) { return x.pulled > 0; });
    CHECK(e.pulled == 1);
    REQUIRE(e.authors.size() == 1);
    CHECK(e.authors[0] == "A. Analyst");  // the display name, not the role
    CHECK(progress_of(t.b) == progress);
    eb.clear();
  }
  for (double ms : latencies) {
    std::printf("live: commit on a -> visible on b in %.0f ms\n", ms);
    CHECK(ms < 1000);
  }
  CHECK(lb.status().pending == 0);
  CHECK(la.status().pending == 0);
  CHECK(lb.status().head == la.status().head);
}

TEST_CASE("live: the window's commit is pushed without a nudge", "[team][live]") {
  gbtest::TeamPair t;
  team::Live la(t.a);
  std::vector<team::LiveEvent> ea;
  REQUIRE(until(
      la, ea, [&] { return la.status().syncs > 0; }, std::chrono::seconds(10)));
  {
    data::Db db = open_rw(t.a);
    data::set_control_progress(db, {.control_id = 1, .period = "2022-Q1", .progress = "slipped"});
  }
  // No nudge: the worker sees another connection's commit (data_version).
  REQUIRE(until(
      la, ea, [&] { return la.status().pending == 0 && la.status().head == 1; }, std::chrono::seconds(3)));
  CHECK(team::Hub::connect(t.pg.url()).head() == 1);
}

TEST_CASE("live: a stopped hub is offline and changes made meanwhile are pushed when it is back", "[team][live]") {
  gbtest::TeamPair t;
  team::LiveOptions o;
  o.backoff_first = std::chrono::milliseconds(100);
  o.backoff_max = std::chrono::milliseconds(400);
  team::Live la(t.a, o);
  std::vector<team::LiveEvent> ea;
  REQUIRE(until(
      la, ea, [&] { return la.status().syncs > 0; }, std::chrono::seconds(10)));
  t.pg.stop();
  REQUIRE(until(
      la, ea, [&] { return !la.status().online; }, std::chrono::seconds(5)));
  CHECK(has(ea, team::LiveEvent::Kind::Offline));
  CHECK_FALSE(la.status().error.empty());
  {
    data::Db db = open_rw(t.a);
    data::set_control_progress(db, {.control_id = 1, .period = "2022-Q1", .progress = "slipped"});
    data::set_control_progress(db, {.control_id = 2, .period = "2022-Q1", .progress = "limited"});
  }
  la.nudge();
  // Still offline, trying again with a growing wait: the changes wait in the file.
  REQUIRE(until(
      la, ea, [&] { return la.status().pending == 2; }, std::chrono::seconds(5)));
  CHECK_FALSE(la.status().online);
  std::vector<std::chrono::milliseconds> waits;
  for (const auto& e : ea)
    if (e.kind == team::LiveEvent::Kind::Offline) waits.push_back(e.retry_in);
  REQUIRE(waits.size() >= 2);
  CHECK(waits[0] == std::chrono::milliseconds(100));
  CHECK(waits[1] == std::chrono::milliseconds(200));
  {
    data::Db db = open_rw(t.a);
    CHECK(data::pending_changes(db).size() == 2);
  }
  ea.clear();
  t.pg.start();
  REQUIRE(until(
      la, ea, [&] { return la.status().online && la.status().pending == 0; }, std::chrono::seconds(10)));
  CHECK(has(ea, team::LiveEvent::Kind::Online));
  CHECK(la.status().head == 2);
  CHECK(team::Hub::connect(t.pg.url()).head() == 2);
  // And the other replica gets them.
  data::Db b = open_rw(t.b);
  CHECK(team::sync(b).pulled == 2);
  CHECK(progress_of(t.b) == "slipped");
}

TEST_CASE("live: the presenter's announcements reach the other workbench and not its own", "[team][live]") {
  gbtest::TeamPair t;
  team::Live la(t.a), lb(t.b);
  std::vector<team::LiveEvent> ea, eb;
  REQUIRE(until(
      la, ea, [&] { return la.status().syncs > 0; }, std::chrono::seconds(10)));
  REQUIRE(until(
      lb, eb, [&] { return lb.status().syncs > 0; }, std::chrono::seconds(10)));
  auto presence = [](const std::vector<team::LiveEvent>& seen) {
    std::vector<team::LiveEvent> out;
    for (const auto& e : seen)
      if (e.kind == team::LiveEvent::Kind::Presence) out.push_back(e);
    return out;
  };
  la.announce(7, 2);
  REQUIRE(until(
      lb, eb, [&] { return !presence(eb).empty(); }, std::chrono::seconds(3)));
  auto heard = presence(eb);
  CHECK(heard[0].member == "govbench");
  CHECK(heard[0].display == "A. Analyst");
  CHECK(heard[0].session == 7);
  CHECK(heard[0].position == 2);
  la.announce(7, 2);  // the same again: nothing sent
  la.announce(7, 3);
  REQUIRE(until(
      lb, eb, [&] { return presence(eb).size() >= 2; }, std::chrono::seconds(3)));
  heard = presence(eb);
  CHECK(heard.back().position == 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  for (auto& e : lb.take()) eb.push_back(std::move(e));
  CHECK(presence(eb).size() == 2);
  for (auto& e : la.take()) ea.push_back(std::move(e));
  CHECK(presence(ea).empty());  // its own announcements are not news to it
  // The hub's presence list, for a caller with its own loop.
  team::Hub hub = team::Hub::connect(t.pg.url("bob"));
  hub.listen();
  team::Hub::connect(t.pg.url()).announce(4, 1);
  const auto until_heard = Clock::now() + std::chrono::seconds(2);
  std::vector<team::Presence> got;
  while (got.empty() && Clock::now() < until_heard) {
    CHECK(hub.wait(100).empty());  // no change notices: only the announcement
    for (auto& p : hub.presence()) got.push_back(p);
  }
  REQUIRE(got.size() == 1);
  CHECK(got[0].member == "govbench");
  CHECK(got[0].session == 4);
  CHECK(got[0].position == 1);
}

TEST_CASE("live: stopping the link is prompt, online or not", "[team][live]") {
  gbtest::TeamPair t;
  for (bool online : {true, false}) {
    if (!online) t.pg.stop();
    auto la = std::make_unique<team::Live>(t.a);
    std::vector<team::LiveEvent> ea;
    REQUIRE(until(
        *la, ea, [&] { return la->status().syncs > 0 || has(ea, team::LiveEvent::Kind::Offline); },
        std::chrono::seconds(10)));
    const auto started = Clock::now();
    la.reset();
    const auto took = Clock::now() - started;
    INFO((online ? "online" : "offline"));
    CHECK(took < std::chrono::milliseconds(600));
  }
}
