// govbench benchmarks: figures and ratios against baselines measured in the
// same run (no timed unit tests: shared machines make those flaky).
//
//   indicators   every bundled indicator, engine vs the same SQL run
//                directly through SQLite in this process (the engine's
//                overhead as a ratio), on the demo database and on a
//                synthetic database with 1,000,000 observations
//   reload       hot reload: file write -> new definition active (median)
//   reeval       re-evaluation of every bundled indicator after one
//                assessment edit (10,000 risks, 1,000,000 observations),
//                against a full evaluation; and the register's query read
//                as ctx.sql rows, ctx.columns_of columns and ctx.tuples
//
// Each figure is also printed as a BENCH line (docs/BENCHMARKS.md, "Line
// format") for bench/run_suite.py, which builds the table.
//
// Usage: govbench_bench [--quick] [--cache DIR] [--only indicators|reload|pack-host|reeval] [--db FILE]
//        govbench_bench --db FILE --trace-sql OUT.sql   (the SQL the bundled indicators run, as one script)
//        govbench_bench --db FILE --per-indicator [--packs DIR]
//                                           (engine vs its SQL, indicator by indicator: for profiling)
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "data/demo.hpp"
#include "data/migrations.hpp"
#include "data/synthetic.hpp"
#include "engine/edit_path.hpp"
#include "engine/evaluator.hpp"
#include "engine/workspace.hpp"
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

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

void print_row(const char* what, const Stats& s, const char* unit = "ms") {
  std::printf("  %-44s median %9.2f %s   (min %.2f, max %.2f)\n", what, s.median, unit, s.min, s.max);
}

// One machine-readable result (docs/BENCHMARKS.md, "Line format").
void bench_line(int case_no, const std::string& id, const std::string& what, const Stats& s, std::size_t runs,
                const std::string& extra = "") {
  std::printf("BENCH\tcase=%d\tid=%s\twhat=%s\tunit=ms\truns=%zu\tmedian=%.3f\tmin=%.3f\tmax=%.3f\tp90=%.3f%s%s\n",
              case_no, id.c_str(), what.c_str(), runs, s.median, s.min, s.max, s.p90, extra.empty() ? "" : "\t",
              extra.c_str());
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
        if (sqlite3_column_type(st, c) == SQLITE_TEXT)
          rows += static_cast<std::size_t>(sqlite3_column_bytes(st, c));
        else
          rows += static_cast<std::size_t>(sqlite3_column_int64(st, c) & 1);
      }
    }
    sqlite3_finalize(st);
  }
  const double ms = ms_since(t);
  sqlite3_close(db);
  if (rows == 0x7fffffff) std::puts("");  // keep the reads
  return ms;
}

// CPU time of this thread, in ms: unlike the wall clock, it does not count
// the time other processes on a busy machine take.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Per indicator: its evaluation in the engine against replaying its SQL, so
// the overhead can be pinned on an indicator (and its pack code). CPU time,
// median of `runs`; each evaluation on a fresh evaluator (no cache).
int per_indicator(const fs::path& db_path, int runs, const fs::path& extra_packs) {
  gb::script::PackSet packs;
  packs.add_source(gb::script::bundled_packs_dir(), "bundled");
  if (!extra_packs.empty()) packs.add_source(extra_packs, "--packs");
  packs.load();
  struct Line {
    std::string id;
    double engine = 0, floor = 0;
    std::size_t statements = 0;
  };
  std::vector<Line> lines;
  double total_e = 0, total_f = 0;
  for (const auto& ref : packs.indicators()) {
    std::vector<double> e, f;
    std::vector<std::string> statements;
    for (int i = 0; i < runs; ++i) {
      gb::script::ScriptDb db(db_path);
      std::vector<std::string> traced;
      if (i == 0) sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, capture, &traced);
      gb::engine::IndicatorEvaluator ev(packs, db);
      const double t = thread_cpu_ms();
      ev.evaluate(ref.def->id, {"2022-12-31", {}});
      e.push_back(thread_cpu_ms() - t);
      if (i == 0) statements = std::move(traced);
    }
    for (int i = 0; i < runs; ++i) {
      const double t = thread_cpu_ms();
      replay(db_path, statements);
      f.push_back(thread_cpu_ms() - t);
    }
    lines.push_back({ref.def->id, stats(e).median, stats(f).median, statements.size()});
    total_e += lines.back().engine;
    total_f += lines.back().floor;
  }
  std::sort(lines.begin(), lines.end(),
            [](const Line& a, const Line& b) { return a.engine - a.floor > b.engine - b.floor; });
  std::printf("CPU time per indicator (median of %d), engine against the same SQL replayed\n", runs);
  std::printf("%-52s %10s %10s %10s %5s\n", "indicator", "engine ms", "SQL ms", "extra ms", "stmts");
  for (const auto& l : lines)
    std::printf("%-52s %10.2f %10.2f %10.2f %5zu\n", l.id.c_str(), l.engine, l.floor, l.engine - l.floor, l.statements);
  std::printf("%-52s %10.2f %10.2f %10.2f\n", "total", total_e, total_f, total_e - total_f);
  return 0;
}

