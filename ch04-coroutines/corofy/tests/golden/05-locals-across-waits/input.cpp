// Locals that live across a wait become members of the state machine, each
// declared with the type written here; their declarations become
// assignments. Unlike the book's corofy, their values survive the wait.
// `later` is declared with auto, which is fine: it is used in its own step only.
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden05 {

coroutine int sum_of_locals() {
  std::string text = "ab";
  std::vector<int> numbers{1, 2};
  std::string stars(3, '*');
  int counted;
  const int base = 100;
  counted = static_cast<int>(text.size());
  int got = async::countdown(1, 5).wait;
  numbers.push_back(got);
  auto later = static_cast<int>(stars.size());
  return base + counted + later + numbers[0] + numbers[1] + numbers[2];
}

}  // namespace golden05
