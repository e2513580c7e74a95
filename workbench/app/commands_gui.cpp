// The GUI entry points: the workbench window (no subcommand) and screenshot.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string_view>
#include <utility>

#include "app/cli.hpp"
#include "core/atomic_file.hpp"
#include "data/session_model.hpp"
#include "engine/database.hpp"
#include "engine/pack_host.hpp"
#include "export/paper_export.hpp"

#ifdef GOVBENCH_HAVE_GUI
#include "ui/shell.hpp"
#endif

namespace gb::app {

namespace {

// As near to the process start as this program can note it: static
// initialisation, before main() (what --first-frame-exit counts from).
const std::chrono::steady_clock::time_point kProcessStart = std::chrono::steady_clock::now();

// The database the GUI opens: --db, else the default workspace's demo
// database, created on first run.
std::string workspace_database(const Args& a) {
  if (auto db = a.get("--db")) return *db;
  std::string path = default_database_path();
  if (!std::filesystem::exists(path)) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    engine::create_demo_database(path);
    std::cerr << "govbench: created the demo database " << path << "\n";
  }
  return path;
}

#ifdef GOVBENCH_HAVE_GUI
// "WIDTHxHEIGHT", digits only: nothing before, between or after.
std::optional<std::pair<int, int>> parse_size(std::string_view s) {
  int w = 0, h = 0;
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, w);
  if (ec != std::errc() || p == s.data() || p == end || *p != 'x') return std::nullopt;
  const char* second = p + 1;
  auto [q, ec2] = std::from_chars(second, end, h);
  if (ec2 != std::errc() || q == second || q != end) return std::nullopt;
  return std::pair{w, h};
}

int cmd_gui(const Args& a) {
  ui::ShellOptions o;
  o.database = workspace_database(a);
  o.pack_dirs = a.all("--packs");
  o.first_frame_exit = a.has("--first-frame-exit");
  o.started = kProcessStart;
  return ui::run_shell(o);
}

int cmd_screenshot(const Args& a) {
  ui::ShellOptions o;
  o.database = workspace_database(a);
  o.pack_dirs = a.all("--packs");
  o.screenshot = a.require("-o");
  // The output rule of every -o (core/atomic_file.hpp), checked before any window opens.
  plan_output(o.screenshot);
  refuse_database_as_output(o.database, o.screenshot);
  o.started = std::chrono::steady_clock::now();
  o.width = 1280;
  o.height = 800;
  if (auto panel = a.get("--panel")) {
    const auto& ids = ui::panel_ids();
    if (std::find(ids.begin(), ids.end(), *panel) == ids.end())
      throw UsageError("unknown panel '" + *panel +
                       "' (use register, indicators, views, sessions, data, packs, console or conflicts)");
    o.panel = *panel;
  }
  if (auto theme = a.get("--theme")) {
    if (*theme != "light" && *theme != "dark") throw UsageError("--theme must be light or dark");
    o.dark = *theme == "dark";
  }
  if (auto size = a.get("--size")) {
    const auto wh = parse_size(*size);
    if (!wh || wh->first < 320 || wh->second < 240 || wh->first > 7680 || wh->second > 4320)
      throw UsageError("--size must be WIDTHxHEIGHT, from 320x240 to 7680x4320 (got '" + *size + "')");
    o.width = wh->first;
    o.height = wh->second;
  }
  if (auto view = a.get("--view")) o.view = *view;
  if (auto table = a.get("--table")) {
    o.table = *table;
    if (o.panel.empty()) o.panel = "data";
  }
  if (a.has("--risk")) o.risk = a.get_int("--risk", 0, 1, 1000000000);
  if (auto pack = a.get("--pack")) o.pack = *pack;
  if (auto install = a.get("--install")) o.install = *install;
  if ((!o.pack.empty() || !o.install.empty()) && o.panel.empty()) o.panel = "packs";
  if (a.has("--session")) o.session = a.get_int("--session", 0, 1, 1000000000);
  if (a.has("--item")) o.item = a.get_int("--item", 1, 1, 100000);
  o.present = a.has("--present");
  if ((a.has("--item") || o.present) && !o.session) throw UsageError("--item and --present need --session ID");
  if (o.session) {
    // Say which session is missing here, not as an empty panel in a picture.
    data::Db db = engine::open_for_reading(o.database);
    const data::Session s = data::get_session(db, o.session);
    if (o.item > s.items)
      throw Error("session " + std::to_string(o.session) + " has no agenda item " + std::to_string(o.item) +
                  " (its agenda has " + std::to_string(s.items) + ")");
  }
  o.scenario = a.get("--scenario").value_or("");
  o.console_inputs = a.all("--console");
  if (!o.console_inputs.empty() && o.panel.empty()) o.panel = "console";
  if (auto format = a.get("--export")) {
    if (!exporter::paper_format(*format)) throw UsageError("--export must be html, pdf, csv, xlsx or json");
    o.export_format = *format;
    o.export_path = a.get("--export-to").value_or("");
    if (o.view.empty()) throw UsageError("--export needs --view ID");
    if (o.panel.empty()) o.panel = "views";
  } else if (a.has("--export-to")) {
    throw UsageError("--export-to needs --export FORMAT");
  }
  return ui::run_shell(o);
}
#endif

