// Build tool: compiles every Lua file of the bundled packs (scripts/<pack>/,
// a folder with a pack.lua) to bytecode, under each chunk name the program
// loads it by, and writes a C++ source holding each file's text and
// bytecode (script/precompiled.hpp):
//  - "@<file>" for every file, relative to its pack (as Pack::load and
//    load_chunk name it);
//  - "@<pack>/lib/<module>.lua" as well for a library module, the name it
//    has when another pack requires it.
// The bytecode keeps its debug information (file names, lines, locals),
// so that messages from it are those of the text. A file that does not
// compile is left out: the program then compiles it, and says why.
//
// usage: govbench_bytecode_gen OUT.cpp SCRIPTS_DIR
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <lua.hpp>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) {
  std::cerr << "govbench_bytecode_gen: " << what << "\n";
  std::exit(1);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A C++ string literal holding `bytes` exactly: printable ASCII as itself,
// everything else as a three-digit octal escape (which, unlike \x, never
// runs on into the next character).
std::string literal(std::string_view bytes) {
  std::string out = "\"";
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u >= 0x20 && u < 0x7f && c != '?') {  // '?' would start trigraph-like ??x sequences
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", u);
      out += buf;
    }
  }
  return out + "\"";
}

// Pieces of at most 4000 bytes: below -Woverlength-strings' 4095.
constexpr std::size_t kPiece = 4000;

std::string pieces(std::string_view bytes) {
  std::ostringstream out;
  out << "{";
  if (bytes.empty()) out << "std::string_view()";
  for (std::size_t i = 0; i < bytes.size(); i += kPiece) {
    const auto piece = bytes.substr(i, kPiece);
    out << "\n    std::string_view(" << literal(piece) << ", " << piece.size() << "),";
  }
  out << "}";
  return out.str();
}

struct CloseLua {
  void operator()(lua_State* L) const { lua_close(L); }
};

int write_to_string(lua_State*, const void* p, std::size_t size, void* out) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(p), size);
  return 0;
}

struct Chunk {
  std::string chunkname, text, code;
};

// The bytecode of `text` named `chunkname`, or empty if it does not compile.
std::string compile(lua_State* L, const std::string& text, const std::string& chunkname) {
  if (luaL_loadbufferx(L, text.data(), text.size(), chunkname.c_str(), "t") != LUA_OK) {
    std::cerr << "govbench_bytecode_gen: note: " << lua_tostring(L, -1) << " (left to compile at run time)\n";
    lua_pop(L, 1);
    return {};
  }
  std::string code;
  if (lua_dump(L, write_to_string, &code, /*strip=*/0) != 0) fail("cannot dump " + chunkname);
  lua_pop(L, 1);
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) fail("usage: govbench_bytecode_gen OUT.cpp SCRIPTS_DIR");
  const std::string out_path = argv[1];
  const fs::path scripts = argv[2];

  std::unique_ptr<lua_State, CloseLua> state(luaL_newstate());
  if (!state) fail("cannot make a Lua state");
  lua_State* L = state.get();

  std::vector<Chunk> chunks;
  std::vector<fs::path> packs;
  for (const auto& entry : fs::directory_iterator(scripts))
    if (entry.is_directory() && fs::is_regular_file(entry.path() / "pack.lua")) packs.push_back(entry.path());
  std::sort(packs.begin(), packs.end());
  for (const auto& pack : packs) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(pack))
      if (entry.is_regular_file() && entry.path().extension() == ".lua")
        files.push_back(entry.path().lexically_relative(pack).generic_string());
    std::sort(files.begin(), files.end());
    for (const auto& rel : files) {
      const std::string text = read_file(pack / rel);
      std::vector<std::string> names = {"@" + rel};
      if (rel.starts_with("lib/")) names.push_back("@" + pack.filename().string() + "/" + rel);
      for (const auto& name : names) {
        std::string code = compile(L, text, name);
        if (!code.empty()) chunks.push_back({name, text, std::move(code)});
      }
    }
  }
  std::stable_sort(chunks.begin(), chunks.end(),
                   [](const Chunk& a, const Chunk& b) { return a.chunkname < b.chunkname; });

  std::ostringstream body;
  for (std::size_t i = 0; i < chunks.size(); ++i)
    body << "constexpr std::string_view text" << i << "[] = " << pieces(chunks[i].text) << ";\n"
         << "constexpr std::string_view code" << i << "[] = " << pieces(chunks[i].code) << ";\n";
  body << "\nconstexpr PrecompiledChunk chunks[] = {\n";
  for (std::size_t i = 0; i < chunks.size(); ++i)
    body << "    {" << literal(chunks[i].chunkname) << ", text" << i << ", code" << i << "},\n";
  body << "};\n";

  std::ofstream out(out_path + ".tmp", std::ios::binary | std::ios::trunc);
  out << "// Generated by govbench_bytecode_gen (workbench/script/precompiled_gen.cpp) from scripts/.\n"
      << "// Do not edit.\n"
      << "#include \"script/precompiled.hpp\"\n\n"
      << "namespace gb::script {\n\nnamespace {\n\n"
      << body.str() << "\n}  // namespace\n\n"
      << "std::span<const PrecompiledChunk> precompiled_chunks() { return chunks; }\n\n"
      << "}  // namespace gb::script\n";
  out.close();
  if (!out) fail("cannot write " + out_path + ".tmp");
  if (std::rename((out_path + ".tmp").c_str(), out_path.c_str()) != 0) fail("cannot write " + out_path);
  return 0;
}
