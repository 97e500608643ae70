// Three waits in the three forms corofy knows: a declaration that receives
// the output, a statement that waits for a Future<void>, and an assignment
// to a variable declared earlier (which therefore lives across the waits).
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden03 {

coroutine void three_steps(std::vector<std::string>* log) {
  log->push_back("start");
  std::string word = async::countdown(1, std::string("one")).wait;
  log->push_back(word);
  async::countdown(2).wait;
  log->push_back("after the void wait");
  word = async::countdown(0, std::string("two")).wait;
  log->push_back(word);
}

}  // namespace golden03
