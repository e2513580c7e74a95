// Kill tests: govbench SIGKILLed at random moments during an import and
// during edits. After every kill the database is opened again as the next
// run of the program would (which recovers the WAL), must pass PRAGMA
// integrity_check and foreign_key_check, and must hold all or none of the
// interrupted operation; what was there before is untouched.
//
// GOVBENCH_KILL_ITERATIONS=N runs N kills per test instead of the default
// (docs/RELIABILITY.md gives the counts run for the record).
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "data/db.hpp"
#include "data/migrations.hpp"
#include "fault/child_process.hpp"
#include "support.hpp"

using namespace gb::data;

namespace {

using gbtest::number;

std::string scalar(Db& db, const std::string& sql) {
  Statement st = db.prepare(sql);
  REQUIRE(st.step());
  return st.column_text(0);
}

// Opens the database the way the next run of govbench does, and checks it.
Db reopen_and_check(const std::filesystem::path& path) {
  Db db = open_governance_db(path, OpenMode::ReadWrite);
  std::string problems;
  Statement ic = db.prepare("PRAGMA integrity_check");
  while (ic.step()) problems += ic.column_text(0) + "\n";
  CHECK(problems == "ok\n");
  Statement fk = db.prepare("PRAGMA foreign_key_check");
  CHECK_FALSE(fk.step());
  return db;
}

// Row counts of every table the import must not touch.
std::string other_tables(Db& db) {
  std::string out;
  for (const auto& t : db.table_names()) {
    if (t.starts_with("killed_") || t == "imports" || t == "audit_log") continue;
    out += t + "=" + std::to_string(number(db, "SELECT count(*) FROM " + quote_identifier(t))) + " ";
  }
  return out;
}

std::uint32_t test_seed() {
  std::random_device rd;
  return rd();
}

}  // namespace

TEST_CASE("an import killed at random moments leaves all of it or none of it", "[fault][kill]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  // A synthetic CSV large enough that an import takes a while.
  constexpr int kRows = 40000;
  {
    std::ostringstream csv;
    csv << "id,borough,quarter,value,note\n";
    for (int i = 1; i <= kRows; ++i)
      csv << i << ",Borough " << (i % 32) << ",20" << (10 + i % 13) << "-Q" << (1 + i % 4) << "," << (i * 0.37)
          << ",\"row " << i << ", with a comma and \"\"quotes\"\"\"\n";
    gbtest::write_file(dir / "big.csv", csv.str());
  }
  std::string before;
  {
    Db db = open_governance_db(db_path, OpenMode::ReadWrite);
    before = other_tables(db);
  }
  // How long one import takes here, uninterrupted: the kills land within it.
  const auto calibrate = gbtest::demo_copy(dir, "calibrate.db");
  const gbtest::ChildResult full = gbtest::run_child(
      {GOVBENCH_BINARY, "import", (dir / "big.csv").string(), "--db", calibrate.string(), "--table", "calibrate"});
  REQUIRE(full.exit_code == 0);

  const std::uint32_t seed = test_seed();
  int completed = 0;
  const auto stats = gbtest::kill_repeatedly(
      gbtest::kill_iterations(12), full.ran, seed,
      [&](int i) {
        return std::vector<std::string>{GOVBENCH_BINARY,  "import",  (dir / "big.csv").string(),   "--db",
                                        db_path.string(), "--table", "killed_" + std::to_string(i)};
      },
      [&](const gbtest::KillRun& run) {
        INFO("seed " << seed << ", run " << run.iteration << ", killed after " << run.delay.count() << " us");
        INFO("stderr: " << run.result.err);
        if (!run.result.killed) REQUIRE(run.result.exit_code == 0);
        Db db = reopen_and_check(db_path);
        const std::string table = "killed_" + std::to_string(run.iteration);
        const bool present = db.table_exists(table);
        const auto recorded = number(db, "SELECT count(*) FROM imports WHERE tbl = '" + table + "'");
        const auto audited =
            number(db, "SELECT count(*) FROM audit_log WHERE action = 'import' AND tbl = '" + table + "'");
        if (present) {
          ++completed;
          CHECK(number(db, "SELECT count(*) FROM " + table) == kRows);
          CHECK(number(db, "SELECT count(*) FROM " + table +
                               " WHERE note = 'row ' || id || ', with a comma and \"quotes\"'") == kRows);
          CHECK(recorded == 1);
          CHECK(audited == 1);
        } else {
          CHECK_FALSE(run.result.exit_code == 0);
          CHECK(recorded == 0);
          CHECK(audited == 0);
        }
        CHECK(other_tables(db) == before);
      });
  // Every run either finished or was killed; the kills are what is tested.
  CHECK(stats.runs == stats.killed + stats.finished);
  CHECK(stats.killed > 0);
  WARN("import kill test: " << stats.runs << " runs, " << stats.killed << " killed, " << completed
                            << " imports complete after the kill or finish (seed " << seed << ")");
}

