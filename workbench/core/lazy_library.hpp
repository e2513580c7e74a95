// System libraries loaded on first use rather than at start.
//
// A library linked to the executable is loaded, with everything it needs in
// turn, before main() runs, whatever the command: libzip brings OpenSSL's
// libcrypto, bzip2 and zlib, and libxlsxwriter minizip; binding their
// symbols was about 40% of every command's start, though only pack bundles
// and workbooks use them. So govbench does not link them (nor libpq, which
// team mode alone needs): each function the program calls is defined, with
// the library's own name and type from its header (a mismatch does not
// compile), as a call of the library's function, loaded by the first call
// (dlopen of its soname, RTLD_LOCAL: nothing else in the process sees it).
// A library that is missing is a gb::Error from that first call, naming
// it, what it is for and the Debian package that has it.
#pragma once

namespace gb {

struct LazyLibrary {
  const char* soname;   // "libzip.so.4"
  const char* purpose;  // what needs it: "reading pack bundles and workbooks"
  const char* package;  // the Debian package that installs it: "libzip4"
};

// The library's handle, loading it the first time (thread-safe).
void* lazy_library_handle(const LazyLibrary& library);
// The address of `name` in the library, which is loaded first if need be.
void* lazy_library_function(const LazyLibrary& library, const char* name);

}  // namespace gb

// Defines the library function NAME (in an extern "C" block) as a call of
// the loaded library's. LIBRARY is a gb::LazyLibrary.
#define GB_LAZY_FUNCTION(library, ret, name, params, args)                                                     \
  ret name params {                                                                                            \
    static const auto real = reinterpret_cast<decltype(&::name)>(::gb::lazy_library_function(library, #name)); \
    return real args;                                                                                          \
  }
