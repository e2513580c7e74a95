#include "script/pack_set.hpp"

#include "core/error.hpp"
#include "data/atomic_file.hpp"
#include "script/bundle.hpp"
#include "script/signing.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>

namespace gb::script {

namespace fs = std::filesystem;

std::string PackEntry::name() const {
  return active ? active->name() : disabled ? disabled->name() : dir.filename().string();
}

const char* status_name(PackEntry::Status s) {
  switch (s) {
    case PackEntry::Status::Loaded: return "loaded";
    case PackEntry::Status::Failed: return "failed";
    case PackEntry::Status::Stale: return "reload failed (previous version active)";
    case PackEntry::Status::Disabled: return "disabled";
  }
  return "failed";
}

PackSet::PackSet(Limits limits, ConsoleSink console) : limits_(limits), console_(std::move(console)) {}

void PackSet::add_source(const fs::path& dir, const std::string& origin) {
  std::error_code ec;
  if (fs::exists(dir / "pack.lua", ec)) {
    sources_.emplace_back(dir, origin);
    return;
  }
  std::vector<fs::path> subdirs;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_directory() && !e.is_symlink() && e.path().filename().string().front() != '.' &&
        fs::exists(e.path() / "pack.lua"))
      subdirs.push_back(e.path());
  std::sort(subdirs.begin(), subdirs.end());
  if (subdirs.empty()) {
    // A folder the user named that holds no pack is a mistake worth
    // reporting (load() says pack.lua is missing); an empty bundled or
    // install folder is not.
    if (origin != "bundled" && origin != "installed") sources_.emplace_back(dir, origin);
    return;
  }
  for (auto& d : subdirs) sources_.emplace_back(d, origin);
}

void PackSet::add_standard_sources(const std::vector<std::string>& extra_dirs, bool include_bundled) {
  std::error_code ec;
  disabled_ = disabled_packs();
  if (include_bundled) {
    const auto bundled = bundled_packs_dir();
    if (fs::is_directory(bundled, ec)) add_source(bundled, "bundled");
  }
  const auto user = user_packs_dir();
  if (fs::is_directory(user, ec)) add_source(user, "installed");
  for (const auto& d : extra_dirs) {
    if (!fs::is_directory(d, ec)) throw Error("--packs " + d + ": no such folder");
    add_source(d, "--packs");
  }
}

std::vector<std::size_t> PackSet::load_order(std::vector<std::shared_ptr<Pack>>& opened) {
  // Depth-first over `requires`, visiting packs by name for a stable order.
  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < opened.size(); ++i)
    if (opened[i]->ok()) by_name.emplace(opened[i]->name(), i);
  std::vector<std::size_t> order;
  std::vector<int> mark(opened.size(), 0);  // 0 new, 1 visiting, 2 done
  std::function<void(std::size_t, std::vector<std::string>&)> visit = [&](std::size_t i, std::vector<std::string>& path) {
    if (mark[i] == 2) return;
    if (mark[i] == 1) {
      std::string cycle;
      auto start = std::find(path.begin(), path.end(), opened[i]->name());
      for (auto it = start; it != path.end(); ++it) cycle += *it + " -> ";
      cycle += opened[i]->name();
      ScriptError e;
      e.kind = ScriptError::Kind::Host;
      e.file = "pack.lua";
      e.message = "dependency cycle: " + cycle;
      opened[i]->add_error(e);
      return;
    }
    mark[i] = 1;
    path.push_back(opened[i]->name());
    for (const auto& [dep, range] : opened[i]->manifest().requires_) {
      auto it = by_name.find(dep);
      if (it != by_name.end()) visit(it->second, path);
    }
    path.pop_back();
    mark[i] = 2;
    order.push_back(i);
  };
  std::vector<std::pair<std::string, std::size_t>> names(by_name.begin(), by_name.end());
  for (const auto& [name, i] : names) {
    std::vector<std::string> path;
    visit(i, path);
  }
  // Failed to open: listed last. A pack found in a cycle above is already
  // in the order (it failed while being visited): once is enough.
  for (std::size_t i = 0; i < opened.size(); ++i)
    if (mark[i] == 0 && !opened[i]->ok()) order.push_back(i);
  return order;
}

