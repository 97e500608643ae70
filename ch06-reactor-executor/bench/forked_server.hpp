// ForkedServer: the delay server in a child process, so that the
// benchmark's own memory and CPU figures are the runtime's alone (the
// method of common/bench/delayserver_load.cpp). Make it before any thread
// exists: fork() copies only the calling thread.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>

#include "common/syscall.hpp"
#include "delayserver/embedded.hpp"
#include "delayserver/server.hpp"

namespace bench {

class ForkedServer {
 public:
  ForkedServer() {
    int port_pipe[2];
    int stop_pipe[2];
    common::check(::pipe(port_pipe), "pipe");
    common::check(::pipe(stop_pipe), "pipe");
    child_ = common::check(::fork(), "fork");
    if (child_ == 0) {
      ::close(port_pipe[0]);
      ::close(stop_pipe[1]);
      delayserver::raise_open_file_limit();
      {
        delayserver::EmbeddedServer server;  // quiet, 127.0.0.1, ephemeral port
        const std::uint16_t port = server.port();
        if (::write(port_pipe[1], &port, sizeof port) != sizeof port) _exit(3);
        char byte = 0;
        while (::read(stop_pipe[0], &byte, 1) > 0) {}  // until the parent closes its end (EOF)
      }
      _exit(0);
    }
    ::close(port_pipe[1]);
    ::close(stop_pipe[0]);
    stop_ = stop_pipe[1];
    if (::read(port_pipe[0], &port_, sizeof port_) != sizeof port_) common::throw_error(EIO, "read(port)");
    ::close(port_pipe[0]);
  }
  ~ForkedServer() {
    ::close(stop_);  // EOF in the child: the server stops
    int status = 0;
    ::waitpid(child_, &status, 0);
  }
  ForkedServer(const ForkedServer&) = delete;
  ForkedServer& operator=(const ForkedServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }

 private:
  pid_t child_ = -1;
  int stop_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace bench
