// libedit, loaded on first use (core/lazy_library.hpp): `govbench console`
// is its only user, and linking it loaded it, with libtinfo, libbsd and
// libmd, into every command. Each function the console calls is defined
// here.
#include <editline/readline.h>

#include "core/lazy_library.hpp"

namespace {
constexpr gb::LazyLibrary kLibedit{"libedit.so.2", "the console's line editing", "libedit2"};
}  // namespace

extern "C" {

GB_LAZY_FUNCTION(kLibedit, char*, readline, (const char* prompt), (prompt))
GB_LAZY_FUNCTION(kLibedit, int, add_history, (const char* line), (line))
GB_LAZY_FUNCTION(kLibedit, int, read_history, (const char* file), (file))
GB_LAZY_FUNCTION(kLibedit, int, write_history, (const char* file), (file))
GB_LAZY_FUNCTION(kLibedit, void, stifle_history, (int max), (max))

}  // extern "C"
