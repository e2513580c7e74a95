// The heap of a command that runs and exits: grown in one step and backed
// by transparent huge pages where the system offers them.
//
// Why: `govbench eval` on a large register touches 10-20 MB of heap (Lua
// tables of 10,000 rows, SQLite's page cache, results). Each first touch of
// a 4 KiB page is a page fault, and on a virtual machine a fault costs
// several microseconds: measured here, 3,900 faults were a quarter of the
// command's time. A 2 MiB huge page takes one fault where 4 KiB pages take
// 512.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/sanitizer.hpp"

namespace gb {

struct CommandHeap {
  bool grown = false;             // the heap was grown in one step
  std::size_t huge_eligible = 0;  // bytes of it asked for as huge pages
  std::uintptr_t huge_from = 0;   // where the advised part begins (2 MiB-aligned)
  bool gap_filled = false;        // the small pages below it are left unused
};

// Grows the C library's heap by `reserve` bytes now (address space only:
// nothing is touched), keeps it for the life of the process, lets blocks of
// up to 32 MiB come from it rather than from mappings of their own, and asks
// the kernel (madvise) to back the 2 MiB-aligned part with transparent huge
// pages. With THP set to "never" the advice is ignored and the heap behaves
// as before. Call once, early in main, before any thread starts; a no-op
// under AddressSanitizer (its allocator is not the C library's) and where
// the C library is not glibc.
CommandHeap prepare_command_heap(std::size_t reserve = std::size_t{32} << 20);

// Whether prepare_command_heap has been called: this process runs one
// command and then exits.
bool one_shot_command();

// Keeps `p` reachable until the process exits (so that no leak checker
// reports it) without ever freeing it.
void keep_until_exit(const void* p);

// Hands what a command built to the process's exit. In a one-shot command
// the object is not destroyed: the exit gives its memory back at once, as a
// compiler's -disable-free does. Freeing it piece by piece was 2.5 ms of a
// 140 ms `eval` (the packs' Lua states with a 10,000-risk register, the
// results), spent touching memory nobody would read again. Only for objects
// whose destructors free memory and nothing else: no file, lock or
// connection that can write may wait for the exit. Elsewhere (the window,
// the pack host, tests, a build under AddressSanitizer, whose checks should
// see every destructor run) the object is destroyed here, as usual.
template <class T>
void leave_to_exit(std::unique_ptr<T> p) {
  if (!p || kAddressSanitizer || !one_shot_command()) return;  // destroyed on return
  keep_until_exit(p.release());
}

}  // namespace gb
