// Pack subcommands: check, pack list, pack test (the sharing subcommands
// are in commands_bundles.cpp).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "app/cli.hpp"
#include "app/commands_bundles.hpp"
#include "app/watch.hpp"
#include "app/workspace_packs.hpp"
#include "core/dates.hpp"
#include "data/real_dates.hpp"
#include "data/schema_inspect.hpp"
#include "engine/database.hpp"
#include "engine/evaluator.hpp"
#include "engine/local_workspace.hpp"
#include "engine/pack_tests.hpp"
#include "engine/scoring.hpp"
#include "engine/views.hpp"
#include "script/pack_template.hpp"

namespace gb::app {

namespace {

using namespace gb::script;

std::string counts(const Pack& p) {
  const auto& d = p.definitions();
  auto n = [](std::size_t k, const char* one, const char* many) {
    return std::to_string(k) + " " + (k == 1 ? one : many);
  };
  return n(d.indicators.size(), "indicator", "indicators") + ", " + n(d.rules.size(), "rule", "rules") + ", " +
         n(d.views.size(), "view", "views") + ", " + n(d.tests.size(), "test", "tests");
}

// `check --db FILE`: the schema objects the migrations did not make, then
// the stored dates that do not exist (schema 6 refuses new ones; these were
// written before it and are kept, not changed).
std::size_t check_database(const std::filesystem::path& path) {
  data::Db db = engine::open_for_reading(path);
  const auto schema = data::inspect_schema(db);
  if (schema.empty()) {
    std::cout << "ok      schema of " << path.string() << " (every table, view and trigger made by govbench)\n";
  } else {
    std::cout << "FAILED  schema of " << path.string() << "\n";
    for (const auto& f : schema) {
      std::cout << "  " << f.message() << "\n";
      if (f.type == "trigger" || f.kind == data::SchemaFinding::Kind::Changed) std::cout << "      " << f.sql << "\n";
      std::cout << "      " << (f.type == "trigger" ? "writes that would run it are refused; " : "")
                << "'govbench drop " << f.name << " --db " << path.string() << "' "
                << (f.kind == data::SchemaFinding::Kind::Changed ? "puts back what the migrations made"
                                                                 : "removes it (after a backup)")
                << "\n";
    }
  }
  const data::ImpossibleDateReport r = data::find_impossible_dates(db);
  if (r.total == 0) {
    std::cout << "ok      database " << path.string() << " (" << r.columns_checked
              << " date columns, every date real)\n";
    return schema.size();
  }
  std::cout << "FAILED  database " << path.string() << "\n";
  for (const auto& d : r.found)
    std::cout << "  " << d.table << " row " << d.row_id << ": " << d.column << " '" << d.value
              << "' is not a real date (YYYY-MM-DD, a day that exists); correct it by hand\n";
  if (r.total > static_cast<std::int64_t>(r.found.size()))
    std::cout << "  ... and " << (r.total - static_cast<std::int64_t>(r.found.size())) << " more\n";
  return schema.size() + static_cast<std::size_t>(r.total);
}

// Whether the pack in `dir` is one of those `check` was asked about.
bool named_pack(const std::filesystem::path& dir, const std::vector<std::string>& named) {
  std::error_code ec;
  const auto d = std::filesystem::weakly_canonical(dir, ec);
  for (const auto& n : named) {
    const auto p = std::filesystem::weakly_canonical(n, ec);
    if (d == p || d.parent_path() == p) return true;
  }
  return false;
}

// `check --db FILE`: every indicator, rule and view of the checked packs,
// run once on the database as at each date (today, and --as-of if given),
// so that what goes wrong only when compute, score or build runs shows
// here, with its file and line, and not first under eval. Returns the
// number of problems.
std::size_t check_evaluation(const PackSet& set, const std::string& db_path, const std::vector<std::string>& named,
                             const std::string& as_of) {
  std::vector<std::string> dates{today_utc()};
  if (!as_of.empty() && as_of != dates.front()) dates.push_back(as_of);
  ScriptDb db(db_path);
  engine::IndicatorEvaluator evaluator(set, db);
  auto checked = [&](const std::shared_ptr<Pack>& pack) {
    if (named.empty()) return true;
    for (const auto& e : set.entries())
      if (e.active == pack) return named_pack(e.dir, named);
    return false;
  };
  std::size_t problems = 0, indicators = 0, rules = 0, views = 0;
  // What went wrong, per definition, per date: the same problem at both
  // dates is reported once.
  struct Found {
    std::string what;
    std::vector<std::pair<std::string, std::vector<std::string>>> by_date;
  };
  std::vector<Found> found;
  auto note = [&](const std::string& what, const std::string& date, std::vector<std::string> messages) {
    if (messages.empty()) return;
    auto it = std::find_if(found.begin(), found.end(), [&](const Found& f) { return f.what == what; });
    if (it == found.end()) it = found.insert(found.end(), Found{what, {}});
    it->by_date.emplace_back(date, std::move(messages));
  };
  auto with_traceback = [](const std::string& message, std::string traceback) {
    while (!traceback.empty() && traceback.back() == '\n') traceback.pop_back();
    return traceback.empty() ? message : message + "\n" + traceback;
  };
  for (const auto& date : dates) {
    for (const auto& ref : set.indicators()) {
      if (!checked(ref.pack)) continue;
      ++indicators;
      const IndicatorResult r = evaluator.evaluate(ref.def->id, {date, {}});
      std::vector<std::string> messages;
      if (r.status == IndicatorResult::Status::Error) messages.push_back(with_traceback(r.error, r.traceback));
      if (!r.warning.empty()) messages.push_back(r.warning);
      note("indicator " + ref.def->id, date, std::move(messages));
    }
    for (const auto& ref : set.rules()) {
      if (!checked(ref.pack)) continue;
      ++rules;
      std::vector<std::string> messages;
      try {
        const engine::ScoredRegister reg = engine::score_register(set, db, ref.def->id, date);
        for (const auto& e : reg.errors) messages.push_back(e);
      } catch (const std::exception& e) {
        messages.emplace_back(e.what());
      }
      note("rule " + ref.def->id, date, std::move(messages));
    }
    for (const auto& ref : set.views()) {
      if (!checked(ref.pack)) continue;
      ++views;
      std::vector<std::string> messages;
      try {
        const Tree view = engine::build_view(set, db, evaluator, {ref.def->id, {}, date}, db_path);
        if (const Tree* errors = view.find("errors"); errors && errors->is_array())
          for (const auto& e : errors->as_array())
            if (const Tree* m = e.find("message"); m && m->is_string()) messages.push_back(m->as_string());
      } catch (const std::exception& e) {
        messages.emplace_back(e.what());
      }
      note("view " + ref.def->id, date, std::move(messages));
    }
  }
  for (const auto& f : found) {
    for (std::size_t i = 0; i < f.by_date.size(); ++i) {
      const auto& [date, messages] = f.by_date[i];
      if (i > 0 && messages == f.by_date[i - 1].second) continue;  // said already, with this date
      std::string when = "as at " + date;
      if (i + 1 < f.by_date.size() && f.by_date[i + 1].second == messages) when += " and " + f.by_date[i + 1].first;
      std::cout << "FAILED  " << f.what << " (" << when << ")\n";
      for (const auto& m : messages) {
        std::string text = m;
        for (std::size_t p = text.find('\n'); p != std::string::npos; p = text.find('\n', p + 3))
          text.replace(p, 1, "\n  ");
        std::cout << "  " << text << "\n";
        ++problems;
      }
    }
  }
  std::string when = "as at " + dates.front() + " (today)";
  if (dates.size() > 1) when += " and " + dates.back();
  if (problems == 0)
    std::cout << "ok      evaluated " << indicators / dates.size() << " indicators, " << rules / dates.size()
              << " rules and " << views / dates.size() << " views on " << db_path << ", " << when << "\n";
  return problems;
}

int cmd_check(const Args& a) {
  Limits limits;
  const auto db = a.get("--db");
  if (db) {
    // The budgets the packs get in this workspace (script.time_budget_ms).
    data::Db settings = engine::open_for_reading(*db);
    limits = engine::workspace_limits(settings);
  }
  const std::string as_of = a.as_of();
  if (!as_of.empty() && !db) throw UsageError("--as-of needs --db: it is the date the packs are evaluated as at");
  PackSet set(limits, print_console_message);
  if (a.positional().empty()) {
    add_workspace_packs(set, a.all("--packs"));
  } else {
    // The named folders, with the installed and bundled packs available as dependencies.
    auto dirs = a.all("--packs");
    dirs.insert(dirs.end(), a.positional().begin(), a.positional().end());
    add_workspace_packs(set, dirs);
  }
  set.load();
  std::size_t problems = 0;
  for (const auto& e : set.entries()) {
    if (e.status == PackEntry::Status::Disabled) {
      std::cout << "disabled " << e.name() << " (" << e.dir.string() << ")\n";
      continue;
    }
    if (e.active && e.problems.empty()) {
      std::cout << "ok      " << e.active->name() << " " << e.active->manifest().version.to_string() << " ("
                << counts(*e.active) << ")";
      // Installed packs carry their signature state wherever they are listed.
      if (e.origin == "installed" || e.origin == "workspace") std::cout << " " << pack_signature_label(e);
      std::cout << "\n";
      // The owner keeps working; the pack that collided is FAILED below with its own line.
      for (const auto& c : e.collisions) std::cout << "  note: " << c << "\n";
      continue;
    }
    std::cout << (e.status == PackEntry::Status::Stale ? "stale   " : "FAILED  ") << e.name() << " (" << e.dir.string()
              << ")\n";
    for (const auto& p : e.problems) {
      std::cout << "  " << p.to_string() << "\n";
      if (!p.traceback.empty()) std::cout << p.traceback;
      ++problems;
    }
  }
  if (set.entries().empty()) std::cout << "no packs found\n";
  if (db) problems += check_database(*db);
  if (db) problems += check_evaluation(set, *db, a.positional(), as_of);
  std::cout << problems << (problems == 1 ? " problem" : " problems") << " in " << set.entries().size()
            << (set.entries().size() == 1 ? " pack" : " packs") << (db ? " and the database\n" : "\n");
  return problems ? 1 : 0;
}

int pack_test(const Args& a) {
  std::vector<std::filesystem::path> dirs(a.positional().begin() + 1, a.positional().end());
  if (dirs.empty()) dirs.push_back(bundled_packs_dir());
  if (a.has("--watch")) return watch_command(a, pack_test, {a.all("--packs"), dirs, a.get("--db").value_or("")});
  const engine::PackTestReport report = engine::run_pack_tests(dirs, a.all("--packs"), a.get("--db").value_or(""));
  for (const auto& p : report.problems) std::cout << "PROBLEM " << p << "\n";
  for (const auto& o : report.outcomes) {
    std::cout << (o.passed ? "pass    " : "FAIL    ") << o.pack << ": " << o.name << "  (" << o.file << ":" << o.line
              << ", " << std::lround(o.milliseconds) << " ms)\n";
    for (const auto& line : o.printed) std::cout << "        " << o.name << ": " << line << "\n";
    if (!o.passed) std::cout << "        " << o.message << "\n";
  }
  std::cout << report.passed() << " passed, " << report.failed() << " failed\n";
  return report.failed() == 0 && report.problems.empty() && !report.outcomes.empty() ? 0 : 1;
}

int pack_new(const Args& a) {
  if (a.positional().size() != 2) throw UsageError("usage: govbench pack new NAME [--dir DIR]");
  const std::string name = a.positional()[1];
  if (!valid_pack_name(name))
    throw UsageError("'" + name +
                     "' is not a valid pack name: use lower-case letters, digits and single dashes, "
                     "starting with a letter, e.g. my-gap");
  const std::filesystem::path dir = a.get("--dir").value_or(name);
  const NewPack made = create_pack(name, dir, bundled_packs_dir() / "types");
  std::cout << "created pack " << name << " in " << made.dir.string() << "/\n";
  for (const auto& f : made.files)
    if (!f.starts_with(".types/")) std::cout << "  " << f << "\n";
  if (made.types_copied)
    std::cout << "  .types/ (the LuaLS type stubs, for your editor)\n";
  else
    std::cerr << "govbench: pack new: the type stubs were not found in " << (bundled_packs_dir() / "types").string()
              << "; .luarc.json points at .types/, which is empty\n";
  const std::string d = made.dir.string();
  std::cout << "next:\n  govbench check " << d << "\n  govbench pack test " << d << "\n";
  return 0;
}

int cmd_pack(const Args& a) {
  constexpr const char* kSubs =
      "new, list, test, build, keygen, sign, verify, install, update, remove, enable, disable, publish";
  if (a.positional().empty()) throw UsageError(std::string("missing subcommand (") + kSubs + ")");
  const std::string sub = a.positional().front();
  if (sub == "test") return pack_test(a);
  if (sub == "new") return pack_new(a);
  if (sub == "enable" || sub == "disable") {
    if (a.positional().size() != 2 || !valid_pack_name(a.positional()[1]))
      throw UsageError("usage: govbench pack " + sub + " NAME");
    set_pack_enabled(a.positional()[1], sub == "enable");
    std::cout << a.positional()[1] << (sub == "enable" ? " enabled\n" : " disabled: it is listed but not loaded\n");
    return 0;
  }
  if (sub != "list" || a.has("--from-hub")) {
    const int rc = run_bundle_subcommand(sub, a);
    if (rc >= 0) return rc;
    throw UsageError("unknown subcommand '" + sub + "' (available: " + kSubs + ")");
  }
  if (a.positional().size() > 1) throw UsageError("'pack list' takes no arguments");
  PackSet set(Limits{}, print_console_message);
  auto dirs = a.all("--packs");
  if (auto w = a.get("--workspace")) {
    const auto packs = std::filesystem::path(*w) / "packs";
    if (std::filesystem::is_directory(packs)) set.add_source(packs, "workspace");
  }
  add_workspace_packs(set, dirs);
  set.load();
  std::cout << std::left << std::setw(20) << "NAME" << std::setw(10) << "VERSION" << std::setw(10) << "STATUS"
            << std::setw(11) << "ORIGIN" << std::setw(22) << "SIGNATURE"
            << "CONTENTS / PROBLEM\n";
  for (const auto& e : set.entries()) {
    const auto& pack = e.active ? e.active : e.disabled;
    const std::string version = pack ? pack->manifest().version.to_string() : "-";
    std::cout << std::setw(20) << e.name() << std::setw(10) << version << std::setw(10)
              << (e.status == PackEntry::Status::Loaded     ? "loaded"
                  : e.status == PackEntry::Status::Stale    ? "stale"
                  : e.status == PackEntry::Status::Disabled ? "disabled"
                                                            : "failed")
              << std::setw(11) << e.origin << std::setw(21) << pack_signature_label(e) << " ";
    if (!e.problems.empty())
      std::cout << e.problems.front().to_string();
    else if (e.active)
      std::cout << counts(*e.active);
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

void register_pack_commands(std::vector<Command>& out) {
  out.push_back({"check",
                 "load packs (and a database) and report every problem",
                 R"(usage: govbench check [PACKDIR...] [--packs DIR]... [--db FILE [--as-of DATE]]

Loads packs exactly as the workbench does (sandboxed, in dependency order)
and prints every problem: manifest mistakes, missing or incompatible
dependencies, duplicate ids, syntax and runtime errors in pack files, with
the file and line. Exits 1 if there is any problem.

With no PACKDIR, checks the bundled packs, your installed packs and any
--packs folders. With PACKDIRs (a pack folder, or a folder of packs),
checks those, with the bundled and installed packs available to satisfy
their dependencies.

With --db FILE, also reads the database (never writing to it) and lists
every stored date that does not exist, such as 2022-02-30 or 2023-04-31,
with its table, row id, column and value. The database has refused such
dates since schema version 6; rows written before are kept as they were,
for someone to correct.

With --db FILE, also runs every indicator, scoring rule and view of the
checked packs once on the database, as at today and, with --as-of DATE,
as at that date too, under the workspace's budgets
(script.time_budget_ms), and reports every problem that only shows when
pack code runs, each with its file and line: an error inside compute
(indexing a nil value, a misspelled column), a spent time budget (a
runaway loop), a result that is not data (a string returned; the message
names the `return` that gave it), a compute that returns nothing (a
missing `return`), and errors in rules and views.

examples:
  govbench check ~/packs/my-indicators
  govbench check --db governance.db
  govbench check ~/packs/my-indicators --db governance.db --as-of 2021-12-31
)",
                 {{"--packs", true, true}, {"--db", true, false}, {"--as-of", true}},
                 0,
                 100,
                 cmd_check});
  auto sub_help = pack_sub_help();
  sub_help["list"] = R"(usage: govbench pack list [--packs DIR]... [--workspace DIR]
       govbench pack list --from-hub --db FILE [--packs DIR]... [--workspace DIR]

The packs the workbench loads (bundled, installed, the workspace's and
--packs folders): name, version, status, origin, signature (signed:TEAM,
UNSIGNED, or bundled), and what each defines or why it failed.

With --from-hub, the packs published on the team's hub of the replica
FILE: name, latest version, who published it and when, whether it is
installed here ("installed", "not installed", or "VERSION, update" when
a newer version is published) and every published version. 'pack update
NAME --from-hub --db FILE' installs an update.
)";
  for (auto& [name, text] : hub_pack_sub_help()) sub_help[name] = text;
  sub_help["enable"] = R"(usage: govbench pack enable NAME

Loads the pack NAME again after 'pack disable'.
)";
  sub_help["disable"] = R"(usage: govbench pack disable NAME

Stops loading the pack NAME (bundled or installed) in the workbench and
every command, without removing it; 'pack list' shows it as disabled.
Kept in $XDG_CONFIG_HOME/govbench/disabled-packs.
)";
  sub_help["test"] = R"(usage: govbench pack test [PACKDIR...] [--db FILE] [--packs DIR]... [--watch]

Runs the gov.test tests of the packs in PACKDIR (default: the bundled
packs), each against a fresh demo database plus its fixtures/ (*.sql run,
*.csv imported as tables named after the files), or against --db FILE.
Prints each case, with what the test printed (print) under it, and a
closing line "N passed, N failed"; exits 1 if any test fails or a pack
cannot be loaded. With --watch it keeps running, testing again whenever a
pack file is saved and showing what changed since the last run.
)";
  sub_help["new"] = R"(usage: govbench pack new NAME [--dir DIR]

