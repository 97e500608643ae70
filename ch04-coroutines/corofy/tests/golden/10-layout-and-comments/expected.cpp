// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// Your layout survives: comments above and beside statements, statements
// over several lines, a wait whose expression spans lines, blank lines, a
// nested block without waits, and comments after the last statement.
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden10 {

// corofy rewrote the coroutine `layout` (input.cpp:12) into the state machine
// LayoutCoroutine, with the states Start, Wait1, Resolved, and the function
// layout() that creates it. As written:
//
//   coroutine std::vector<std::string> layout(std::string who) {
//       // An indented body (four spaces) is re-indented to fit its state.
//       std::vector<std::string> lines;  // lives across the wait
//
//       {
//           std::string scratch = "scoped " + who;  // a block without waits
//           lines.push_back(scratch);
//       }
//       std::string answer =
//           async::countdown(1,
//                            std::string("multi-line")).wait;
//       lines.push_back(
//           answer);
//
//       // After the last statement: a comment that ends the body.
//       return lines;
//       // And one after the return.
//   }
//

namespace {

class LayoutCoroutine final : public async::Future<std::vector<std::string>> {
 public:
  explicit LayoutCoroutine(std::string who)
      : who(std::move(who)) {}
  // It never moves: the code may keep pointers to its members.
  LayoutCoroutine(const LayoutCoroutine&) = delete;
  LayoutCoroutine& operator=(const LayoutCoroutine&) = delete;

  async::PollState<std::vector<std::string>> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:14-19
          // An indented body (four spaces) is re-indented to fit its state.
          lines = std::vector<std::string>{};  // lives across the wait

          {
              std::string scratch = "scoped " + who;  // a block without waits
              lines.push_back(scratch);
          }
          // input.cpp:20, the wait begins: std::string answer = async::countdown(1, std::string("multi-line")).wait;
          wait1_ = async::countdown(1,
                                    std::string("multi-line"));
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:20, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          std::string answer = std::move(polled).value();
          // input.cpp:23-27
          lines.push_back(
              answer);

          // After the last statement: a comment that ends the body.
          return resolve_(std::move(lines));
          // And one after the return.
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine layout");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<std::vector<std::string>> resolve_(std::vector<std::string> value) {
    state_ = State::Resolved;
    return async::Ready<std::vector<std::string>>{std::move(value)};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::string who;
  // The locals that live across a wait.
  std::vector<std::string> lines{};  // input.cpp:14, used at line 23
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // input.cpp:22
};

}  // namespace

[[nodiscard]] async::FuturePtr<std::vector<std::string>> layout(std::string who) {
  return std::make_unique<LayoutCoroutine>(std::move(who));
}

}  // namespace golden10
