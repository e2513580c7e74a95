#include "support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "data/db.hpp"
#include "data/demo.hpp"

extern char** environ;

namespace gbtest {

TempDir::TempDir() {
  std::random_device rd;
  for (int i = 0; i < 100; ++i) {
    auto p = std::filesystem::temp_directory_path() / ("govbench-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(p)) {
      path_ = p;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

RunResult run_govbench(const std::vector<std::string>& args) {
  std::vector<std::string> argv_s{GOVBENCH_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  return run_program(argv_s);
}

RunResult run_govbench_within(const std::vector<std::string>& args, double limit_seconds) {
  std::vector<std::string> argv_s{GOVBENCH_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  return run_program(argv_s, limit_seconds);
}

RunResult run_program(std::vector<std::string> argv_s, double limit_seconds) {
  const auto started = std::chrono::steady_clock::now();
  TempDir tmp;
  const auto out_path = tmp / "stdout", err_path = tmp / "stderr";
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + argv_s[0]);
  int status = 0;
  bool timed_out = false;
  if (limit_seconds > 0) {
    for (;;) {
      const pid_t done = waitpid(pid, &status, WNOHANG);
      if (done == pid) break;
      const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (spent > limit_seconds) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        timed_out = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  } else {
    waitpid(pid, &status, 0);
  }
  RunResult r;
  r.timed_out = timed_out;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

std::filesystem::path real_data(const std::string& name) {
  return std::filesystem::path(GOVBENCH_REAL_DATA) / name;
}

std::filesystem::path demo_copy(const TempDir& dir, const std::string& name) {
  static TempDir holder;  // lives for the whole test run
  static std::once_flag once;
  static std::filesystem::path master = holder.path() / "master.db";
  std::call_once(once, [] { gb::data::init_demo(master); });
  const auto target = dir / name;
  std::filesystem::copy_file(master, target);
  return target;
}

std::int64_t number(gb::data::Db& db, const std::string& sql) {
  gb::data::Statement st = db.prepare(sql);
  if (!st.step()) throw std::runtime_error("the query returned no row: " + sql);
  return st.column_int(0);
}

std::string text(gb::data::Db& db, const std::string& sql) {
  gb::data::Statement st = db.prepare(sql);
  if (!st.step()) return "";
  return st.column_is_null(0) ? "NULL" : st.column_text(0);
}

}  // namespace gbtest

namespace gbtest {

std::filesystem::path write_pack(const std::filesystem::path& parent, const std::string& name,
                                 const std::vector<std::pair<std::string, std::string>>& files,
                                 const std::string& version) {
  const auto dir = parent / name;
  std::filesystem::create_directories(dir);
  bool has_manifest = false;
  for (const auto& [rel, text] : files) {
    const auto p = dir / rel;
    std::filesystem::create_directories(p.parent_path());
    write_file(p, text);
    has_manifest = has_manifest || rel == "pack.lua";
  }
  if (!has_manifest)
    write_file(dir / "pack.lua", "return { name = \"" + name + "\", version = \"" + version +
                                     "\", api = 1, title = \"" + name + "\" }\n");
  return dir;
}

}  // namespace gbtest
