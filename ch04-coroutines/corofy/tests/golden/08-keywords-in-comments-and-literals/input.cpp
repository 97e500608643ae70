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

coroutine std::string keywords(Gate* gate) {
  gate->wait();  // coroutine, .wait; in a comment
  Gate own;
  own.wait();
  gate->opened += own.opened;
  std::string raw = R"x(
  coroutine void f() {
    g().wait; }  "not a string end
)x";
  std::string said = async::countdown(1'000 / 1'000, std::string("x.wait;")).wait;
  return said + kDot + raw + kText + /* .wait; */ std::to_string(1'000);
}

}  // namespace golden08
