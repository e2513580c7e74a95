// One pack: a folder with pack.lua and Lua files in indicators/, rules/,
// views/, lib/ and tests/, loaded into a Lua state of its own.
//
// Loading happens in two steps so that a set of packs can be ordered by
// their dependencies: open() reads the folder and evaluates the manifest;
// load() runs the definition files with the lib/ folders of the packs it
// requires available to `require`.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "script/call.hpp"
#include "script/definitions.hpp"
#include "script/lua_state.hpp"
#include "script/manifest.hpp"

namespace gb::script {

// Output of pack code: print() lines and problems.
struct ConsoleMessage {
  enum class Level { Print, Info, Error };
  Level level = Level::Print;
  std::string pack;
  std::string file;
  int line = 0;
  std::string text;
};
using ConsoleSink = std::function<void(const ConsoleMessage&)>;

// Limits on what a pack folder may hold (packs come from other teams).
struct PackFolderLimits {
  std::size_t max_files = 10000;
  std::uintmax_t max_file_bytes = 4u << 20;
  std::uintmax_t max_total_bytes = 50u << 20;
};

class Pack {
 public:
  struct Module {
    std::string chunkname;  // "@lib/util.lua" or "@<dep>/lib/util.lua"
    std::shared_ptr<const std::string> source;
  };

  // Reads every file of the folder and evaluates pack.lua. Never throws:
  // problems are in errors() and ok() is false.
  static std::shared_ptr<Pack> open(const std::filesystem::path& dir, const Limits& limits, ConsoleSink console,
                                    const PackFolderLimits& folder_limits = {});
  // A pack with no folder and no files, for the scratch console: the
  // sandbox and the gov API, the lib/ modules of `deps` reachable by
  // require, and whatever globals the console's inputs define.
  static std::shared_ptr<Pack> make_scratch(const std::string& name, const Limits& limits, ConsoleSink console,
                                            const std::vector<std::shared_ptr<const Pack>>& deps);

  Pack(const Pack&) = delete;
  Pack& operator=(const Pack&) = delete;
  ~Pack();

  // Runs the definition files (indicators/, rules/, views/, tests/, in that
  // order, files sorted by name). `deps` are the loaded packs this one
  // requires, whose lib/ modules `require` may load.
  bool load(const std::vector<std::shared_ptr<const Pack>>& deps);

  bool ok() const { return errors_.empty(); }
  const std::vector<ScriptError>& errors() const { return errors_; }
  void add_error(ScriptError e);

  const std::string& name() const { return manifest_.name; }
  const PackManifest& manifest() const { return manifest_; }
  const std::filesystem::path& dir() const { return dir_; }
  const PackDefinitions& definitions() const { return defs_; }
  LuaState& state() { return *state_; }
  // A hash over every file's path and content: changes whenever the pack does.
  std::uint64_t content_hash() const { return content_hash_; }
  // Hash of one definition file's content (for result caching).
  std::uint64_t file_hash(const std::string& rel) const;
  const std::map<std::string, std::shared_ptr<const std::string>>& files() const { return files_; }

  // For the sandbox and the gov API (called from Lua; never throw).
  void on_print(const char* file, int line, const char* text);
  const Module* find_module(const std::string& name);
  PackDefinitions& mutable_definitions() { return defs_; }
  PackManifest& mutable_manifest() { return manifest_; }
  // The parameters of this pack (its own name) or of a pack it requires;
  // null for any other pack.
  const std::vector<PackParameter>* parameters_of(const std::string& pack) const {
    if (pack == manifest_.name) return &manifest_.parameters;
    auto it = dependency_parameters_.find(pack);
    return it == dependency_parameters_.end() ? nullptr : &it->second;
  }
  // Scratch records the gov.* functions fill before registering them, kept
  // here (not on the C stack) because a Lua error may longjmp out of the
  // function at any point.
  IndicatorDef pending_indicator;
  RuleDef pending_rule;
  ViewDef pending_view;
  TestDef pending_test;
  ParamSpec pending_param;
  std::string scratch;

 private:
  Pack(std::filesystem::path dir, const Limits& limits, ConsoleSink console);
  bool read_folder(const PackFolderLimits& limits);
  bool evaluate_manifest();
  std::optional<ScriptError> run_file(const std::string& rel);

  std::filesystem::path dir_;
  std::unique_ptr<LuaState> state_;
  ConsoleSink console_;
  PackManifest manifest_;
  PackDefinitions defs_;
  std::vector<ScriptError> errors_;
  std::map<std::string, std::shared_ptr<const std::string>> files_;          // relative path -> content
  std::map<std::string, Module> modules_;                                    // require name -> module
  std::map<std::string, std::vector<PackParameter>> dependency_parameters_;  // required pack -> its parameters
  std::uint64_t content_hash_ = 0;
};

// 64-bit FNV-1a, for content hashes that need not resist attack.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = 1469598103934665603ULL);

}  // namespace gb::script
