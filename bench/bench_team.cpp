// Team mode benchmarks (case 8, issue 18), each against a throw-away
// PostgreSQL 15 started as the tests start it (tests/support/pg_server):
//
//  - sync of 1,000 changes: replica A records 1,000 assessments through the
//    data layer's edit functions, pushes them (team::sync), and replica B
//    pulls them (team::sync). Baseline in the same run: the same 1,000
//    assessment rows written as plain SQLite (one INSERT and one
//    transaction each) into a copy of the database that is not a replica.
//    Also prints the changeset bytes per edit (the change log's growth).
//  - commit to visible: A records one assessment and pushes; B, waiting on
//    LISTEN (Hub::listen / wait), pulls as soon as the notice arrives; from
//    before A's write to after B's pull. Median of 50. Target: under 1 s.
//  - join from a snapshot of the 1,000,000-observation database (--big-db):
//    team init (snapshot to the hub), then team join (a new replica from
//    it), against copying the file.
//
// Usage: govbench_bench_team [--big-db FILE] [--runs N] [--latency N] [--quick]
// Prints a readable summary and BENCH lines for bench/run_suite.py
// (format: docs/BENCHMARKS.md).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "data/demo.hpp"
#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/team_model.hpp"
#include "support.hpp"
#include "support/pg_server.hpp"
#include "team/hub.hpp"
#include "team/sync.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace gb;

