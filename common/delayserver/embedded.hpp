// The delay server inside another program: its own thread, an ephemeral port
// by default, stopped and joined by the destructor. Tests and benchmarks use
// it so that nothing needs a server started by hand.
#pragma once

#include <memory>

#include "common/server_address.hpp"
#include "server.hpp"

namespace delayserver {

class EmbeddedServer {
 public:
  // Quiet, on 127.0.0.1 and a port the kernel picks, unless `options` say otherwise.
  explicit EmbeddedServer(Options options = quiet_ephemeral());
  ~EmbeddedServer();  // stops the server, joins its thread
  EmbeddedServer(const EmbeddedServer&) = delete;
  EmbeddedServer& operator=(const EmbeddedServer&) = delete;

  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] common::ServerAddress address() const;  // 127.0.0.1:port
  [[nodiscard]] const Stats& stats() const;

  static Options quiet_ephemeral();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace delayserver