std::optional<std::string> PackSet::conflict(const Pack& pack, std::size_t self) const {
  for (std::size_t j = 0; j < entries_.size(); ++j) {
    if (j == self || !entries_[j].active) continue;
    const Pack& other = *entries_[j].active;
    const auto& a = pack.definitions();
    const auto& b = other.definitions();
    auto clash = [&](const auto& mine, const auto& theirs, const char* kind) -> std::optional<std::string> {
      for (const auto& m : mine)
        for (const auto& t : theirs)
          if (m.id == t.id)
            return std::string(kind) + " '" + m.id + "' (" + m.site.file + ":" + std::to_string(m.site.line) +
                   ") is also defined by pack '" + other.name() + "' (" + t.site.file + ":" +
                   std::to_string(t.site.line) + ")";
      return std::nullopt;
    };
    if (auto c = clash(a.indicators, b.indicators, "indicator")) return c;
    if (auto c = clash(a.rules, b.rules, "rule")) return c;
    if (auto c = clash(a.views, b.views, "view")) return c;
  }
  return std::nullopt;
}

// Resolves the pack's dependencies against the active packs and loads it.
// On success it becomes entries_[index].active.
bool PackSet::try_activate(std::size_t index, const std::shared_ptr<Pack>& pack) {
  std::vector<std::shared_ptr<const Pack>> deps;
  for (const auto& [dep, range] : pack->manifest().requires_) {
    const PackEntry* e = entry(dep);
    ScriptError err;
    err.kind = ScriptError::Kind::Host;
    err.file = "pack.lua";
    if (!e) {
      err.message = "requires pack '" + dep + "' " + range.to_string() + ", which is not installed";
    } else if (e->status == PackEntry::Status::Disabled) {
      err.message = "requires pack '" + dep + "', which is disabled";
    } else if (!e->active) {
      err.message = "requires pack '" + dep + "', which failed to load";
    } else if (!range.contains(e->active->manifest().version)) {
      err.message = "requires pack '" + dep + "' " + range.to_string() + " but version " +
                    e->active->manifest().version.to_string() + " is installed";
    } else {
      deps.push_back(e->active);
      continue;
    }
    pack->add_error(err);
  }
  if (!pack->ok()) return false;
  if (!pack->load(deps)) return false;
  if (auto c = conflict(*pack, index)) {
    ScriptError err;
    err.kind = ScriptError::Kind::Host;
    err.message = *c;
    pack->add_error(err);
    return false;
  }
  return true;
}

void PackSet::load() {
  std::vector<std::shared_ptr<Pack>> opened;
  std::vector<std::string> origins;
  std::set<fs::path> seen;
  for (const auto& [dir, origin] : sources_) {
    std::error_code ec;
    const auto canon = fs::weakly_canonical(dir, ec);
    if (!seen.insert(ec ? dir : canon).second) continue;
    opened.push_back(Pack::open(dir, limits_, console_));
    origins.push_back(origin);
  }
  // Two folders with the same pack name: the later one is refused.
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < opened.size(); ++i) {
    if (!opened[i]->ok()) continue;
    auto [it, fresh] = first.emplace(opened[i]->name(), i);
    if (!fresh) {
      ScriptError e;
      e.kind = ScriptError::Kind::Host;
      e.file = "pack.lua";
      e.message = "another pack named '" + opened[i]->name() + "' is already loaded from " +
                  opened[it->second]->dir().string();
      opened[i]->add_error(e);
    }
  }
  const auto order = load_order(opened);
  entries_.clear();
  for (std::size_t i : order) {
    PackEntry e;
    e.dir = opened[i]->dir();
    e.origin = origins[i];
    entries_.push_back(std::move(e));
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& pack = opened[order[k]];
    PackEntry& e = entries_[k];
    if (pack->ok() && disabled_.count(pack->name())) {
      e.status = PackEntry::Status::Disabled;
      e.disabled = pack;
      continue;
    }
    if (pack->ok() && try_activate(k, pack)) {
      e.status = PackEntry::Status::Loaded;
      e.active = pack;
    } else {
      e.status = PackEntry::Status::Failed;
    }
    e.problems = pack->errors();
  }
}

bool PackSet::reload(const std::string& name) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const PackEntry& e) { return e.name() == name; });
  if (it == entries_.end()) return false;
  const std::size_t index = static_cast<std::size_t>(it - entries_.begin());
  if (it->status == PackEntry::Status::Disabled) return false;
  auto fresh = Pack::open(it->dir, limits_, console_);
  bool ok = fresh->ok();
  if (ok && fresh->name() != name) {
    ScriptError e;
    e.kind = ScriptError::Kind::Host;
    e.file = "pack.lua";
    e.message = "the pack's name changed from '" + name + "' to '" + fresh->name() + "'; reload all packs to rename it";
    fresh->add_error(e);
    ok = false;
  }
  ok = ok && try_activate(index, fresh);
  PackEntry& e = entries_[index];
  e.problems = fresh->errors();
  if (!ok) {
    e.status = e.active ? PackEntry::Status::Stale : PackEntry::Status::Failed;
    return false;
  }
  e.active = fresh;
  e.status = PackEntry::Status::Loaded;
  if (console_) console_({ConsoleMessage::Level::Info, name, "", 0, "reloaded"});
  // Packs that require this one load its lib/ modules: reload them too.
  for (std::size_t j = index + 1; j < entries_.size(); ++j) {
    const auto& other = entries_[j].active;
    if (other && other->manifest().requires_.count(name)) reload(other->name());
  }
  return true;
}

