// Text files compiled into the binary (schemas, demo data): see
// cmake/EmbedFiles.cmake. Entries are sorted by path.
#pragma once
#include <span>
#include <string_view>

namespace gb {

struct EmbeddedFile {
  std::string_view path;  // relative to the embedded folder, '/' separated
  std::string_view text;
};

}  // namespace gb

// Defined by generated sources.
std::span<const gb::EmbeddedFile> embedded_schemas();
std::span<const gb::EmbeddedFile> embedded_demo();
