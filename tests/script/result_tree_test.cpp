// script/invoke.hpp to_tree: what a pack's function returns, as a Tree.
// Maps come back with their keys in one order (the strings' own), whatever
// order Lua's hash part holds them in; sequences stay sequences.
#include <algorithm>
#include <catch2/catch.hpp>
#include <lua.hpp>
#include <string>
#include <vector>

#include "script/invoke.hpp"

namespace {

struct Lua {
  lua_State* L = luaL_newstate();
  Lua() { luaL_openlibs(L); }
  ~Lua() { lua_close(L); }
  Lua(const Lua&) = delete;
  Lua& operator=(const Lua&) = delete;
  // Runs `chunk` (which returns one value) and converts what it returned.
  gb::Tree run(const std::string& chunk) {
    REQUIRE(luaL_dostring(L, chunk.c_str()) == LUA_OK);
    gb::Tree out;
    std::string why;
    INFO(why);
    REQUIRE(gb::script::to_tree(L, -1, out, why));
    lua_pop(L, 1);
    return out;
  }
};

std::vector<std::string> keys_of(const gb::Tree& t) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : t.as_object()) keys.push_back(k);
  return keys;
}

}  // namespace

TEST_CASE("a returned map's keys come in the strings' own order", "[script][result]") {
  Lua lua;
  // Keys sharing their first eight bytes, keys that are prefixes of others,
  // bytes past 0x7f, an embedded NUL, the empty key, numbers as keys.
  const gb::Tree t = lua.run(R"(
    local t = {}
    for _, k in ipairs({ "abcdefgh1", "abcdefgh0", "abcdefgh", "abcdefg", "ab", "a", "", "\xff", "\xc3\xa9t\xc3\xa9",
                         "x\0y", "x", "x\0", "Z", "10", "9", "100" }) do t[k] = #k end
    t[2021] = "year"; t[-3] = "minus"
    return t)");
  std::vector<std::string> want{"abcdefgh1",
                                "abcdefgh0",
                                "abcdefgh",
                                "abcdefg",
                                "ab",
                                "a",
                                "",
                                "\xff",
                                "\xc3\xa9t\xc3\xa9",
                                std::string("x\0y", 3),
                                "x",
                                std::string("x\0", 2),
                                "Z",
                                "10",
                                "9",
                                "100",
                                "2021",
                                "-3"};
  std::sort(want.begin(), want.end());
  CHECK(keys_of(t) == want);
  CHECK(t.find("abcdefgh1")->as_number() == 9);
  CHECK(t.find("2021")->as_string() == "year");
}

TEST_CASE("a map of 10,000 keys comes back sorted, each key with its value", "[script][result]") {
  Lua lua;
  const gb::Tree t = lua.run(R"(
    local t = {}
    for i = 1, 10000 do t[tostring((i * 7919) % 10007)] = i end
    return t)");
  const auto keys = keys_of(t);
  REQUIRE(keys.size() == 10000);
  CHECK(std::is_sorted(keys.begin(), keys.end()));
  CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
  for (int i : {1, 5000, 10000}) {
    const std::string k = std::to_string((i * 7919) % 10007);
    REQUIRE(t.find(k));
    CHECK(t.find(k)->as_number() == i);
  }
}

TEST_CASE("sequences stay sequences, an empty table is an empty sequence, a table with holes is a map",
          "[script][result]") {
  Lua lua;
  const gb::Tree seq = lua.run("return { 'a', 'b', { 1, 2 } }");
  REQUIRE(seq.is_array());
  CHECK(seq.size() == 3);
  CHECK(seq.as_array()[2].is_array());
  CHECK(lua.run("return {}").is_array());
  CHECK(lua.run("return {}").size() == 0);
  // A border past 0 with another key too: a map, its integer keys written out.
  const gb::Tree mixed = lua.run("return { 'a', 'b', n = 2 }");
  REQUIRE(mixed.is_object());
  CHECK(keys_of(mixed) == std::vector<std::string>{"1", "2", "n"});
  // No border (t[1] is nil) but entries: a map.
  const gb::Tree holes = lua.run("local t = {}; t[2] = 'b'; t[3] = 'c'; return t");
  REQUIRE(holes.is_object());
  CHECK(keys_of(holes) == std::vector<std::string>{"2", "3"});
  const gb::Tree named = lua.run("return { red = 1 }");
  REQUIRE(named.is_object());
  CHECK(keys_of(named) == std::vector<std::string>{"red"});
}

TEST_CASE("a map holding what is not data is refused, naming it", "[script][result]") {
  Lua lua;
  REQUIRE(luaL_dostring(lua.L, "return { ok = 1, f = function() end }") == LUA_OK);
  gb::Tree out;
  std::string why;
  CHECK_FALSE(gb::script::to_tree(lua.L, -1, out, why));
  CHECK(why.find("function") != std::string::npos);
  // The stack is as it was: the table still on top.
  CHECK(lua_gettop(lua.L) == 1);
  CHECK(lua_istable(lua.L, -1));
}
