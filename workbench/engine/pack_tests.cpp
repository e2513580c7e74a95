#include "engine/pack_tests.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "data/csv_import.hpp"
#include "data/demo.hpp"
#include "data/migrations.hpp"
#include "engine/evaluator.hpp"
#include "engine/scoring.hpp"
#include "script/invoke.hpp"
#include "script/pack_set.hpp"
#include "script/test_hooks.hpp"

namespace gb::engine {

namespace fs = std::filesystem;

int PackTestReport::passed() const {
  return static_cast<int>(std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.passed; }));
}
int PackTestReport::failed() const {
  return static_cast<int>(outcomes.size()) - passed();
}

namespace {

class ScratchDir {
 public:
  ScratchDir() {
    for (int i = 0;; ++i) {
      path_ = fs::temp_directory_path() / ("govbench-packtest-" + std::to_string(::getpid()) + "-" + std::to_string(i));
      if (fs::create_directory(path_)) break;
    }
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The demo database plus the pack's fixtures.
void build_test_database(const fs::path& db_path, const script::Pack& pack) {
  data::init_demo(db_path);
  data::Db db = data::open_governance_db(db_path, data::OpenMode::ReadWrite);
  for (const auto& [rel, text] : pack.files()) {
    if (!rel.starts_with("fixtures/") || !rel.ends_with(".sql")) continue;
    data::Transaction tx(db);
    try {
      db.exec(*text);
    } catch (const Error& e) {
      throw Error("pack " + pack.name() + ": " + rel + ": " + e.message());
    }
    tx.commit();
  }
  for (const auto& [rel, text] : pack.files()) {
    if (!rel.starts_with("fixtures/") || !rel.ends_with(".csv")) continue;
    data::ImportOptions o;
    o.table = fs::path(rel).stem().string();
    o.mode = db.table_exists(o.table) ? data::ImportMode::Append : data::ImportMode::Create;
    try {
      data::import_csv_bytes(db, rel, *text, o);
    } catch (const Error& e) {
      throw Error("pack " + pack.name() + ": " + e.what());
    }
  }
}

EvalOptions options_from(const Tree& t) {
  EvalOptions o;
  if (const Tree* a = t.find("as_of"); a && a->is_string()) o.as_of = a->as_string();
  if (const Tree* p = t.find("params"); p && p->is_object())
    for (const auto& [k, v] : p->as_object()) o.params.emplace_back(k, v.is_string() ? v.as_string() : v.to_json());
  return o;
}

}  // namespace

PackTestReport run_pack_tests(const std::vector<fs::path>& pack_dirs, const std::vector<std::string>& extra_dirs,
                              const fs::path& database) {
  PackTestReport report;
  // Which packs are under test: load them with the others they may require,
  // then keep the ones from the named folders.
  script::PackSet probe;
  probe.add_standard_sources(extra_dirs);
  for (const auto& d : pack_dirs) probe.add_source(d, "--packs");
  probe.load();
  auto named = [&](const fs::path& dir) {
    std::error_code ec;
    for (const auto& d : pack_dirs)
      if (fs::equivalent(d, dir, ec) || fs::equivalent(d, dir.parent_path(), ec)) return true;
    return false;
  };
  for (const auto& entry : probe.entries()) {
    if (!named(entry.dir)) continue;
    if (!entry.active) {
      for (const auto& p : entry.problems) report.problems.push_back(p.to_string());
      continue;
    }
    const std::string name = entry.active->name();
    ScratchDir scratch;
    const fs::path db_path = database.empty() ? scratch.path() / "test.db" : database;
    try {
      if (database.empty())
        build_test_database(db_path, *entry.active);
      else if (!fs::is_regular_file(database))
        throw Error(database.string() + ": no such database");
    } catch (const std::exception& e) {
      report.problems.push_back(e.what());
      continue;
    }
    // Load the pack with its possible dependencies, on this database.
    // print() in a test's code is shown under that test's outcome.
    std::vector<std::string>* printed = nullptr;
    script::PackSet packs(script::Limits{}, [&printed](const script::ConsoleMessage& m) {
      if (printed && m.level == script::ConsoleMessage::Level::Print) printed->push_back(m.text);
    });
    packs.add_standard_sources(extra_dirs);
    packs.add_source(entry.dir, "--packs");
    std::error_code ec;
    packs.load();
    // Find the pack under test by its folder: a bundled pack of the same
    // name would otherwise stand in for it.
    const script::PackEntry* loaded = nullptr;
    for (const auto& e : packs.entries())
      if (fs::equivalent(e.dir, entry.dir, ec)) loaded = &e;
    if (!loaded) {
      report.problems.push_back("pack " + name + " (" + entry.dir.string() + ") was not loaded");
      continue;
    }
    if (!loaded->active || !loaded->problems.empty()) {
      for (const auto& p : loaded->problems) report.problems.push_back(p.to_string());
      if (!loaded->active) continue;
    }
    script::ScriptDb db(db_path);
    IndicatorEvaluator evaluator(packs, db);
    script::TestHooks hooks;
    hooks.eval = [&](const std::string& id, const Tree& opts, Tree& out, std::string& error) {
      IndicatorResult r = evaluator.evaluate(id, options_from(opts));
      if (r.provenance.pack.empty()) {
        error = r.error;
        return false;
      }
      out = r.to_tree();
      return true;
    };
    hooks.score = [&](const std::string& rule_id, const Tree& risk, Tree& out, std::string& error) {
      auto rule = packs.find_rule(rule_id);
      if (!rule) {
        error = "no scoring rule '" + rule_id + "'";
        return false;
      }
      ScoredPosition p = score_position(*rule, risk);
      if (!p.error.empty()) {
        error = p.error;
        return false;
      }
      out = Tree::object();
      out.set("score", p.score ? Tree(*p.score) : Tree());
      out.set("band", p.band == Rag::None ? Tree() : Tree(rag_name(p.band)));
      return true;
    };
    std::shared_ptr<script::Pack> pack = loaded->active;
    for (const auto& test : pack->definitions().tests) {
      PackTestOutcome o;
      o.pack = name;
      o.name = test.name;
      o.file = test.site.file;
      o.line = test.site.line;
      script::EvalContext ctx;
      ctx.db = &db;
      ctx.as_of = today_utc();
      ctx.test = &hooks;
      ctx.indicator = evaluator.dependency_resolver({ctx.as_of, {}});  // t.indicator
      const auto start = std::chrono::steady_clock::now();
      printed = &o.printed;
      script::Invocation inv = script::invoke(*pack, test.run_ref, &ctx, {});
      printed = nullptr;
      o.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      o.passed = !inv.error;
      if (inv.error)
        o.message = inv.error->to_string() + (inv.error->traceback.empty() ? "" : "\n" + inv.error->traceback);
      report.outcomes.push_back(std::move(o));
    }
  }
  return report;
}

}  // namespace gb::engine
