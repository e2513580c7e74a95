// The environment pack code runs in. Each pack has its own state, so its
// globals table is its sandbox:
//   kept:     assert error ipairs next pairs rawequal rawget rawlen rawset
//             select tonumber tostring type getmetatable setmetatable
//             string (without dump) table math utf8 os.time os.date os.clock
//   replaced: print (to the workbench console), pcall/xpcall (cannot catch a
//             spent budget), load (text only, sandboxed env),
//             collectgarbage ("count" only), require (the pack's lib/ and
//             its declared dependencies' lib/ only)
//   removed:  io, os.*, debug, package, dofile, loadfile, coroutine
#pragma once

struct lua_State;

namespace gb::script {

class LuaState;

// Opens the safe libraries and installs the replacements. The `gov` API is
// installed separately (api_gov.cpp).
void install_sandbox(LuaState& state);

// The functions the sandbox defines or keeps, for the API-stub check.
const char* const* sandbox_globals();

}  // namespace gb::script
