// Reading a stream level-triggered and one-shot: one read per wakeup,
// re-armed by hand. See README.md.
#pragma once

#include <cstddef>
#include <string>

#include "evq.hpp"

namespace exercise {

class OneshotReader {
 public:
  // Registers the non-blocking `fd` (not owned) for READABLE with `token`,
  // level-triggered and one-shot. Reads at most `chunk` bytes per wakeup.
  OneshotReader(const evq::Registry& registry, int fd, evq::Token token, std::size_t chunk);

  // One wakeup: exactly one read() of at most `chunk` bytes. Unless that
  // read found EOF, re-arms the registration so the next poll reports the
  // stream again if bytes are still waiting. Returns done().
  bool on_event(const evq::Event& event);

  [[nodiscard]] bool done() const { return done_; }
  [[nodiscard]] const std::string& data() const { return data_; }
  [[nodiscard]] int reads() const { return reads_; }  // read() calls made

 private:
  const evq::Registry* registry_;
  int fd_;
  evq::Token token_;
  std::size_t chunk_;
  std::string data_;
  int reads_ = 0;
  bool done_ = false;
};

}  // namespace exercise
