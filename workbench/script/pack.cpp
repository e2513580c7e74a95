#include "script/pack.hpp"

#include <algorithm>
#include <fstream>
#include <lua.hpp>
#include <sstream>

#include "script/api.hpp"
#include "script/sandbox.hpp"

namespace gb::script {

namespace fs = std::filesystem;

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

bool valid_pack_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  if (!(name.front() >= 'a' && name.front() <= 'z')) return false;
  if (name.back() == '-') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return name.find("--") == std::string::npos;
}

bool valid_parameter_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  if (!(name.front() >= 'a' && name.front() <= 'z')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string pack_parameter_key(const std::string& pack, const std::string& name) {
  return "pack." + pack + "." + name;
}

// Folders whose .lua files a pack may hold, and what else is allowed.
bool pack_file_allowed(const std::string& rel) {
  if (rel == "pack.lua" || rel == "README.md") return true;
  auto in = [&](const char* dir, const char* ext) {
    return rel.starts_with(std::string(dir) + "/") && rel.ends_with(ext);
  };
  return in("indicators", ".lua") || in("rules", ".lua") || in("views", ".lua") || in("lib", ".lua") ||
         in("tests", ".lua") || in("fixtures", ".csv") || in("fixtures", ".sql") || in("docs", ".md");
}

namespace {

ScriptError folder_error(const std::string& pack, const std::string& file, std::string message) {
  ScriptError e;
  e.kind = ScriptError::Kind::Host;
  e.pack = pack;
  e.file = file;
  e.message = std::move(message);
  return e;
}

// ---- the manifest, read inside a protected call ------------------------

// Reads t[field] as a string; nil -> "" when optional.
const char* manifest_string(lua_State* L, int t, const char* field, bool required) {
  lua_getfield(L, t, field);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    if (required) luaL_error(L, "pack.lua: field '%s' is required", field);
    return "";
  }
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_error(L, "pack.lua: field '%s' must be a string, not a %s", field, luaL_typename(L, -1));
  const char* s = lua_tostring(L, -1);
  lua_pop(L, 1);  // the table still holds the string, so the pointer stays valid
  return s;
}

void manifest_string_list(lua_State* L, int t, const char* field, std::vector<std::string>& out) {
  lua_getfield(L, t, field);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return;
  }
  if (!lua_istable(L, -1)) luaL_error(L, "pack.lua: field '%s' must be a list of strings", field);
  const lua_Integer n = luaL_len(L, -1);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_geti(L, -1, i);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_error(L, "pack.lua: field '%s' must be a list of strings (item %d is a %s)", field, static_cast<int>(i),
                 luaL_typename(L, -1));
    out.emplace_back(lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

int read_manifest(lua_State* L) {
  auto* pack = static_cast<Pack*>(lua_touserdata(L, 1));
  if (!lua_istable(L, 2))
    return luaL_error(L, "pack.lua must return a table (the manifest), not a %s", luaL_typename(L, 2));
  PackManifest& m = pack->mutable_manifest();
  m.name = manifest_string(L, 2, "name", true);
  if (!valid_pack_name(m.name))
    return luaL_error(L,
                      "pack.lua: field 'name' must be lower-case letters, digits and single dashes, starting "
                      "with a letter (got '%s')",
                      m.name.c_str());
  const char* version = manifest_string(L, 2, "version", true);
  // No C++ object may be alive in this frame when a later luaL_error
  // longjmps out of it (its destructor would never run): the parsed version,
  // whose prerelease parts own memory, is gone before the next check.
  bool version_ok = false;
  if (auto v = Version::parse(version)) {
    m.version = std::move(*v);
    version_ok = true;
  }
  if (!version_ok)
    return luaL_error(L, "pack.lua: field 'version' must be a semantic version such as 1.0.0 (got '%s')", version);
  lua_getfield(L, 2, "api");
  if (!lua_isinteger(L, -1))
    return luaL_error(L, "pack.lua: field 'api' must be a whole number (this host implements api = %d)", kApiLevel);
  m.api = static_cast<int>(lua_tointeger(L, -1));
  lua_pop(L, 1);
  m.title = manifest_string(L, 2, "title", false);
  m.description = manifest_string(L, 2, "description", false);
  m.license = manifest_string(L, 2, "license", false);
  manifest_string_list(L, 2, "authors", m.authors);
  manifest_string_list(L, 2, "permissions", m.permissions);

  lua_getfield(L, 2, "requires");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1))
      return luaL_error(L, "pack.lua: field 'requires' must be a table of pack name = version range");
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
        return luaL_error(L, "pack.lua: 'requires' entries must be written [\"pack-name\"] = \"^1.0\"");
      const char* dep = lua_tostring(L, -2);
      const char* range = lua_tostring(L, -1);
      bool bad = false;
      try {
        m.requires_.insert_or_assign(dep, VersionRange::parse(range));
      } catch (const std::exception& e) {
        pack->scratch = e.what();
        bad = true;
      }
      if (bad) return luaL_error(L, "pack.lua: requires '%s': %s", dep, pack->scratch.c_str());
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);

  lua_getfield(L, 2, "parameters");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1))
      return luaL_error(
          L, "pack.lua: field 'parameters' must be a table such as { table = { default = \"observations\" } }");
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      if (lua_type(L, -2) != LUA_TSTRING || !valid_parameter_name(lua_tostring(L, -2)))
        return luaL_error(L,
                          "pack.lua: parameters: each name must be lower-case letters, digits and '_', starting "
                          "with a letter (got '%s')",
                          lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : luaL_typename(L, -2));
      const char* pname = lua_tostring(L, -2);
      const char* def = nullptr;
      const char* desc = "";
      if (lua_type(L, -1) == LUA_TSTRING) {
        def = lua_tostring(L, -1);
      } else if (lua_istable(L, -1)) {
        lua_getfield(L, -1, "default");
        if (lua_type(L, -1) == LUA_TSTRING) def = lua_tostring(L, -1);
        lua_pop(L, 1);  // the table still holds the string
        lua_getfield(L, -1, "description");
        if (lua_type(L, -1) == LUA_TSTRING)
          desc = lua_tostring(L, -1);
        else if (!lua_isnil(L, -1))
          return luaL_error(L, "pack.lua: parameters.%s.description must be a string", pname);
        lua_pop(L, 1);
      }
      if (!def)
        return luaL_error(L,
                          "pack.lua: parameters.%s must be a string (its default) or { default = \"...\", "
                          "description = \"...\" }",
                          pname);
      m.parameters.push_back(PackParameter{pname, def, desc});
      lua_pop(L, 1);
    }
    std::sort(m.parameters.begin(), m.parameters.end(),
              [](const PackParameter& a, const PackParameter& b) { return a.name < b.name; });
  }
  lua_pop(L, 1);

  lua_getfield(L, 2, "data");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1))
      return luaL_error(L, "pack.lua: field 'data' must be a table such as { tables = { \"observations\" } }");
    const int d = lua_gettop(L);
    manifest_string_list(L, d, "tables", m.data_tables);
    lua_getfield(L, d, "columns");
    if (lua_istable(L, -1)) {
      lua_pushnil(L);
      while (lua_next(L, -2)) {
        if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1))
          return luaL_error(L, "pack.lua: data.columns must map table names to lists of column names");
        std::vector<std::string>& cols = m.data_columns[lua_tostring(L, -2)];
        const lua_Integer n = luaL_len(L, -1);
        for (lua_Integer i = 1; i <= n; ++i) {
          lua_geti(L, -1, i);
          if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "pack.lua: data.columns lists must hold strings");
          cols.emplace_back(lua_tostring(L, -1));
          lua_pop(L, 1);
        }
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return 0;
}

}  // namespace

