#include "script/pack_set.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "script/bundle.hpp"
#include "script/install.hpp"
#include "script/permissions.hpp"
#include "script/shared_values.hpp"
#include "script/signing.hpp"

namespace gb::script {

namespace fs = std::filesystem;

std::string PackEntry::name() const {
  return active ? active->name() : disabled ? disabled->name() : dir.filename().string();
}

const char* status_name(PackEntry::Status s) {
  switch (s) {
    case PackEntry::Status::Loaded:
      return "loaded";
    case PackEntry::Status::Failed:
      return "failed";
    case PackEntry::Status::Stale:
      return "reload failed (previous version active)";
    case PackEntry::Status::Disabled:
      return "disabled";
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
  std::function<void(std::size_t, std::vector<std::string>&)> visit = [&](std::size_t i,
                                                                          std::vector<std::string>& path) {
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

namespace {

const char* const kKinds[] = {"indicator", "rule", "view"};

// Calls f(kind index, id, site) for every id the pack defines.
template <class F>
void for_each_id(const Pack& pack, F f) {
  const auto& d = pack.definitions();
  for (const auto& x : d.indicators) f(0, x.id, x.site);
  for (const auto& x : d.rules) f(1, x.id, x.site);
  for (const auto& x : d.views) f(2, x.id, x.site);
}

std::string where(const DefinitionSite& site) {
  return site.file + ":" + std::to_string(site.line);
}

}  // namespace

std::optional<std::string> PackSet::conflict(const Pack& pack, std::size_t self) const {
  const PackEntry& me = entries_[self];
  for (std::size_t j = 0; j < entries_.size(); ++j) {
    if (j == self || !entries_[j].active) continue;
    const Pack& other = *entries_[j].active;
    std::optional<std::string> found;
    for_each_id(pack, [&](int kind, const std::string& id, const DefinitionSite& site) {
      if (found) return;
      for_each_id(other, [&](int okind, const std::string& oid, const DefinitionSite& osite) {
        if (found || okind != kind || oid != id) return;
        found = std::string(kKinds[kind]) + " '" + id + "' (" + where(site) + ") belongs to pack '" + other.name() +
                "' (" + entries_[j].trust + ", " + where(osite) + "); this pack cannot redefine it: give it another id";
        if (me.rank < entries_[j].rank) *found += ", or reload all packs to give it to this pack, which owns it first";
      });
    });
    if (found) return found;
  }
  return std::nullopt;
}

// Who owns each id when packs collide: ranks, then load order. A pack that
// redefines an id it does not own is stopped (and then the packs that
// require it); since a stopped pack's ids are free again, this repeats
// until nothing more stops.
void PackSet::settle_ownership() {
  const std::size_t n = entries_.size();
  struct Clash {
    int kind;
    std::string id;
    DefinitionSite site;
    std::size_t owner;
    DefinitionSite owner_site;
  };
  std::vector<std::vector<Clash>> lost(n);
  std::vector<std::string> cascaded(n);  // the dependency that stopped it
  for (;;) {
    for (auto& l : lost) l.clear();
    std::vector<std::size_t> by_rank;
    for (std::size_t k = 0; k < n; ++k)
      if (entries_[k].active && cascaded[k].empty()) by_rank.push_back(k);
    std::stable_sort(by_rank.begin(), by_rank.end(),
                     [&](std::size_t a, std::size_t b) { return entries_[a].rank < entries_[b].rank; });
    std::map<std::pair<int, std::string>, std::pair<std::size_t, DefinitionSite>> owner;
    for (std::size_t k : by_rank) {
      for_each_id(*entries_[k].active, [&](int kind, const std::string& id, const DefinitionSite& site) {
        auto it = owner.find({kind, id});
        if (it != owner.end()) lost[k].push_back({kind, id, site, it->second.first, it->second.second});
      });
      if (lost[k].empty())
        for_each_id(*entries_[k].active, [&](int kind, const std::string& id, const DefinitionSite& site) {
          owner.emplace(std::pair{kind, id}, std::pair{k, site});
        });
    }
    bool changed = false;
    for (std::size_t k = 0; k < n; ++k) {
      if (!entries_[k].active || !lost[k].empty() || !cascaded[k].empty()) continue;
      for (const auto& [dep, range] : entries_[k].active->manifest().requires_)
        for (std::size_t j = 0; j < n; ++j)
          if (entries_[j].name() == dep && (!lost[j].empty() || !cascaded[j].empty()) && cascaded[k].empty()) {
            cascaded[k] = dep;
            changed = true;
          }
    }
    if (!changed) break;
  }
  for (std::size_t k = 0; k < n; ++k) {
    PackEntry& e = entries_[k];
    std::vector<ScriptError> errs;
    for (const auto& c : lost[k]) {
      const PackEntry& o = entries_[c.owner];
      ScriptError err;
      err.kind = ScriptError::Kind::Host;
      err.file = c.site.file;
      err.line = c.site.line;
      err.message = std::string(kKinds[c.kind]) + " '" + c.id + "' belongs to pack '" + o.name() + "' (" + o.trust +
                    ", " + where(c.owner_site) + "), which " + (o.rank < e.rank ? "ranks before" : "loads before") +
                    " this pack (" + e.origin + ", " + e.trust +
                    "): a pack cannot redefine another pack's id; give it another id";
      errs.push_back(err);
      entries_[c.owner].collisions.push_back("pack '" + e.name() + "' (" + e.origin + ", " + e.trust +
                                             ") also defines " + kKinds[c.kind] + " '" + c.id + "' (" + where(c.site) +
                                             "); it is not loaded");
    }
    if (!cascaded[k].empty()) {
      ScriptError err;
      err.kind = ScriptError::Kind::Host;
      err.file = "pack.lua";
      err.message = "requires pack '" + cascaded[k] + "', which failed to load";
      errs.push_back(err);
    }
    if (errs.empty()) continue;
    for (const auto& err : errs) e.active->add_error(err);
    e.problems = e.active->errors();
    e.active.reset();
    e.status = PackEntry::Status::Failed;
  }
}

// Resolves the pack's dependencies against the active packs and loads it.
// On success it becomes entries_[index].active.
bool PackSet::try_activate(std::size_t index, const std::shared_ptr<Pack>& pack, bool check_conflicts) {
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
  if (!check_conflicts) return true;
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
      e.message =
          "another pack named '" + opened[i]->name() + "' is already loaded from " + opened[it->second]->dir().string();
      opened[i]->add_error(e);
    }
  }
  const auto order = load_order(opened);
  TrustStore trust;
  try {
    trust = TrustStore::load();
  } catch (const Error&) {
    // A malformed trust store trusts no one here; 'govbench trust list' says what is wrong with it.
  }
  // The answers to packs' permission requests; unreadable, no pack that
  // asks for a permission runs (it fails, naming the file).
  std::optional<PermissionStore> permissions;
  std::string permissions_error;
  try {
    permissions = PermissionStore::load();
  } catch (const Error& ex) {
    permissions_error = ex.what();
  }
  auto denied = [&](const Pack& pack, const std::optional<PermissionStore>& store) -> std::optional<std::string> {
    if (!store) return "not run: it asks for permissions and your answers cannot be read: " + permissions_error;
    PackFiles files;
    for (const auto& [rel, text] : pack.files()) files.emplace(rel, *text);
    const std::string cid = content_id(files);
    for (const auto& p : pack.manifest().permissions)
      if (store->answer(pack.name(), cid, p) == PermissionAnswer::Deny)
        return "not run: you denied its permission '" + p +
               "' (answers are kept per pack and content; answer again in the Packs panel or by installing it again "
               "with --permissions)";
    return std::nullopt;
  };
  entries_.clear();
  for (std::size_t i : order) {
    PackEntry e;
    e.dir = opened[i]->dir();
    e.origin = origins[i];
    if (e.origin == "bundled") {
      e.rank = 0;
      e.trust = "bundled";
    } else if (auto signer = opened[i]->ok() ? verified_signer(*opened[i], trust) : std::nullopt) {
      e.rank = 1;
      e.trust = "signed by " + *signer;
    } else {
      e.trust = "not signed by a trusted key";
    }
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
    if (pack->ok() && !pack->manifest().permissions.empty() && e.rank > 0) {
      if (auto why = denied(*pack, permissions)) {
        ScriptError err;
        err.kind = ScriptError::Kind::Host;
        err.file = "pack.lua";
        err.message = *why;
        pack->add_error(err);
        e.status = PackEntry::Status::Failed;
        e.disabled = pack;
        e.problems = pack->errors();
        continue;
      }
    }
    if (pack->ok() && try_activate(k, pack, false)) {
      e.status = PackEntry::Status::Loaded;
      e.active = pack;
    } else {
      e.status = PackEntry::Status::Failed;
    }
    e.problems = pack->errors();
  }
  settle_ownership();
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
  return static_cast<std::size_t>(
      std::count_if(entries_.begin(), entries_.end(), [](const PackEntry& e) { return e.active != nullptr; }));
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
  return collect<IndicatorDef>(
      entries_, [](const PackDefinitions& d) -> const auto& { return d.indicators; });
}
std::vector<DefinitionRef<RuleDef>> PackSet::rules() const {
  return collect<RuleDef>(
      entries_, [](const PackDefinitions& d) -> const auto& { return d.rules; });
}
std::vector<DefinitionRef<ViewDef>> PackSet::views() const {
  return collect<ViewDef>(
      entries_, [](const PackDefinitions& d) -> const auto& { return d.views; });
}
std::optional<DefinitionRef<IndicatorDef>> PackSet::find_indicator(const std::string& id) const {
  return find(indicators(), id);
}
std::optional<DefinitionRef<RuleDef>> PackSet::find_rule(const std::string& id) const {
  return find(rules(), id);
}
std::optional<DefinitionRef<ViewDef>> PackSet::find_view(const std::string& id) const {
  return find(views(), id);
}

fs::path bundled_packs_dir() {
  if (const char* env = std::getenv("GOVBENCH_SCRIPTS"); env && *env) return env;
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "govbench" / "scripts";
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
fs::path disabled_packs_path() {
  return user_config_dir() / "disabled-packs";
}
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
  if (enabled)
    names.erase(name);
  else
    names.insert(name);
  std::string text;
  for (const auto& n : names) text += n + "\n";
  write_file_atomically(disabled_packs_path(), text, {.mode = {}, .create_directories = true});
}

void PackSet::forget_shared_values() const {
  for (const auto& e : entries_)
    if (e.active) e.active->state().shared_values().clear(e.active->state().L());
}

}  // namespace gb::script
