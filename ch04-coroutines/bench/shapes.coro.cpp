// Five coroutine shapes for corofy (rewritten at build time); the same five
// are written with co_await in coroutine_sizes.cpp. The children are
// async::countdown futures: what is measured is the waiting coroutine
// itself, not the futures it waits on (each is a heap object of its own,
// in both versions).
#include "shapes.hpp"

#include <string>

#include "countdown.hpp"
#include "future.hpp"

namespace shapes {

coroutine int zero(int n) {
  return n + 1;
}

coroutine int one(int n) {
  int a = async::countdown(1, n).wait;
  return a + 1;
}

coroutine int two(int n) {
  int a = async::countdown(1, n).wait;
  int b = async::countdown(1, a).wait;
  return b + 1;
}

coroutine int four(int n) {
  int a = async::countdown(1, n).wait;
  int b = async::countdown(1, a).wait;
  int c = async::countdown(1, b).wait;
  int d = async::countdown(1, c).wait;
  return d + 1;
}

coroutine std::size_t four_with_strings(std::string path) {
  std::string first = async::countdown(1, path + "1").wait;
  std::string second = async::countdown(1, path + "2").wait;
  int c = async::countdown(1, 3).wait;
  int d = async::countdown(1, 4).wait;
  return first.size() + second.size() + static_cast<std::size_t>(c + d);
}

std::size_t no_wait() { return sizeof(ZeroCoroutine); }
std::size_t one_wait() { return sizeof(OneCoroutine); }
std::size_t two_waits() { return sizeof(TwoCoroutine); }
std::size_t four_waits() { return sizeof(FourCoroutine); }
std::size_t four_waits_two_strings_across() { return sizeof(FourWithStringsCoroutine); }

}  // namespace shapes
