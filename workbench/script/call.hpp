// The one way C++ calls into pack code: under the pack's budget, with a
// message handler that records the file and line of the failure and a
// traceback restricted to the pack's own files.
#pragma once
#include <optional>
#include <string>

#include "script/lua_state.hpp"

namespace gb::script {

struct ScriptError {
  enum class Kind { Syntax, Runtime, Budget, Memory, Host };
  Kind kind = Kind::Runtime;
  std::string pack;
  std::string file;  // relative to the pack folder, e.g. "indicators/gap.lua"
  int line = 0;
  std::string message;    // without the location
  std::string traceback;  // pack frames only, one per line

  // "pack X: indicators/gap.lua:40: message"
  std::string to_string() const;
};

// Calls the function below `nargs` arguments on the stack. On success the
// results are on the stack and nullopt is returned; on failure the stack is
// as it was before the function was pushed.
std::optional<ScriptError> call_protected(LuaState& state, const std::string& pack, int nargs, int nresults);

// Loads a chunk of Lua source (text only, never binary) named
// "@<file>" so that messages say "file:line". On success the function is on
// the stack. A bundled pack's file that has not changed since the build
// comes from its build-time bytecode (precompiled.hpp), with the same result.
std::optional<ScriptError> load_chunk(LuaState& state, const std::string& pack, const std::string& file,
                                      const std::string& source);

// Splits "indicators/gap.lua:12: message" into its parts (file, line and
// message are left as they are if the text has no such prefix).
void split_location(const std::string& text, std::string& file, int& line, std::string& message);

}  // namespace gb::script
