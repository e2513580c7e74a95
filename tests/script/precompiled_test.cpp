// The bundled packs compiled at build time (script/precompiled.hpp): the
// bytecode is what compiling the text gives, it is used only for exactly
// that text and name, and loading the bundled packs uses it.
#include "script/precompiled.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <lua.hpp>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "script/pack_set.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

struct CloseLua {
  void operator()(lua_State* L) const { lua_close(L); }
};

int append_bytes(lua_State*, const void* p, std::size_t size, void* out) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(p), size);
  return 0;
}

// The function on top of the stack as bytecode, with its debug information.
std::string dump_top(lua_State* L) {
  std::string out;
  REQUIRE(lua_dump(L, append_bytes, &out, 0) == 0);
  lua_pop(L, 1);
  return out;
}

std::string joined(std::span<const std::string_view> pieces) {
  std::string out;
  for (const auto piece : pieces) out += piece;
  return out;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every .lua file of every bundled pack, as (pack folder, path in the pack).
std::vector<std::pair<fs::path, std::string>> bundled_files() {
  std::vector<std::pair<fs::path, std::string>> out;
  for (const auto& pack : fs::directory_iterator(fs::path(GOVBENCH_SOURCE_DIR) / "scripts")) {
    if (!fs::is_regular_file(pack.path() / "pack.lua")) continue;
    for (const auto& f : fs::recursive_directory_iterator(pack.path()))
      if (f.is_regular_file() && f.path().extension() == ".lua")
        out.emplace_back(pack.path(), f.path().lexically_relative(pack.path()).generic_string());
  }
  return out;
}

}  // namespace

TEST_CASE("precompiled: every bundled file's bytecode is what compiling its text gives now", "[script][precompiled]") {
  std::unique_ptr<lua_State, CloseLua> state(luaL_newstate());
  lua_State* L = state.get();
  const auto files = bundled_files();
  REQUIRE(files.size() > 40);
  std::size_t names = 0;
  for (const auto& [pack, rel] : files) {
    const std::string text = read_text(pack / rel);
    std::vector<std::string> chunknames = {"@" + rel};
    if (rel.starts_with("lib/")) chunknames.push_back("@" + pack.filename().string() + "/" + rel);
    for (const auto& name : chunknames) {
      INFO(pack.filename().string() << " " << name);
      const auto* chunk = gb::script::find_precompiled(name, text);
      REQUIRE(chunk != nullptr);
      CHECK(joined(chunk->text) == text);
      REQUIRE(luaL_loadbufferx(L, text.data(), text.size(), name.c_str(), "t") == LUA_OK);
      const std::string compiled = dump_top(L);
      CHECK(joined(chunk->code) == compiled);
      const auto before = gb::script::precompiled_loads();
      REQUIRE(gb::script::load_source(L, text, name.c_str()) == LUA_OK);
      CHECK(gb::script::precompiled_loads() == before + 1);
      CHECK(dump_top(L) == compiled);  // the same function, its lines and names included
      ++names;
    }
  }
  CHECK(names == gb::script::precompiled_chunks().size());
}

TEST_CASE("precompiled: text that differs at all, or another name, is compiled from the text",
          "[script][precompiled]") {
  std::unique_ptr<lua_State, CloseLua> state(luaL_newstate());
  lua_State* L = state.get();
  const auto files = bundled_files();
  REQUIRE_FALSE(files.empty());
  const auto& [pack, rel] = files.front();
  const std::string text = read_text(pack / rel);
  const std::string name = "@" + rel;
  REQUIRE(gb::script::find_precompiled(name, text) != nullptr);

  std::string changed = text;
  changed.back() = changed.back() == ' ' ? '\t' : ' ';  // one byte, the last
  CHECK(gb::script::find_precompiled(name, changed) == nullptr);
  CHECK(gb::script::find_precompiled(name, text + "\n") == nullptr);
  CHECK(gb::script::find_precompiled(name, text.substr(0, text.size() - 1)) == nullptr);
  CHECK(gb::script::find_precompiled("@elsewhere/" + rel, text) == nullptr);
  CHECK(gb::script::find_precompiled(name, "") == nullptr);

  const auto before = gb::script::precompiled_loads();
  REQUIRE(gb::script::load_source(L, changed, name.c_str()) == LUA_OK);
  CHECK(gb::script::precompiled_loads() == before);
  const std::string loaded = dump_top(L);
  REQUIRE(luaL_loadbufferx(L, changed.data(), changed.size(), name.c_str(), "t") == LUA_OK);
  CHECK(loaded == dump_top(L));

  // A syntax error is the text's own message, as before.
  REQUIRE(gb::script::load_source(L, "return +", name.c_str()) == LUA_ERRSYNTAX);
  CHECK(std::string(lua_tostring(L, -1)).starts_with(rel + ":1:"));
  lua_pop(L, 1);
}

TEST_CASE("precompiled: loading the bundled packs compiles none of their files, an edited copy only its edit",
          "[script][precompiled]") {
  const fs::path scripts = fs::path(GOVBENCH_SOURCE_DIR) / "scripts";
  std::size_t used = 0;
  {
    gb::script::PackSet packs;
    packs.add_source(scripts, "bundled");
    const auto before = gb::script::precompiled_loads();
    packs.load();
    REQUIRE(packs.problems().empty());
    used = gb::script::precompiled_loads() - before;
  }
  // Each file of each pack is run once (the library modules when first
  // required), so at least one load a file, none of them compiled.
  std::size_t files = 0;
  for (const auto& [pack, rel] : bundled_files())
    if (!rel.starts_with("lib/")) ++files;
  CHECK(used >= files);

  // The same packs copied, with one file changed by a comment: that file is
  // compiled from its text, every other still comes from bytecode, and the
  // packs work the same.
  gbtest::TempDir dir;
  fs::copy(scripts, dir / "scripts", fs::copy_options::recursive);
  const auto edited = dir / "scripts" / "met-risk" / "indicators" / "register.lua";
  REQUIRE(fs::exists(edited));
  { std::ofstream(edited, std::ios::app) << "\n-- edited by an analyst\n"; }
  gb::script::PackSet packs;
  packs.add_source(dir / "scripts", "bundled");
  const auto before = gb::script::precompiled_loads();
  packs.load();
  INFO((packs.problems().empty() ? std::string() : packs.problems()[0].to_string()));
  REQUIRE(packs.problems().empty());
  CHECK(gb::script::precompiled_loads() - before == used - 1);
}
