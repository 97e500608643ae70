// WRONG: adds the lengths of the whole responses (status line and headers too) instead of the bodies. Caught by: total_length adds the lengths of the two bodies
// Rewritten by corofy at build time (corofy_sources in CMakeLists.txt).
#include "lengths.hpp"

#include "common/http.hpp"
#include "http.hpp"

namespace exercise {

coroutine std::size_t total_length(std::string first_path, std::string second_path) {
  std::string first = async::Http::get(first_path).wait;
  // Used after the next wait: corofy keeps it in the state machine.
  std::size_t length = first.size();
  std::string second = async::Http::get(second_path).wait;
  return length + second.size();
}

}  // namespace exercise
