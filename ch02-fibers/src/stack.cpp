#include "stack.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "common/syscall.hpp"

// Valgrind follows the stack pointer to tell stack memory from the rest; a
// jump to memory it does not know as a stack looks like a wild write far
// below the current stack. Registering each stack tells it the truth. The
// header only defines macros that are no-ops when not running under valgrind.
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define FIBERS_HAVE_VALGRIND 1
#else
#define FIBERS_HAVE_VALGRIND 0
#endif

namespace fibers {

std::size_t Stack::page_size() noexcept {
  static const std::size_t size = [] {
    long result = ::sysconf(_SC_PAGESIZE);
    return result > 0 ? static_cast<std::size_t>(result) : std::size_t{4096};
  }();
  return size;
}

Stack::Stack(std::size_t size) {
  if (size == 0) throw std::invalid_argument("fibers::Stack: size must be at least one byte");
  const std::size_t page = page_size();
  size_ = (size + page - 1) / page * page;
  mapping_size_ = size_ + page;

  // MAP_NORESERVE: reserve address space, not memory; pages are allocated on
  // first touch, so a 2 MiB stack that uses 8 KiB costs 8 KiB. MAP_STACK is
  // a hint (mmap(2)), kept for documentation and future kernels.
  void* mapping = ::mmap(nullptr, mapping_size_, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (mapping == MAP_FAILED) common::throw_errno("mmap(stack)");
  // SAFETY: mmap returned a mapping of mapping_size_ bytes; viewing it as
  // bytes is always allowed.
  mapping_ = static_cast<std::byte*>(mapping);
  bottom_ = mapping_ + page;

  // Stacks grow down: the lowest page is the one an overflow reaches first.
  if (::mprotect(mapping_, page, PROT_NONE) == -1) {
    int error = errno;
    release();
    common::throw_error(error, "mprotect(guard page)");
  }
#if FIBERS_HAVE_VALGRIND
  valgrind_id_ = VALGRIND_STACK_REGISTER(bottom_, bottom_ + size_);
#endif
}

Stack::~Stack() { release(); }

Stack::Stack(Stack&& other) noexcept
    : mapping_(std::exchange(other.mapping_, nullptr)),
      mapping_size_(std::exchange(other.mapping_size_, 0)),
      bottom_(std::exchange(other.bottom_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      valgrind_id_(std::exchange(other.valgrind_id_, 0)) {}

Stack& Stack::operator=(Stack&& other) noexcept {
  if (this != &other) {
    release();
    mapping_ = std::exchange(other.mapping_, nullptr);
    mapping_size_ = std::exchange(other.mapping_size_, 0);
    bottom_ = std::exchange(other.bottom_, nullptr);
    size_ = std::exchange(other.size_, 0);
    valgrind_id_ = std::exchange(other.valgrind_id_, 0);
  }
  return *this;
}

void Stack::release() noexcept {
  if (mapping_ == nullptr) return;
#if FIBERS_HAVE_VALGRIND
  VALGRIND_STACK_DEREGISTER(valgrind_id_);
#endif
  // A destructor cannot throw; munmap only fails on arguments we got from
  // mmap itself, so a failure is a bug worth a line on stderr.
  if (::munmap(mapping_, mapping_size_) == -1) {
    std::fprintf(stderr, "fibers::Stack: munmap: %s\n", std::strerror(errno));
  }
  mapping_ = nullptr;
  bottom_ = nullptr;
  mapping_size_ = size_ = 0;
}

}  // namespace fibers
