// Shared by the fuzz targets: invariant checks that abort (so libFuzzer, or
// the replay driver under CTest, reports the input), a scratch folder, and a
// demo governance database built once per process.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace gbfuzz {

// Prints what broke and aborts: an invariant of the code under test failed.
[[noreturn]] void violated(const char* target, const std::string& what);

#define GBFUZZ_CHECK(target, cond, what)           \
  do {                                             \
    if (!(cond)) ::gbfuzz::violated(target, what); \
  } while (0)

// A folder for this process, removed at exit.
const std::filesystem::path& scratch_dir();

// A demo governance database (govbench init-demo), created once in the
// scratch folder.
const std::filesystem::path& demo_database();

std::string read_bytes(const std::filesystem::path& p);
void write_bytes(const std::filesystem::path& p, std::string_view bytes);

// Name, size, modification and change times of each file in `dir` (any
// write changes them), with a hash of its bytes when `with_content` (a WAL
// index, *-shm, is left out: readers write to it by design).
std::string folder_fingerprint(const std::filesystem::path& dir, bool with_content);

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace gbfuzz
