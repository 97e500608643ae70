// WRONG: deregisters at EOF only, so a reader dropped while it waits leaves its source and waker with the reactor. Caught by: a reader dropped while it waits leaves the reactor
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
  ~ReadToEnd() override = default;
  ReadToEnd(const ReadToEnd&) = delete;
  ReadToEnd& operator=(const ReadToEnd&) = delete;

  async::PollState<std::string> poll(const async::Waker& waker) override {
    if (done_) throw async::FuturePolledAfterReady("ReadToEnd");
    // The waker first, on every poll: from this moment any event for our
    // id finds the latest waker. Only then register and read. Data that
    // arrives after a read says EAGAIN raises an event, and the event
    // finds a waker to wake.
    if (!registered_) id_ = reactor_.next_id();
    reactor_.set_waker(waker, id_);
    if (!registered_) {
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
      return async::NotReady{};  // EAGAIN: the reactor holds our waker for the next data
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
