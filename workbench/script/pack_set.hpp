// The packs a workspace uses: bundled, installed and extra folders, loaded
// in dependency order. One pack's failure (a bad manifest, a missing or
// incompatible dependency, a duplicate id, an error in a file) stops that
// pack only; the others load.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "script/pack.hpp"

namespace gb::script {

struct PackEntry {
  enum class Status {
    Loaded,    // the current files are active
    Failed,    // nothing of this pack is active
    Stale,     // the last reload failed; the previous good version is active
    Disabled,  // the user turned it off (see set_pack_enabled)
  };
  std::filesystem::path dir;
  std::string origin;  // "bundled", "installed", "--packs", ...
  Status status = Status::Failed;
  std::shared_ptr<Pack> active;  // the version in use (null when Failed or Disabled)
  std::shared_ptr<Pack>
      disabled;  // when Disabled, or Failed because a permission was denied: the pack as read (manifest only, not run)
  std::vector<ScriptError> problems;
  // Who may own this pack's ids when two packs define the same one: 0 a
  // bundled pack, 1 an installed pack signed by a key you trust (checked
  // against its files each load), 2 any other. Lower owns; at equal rank
  // the pack that loads first owns.
  int rank = 2;
  std::string trust;  // "bundled", "signed by NAME", "not signed by a trusted key"
  // Packs that tried to redefine one of this pack's ids and were stopped,
  // one line each ("pack 'x' (--packs, not signed ...) also defines indicator 'y'").
  std::vector<std::string> collisions;
  std::string name() const;
};
const char* status_name(PackEntry::Status s);

template <class Def>
struct DefinitionRef {
  std::shared_ptr<Pack> pack;
  const Def* def = nullptr;
};

class PackSet {
 public:
  explicit PackSet(Limits limits = {}, ConsoleSink console = {});

  // Packs with these names are listed as Disabled and not loaded.
  void set_disabled(std::set<std::string> names) { disabled_ = std::move(names); }

  // A pack folder (with pack.lua) or a folder of pack folders.
  void add_source(const std::filesystem::path& dir, const std::string& origin);
  // The packs every command and the workbench use: the bundled packs (when
  // asked), the user's installed packs, then each extra folder; the packs
  // the user disabled are not loaded. Throws
  // gb::Error for an extra folder that does not exist.
  void add_standard_sources(const std::vector<std::string>& extra_dirs, bool include_bundled = true);
  // Loads (or loads again) every pack.
  void load();
  // Reloads one pack and, after it, the packs that require it. If the pack
  // fails, its previous good version stays active. Returns true when the
  // new version is active.
  bool reload(const std::string& name);
  // The pack whose folder holds `path`, if any.
  std::optional<std::string> pack_for_path(const std::filesystem::path& path) const;

  const std::vector<PackEntry>& entries() const { return entries_; }
  const PackEntry* entry(const std::string& name) const;
  // Every problem of every pack, in load order.
  std::vector<ScriptError> problems() const;
  std::size_t loaded_count() const;

  std::vector<DefinitionRef<IndicatorDef>> indicators() const;
  // Forgets every value ctx.shared keeps in every pack's state: the next
  // evaluation computes them from scratch (a full evaluation to compare
  // with, in tests and the benchmark).
  void forget_shared_values() const;
  std::vector<DefinitionRef<RuleDef>> rules() const;
  std::vector<DefinitionRef<ViewDef>> views() const;
  std::optional<DefinitionRef<IndicatorDef>> find_indicator(const std::string& id) const;
  std::optional<DefinitionRef<RuleDef>> find_rule(const std::string& id) const;
  std::optional<DefinitionRef<ViewDef>> find_view(const std::string& id) const;

  const Limits& limits() const { return limits_; }

 private:
  std::vector<std::size_t> load_order(std::vector<std::shared_ptr<Pack>>& opened);
  bool try_activate(std::size_t index, const std::shared_ptr<Pack>& pack, bool check_conflicts = true);
  std::optional<std::string> conflict(const Pack& pack, std::size_t self) const;
  void settle_ownership();

  Limits limits_;
  ConsoleSink console_;
  std::vector<std::pair<std::filesystem::path, std::string>> sources_;
  std::vector<PackEntry> entries_;  // in load order
  std::set<std::string> disabled_;
};

// The packs the user disabled: $XDG_CONFIG_HOME/govbench/disabled-packs,
// one name a line. Throws gb::Error when the file cannot be written.
std::set<std::string> disabled_packs();
void set_pack_enabled(const std::string& name, bool enabled);

// Where the bundled packs are: $GOVBENCH_SCRIPTS, else the share folder
// beside an installed binary, else the source tree the binary was built from.
std::filesystem::path bundled_packs_dir();
// Where `govbench pack install` puts packs: $XDG_DATA_HOME/govbench/packs.
std::filesystem::path user_packs_dir();

}  // namespace gb::script
