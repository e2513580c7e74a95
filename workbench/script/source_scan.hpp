// Reading a pack's Lua source as text, to point messages at the right line:
// the line of a field in a definition table (gov.indicator { threshold = ...
// names the line of `threshold`, not of `gov.indicator`), and the `return`
// statements of a function. A small tokenizer (strings, long brackets and
// comments are skipped, blocks and brackets counted); whenever the text is
// not what the common case looks like, the answers say "not known" rather
// than guess, and callers fall back to the definition's line.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gb::script {

// The line of field `path` (e.g. {"thresholds", "green"}) in the table
// constructor passed to the call `call_name { ... }` (the last name of the
// call, e.g. "indicator") made on line `call_line`. 0 when the call is not
// the only such call on that line, the field is not written as `name =`,
// or it is written more than once.
int field_line(std::string_view source, int call_line, std::string_view call_name,
               const std::vector<std::string>& path);

// The `return` statements in the own body of the function whose `function`
// keyword is on `line_defined` (nested functions' returns are theirs).
struct FunctionReturns {
  std::vector<int> with_values;  // lines of `return <values>`
  std::vector<int> bare;         // lines of `return` alone
};
// nullopt when `line_defined` holds no `function` keyword or more than one.
std::optional<FunctionReturns> function_returns(std::string_view source, int line_defined);

}  // namespace gb::script
