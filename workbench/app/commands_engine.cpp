// Engine subcommands: eval, score.
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <tuple>

#include "app/cli.hpp"
#include "app/scenario_option.hpp"
#include "app/watch.hpp"
#include "app/workspace_packs.hpp"
#include "core/command_heap.hpp"
#include "core/csv_cells.hpp"
#include "core/format.hpp"
#include "core/text.hpp"
#include "data/db.hpp"
#include "engine/database.hpp"
#include "engine/evaluator.hpp"
#include "engine/scenario.hpp"
#include "engine/scoring.hpp"
#include "engine/settings.hpp"
#include "engine/stored_results.hpp"
#include "engine/workspace.hpp"
#include "script/call.hpp"

namespace gb::app {

namespace {

using namespace gb::script;

enum class Format { Table, Json, Csv };

Format parse_format(const Args& a) {
  const std::string f = a.get("--format").value_or("table");
  if (f == "table") return Format::Table;
  if (f == "json") return Format::Json;
  if (f == "csv") return Format::Csv;
  throw UsageError("unknown format '" + f + "' (use table, json or csv)");
}

// At most `width` characters of `s` (its first line), ending with "…" when cut.
std::string clip(const std::string& s, std::size_t width) {
  return clip_utf8(s.substr(0, s.find('\n')), width);
}

// `s` in a column `width` characters wide, always followed by at least one
// space: too long, it is cut and ends with "…".
std::string cell(const std::string& s, std::size_t width) {
  const std::size_t n = utf8_length(s);
  if (n < width) return s + std::string(width - n, ' ');
  return clip(s, width - 1) + " ";
}

std::string value_text(const IndicatorResult& r) {
  if (r.status == IndicatorResult::Status::Error) return "ERROR";
  if (r.status == IndicatorResult::Status::NoData) return "no data";
  if (r.value) return format_value(*r.value, r.unit);  // core/format.hpp: as the window and the papers print it
  if (r.kind == IndicatorResult::Kind::Breakdown)
    return format_count(static_cast<long long>(r.breakdown.size()), "groups");
  return "-";
}

std::string rag_text(const IndicatorResult& r) {
  if (r.status == IndicatorResult::Status::Error) return "error";
  if (r.status == IndicatorResult::Status::NoData) return "no data";
  return r.rag == Rag::None ? "-" : rag_name(r.rag);
}

// An indicator's row in the eval table: the id in a 40-character column (a
// longer id has a line of its own, so that it never runs into the value),
// then value, RAG and title; for an error, the title and the reason.
void print_eval_row(const IndicatorResult& r) {
  constexpr std::size_t kId = 40;
  if (utf8_length(r.id) < kId)
    std::cout << cell(r.id, kId);
  else
    std::cout << r.id << "\n" << std::string(kId, ' ');
  std::cout << cell(value_text(r), 16) << cell(rag_text(r), 9);
  if (r.status == IndicatorResult::Status::Error) {
    // The reason without its location (the line below gives it in full).
    std::string reason = r.error;
    std::string file, message;
    int line = 0;
    if (const auto colon = reason.find(": "); reason.starts_with("pack ") && colon != std::string::npos)
      reason = reason.substr(colon + 2);
    split_location(reason, file, line, message);
    if (message.starts_with(r.id + ": ")) message = message.substr(r.id.size() + 2);
    std::cout << (r.title.empty() ? "" : r.title + ": ") << clip(message, 100) << "\n";
    if (r.explanation.empty()) std::cout << "    " << r.error << "\n";
  } else {
    std::cout << r.title << "\n";
  }
  if (!r.explanation.empty()) {
    std::string text = r.explanation;
    for (std::size_t p = text.find('\n'); p != std::string::npos; p = text.find('\n', p + 5))
      text.replace(p, 1, "\n    ");
    std::cout << "    " << text << "\n";
  }
}

// eval --watch keeps its packs, its connection and its evaluator from run
// to run while the pack files, the budgets and the command stay as they
// were: a run after a change to the database then recomputes only the
// indicators that read a table it changed (engine/evaluator.hpp), and the
// others come from the evaluator's cache. Output is as a fresh run's.
struct KeptEvaluation {
  std::string key;
  std::unique_ptr<PackSet> packs;
  std::unique_ptr<ScriptDb> db;
  std::unique_ptr<engine::IndicatorEvaluator> evaluator;
};
KeptEvaluation* g_kept = nullptr;  // while eval --watch runs

// Every file under the folders packs are loaded from, with its size and
// modification time: a save, a new pack or a removed one changes it.
std::string pack_files_stamp(const std::vector<std::string>& extra_dirs) {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots{bundled_packs_dir(), user_packs_dir()};
  for (const auto& d : extra_dirs) roots.emplace_back(d);
  std::string stamp;
  std::error_code ec;
  for (const auto& root : roots) {
    stamp += root.string() + "|";
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const auto size = it->file_size(ec);
      const auto time = it->last_write_time(ec).time_since_epoch().count();
      stamp += it->path().string() + ":" + std::to_string(size) + ":" + std::to_string(time) + ";";
    }
  }
  return stamp;
}

int cmd_eval(const Args& a) {
  const std::string db_path = a.require("--db");
  if (a.has("--watch")) {
    if (a.has("--store")) throw UsageError("--watch and --store do not go together: every run would be stored");
    KeptEvaluation kept;
    struct Keep {
      explicit Keep(KeptEvaluation* k) { g_kept = k; }
      Keep(const Keep&) = delete;
      Keep& operator=(const Keep&) = delete;
      ~Keep() { g_kept = nullptr; }
    } keep(&kept);
    return watch_command(a, cmd_eval, {a.all("--packs"), {}, db_path});
  }
  const Format format = parse_format(a);
  engine::EvalOptions opts;
  opts.as_of = a.as_of();
  for (const auto& p : a.all("--param")) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--param must be NAME=VALUE (got '" + p + "')");
    opts.params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  // The connection the checks open is the one the packs read through, if
  // it is needed: the database's schema is read once.
  std::optional<data::Db> check = engine::open_for_reading(db_path);
  const Limits limits = engine::workspace_limits(*check);
  note_if_read_only("eval", db_path);
  const auto scenario = scenario_option(a, db_path);
  KeptEvaluation fresh;
  // A scenario's overlay is installed for one run: nothing is kept under one.
  KeptEvaluation& run = g_kept && !scenario ? *g_kept : fresh;
  const std::string key = &run == &fresh
                              ? std::string()
                              : db_path + "\n" + std::to_string(limits.time_budget.count()) + "," +
                                    std::to_string(limits.memory_cap) + "\n" + pack_files_stamp(a.all("--packs"));
  if (!run.evaluator || run.key != key) {
    run.evaluator.reset();
    run.db.reset();
    run.packs = std::make_unique<PackSet>(limits, print_console_message);
    add_workspace_packs(*run.packs, a.all("--packs"));
    run.packs->load();
    run.db = std::make_unique<ScriptDb>(std::move(*check));
    run.key = key;
  }
  check.reset();
  PackSet& packs = *run.packs;
  ScriptDb& db = *run.db;
  for (const auto& p : packs.problems()) std::cerr << "govbench: eval: " << p.to_string() << "\n";
  std::optional<engine::ScenarioOverlay> overlay;
  if (scenario) {
    overlay.emplace(db, *scenario);
    if (opts.as_of.empty()) opts.as_of = scenario->as_of;
    std::cerr << "govbench: eval: under scenario '" << scenario->name
              << "' (proposed changes, not the register as stored)\n";
  }
  if (!run.evaluator) run.evaluator = std::make_unique<engine::IndicatorEvaluator>(packs, db);
  engine::IndicatorEvaluator& evaluator = *run.evaluator;
  std::vector<IndicatorResult> results;
  const auto ids = a.all("--indicator");
  if (ids.empty())
    results = evaluator.evaluate_all(opts);
  else
    for (const auto& id : ids) results.push_back(evaluator.evaluate(id, opts));
  // An indicator that is missing because its pack did not load: say so in
  // its row, not only on stderr.
  std::string failed_packs;
  for (const auto& e : packs.entries())
    if (!e.active && e.status != PackEntry::Status::Disabled && !e.problems.empty())
      failed_packs += (failed_packs.empty() ? "" : "; ") + e.problems.front().to_string();
  for (auto& r : results)
    if (r.status == IndicatorResult::Status::Error && r.provenance.pack.empty() && !failed_packs.empty()) {
      r.error += "; a pack failed to load: " + failed_packs;
      r.explanation = r.error;
    }

  if (format == Format::Json) {
    Tree arr = Tree::array();
    for (const auto& r : results) arr.push(r.to_tree());
    std::cout << arr.to_json(true) << "\n";
  } else if (format == Format::Csv) {
    std::string out = "id,title,status,kind,value,unit,rag,explanation,pack,pack_version,file,line,as_of\r\n";
    for (const auto& r : results) {
      std::string line;
      auto add = [&](const std::string& s) {
        if (!line.empty()) line.push_back(',');
        append_spreadsheet_cell(line, s);  // for people: formulas neutralised
      };
      add(r.id);
      add(r.title);
      add(status_name(r.status));
      add(kind_name(r.kind));
      line += ",";
      if (r.value) line += format_double(*r.value);
      add(r.unit);
      add(r.rag == Rag::None ? "" : rag_name(r.rag));
      add(r.explanation);
      add(r.provenance.pack);
      add(r.provenance.pack_version);
      add(r.provenance.file);
      add(r.provenance.line ? std::to_string(r.provenance.line) : "");
      add(r.provenance.as_of);
      out += line + "\r\n";
    }
    std::cout << out;
  } else {
    std::cout << cell("INDICATOR", 40) << cell("VALUE", 16) << cell("RAG", 9) << "TITLE\n";
    for (const auto& r : results) print_eval_row(r);
    // A pack that did not load has no indicators to list: a row of its own
    // says why (evaluating every indicator).
    if (ids.empty())
      for (const auto& e : packs.entries()) {
        if (e.active || e.status == PackEntry::Status::Disabled || e.problems.empty()) continue;
        IndicatorResult failed;
        failed.id = "pack " + e.name();
        failed.title = "did not load";
        failed.status = IndicatorResult::Status::Error;
        failed.error = e.problems.front().to_string();
        for (const auto& p : e.problems) failed.explanation += (failed.explanation.empty() ? "" : "\n") + p.to_string();
        print_eval_row(failed);
      }
  }
  if (a.has("--store")) engine::store_indicator_results(db_path, results);
  int failed = 0;
  for (const auto& r : results) failed += r.status == IndicatorResult::Status::Error;
  if (failed) std::cerr << "govbench: eval: " << failed << (failed == 1 ? " indicator" : " indicators") << " failed\n";
  // Nothing reads them again: a one-shot command leaves the results, the
  // packs' states and their read-only connection to the exit
  // (core/command_heap.hpp). The overlay's temporary tables go first. Not
  // under --watch, which runs this again and again (a scenario's run is
  // fresh each time).
  if (&run == &fresh && !g_kept) {
    overlay.reset();
    leave_to_exit(std::make_unique<std::vector<IndicatorResult>>(std::move(results)));
    leave_to_exit(std::move(fresh.evaluator));
    leave_to_exit(std::move(fresh.db));
    leave_to_exit(std::move(fresh.packs));
  }
  return failed ? 1 : 0;
}

std::string position_text(const engine::ScoredPosition& p) {
  if (p.likelihood.empty()) return "-";
  std::string s = p.likelihood + " v " + p.impact;
  if (p.score) s += " = " + format_number(*p.score);
  if (p.band != Rag::None) s += std::string(" ") + rag_name(p.band);
  if (!p.error.empty()) s += " (error)";
  return s;
}

// Whether two rules place a position differently (score or band).
bool position_differs(const engine::ScoredPosition& a, const engine::ScoredPosition& b) {
  return a.band != b.band || a.score != b.score;
}

Tree register_tree(const engine::ScoredRegister& reg) {
  Tree t = Tree::object();
  t.set("rule", reg.rule_id);
  t.set("rule_title", reg.rule_title);
  t.set("pack", reg.pack);
  t.set("pack_version", reg.pack_version);
  t.set("as_of", reg.as_of);
  Tree counts = Tree::object();
  counts.set("red", reg.red);
  counts.set("amber", reg.amber);
  counts.set("green", reg.green);
  if (reg.blue) counts.set("blue", reg.blue);
  if (reg.unscored) counts.set("unscored", reg.unscored);
  t.set("counts", std::move(counts));
  if (reg.reported) {
    Tree rep = Tree::object();
    rep.set("period", reg.reported->period);
    rep.set("source", reg.reported->source);
    rep.set("green", reg.reported->green);
    rep.set("amber", reg.reported->amber);
    rep.set("red", reg.reported->red);
    t.set("reported_progress_rag", std::move(rep));
  }
  Tree risks = Tree::array();
  for (const auto& r : reg.risks) {
    Tree x = Tree::object();
    x.set("ref", r.ref);
    x.set("name", r.name);
    x.set("term", r.term);
    x.set("trend", r.trend);
    x.set("assessed", r.as_of);
    auto pos = [](const engine::ScoredPosition& p) {
      Tree o = Tree::object();
      o.set("likelihood", p.likelihood.empty() ? Tree() : Tree(p.likelihood));
      o.set("impact", p.impact.empty() ? Tree() : Tree(p.impact));
      o.set("score", p.score ? Tree(*p.score) : Tree());
      o.set("band", p.band == Rag::None ? Tree() : Tree(rag_name(p.band)));
      if (!p.error.empty()) o.set("error", p.error);
      return o;
    };
    x.set("current", pos(r.current));
    x.set("target", pos(r.target));
    risks.push(std::move(x));
  }
  t.set("risks", std::move(risks));
  return t;
}

int cmd_score(const Args& a) {
  const std::string db_path = a.require("--db");
  const Format format = parse_format(a);
  std::string as_of = a.as_of();
  Limits limits;
  std::string rule_id;
  {
    data::Db check = engine::open_for_reading(db_path);
    limits = engine::workspace_limits(check);
    note_if_read_only("score", db_path);
    rule_id = a.get("--rule").value_or(engine::active_scoring_rule(check));
  }
  PackSet packs(limits, print_console_message);
  add_workspace_packs(packs, a.all("--packs"));
  packs.load();
  for (const auto& p : packs.problems()) std::cerr << "govbench: score: " << p.to_string() << "\n";
  ScriptDb db(db_path);
  const auto scenario = scenario_option(a, db_path);
  std::optional<engine::ScenarioOverlay> overlay;
  if (scenario) {
    overlay.emplace(db, *scenario);
    if (as_of.empty()) as_of = scenario->as_of;
    std::cerr << "govbench: score: under scenario '" << scenario->name
              << "' (proposed changes, not the register as stored)\n";
  }
  const engine::ScoredRegister reg = engine::score_register(packs, db, rule_id, as_of);
  std::optional<engine::ScoredRegister> other;
  if (auto cmp = a.get("--compare")) other = engine::score_register(packs, db, *cmp, as_of);

  if (format == Format::Json) {
    Tree t = register_tree(reg);
    if (other) {
      Tree moves = Tree::array();
      for (std::size_t i = 0; i < reg.risks.size(); ++i) {
        const auto& x = reg.risks[i];
        const auto& y = other->risks[i];
        for (const auto& [position, mine, theirs] :
             {std::tuple{"current", &x.current, &y.current}, std::tuple{"target", &x.target, &y.target}}) {
          if (!position_differs(*mine, *theirs)) continue;
          Tree m = Tree::object();
          m.set("ref", x.ref);
          m.set("name", x.name);
          m.set("position", position);
          m.set(reg.rule_id, position_text(*mine));
          m.set(other->rule_id, position_text(*theirs));
          m.set("band_changes", mine->band != theirs->band);
          moves.push(std::move(m));
        }
      }
      t.set("compare", register_tree(*other));
      t.set("differences", std::move(moves));
    }
    std::cout << t.to_json(true) << "\n";
  } else if (format == Format::Csv) {
    std::cout << "ref,name,term,trend,likelihood,impact,score,band,target_likelihood,target_impact,target_score,target_"
                 "band,rule\r\n";
    for (const auto& r : reg.risks) {
      std::string line = std::to_string(r.ref);
      auto add = [&](const std::string& s) {
        line.push_back(',');
        append_spreadsheet_cell(line, s);  // for people: formulas neutralised
      };
      add(r.name);
      add(r.term);
      add(r.trend);
      for (const auto* p : {&r.current, &r.target}) {
        add(p->likelihood);
        add(p->impact);
        line += ",";
        if (p->score) line += format_double(*p->score);
        add(p->band == Rag::None ? "" : rag_name(p->band));
      }
      add(reg.rule_id);
      std::cout << line << "\r\n";
    }
  } else {
    std::cout << "Risk register as at " << reg.as_of << ", scored with " << reg.rule_id << " (" << reg.rule_title
              << ", pack " << reg.pack << " " << reg.pack_version << ")\n\n";
    std::cout << cell("REF", 5) << cell("RISK", 28) << cell("TERM", 6) << cell("TREND", 11) << cell("CURRENT", 20)
              << "TARGET\n";
    for (const auto& r : reg.risks)
      std::cout << cell(std::to_string(r.ref), 5) << cell(r.name, 28) << cell(r.term, 6) << cell(r.trend, 11)
                << cell(position_text(r.current), 20) << position_text(r.target) << "\n";
    std::cout << "\n" << reg.red << " red, " << reg.amber << " amber, " << reg.green << " green";
    if (reg.blue) std::cout << ", " << reg.blue << " blue";
    if (reg.unscored) std::cout << ", " << reg.unscored << " not scored";
    std::cout << " (current positions, by heat-map band)\n";
    if (reg.reported)
      std::cout << "As reported for progress towards target (" << reg.reported->period << "): " << reg.reported->green
                << " green, " << reg.reported->amber << " amber, " << reg.reported->red << " red  ["
                << reg.reported->source << "]\n";
    if (other) {
      std::cout << "\nCompared with " << other->rule_id << " (" << other->rule_title << "): " << other->red << " red, "
                << other->amber << " amber, " << other->green << " green\n";
      int moved = 0;
      for (std::size_t i = 0; i < reg.risks.size(); ++i) {
        const auto& x = reg.risks[i];
        const auto& y = other->risks[i];
        for (const auto& [position, mine, theirs] :
             {std::tuple{"current", &x.current, &y.current}, std::tuple{"target", &x.target, &y.target}}) {
          if (!position_differs(*mine, *theirs)) continue;
          if (!moved++)
            std::cout << "  " << cell("REF", 4) << cell("RISK", 28) << cell("POSITION", 9) << cell(reg.rule_id, 20)
                      << "   " << other->rule_id << "\n";
          std::cout << "  " << cell(std::to_string(x.ref), 4) << cell(x.name, 28) << cell(position, 9)
                    << cell(position_text(*mine), 20) << "-> " << position_text(*theirs)
                    << (mine->band != theirs->band ? "  (band changes)" : "") << "\n";
        }
      }
      if (!moved) std::cout << "  no risk moves (current or target)\n";
    }
  }
  for (const auto& e : reg.errors) std::cerr << "govbench: score: " << e << "\n";
  if (other)
    for (const auto& e : other->errors) std::cerr << "govbench: score: " << e << "\n";
  if (a.has("--store")) {
    const int stored = engine::store_risk_scores(db_path, reg);
    std::cerr << "stored " << stored << " scores (rule " << reg.rule_id << ")\n";
  }
  return reg.errors.empty() && (!other || other->errors.empty()) ? 0 : 1;
}

// The parameters the loaded packs declare (pack.lua's `parameters`): the
// settings pack.<pack>.<name> a database may give them.
struct DeclaredParameter {
  std::string key;
  PackParameter parameter;
};
std::vector<DeclaredParameter> declared_parameters(const Args& a) {
  PackSet packs(Limits{}, print_console_message);
  add_workspace_packs(packs, a.all("--packs"));
  packs.load();
  std::vector<DeclaredParameter> out;
  for (const auto& e : packs.entries())
    if (e.active)
      for (const auto& p : e.active->manifest().parameters)
        out.push_back({pack_parameter_key(e.active->name(), p.name), p});
  return out;
}

int cmd_setting(const Args& a) {
  const std::string db_path = a.require("--db");
  const auto& pos = a.positional();
  static const char* kKeys[] = {engine::kSettingScoringRule, engine::kSettingTimeBudgetMs, engine::kSettingMemoryCapMb};
  if (pos.empty()) {
    data::Db db = engine::open_for_reading(db_path);
    for (const char* k : kKeys) std::cout << k << " = " << engine::setting(db, k).value_or("(default)") << "\n";
    for (const auto& d : declared_parameters(a))
      std::cout << d.key << " = " << engine::setting(db, d.key).value_or("(default: " + d.parameter.default_value + ")")
                << "\n";
    return 0;
  }
  const std::string& key = pos[0];
  const bool pack_key = key.starts_with("pack.");
  std::optional<DeclaredParameter> parameter;
  if (pack_key) {
    const auto declared = declared_parameters(a);
    for (const auto& d : declared)
      if (d.key == key) parameter = d;
    if (!parameter) {
      std::string known;
      for (const auto& d : declared) known += (known.empty() ? "" : ", ") + d.key;
      throw Error("no loaded pack declares the parameter '" + key + "' (declared: " + (known.empty() ? "none" : known) +
                  "; a pack declares them in pack.lua's parameters)");
    }
  } else if (std::find_if(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return key == k; }) ==
             std::end(kKeys)) {
    throw UsageError("unknown setting '" + key +
                     "' (known: scoring.rule, script.time_budget_ms, script.memory_cap_mb, pack.<pack>.<parameter>)");
  }
  if (pos.size() == 1) {
    data::Db db = engine::open_for_reading(db_path);
    std::cout << engine::setting(db, key).value_or(parameter ? "(default: " + parameter->parameter.default_value + ")"
                                                             : "(default)")
              << "\n";
    return 0;
  }
  const std::string& value = pos[1];
  if (pack_key && trim(value).empty()) throw Error("a pack parameter's value may not be empty");
  if (key == engine::kSettingScoringRule) {
    // Only a rule some loaded pack defines can become the active one.
    PackSet packs(Limits{}, print_console_message);
    add_workspace_packs(packs, a.all("--packs"));
    packs.load();
    if (!packs.find_rule(value)) {
      std::string known;
      for (const auto& r : packs.rules()) known += (known.empty() ? "" : ", ") + r.def->id;
      throw Error("no scoring rule '" + value + "' in the loaded packs (known: " + known + ")");
    }
  }
  data::Db db = engine::open_for_editing(db_path);
  engine::change_setting(db, key, value);
  std::cout << key << " = " << value << "\n";
  return 0;
}

}  // namespace

