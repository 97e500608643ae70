#include "three_gets.hpp"

#include <stdexcept>
#include <utility>

#include "common/http.hpp"
#include "http.hpp"

namespace exercise {

ThreeGets::ThreeGets(std::string first, std::string second, std::string third)
    : first_(std::move(first)), second_(std::move(second)), third_(std::move(third)) {}

async::PollState<std::string> ThreeGets::poll() {
  // TODO: loop over the states. Start creates the first GET and moves to
  // Wait1; each WaitN polls its GET, returns NotReady while it is NotReady,
  // and on Ready keeps the body (common::split_response(raw).body) and moves
  // on; Wait3 returns Ready("a b c"). Resolved throws FuturePolledAfterReady.
  throw std::logic_error("exercise 01: ThreeGets::poll is not written yet");
}

std::string_view ThreeGets::state_name() const {
  // TODO: the name of the current state.
  return "Start";
}

}  // namespace exercise
