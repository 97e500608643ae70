// WriteLines: a state machine that points into itself (book ch. 9, the
// problem its c-coroutines-problem example shows).
//
// The coroutine, in corofy's syntax: a local, and a reference to it that is
// used on both sides of each wait.
//
//   coroutine std::string write_lines() {
//     std::string buffer;
//     std::string& writer = buffer;
//     writer += "first line\n";
//     async::countdown(1).wait;
//     writer += "second line\n";
//     async::countdown(1).wait;
//     writer += "third line\n";
//     return buffer;
//   }
//
// Both locals live across a wait, so both become members: buffer_, and
// writer_, a pointer to buffer_, set on the first poll. A pointer from an
// object into itself is right only as long as the object stays where it is.
// C++ lets this class be moved (the compiler writes a member-wise move for
// it): the moved-to object's writer_ still points at the *old* object's
// buffer_, and once the old object is gone, the next poll writes into freed
// memory. f-moved-state-machine shows it; g-pin takes the move away.
#pragma once

#include <string>
#include <variant>

#include "countdown.hpp"
#include "future.hpp"

namespace example {

class WriteLines : public async::Future<std::string> {
 public:
  async::PollState<std::string> poll() override {
    for (;;) {
      if (std::holds_alternative<Start>(state_)) {
        writer_ = &buffer_;  // std::string& writer = buffer;
        *writer_ += "first line\n";
        state_ = Wait1{async::countdown(1)};
      } else if (auto* wait1 = std::get_if<Wait1>(&state_)) {
        if (!wait1->future->poll().is_ready()) return async::NotReady{};
        *writer_ += "second line\n";  // through the pointer: wherever it points now
        state_ = Wait2{async::countdown(1)};
      } else if (auto* wait2 = std::get_if<Wait2>(&state_)) {
        if (!wait2->future->poll().is_ready()) return async::NotReady{};
        *writer_ += "third line\n";
        state_ = Resolved{};
        return async::Ready{std::move(buffer_)};
      } else {
        throw async::FuturePolledAfterReady("WriteLines");
      }
    }
  }

  // For the printout and the tests: where this object's buffer_ is, and
  // where its writer_ points (nullptr before the first poll).
  [[nodiscard]] const std::string* buffer_address() const { return &buffer_; }
  [[nodiscard]] const std::string* writer_target() const { return writer_; }

 private:
  struct Start {};
  struct Wait1 {
    async::FuturePtr<void> future;
  };
  struct Wait2 {
    async::FuturePtr<void> future;
  };
  struct Resolved {};

  std::variant<Start, Wait1, Wait2, Resolved> state_;
  std::string buffer_;
  std::string* writer_ = nullptr;
};

}  // namespace example
