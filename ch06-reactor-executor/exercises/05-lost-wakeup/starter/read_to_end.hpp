// Exercise 05: a lost wake-up. See ../README.md.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "event_loop.hpp"
#include "future.hpp"

namespace exercise {

// Reads a non-blocking pipe (or socket) until EOF; Ready with all it read.
class ReadToEnd final : public async::Future<std::string> {
 public:
  ReadToEnd(Reactor& reactor, int fd) : reactor_(reactor), fd_(fd) {}
  ~ReadToEnd() override {
    if (registered_) reactor_.deregister(fd_, id_);
  }
  ReadToEnd(const ReadToEnd&) = delete;
  ReadToEnd& operator=(const ReadToEnd&) = delete;

  async::PollState<std::string> poll(const async::Waker& waker) override {
    if (done_) throw async::FuturePolledAfterReady("ReadToEnd");
    if (!registered_) {
      id_ = reactor_.next_id();
      reactor_.register_(fd_, evq::Interest::READABLE, id_);
      registered_ = true;
    }
    // Edge-triggered: read until EAGAIN. Bytes left in the pipe raise no
    // new event; only new data would.
    char buffer[64];
    for (;;) {
      const ssize_t n = read_some(fd_, buffer, sizeof buffer);
      if (n > 0) {
        text_.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      if (n == 0) {  // EOF: the writer closed its end
        reactor_.deregister(fd_, id_);
        registered_ = false;
        done_ = true;
        return async::Ready{std::move(text_)};
      }
      // EAGAIN: nothing more for now. Leave the waker with the reactor, so
      // that the next data wakes this task.
      // TODO: a wake-up can be lost here. When? Fix the order.
      reactor_.set_waker(waker, id_);
      return async::NotReady{};
    }
  }

 private:
  Reactor& reactor_;
  int fd_;
  std::size_t id_ = 0;
  bool registered_ = false;
  bool done_ = false;
  std::string text_;
};

}  // namespace exercise