Pack::Pack(fs::path dir, const Limits& limits, ConsoleSink console)
    : dir_(std::move(dir)), state_(std::make_unique<LuaState>(limits)), console_(std::move(console)) {
  state_->set_owner(this);
}

Pack::~Pack() = default;

void Pack::add_error(ScriptError e) {
  if (e.pack.empty()) e.pack = manifest_.name.empty() ? dir_.filename().string() : manifest_.name;
  if (console_) console_({ConsoleMessage::Level::Error, e.pack, e.file, e.line, e.message});
  errors_.push_back(std::move(e));
}

std::shared_ptr<Pack> Pack::open(const fs::path& dir, const Limits& limits, ConsoleSink console,
                                 const PackFolderLimits& folder_limits) {
  std::shared_ptr<Pack> p(new Pack(dir, limits, std::move(console)));
  install_sandbox(*p->state_);
  install_gov_api(p->state_->L());
  if (p->read_folder(folder_limits)) p->evaluate_manifest();
  return p;
}

std::shared_ptr<Pack> Pack::make_scratch(const std::string& name, const Limits& limits, ConsoleSink console,
                                         const std::vector<std::shared_ptr<const Pack>>& deps) {
  std::shared_ptr<Pack> p(new Pack(fs::path(), limits, std::move(console)));
  install_sandbox(*p->state_);
  install_gov_api(p->state_->L());
  p->manifest_.name = name;
  p->manifest_.version = *Version::parse("0.0.0");
  p->manifest_.api = kApiLevel;
  p->load(deps);
  return p;
}

