// What-if subcommands: scenario new, list, show, set, unset, compare, copy,
// apply, discard. Each is registered as "scenario VERB" so each has its own
// --help; "scenario" alone lists them.
#include <iostream>

#include "app/cli.hpp"
#include "app/scenario_option.hpp"
#include "app/workspace_packs.hpp"
#include "core/dates.hpp"
#include "core/format.hpp"
#include "core/text.hpp"
#include "data/scenario_model.hpp"
#include "engine/database.hpp"
#include "engine/edit_path.hpp"
#include "engine/evaluator.hpp"
#include "engine/scenario.hpp"
#include "engine/settings.hpp"
#include "engine/workspace.hpp"

namespace gb::app {

namespace {

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t n = utf8_length(s);
  if (n < width) return s + std::string(width - n, ' ');
  return s + " ";
}

std::string name_arg(const Args& a, std::size_t i = 0) {
  if (a.positional().size() <= i) throw UsageError("name the scenario");
  return a.positional()[i];
}

std::string result_text(const IndicatorResult& r) {
  if (r.status == IndicatorResult::Status::Error) return "error";
  if (r.status == IndicatorResult::Status::NoData) return "no data";
  // As eval, the window and the papers print it (core/format.hpp).
  std::string s = r.value ? format_value(*r.value, r.unit)
                  : r.kind == IndicatorResult::Kind::Breakdown
                      ? format_count(static_cast<long long>(r.breakdown.size()), "groups")
                      : "-";
  if (r.rag != Rag::None) s += std::string(" ") + rag_name(r.rag);
  return s;
}

std::string signed_number(double v) {
  return (v > 0 ? "+" : "") + format_number(v);
}

Tree position_tree(const engine::ScoredPosition& p) {
  Tree o = Tree::object();
  o.set("likelihood", p.likelihood.empty() ? Tree() : Tree(p.likelihood));
  o.set("impact", p.impact.empty() ? Tree() : Tree(p.impact));
  o.set("score", p.score ? Tree(*p.score) : Tree());
  o.set("band", p.band == Rag::None ? Tree() : Tree(rag_name(p.band)));
  return o;
}

Tree scenario_tree(const data::Scenario& s) {
  Tree t = Tree::object();
  t.set("name", s.name);
  t.set("as_of", s.as_of);
  t.set("description", s.description);
  t.set("session_id", s.session_id ? Tree(*s.session_id) : Tree());
  t.set("created_at", s.created_at);
  t.set("created_by", s.created_by);
  t.set("applied_at", s.applied_at ? Tree(*s.applied_at) : Tree());
  Tree changes = Tree::array();
  for (const auto& c : s.changes) {
    Tree x = Tree::object();
    x.set("kind", c.kind);
    x.set("what", c.label);
    x.set("baseline", c.baseline);
    x.set("proposed", c.proposed);
    changes.push(std::move(x));
  }
  t.set("changes", std::move(changes));
  return t;
}

Tree diff_tree(const engine::OutcomeDiff& d) {
  Tree t = Tree::object();
  t.set("rule", d.rule_id);
  Tree moves = Tree::array();
  for (const auto& m : d.risks) {
    if (!m.moved()) continue;
    Tree x = Tree::object();
    x.set("ref", m.ref);
    x.set("name", m.name);
    x.set("from", position_tree(m.from));
    x.set("to", position_tree(m.to));
    moves.push(std::move(x));
  }
  t.set("risks_moved", std::move(moves));
  Tree inds = Tree::array();
  for (const auto& c : d.indicators) {
    if (!c.changed) continue;
    Tree x = Tree::object();
    x.set("id", c.id);
    x.set("title", c.title);
    x.set("unit", c.unit);
    x.set("from", c.from.value ? Tree(*c.from.value) : Tree());
    x.set("to", c.to.value ? Tree(*c.to.value) : Tree());
    x.set("delta", c.delta ? Tree(*c.delta) : Tree());
    x.set("from_rag", c.from.rag == Rag::None ? Tree() : Tree(rag_name(c.from.rag)));
    x.set("to_rag", c.to.rag == Rag::None ? Tree() : Tree(rag_name(c.to.rag)));
    if (!c.groups.empty()) {
      Tree groups = Tree::array();
      for (const auto& g : c.groups) {
        Tree y = Tree::object();
        y.set("group", g.group);
        y.set("from", g.from ? Tree(*g.from) : Tree());
        y.set("to", g.to ? Tree(*g.to) : Tree());
        groups.push(std::move(y));
      }
      x.set("groups", std::move(groups));
    }
    inds.push(std::move(x));
  }
  t.set("indicators_changed", std::move(inds));
  Tree bands = Tree::object();
  bands.set("from", "red " + std::to_string(d.from_red) + ", amber " + std::to_string(d.from_amber) + ", green " +
                        std::to_string(d.from_green));
  bands.set("to", "red " + std::to_string(d.to_red) + ", amber " + std::to_string(d.to_amber) + ", green " +
                      std::to_string(d.to_green));
  t.set("bands", std::move(bands));
  return t;
}

void print_changes(const data::Scenario& s) {
  std::cout << "Scenario '" << s.name << "' (changes take effect " << s.as_of << "; "
            << (s.applied() ? "applied " + *s.applied_at : std::string("not applied")) << ")\n";
  if (!s.description.empty()) std::cout << "  " << s.description << "\n";
  if (s.changes.empty()) std::cout << "  no changes yet: add one with 'govbench scenario set'\n";
  for (const auto& c : s.changes) std::cout << "  " << pad(c.label, 48) << c.baseline << " -> " << c.proposed << "\n";
}

void print_diff(const engine::OutcomeDiff& d, const std::string& from, const std::string& to) {
  std::cout << "\nHeat map (" << d.rule_id << "): " << d.moved_count()
            << (d.moved_count() == 1 ? " risk moves" : " risks move") << "; red " << d.from_red << " -> " << d.to_red
            << ", amber " << d.from_amber << " -> " << d.to_amber << ", green " << d.from_green << " -> " << d.to_green
            << "\n";
  if (d.moved_count()) {
    std::cout << "  " << pad("REF", 5) << pad("RISK", 30) << pad(from, 22) << "   " << to << "\n";
    for (const auto& m : d.risks)
      if (m.moved())
        std::cout << "  " << pad(std::to_string(m.ref), 5) << pad(m.name, 30)
                  << pad(engine::scored_position_text(m.from), 22) << "-> " << engine::scored_position_text(m.to)
                  << "\n";
  }
  if (d.indicators.empty()) return;
  std::cout << "\nIndicators: " << d.changed_indicator_count() << " of " << d.indicators.size() << " change\n";
  if (!d.changed_indicator_count()) return;
  std::cout << "  " << pad("INDICATOR", 38) << pad(from, 18) << pad(to, 18) << "DELTA\n";
  for (const auto& c : d.indicators)
    if (c.changed) {
      std::string delta = c.delta ? signed_number(*c.delta) : std::string("-");
      if (!c.delta && !c.groups.empty()) {  // a breakdown: the groups that change
        delta.clear();
        for (std::size_t i = 0; i < c.groups.size() && i < 4; ++i) {
          const auto& g = c.groups[i];
          delta += (i ? ", " : "") + g.group + ": " + (g.from ? format_number(*g.from) : "-") + " -> " +
                   (g.to ? format_number(*g.to) : "-");
        }
        if (c.groups.size() > 4) delta += ", ... (" + std::to_string(c.groups.size()) + " groups)";
      }
      std::cout << "  " << pad(c.id, 38) << pad(result_text(c.from), 18) << pad(result_text(c.to), 18) << delta << "\n";
    }
}

// Packs, the script connection and an evaluator, for show and compare.
struct EvalSetup {
  explicit EvalSetup(const Args& a, const std::string& db_path) {
    script::Limits limits;
    {
      data::Db check = engine::open_for_reading(db_path);
      limits = engine::workspace_limits(check);
      rule = a.get("--rule").value_or(engine::active_scoring_rule(check));
    }
    packs = std::make_unique<script::PackSet>(limits, print_console_message);
    add_workspace_packs(*packs, a.all("--packs"));
    packs->load();
    for (const auto& p : packs->problems()) std::cerr << "govbench: scenario: " << p.to_string() << "\n";
    db = std::make_unique<script::ScriptDb>(db_path);
    evaluator = std::make_unique<engine::IndicatorEvaluator>(*packs, *db);
  }
  std::string rule;
  std::unique_ptr<script::PackSet> packs;
  std::unique_ptr<script::ScriptDb> db;
  std::unique_ptr<engine::IndicatorEvaluator> evaluator;
};

bool json_format(const Args& a) {
  const std::string f = a.get("--format").value_or("table");
  if (f != "table" && f != "json") throw UsageError("unknown format '" + f + "' (use table or json)");
  return f == "json";
}

int cmd_scenario(const Args& a) {
  throw UsageError(a.positional().empty()
                       ? "name what to do: new, list, show, set, unset, compare, copy, apply or discard"
                       : "no scenario command '" + a.positional()[0] + "'");
}

int cmd_new(const Args& a) {
  data::Db db = engine::open_for_editing(a.require("--db"));
  std::optional<std::int64_t> session;
  if (auto s = a.get("--session")) {
    try {
      session = std::stoll(*s);
    } catch (const std::exception&) {
      throw UsageError("--session must be a session id (got '" + *s + "')");
    }
  }
  const std::string name = name_arg(a);
  engine::EditPath(db).create_scenario({.name = name,
                                        .as_of = a.as_of(today_utc()),
                                        .description = a.get("--description").value_or(""),
                                        .session_id = session});
  std::cout << "created scenario '" << name << "'\n";
  return 0;
}

int cmd_list(const Args& a) {
  data::Db db = engine::open_for_reading(a.require("--db"));
  const auto all = data::list_scenarios(db);
  if (all.empty()) {
    std::cout << "no scenarios\n";
    return 0;
  }
  std::cout << pad("NAME", 28) << pad("AS OF", 12) << pad("CHANGES", 9) << pad("STATE", 10) << "CREATED\n";
  for (const auto& s : all)
    std::cout << pad(s.name, 28) << pad(s.as_of, 12) << pad(std::to_string(s.changes.size()), 9)
              << pad(s.applied() ? "applied" : "open", 10) << s.created_at.substr(0, 16) << " " << s.created_by << "\n";
  return 0;
}

int cmd_show(const Args& a) {
  const std::string db_path = a.require("--db");
  const bool json = json_format(a);
  data::Scenario s;
  {
    data::Db db = engine::open_for_reading(db_path);
    s = data::require_scenario(db, name_arg(a));
  }
  EvalSetup e(a, db_path);
  const std::string as_of = a.as_of(s.as_of);
  const engine::OutcomeDiff d =
      engine::compare_scenarios(*e.packs, *e.db, *e.evaluator, nullptr, &s, e.rule, as_of, !a.has("--no-indicators"));
  if (json) {
    Tree t = scenario_tree(s);
    t.set("evaluated_as_of", as_of);
    t.set("difference", diff_tree(d));
    std::cout << t.to_json(true) << "\n";
  } else {
    print_changes(s);
    print_diff(d, "BASELINE", "SCENARIO");
  }
  return 0;
}

int cmd_compare(const Args& a) {
  const std::string db_path = a.require("--db");
  const bool json = json_format(a);
  data::Scenario x, y;
  {
    data::Db db = engine::open_for_reading(db_path);
    x = data::require_scenario(db, name_arg(a, 0));
    y = data::require_scenario(db, name_arg(a, 1));
  }
  EvalSetup e(a, db_path);
  const std::string as_of = a.as_of(std::max(x.as_of, y.as_of));
  const engine::OutcomeDiff d =
      engine::compare_scenarios(*e.packs, *e.db, *e.evaluator, &x, &y, e.rule, as_of, !a.has("--no-indicators"));
  if (json) {
    Tree t = Tree::object();
    t.set("from", scenario_tree(x));
    t.set("to", scenario_tree(y));
    t.set("evaluated_as_of", as_of);
    t.set("difference", diff_tree(d));
    std::cout << t.to_json(true) << "\n";
  } else {
    print_changes(x);
    print_changes(y);
    print_diff(d, x.name, y.name);
  }
  return 0;
}

int cmd_set(const Args& a) {
  data::Db db = engine::open_for_editing(a.require("--db"));
  const data::Scenario s = data::require_scenario(db, name_arg(a));
  const int targets = a.has("--risk") + a.has("--control") + a.has("--action");
  if (targets != 1) throw UsageError("name exactly one of --risk REF, --control REF.N or --action PLAN.N");
  if (auto ref = a.get("--risk")) {
    if (a.has("--progress") || a.has("--status") || a.has("--rag"))
      throw UsageError("--risk takes --likelihood and/or --impact");
    engine::EditPath(db).set_risk_change(
        s.id,
        {.risk_id = data::risk_id_for_ref(db, *ref), .likelihood = a.get("--likelihood"), .impact = a.get("--impact")});
  } else if (auto control = a.get("--control")) {
    if (!a.has("--progress") || a.has("--likelihood") || a.has("--impact") || a.has("--status") || a.has("--rag"))
      throw UsageError("--control takes --progress");
    engine::EditPath(db).set_control_change(
        s.id, {.control_id = data::control_id_for(db, *control), .progress = *a.get("--progress")});
  } else {
    if (a.has("--likelihood") || a.has("--impact") || a.has("--progress"))
      throw UsageError("--action takes --status and/or --rag");
    engine::EditPath(db).set_action_change(
        s.id,
        {.item_id = data::action_id_for(db, *a.get("--action")), .status = a.get("--status"), .rag = a.get("--rag")});
  }
  print_changes(data::load_scenario(db, s.id));
  return 0;
}

int cmd_unset(const Args& a) {
  data::Db db = engine::open_for_editing(a.require("--db"));
  const data::Scenario s = data::require_scenario(db, name_arg(a));
  bool removed = false;
  engine::EditPath edits(db);
  if (auto ref = a.get("--risk"))
    removed = edits.remove_change(s.id, "risk", data::risk_id_for_ref(db, *ref)).changed;
  else if (auto c = a.get("--control"))
    removed = edits.remove_change(s.id, "control", data::control_id_for(db, *c)).changed;
  else if (auto i = a.get("--action"))
    removed = edits.remove_change(s.id, "action", data::action_id_for(db, *i)).changed;
  else
    throw UsageError("name one of --risk REF, --control REF.N or --action PLAN.N");
  if (!removed) throw Error("scenario '" + s.name + "' has no change to that");
  print_changes(data::load_scenario(db, s.id));
  return 0;
}

int cmd_copy(const Args& a) {
  data::Db db = engine::open_for_editing(a.require("--db"));
  const data::Scenario s = data::require_scenario(db, name_arg(a, 0));
  engine::EditPath(db).copy_scenario(s.id, name_arg(a, 1));
  std::cout << "copied scenario '" << s.name << "' to '" << a.positional()[1] << "'\n";
  return 0;
}

int cmd_apply(const Args& a) {
  data::Db db = engine::open_for_editing(a.require("--db"));
  const data::Scenario s = data::require_scenario(db, name_arg(a));
  if (!a.has("--yes"))
    throw UsageError("applying changes the register; add --yes to apply scenario '" + s.name + "' (" +
                     std::to_string(s.changes.size()) + (s.changes.size() == 1 ? " change)" : " changes)"));
  const auto edits = engine::EditPath(db).apply_scenario(s.id);
  std::cout << "applied scenario '" << s.name << "':\n";
  for (const auto& e : edits)
    std::cout << "  " << (e.changed() ? "edit " + std::to_string(e.edit_id) + ": " : std::string("unchanged: "))
              << e.description << "\n";
  return 0;
}

int cmd_discard(const Args& a) {
  data::Db db = engine::open_for_editing(a.require("--db"));
  const data::Scenario s = data::require_scenario(db, name_arg(a));
  engine::EditPath(db).discard_scenario(s.id);
  std::cout << "discarded scenario '" << s.name << "'\n";
  return 0;
}

}  // namespace

