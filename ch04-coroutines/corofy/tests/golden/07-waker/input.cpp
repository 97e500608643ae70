// The Waker flavour (corofy --waker), for chapter 6's Future: poll() takes
// the waker and hands it to every child it polls.
#include <string>

#include "waker_future.hpp"

namespace golden07 {

coroutine std::string two_parts(std::string first, std::string second) {
  std::string a = fake::after(1, first).wait;
  std::string b = fake::after(2, second).wait;
  return a + b;
}

}  // namespace golden07
