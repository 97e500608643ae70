// Several coroutines in one file, in nested namespaces: a declaration first
// (it becomes the declaration of the function), a static coroutine, and one
// coroutine that waits on the others, collected in a vector and joined.
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"
#include "join_all.hpp"

namespace golden09::inner {

coroutine int square(int n);

static coroutine int square_later(int n) {
  int result = square(n).wait;
  return result;
}

coroutine int sum_of_squares(int count) {
  std::vector<async::FuturePtr<int>> parts;
  for (int i = 1; i <= count; ++i) parts.push_back(square_later(i));
  std::vector<int> squares = async::join_all(std::move(parts)).wait;
  int sum = 0;
  for (int s : squares) sum += s;
  return sum;
}

coroutine int square(int n) {
  int same = async::countdown(n, n).wait;
  return same * n;
}

}  // namespace golden09::inner
