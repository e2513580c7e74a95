// Pack subcommands: check, pack list.
#include <iomanip>
#include <iostream>

#include "app/cli.hpp"
#include "app/workspace_packs.hpp"
#include "engine/pack_tests.hpp"

#include <filesystem>

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

int cmd_check(const Args& a) {
  PackSet set(Limits{}, print_console_message);
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
    if (e.active && e.problems.empty()) {
      std::cout << "ok      " << e.active->name() << " " << e.active->manifest().version.to_string() << " ("
                << counts(*e.active) << ")\n";
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
  std::cout << problems << (problems == 1 ? " problem" : " problems") << " in " << set.entries().size()
            << (set.entries().size() == 1 ? " pack\n" : " packs\n");
  return problems ? 1 : 0;
}

int pack_test(const Args& a) {
  std::vector<std::filesystem::path> dirs(a.positional().begin() + 1, a.positional().end());
  if (dirs.empty()) dirs.push_back(bundled_packs_dir());
  const engine::PackTestReport report = engine::run_pack_tests(dirs, a.all("--packs"));
  for (const auto& p : report.problems) std::cout << "PROBLEM " << p << "\n";
  for (const auto& o : report.outcomes) {
    std::cout << (o.passed ? "pass    " : "FAIL    ") << o.pack << ": " << o.name << "  (" << o.file << ":" << o.line
              << ", " << static_cast<int>(o.milliseconds + 0.5) << " ms)\n";
    if (!o.passed) std::cout << "        " << o.message << "\n";
  }
  std::cout << report.passed() << " passed, " << report.failed() << " failed\n";
  return report.failed() == 0 && report.problems.empty() && !report.outcomes.empty() ? 0 : 1;
}

int cmd_pack(const Args& a) {
  if (a.positional().empty()) throw UsageError("missing subcommand (list or test)");
  const std::string sub = a.positional().front();
  if (sub == "test") return pack_test(a);
  if (sub != "list") throw UsageError("unknown subcommand '" + sub + "' (available: list, test)");
  if (a.positional().size() > 1) throw UsageError("'pack list' takes no arguments");
  PackSet set(Limits{}, print_console_message);
  add_workspace_packs(set, a.all("--packs"));
  set.load();
  std::cout << std::left << std::setw(20) << "NAME" << std::setw(10) << "VERSION" << std::setw(10) << "STATUS"
            << std::setw(10) << "ORIGIN" << "CONTENTS / PROBLEM\n";
  for (const auto& e : set.entries()) {
    const std::string version = e.active ? e.active->manifest().version.to_string() : "-";
    std::cout << std::setw(20) << e.name() << std::setw(10) << version << std::setw(10)
              << (e.status == PackEntry::Status::Loaded ? "loaded" : e.status == PackEntry::Status::Stale ? "stale" : "failed")
              << std::setw(10) << e.origin;
    if (!e.problems.empty()) std::cout << e.problems.front().to_string();
    else if (e.active) std::cout << counts(*e.active);
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

void register_pack_commands(std::vector<Command>& out) {
  out.push_back({"check", "load packs and report every problem",
                 R"(usage: govbench check [PACKDIR...] [--packs DIR]...

Loads packs exactly as the workbench does (sandboxed, in dependency order)
and prints every problem: manifest mistakes, missing or incompatible
dependencies, duplicate ids, syntax and runtime errors in pack files, with
the file and line. Exits 1 if there is any problem.

With no PACKDIR, checks the bundled packs, your installed packs and any
--packs folders. With PACKDIRs (a pack folder, or a folder of packs),
checks those, with the bundled and installed packs available to satisfy
their dependencies.

example:
  govbench check ~/packs/my-indicators
)",
                 {{"--packs", true, true}},
                 0, 100, cmd_check});
  out.push_back({"pack", "script packs: list, test",
                 R"(usage: govbench pack list [--packs DIR]...
       govbench pack test [PACKDIR...] [--packs DIR]...

  list    the packs the workbench loads (bundled, installed and --packs
          folders): name, version, status, origin, and what each defines
          or why it failed
  test    runs the gov.test tests of the packs in PACKDIR (default: the
          bundled packs), each pack against a fresh demo database plus its
          fixtures/ (*.sql run, *.csv imported as tables named after the
          files). Exits 1 if any test fails or a pack cannot be loaded.
)",
                 {{"--packs", true, true}},
                 1, 100, cmd_pack});
}

}  // namespace gb::app
