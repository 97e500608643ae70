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

coroutine std::string describe(std::string name, int count, std::vector<int> values,
                               std::map<std::string, int> table, std::unique_ptr<int> owned,
                               const int* seen, const char separator, double scale = 2.0) {
  int doubled = async::countdown(1, count * 2).wait;
  std::string text = name + separator + std::to_string(doubled) + separator;
  text += std::to_string(values.size()) + separator + std::to_string(table.at(name)) + separator;
  text += std::to_string(*owned + *seen) + separator + std::to_string(static_cast<int>(scale * 10));
  return text;
}

}  // namespace golden04