Makes a working starter pack in DIR (default: ./NAME), which must not
exist or be empty: pack.lua (with the parameter `table`, the table the
indicator reads), indicators/gap.lua (one indicator), tests/gap_test.lua
with fixtures/ (a CSV imported as that table for the test), README.md, and
.luarc.json with .types/, a copy of govbench's LuaLS type stubs, so that
an editor with the Lua language server completes and checks the code.

NAME: lower-case letters, digits and single dashes, starting with a
letter. The indicator's id is NAME with '_' for '-', plus ".gap".

As made, the pack passes:
  govbench check NAME && govbench pack test NAME

example:
  govbench pack new my-gap
)";
  out.push_back({"pack",
                 "script packs: new, list, test, build, keygen, sign, verify, install, update, remove, publish",
                 R"(usage: govbench pack new NAME [--dir DIR]
       govbench pack list [--packs DIR]... [--workspace DIR]
       govbench pack test [PACKDIR...] [--db FILE] [--packs DIR]... [--watch]
       govbench pack build DIR [-o NAME-VERSION.gbpack]
       govbench pack keygen -o NAME
       govbench pack sign BUNDLE --key NAME.key [-o OUT]
       govbench pack verify BUNDLE
       govbench pack install BUNDLE|DIR [--workspace DIR] [--allow-unsigned] [--db FILE]
                                        [--permissions once|always|deny] [--allow-breaking]
       govbench pack install --locked --workspace DIR
       govbench pack install NAME[@RANGE] --from-hub --db FILE [install's options]
       govbench pack update BUNDLE|DIR [--workspace DIR] [--allow-unsigned] [--allow-downgrade] [--allow-breaking]
       govbench pack update NAME[@RANGE] --from-hub --db FILE [update's options]
       govbench pack publish BUNDLE --db FILE
       govbench pack list --from-hub --db FILE
       govbench pack remove NAME [--workspace DIR]
       govbench pack enable|disable NAME

  new      makes a working starter pack (manifest, indicator, test, README)
  list     the packs the workbench loads, with status, origin and signature
  test     runs packs' gov.test tests; closing line "N passed, N failed"
  build    makes a reproducible bundle (.gbpack) of a pack folder
  keygen   makes an Ed25519 signing key pair
  sign     signs a bundle's file manifest
  verify   checks a bundle's files and signature, and names the signer
  install  installs a bundle or folder (checked before anything is written)
  update   replaces an installed pack, keeping the old one until the new loads
  remove   removes an installed pack
  enable, disable   turns a pack on or off without removing it
  publish  adds a signed bundle to the team's pack registry (a team replica's hub)

With --from-hub --db FILE (a team replica), install, update and list use
the team's pack registry on its hub instead of a file.

'govbench pack SUBCOMMAND --help' explains each.
)",
                 {{"--packs", true, true},
                  {"--db", true, false},
                  {"-o", true, false},
                  {"--key", true, false},
                  {"--workspace", true, false},
                  {"--allow-unsigned", false, false},
                  {"--locked", false, false},
                  {"--allow-downgrade", false, false},
                  {"--allow-breaking", false, false},
                  {"--permissions", true, false},
                  {"--watch", false, false},
                  {"--from-hub", false, false},
                  {"--dir", true, false}},
                 1,
                 100,
                 cmd_pack,
                 sub_help});
}

}  // namespace gb::app
