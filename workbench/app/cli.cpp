#include "app/cli.hpp"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/dates.hpp"
#include "data/db.hpp"

namespace gb::app {

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::require(const std::string& name) const {
  auto v = get(name);
  if (!v) throw UsageError("missing required option " + name);
  return *v;
}

std::string Args::as_of(const std::string& fallback) const {
  std::string d = get("--as-of").value_or(fallback);
  if (d.empty()) return d;
  if (const std::string problem = date_problem(d); !problem.empty()) throw UsageError("--as-of " + problem);
  return d;
}

std::vector<std::string> Args::all(const std::string& name) const {
  auto it = options_.find(name);
  return it == options_.end() ? std::vector<std::string>{} : it->second;
}

int Args::get_int(const std::string& name, int fallback, int min, int max) const {
  auto v = get(name);
  if (!v) return fallback;
  int out = 0;
  // A false positive of the analyzer: it takes optional::operator-> (its std::__addressof) for a
  // reallocation of the string, so v->data() would dangle; nothing here changes the string.
  // NOLINTNEXTLINE(clang-analyzer-cplusplus.InnerPointer): see above
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size() || out < min || out > max)
    throw UsageError(name + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                     " (got '" + *v + "')");
  return out;
}

Args parse_args(const Command& cmd, const std::vector<std::string>& argv) {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;
  bool only_positional = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-') {
      positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::optional<std::string> inline_value;
    if (auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
      inline_value = a.substr(eq + 1);
      a = a.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& o : cmd.options)
      if (o.name == a) spec = &o;
    if (!spec) throw UsageError("unknown option '" + a + "'");
    if (!spec->repeatable && options.count(a)) throw UsageError("option " + a + " given twice");
    if (spec->takes_value) {
      if (inline_value) {
        options[a].push_back(*inline_value);
      } else {
        if (i + 1 >= argv.size()) throw UsageError("option " + a + " needs a value");
        options[a].push_back(argv[++i]);
      }
    } else {
      if (inline_value) throw UsageError("option " + a + " takes no value");
      options[a].push_back("");
    }
  }
  if (static_cast<int>(positional.size()) < cmd.min_positional)
    throw UsageError(cmd.min_positional == 1 ? "missing argument" : "missing arguments");
  if (static_cast<int>(positional.size()) > cmd.max_positional)
    throw UsageError("unexpected argument '" + positional[static_cast<std::size_t>(cmd.max_positional)] + "'");
  return Args(cmd.name, std::move(positional), std::move(options));
}

void print_error(const std::string& command, const std::string& message) {
  std::cerr << "govbench: " << (command.empty() ? "" : command + ": ") << message << "\n";
}

void note_if_read_only(const std::string& command, const std::string& db_path) {
  if (!data::is_writable(db_path))
    std::cerr << "govbench: " << command << ": note: " << db_path << " is read-only: opened for reading only\n";
}

std::string default_database_path() {
  std::filesystem::path base;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = std::filesystem::path(h) / ".local" / "share";
  else
    base = ".";
  return (base / "govbench" / "demo.db").string();
}

}  // namespace gb::app
