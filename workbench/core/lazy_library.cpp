#include "core/lazy_library.hpp"

#include <dlfcn.h>

#include <map>
#include <mutex>
#include <string>

#include "core/error.hpp"

namespace gb {

void* lazy_library_handle(const LazyLibrary& library) {
  static std::mutex mutex;
  static std::map<std::string, void*> loaded;
  const std::lock_guard<std::mutex> lock(mutex);
  void*& handle = loaded[library.soname];
  if (!handle) {
    handle = dlopen(library.soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      throw Error(std::string("the library ") + library.soname + ", which " + library.purpose +
                  " needs, could not be loaded: " + (why ? why : "unknown reason") + " (install " + library.package +
                  ")");
    }
  }
  return handle;
}

void* lazy_library_function(const LazyLibrary& library, const char* name) {
  void* address = dlsym(lazy_library_handle(library), name);
  if (!address) throw Error(std::string("the library ") + library.soname + " has no function " + name);
  return address;
}

}  // namespace gb