// Evaluates every bundled indicator once and writes the SQL they ran, each
// statement ending in ";", for the sqlite3 shell to run as the floor.
int trace_sql(const fs::path& db_path, const fs::path& out_path, const std::string& as_of) {
  gb::script::PackSet packs;
  packs.add_source(gb::script::bundled_packs_dir(), "bundled");
  packs.load();
  gb::script::ScriptDb db(db_path);
  std::vector<std::string> traced;
  sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, capture, &traced);
  gb::engine::IndicatorEvaluator ev(packs, db);
  const auto results = ev.evaluate_all({as_of, {}});
  std::ofstream out(out_path, std::ios::trunc);
  for (const auto& sql : traced) out << sql << ";\n";
  out.close();
  if (!out) {
    std::fprintf(stderr, "govbench_bench: cannot write %s\n", out_path.c_str());
    return 1;
  }
  std::printf("%zu indicators, %zu statements -> %s\n", results.size(), traced.size(), out_path.c_str());
  return 0;
}

void bench_indicators(const char* label, const std::string& id, const fs::path& db_path, int runs) {
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
  bench_line(1, id + "-inproc-sql", std::string("same SQL in process (") + label + ")", f, floor_ms.size());
  bench_line(1, id + "-inproc-engine", std::string("engine evaluate_all in process (") + label + ")", e,
             engine_ms.size(), "baseline=" + id + "-inproc-sql");
}

// Re-evaluation after one edit: a kept evaluator (as the window's pack host
// and eval --watch keep one) after each of `edits` random assessment edits,
// against a fresh evaluator's full evaluation of the same state.
void bench_reeval(const fs::path& big, const fs::path& scratch, int edits, const std::string& id) {
  const fs::path copy = scratch / "reeval.db";
  fs::copy_file(big, copy, fs::copy_options::overwrite_existing);
  gb::script::PackSet packs;
  packs.add_source(gb::script::bundled_packs_dir(), "bundled");
  packs.load();
  // The full evaluations run in packs of their own, so that they neither
  // use nor disturb what the kept evaluator's packs share (ctx.shared).
  gb::script::PackSet cold;
  cold.add_source(gb::script::bundled_packs_dir(), "bundled");
  cold.load();
  gb::script::ScriptDb db(copy);
  gb::engine::IndicatorEvaluator kept(packs, db);
  kept.evaluate_all({"2022-12-31", {}});
  gb::data::Db rw = gb::data::open_governance_db(copy, gb::data::OpenMode::ReadWrite);
  gb::engine::EditPath path(rw);
  std::vector<std::int64_t> risks;
  {
    gb::data::Statement st = rw.prepare("SELECT id FROM risks");
    while (st.step()) risks.push_back(st.column_int(0));
  }
  std::mt19937 rng(7);
  const char* levels[] = {"VL", "L", "M", "H", "VH"};
  std::vector<double> incremental, full;
  std::size_t recomputed = 0;
  for (int i = 0; i < edits; ++i) {
    path.assess({.risk_id = risks[std::uniform_int_distribution<std::size_t>(0, risks.size() - 1)(rng)],
                 .as_of = "2022-12-31",
                 .likelihood = levels[std::uniform_int_distribution<int>(0, 4)(rng)],
                 .impact = levels[std::uniform_int_distribution<int>(0, 4)(rng)]});
    const std::size_t before = kept.evaluations();
    auto t = Clock::now();
    kept.evaluate_all({"2022-12-31", {}});
    incremental.push_back(ms_since(t));
    recomputed += kept.evaluations() - before;
    if (i % 5 == 0) {
      cold.forget_shared_values();  // from scratch: no register shared with an earlier run
      gb::engine::IndicatorEvaluator fresh(cold, db);
      t = Clock::now();
      fresh.evaluate_all({"2022-12-31", {}});
      full.push_back(ms_since(t));
    }
  }
  const Stats inc = stats(incremental), all = stats(full);
  std::printf("re-evaluation after one assessment edit (10,000 risks, %s), %d edits:\n", id.c_str(), edits);
  print_row("kept evaluator (only what the edit changed)", inc);
  print_row("full evaluation (fresh evaluator)", all);
  std::printf("  indicators recomputed per edit: %.1f of %zu\n\n", static_cast<double>(recomputed) / edits,
              packs.indicators().size());
  bench_line(9, id + "-reeval-full", "full evaluation after an assessment edit (" + id + ")", all, full.size());
  bench_line(9, id + "-reeval-edit", "re-evaluation after one assessment edit (" + id + ")", inc, incremental.size(),
             "baseline=" + id + "-reeval-full\ttarget=median<10");
  fs::remove(copy);
}