bool Pack::read_folder(const PackFolderLimits& limits) {
  const std::string label = dir_.filename().string();
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) {
    add_error(folder_error(label, "", "not a pack folder: " + dir_.string()));
    return false;
  }
  if (!fs::exists(dir_ / "pack.lua", ec)) {
    add_error(folder_error(label, "pack.lua", "missing: every pack folder starts with a pack.lua manifest"));
    return false;
  }
  std::uintmax_t total = 0;
  std::size_t count = 0;
  std::uint64_t hash = fnv1a("govbench-pack");
  std::vector<std::pair<std::string, fs::path>> entries;
  for (auto it = fs::recursive_directory_iterator(dir_, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto& entry = *it;
    std::string rel = entry.path().lexically_relative(dir_).generic_string();
    if (rel.empty() || rel.front() == '.' || rel.find("/.") != std::string::npos) {
      if (entry.is_directory()) it.disable_recursion_pending();
      continue;  // hidden files: editor swap files, .git
    }
    if (entry.is_symlink()) {
      add_error(folder_error(label, rel, "symbolic links are not allowed in a pack"));
      continue;
    }
    if (entry.is_directory()) continue;
    if (!entry.is_regular_file()) {
      add_error(folder_error(label, rel, "only regular files are allowed in a pack"));
      continue;
    }
    if (!pack_file_allowed(rel)) continue;  // other files are ignored, never run
    if (++count > limits.max_files) {
      add_error(folder_error(label, "", "too many files (the limit is " + std::to_string(limits.max_files) + ")"));
      return false;
    }
    const auto size = entry.file_size(ec);
    if (size > limits.max_file_bytes) {
      add_error(folder_error(label, rel,
                             "file too large (" + std::to_string(size) + " bytes; the limit is " +
                                 std::to_string(limits.max_file_bytes) + ")"));
      continue;
    }
    total += size;
    if (total > limits.max_total_bytes) {
      add_error(
          folder_error(label, "", "the pack is larger than " + std::to_string(limits.max_total_bytes >> 20) + " MiB"));
      return false;
    }
    entries.emplace_back(rel, entry.path());
  }
  if (ec) {
    add_error(folder_error(label, "", "cannot read the folder: " + ec.message()));
    return false;
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& [rel, path] : entries) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) {
      add_error(folder_error(label, rel, "cannot read the file"));
      continue;
    }
    auto text = std::make_shared<const std::string>(std::move(ss).str());
    hash = fnv1a(rel, hash);
    hash = fnv1a(*text, hash);
    files_[rel] = std::move(text);
  }
  content_hash_ = hash;
  for (const auto& [rel, text] : files_) {
    if (!rel.starts_with("lib/") || !rel.ends_with(".lua")) continue;
    std::string name = rel.substr(4, rel.size() - 8);
    std::replace(name.begin(), name.end(), '/', '.');
    modules_[name] = Module{"@" + rel, text};
  }
  return errors_.empty();
}

bool Pack::evaluate_manifest() {
  if (auto err = load_chunk(*state_, dir_.filename().string(), "pack.lua", *files_.at("pack.lua"))) {
    add_error(*err);
    return false;
  }
  lua_State* L = state_->L();
  if (auto err = call_protected(*state_, dir_.filename().string(), 0, 1)) {
    add_error(*err);
    return false;
  }
  const int manifest_index = lua_gettop(L);
  lua_pushcfunction(L, read_manifest);
  lua_pushlightuserdata(L, this);
  lua_pushvalue(L, manifest_index);
  auto err = call_protected(*state_, dir_.filename().string(), 2, 0);
  lua_settop(L, manifest_index - 1);
  if (err) {
    if (err->file.empty()) err->file = "pack.lua";
    const std::string prefix = "pack.lua: ";
    if (err->message.starts_with(prefix)) err->message = err->message.substr(prefix.size());
    add_error(*err);
    return false;
  }
  if (manifest_.api != kApiLevel) {
    add_error(folder_error(manifest_.name, "pack.lua",
                           "the pack is written for API level " + std::to_string(manifest_.api) +
                               " but this govbench implements API level " + std::to_string(kApiLevel)));
    return false;
  }
  return true;
}

std::optional<ScriptError> Pack::run_file(const std::string& rel) {
  if (auto err = load_chunk(*state_, manifest_.name, rel, *files_.at(rel))) return err;
  return call_protected(*state_, manifest_.name, 0, 0);
}

bool Pack::load(const std::vector<std::shared_ptr<const Pack>>& deps) {
  if (!errors_.empty()) return false;
  // A dependency's modules are reachable as "<dep>.<module>".
  for (const auto& dep : deps) dependency_parameters_[dep->name()] = dep->manifest().parameters;
  for (const auto& dep : deps)
    for (const auto& [name, mod] : dep->modules_)
      modules_.emplace(dep->name() + "." + name, Module{"@" + dep->name() + "/" + mod.chunkname.substr(1), mod.source});
  for (const char* folder : {"indicators/", "rules/", "views/", "tests/"}) {
    for (const auto& [rel, text] : files_) {
      if (!rel.starts_with(folder) || !rel.ends_with(".lua")) continue;
      if (auto err = run_file(rel)) add_error(*err);
    }
  }
  return errors_.empty();
}

std::uint64_t Pack::file_hash(const std::string& rel) const {
  auto it = files_.find(rel);
  return it == files_.end() ? 0 : fnv1a(*it->second);
}

void Pack::on_print(const char* file, int line, const char* text) {
  // Called from Lua (print): nothing may throw across it.
  try {
    if (console_) console_({ConsoleMessage::Level::Print, manifest_.name, file, line, text});
  } catch (...) {
  }
}

const Pack::Module* Pack::find_module(const std::string& name) {
  auto it = modules_.find(name);
  return it == modules_.end() ? nullptr : &it->second;
}

}  // namespace gb::script
