// The bundled packs (scripts/), compiled to Lua bytecode at build time.
//
// Compiling the four bundled packs' 270 KB of Lua was a third of a
// `govbench eval` on the demo database, in every process. The build
// compiles them once (govbench_bytecode_gen, precompiled_gen.cpp) and keeps
// each file's text beside its bytecode; a file whose text, at load time,
// is byte for byte the text it was compiled from, under the same chunk
// name, is loaded from that bytecode instead of being compiled again.
//
// Only bytecode made by this build from its own scripts is ever loaded:
// Lua does not verify bytecode, so a pack's file is never read as bytecode,
// and any file that differs at all (a team's pack, an edited bundled pack)
// is compiled from its text as before. The result is the same function
// either way: the bytecode keeps its debug information, so messages and
// tracebacks name the same file and line (tests/script/precompiled_test.cpp).
#pragma once
#include <cstddef>
#include <lua.hpp>
#include <span>
#include <string_view>

namespace gb::script {

// One bundled file as compiled under one chunk name: its text and its
// bytecode, each in pieces (string literals are kept short).
struct PrecompiledChunk {
  std::string_view chunkname;  // "@indicators/x.lua", "@lib/y.lua", "@met-risk/lib/y.lua"
  std::span<const std::string_view> text;
  std::span<const std::string_view> code;
};

// Every precompiled chunk, sorted by chunk name (precompiled_data.cpp,
// generated).
std::span<const PrecompiledChunk> precompiled_chunks();

// The chunk compiled from exactly `source` under `chunkname`, if any.
const PrecompiledChunk* find_precompiled(std::string_view chunkname, std::string_view source);

// luaL_loadbufferx(L, source, chunkname, "t"), the same function on the
// stack or the same error, but from build-time bytecode when there is some
// for exactly this text and name.
int load_source(lua_State* L, std::string_view source, const char* chunkname);

// How many chunks load_source has loaded from bytecode in this process (for
// tests and benchmarks).
std::size_t precompiled_loads();

}  // namespace gb::script
