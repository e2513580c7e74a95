// Reading a whole file the project did not write (a workbook, a mapping
// file), through one descriptor, refusing early: a folder is refused at
// once ("is a folder, not <what>"), and the caller's checks see the size the
// file system reports before anything is read and the bytes after each read,
// so a file that is too large or of the wrong kind stops the read there.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace gb::data {

struct ReadChecks {
  // The size a regular file says it has (not called for pipes and devices).
  std::function<void(std::uint64_t size)> sized;
  // After each read: everything read so far, and how many bytes that read added.
  std::function<void(const std::string& so_far, std::size_t added)> grew;
};

// Throws gb::Error naming the file when it cannot be opened or read, or is a folder.
std::string read_whole_file(const std::filesystem::path& file, const char* what, const ReadChecks& checks);

}  // namespace gb::data
