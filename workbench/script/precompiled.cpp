#include "script/precompiled.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>

namespace gb::script {

namespace {

std::atomic<std::size_t> g_loads{0};

bool same_text(std::span<const std::string_view> pieces, std::string_view source) {
  std::size_t at = 0;
  for (const auto piece : pieces) {
    if (source.size() - at < piece.size() || std::memcmp(source.data() + at, piece.data(), piece.size()) != 0)
      return false;
    at += piece.size();
  }
  return at == source.size();
}

struct ByName {
  bool operator()(const PrecompiledChunk& a, std::string_view b) const { return a.chunkname < b; }
  bool operator()(std::string_view a, const PrecompiledChunk& b) const { return a < b.chunkname; }
};

// lua_load's reader: the bytecode's pieces one after another.
struct PieceReader {
  std::span<const std::string_view> pieces;
  std::size_t next = 0;
};

const char* read_piece(lua_State*, void* data, std::size_t* size) {
  auto* r = static_cast<PieceReader*>(data);
  while (r->next < r->pieces.size()) {
    const auto piece = r->pieces[r->next++];
    if (piece.empty()) continue;  // an empty block would end the chunk
    *size = piece.size();
    return piece.data();
  }
  *size = 0;
  return nullptr;
}

}  // namespace

const PrecompiledChunk* find_precompiled(std::string_view chunkname, std::string_view source) {
  const auto chunks = precompiled_chunks();
  const auto [first, last] = std::equal_range(chunks.begin(), chunks.end(), chunkname, ByName{});
  for (auto it = first; it != last; ++it)
    if (same_text(it->text, source)) return &*it;
  return nullptr;
}

int load_source(lua_State* L, std::string_view source, const char* chunkname) {
  if (const auto* chunk = find_precompiled(chunkname, source)) {
    PieceReader reader{chunk->code};
    if (lua_load(L, read_piece, &reader, chunkname, "b") == LUA_OK) {
      g_loads.fetch_add(1, std::memory_order_relaxed);
      return LUA_OK;
    }
    // Bytecode this Lua cannot read (a different build of liblua5.4):
    // compile the text, as without it.
    lua_pop(L, 1);
  }
  return luaL_loadbufferx(L, source.data(), source.size(), chunkname, "t");
}

std::size_t precompiled_loads() {
  return g_loads.load(std::memory_order_relaxed);
}

}  // namespace gb::script
