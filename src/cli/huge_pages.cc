#include "cli/huge_pages.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace newsclean::cli {

void use_huge_pages_for_heap() {
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  // The heap grows by brk. Growing it once by kReserve and marking that
  // range MADV_HUGEPAGE makes every later allocation there land on huge
  // pages; memory is still only taken when first touched. Growth beyond the
  // range comes in ordinary pages, as before.
  constexpr std::size_t kReserve = std::size_t{64} << 20;
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  // Requests below 32 MiB (glibc's largest dynamic threshold) come from the
  // heap rather than from mmap, and the heap is not trimmed while less than
  // the reserve is free at its top: a trimmed range would grow back without
  // the mark.
  if (mallopt(M_MMAP_THRESHOLD, 32 << 20) == 0) return;
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kReserve));
  mallopt(M_TOP_PAD, static_cast<int>(kReserve));
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Makes malloc grow the heap, by the pad. (volatile: a malloc whose
  // block is freed unused may be optimised away.)
  void* volatile probe = std::malloc(kHuge);
  std::free(probe);
  mallopt(M_TOP_PAD, 128 << 10);  // later growth: glibc's default step
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t begin = (before + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = after & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

}  // namespace newsclean::cli
