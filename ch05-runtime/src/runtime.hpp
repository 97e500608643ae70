// NEW (ch05): Runtime, block_on, and the registry that leaf futures reach.
//
// Our chapters 3 and 4 drive a future with a loop that polls it again at once
// when it says NotReady: thousands of polls, one core busy, to learn nothing.
// A Runtime owns an event queue (evq::Poll, our chapter 1) and polls the future
// only when the queue says something has happened:
//
//   async::Runtime runtime;                          // epoll_create1
//   std::string response = runtime.block_on(async::Http::get("/500/hi"));
//
//   poll the future -> NotReady -> sleep in epoll_wait -> an event: poll again
//                                   (no CPU while asleep)    ... -> Ready: return
//
// Who registers the sockets? The leaf futures themselves: HttpGetFuture's
// first poll calls async::registry().register_(...). registry() is global
// (the book's `static REGISTRY: OnceLock<Registry>` and `runtime::registry()`):
// a future reaches the runtime through it without being handed anything.
// That is the tight coupling this chapter is about; our chapter 6 removes it with
// wakers. The README lists what it costs.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "future.hpp"
#include "poll.hpp"

namespace async {

// Thrown by a leaf future polled when no Runtime exists: it has nobody to
// register its socket with, so nothing could ever wake whoever polls it.
class NoRuntime : public std::logic_error {
 public:
  explicit NoRuntime(const std::string& who);
};

// Thrown by Runtime::wait (and so block_on) when the future is NotReady but
// nothing is registered: epoll_wait would sleep for ever. A future that says
// NotReady must first register what it waits for (see the README's coupling).
class NothingToWaitFor : public std::logic_error {
 public:
  NothingToWaitFor();
};

// The registry leaf futures reach through async::registry(): the Runtime's
// evq::Registry, plus a count of the sources registered through it, so that
// the runtime can tell "waiting for an event" from "waiting for nothing".
// NB! mio's Registry keeps no such count; we keep it to turn a hang into an
// error. One thread in this chapter; the count is atomic anyway (cheap).
class Registry {
 public:
  // epoll_ctl(ADD) / epoll_ctl(DEL), as evq::Registry (edge-triggered).
  void register_(int fd, evq::Token token, evq::Interest interest);
  void deregister(int fd);

  // Sources registered and not yet deregistered.
  [[nodiscard]] std::size_t sources() const noexcept { return sources_.load(); }
  // Which Runtime this is (1, 2, 3... in the order they were made): a future
  // that registered with one runtime must not deregister from a later one.
  [[nodiscard]] std::uint64_t runtime_id() const noexcept { return runtime_id_; }
  // The epoll file descriptor (owned by the Runtime's Poll), for the curious:
  // /proc/self/fdinfo/<it> lists what the kernel watches.
  [[nodiscard]] int as_raw_fd() const noexcept { return inner_.as_raw_fd(); }

 private:
  friend class Runtime;
  Registry(const evq::Registry& inner, std::uint64_t runtime_id) : inner_(inner), runtime_id_(runtime_id) {}
  const evq::Registry& inner_;
  std::uint64_t runtime_id_;
  std::atomic<std::size_t> sources_{0};
};

// The registry of the Runtime that exists now. Throws NoRuntime, naming
// `who`, when there is none. The reference is valid while that Runtime lives.
[[nodiscard]] Registry& registry(const char* who = "a leaf future");

// The registry of the Runtime that exists now, or nullptr (never throws: for
// destructors).
[[nodiscard]] Registry* current_registry() noexcept;

// A number no other call in this process returns (1, 2, 3...): a future's
// Token, unique per future so an event can be traced to its source.
[[nodiscard]] std::size_t next_id() noexcept;

// NEW (ch05), for drawing a run (the demo's --svg): told when the
// runtime's thread goes to sleep in epoll_wait and when it is back. None by
// default: then it costs the runtime a test of a null pointer per wait.
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void sleeping() = 0;                 // about to sleep in epoll_wait
  virtual void woken(std::size_t events) = 0;  // back, with this many events (0: the timeout passed)
};

class Runtime {
 public:
  // What block_on did, for the demos and the tests.
  struct Stats {
    long long polls = 0;   // polls of the top-level future
    long long waits = 0;   // epoll_wait calls (sleeps)
    long long events = 0;  // events those waits returned
  };

  // Creates the event queue and makes its registry the global one. One
  // Runtime at a time: a second throws std::logic_error (the book's
  // OnceLock::set fails the same way). Throws std::system_error "epoll_create1".
  Runtime();
  // The global registry is gone from here on; a future still registered
  // loses its registration with the epoll instance, which closes.
  ~Runtime();
  Runtime(const Runtime&) = delete;  // the global registry points into it
  Runtime& operator=(const Runtime&) = delete;

  // Polls `future` until it is Ready and returns its output. Between polls
  // it sleeps in epoll_wait until a registered source has an event: it does
  // not look at which one, it polls the whole future again (the future's
  // own children decide whom to poll). Exceptions from poll() come out
  // here. Throws NothingToWaitFor if the future is NotReady and nothing is
  // registered, std::invalid_argument for a null future.
  template <class T>
  T block_on(FuturePtr<T> future);

  // One sleep: blocks in epoll_wait until an event or `timeout` (nullopt:
  // none), then returns how many events arrived (0: the timeout passed).
  // block_on's step, public so that other loops can be built on it.
  // Throws NothingToWaitFor when nothing is registered and no timeout given.
  std::size_t wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt);

  [[nodiscard]] const Stats& stats() const noexcept { return stats_; }
  [[nodiscard]] Registry& registry() noexcept { return registry_; }
  // Installs `observer` (nullptr: none); it must outlive its use here.
  void set_observer(Observer* observer) noexcept { observer_ = observer; }

 private:
  evq::Poll poll_;
  evq::Events events_{100};  // as the book: up to 100 events per wait
  Registry registry_;
  Stats stats_;
  Observer* observer_ = nullptr;
};

template <class T>
T Runtime::block_on(FuturePtr<T> future) {
  if (!future) throw std::invalid_argument("Runtime::block_on: the future is null");
  for (;;) {
    ++stats_.polls;
    auto state = future->poll();
    if (state.is_ready()) {
      if constexpr (std::is_void_v<T>) {
        return;
      } else {
        return std::move(state).value();
      }
    }
    // NotReady: the future has registered what it waits for. Sleep until
    // the kernel reports one of those sources, then poll again.
    wait();
  }
}

}  // namespace async
