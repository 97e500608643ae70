#include "event_loop.hpp"

#include <unistd.h>

#include <cerrno>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "common/syscall.hpp"

namespace exercise {

namespace {
constexpr evq::Token kShutdown{0};
thread_local std::function<void()> eagain_hook;  // the polling thread's own
}  // namespace

Reactor::Reactor() : shutdown_(poll_.registry(), kShutdown), thread_([this] { event_loop(); }) {}

Reactor::~Reactor() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  try {
    shutdown_.wake();
  } catch (const std::exception&) {
    std::terminate();  // without the wake the join would hang
  }
  thread_.join();
}

void Reactor::register_(int fd, evq::Interest interest, std::size_t id) {
  poll_.registry().register_(fd, evq::Token{id}, interest);
  std::lock_guard lock(mutex_);
  ++sources_;
}

void Reactor::set_waker(const async::Waker& waker, std::size_t id) {
  std::lock_guard lock(mutex_);
  wakers_.insert_or_assign(id, waker);
}

void Reactor::deregister(int fd, std::size_t id) {
  {
    std::lock_guard lock(mutex_);
    wakers_.erase(id);
  }
  poll_.registry().deregister(fd);
  std::lock_guard lock(mutex_);
  --sources_;
}

std::size_t Reactor::next_id() {
  std::lock_guard lock(mutex_);
  return next_id_++;
}

Reactor::Stats Reactor::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::size_t Reactor::sources() const {
  std::lock_guard lock(mutex_);
  return sources_;
}

std::size_t Reactor::wakers() const {
  std::lock_guard lock(mutex_);
  return wakers_.size();
}

void Reactor::event_loop() {
  evq::Events events(100);
  std::vector<async::Waker> to_wake;
  for (;;) {
    poll_.poll(events, std::nullopt);
    to_wake.clear();
    bool stop = false;
    {
      std::lock_guard lock(mutex_);
      for (const evq::Event event : events) {
        const std::size_t id = event.token().value();
        if (id == kShutdown.value()) {
          stop = stop_;
          continue;
        }
        ++stats_.events;
        if (auto found = wakers_.find(id); found != wakers_.end()) {
          to_wake.push_back(found->second);
        } else {
          ++stats_.orphans;
        }
      }
      stats_.wakes += static_cast<long long>(to_wake.size());
    }
    for (const async::Waker& waker : to_wake) waker.wake();
    {
      std::lock_guard lock(mutex_);
      ++stats_.dispatched;
    }
    if (stop) return;
  }
}

ssize_t read_some(int fd, char* buffer, std::size_t size) {
  for (;;) {
    const ssize_t n = ::read(fd, buffer, size);
    if (n == -1 && errno == EINTR) continue;
    if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (auto hook = std::exchange(eagain_hook, nullptr)) {
        const int saved = errno;
        hook();
        errno = saved;
      }
      errno = EAGAIN;
      return -1;
    }
    return common::check(n, "read");
  }
}

void on_next_eagain(std::function<void()> hook) { eagain_hook = std::move(hook); }

}  // namespace exercise
