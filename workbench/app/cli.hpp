// The command-line front end: a registry of subcommands, each with its own
// option table and --help text.
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gb::app {

// A mistake in how the command was called: exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;  // "--db"
  bool takes_value = false;
  bool repeatable = false;
};

class Args {
 public:
  Args(std::string command, std::vector<std::string> positional,
       std::map<std::string, std::vector<std::string>> options)
      : command_(std::move(command)), positional_(std::move(positional)), options_(std::move(options)) {}

  const std::vector<std::string>& positional() const { return positional_; }
  bool has(const std::string& name) const { return options_.count(name) != 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::string require(const std::string& name) const;  // UsageError when missing
  std::vector<std::string> all(const std::string& name) const;
  int get_int(const std::string& name, int fallback, int min, int max) const;
  // --as-of, checked once for every command (core/dates.hpp): a real date
  // written YYYY-MM-DD, or `fallback` when the option is absent (empty:
  // today, decided by the engine). UsageError otherwise.
  std::string as_of(const std::string& fallback = "") const;
  const std::string& command() const { return command_; }
  // The same arguments without the option `name` (the watch loop runs the
  // command itself, without --watch).
  Args without(const std::string& name) const {
    auto o = options_;
    o.erase(name);
    return Args(command_, positional_, std::move(o));
  }

 private:
  std::string command_;
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> options_;
};

struct Command {
  std::string name;
  std::string summary;  // one line, for `govbench --help`
  std::string help;     // the full --help text
  std::vector<OptionSpec> options;
  int min_positional = 0;
  int max_positional = 0;
  int (*run)(const Args&) = nullptr;
  // Help for `govbench NAME SUB --help`, by subcommand.
  std::map<std::string, std::string> sub_help = {};
  // A command made of subcommands (`session new`, `session agenda add`):
  // the first argument names one, which has its own options and --help.
  std::vector<Command> subcommands{};
};

// Parses argv after the command name. --help is handled by the caller.
Args parse_args(const Command& cmd, const std::vector<std::string>& argv);

// Registration: each commands_*.cpp file adds its commands here.
void register_data_commands(std::vector<Command>& out);
void register_gui_commands(std::vector<Command>& out);
void register_pack_commands(std::vector<Command>& out);
void register_engine_commands(std::vector<Command>& out);
void register_synthetic_commands(std::vector<Command>& out);
void register_render_commands(std::vector<Command>& out);
void register_trust_commands(std::vector<Command>& out);
void register_session_commands(std::vector<Command>& out);
void register_scenario_commands(std::vector<Command>& out);
void register_console_commands(std::vector<Command>& out);
void register_edit_commands(std::vector<Command>& out);
void register_team_commands(std::vector<Command>& out);  // team mode (commands_team.cpp)

// `govbench: <command>: <message>` on stderr.
void print_error(const std::string& command, const std::string& message);

// For commands that only read the database: when this process may not
// write the file, says on stderr that it was opened for reading only (the
// command itself works as usual; commands that write refuse such a file).
void note_if_read_only(const std::string& command, const std::string& db_path);

// The default workspace database (created from the demo data on first use):
// $XDG_DATA_HOME/govbench/demo.db or ~/.local/share/govbench/demo.db.
std::string default_database_path();

}  // namespace gb::app