// The register's positions query (met-risk lib/register.lua) read three ways
// by one indicator each: ctx.sql rows, ctx.columns_of columns, ctx.tuples.
void bench_read_forms(const fs::path& big, const fs::path& scratch, int runs) {
  const fs::path dir = scratch / "forms";
  fs::create_directories(dir / "indicators");
  {
    std::ofstream(dir / "pack.lua") << "return { name = 'forms', version = '1.0.0', api = 1, title = 'forms' }\n";
    const char* q =
        "local Q = [[SELECT r.ref, r.name, r.term, a.likelihood, a.impact, a.trend, a.progress FROM risks r "
        "JOIN risk_assessments a ON a.id = (SELECT a2.id FROM risk_assessments a2 WHERE a2.risk_id = r.id AND "
        "a2.as_of <= ? ORDER BY a2.as_of DESC LIMIT 1) ORDER BY r.ref]]\n";
    std::ofstream(dir / "indicators" / "forms.lua")
        << q
        << "gov.indicator { id = 'forms.sql', title = 'sql', compute = function(ctx)\n"
           "  local n = 0\n  for _, row in ipairs(ctx.sql(Q, ctx.as_of)) do\n"
           "    if row.term == 'short' and row.likelihood == 'H' then n = n + 1 end\n  end\n  return n end }\n"
           "gov.indicator { id = 'forms.columns_of', title = 'columns', compute = function(ctx)\n"
           "  local cols, rows = ctx.columns_of(Q, ctx.as_of)\n  local term, l, n = cols.term, cols.likelihood, 0\n"
           "  for i = 1, rows do\n    if term[i] == 'short' and l[i] == 'H' then n = n + 1 end\n  end\n"
           "  return n end }\n"
           "gov.indicator { id = 'forms.tuples', title = 'tuples', compute = function(ctx)\n"
           "  local n = 0\n  for _, ref, name, term, l in ctx.tuples(Q, ctx.as_of) do\n"
           "    if term == 'short' and l == 'H' then n = n + 1 end\n  end\n  return n end }\n"
           "gov.indicator { id = 'forms.rows', title = 'rows', compute = function(ctx)\n"
           "  local n = 0\n  for row in ctx.rows(Q, ctx.as_of) do\n"
           "    if row.term == 'short' and row.likelihood == 'H' then n = n + 1 end\n  end\n  return n end }\n";
  }
  gb::script::PackSet packs;
  packs.add_source(dir, "--packs");
  packs.load();
  std::printf("the register's query (10,000 risks) read four ways, CPU ms (median of %d):\n", runs);
  for (const char* form : {"sql", "columns_of", "tuples", "rows"}) {
    std::vector<double> cpu;
    for (int i = 0; i < runs; ++i) {
      gb::script::ScriptDb db(big);
      gb::engine::IndicatorEvaluator ev(packs, db);
      const double t = thread_cpu_ms();
      const auto r = ev.evaluate(std::string("forms.") + form, {"2022-12-31", {}});
      cpu.push_back(thread_cpu_ms() - t);
      if (r.status != gb::IndicatorResult::Status::Ok) std::printf("  %s failed: %s\n", form, r.error.c_str());
    }
    const Stats s = stats(cpu);
    print_row((std::string("ctx.") + form).c_str(), s);
    bench_line(9, std::string("form-") + form, std::string("register query as ctx.") + form + " (CPU)", s, cpu.size(),
               std::string(form) == "sql" ? "" : "baseline=form-sql");
  }
  std::printf("\n");
  fs::remove_all(dir);
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
      active = ref && ref->pack->files().at("indicators/draft.lua")->find("+ " + std::to_string(i) + "\n") !=
                          std::string::npos;
    }
    latency.push_back(ms_since(t));
    usleep(30000);  // let the editor's burst settle, as between saves
  }
  const Stats s = stats(latency);
  std::printf("reload: file write -> new definition active, %d edits, %zu packs loaded\n", iterations,
              packs.entries().size());
  print_row("write -> active (20 ms debounce included)", s);
  std::printf("  p90 %.2f ms; target: median under 100 ms -> %s\n\n", s.p90, s.median < 100 ? "met" : "NOT met");
  bench_line(4, "reload", "hot reload: file write to new definition active (20 ms debounce included)", s,
             latency.size(), "target=median<100");
}

