// NEW (ch06): the reactor's event loop, its wakers and its shutdown.
#include "reactor.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace async {

NoReactor::NoReactor(const std::string& who)
    : std::logic_error(who + " was polled without the async::Reactor it needs (none exists, or not the one it "
                             "registered with): nothing could wake its task. Create an async::Runtime (or a "
                             "Reactor) before running futures, and keep it until they are done.") {}

namespace {

// The book's `static REACTOR: OnceLock<Reactor>`. Tests make one reactor
// after another, so ours is a slot the Reactor fills when it is made and
// empties when it goes, guarded by a mutex: executors on every thread read it.
struct GlobalReactor {
  std::mutex mutex;
  bool occupied = false;  // a Reactor is being made or exists (so two cannot race)
  Reactor* current = nullptr;
  std::uint64_t made = 0;
};

GlobalReactor& global() {
  static GlobalReactor instance;
  return instance;
}

std::uint64_t claim_global_slot() {
  std::lock_guard lock(global().mutex);
  if (global().occupied) {
    throw std::logic_error("async::Reactor: one already exists; there is one reactor per process");
  }
  global().occupied = true;
  return ++global().made;
}

void release_global_slot() {
  std::lock_guard lock(global().mutex);
  global().current = nullptr;
  global().occupied = false;
}

}  // namespace

Reactor& reactor(const char* who) {
  if (Reactor* current = current_reactor()) return *current;
  throw NoReactor(who);
}

Reactor* current_reactor() noexcept {
  std::lock_guard lock(global().mutex);
  return global().current;
}

Reactor::Reactor() : shutdown_waker_(poll_.registry(), kShutdown), instance_(claim_global_slot()) {
  try {
    thread_ = std::thread([this] { event_loop(); });
  } catch (...) {
    release_global_slot();
    throw;
  }
  // Published under the mutex: a thread that finds it through reactor()
  // sees it fully constructed (the unlock/lock pair orders the two).
  std::lock_guard lock(global().mutex);
  global().current = this;
}

Reactor::~Reactor() {
  release_global_slot();  // from here on no future can find us
  // stop_ first, then the wake: the loop reads stop_ after the event the
  // wake causes, and the eventfd write/epoll_wait pair orders the two; the
  // atomic makes the read well-defined on its own as well.
  stop_.store(true);
  try {
    shutdown_waker_.wake();
  } catch (const std::exception&) {
    // write(eventfd) cannot fail on a live eventfd short of memory
    // corruption; without the wake the join below would hang, so give up.
    std::terminate();
  }
  thread_.join();
}

void Reactor::register_(int fd, evq::Interest interest, std::size_t id) {
  poll_.registry().register_(fd, evq::Token{id}, interest);  // throws: count only what succeeded
  ++sources_;
}

void Reactor::set_waker(const Waker& waker, std::size_t id) {
  std::lock_guard lock(mutex_);
  // insert_or_assign, not emplace: always keep the newest waker. With
  // emplace an old waker would stay, and a future moved to another task
  // would wake the task that no longer owns it (the book's warning).
  wakers_.insert_or_assign(id, waker);
}

void Reactor::deregister(int fd, std::size_t id) {
  {
    std::lock_guard lock(mutex_);
    wakers_.erase(id);
  }
  poll_.registry().deregister(fd);  // throws epoll_ctl(DEL): ENOENT if `fd` is not registered
  --sources_;
}

std::size_t Reactor::next_id() noexcept {
  return next_id_.fetch_add(1, std::memory_order_relaxed);  // only uniqueness matters, not ordering
}

std::size_t Reactor::wakers() const {
  std::lock_guard lock(mutex_);
  return wakers_.size();
}

Reactor::Stats Reactor::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void Reactor::event_loop() {
  evq::Events events(100);  // as the book: up to 100 events per wait
  std::vector<Waker> to_wake;
  if (Observer* watching = observer()) watching->reactor_started();  // --svg's hook, see observer.hpp
  for (;;) {
    // Sleeps in the kernel until a source has news or the shutdown waker
    // is woken. Spurious events (epoll(7)) only cost a spurious wake: the
    // future polled finds EAGAIN and says NotReady again.
    poll_.poll(events, std::nullopt);
    to_wake.clear();
    bool shutting_down = false;
    {
      std::lock_guard lock(mutex_);
      ++stats_.loops;
      for (const evq::Event event : events) {
        ++stats_.events;
        const std::size_t id = event.token().value();
        if (id == kShutdown.value()) {
          shutting_down = stop_.load();
          continue;
        }
        // Copied out: the wakes happen after the unlock, so that an
        // executor thread calling set_waker never waits for them.
        if (auto found = wakers_.find(id); found != wakers_.end()) {
          to_wake.push_back(found->second);
        } else {
          ++stats_.orphans;  // deregistered while the event was on its way
        }
      }
      stats_.wakes += static_cast<long long>(to_wake.size());
    }
    for (const Waker& waker : to_wake) waker.wake();
    if (shutting_down) return;
  }
}

}  // namespace async
