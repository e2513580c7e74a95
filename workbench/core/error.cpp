#include "core/error.hpp"

namespace gb {

namespace {
std::string compose(const SourceLocation& where, const std::string& message) {
  std::string loc = format_location(where);
  return loc.empty() ? message : loc + ": " + message;
}
}  // namespace

Error::Error(SourceLocation where, std::string message)
    : std::runtime_error(compose(where, message)), where_(std::move(where)), message_(std::move(message)) {}

std::string format_location(const SourceLocation& where) {
  std::string out = where.file;
  if (where.line > 0) {
    out += (out.empty() ? "line " : ":") + std::to_string(where.line);
    if (where.column > 0) out += ":" + std::to_string(where.column);
  }
  return out;
}

}  // namespace gb
