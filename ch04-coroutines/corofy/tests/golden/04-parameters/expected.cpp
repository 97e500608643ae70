// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// Parameters of several kinds all become members: a string, a number, a
// template type with a comma in it, a move-only type, a pointer (the caller
// promises what it points at outlives the future), a const value, and one
// with a default argument, which stays on the function.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden04 {

// corofy rewrote the coroutine `describe` (input.cpp:15) into the state machine
// DescribeCoroutine, with the states Start, Wait1, Resolved, and the function
// describe() that creates it. As written:
//
//   coroutine std::string describe(std::string name, int count, std::vector<int> values,
//                                  std::map<std::string, int> table, std::unique_ptr<int> owned,
//                                  const int* seen, const char separator, double scale = 2.0) {
//     int doubled = async::countdown(1, count * 2).wait;
//     std::string text = name + separator + std::to_string(doubled) + separator;
//     text += std::to_string(values.size()) + separator + std::to_string(table.at(name)) + separator;
//     text += std::to_string(*owned + *seen) + separator + std::to_string(static_cast<int>(scale * 10));
//     return text;
//   }
//

namespace {

class DescribeCoroutine final : public async::Future<std::string> {
 public:
  explicit DescribeCoroutine(std::string name, int count, std::vector<int> values, std::map<std::string, int> table, std::unique_ptr<int> owned, const int* seen, const char separator, double scale)
      : name(std::move(name)), count(std::move(count)), values(std::move(values)), table(std::move(table)), owned(std::move(owned)), seen(std::move(seen)), separator(std::move(separator)), scale(std::move(scale)) {}
  // It never moves: the code may keep pointers to its members.
  DescribeCoroutine(const DescribeCoroutine&) = delete;
  DescribeCoroutine& operator=(const DescribeCoroutine&) = delete;

  async::PollState<std::string> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:18, the wait begins: int doubled = async::countdown(1, count * 2).wait;
          wait1_ = async::countdown(1, count * 2);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:18, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          int doubled = std::move(polled).value();
          // input.cpp:19-22
          std::string text = name + separator + std::to_string(doubled) + separator;
          text += std::to_string(values.size()) + separator + std::to_string(table.at(name)) + separator;
          text += std::to_string(*owned + *seen) + separator + std::to_string(static_cast<int>(scale * 10));
          return resolve_(text);
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine describe");
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
  std::string name;
  int count;
  std::vector<int> values;
  std::map<std::string, int> table;
  std::unique_ptr<int> owned;
  const int* seen;
  const char separator;
  double scale;
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<int> wait1_;  // input.cpp:18
};

}  // namespace

[[nodiscard]] async::FuturePtr<std::string> describe(std::string name, int count, std::vector<int> values,
                               std::map<std::string, int> table, std::unique_ptr<int> owned,
                               const int* seen, const char separator, double scale = 2.0) {
  return std::make_unique<DescribeCoroutine>(std::move(name), std::move(count), std::move(values), std::move(table), std::move(owned), std::move(seen), std::move(separator), std::move(scale));
}

}  // namespace golden04
