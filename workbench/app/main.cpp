// govbench: the command line and, with no subcommand, the desktop workbench.
#include <algorithm>
#include <iostream>
#include <string_view>
#include <vector>

#include "app/cli.hpp"
#include "app/terminal.hpp"
#include "core/command_heap.hpp"
#include "script/watchdog.hpp"

namespace {

using gb::app::Command;

std::vector<Command> all_commands() {
  std::vector<Command> cmds;
  gb::app::register_gui_commands(cmds);
  gb::app::register_data_commands(cmds);
  gb::app::register_synthetic_commands(cmds);
  gb::app::register_engine_commands(cmds);
  gb::app::register_render_commands(cmds);
  gb::app::register_session_commands(cmds);
  gb::app::register_edit_commands(cmds);
  gb::app::register_team_commands(cmds);
  gb::app::register_pack_commands(cmds);
  gb::app::register_trust_commands(cmds);
  gb::app::register_scenario_commands(cmds);
  gb::app::register_console_commands(cmds);
  return cmds;
}

void print_main_help(const std::vector<Command>& cmds) {
  std::cout << "usage: govbench [--db FILE] [--packs DIR]...   open the workbench\n"
               "       govbench COMMAND [options]               run a command\n"
               "       govbench COMMAND --help                  help on a command\n"
               "\n"
               "Governance Workbench: load governance data (SQLite), define trust and\n"
               "confidence indicators, risk scoring rules and board views in Lua.\n"
               "\n"
               "commands:\n";
  for (const auto& c : cmds) {
    if (c.name.empty() || c.name.find(' ') != std::string::npos) continue;  // "scenario new": under its group
    std::cout << "  " << c.name << std::string(12 - std::min<std::size_t>(c.name.size(), 11), ' ') << c.summary << "\n";
  }
  std::cout << "\n"
               "options:\n"
               "  --help       show this help\n"
               "  --version    show the version\n"
               "\n"
               "Exit status: 0 success, 1 the command failed or found problems, 2 usage error.\n";
}

int run_command(const Command& cmd, const std::vector<std::string>& rest, const std::string& parent = "") {
  const std::string label = parent.empty() ? cmd.name : parent + " " + cmd.name;
  if (!cmd.subcommands.empty()) {
    const bool help = rest.empty() || rest.front() == "--help" || rest.front() == "-h" || rest.front() == "help";
    if (help) {
      std::cout << cmd.help;
      return rest.empty() ? 2 : 0;
    }
    for (const auto& sub : cmd.subcommands)
      if (sub.name == rest.front()) return run_command(sub, {rest.begin() + 1, rest.end()}, label);
    gb::app::print_error(label, "no subcommand '" + rest.front() + "' (see 'govbench " + label + " --help')");
    return 2;
  }
  if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
      std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
    if (!rest.empty())
      if (auto it = cmd.sub_help.find(rest.front()); it != cmd.sub_help.end()) {
        std::cout << it->second;
        return 0;
      }
    std::cout << cmd.help;
    return 0;
  }
  try {
    const gb::app::Args args = gb::app::parse_args(cmd, rest);
    return cmd.run(args);
  } catch (const gb::app::UsageError& e) {
    gb::app::print_error(label,
                         std::string(e.what()) + " (see 'govbench " + (label.empty() ? "" : label + " ") + "--help')");
    return 2;
  } catch (const std::exception& e) {  // gb::Error too: its what() carries the location
    gb::app::print_error(label, e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  // A command that runs and exits gets its heap in one step, in huge pages
  // where the system offers them (core/command_heap.hpp): a quarter of a
  // large `eval` went to page faults. Not the window or the pack host,
  // which live long enough for faults not to matter. Before any thread.
  if (argc > 1 && argv[1][0] != '-' && std::string_view(argv[1]) != "pack-host") gb::prepare_command_heap();
  const std::vector<std::string> args(argv + 1, argv + argc);
  // A pack call stuck in a library function past its budget ends the
  // command with an error naming the pack, file and line (script/watchdog.hpp).
  gb::script::arm_watchdog(gb::script::exit_on_stall);
  // Data shown on a terminal never acts on it (escape sequences, CR, BEL).
  gb::app::escape_terminal_output();
  const auto cmds = all_commands();
  if (!args.empty()) {
    const std::string& first = args.front();
    if (first == "--help" || first == "-h" || first == "help") {
      if (first == "help" && args.size() > 1) {
        for (const auto& c : cmds)
          if (c.name == args[1]) {
            std::cout << c.help;
            return 0;
          }
        gb::app::print_error("", "no command '" + args[1] + "' (see 'govbench --help')");
        return 2;
      }
      print_main_help(cmds);
      return 0;
    }
    if (first == "--version") {
      std::cout << "govbench " << GOVBENCH_VERSION << "\n";
      return 0;
    }
    if (first[0] != '-') {
      // A command with verbs registered as "GROUP VERB" (scenario new, ...).
      if (args.size() > 1)
        for (const auto& c : cmds)
          if (c.name == first + " " + args[1]) return run_command(c, {args.begin() + 2, args.end()});
      for (const auto& c : cmds)
        if (!c.name.empty() && c.name == first) return run_command(c, {args.begin() + 1, args.end()});
      gb::app::print_error("", "no command '" + first + "' (see 'govbench --help')");
      return 2;
    }
  }
  // No subcommand: the GUI (registered under the empty name).
  for (const auto& c : cmds)
    if (c.name.empty()) return run_command(c, args);
  gb::app::print_error("", "this govbench was built without the GUI (GOVBENCH_GUI=OFF)");
  return 1;
}
