// NEW (ch06): the Reactor, the half of the runtime that talks to the OS.
//
// It owns the event queue (evq::Poll, our chapter 1) and a thread of its own
// that sleeps in epoll_wait. Leaf futures register their sockets (and
// timers) with it and leave a Waker with it; when the kernel reports a
// source, the reactor's thread wakes the waker stored for that source's id.
// It never polls a future: which task runs, and where, is the executor's
// business. The book's reactor.rs, with two additions: a clean shutdown (a
// PollWaker on token 0 tells the thread to stop; the destructor joins it)
// and counts that let tests see what it did.
//
//   async::Reactor reactor;            // epoll_create1, starts the event loop
//   std::size_t id = async::reactor().next_id();
//   async::reactor().set_waker(waker, id);                     // keep the latest waker
//   async::reactor().register_(fd, evq::Interest::READABLE, id);  // epoll_ctl(ADD)
//   ... the event loop: an event for `id` -> wakers[id].wake()
//   async::reactor().deregister(fd, id);                       // epoll_ctl(DEL), forget the waker
//
// Like our chapter 5's registry it is global, reached through async::reactor():
// one Reactor per process at a time, shared by the executors of every thread.
// Every member function is thread-safe. `register_` has a trailing
// underscore because `register` is a C++ keyword.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>

#include "poll.hpp"
#include "poll_waker.hpp"
#include "waker.hpp"

namespace async {

// Thrown by a leaf future polled when no Reactor exists (nobody could ever
// wake its task, so it refuses to start), or when the reactor it registered
// with is gone (its registration went with it).
class NoReactor : public std::logic_error {
 public:
  explicit NoReactor(const std::string& who);
};

class Reactor {
 public:
  // What the event loop did, for the demos and the tests.
  struct Stats {
    long long loops = 0;   // epoll_wait calls that returned
    long long events = 0;  // events they returned (the shutdown event included)
    long long wakes = 0;   // wakers woken
    long long orphans = 0; // events for an id with no waker (deregistered meanwhile)
  };

  // Creates the epoll instance and the shutdown PollWaker, makes this the
  // global reactor and starts the event-loop thread. A second Reactor while
  // one exists throws std::logic_error (the book's OnceLock::set fails so).
  // Throws std::system_error ("epoll_create1", "eventfd", ...).
  Reactor();
  // Clean shutdown: stops being the global reactor, wakes the event loop
  // through the PollWaker, and joins its thread. Executors must be done with
  // it by then: a future still registered loses its registration with the
  // epoll instance, which closes.
  ~Reactor();
  Reactor(const Reactor&) = delete;
  Reactor& operator=(const Reactor&) = delete;

  // Watch `fd` for `interest` (edge-triggered) and report it as `id`.
  // Throws "epoll_ctl(ADD)".
  void register_(int fd, evq::Interest interest, std::size_t id);
  // Store `waker` for `id`, replacing any earlier one: a future may be
  // polled by a different task (or executor) than last time, and only the
  // latest waker reaches whoever polls it now.
  void set_waker(const Waker& waker, std::size_t id);
  // Forget the waker for `id` and stop watching `fd`. Throws "epoll_ctl(DEL)".
  void deregister(int fd, std::size_t id);
  // An id no other call on this reactor returns (1, 2, 3...; 0 is the
  // shutdown waker's token).
  [[nodiscard]] std::size_t next_id() noexcept;

  // Sources registered and not yet deregistered, and wakers stored: both 0
  // when every future has cleaned up after itself.
  [[nodiscard]] std::size_t sources() const noexcept { return sources_.load(); }
  [[nodiscard]] std::size_t wakers() const;
  [[nodiscard]] Stats stats() const;
  // Which Reactor this is (1, 2, 3... in the order they were made): a
  // future registered with one must not deregister from a later one.
  [[nodiscard]] std::uint64_t instance() const noexcept { return instance_; }
  // The epoll file descriptor, for /proc/self/fdinfo in the tests.
  [[nodiscard]] int as_raw_fd() const noexcept { return poll_.registry().as_raw_fd(); }

 private:
  static constexpr evq::Token kShutdown{0};
  void event_loop();

  evq::Poll poll_;                   // the event loop thread alone polls it
  evq::PollWaker shutdown_waker_;    // token 0: "look at stop_"
  std::uint64_t instance_;
  std::atomic<std::size_t> next_id_{1};
  std::atomic<std::size_t> sources_{0};
  std::atomic<bool> stop_{false};

  mutable std::mutex mutex_;  // guards wakers_ and stats_
  std::unordered_map<std::size_t, Waker> wakers_;
  Stats stats_;

  std::thread thread_;  // empty until the constructor's body starts it (all members exist by then); ~Reactor joins it
};

// The Reactor that exists now. Throws NoReactor, naming `who`, when there
// is none. The reference is valid while that Reactor lives.
[[nodiscard]] Reactor& reactor(const char* who = "a leaf future");
// The Reactor that exists now, or nullptr (never throws: for destructors).
[[nodiscard]] Reactor* current_reactor() noexcept;

}  // namespace async
