// Helpers shared by the tests: temporary folders, running the govbench
// binary, reading files, reading one value out of a database.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gb::data {
class Db;
}

namespace gbtest {

// A fresh folder under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  bool timed_out = false;  // killed by run_program's time limit
  double seconds = 0;      // wall time
};

// Runs the govbench binary with args (no shell), capturing both streams.
RunResult run_govbench(const std::vector<std::string>& args);
// Runs any program (looked up on PATH when argv[0] has no slash). With a
// time limit, a program still running after it is killed (SIGKILL) and the
// result says timed_out.
RunResult run_program(std::vector<std::string> argv, double limit_seconds = 0);
// govbench with a time limit (see run_program).
RunResult run_govbench_within(const std::vector<std::string>& args, double limit_seconds);

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);

std::filesystem::path real_data(const std::string& name);

// A demo database built once per test run and copied for each test.
std::filesystem::path demo_copy(const TempDir& dir, const std::string& name = "demo.db");

// The first column of the first row a query returns, as an integer. A query
// that returns no row fails the test (it throws; this file is also built
// into programs without Catch).
std::int64_t number(gb::data::Db& db, const std::string& sql);
// The first column of the first row as text: "NULL" for NULL, "" for no row.
std::string text(gb::data::Db& db, const std::string& sql);

}  // namespace gbtest

namespace gbtest {

// Writes a pack folder: `files` maps relative paths to contents. A
// pack.lua is written for `name` unless `files` has one.
std::filesystem::path write_pack(const std::filesystem::path& parent, const std::string& name,
                                 const std::vector<std::pair<std::string, std::string>>& files,
                                 const std::string& version = "1.0.0");

}  // namespace gbtest
