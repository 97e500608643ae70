// uring::Ring: a completion-based queue (io_uring) with raw system calls.
//
// epoll (the rest of this chapter) is readiness-based: the kernel says "this
// socket can be read now" and we make the read. io_uring is completion-based:
// we hand the kernel the whole operation ("receive into this buffer") and it
// tells us when the operation is done and how it went. The book describes
// the completion model (IOCP, io_uring) in its chapter 3 and builds only the
// readiness one; this module is the other half, beyond the book.
//
//   uring::Ring ring(64);                       // io_uring_setup + three mmaps
//   ring.push(uring::recv(fd, buffer, size), 7); // an SQE with user_data = 7
//   ring.submit_and_wait(1);                    // io_uring_enter: submit, sleep
//   ring.reap(completions);                     // CQEs: {user_data 7, res = bytes}
//
// Two rings of shared memory sit between us and the kernel:
//
//   submission queue (SQ): we write entries (SQEs) and move the tail;
//                          the kernel consumes them and moves the head
//   completion queue (CQ): the kernel writes entries (CQEs) and moves the tail;
//                          we consume them and move the head
//
// Each side only ever writes its own index, so the only synchronisation
// needed is an acquire load of the other side's index and a release store of
// our own (ring.cpp explains each one). No lock, and no system call at all
// to look for completions: io_uring_enter is needed only to tell the kernel
// that new SQEs are there, or to sleep until completions arrive.
//
// No liburing here, so every byte of the protocol is visible; liburing's
// io_uring_get_sqe / io_uring_submit_and_wait / io_uring_for_each_cqe are
// what a production program would use.
#pragma once

#include <linux/io_uring.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/fd.hpp"

