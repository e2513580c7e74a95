// `govbench console`: the scratch console on the command line, a REPL
// with line editing and history (libedit), or inputs from -e and a pipe.
#include <editline/readline.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/cli.hpp"
#include "app/scenario_option.hpp"
#include "app/workspace_packs.hpp"
#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "engine/console.hpp"
#include "engine/evaluator.hpp"
#include "engine/local_workspace.hpp"

namespace gb::app {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kShownRows = 40;
constexpr std::size_t kCellWidth = 32;

std::string fit(const std::string& s, std::size_t width) {
  std::string one = s;
  std::replace(one.begin(), one.end(), '\n', ' ');
  const std::size_t n = utf8_length(one);
  if (n <= width) return one + std::string(width - n, ' ');
  return clip_utf8(one, width);
}

void print_table(const engine::ConsoleTable& t, std::ostream& out) {
  std::vector<std::size_t> width(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    width[c] = std::min(kCellWidth, utf8_length(t.columns[c]));
    for (std::size_t r = 0; r < std::min(kShownRows, t.rows.size()); ++r)
      width[c] = std::min(kCellWidth, std::max(width[c], utf8_length(t.rows[r][c])));
  }
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string s;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string cell = fit(cells[c], width[c]);
      // Numbers line up on the right.
      if (!header && t.numeric[c] && utf8_length(cells[c]) < width[c])
        cell = std::string(width[c] - utf8_length(cells[c]), ' ') + cells[c];
      s += (c ? "  " : "") + cell;
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << "\n";
  };
  line(t.columns, true);
  std::vector<std::string> rule;
  for (auto w : width) rule.push_back(std::string(w, '-'));
  line(rule, true);
  for (std::size_t r = 0; r < std::min(kShownRows, t.rows.size()); ++r) line(t.rows[r], false);
  if (t.total_rows > kShownRows)
    out << "… " << format_number(static_cast<double>(t.total_rows - kShownRows), 0) << " more rows\n";
}

// A series or a breakdown as horizontal bars, scaled to the largest magnitude.
void print_chart(const IndicatorResult& c, std::ostream& out) {
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& p : c.series) bars.emplace_back(p.period, p.value);
  for (const auto& b : c.breakdown)
    if (b.value) bars.emplace_back(b.group, *b.value);
  if (bars.empty()) return;
  double top = 0;
  std::size_t label = 4;
  for (const auto& [l, v] : bars) {
    top = std::max(top, std::fabs(v));
    label = std::max(label, utf8_length(l));
  }
  label = std::min<std::size_t>(label, 28);
  const std::size_t shown = std::min<std::size_t>(bars.size(), 40);
  out << (c.kind == IndicatorResult::Kind::Series ? "chart (series):\n" : "chart (breakdown):\n");
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& [l, v] = bars[i];
    const int n = top > 0 ? static_cast<int>(std::lround(std::fabs(v) / top * 40)) : 0;
    std::string bar;
    for (int k = 0; k < n; ++k) bar += v < 0 ? "░" : "█";
    out << "  " << fit(l, label) << " " << bar << (bar.empty() ? "" : " ") << format_number(v) << "\n";
  }
  if (bars.size() > shown) out << "  … " << (bars.size() - shown) << " more\n";
}

void print_outcome(const engine::ConsoleOutcome& o, std::ostream& out) {
  for (const auto& p : o.printed) out << p << "\n";
  switch (o.kind) {
    case engine::ConsoleOutcome::Kind::Error:
      out << "error" << (o.line > 0 ? " at line " + std::to_string(o.line) : "") << ": " << o.text << "\n";
      return;
    case engine::ConsoleOutcome::Kind::Nothing:
      if (o.printed.empty()) out << "nil\n";
      return;
    case engine::ConsoleOutcome::Kind::Value:
      out << o.text << "\n";
      return;
    case engine::ConsoleOutcome::Kind::Table:
      if (!o.text.empty()) out << o.text << "\n";
      print_table(o.table, out);
      if (o.chart.kind != IndicatorResult::Kind::None) print_chart(o.chart, out);
      out << "(" << format_number(static_cast<double>(o.table.total_rows), 0)
          << (o.table.total_rows == 1 ? " row" : " rows") << ", " << format_number(o.milliseconds, 1) << " ms)\n";
      return;
  }
}