namespace {

struct Stats {
  double median = 0, min = 0, max = 0;
  int runs = 0;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s;
  s.runs = static_cast<int>(v.size());
  if (v.empty()) return s;
  s.median = v[v.size() / 2];
  s.min = v.front();
  s.max = v.back();
  return s;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void bench_line(const char* id, const std::string& what, const Stats& s, const char* unit = "ms",
                const std::string& extra = "") {
  std::printf("BENCH\tcase=8\tid=%s\twhat=%s\tunit=%s\truns=%d\tmedian=%.3f\tmin=%.3f\tmax=%.3f%s\n", id, what.c_str(),
              unit, s.runs, s.median, s.min, s.max, extra.c_str());
  std::fflush(stdout);
}

void say(const char* what, const Stats& s, const char* unit = "ms") {
  std::printf("  %-58s median %9.1f %s  (min %.1f, max %.1f, %d runs)\n", what, s.median, unit, s.min, s.max, s.runs);
  std::fflush(stdout);
}

data::Db open_rw(const fs::path& p) {
  return data::open_governance_db(p, data::OpenMode::ReadWrite);
}

std::string without_user(const std::string& url) {
  return url.substr(0, url.find("&user="));
}

// A team on a fresh server: `a` published by the server's role, `b` joined as bob.
struct Team {
  gbtest::PgServer pg;
  fs::path a, b;
  double init_ms = 0, join_ms = 0;
  Team(const fs::path& source, const fs::path& dir) : a(dir / "a.db"), b(dir / "b.db") {
    fs::remove(a);
    fs::remove(b);
    fs::copy_file(source, a);
    auto t0 = Clock::now();
    team::init_team(a, pg.url(), "A. Analyst", "");
    init_ms = ms_since(t0);
    team::Hub::connect(pg.url()).add_member("bob", "B. Analyst", "analyst", "");
    t0 = Clock::now();
    team::join_team(without_user(pg.url()), "bob", b, "");
    join_ms = ms_since(t0);
  }
};

const char* kLevels[] = {"VL", "L", "M", "H", "VH"};

std::vector<std::int64_t> risk_ids(data::Db& db) {
  std::vector<std::int64_t> out;
  auto st = db.prepare("SELECT id FROM risks ORDER BY id");
  while (st.step()) out.push_back(st.column_int(0));
  return out;
}

// The i-th edit of a round: a distinct (risk, date) each time.
data::AssessmentEdit edit(const std::vector<std::int64_t>& risks, int round, int i) {
  const int day = round * 1000 + i;
  const int n = static_cast<int>(risks.size());
  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2030 + day / n / 336, 1 + (day / n / 28) % 12, 1 + (day / n) % 28);
  return {.risk_id = risks[static_cast<std::size_t>(i % n)],
          .as_of = date,
          .likelihood = kLevels[i % 5],
          .impact = kLevels[(i / 5) % 5]};
}

void sync_case(const fs::path& dir, int rounds, int edits) {
  const fs::path demo = dir / "demo.db";
  if (!fs::exists(demo)) data::init_demo(demo);
  Team t(demo, dir);
  std::vector<double> edit_ms, push_ms, pull_ms, plain_ms;
  std::size_t payload_bytes = 0, changes = 0;
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::int64_t> risks;
    {
      data::Db a = open_rw(t.a);
      risks = risk_ids(a);
      const auto t0 = Clock::now();
      for (int i = 0; i < edits; ++i) data::record_assessment(a, edit(risks, round, i));
      edit_ms.push_back(ms_since(t0));
      for (const auto& c : data::pending_changes(a)) {
        payload_bytes += c.payload.size();
        ++changes;
      }
      const auto t1 = Clock::now();
      const auto r = team::sync(a);
      push_ms.push_back(ms_since(t1));
      if (r.pushed != edits) throw std::runtime_error("pushed " + std::to_string(r.pushed) + " changes");
    }
    {
      data::Db b = open_rw(t.b);
      const auto t0 = Clock::now();
      const auto r = team::sync(b);
      pull_ms.push_back(ms_since(t0));
      if (r.pulled != edits) throw std::runtime_error("pulled " + std::to_string(r.pulled) + " changes");
    }
    // The baseline: the same assessment rows as plain SQLite writes, one
    // transaction each, into a copy that is not a replica.
    const fs::path plain = dir / "plain.db";
    fs::remove(plain);
    fs::copy_file(demo, plain);
    {
      data::Db p = open_rw(plain);
      auto ins = p.prepare(
          "INSERT INTO risk_assessments (risk_id, as_of, likelihood, impact, source_id) "
          "VALUES (?, ?, ?, ?, (SELECT min(id) FROM sources))");
      const auto t0 = Clock::now();
      for (int i = 0; i < edits; ++i) {
        const auto e = edit(risks, round, i);
        p.exec("BEGIN IMMEDIATE");
        ins.reset();
        ins.bind(1, e.risk_id).bind(2, e.as_of).bind(3, e.likelihood).bind(4, e.impact);
        while (ins.step()) {
        }
        p.exec("COMMIT");
      }
      plain_ms.push_back(ms_since(t0));
    }
  }
  {
    data::Db a = open_rw(t.a), b = open_rw(t.b);
    if (data::replica_fingerprint(a) != data::replica_fingerprint(b))
      throw std::runtime_error("the replicas differ after the sync");
  }
  const std::string n = std::to_string(edits);
  std::printf("Sync of %d changes (assessments), %d rounds on one hub:\n", edits, rounds);
  const Stats se = stats(edit_ms), sp = stats(push_ms), sl = stats(pull_ms), sb = stats(plain_ms);
  say("baseline: the same rows as plain SQLite writes", sb);
  say("recording the edits on replica A (capture included)", se);
  say("push (team sync on A)", sp);
  say("pull (team sync on B)", sl);
  const double per_edit = changes ? static_cast<double>(payload_bytes) / static_cast<double>(changes) : 0;
  std::printf("  changeset bytes per edit: %.0f (%zu changes, %zu bytes)\n", per_edit, changes, payload_bytes);
  bench_line("team-plain", n + " assessments as plain SQLite writes (one transaction each)", sb);
  bench_line("team-edits", n + " assessments recorded on a replica (edit functions, changes captured)", se, "ms",
             "\tbaseline=team-plain");
  bench_line("team-push", "push of " + n + " changes to the hub (team sync)", sp, "ms", "\tbaseline=team-plain");
  bench_line("team-pull", "pull of " + n + " changes from the hub (team sync)", sl, "ms", "\tbaseline=team-plain");
  const Stats bytes{per_edit, per_edit, per_edit, 1};
  bench_line("team-bytes", "changeset bytes per assessment edit (payload, signature not counted)", bytes, "B");
}