namespace uring {

// The kernel refuses io_uring here: no such system call (ENOSYS: an old or
// emulated kernel, qemu-user), not allowed (EPERM: a seccomp filter, or
// /proc/sys/kernel/io_uring_disabled). what() says which, in one line.
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Why io_uring cannot be used on this machine, or nothing when it can (it
// sets up and tears down a small ring to find out). Tests skip with this
// reason; programs print it.
[[nodiscard]] std::optional<std::string> unavailable_reason();

// One completion: the user_data of the SQE it answers, and its result: what
// the system call would have returned, or -errno (never -1 with errno set).
struct Completion {
  std::uint64_t user_data = 0;
  std::int32_t res = 0;
  std::uint32_t flags = 0;
};

// Builders for the operations this chapter uses. Each returns a filled SQE
// (user_data is set by push). The memory they point to (buffer, address,
// request text) belongs to the kernel until the completion arrives: it must
// stay where it is, unchanged, until then. That is the price of the
// completion model (epoll never holds our buffers).
[[nodiscard]] io_uring_sqe nop();
[[nodiscard]] io_uring_sqe socket(int domain, int type, int protocol);  // IORING_OP_SOCKET, Linux 5.19
[[nodiscard]] io_uring_sqe connect(int fd, const sockaddr* address, socklen_t length);
[[nodiscard]] io_uring_sqe send(int fd, const void* data, std::size_t length);
[[nodiscard]] io_uring_sqe recv(int fd, void* buffer, std::size_t length);
[[nodiscard]] io_uring_sqe close(int fd);
// Completes with -ETIME after `timeout` (or 0 if `count` other completions
// arrive first; 0 means "only the time"). `timeout` must live until then.
[[nodiscard]] io_uring_sqe timeout(const __kernel_timespec* timeout, unsigned count = 0);
// Asks the kernel to cancel the operation whose user_data is `target`. The
// target still completes (with -ECANCELED, or its result if it won the race):
// cancelling is a request, and the buffer is ours again only at that completion.
[[nodiscard]] io_uring_sqe cancel(std::uint64_t target);

// Marks `sqe` as linked to the one pushed after it: the next starts only when
// this one succeeds, and is cancelled (-ECANCELED) if it fails.
io_uring_sqe& linked(io_uring_sqe& sqe);
io_uring_sqe linked(io_uring_sqe&& sqe);

class Ring {
 public:
  // io_uring_setup with at least `entries` SQEs (rounded up to a power of
  // two by the kernel; the CQ gets twice as many), then the mmaps of the two
  // rings and the SQE array. Throws Unavailable when the kernel refuses
  // io_uring, std::system_error naming the call otherwise.
  explicit Ring(unsigned entries);
  ~Ring();
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;

  [[nodiscard]] unsigned sq_entries() const noexcept { return sq_entries_; }
  [[nodiscard]] unsigned cq_entries() const noexcept { return cq_entries_; }

  // Copies `sqe` into the next free SQ slot with `user_data` as its token.
  // Returns false, and queues nothing, when the SQ is full: submit first.
  [[nodiscard]] bool try_push(const io_uring_sqe& sqe, std::uint64_t user_data);
  // try_push, and when the SQ is full submits what is queued and pushes then.
  void push(const io_uring_sqe& sqe, std::uint64_t user_data);

  // Makes sure `n` SQEs can be pushed without a submit in between, by
  // submitting what is queued if they would not fit. A linked chain must be
  // handed to the kernel in one io_uring_enter: a submit that ends inside a
  // chain ends the chain there, and the rest would run unordered.
  void make_room(unsigned n);
  [[nodiscard]] unsigned space() const noexcept;

  // SQEs pushed and not yet handed to the kernel.
  [[nodiscard]] unsigned queued() const noexcept { return queued_; }
  // Operations handed to the kernel whose completion we have not reaped.
  [[nodiscard]] std::size_t in_flight() const noexcept { return in_flight_; }

  // One io_uring_enter: hands every queued SQE to the kernel and, when
  // `wait_for` > 0, sleeps until at least that many completions are ready
  // (counting those already there). EINTR is retried. Returns the SQEs
  // submitted.
  unsigned submit_and_wait(unsigned wait_for);
  unsigned submit() { return submit_and_wait(0); }

  // Appends every completion ready now to `out` (no system call) and returns
  // how many.
  std::size_t reap(std::vector<Completion>& out);

  // How many times this ring called io_uring_enter: the chapter's point is
  // that one call carries many operations, and reaping needs none.
  [[nodiscard]] std::uint64_t enters() const noexcept { return enters_; }

  // Cancels everything in flight and waits until every operation has
  // completed, so that no buffer is still the kernel's. Called by the
  // destructor; call it before freeing memory that operations point into.
  void cancel_all_and_drain() noexcept;

 private:
  common::UniqueFd fd_;
  unsigned features_ = 0;
  unsigned sq_entries_ = 0;
  unsigned cq_entries_ = 0;

  // The mmap'd areas (one for both rings when the kernel offers
  // IORING_FEAT_SINGLE_MMAP, as every kernel since 5.4 does).
  void* sq_ring_ = nullptr;
  std::size_t sq_ring_size_ = 0;
  void* cq_ring_ = nullptr;
  std::size_t cq_ring_size_ = 0;
  io_uring_sqe* sqes_ = nullptr;
  std::size_t sqes_size_ = 0;

  // Pointers into the SQ ring.
  unsigned* sq_head_ = nullptr;   // written by the kernel
  unsigned* sq_tail_ = nullptr;   // written by us
  unsigned sq_mask_ = 0;
  unsigned* sq_flags_ = nullptr;  // written by the kernel
  unsigned* sq_array_ = nullptr;  // written by us: slot i -> SQE index
  // Pointers into the CQ ring.
  unsigned* cq_head_ = nullptr;   // written by us
  unsigned* cq_tail_ = nullptr;   // written by the kernel
  unsigned cq_mask_ = 0;
  io_uring_cqe* cqes_ = nullptr;  // written by the kernel

  unsigned local_tail_ = 0;  // our copy of *sq_tail_ (we are its only writer)
  unsigned queued_ = 0;
  std::size_t in_flight_ = 0;
  std::uint64_t enters_ = 0;

  void unmap() noexcept;
};

}  // namespace uring
