#include "core/command_heap.hpp"

#include <cstdint>
#include <cstdlib>

#include "core/sanitizer.hpp"

#if defined(__GLIBC__) && !defined(GB_ADDRESS_SANITIZER)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#define GB_COMMAND_HEAP 1
#endif

namespace gb {

CommandHeap prepare_command_heap(std::size_t reserve) {
  CommandHeap out;
#if defined(GB_COMMAND_HEAP)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const int pad = static_cast<int>(reserve);
  // Blocks up to 32 MiB (a 10,000-row Lua array is 160 KiB) come from the
  // heap, which is where the huge pages are; a freed block is reused rather
  // than unmapped and mapped again (fresh pages, fresh faults).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // Keep what the heap grows by: giving it back shrinks the region, and what
  // grows again in its place is not advised.
  mallopt(M_TRIM_THRESHOLD, 2 * pad);
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  mallopt(M_TOP_PAD, pad);
  // More than the top of the heap can hold: the heap grows, by `reserve`
  // beyond this block.
  void* block = std::malloc(std::size_t{1} << 20);
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  std::free(block);
  if (!block || after <= before) return out;  // no brk heap (malloc used mappings)
  out.grown = true;
  const std::uintptr_t from = (before + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t to = after & ~(kHuge - 1);
  if (to > from && madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE) == 0) out.huge_eligible = to - from;
#else
  (void)reserve;
#endif
  return out;
}

}  // namespace gb
