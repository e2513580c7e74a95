// govbench benchmarks: figures and ratios against baselines measured in the
// same run (no timed unit tests: shared machines make those flaky).
//
//   indicators   every bundled indicator, engine vs the same SQL run
//                directly through SQLite in this process (the engine's
//                overhead as a ratio), on the demo database and on a
//                synthetic database with 1,000,000 observations
//   reload       hot reload: file write -> new definition active (median)
//
// Usage: govbench_bench [--quick] [--cache DIR]
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "data/demo.hpp"
#include "data/synthetic.hpp"
#include "engine/evaluator.hpp"
#include "script/pack_set.hpp"
#include "script/watcher.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
  double median = 0, min = 0, max = 0, p90 = 0;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s;
  if (v.empty()) return s;
  s.min = v.front();
  s.max = v.back();
  s.median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  s.p90 = v[std::min(v.size() - 1, static_cast<std::size_t>(static_cast<double>(v.size()) * 0.9))];
  return s;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

void print_row(const char* what, const Stats& s, const char* unit = "ms") {
  std::printf("  %-44s median %9.2f %s   (min %.2f, max %.2f)\n", what, s.median, unit, s.min, s.max);
}

// The SQL the packs ran, with their parameters filled in, captured with
// SQLite's statement trace.
int capture(unsigned, void* ctx, void* p, void*) {
  auto* out = static_cast<std::vector<std::string>*>(ctx);
  if (char* sql = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(p))) {
    out->emplace_back(sql);
    sqlite3_free(sql);
  }
  return 0;
}

double replay(const fs::path& db_path, const std::vector<std::string>& statements) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  const auto t = Clock::now();
  std::size_t rows = 0;
  for (const auto& sql : statements) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
    while (sqlite3_step(st) == SQLITE_ROW) {
      // Read every column, as the engine does when it builds row tables.
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        if (sqlite3_column_type(st, c) == SQLITE_TEXT) rows += static_cast<std::size_t>(sqlite3_column_bytes(st, c));
        else rows += static_cast<std::size_t>(sqlite3_column_int64(st, c) & 1);
      }
    }
    sqlite3_finalize(st);
  }
  const double ms = ms_since(t);
  sqlite3_close(db);
  if (rows == 0x7fffffff) std::puts("");  // keep the reads
  return ms;
}

void bench_indicators(const char* label, const fs::path& db_path, int runs) {
  gb::script::PackSet packs;
  packs.add_source(gb::script::bundled_packs_dir(), "bundled");
  packs.load();
  std::vector<double> engine_ms, floor_ms;
  std::vector<std::string> statements;
  std::size_t count = 0, failed = 0;
  for (int i = 0; i < runs; ++i) {
    gb::script::ScriptDb db(db_path);
    std::vector<std::string> traced;
    if (i == 0) sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, capture, &traced);
    gb::engine::IndicatorEvaluator ev(packs, db);
    const auto t = Clock::now();
    auto results = ev.evaluate_all({"2022-12-31", {}});
    engine_ms.push_back(ms_since(t));
    if (i == 0) {
      statements = std::move(traced);
      count = results.size();
      for (const auto& r : results) failed += r.status == gb::IndicatorResult::Status::Error;
    }
  }
  for (int i = 0; i < runs; ++i) floor_ms.push_back(replay(db_path, statements));
  const Stats e = stats(engine_ms), f = stats(floor_ms);
  std::printf("indicators on %s: %zu indicators (%zu failed), %zu SQL statements, %d runs\n", label, count, failed,
              statements.size(), runs);
  print_row("engine (evaluate_all, cold cache)", e);
  print_row("floor: the same SQL straight through SQLite", f);
  std::printf("  ratio engine / floor: %.2fx\n\n", f.median > 0 ? e.median / f.median : 0.0);
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void bench_reload(const fs::path& scratch, int iterations) {
  const fs::path packs_dir = scratch / "packs";
  fs::remove_all(packs_dir);
  copy_tree(gb::script::bundled_packs_dir(), packs_dir);
  fs::remove_all(packs_dir / "types");
  // A pack of the analyst's own, edited again and again, beside the bundled ones.
  const fs::path mine = packs_dir / "analyst";
  fs::create_directories(mine / "indicators");
  std::ofstream(mine / "pack.lua") << "return { name = 'analyst', version = '1.0.0', api = 1 }\n";
  auto write_version = [&](int n) {
    std::ofstream out(mine / "indicators" / "draft.lua", std::ios::trunc);
    out << "gov.indicator { id = 'analyst.draft', title = 'Draft', compute = function(ctx)\n"
        << "  return ctx.value('SELECT count(*) FROM risks') + " << n << "\nend }\n";
  };
  write_version(0);
  gb::script::PackSet packs;
  packs.add_source(packs_dir, "--packs");
  packs.load();
  gb::script::PackWatcher watcher(std::chrono::milliseconds(20));
  for (const auto& e : packs.entries()) watcher.watch(e.name(), e.dir);
  std::vector<double> latency;
  for (int i = 1; i <= iterations; ++i) {
    const auto t = Clock::now();
    write_version(i);
    bool active = false;
    while (!active && ms_since(t) < 5000) {
      for (const auto& name : watcher.wait(std::chrono::milliseconds(200))) packs.reload(name);
      // Active: the loaded definition is the one just written.
      auto ref = packs.find_indicator("analyst.draft");
      active = ref && ref->pack->files().at("indicators/draft.lua")->find("+ " + std::to_string(i) + "\n") != std::string::npos;
    }
    latency.push_back(ms_since(t));
    usleep(30000);  // let the editor's burst settle, as between saves
  }
  const Stats s = stats(latency);
  std::printf("reload: file write -> new definition active, %d edits, %zu packs loaded\n", iterations, packs.entries().size());
  print_row("write -> active (20 ms debounce included)", s);
  std::printf("  p90 %.2f ms; target: median under 100 ms -> %s\n\n", s.p90, s.median < 100 ? "met" : "NOT met");
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  fs::path cache = fs::temp_directory_path() / "govbench-bench-cache";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    else if (std::strcmp(argv[i], "--cache") == 0 && i + 1 < argc) cache = argv[++i];
    else {
      std::fprintf(stderr, "usage: govbench_bench [--quick] [--cache DIR]\n");
      return 2;
    }
  }
  fs::create_directories(cache);
  const fs::path scratch = cache / ("run-" + std::to_string(::getpid()));
  fs::create_directories(scratch);
  std::printf("govbench benchmarks (%s); bundled packs from %s\n\n", quick ? "quick" : "full",
              gb::script::bundled_packs_dir().c_str());

  const fs::path demo = scratch / "demo.db";
  gb::data::init_demo(demo);
  bench_indicators("the demo database", demo, quick ? 3 : 7);

  const std::int64_t n = quick ? 100000 : 1000000;
  const fs::path big = cache / ("synthetic-" + std::to_string(n) + "-seed7.db");
  if (!fs::exists(big)) {
    std::printf("generating %s (once; kept for later runs)\n", big.c_str());
    gb::data::SyntheticOptions o;
    o.observations = n;
    o.risks = 10000;
    o.actions = 1000;
    o.seed = 7;
    gb::data::generate_synthetic(big, o);
  }
  bench_indicators(quick ? "a synthetic database (100,000 observations)" : "a synthetic database (1,000,000 observations)",
                   big, quick ? 3 : 5);
  bench_reload(scratch, quick ? 10 : 30);
  fs::remove_all(scratch);
  return 0;
}
