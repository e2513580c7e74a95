// core/command_heap: a command's heap grown in one step, large blocks taken
// from it, and its aligned part advised for transparent huge pages. Each
// case runs in a child process: the settings are the whole process's.
#include "core/command_heap.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/sanitizer.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__GLIBC__) && !defined(GB_ADDRESS_SANITIZER)
namespace {

// The smaps entry of the mapping that holds `p` ("" if none does).
std::string smaps_entry_of(const void* p) {
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  std::ifstream in("/proc/self/smaps");
  std::string line, entry;
  bool inside = false;
  while (std::getline(in, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-' && line.find(':') > line.find(' ')) {
      if (inside) return entry;
      inside = at >= from && at < to;
      entry.clear();
    }
    if (inside) entry += line + "\n";
  }
  return inside ? entry : "";
}

// The entry's "THPeligible:" figure (-1 if it has none).
int eligible(const std::string& entry) {
  const auto at = entry.find("THPeligible:");
  if (at == std::string::npos) return -1;
  return std::atoi(entry.c_str() + at + std::strlen("THPeligible:"));
}

// A figure of /proc/vmstat (-1 if it has none).
long vmstat(const std::string& name) {
  std::ifstream in("/proc/vmstat");
  std::string key;
  long value = 0;
  while (in >> key >> value)
    if (key == name) return value;
  return -1;
}

// An smaps entry's figure in kB ("AnonHugePages:"), 0 if it has none.
long field_kb(const std::string& entry, const std::string& field) {
  const auto at = entry.find(field);
  return at == std::string::npos ? 0 : std::atol(entry.c_str() + at + field.size());
}

bool thp_never() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return modes.empty() || modes.find("[never]") != std::string::npos;
}

}  // namespace
#endif

namespace {
// Runs `body` in a child; its exit status (0 = every check held).
template <class F>
int in_child(F body) {
  const pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

// Says when it is destroyed.
struct Probe {
  bool* destroyed;
  explicit Probe(bool* d) : destroyed(d) {}
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;
  ~Probe() { *destroyed = true; }
};
}  // namespace

TEST_CASE("a command's heap: grown once, large blocks from it, advised for huge pages", "[command_heap]") {
#if !defined(__GLIBC__) || defined(GB_ADDRESS_SANITIZER)
  // This build's allocator is not glibc's malloc (AddressSanitizer's): the
  // heap is left as it is.
  const gb::CommandHeap heap = gb::prepare_command_heap();
  CHECK_FALSE(heap.grown);
  CHECK(heap.huge_eligible == 0);
#else
  {
    const bool never = thp_never();
    const int status = in_child([never] {
      const gb::CommandHeap heap = gb::prepare_command_heap();
      if (!heap.grown) return 1;
      if (heap.huge_eligible < (std::size_t{16} << 20)) return 2;  // 32 MiB, less the ends' alignment
      if (!heap.gap_filled) return 7;
      const auto maps = mallinfo2().hblks;
      const long fallbacks = vmstat("thp_fault_fallback");
      // A 4 MiB block (a register's results) comes from the grown heap, at
      // the first 2 MiB boundary (below it, small pages are left unused)...
      auto* block = static_cast<char*>(std::malloc(4 << 20));
      if (!block || mallinfo2().hblks != maps) return 3;
      const auto at = reinterpret_cast<std::uintptr_t>(block);
      if (at < heap.huge_from || at > heap.huge_from + 64) return 8;
      std::memset(block, 1, 4 << 20);
      // ...which is the region the kernel was asked to back with huge pages:
      // both 2 MiB regions it fills are huge pages (unless the kernel had
      // none to give, which it counts as a fallback).
      const std::string entry = smaps_entry_of(block + (2 << 20));
      if (entry.empty()) return 4;
      if (!never && eligible(entry) != 1) return 5;
      if (!never && vmstat("thp_fault_fallback") == fallbacks && field_kb(entry, "AnonHugePages:") < 4096) return 9;
      // What the block freed stays in the heap for the next one.
      const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
      std::free(block);
      if (reinterpret_cast<std::uintptr_t>(sbrk(0)) != top) return 6;
      return 0;
    });
    INFO(
        "child's status: 1 not grown, 2 too little advised, 3 block mapped apart, 4 no mapping, "
        "5 not eligible for huge pages, 6 heap trimmed, 7 small pages not left, 8 block not at the first huge page, "
        "9 small pages where huge ones were asked for");
    CHECK(status == 0);
  }
#endif
}

TEST_CASE("a one-shot command leaves what it built to the exit, anything else destroys it", "[command_heap]") {
  // In a child: which process is a one-shot command is the whole process's.
  const int status = in_child([] {
    bool destroyed = false;
    gb::leave_to_exit(std::unique_ptr<Probe>());  // nothing: fine
    // Not (yet) a one-shot command: destroyed at once.
    if (gb::one_shot_command()) return 1;
    gb::leave_to_exit(std::make_unique<Probe>(&destroyed));
    if (!destroyed) return 2;
    gb::prepare_command_heap();
    if (!gb::one_shot_command()) return 3;
    destroyed = false;
    gb::leave_to_exit(std::make_unique<Probe>(&destroyed));
    // Under AddressSanitizer every destructor still runs, for its checks;
    // elsewhere the object is left for the exit to free.
    if (destroyed != gb::kAddressSanitizer) return 4;
    return 0;
  });
  INFO(
      "child's status: 1 one-shot before the heap was prepared, 2 not destroyed outside a one-shot command, "
      "3 not one-shot after, 4 destroyed in a one-shot command (or kept under AddressSanitizer)");
  CHECK(status == 0);
}