// The pack host the window starts (engine/pack_host.hpp): requests on
// stdin, answers on stdout.
int cmd_pack_host(const Args& a) {
  engine::WorkspaceOptions o;
  o.database = a.require("--db");
  o.pack_dirs = a.all("--packs");
  o.include_bundled = !a.has("--no-bundled");
  o.watch = !a.has("--no-watch");
  o.exclude_packs = a.all("--exclude");
  return engine::run_pack_host(o, 0, 1);
}

}  // namespace

void register_gui_commands(std::vector<Command>& out) {
  out.push_back({"pack-host",
                 "(internal) the process the workbench runs packs in",
                 R"(usage: govbench pack-host --db FILE [--packs DIR]... [--no-bundled] [--no-watch] [--exclude PACK]...

The workbench window starts this itself: it runs every pack's code for the
window in a process of its own, so that a pack that stalls or crashes
cannot freeze or close the window (the window stops and restarts it). It
reads requests from stdin and writes answers to stdout, one JSON object a
line (see engine/pack_host.hpp in the source). Not meant to be run by hand.

  --db FILE        the governance database (opened read-only)
  --packs DIR      also load the packs in DIR (repeatable)
  --no-bundled     leave out the bundled packs
  --no-watch       do not reload packs when their files are saved
  --exclude PACK   do not load this pack (repeatable)
)",
                 {{"--db", true}, {"--packs", true, true}, {"--no-bundled"}, {"--no-watch"}, {"--exclude", true, true}},
                 0,
                 0,
                 cmd_pack_host});
#ifdef GOVBENCH_HAVE_GUI
  out.push_back({"",
                 "open the workbench",
                 R"(usage: govbench [--db FILE] [--packs DIR]...

Opens the workbench window on FILE, or on the default workspace: the demo
database in your data folder ($XDG_DATA_HOME/govbench/demo.db, by default
~/.local/share/govbench/demo.db), created on first run.

  --db FILE      the governance database to open
  --packs DIR    also load the packs in DIR (repeatable)
  --first-frame-exit
                 benchmarks: once the first frame is on screen, print
                 "first frame: N ms after start" and exit
)",
                 {{"--db", true}, {"--packs", true, true}, {"--first-frame-exit", false}},
                 0,
                 0,
                 cmd_gui});
  out.push_back(
      {"screenshot",
       "render the workbench to a PNG file",
       R"(usage: govbench screenshot [--db FILE] [--panel NAME] [--view ID] -o OUT.png [--size WxH] [--theme light|dark]
                           [--session ID [--item N] [--present]] [--view ID --export FORMAT [--export-to PATH]]

Opens the workbench in a window (use xvfb-run where there is no display),
renders a few frames, writes the last one to OUT.png and exits.

  --db FILE      the governance database (default: the workspace database)
  --packs DIR    also load the packs in DIR (repeatable)
  --panel NAME   the panel to show: register (default), indicators, views,
                 sessions, data, packs, console or conflicts (a team
                 replica's; the picture waits for its first sync)
  --view ID      the board view to show
  --table NAME   show this table's columns in the Data panel (name, type,
                 non-null and distinct counts, examples)
  --risk REF     open this risk's detail in the Register panel
  --pack NAME    open this pack's details in the Packs panel
  --install PATH check this bundle or pack folder in the Packs panel's
                 install box (nothing is installed)
  --session ID   open review session ID in the Sessions panel
  --item N       select (or present) its agenda item N (default 1)
  --present      presentation mode (F11) on that item; as in the workbench,
                 presenting keeps the item's view as presented (for the minutes)
  --scenario NAME  open under this what-if scenario
  --console INPUT  run INPUT (Lua or SQL) in the Console panel's scratch
                 console and show its answer (repeatable; opens that panel)
  --export FORMAT  with --view: open the Views panel's Export dialog for
                 the view, with FORMAT (html, pdf, csv, xlsx, json) chosen
  --export-to PATH  ...write the export to PATH (pressing Export; asks
                 first if PATH exists) and show the outcome
  --theme T      light (default) or dark
  --size WxH     window size in pixels (default 1280x800)
  -o OUT.png     where to write the image: a file (written whole or not at
                 all; a link's target is written), a pipe or - (a stream);
                 a folder is refused

example:
  xvfb-run -a -s "-screen 0 1600x1000x24" govbench screenshot --db demo.db -o shot.png
  xvfb-run -a -s "-screen 0 1600x1000x24" govbench screenshot --db demo.db --session 1 --item 2 --present -o present.png
)",
       {{"--db", true},
        {"--packs", true, true},
        {"--panel", true},
        {"--view", true},
        {"--table", true},
        {"--size", true},
        {"-o", true},
        {"--theme", true},
        {"--risk", true},
        {"--pack", true},
        {"--install", true},
        {"--session", true},
        {"--item", true},
        {"--present"},
        {"--scenario", true},
        {"--export", true},
        {"--export-to", true},
        {"--console", true, true}},
       0,
       0,
       cmd_screenshot});
#else
  (void)out;
#endif
}

}  // namespace gb::app