std::optional<data::Scenario> scenario_option(const Args& a, const std::string& db_path) {
  const auto name = a.get("--scenario");
  if (!name) return std::nullopt;
  if (a.has("--store")) throw UsageError("--store records the register as stored; it cannot be used with --scenario");
  data::Db db = engine::open_for_reading(db_path);
  return data::require_scenario(db, *name);
}

namespace {

// The options of show and compare (built when the commands are, not before
// main: a vector's allocation may throw).
std::vector<OptionSpec> eval_options() {
  return {{"--db", true},    {"--packs", true, true}, {"--rule", true},
          {"--as-of", true}, {"--format", true},      {"--no-indicators"}};
}

}  // namespace

void register_scenario_commands(std::vector<Command>& out) {
  out.push_back({"scenario",
                 "what-if scenarios: new, list, show, set, unset, compare, copy, apply, discard",
                 R"(usage: govbench scenario VERB ... --db FILE    (govbench scenario VERB --help for each)

A scenario is a named set of proposed changes to the register (a risk's
likelihood or impact, a key control's progress, an action's status or RAG),
kept apart from the register. Indicators, scores and views are computed
under it without changing or copying the database; 'apply' makes the
changes for real, through the same validated edits and audit log as any
edit.

  new NAME         create an empty scenario
  list             list scenarios
  set NAME         add or replace a proposed change
  unset NAME       remove a proposed change
  show NAME        its changes and what they do: heat-map moves, indicator deltas
  compare A B      two scenarios side by side
  copy A B         save A under the new name B
  apply NAME       make its changes in the register (all or nothing)
  discard NAME     delete it

eval, score and render take --scenario NAME to compute under a scenario.

example:
  govbench scenario new "risk 9 up" --db demo.db
  govbench scenario set "risk 9 up" --db demo.db --risk 9 --likelihood H
  govbench scenario show "risk 9 up" --db demo.db
)",
                 {{"--db", true}},
                 0,
                 100,
                 cmd_scenario});
  out.push_back({"scenario new",
                 "create a scenario",
                 R"(usage: govbench scenario new NAME --db FILE [--as-of DATE] [--description TEXT] [--session ID]

Creates an empty scenario. Its changes take effect on --as-of (default
today): a risk change is that date's assessment, a control change that
date's quarter, as 'apply' will record them.

  --session ID     the review session it is discussed in
)",
                 {{"--db", true}, {"--as-of", true}, {"--description", true}, {"--session", true}},
                 1,
                 1,
                 cmd_new});
  out.push_back({"scenario list",
                 "list scenarios",
                 "usage: govbench scenario list --db FILE\n\nEvery scenario: name, date, number of changes, open or "
                 "applied, who created it and when.\n",
                 {{"--db", true}},
                 0,
                 0,
                 cmd_list});
  out.push_back({"scenario set",
                 "add or replace a proposed change",
                 R"(usage: govbench scenario set NAME --db FILE --risk REF [--likelihood L] [--impact I]
       govbench scenario set NAME --db FILE --control REF.N --progress P
       govbench scenario set NAME --db FILE --action PLAN.N [--status S] [--rag R]

Adds a proposed change to the scenario, or replaces its change to the same
risk, control or action. Nothing in the register changes.

  --risk REF         a corporate risk by ref (9)
  --likelihood L     VL, L, M, H or VH (default: as it stands)
  --impact I         VL, L, M, H or VH (default: as it stands)
  --control REF.N    risk REF's key control N (9.2), or a control id
  --progress P       on_track, limited, slipped or no_progress
  --action PLAN.N    action N of plan PLAN (RT.3), or an action item id
  --status S         planned, in_progress, complete, on_hold or withdrawn
  --rag R            red, amber, green or blue

example:
  govbench scenario set "risk 9 up" --db demo.db --risk 9 --likelihood H
)",
                 {{"--db", true},
                  {"--risk", true},
                  {"--likelihood", true},
                  {"--impact", true},
                  {"--control", true},
                  {"--progress", true},
                  {"--action", true},
                  {"--status", true},
                  {"--rag", true}},
                 1,
                 1,
                 cmd_set});
  out.push_back({"scenario unset",
                 "remove a proposed change",
                 "usage: govbench scenario unset NAME --db FILE (--risk REF | --control REF.N | --action PLAN.N)\n\n"
                 "Removes the scenario's change to that risk, control or action.\n",
                 {{"--db", true}, {"--risk", true}, {"--control", true}, {"--action", true}},
                 1,
                 1,
                 cmd_unset});
  out.push_back({"scenario show", "a scenario's changes and what they do",
                 R"(usage: govbench scenario show NAME --db FILE [--rule ID] [--as-of DATE] [--packs DIR]...
                            [--format table|json] [--no-indicators]

Lists the scenario's changes, then computes the register and every
indicator twice, as stored and under the scenario, and prints the
difference: each risk that moves on the heat map (both positions), the band
counts, and each indicator whose value or RAG changes, with the delta.
Evaluated as at the scenario's date unless --as-of says otherwise.
)",
                 eval_options(), 1, 1, cmd_show});
  out.push_back({"scenario compare", "two scenarios side by side",
                 R"(usage: govbench scenario compare A B --db FILE [--rule ID] [--as-of DATE] [--packs DIR]...
                               [--format table|json] [--no-indicators]

Computes the register and every indicator under scenario A and under
scenario B and prints where they differ: risks placed differently on the
heat map, and indicators whose value or RAG differs (delta = B - A).
Evaluated as at the later of the two scenarios' dates unless --as-of says
otherwise.
)",
                 eval_options(), 2, 2, cmd_compare});
  out.push_back({"scenario copy",
                 "save a scenario under a new name",
                 "usage: govbench scenario copy A B --db FILE\n\nCreates scenario B with A's date, description and "
                 "changes.\n",
                 {{"--db", true}},
                 2,
                 2,
                 cmd_copy});
  out.push_back({"scenario apply",
                 "make a scenario's changes in the register",
                 R"(usage: govbench scenario apply NAME --db FILE --yes

Records each change through the edit API (a risk's assessment of the
scenario's date, a control's progress for its quarter, an action's status
and RAG): the same validation, edits and audit-log rows as an edit typed in
the workbench, each undoable with Ctrl+Z. All changes are written in one
transaction, or none (the error names the change refused). The scenario is
then marked applied and kept. --yes confirms.
)",
                 {{"--db", true}, {"--yes"}},
                 1,
                 1,
                 cmd_apply});
  out.push_back({"scenario discard",
                 "delete a scenario",
                 "usage: govbench scenario discard NAME --db FILE\n\nDeletes the scenario and its proposed changes. "
                 "The register is not touched.\n",
                 {{"--db", true}},
                 1,
                 1,
                 cmd_discard});
}

}  // namespace gb::app