// A Lua input that stops in the middle ("... near <eof>") continues on the next line.
bool incomplete(const engine::ConsoleOutcome& o) {
  return o.kind == engine::ConsoleOutcome::Kind::Error && o.language == "lua" &&
         o.text.find("<eof>") != std::string::npos;
}

fs::path history_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  fs::path base = xdg && *xdg ? fs::path(xdg) : home && *home ? fs::path(home) / ".local/share" : fs::path();
  if (base.empty()) return {};
  return base / "govbench" / "console_history";
}

// The console's .help (sql: shown, not run).
const char* const kHelp = R"(Type Lua with the same `ctx` a pack gets, or a SQL query (one that starts
with SELECT, WITH or VALUES), and see the answer:
  ctx.value("SELECT count(*) FROM risk_register")
  SELECT band, count(*) AS risks FROM risk_register GROUP BY band
  ctx.indicator("trust.pas_confidence")
  x = 2   then   x * 21          (globals last until .reset or a pack reload)
A Lua statement left open (an unfinished function or table) continues on
the next line. Commands:
  .help                 this text
  .tables               the database's tables
  .columns TABLE        a table's columns and their types
  .save ID PACKDIR [TITLE]
                        writes the last input as a gov.indicator in
                        PACKDIR/indicators/ (never overwriting a file)
  .reset                forgets the globals you set
  .quit                 leaves (so does Ctrl+D)
)";

enum class Step { Done, More, Quit };

struct Repl {
  engine::LocalWorkspace& ws;
  std::string last_input;
  int failures = 0;

  // Runs one input or dot-command and prints the answer. With
  // `may_continue`, a Lua input that stops in the middle prints nothing and
  // asks for the next line (Step::More).
  Step handle(const std::string& input, bool may_continue) {
    std::string s = input;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    if (s.empty()) return Step::Done;
    if (s.front() == '.') return command(s) ? Step::Done : Step::Quit;
    ws.poll();  // packs saved in an editor since the last input
    const engine::ConsoleOutcome o = ws.run_console(s);
    if (may_continue && incomplete(o)) return Step::More;
    print_outcome(o, std::cout);
    std::cout.flush();
    if (o.kind == engine::ConsoleOutcome::Kind::Error)
      ++failures;
    else
      last_input = s;
    return Step::Done;
  }

  bool command(const std::string& s) {
    std::vector<std::string> words;
    for (std::size_t i = 0; i < s.size();) {
      while (i < s.size() && s[i] == ' ') ++i;
      std::size_t j = i;
      while (j < s.size() && s[j] != ' ') ++j;
      if (j > i) words.push_back(s.substr(i, j - i));
      i = j;
    }
    const std::string& w = words[0];
    if (w == ".quit" || w == ".exit") return false;
    if (w == ".help") {
      std::cout << kHelp;
    } else if (w == ".reset") {
      ws.reload_all();
      std::cout << "globals forgotten; packs reloaded\n";
    } else if (w == ".tables") {
      print_outcome(ws.run_console(engine::tables_query()), std::cout);
    } else if (w == ".columns" && words.size() == 2) {
      print_outcome(ws.run_console(engine::columns_query(words[1])), std::cout);
    } else if (w == ".save" && words.size() >= 3) {
      if (last_input.empty()) {
        std::cout << "error: nothing to save yet: run an input that works first\n";
        ++failures;
        return true;
      }
      std::string title;
      for (std::size_t i = 3; i < words.size(); ++i) title += (title.empty() ? "" : " ") + words[i];
      try {
        const fs::path file = engine::save_as_indicator(words[2], words[1], title, last_input);
        std::cout << "wrote " << file.string() << " (run 'govbench check " << words[2] << "' to check it)\n";
      } catch (const std::exception& e) {
        std::cout << "error: " << e.what() << "\n";
        ++failures;
      }
    } else {
      std::cout << "error: unknown or incomplete command '" << s << "' (.help lists them)\n";
      ++failures;
    }
    std::cout.flush();
    return true;
  }
};

