// Running a program in a child process the test controls: for fault
// injection (SIGKILL at a chosen moment, a file-size limit, another user).
//
//   ChildOptions o;
//   o.kill_after = std::chrono::milliseconds(120);
//   ChildResult r = run_child({GOVBENCH_BINARY, "import", ...}, o);
//   if (r.killed) ... else r.exit_code ...
//
// kill_repeatedly() is the kill harness: it runs an operation many times,
// each time SIGKILLing it after a random delay, and calls a check after
// every run (the check asserts that nothing was lost or half-written).
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gbtest {

struct ChildOptions {
  // SIGKILL the child this long after it starts (unless it has finished).
  std::optional<std::chrono::microseconds> kill_after;
  // RLIMIT_FSIZE for the child (bytes); SIGXFSZ is ignored, so a write past
  // it fails with EFBIG as a full disk fails with ENOSPC.
  std::optional<std::uint64_t> file_size_limit;
  // Run as this user and group (needs root): to test permissions, which
  // root ignores.
  std::optional<unsigned> uid, gid;
  // The child's peak memory is to be measured: under AddressSanitizer its
  // quarantine (freed memory kept back, 256 MB) is turned off for the child,
  // so that its peak follows what it holds, as without ASan. Compare it with
  // bare_start_rss_kb(), not with a fixed figure (see peak_over_start_kb).
  bool measure_memory = false;
};

struct ChildResult {
  bool killed = false;   // ended by our SIGKILL
  int exit_code = -1;    // when it exited on its own (128 + signal if a signal ended it)
  std::string out, err;  // what it wrote to stdout and stderr
  std::chrono::microseconds ran{0};
  long max_rss_kb = 0;  // the child's peak resident memory (the kernel's ru_maxrss)
};

// Starts argv[0] with argv (no shell), stdin from /dev/null, waits for it
// (or kills it, per options).
ChildResult run_child(const std::vector<std::string>& argv, const ChildOptions& options = {});

// The peak memory of `govbench --version` run as run_child runs a child
// with measure_memory: what the program takes to start and end, in this
// build (about 8 MB; about 60 MB under ASan, whose shadow memory and
// runtime come with every process). Measured once.
long bare_start_rss_kb();

// How much more memory than a bare start a child took at its peak
// (measured with measure_memory): a figure that means the same with and
// without AddressSanitizer.
inline long peak_over_start_kb(const ChildResult& r) {
  return r.max_rss_kb - bare_start_rss_kb();
}

struct KillRun {
  int iteration = 0;
  std::chrono::microseconds delay{0};
  ChildResult result;
};

struct KillStats {
  int runs = 0;
  int killed = 0;    // killed before they finished
  int finished = 0;  // finished before the kill
};

// Runs `iterations` times: setup(i) prepares the run and returns the argv;
// the child is killed after a delay drawn uniformly from [0, max_delay]
// (seeded by `seed`, printed on failure so a run can be repeated); then
// check(run) inspects what is left.
KillStats kill_repeatedly(int iterations, std::chrono::microseconds max_delay, std::uint32_t seed,
                          const std::function<std::vector<std::string>(int)>& setup,
                          const std::function<void(const KillRun&)>& check);

// Iterations for the kill tests: GOVBENCH_KILL_ITERATIONS when set (to run
// many more), else `fallback`.
int kill_iterations(int fallback);

// SHA-free content identity for "the file was not modified" checks.
std::string file_digest(const std::filesystem::path& p);

}  // namespace gbtest