TEST_CASE("edits killed at random moments are each all there or not there", "[fault][kill]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  std::int64_t base_edits = 0;
  {
    Db db = open_governance_db(db_path, OpenMode::ReadWrite);
    base_edits = number(db, "SELECT count(*) FROM edits");
  }
  constexpr int kEdits = 400;
  const auto calibrate = gbtest::demo_copy(dir, "calibrate.db");
  const gbtest::ChildResult full =
      gbtest::run_child({GOVBENCH_FAULT_CHILD, "edits", calibrate.string(), std::to_string(kEdits), "calibrate"});
  REQUIRE(full.exit_code == 0);

  const std::uint32_t seed = test_seed();
  std::int64_t done = 0;  // edits committed so far, over all runs
  const auto stats = gbtest::kill_repeatedly(
      gbtest::kill_iterations(20), full.ran, seed,
      [&](int i) {
        return std::vector<std::string>{GOVBENCH_FAULT_CHILD, "edits", db_path.string(), std::to_string(kEdits),
                                        "run" + std::to_string(i)};
      },
      [&](const gbtest::KillRun& run) {
        INFO("seed " << seed << ", run " << run.iteration << ", killed after " << run.delay.count() << " us");
        // The last edit the child confirmed: at least that many are stored,
        // and at most one more (committed, killed before it could say so).
        int confirmed = 0;
        std::istringstream lines(run.result.out);
        for (std::string line; std::getline(lines, line);)
          if (line.starts_with("committed ")) confirmed = std::stoi(line.substr(10));
        Db db = reopen_and_check(db_path);
        const std::int64_t edits = number(db, "SELECT count(*) FROM edits") - base_edits;
        const std::int64_t this_run = edits - done;
        CHECK(this_run >= confirmed);
        CHECK(this_run <= confirmed + 1);
        if (!run.result.killed) CHECK(this_run == kEdits);
        done = edits;
        // Each edit is whole: its row change, its edits row and its audit row.
        CHECK(number(db,
                     "SELECT count(*) FROM edits e WHERE e.id > 0 AND NOT EXISTS "
                     "(SELECT 1 FROM audit_log a WHERE a.edit_id = e.id)") == 0);
        if (this_run > 0) {
          // The stored row is this run's last stored edit (odd: on_track,
          // even: slipped), never a mix of two edits.
          const std::string row = scalar(db,
                                         "SELECT progress || ' ' || note FROM control_progress "
                                         "WHERE control_id = 1 AND period = '2030-Q1'");
          const std::string expected = std::string(this_run % 2 ? "on_track" : "slipped") + " run" +
                                       std::to_string(run.iteration) + " edit " + std::to_string(this_run);
          CHECK(row == expected);
        }
      });
  CHECK(stats.killed > 0);
  WARN("edit kill test: " << stats.runs << " runs, " << stats.killed << " killed, " << done
                          << " edits committed in all (seed " << seed << ")");
}
