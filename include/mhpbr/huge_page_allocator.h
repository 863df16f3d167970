// An allocator for the large tables that costing reads at random (the
// patient index, the periods' slots and sums): a national year's tables
// span hundreds of megabytes, and with 4 KB pages nearly every lookup
// misses the TLB as well as the cache. Blocks of 2 MB or more are
// 2 MB-aligned and marked for transparent huge pages before they are
// first touched, so the kernel backs them with huge pages where it
// allows (a hint only: where it does not, nothing changes). Smaller
// blocks come from operator new as usual.
//
//   std::vector<Slot, mhpbr::HugePageAllocator<Slot>> slots(n);

#ifndef MHPBR_HUGE_PAGE_ALLOCATOR_H_
#define MHPBR_HUGE_PAGE_ALLOCATOR_H_

#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace mhpbr {

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding

  T* allocate(size_t n) {
    if (!Huge(n)) {
      // An over-aligned T (alignas(32)) needs the aligned operator new, as
      // std::allocator would call.
      if constexpr (kOverAligned) {
        return static_cast<T*>(
            ::operator new (n * sizeof(T), std::align_val_t{alignof(T)}));
      } else {
        return static_cast<T*>(::operator new(n * sizeof(T)));
      }
    }
    const size_t rounded = (n * sizeof(T) + kHuge - 1) / kHuge * kHuge;
    void* p = ::operator new (rounded, std::align_val_t{kHuge});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return static_cast<T*>(p);
  }

  void deallocate(T* p, size_t n) {
    if (!Huge(n)) {
      if constexpr (kOverAligned) {
        ::operator delete (p, std::align_val_t{alignof(T)});
      } else {
        ::operator delete(p);
      }
    } else {
      ::operator delete (p, std::align_val_t{kHuge});
    }
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const {
    return false;
  }

 private:
  static constexpr size_t kHuge = size_t{2} << 20;
  static constexpr bool kOverAligned =
      alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__;
  static_assert(alignof(T) <= kHuge, "a huge block must align a T");
  // At least a huge page, and small enough that rounding cannot overflow
  // (larger requests fail in operator new as usual).
  static bool Huge(size_t n) {
    return n >= (kHuge + sizeof(T) - 1) / sizeof(T) &&
           n <= (size_t{1} << 46) / sizeof(T);
  }
};

}  // namespace mhpbr

#endif  // MHPBR_HUGE_PAGE_ALLOCATOR_H_
