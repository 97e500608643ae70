// NEW (ch05): the global registry and the Runtime's sleep.
#include "runtime.hpp"

#include <mutex>
#include <string>

namespace async {

NoRuntime::NoRuntime(const std::string& who)
    : std::logic_error(who + " was polled outside a runtime: no async::Runtime exists to register its "
                             "socket with. Create one and run the future with Runtime::block_on.") {}

NothingToWaitFor::NothingToWaitFor()
    : std::logic_error("Runtime: the future is NotReady but no source is registered, so no event can "
                       "ever wake the runtime (a future that returns NotReady must register what it "
                       "waits for with async::registry())") {}

void Registry::register_(int fd, evq::Token token, evq::Interest interest) {
  inner_.register_(fd, token, interest);  // throws epoll_ctl(ADD): count only what succeeded
  ++sources_;
}

void Registry::deregister(int fd) {
  inner_.deregister(fd);  // throws epoll_ctl(DEL), ENOENT if `fd` is not registered
  --sources_;
}

namespace {

// The book's `static REGISTRY: OnceLock<Registry>`. A OnceLock is set once
// for the whole process; tests make one Runtime after another, so ours is a
// slot the Runtime fills when it is made and empties when it goes. Guarded
// by a mutex because a leaf future may be polled on any thread.
struct GlobalRegistry {
  std::mutex mutex;
  bool occupied = false;  // a Runtime exists (set before `current`, so two cannot race)
  Registry* current = nullptr;
  std::uint64_t runtimes_made = 0;
};

GlobalRegistry& global() {
  static GlobalRegistry instance;
  return instance;
}

std::uint64_t claim_global_slot() {
  std::lock_guard lock(global().mutex);
  if (global().occupied) {
    throw std::logic_error("async::Runtime: one already exists; this chapter's runtime is one per process");
  }
  global().occupied = true;
  return ++global().runtimes_made;
}

}  // namespace

Registry& registry(const char* who) {
  if (Registry* current = current_registry()) return *current;
  throw NoRuntime(who);
}

Registry* current_registry() noexcept {
  std::lock_guard lock(global().mutex);
  return global().current;
}

std::size_t next_id() noexcept {
  static std::atomic<std::size_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);  // only uniqueness matters, not ordering
}

Runtime::Runtime() : registry_(poll_.registry(), claim_global_slot()) {
  std::lock_guard lock(global().mutex);
  global().current = &registry_;
}

Runtime::~Runtime() {
  std::lock_guard lock(global().mutex);
  global().current = nullptr;
  global().occupied = false;
}

std::size_t Runtime::wait(std::optional<std::chrono::milliseconds> timeout) {
  if (!timeout && registry_.sources() == 0) throw NothingToWaitFor();
  ++stats_.waits;
  // The thread sleeps here, in the kernel, until a registered socket has
  // news: this is where our chapter 3's spinning core goes idle. Events can be
  // spurious (epoll(7)); that costs one extra poll of the future, nothing more.
  if (observer_ != nullptr) observer_->sleeping();
  poll_.poll(events_, timeout);
  if (observer_ != nullptr) observer_->woken(events_.size());
  stats_.events += static_cast<long long>(events_.size());
  // We do not look at the tokens: the runtime cannot tell which future an
  // event belongs to, so block_on polls the whole future again.
  return events_.size();
}

}  // namespace async
