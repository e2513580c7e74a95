#include "core/command_heap.hpp"

#include <array>
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

namespace {
bool g_one_shot = false;
// What leave_to_exit was given: held here, it stays reachable.
std::array<const void*, 32> g_kept{};
std::size_t g_kept_count = 0;
}  // namespace

bool one_shot_command() {
  return g_one_shot;
}

void keep_until_exit(const void* p) {
  // Past the last slot an object is simply not freed: still harmless, as
  // the process is about to exit, though a leak checker would then see it.
  if (g_kept_count < g_kept.size()) g_kept[g_kept_count++] = p;
}

#if defined(GB_COMMAND_HEAP)
namespace {
// The block below the first huge page, kept for the life of the process
// (held here, it is reachable: no leak checker reports it).
void* g_below_huge = nullptr;
}  // namespace
#endif

CommandHeap prepare_command_heap(std::size_t reserve) {
  CommandHeap out;
  g_one_shot = true;
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
  // The first 2 MiB boundary past the heap's end: the huge pages begin there.
  const std::uintptr_t from = (before + 4096 + kHuge - 1) & ~(kHuge - 1);
  // The free space at the top of the heap ends at `before`. A block that
  // takes all of it and the rest of the way to `from` makes the heap grow,
  // by `reserve` beyond the block, and is kept: the small pages below
  // `from` are then left unused (one page fault each), and what is
  // allocated next begins on the first huge page. Nothing at or past `from`
  // is touched before it is advised: a touched page there would keep its
  // region on small pages. A free block as large, left by what ran before,
  // would be taken first; those are held until the heap has grown.
  constexpr std::size_t kHeader = 2 * sizeof(std::size_t);
  const std::uintptr_t top_start = before - mallinfo2().keepcost;
  const std::size_t gap = from - top_start - 2 * kHeader;
  if (gap >= (std::size_t{32} << 20)) return out;  // a top that large would be mapped apart: leave it
  // (Held on the stack: an allocation here would move the top, and one
  // between the growth and the advice would be the first touch past `from`.)
  std::array<void*, 256> taken{};
  std::size_t held = 0;
  void* block = nullptr;
  auto after = before;
  while (after == before && held < taken.size()) {
    block = std::malloc(gap);
    if (!block) break;
    taken[held++] = block;
    after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  }
  if (after > before) --held;  // the block that grew the heap: kept
  for (std::size_t i = 0; i < held; ++i) std::free(taken[i]);
  if (!block || after <= before) return out;  // no brk heap (malloc used mappings)
  out.grown = true;
  out.gap_filled = reinterpret_cast<std::uintptr_t>(block) == top_start + kHeader;
  g_below_huge = block;
  const std::uintptr_t to = after & ~(kHuge - 1);
  if (to <= from || madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE) != 0) return out;
  out.huge_eligible = to - from;
  out.huge_from = from;
#else
  (void)reserve;
#endif
  return out;
}

}  // namespace gb
