// Stack: memory for one fiber to run on, with a guard page below it.
//
//   high addresses  +----------------------------+  top()      (page aligned)
//                   |                            |
//                   |   usable: size() bytes     |  the fiber's frames grow down
//                   |                            |
//                   +----------------------------+  bottom()
//                   |   guard page (PROT_NONE)   |  touching it raises SIGSEGV
//   low addresses   +----------------------------+
//
// The book allocates a Vec<u8> and nothing stops a fiber that runs past its
// end from writing over whatever the allocator put below. An mmap'd region
// with an inaccessible page underneath turns that silent corruption into an
// immediate fault, the way the kernel guards an OS thread's stack.
#pragma once

#include <cstddef>
#include <span>

namespace fibers {

class Stack {
 public:
  Stack() noexcept = default;  // no memory: the stack of the OS thread runs thread 0
  // Reserves `size` bytes (rounded up to whole pages) plus one guard page.
  // Pages cost memory only once touched (MAP_NORESERVE). Throws
  // std::system_error naming the call on failure, std::invalid_argument for 0.
  explicit Stack(std::size_t size);
  ~Stack();

  Stack(Stack&& other) noexcept;
  Stack& operator=(Stack&& other) noexcept;
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;

  [[nodiscard]] std::byte* bottom() const noexcept { return bottom_; }
  [[nodiscard]] std::byte* top() const noexcept { return bottom_ + size_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::span<std::byte> bytes() const noexcept { return {bottom_, size_}; }
  [[nodiscard]] bool empty() const noexcept { return bottom_ == nullptr; }

  [[nodiscard]] static std::size_t page_size() noexcept;

 private:
  void release() noexcept;

  std::byte* mapping_ = nullptr;   // start of the mmap'd region: the guard page
  std::size_t mapping_size_ = 0;
  std::byte* bottom_ = nullptr;    // first usable byte, just above the guard page
  std::size_t size_ = 0;
  unsigned valgrind_id_ = 0;       // VALGRIND_STACK_REGISTER's handle, when built with valgrind.h
};

}  // namespace fibers