// The pack host (engine/pack_host.hpp): how long the window waits for the
// packs when it opens (spawn to the catalog), and what a request costs on
// top of the work itself (every indicator's result asked for again after a
// change that does not touch the data: the host answers from its cache, so
// what is timed is the request, the results' encoding, the pipe and the
// window's reading of them).
void bench_pack_host(const fs::path& demo, int runs) {
  std::vector<double> start_ms, round_ms, inproc_ms;
  std::size_t count = 0;
  for (int i = 0; i < runs; ++i) {
    gb::engine::WorkspaceOptions o;
    o.database = demo.string();
    o.as_of = "2022-12-31";
    o.watch = false;
    const auto t = Clock::now();
    gb::engine::Workspace ws(o);
    while (!ws.packs_loaded()) ws.wait_idle(std::chrono::milliseconds(10));
    start_ms.push_back(ms_since(t));
    ws.indicators();
    ws.wait_idle(std::chrono::seconds(120));
    for (int k = 0; k < 5; ++k) {
      ws.data_changed();
      const auto r = Clock::now();
      ws.indicators();
      ws.wait_idle(std::chrono::seconds(120));
      round_ms.push_back(ms_since(r));
    }
    count = ws.indicators().size();
  }
  // The same cached answer in process.
  gb::script::PackSet packs;
  packs.add_source(gb::script::bundled_packs_dir(), "bundled");
  packs.load();
  gb::script::ScriptDb db(demo);
  gb::engine::IndicatorEvaluator ev(packs, db);
  ev.evaluate_all({"2022-12-31", {}});
  for (int i = 0; i < runs * 5; ++i) {
    const auto t = Clock::now();
    ev.evaluate_all({"2022-12-31", {}});
    inproc_ms.push_back(ms_since(t));
  }
  const Stats s = stats(start_ms), r = stats(round_ms), p = stats(inproc_ms);
  std::printf("pack host: %zu indicators on the demo database\n", count);
  print_row("start: spawn to the packs' catalog", s);
  print_row("all indicators asked again, answered from the host's cache", r);
  print_row("the same from the evaluator's cache in process", p);
  std::printf("  per indicator, the request costs %.3f ms more than in process\n\n",
              count ? (r.median - p.median) / static_cast<double>(count) : 0.0);
  bench_line(3, "host-start", "pack host: spawn to the packs' catalog (demo database, bundled packs)", s,
             start_ms.size());
  bench_line(1, "host-roundtrip", "pack host: every indicator asked again, answered from its cache", r, round_ms.size(),
             "baseline=host-inproc");
  bench_line(1, "host-inproc", "the same from the evaluator's cache in process", p, inproc_ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  // The workspace runs packs in "govbench pack-host".
  setenv("GOVBENCH_PACK_HOST", GOVBENCH_BINARY, 0);
  bool quick = false;
  fs::path cache = fs::temp_directory_path() / "govbench-bench-cache";
  std::string only;
  fs::path db_arg, trace_out, extra_packs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0)
      quick = true;
    else if (std::strcmp(argv[i], "--cache") == 0 && i + 1 < argc)
      cache = argv[++i];
    else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc)
      only = argv[++i];
    else if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc)
      db_arg = argv[++i];
    else if (std::strcmp(argv[i], "--trace-sql") == 0 && i + 1 < argc)
      trace_out = argv[++i];
    else if (std::strcmp(argv[i], "--per-indicator") == 0)
      only = "per-indicator";
    else if (std::strcmp(argv[i], "--packs") == 0 && i + 1 < argc)
      extra_packs = argv[++i];
    else {
      std::fprintf(
          stderr,
          "usage: govbench_bench [--quick] [--cache DIR] [--only indicators|reload|pack-host|reeval] [--db FILE]\n"
          "       govbench_bench --db FILE --trace-sql OUT.sql\n"
          "       govbench_bench --db FILE --per-indicator [--packs DIR] [--quick]\n");
      return 2;
    }
  }
  if (only == "per-indicator") {
    if (db_arg.empty()) {
      std::fprintf(stderr, "govbench_bench: --per-indicator needs --db FILE\n");
      return 2;
    }
    return per_indicator(db_arg, quick ? 1 : 3, extra_packs);
  }
  if (!only.empty() && only != "indicators" && only != "reload" && only != "pack-host" && only != "reeval") {
    std::fprintf(stderr, "govbench_bench: --only must be indicators, reload, pack-host or reeval\n");
    return 2;
  }
  if (!trace_out.empty()) {
    if (db_arg.empty()) {
      std::fprintf(stderr, "govbench_bench: --trace-sql needs --db FILE\n");
      return 2;
    }
    return trace_sql(db_arg, trace_out, "2022-12-31");
  }
  fs::create_directories(cache);
  const fs::path scratch = cache / ("run-" + std::to_string(::getpid()));
  fs::create_directories(scratch);
  std::printf("govbench benchmarks (%s); bundled packs from %s\n\n", quick ? "quick" : "full",
              gb::script::bundled_packs_dir().c_str());

  if (only == "pack-host") {
    const fs::path demo = scratch / "demo.db";
    gb::data::init_demo(demo);
    bench_pack_host(demo, quick ? 2 : 5);
    fs::remove_all(scratch);
    return 0;
  }
  const std::int64_t n_obs = quick ? 100000 : 1000000;
  const fs::path big = db_arg.empty() ? cache / ("synthetic-" + std::to_string(n_obs) + "-seed7.db") : db_arg;
  auto make_big = [&] {
    if (fs::exists(big)) return;
    std::printf("generating %s (once; kept for later runs)\n", big.c_str());
    gb::data::SyntheticOptions o;
    o.observations = n_obs;
    o.risks = 10000;
    o.actions = 1000;
    o.seed = 7;
    gb::data::generate_synthetic(big, o);
  };
  if (only == "reeval") {
    make_big();
    bench_read_forms(big, scratch, quick ? 3 : 7);
    bench_reeval(big, scratch, quick ? 10 : 40, quick ? "100k" : "1m");
    fs::remove_all(scratch);
    return 0;
  }
  if (only != "reload") {
    const fs::path demo = scratch / "demo.db";
    gb::data::init_demo(demo);
    bench_indicators("the demo database", "demo", demo, quick ? 3 : 7);

    make_big();
    bench_indicators(quick ? "100,000 observations" : "1,000,000 observations", quick ? "100k" : "1m", big,
                     quick ? 3 : 5);
  }
  if (only != "indicators") bench_reload(scratch, quick ? 10 : 30);
  fs::remove_all(scratch);
  return 0;
}
