// `govbench pack new NAME`: a starter pack that loads, checks and passes
// its own test as made.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace gb::script {

struct NewPack {
  std::filesystem::path dir;
  std::vector<std::string> files;  // relative paths written, in order
  bool types_copied = false;       // .types/ holds the LuaLS stubs
};

// Writes a pack named `name` into `dir` (created; it may exist only if
// empty): pack.lua with one parameter (the table it reads), one indicator,
// a test with a CSV fixture, README.md, and .luarc.json pointing LuaLS at a
// copy of the type stubs from `types_dir` in .types/ (so the pack's editor
// settings work wherever the folder goes). Throws gb::Error for an invalid
// name or a folder that exists and is not empty, before writing anything.
NewPack create_pack(const std::string& name, const std::filesystem::path& dir, const std::filesystem::path& types_dir);

}  // namespace gb::script