int cmd_console(const Args& a) {
  const std::string db_path = a.require("--db");
  if (!fs::is_regular_file(db_path)) throw Error(db_path + ": no such database");
  engine::WorkspaceOptions o;
  o.database = db_path;
  o.pack_dirs = a.all("--packs");
  o.watch = true;
  o.open_read_only = true;
  const std::string as_of = a.as_of();
  const auto scenario = scenario_option(a, db_path);
  engine::LocalWorkspace ws(o);
  for (const auto& p : ws.packs().problems()) std::cerr << "govbench: console: " << p.to_string() << "\n";
  if (!as_of.empty()) ws.set_as_of(as_of);
  if (scenario) {
    ws.set_scenario(scenario->id);
    if (as_of.empty()) ws.set_as_of(scenario->as_of);
    std::cerr << "govbench: console: under scenario '" << scenario->name << "'\n";
  }
  Repl repl{ws, {}, 0};

  const auto inputs = a.all("-e");
  if (!inputs.empty()) {
    for (const auto& in : inputs)
      if (repl.handle(in, false) == Step::Quit) break;
    return repl.failures ? 1 : 0;
  }

  const bool interactive = ::isatty(STDIN_FILENO) == 1;
  if (!interactive) {
    // From a pipe or a file: one input a line, an open Lua statement continuing.
    std::string pending;
    for (std::string line; std::getline(std::cin, line);) {
      pending += (pending.empty() ? "" : "\n") + line;
      const Step step = repl.handle(pending, true);
      if (step == Step::More) continue;
      pending.clear();
      if (step == Step::Quit) break;
    }
    if (!pending.empty()) repl.handle(pending, false);  // what was left open, with its error
    return repl.failures ? 1 : 0;
  }

  const fs::path history = history_path();
  std::error_code ec;
  if (!history.empty()) {
    fs::create_directories(history.parent_path(), ec);
    read_history(history.c_str());
  }
  stifle_history(1000);
  std::cout << "govbench console on " << db_path << " (as at " << (ws.as_of().empty() ? today_utc() : ws.as_of())
            << "). Lua with ctx, or SQL. .help for help, Ctrl+D to leave.\n";
  std::string pending;
  for (;;) {
    char* raw = readline(pending.empty() ? "govbench> " : "      ...> ");
    if (!raw) break;
    std::string line(raw);
    std::free(raw);
    pending += (pending.empty() ? "" : "\n") + line;
    const Step step = repl.handle(pending, true);
    if (step == Step::More) continue;
    if (pending.find_first_not_of(" \t\n") != std::string::npos) add_history(pending.c_str());
    pending.clear();
    if (step == Step::Quit) break;
  }
  if (!history.empty()) write_history(history.c_str());
  std::cout << "\n";
  return 0;
}

}  // namespace

void register_console_commands(std::vector<Command>& out) {
  // sql: shown, not run (the examples of --help)
  out.push_back({"console",
                 "a scratch console: try Lua with ctx, or SQL, on a database",
                 R"(usage: govbench console --db FILE [--packs DIR]... [--as-of DATE] [--scenario NAME]
                        [-e INPUT]...

A read-eval-print loop for prototyping a metric: type Lua with the same
`ctx` a pack's compute gets (the same sandbox, time budget, memory cap and
read-only database, the active scenario with --scenario), or a SQL query,
and see the answer at once: a value, a table of rows, a series or a
breakdown drawn as a bar chart, or an error with its line. Line editing
and history (kept in $XDG_DATA_HOME/govbench/console_history). Pack files
saved while it runs are reloaded before the next input.

Commands inside: .help, .tables, .columns TABLE, .save ID PACKDIR [TITLE]
(writes the last input that worked as a gov.indicator skeleton in
PACKDIR/indicators/), .reset, .quit.

  --db FILE        the database (only read)
  --packs DIR      also load the packs in DIR (repeatable): ctx.indicator
                   and require reach them
  --as-of DATE     ctx.as_of (default: today)
  --scenario NAME  run under a what-if scenario
  -e INPUT         run INPUT and print its answer, then the next -e, and
                   exit (1 if any failed); without -e and a terminal,
                   inputs are read from standard input, one a line

examples:
  govbench console --db demo.db
  govbench console --db demo.db -e 'ctx.value("SELECT count(*) FROM risk_register")'
  echo 'SELECT band, count(*) FROM risk_register GROUP BY band' | govbench console --db demo.db
)",
                 {{"--db", true}, {"--packs", true, true}, {"--as-of", true}, {"--scenario", true}, {"-e", true, true}},
                 0,
                 0,
                 cmd_console});
}

}  // namespace gb::app
