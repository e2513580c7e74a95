#include "fault/child_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "core/sanitizer.hpp"
#include "support.hpp"

using gb::kAddressSanitizer;

namespace gbtest {

ChildResult run_child(const std::vector<std::string>& argv_in, const ChildOptions& options) {
  TempDir tmp;
  const auto out_path = tmp / "stdout", err_path = tmp / "stderr";
  std::vector<std::string> argv_s = argv_in;
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  // The child's environment, made before fork (nothing after it may allocate).
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    if (options.measure_memory && kAddressSanitizer && std::string_view(*e).starts_with("ASAN_OPTIONS=")) continue;
    env_s.emplace_back(*e);
  }
  if (options.measure_memory && kAddressSanitizer) {
    const char* asan = std::getenv("ASAN_OPTIONS");
    env_s.push_back(std::string("ASAN_OPTIONS=") + (asan && *asan ? std::string(asan) + ":" : std::string()) +
                    "quarantine_size_mb=0:thread_local_quarantine_size_kb=0");
  }
  std::vector<char*> envp;
  for (auto& s : env_s) envp.push_back(s.data());
  envp.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot fork");
  if (pid == 0) {
    // The child: only async-signal-safe calls from here to exec.
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (options.file_size_limit) {
      ::signal(SIGXFSZ, SIG_IGN);  // stays ignored across exec
      struct rlimit rl {};
      rl.rlim_cur = rl.rlim_max = static_cast<rlim_t>(*options.file_size_limit);
      if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) ::_exit(125);
    }
    if (options.gid && (::setgroups(0, nullptr) != 0 || ::setgid(*options.gid) != 0)) ::_exit(124);
    if (options.uid && ::setuid(*options.uid) != 0) ::_exit(124);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }

  ChildResult r;
  int status = 0;
  struct rusage usage {};
  if (options.kill_after) {
    const auto deadline = start + *options.kill_after;
    for (;;) {
      const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
      if (done == pid) break;
      if (std::chrono::steady_clock::now() >= deadline) {
        ::kill(pid, SIGKILL);
        ::wait4(pid, &status, 0, &usage);
        // It may have exited by itself between the two calls.
        r.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  } else {
    ::wait4(pid, &status, 0, &usage);
  }
  r.max_rss_kb = usage.ru_maxrss;
  r.ran = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

long bare_start_rss_kb() {
  static const long kb = [] {
    ChildOptions o;
    o.measure_memory = true;
    const auto r = run_child({GOVBENCH_BINARY, "--version"}, o);
    if (r.exit_code != 0) throw std::runtime_error("govbench --version failed: " + r.err);
    return r.max_rss_kb;
  }();
  return kb;
}

KillStats kill_repeatedly(int iterations, std::chrono::microseconds max_delay, std::uint32_t seed,
                          const std::function<std::vector<std::string>(int)>& setup,
                          const std::function<void(const KillRun&)>& check) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::int64_t> pick(0, max_delay.count());
  KillStats stats;
  for (int i = 0; i < iterations; ++i) {
    KillRun run;
    run.iteration = i;
    run.delay = std::chrono::microseconds(pick(rng));
    const auto argv = setup(i);
    ChildOptions o;
    o.kill_after = run.delay;
    run.result = run_child(argv, o);
    ++stats.runs;
    (run.result.killed ? stats.killed : stats.finished)++;
    check(run);
  }
  return stats;
}

int kill_iterations(int fallback) {
  if (const char* v = std::getenv("GOVBENCH_KILL_ITERATIONS"); v && *v) {
    const int n = std::atoi(v);
    if (n > 0) return n;
  }
  return fallback;
}

std::string file_digest(const std::filesystem::path& p) {
  const std::string bytes = read_file(p);
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return std::to_string(bytes.size()) + ":" + std::to_string(h);
}

}  // namespace gbtest
