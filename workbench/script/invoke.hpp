// Calling a pack's function (compute, rag, score, build, a test) from C++
// and getting its result back as plain data.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/tree.hpp"
#include "script/call.hpp"
#include "script/context.hpp"

struct lua_State;

namespace gb::script {

class Pack;

struct Invocation {
  std::optional<ScriptError> error;
  Tree value;        // the function's first result (null for none or nil)
  int nresults = 0;  // how many values it returned (0: nothing at all, not even nil)
  // With probe_return: the line of the `return` that ended the call (the
  // function's `end` line when it ran off its end); 0 if not known.
  int return_line = 0;
};

// Where a function is defined: "file" (relative to the pack) and lines.
struct FunctionSite {
  std::string file;
  int line_defined = 0;
  int last_line = 0;
};
FunctionSite function_site(Pack& pack, int ref);

// Calls the function registered as `ref` in the pack's state with the
// arguments (ctx first when given, then `args`), under the pack's budget.
// A result that is not plain data (a function, userdata, a table nested
// deeper than 64 or holding more than a million values) is an error.
// With `probe_return`, also notes which `return` ended it (slower: for
// explaining a bad result).
Invocation invoke(Pack& pack, int ref, EvalContext* ctx, const std::vector<Tree>& args, bool probe_return = false);

// Compiles `source` (text) in the pack's state as a function whose
// messages say "<file>:<line>", and keeps it for invoke() as `ref` until
// release_function(). Returns the syntax error, if any.
std::optional<ScriptError> compile_function(Pack& pack, const std::string& file, const std::string& source, int& ref);
void release_function(Pack& pack, int ref);

// Copies the value at `index` into a Tree without calling any Lua code
// (raw access only). On failure returns false with `why` set.
bool to_tree(lua_State* L, int index, Tree& out, std::string& why);
// Pushes a Tree; allocates, so call it in protected code.
void push_tree(lua_State* L, const Tree& t);

}  // namespace gb::script
