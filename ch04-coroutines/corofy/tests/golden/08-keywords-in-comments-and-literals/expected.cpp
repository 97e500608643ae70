// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// The words corofy rewrites, where they are not code: a coroutine comment
// and x.wait; in comments, strings, raw strings and character literals.
// None of them starts a coroutine or a wait. A member function called wait()
// is an ordinary call, and 1'000 is a number, not a character literal.
#include <string>

#include "countdown.hpp"
#include "future.hpp"

namespace golden08 {

struct Gate {
  int opened = 0;
  void wait() { ++opened; }
};

/* coroutine void not_me() { later().wait; } */
const char* const kText = "coroutine void f() { x.wait; }";
const char kDot = '.';

// corofy rewrote the coroutine `keywords` (input.cpp:21) into the state machine
// KeywordsCoroutine, with the states Start, Wait1, Resolved, and the function
// keywords() that creates it. As written:
//
//   coroutine std::string keywords(Gate* gate) {
//     gate->wait();  // coroutine, .wait; in a comment
//     Gate own;
//     own.wait();
//     gate->opened += own.opened;
//     std::string raw = R"x(
//     coroutine void f() {
//       g().wait; }  "not a string end
//   )x";
//     std::string said = async::countdown(1'000 / 1'000, std::string("x.wait;")).wait;
//     return said + kDot + raw + kText + /* .wait; */ std::to_string(1'000);
//   }
//

namespace {

class KeywordsCoroutine final : public async::Future<std::string> {
 public:
  explicit KeywordsCoroutine(Gate* gate)
      : gate(std::move(gate)) {}
  // It never moves: the code may keep pointers to its members.
  KeywordsCoroutine(const KeywordsCoroutine&) = delete;
  KeywordsCoroutine& operator=(const KeywordsCoroutine&) = delete;

  async::PollState<std::string> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:22-29
          gate->wait();  // coroutine, .wait; in a comment
          Gate own;
          own.wait();
          gate->opened += own.opened;
          raw = R"x(
  coroutine void f() {
    g().wait; }  "not a string end
)x";
          // input.cpp:30, the wait begins: std::string said = async::countdown(1'000 / 1'000, std::string("x.wait;")).wait;
          wait1_ = async::countdown(1'000 / 1'000, std::string("x.wait;"));
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:30, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          std::string said = std::move(polled).value();
          // input.cpp:31
          return resolve_(said + kDot + raw + kText + /* .wait; */ std::to_string(1'000));
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine keywords");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<std::string> resolve_(std::string value) {
    state_ = State::Resolved;
    return async::Ready<std::string>{std::move(value)};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  Gate* gate;
  // The locals that live across a wait.
  std::string raw{};  // input.cpp:26, used at line 31
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // input.cpp:30
};

}  // namespace

[[nodiscard]] async::FuturePtr<std::string> keywords(Gate* gate) {
  return std::make_unique<KeywordsCoroutine>(std::move(gate));
}

}  // namespace golden08