std::optional<std::string> PackSet::pack_for_path(const fs::path& path) const {
  std::error_code ec;
  const auto p = fs::weakly_canonical(path, ec).generic_string();
  for (const auto& e : entries_) {
    const auto d = fs::weakly_canonical(e.dir, ec).generic_string() + "/";
    if (p.starts_with(d)) return e.name();
  }
  return std::nullopt;
}

const PackEntry* PackSet::entry(const std::string& name) const {
  for (const auto& e : entries_)
    if (e.name() == name) return &e;
  return nullptr;
}

std::vector<ScriptError> PackSet::problems() const {
  std::vector<ScriptError> out;
  for (const auto& e : entries_) out.insert(out.end(), e.problems.begin(), e.problems.end());
  return out;
}

std::size_t PackSet::loaded_count() const {
  return static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), [](const PackEntry& e) { return e.active != nullptr; }));
}

namespace {
template <class Def, class Get>
std::vector<DefinitionRef<Def>> collect(const std::vector<PackEntry>& entries, Get get) {
  std::vector<DefinitionRef<Def>> out;
  for (const auto& e : entries)
    if (e.active)
      for (const auto& d : get(e.active->definitions())) out.push_back({e.active, &d});
  return out;
}
template <class Def>
std::optional<DefinitionRef<Def>> find(const std::vector<DefinitionRef<Def>>& all, const std::string& id) {
  for (const auto& r : all)
    if (r.def->id == id) return r;
  return std::nullopt;
}
}  // namespace

std::vector<DefinitionRef<IndicatorDef>> PackSet::indicators() const {
  return collect<IndicatorDef>(entries_, [](const PackDefinitions& d) -> const auto& { return d.indicators; });
}
std::vector<DefinitionRef<RuleDef>> PackSet::rules() const {
  return collect<RuleDef>(entries_, [](const PackDefinitions& d) -> const auto& { return d.rules; });
}
std::vector<DefinitionRef<ViewDef>> PackSet::views() const {
  return collect<ViewDef>(entries_, [](const PackDefinitions& d) -> const auto& { return d.views; });
}
std::optional<DefinitionRef<IndicatorDef>> PackSet::find_indicator(const std::string& id) const { return find(indicators(), id); }
std::optional<DefinitionRef<RuleDef>> PackSet::find_rule(const std::string& id) const { return find(rules(), id); }
std::optional<DefinitionRef<ViewDef>> PackSet::find_view(const std::string& id) const { return find(views(), id); }

fs::path bundled_packs_dir() {
  if (const char* env = std::getenv("GOVBENCH_SCRIPTS"); env && *env) return env;
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "govbench" / "scripts";
    if (fs::is_directory(installed, ec)) return installed;
  }
  return fs::path(GOVBENCH_SOURCE_DIR) / "scripts";
}

fs::path user_packs_dir() {
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return fs::path(x) / "govbench" / "packs";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".local" / "share" / "govbench" / "packs";
  return fs::path(".govbench") / "packs";
}

namespace {
fs::path disabled_packs_path() { return user_config_dir() / "disabled-packs"; }
}  // namespace

std::set<std::string> disabled_packs() {
  std::set<std::string> out;
  std::error_code ec;
  const auto path = disabled_packs_path();
  if (!fs::exists(path, ec)) return out;
  std::string text;
  try {
    text = read_file_bytes(path, 1 << 20);
  } catch (const Error&) {
    return out;  // unreadable: nothing disabled
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = std::min(text.find('\n', pos), text.size());
    std::string name = text.substr(pos, end - pos);
    if (valid_pack_name(name)) out.insert(name);
    pos = end + 1;
  }
  return out;
}

void set_pack_enabled(const std::string& name, bool enabled) {
  auto names = disabled_packs();
  if (enabled) names.erase(name);
  else names.insert(name);
  std::string text;
  for (const auto& n : names) text += n + "\n";
  data::write_file_atomically(disabled_packs_path(), text, {.mode = {}, .create_directories = true});
}

}  // namespace gb::script
