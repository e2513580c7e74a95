// The one error type that crosses layer boundaries. It carries where the
// problem is (file, line, column) so every layer reports in the same shape:
//   file.csv:12:5: unterminated quoted field
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace gb {

struct SourceLocation {
  std::string file;         // empty when the problem has no file
  std::int64_t line = 0;    // 1-based; 0 = unknown
  std::int64_t column = 0;  // 1-based; 0 = unknown
};

class Error : public std::runtime_error {
 public:
  explicit Error(std::string message) : std::runtime_error(message), message_(std::move(message)) {}
  Error(SourceLocation where, std::string message);

  const SourceLocation& where() const noexcept { return where_; }
  // The message without the location prefix.
  const std::string& message() const noexcept { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

// "file:line:column" (parts that are unknown are left out).
std::string format_location(const SourceLocation& where);

}  // namespace gb
