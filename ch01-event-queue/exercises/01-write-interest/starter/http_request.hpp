// One GET driven entirely by events, the connect included. See README.md.
#pragma once

#include <cstddef>
#include <string>

#include "common/fd.hpp"
#include "common/server_address.hpp"
#include "evq.hpp"

namespace exercise {

class HttpRequest {
 public:
  enum class State { connecting, writing, reading, done };

  // Opens a non-blocking socket, starts connecting to `endpoint` and
  // registers the socket for WRITABLE with `token`. Never blocks, and never
  // throws because nobody answers: a refused connection ends the request
  // (done, error() set). Throws std::system_error for anything else.
  HttpRequest(const evq::Registry& registry, evq::Token token, const common::Endpoint& endpoint,
              std::string request);

  // Handles one event carrying this request's token.
  void on_event(const evq::Event& event);

  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] bool done() const { return state_ == State::done; }
  // 0, or the errno that ended the request (ECONNREFUSED, ECONNRESET...).
  [[nodiscard]] int error() const { return error_; }
  [[nodiscard]] const std::string& response() const { return response_; }
  [[nodiscard]] std::size_t bytes_written() const { return written_; }
  [[nodiscard]] int fd() const { return socket_.get(); }

 private:
  void finish(int error);
  void on_writable();
  void on_readable();

  const evq::Registry* registry_;
  evq::Token token_;
  common::UniqueFd socket_;
  std::string request_;
  std::size_t written_ = 0;
  std::string response_;
  State state_ = State::connecting;
  int error_ = 0;
};

}  // namespace exercise
