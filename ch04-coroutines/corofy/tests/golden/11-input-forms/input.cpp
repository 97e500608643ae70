// A file as some editors save it: a UTF-8 byte-order mark first (it stays at
// the very start of the output, before the banner), a macro continued over
// two lines, and a coroutine in a nested inline namespace.
#include <string>

#include "countdown.hpp"
#include "future.hpp"

#define GOLDEN11_GREETING(name) \
  ("hello " + std::string(name))

namespace golden11::inline v1 {

coroutine std::string greet(std::string name) {
  std::string reply = async::countdown(1, GOLDEN11_GREETING(name)).wait;
  return reply + "!";
}

}  // namespace golden11::inline v1
