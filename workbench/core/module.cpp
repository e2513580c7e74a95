#include "core/module.hpp"

#include <dlfcn.h>

#include <map>
#include <mutex>
#include <system_error>

#include "core/error.hpp"

namespace gb {

namespace fs = std::filesystem;

namespace {

std::mutex& modules_mutex() {
  static std::mutex m;
  return m;
}

// file name -> handle, for every module loaded (never unloaded).
std::map<std::string, void*>& loaded_modules() {
  static std::map<std::string, void*> handles;
  return handles;
}

void* load(const std::string& file_name, const std::string& what) {
  const auto dirs = module_dirs();
  for (const auto& dir : dirs) {
    const fs::path path = dir / file_name;
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    // RTLD_NOW: a module that does not fit this program fails here, with
    // the loader's reason, not at its first call. RTLD_LOCAL: its copies of
    // the libraries it links stay its own.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      throw Error("cannot load " + what + " " + path.string() + ": " + (why ? why : "unknown reason"));
    }
    return handle;
  }
  std::string looked;
  for (const auto& dir : dirs) looked += (looked.empty() ? "" : " and ") + dir.string();
  if (looked.empty()) looked = "the running program's folder, which could not be read (/proc/self/exe)";
  throw Error(what + " " + file_name + " is missing: it was looked for in " + looked +
              " (it is built and installed with govbench)");
}

}  // namespace

std::vector<fs::path> module_dirs() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const fs::path dir = exe.parent_path();
  return {dir, dir.parent_path() / "lib" / "govbench"};
}

void* module_symbol(const std::string& file_name, const char* symbol, const std::string& what) {
  void* handle = nullptr;
  {
    const std::lock_guard lock(modules_mutex());
    auto& handles = loaded_modules();
    auto it = handles.find(file_name);
    if (it == handles.end()) it = handles.emplace(file_name, load(file_name, what)).first;
    handle = it->second;
  }
  dlerror();  // clear any earlier message: a symbol's address may be null
  void* address = dlsym(handle, symbol);
  if (const char* why = dlerror()) throw Error("cannot use " + what + " " + file_name + ": " + why);
  return address;
}

}  // namespace gb
