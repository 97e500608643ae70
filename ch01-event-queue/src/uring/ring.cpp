#include "uring/ring.hpp"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "common/syscall.hpp"

namespace uring {

namespace {

// glibc has no wrappers for the io_uring calls: syscall(2) it is. Both
// return -1 with errno set on failure, like any system call through libc.
int sys_setup(unsigned entries, io_uring_params* params) {
  return static_cast<int>(::syscall(__NR_io_uring_setup, entries, params));
}
int sys_enter(int fd, unsigned to_submit, unsigned min_complete, unsigned flags) {
  return static_cast<int>(::syscall(__NR_io_uring_enter, fd, to_submit, min_complete, flags, nullptr, 0));
}

// The indices shared with the kernel. Each is written by one side only; the
// other side reads it. A release store publishes everything we wrote before
// it (the SQE, a consumed CQE slot); an acquire load makes everything the
// kernel wrote before its store visible to us. Plain loads/stores would let
// the compiler or the CPU reorder the SQE's bytes after the tail that
// announces them. (std::atomic_ref would say the same; these builtins work
// on every compiler and standard library we support.)
unsigned load_acquire(const unsigned* p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
void store_release(unsigned* p, unsigned v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

template <class T>
T* at(void* base, unsigned offset) {
  // The kernel tells us where each field lives, as byte offsets into the
  // mapping (io_uring_params.sq_off / cq_off); their types are fixed by the ABI.
  return reinterpret_cast<T*>(static_cast<char*>(base) + offset);
}

void* map(int fd, std::size_t size, off_t offset, const char* what) {
  void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, offset);
  if (p == MAP_FAILED) common::throw_errno(what);
  return p;
}

io_uring_sqe blank(std::uint8_t opcode, int fd) {
  io_uring_sqe sqe;
  std::memset(&sqe, 0, sizeof sqe);  // every field the operation does not use must be zero
  sqe.opcode = opcode;
  sqe.fd = fd;
  return sqe;
}

}  // namespace

std::optional<std::string> unavailable_reason() {
  // Linux 6.6 added a switch for administrators: 0 allows io_uring, 1 allows
  // it only to a group, 2 disables it.
  std::ifstream disabled("/proc/sys/kernel/io_uring_disabled");
  int value = 0;
  if (disabled >> value && value == 2) return "io_uring is disabled (/proc/sys/kernel/io_uring_disabled = 2)";
  try {
    Ring probe(2);
  } catch (const Unavailable& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("io_uring could not be set up: ") + e.what();
  }
  return std::nullopt;
}

io_uring_sqe nop() { return blank(IORING_OP_NOP, -1); }

io_uring_sqe socket(int domain, int type, int protocol) {
  io_uring_sqe sqe = blank(IORING_OP_SOCKET, domain);  // the fd field carries the domain
  sqe.off = static_cast<std::uint64_t>(type);          // ...off the type, len the protocol
  sqe.len = static_cast<std::uint32_t>(protocol);
  return sqe;
}

io_uring_sqe connect(int fd, const sockaddr* address, socklen_t length) {
  io_uring_sqe sqe = blank(IORING_OP_CONNECT, fd);
  sqe.addr = reinterpret_cast<std::uint64_t>(address);  // the ABI passes pointers as u64
  sqe.off = length;                                     // connect's length travels in `off`
  return sqe;
}

io_uring_sqe send(int fd, const void* data, std::size_t length) {
  io_uring_sqe sqe = blank(IORING_OP_SEND, fd);
  sqe.addr = reinterpret_cast<std::uint64_t>(data);
  sqe.len = static_cast<std::uint32_t>(length);
  sqe.msg_flags = MSG_NOSIGNAL;  // a closed peer is -EPIPE in the completion, not SIGPIPE
  return sqe;
}

io_uring_sqe recv(int fd, void* buffer, std::size_t length) {
  io_uring_sqe sqe = blank(IORING_OP_RECV, fd);
  sqe.addr = reinterpret_cast<std::uint64_t>(buffer);
  sqe.len = static_cast<std::uint32_t>(length);
  return sqe;
}

io_uring_sqe close(int fd) { return blank(IORING_OP_CLOSE, fd); }

io_uring_sqe timeout(const __kernel_timespec* timeout, unsigned count) {
  io_uring_sqe sqe = blank(IORING_OP_TIMEOUT, -1);
  sqe.addr = reinterpret_cast<std::uint64_t>(timeout);
  sqe.len = 1;  // one timespec
  sqe.off = count;
  return sqe;
}

io_uring_sqe cancel(std::uint64_t target) {
  io_uring_sqe sqe = blank(IORING_OP_ASYNC_CANCEL, -1);
  sqe.addr = target;  // the user_data to match
  return sqe;
}

io_uring_sqe& linked(io_uring_sqe& sqe) {
  sqe.flags |= IOSQE_IO_LINK;
  return sqe;
}
io_uring_sqe linked(io_uring_sqe&& sqe) {
  sqe.flags |= IOSQE_IO_LINK;
  return sqe;
}

Ring::Ring(unsigned entries) {
  io_uring_params params;
  std::memset(&params, 0, sizeof params);
  const int fd = sys_setup(entries, &params);
  if (fd == -1) {
    const int error = errno;
    if (error == ENOSYS) throw Unavailable("io_uring is not available: this kernel (or emulator) has no io_uring_setup");
    if (error == EPERM) {
      throw Unavailable("io_uring is not allowed here (io_uring_setup: EPERM; a seccomp filter or "
                        "/proc/sys/kernel/io_uring_disabled)");
    }
    common::throw_error(error, "io_uring_setup");
  }
  fd_ = common::UniqueFd(fd);
  features_ = params.features;
  sq_entries_ = params.sq_entries;
  cq_entries_ = params.cq_entries;

  // Sizes of the two rings: their header fields, then the array of slots.
  sq_ring_size_ = params.sq_off.array + params.sq_entries * sizeof(unsigned);
  cq_ring_size_ = params.cq_off.cqes + params.cq_entries * sizeof(io_uring_cqe);
  try {
    if (features_ & IORING_FEAT_SINGLE_MMAP) {
      // Both rings live in one mapping (Linux 5.4 on): map the larger size once.
      sq_ring_size_ = cq_ring_size_ = std::max(sq_ring_size_, cq_ring_size_);
      sq_ring_ = map(fd_.get(), sq_ring_size_, IORING_OFF_SQ_RING, "mmap(SQ and CQ rings)");
      cq_ring_ = sq_ring_;
    } else {
      sq_ring_ = map(fd_.get(), sq_ring_size_, IORING_OFF_SQ_RING, "mmap(SQ ring)");
      cq_ring_ = map(fd_.get(), cq_ring_size_, IORING_OFF_CQ_RING, "mmap(CQ ring)");
    }
    sqes_size_ = params.sq_entries * sizeof(io_uring_sqe);
    sqes_ = static_cast<io_uring_sqe*>(map(fd_.get(), sqes_size_, IORING_OFF_SQES, "mmap(SQEs)"));
  } catch (...) {
    unmap();
    throw;
  }

  sq_head_ = at<unsigned>(sq_ring_, params.sq_off.head);
  sq_tail_ = at<unsigned>(sq_ring_, params.sq_off.tail);
  sq_mask_ = *at<unsigned>(sq_ring_, params.sq_off.ring_mask);  // fixed at setup: a plain read
  sq_flags_ = at<unsigned>(sq_ring_, params.sq_off.flags);
  sq_array_ = at<unsigned>(sq_ring_, params.sq_off.array);
  cq_head_ = at<unsigned>(cq_ring_, params.cq_off.head);
  cq_tail_ = at<unsigned>(cq_ring_, params.cq_off.tail);
  cq_mask_ = *at<unsigned>(cq_ring_, params.cq_off.ring_mask);
  cqes_ = at<io_uring_cqe>(cq_ring_, params.cq_off.cqes);
  local_tail_ = *sq_tail_;  // 0 on a new ring; only we write it from now on
}

Ring::~Ring() {
  cancel_all_and_drain();
  unmap();
}

void Ring::unmap() noexcept {
  // munmap cannot fail on a range we mapped ourselves; its result is not
  // worth throwing from a destructor.
  if (sqes_ != nullptr) ::munmap(sqes_, sqes_size_);
  if (cq_ring_ != nullptr && cq_ring_ != sq_ring_) ::munmap(cq_ring_, cq_ring_size_);
  if (sq_ring_ != nullptr) ::munmap(sq_ring_, sq_ring_size_);
  sqes_ = nullptr;
  cq_ring_ = sq_ring_ = nullptr;
}

bool Ring::try_push(const io_uring_sqe& sqe, std::uint64_t user_data) {
  // ACQUIRE: the kernel moves the head once it has read the SQEs before it;
  // after this load those slots are ours to overwrite.
  const unsigned head = load_acquire(sq_head_);
  if (local_tail_ - head >= sq_entries_) return false;  // full (unsigned wrap-around is intended)
  const unsigned index = local_tail_ & sq_mask_;
  sqes_[index] = sqe;
  sqes_[index].user_data = user_data;
  // The indirection array: slot `index` of the ring names SQE `index`. (It
  // lets a program keep SQEs in any order; we keep them in ring order.)
  sq_array_[index] = index;
  ++local_tail_;
  // RELEASE: the SQE and the array slot above become visible to the kernel
  // no later than the new tail that announces them.
  store_release(sq_tail_, local_tail_);
  ++queued_;
  return true;
}

void Ring::push(const io_uring_sqe& sqe, std::uint64_t user_data) {
  if (try_push(sqe, user_data)) return;
  submit();
  if (!try_push(sqe, user_data)) {
    throw std::logic_error("io_uring submission queue still full after submitting");
  }
}

unsigned Ring::space() const noexcept {
  return sq_entries_ - (local_tail_ - load_acquire(sq_head_));
}

void Ring::make_room(unsigned n) {
  if (n > sq_entries_) throw std::invalid_argument("a chain longer than the submission queue");
  // The kernel may take fewer SQEs than offered (it returns how many); a few
  // rounds are enough in practice, and the bound keeps this from spinning.
  for (int round = 0; space() < n; ++round) {
    if (round == 16) throw std::runtime_error("io_uring: the kernel takes no submissions");
    submit();
  }
}

unsigned Ring::submit_and_wait(unsigned wait_for) {
  const unsigned flags = wait_for > 0 ? IORING_ENTER_GETEVENTS : 0u;
  for (;;) {
    ++enters_;
    const int n = sys_enter(fd_.get(), queued_, wait_for, flags);
    if (n >= 0) {
      queued_ -= static_cast<unsigned>(n);
      in_flight_ += static_cast<unsigned>(n);
      return static_cast<unsigned>(n);
    }
    if (errno == EINTR) continue;  // expected: a signal arrived while we slept; wait again
    common::throw_errno("io_uring_enter");
  }
}

std::size_t Ring::reap(std::vector<Completion>& out) {
  std::size_t count = 0;
  unsigned head = *cq_head_;  // only we write the CQ head: a plain read of our own index
  // ACQUIRE: every CQE the kernel wrote before moving the tail is visible.
  const unsigned tail = load_acquire(cq_tail_);
  for (; head != tail; ++head, ++count) {
    const io_uring_cqe& cqe = cqes_[head & cq_mask_];
    out.push_back(Completion{cqe.user_data, cqe.res, cqe.flags});
  }
  // RELEASE: our reads of those CQEs happen before the kernel may reuse the slots.
  store_release(cq_head_, head);
  in_flight_ -= count <= in_flight_ ? count : in_flight_;
  return count;
}

void Ring::cancel_all_and_drain() noexcept {
  if (!fd_.valid() || in_flight_ + queued_ == 0) return;
  try {
    // Cancel every request (Linux 5.19: IORING_ASYNC_CANCEL_ANY), then wait
    // for every completion, the cancelled ones included: until each has
    // completed the kernel may still write into its buffer.
    io_uring_sqe all = cancel(0);
    all.cancel_flags = IORING_ASYNC_CANCEL_ANY;
    push(all, 0);
    std::vector<Completion> ignored;
    // Bounded: cancelled socket operations complete at once; give up after
    // a few hundred rounds rather than hang in a destructor.
    for (int round = 0; round < 256 && in_flight_ + queued_ > 0; ++round) {
      submit_and_wait(1);
      ignored.clear();
      reap(ignored);
    }
  } catch (...) {
    // Nothing sensible to report from here; closing the ring cancels what is left.
  }
}

}  // namespace uring