void register_engine_commands(std::vector<Command>& out) {
  out.push_back({"setting",
                 "show or change workspace settings",
                 R"(usage: govbench setting --db FILE [KEY [VALUE]] [--packs DIR]...

With no KEY, lists the workspace settings kept in the database; with KEY,
shows one; with KEY VALUE, changes it (recorded in the audit log).

  scoring.rule            the active scoring rule (default met.lxi4); must
                          be a rule a loaded pack defines
  script.time_budget_ms   time budget per call into pack code (default 2000)
  script.memory_cap_mb    memory cap per pack (default 256)
  pack.<pack>.<name>      a parameter a loaded pack declares in pack.lua's
                          `parameters` (listed with their defaults when no
                          KEY is given), such as the table an imported file
                          was imported as: the pack reads it with
                          ctx.pack_param(name)

Changing the active rule never rewrites stored scores: each records the
rule and pack version that produced it.

example:
  govbench setting --db demo.db scoring.rule met.grid5
  govbench setting --db demo.db pack.trust-confidence.groups_table pas_2024
)",
                 {{"--db", true}, {"--packs", true, true}},
                 0,
                 2,
                 cmd_setting});
  out.push_back({"eval",
                 "evaluate indicators",
                 R"(usage: govbench eval --db FILE [--packs DIR]... [--indicator ID]... [--as-of DATE]
                     [--param NAME=VALUE]... [--format table|json|csv] [--store]
                     [--scenario NAME] [--watch]

Evaluates every indicator of the loaded packs (or only those named with
--indicator) on the database, and prints each one's value, unit, RAG, the
working that explains it, and where it came from (pack, version, file, line).
An indicator that fails is reported as an error (never as red), with its
title and the reason in its row and the full message (file and line) below
it, and the others are still evaluated; the exit status is then 1. A pack
that does not load gets a row saying why. An id too long for its column
has a line of its own.

  --db FILE          the governance database (opened read-only for packs)
  --packs DIR        also load the packs in DIR (repeatable)
  --indicator ID     evaluate this indicator (repeatable; default: all)
  --as-of DATE       evaluate as at a past date, e.g. 2021-12-31
  --param K=V        a parameter for the indicators (repeatable)
  --format FMT       table (default), json or csv (for a spreadsheet: a
                     cell that would run as a formula, one beginning =, +,
                     -, @, tab or CR that is not a number, gets a ' in front)
  --scenario NAME    evaluate under a what-if scenario (govbench scenario
                     --help); --as-of then defaults to the scenario's date
  --store            also store the results, with their provenance and the
                     database's content fingerprint, in indicator_results
                     (not with --scenario)
  --watch            keep running: evaluate again whenever a pack file is
                     saved (or the database changes), printing the new
                     values and the lines that changed since the last run;
                     the screen is cleared between runs on a terminal.
                     Ctrl+C stops it.

examples:
  govbench eval --db demo.db
  govbench eval --db demo.db --packs ~/packs --indicator my-gap.gap --watch
  govbench eval --db demo.db --indicator risk.count --as-of 2021-06-30 --format json
)",
                 {{"--db", true},
                  {"--packs", true, true},
                  {"--indicator", true, true},
                  {"--as-of", true},
                  {"--param", true, true},
                  {"--format", true},
                  {"--store"},
                  {"--scenario", true},
                  {"--watch"}},
                 0,
                 0,
                 cmd_eval});
  out.push_back({"score",
                 "score the risk register with a rule",
                 R"(usage: govbench score --db FILE [--rule ID] [--compare ID] [--as-of DATE]
                      [--packs DIR]... [--format table|json|csv] [--store]
                      [--scenario NAME]

Scores every corporate risk's current and target position with a scoring
rule (default: the workspace's active rule, else met.lxi4) as the register
stood at --as-of (default today), and prints the scores, bands and the
count of risks in each band.

  --rule ID          the rule to score with
  --compare ID       also score with this rule and list every position
                     (current and target) whose score or band differs
  --as-of DATE       the register as it stood on this date
  --scenario NAME    score under a what-if scenario (govbench scenario
                     --help); --as-of then defaults to the scenario's date
  --format FMT       table (default), json or csv (for a spreadsheet: a cell
                     that would run as a formula gets a ' in front)
  --store            store the scores in risk_scores, each naming the rule
                     and pack version that produced it (stored scores are
                     never rewritten when the active rule changes)

example:
  govbench score --db demo.db --compare met.grid5
)",
                 {{"--db", true},
                  {"--rule", true},
                  {"--compare", true},
                  {"--as-of", true},
                  {"--packs", true, true},
                  {"--format", true},
                  {"--store"},
                  {"--scenario", true}},
                 0,
                 0,
                 cmd_score});
}

}  // namespace gb::app
