// Rewritten by corofy at build time (corofy_sources in CMakeLists.txt).
#include "lengths.hpp"

#include "common/http.hpp"
#include "http.hpp"

namespace exercise {

coroutine std::size_t total_length(std::string first_path, std::string second_path) {
  std::string first = async::Http::get(first_path).wait;
  // Used after the next wait: corofy keeps it in the state machine.
  std::size_t length = common::split_response(first).body.size();
  std::string second = async::Http::get(second_path).wait;
  return length + common::split_response(second).body.size();
}

}  // namespace exercise
