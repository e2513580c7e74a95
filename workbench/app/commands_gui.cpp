// The GUI entry points: the workbench window (no subcommand) and screenshot.
#include <filesystem>
#include <iostream>

#include "app/cli.hpp"
#include "data/demo.hpp"
#include "data/migrations.hpp"

#ifdef GOVBENCH_HAVE_GUI
#include "ui/shell.hpp"
#endif

namespace gb::app {

namespace {

// The database the GUI opens: --db, else the default workspace's demo
// database, created on first run.
std::string workspace_database(const Args& a) {
  if (auto db = a.get("--db")) return *db;
  const std::string path = default_database_path();
  if (!std::filesystem::exists(path)) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    data::init_demo(path);
    std::cerr << "govbench: created the demo database " << path << "\n";
  }
  return path;
}

#ifdef GOVBENCH_HAVE_GUI
int cmd_gui(const Args& a) {
  ui::ShellOptions o;
  o.database = workspace_database(a);
  o.pack_dirs = a.all("--packs");
  return ui::run_shell(o);
}

int cmd_screenshot(const Args& a) {
  ui::ShellOptions o;
  o.database = workspace_database(a);
  o.pack_dirs = a.all("--packs");
  o.screenshot = a.require("-o");
  if (auto size = a.get("--size")) {
    int w = 0, h = 0;
    if (std::sscanf(size->c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 || h > 4320)
      throw UsageError("--size must be WIDTHxHEIGHT, from 320x240 to 7680x4320 (got '" + *size + "')");
    o.width = w;
    o.height = h;
  }
  if (auto view = a.get("--view")) o.view = *view;
  return ui::run_shell(o);
}
#endif

}  // namespace

void register_gui_commands(std::vector<Command>& out) {
#ifdef GOVBENCH_HAVE_GUI
  out.push_back({"", "open the workbench",
                 R"(usage: govbench [--db FILE] [--packs DIR]...

Opens the workbench window on FILE, or on the default workspace: the demo
database in your data folder ($XDG_DATA_HOME/govbench/demo.db, by default
~/.local/share/govbench/demo.db), created on first run.

  --db FILE      the governance database to open
  --packs DIR    also load the packs in DIR (repeatable)
)",
                 {{"--db", true}, {"--packs", true, true}},
                 0, 0, cmd_gui});
  out.push_back({"screenshot", "render the workbench to a PNG file",
                 R"(usage: govbench screenshot [--db FILE] [--view ID] -o OUT.png [--size WxH]

Opens the workbench in a window (use xvfb-run where there is no display),
renders a few frames, writes the last one to OUT.png and exits.

  --db FILE      the governance database (default: the workspace database)
  --packs DIR    also load the packs in DIR (repeatable)
  --view ID      the panel or view to show
  --size WxH     window size in pixels (default 1280x800)
  -o OUT.png     where to write the image

example:
  xvfb-run -a -s "-screen 0 1600x1000x24" govbench screenshot --db demo.db -o shot.png
)",
                 {{"--db", true}, {"--packs", true, true}, {"--view", true}, {"--size", true}, {"-o", true}},
                 0, 0, cmd_screenshot});
#else
  (void)out;
#endif
}

}  // namespace gb::app
