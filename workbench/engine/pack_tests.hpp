// Runs packs' gov.test tests against a test database: a fresh demo
// database plus each pack's fixtures (fixtures/*.sql run first, then each
// fixtures/*.csv imported as the table named after the file, appended when
// that table exists).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace gb::engine {

struct PackTestOutcome {
  std::string pack;
  std::string name;
  std::string file;
  int line = 0;
  bool passed = false;
  std::string message;               // why it failed
  std::vector<std::string> printed;  // what the test's code printed (print), in order
  double milliseconds = 0;
};

struct PackTestReport {
  std::vector<PackTestOutcome> outcomes;
  std::vector<std::string> problems;  // packs that could not be loaded or set up
  int passed() const;
  int failed() const;
};

// `pack_dirs`: the packs whose tests to run (pack folders or folders of
// packs); `extra_dirs`: more packs to load beside the bundled and installed
// ones (for dependencies); `database`: when given, the tests run against
// that database (read-only) instead of a demo database plus fixtures.
PackTestReport run_pack_tests(const std::vector<std::filesystem::path>& pack_dirs,
                              const std::vector<std::string>& extra_dirs, const std::filesystem::path& database = {});

}  // namespace gb::engine
