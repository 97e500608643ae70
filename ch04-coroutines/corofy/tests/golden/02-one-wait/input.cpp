// One wait: states Start and Wait1. The output of the child future goes
// into a local that is used in the same step, so it stays a local.
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden02 {

std::vector<std::string> events;

coroutine void greet(std::string name) {
  events.push_back("asking");
  std::string reply = async::countdown(2, "hello " + name).wait;
  events.push_back(reply);
}

}  // namespace golden02