void latency_case(const fs::path& dir, int samples) {
  const fs::path demo = dir / "demo.db";
  if (!fs::exists(demo)) data::init_demo(demo);
  Team t(demo, dir);
  std::mutex m;
  std::condition_variable cv;
  std::int64_t seen = 0;  // the head B has pulled
  Clock::time_point seen_at;
  std::atomic<bool> stop{false};
  std::string failure;
  std::thread watcher([&] {
    try {
      data::Db b = open_rw(t.b);
      team::Hub hub = team::connect_hub(*data::replica_info(b));
      hub.listen();
      while (!stop) {
        if (hub.wait(200).empty()) continue;
        const auto r = team::pull(b, hub);
        std::lock_guard<std::mutex> lock(m);
        seen = r.head;
        seen_at = Clock::now();
        cv.notify_all();
      }
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(m);
      failure = e.what();
      cv.notify_all();
    }
  });
  std::vector<double> total, push;
  data::Db a = open_rw(t.a);
  const auto risks = risk_ids(a);
  for (int i = 0; i < samples + 1; ++i) {  // the first is a warm-up
    const auto t0 = Clock::now();
    data::record_assessment(a, edit(risks, 90, i));
    const auto r = team::sync(a);
    const double pushed = ms_since(t0);
    std::unique_lock<std::mutex> lock(m);
    if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return seen >= r.head || !failure.empty(); }))
      throw std::runtime_error("replica B did not see change " + std::to_string(r.head) + " within 10 s");
    if (!failure.empty()) throw std::runtime_error("replica B: " + failure);
    if (i == 0) continue;
    total.push_back(std::chrono::duration<double, std::milli>(seen_at - t0).count());
    push.push_back(pushed);
  }
  stop = true;
  watcher.join();
  const Stats st = stats(total), sp = stats(push);
  std::printf("Commit on A to visible on B (LISTEN/NOTIFY, then pull), %d samples:\n", samples);
  say("A: write + push (team sync, a new connection each)", sp);
  say("A's write to B's pull done", st);
  bench_line("team-push-one", "one edit: write and push on A (team sync, connecting each time)", sp);
  bench_line("team-visible", "one edit: A's write to B's pull done (LISTEN/NOTIFY, then pull)", st, "ms",
             "\ttarget=median<1000");
}

void join_case(const fs::path& dir, const fs::path& big, int runs) {
  std::vector<double> copy_ms, init_ms, join_ms;
  const auto size = fs::file_size(big);
  for (int i = 0; i < runs; ++i) {
    const fs::path copy = dir / "copy.db";
    fs::remove(copy);
    auto t0 = Clock::now();
    fs::copy_file(big, copy);
    copy_ms.push_back(ms_since(t0));
    fs::remove(copy);
    Team t(big, dir);
    init_ms.push_back(t.init_ms);
    join_ms.push_back(t.join_ms);
    fs::remove(t.a);
    fs::remove(t.b);
  }
  const Stats sc = stats(copy_ms), si = stats(init_ms), sj = stats(join_ms);
  const std::string mb = std::to_string(size >> 20) + " MiB";
  std::printf("Join from a snapshot of %s (%s):\n", big.filename().c_str(), mb.c_str());
  say("baseline: copying the file", sc);
  say("team init (snapshot to the hub)", si);
  say("team join (a replica from the snapshot)", sj);
  bench_line("team-copy", "copying the 1,000,000-observation database (" + mb + ")", sc);
  bench_line("team-init", "team init of that database (snapshot uploaded to the hub)", si, "ms",
             "\tbaseline=team-copy");
  bench_line("team-join", "team join from that snapshot (a new replica)", sj, "ms", "\tbaseline=team-copy");
}

}  // namespace

int main(int argc, char** argv) {
  fs::path big;
  int rounds = 3, latency = 50, join_runs = 3;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--big-db") == 0 && i + 1 < argc)
      big = argv[++i];
    else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      rounds = join_runs = std::max(1, std::atoi(argv[++i]));
    else if (std::strcmp(argv[i], "--latency") == 0 && i + 1 < argc)
      latency = std::max(3, std::atoi(argv[++i]));
    else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc)
      only = argv[++i];
    else if (std::strcmp(argv[i], "--quick") == 0) {
      rounds = join_runs = 1;
      latency = 11;
    } else {
      std::fprintf(stderr,
                   "usage: govbench_bench_team [--big-db FILE] [--runs N] [--latency N] [--only sync|latency|join] "
                   "[--quick]\n");
      return 2;
    }
  }
  try {
    gbtest::TempDir dir;
    // Keys and settings in the scratch folder, never the user's.
    setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
    setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    if (only.empty() || only == "sync") sync_case(dir.path(), rounds, 1000);
    if (only.empty() || only == "latency") latency_case(dir.path(), latency);
    if ((only.empty() || only == "join") && !big.empty()) join_case(dir.path(), big, join_runs);
    if (big.empty() && only == "join") std::fprintf(stderr, "govbench_bench_team: join needs --big-db FILE\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "govbench_bench_team: %s\n", e.what());
    return 1;
  }
}
