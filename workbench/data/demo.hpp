// Builds the demo governance database from the text files of assets/demo/
// (compiled into the program).
#pragma once
#include <filesystem>

namespace gb::data {

// Creates `path` as a new demo database. Refuses an existing file. The
// database is built beside it under a temporary name and renamed into place
// only when complete, so a failure leaves no half-built file.
void init_demo(const std::filesystem::path& path);

}  // namespace gb::data
