// Http::get and HttpGetFuture: the leaf future of this chapter.
//
// A leaf future does real work: HttpGetFuture owns a socket and talks to the
// delay server through it. Nothing happens when it is created. Its polls:
//
//   poll 1      connect to the server (the first poll is where the work
//               starts), make the socket non-blocking, write the GET
//               request -> NotReady
//               CHANGED (ch05): and register the socket with the runtime's
//               registry (readable, edge-triggered, Token = this future's id)
//   poll 2..n   read what has arrived; read(2) says EAGAIN -> NotReady
//   poll n+1    read(2) returns 0 (EOF: the server closed the connection
//               after its response, as `Connection: close` asked)
//               -> Ready(the whole response: status line, headers, body)
//               CHANGED (ch05): deregister the socket, then close it
//
// NEW (ch05): the socket is registered with async::registry(), the global
// registry of the Runtime that runs us, so that the runtime sleeps until the
// response arrives instead of polling in a circle. Polled with no Runtime in
// existence, the first poll throws async::NoRuntime and connects nothing.
// With the edge trigger, every poll reads until EAGAIN (epoll(7)): data left
// in the socket would raise no new event.
//
// Errors are exceptions the caller can catch:
//   - nothing listening at the server's address: common::ServerUnreachable
//     ("cannot reach the delay server at 127.0.0.1:8080: Connection refused");
//   - the server resets the connection: std::system_error with ECONNRESET
//     ("read(GET /500/hi from 127.0.0.1:8080): Connection reset by peer");
//   - EINTR (a signal arrived during a call) is retried, never an error.
//
// NB! The connect itself is blocking, as in the book: on loopback it takes
// microseconds, but against a distant server it would stall every other
// future for a round trip. A non-blocking connect (EINPROGRESS, then wait for
// writability and read SO_ERROR) is the fix; see connect(2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/fd.hpp"
#include "common/server_address.hpp"
#include "future.hpp"
#include "token.hpp"  // NEW (ch05)

namespace async {

class HttpGetFuture final : public Future<std::string> {
 public:
  // How much one read(2) asks for. A response longer than this takes several
  // reads, and possibly several polls.
  static constexpr std::size_t kReadChunk = 4096;

  // Remembers what to fetch and from where, and takes its id (next_id());
  // opens nothing and needs no runtime yet.
  HttpGetFuture(std::string path, common::ServerAddress server);
  // NEW (ch05): a future destroyed while registered deregisters its socket
  // from the runtime it registered with, if that runtime still exists.
  ~HttpGetFuture() override;
  HttpGetFuture(const HttpGetFuture&) = delete;
  HttpGetFuture& operator=(const HttpGetFuture&) = delete;

  PollState<std::string> poll() override;

  // NEW (ch05): the Token this future registers its socket with.
  [[nodiscard]] evq::Token token() const { return token_; }
  // NEW (ch05): whether its socket is registered with a runtime right now.
  [[nodiscard]] bool registered() const { return registered_with_ != 0; }

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const common::ServerAddress& server() const { return server_; }

 private:
  enum class Stage { Start, Writing, Reading, Done };

  void start();              // first poll: connect, O_NONBLOCK
  [[nodiscard]] bool write_some();  // true once the whole request is sent
  [[nodiscard]] bool read_some();   // true at EOF
  [[noreturn]] void fail(int error, const char* call) const;
  void deregister();         // NEW (ch05): DEL from the registry, if registered

  std::string path_;
  common::ServerAddress server_;
  Stage stage_ = Stage::Start;
  common::UniqueFd stream_;
  std::string request_;
  std::size_t written_ = 0;
  std::string response_;
  evq::Token token_;                  // NEW (ch05): from next_id(), one per future
  std::uint64_t registered_with_ = 0;  // NEW (ch05): the Registry's runtime_id(); 0: not registered
};

// The book's `Http` namespace-like type, plus where the server is.
class Http {
 public:
  // A future that GETs `path` from the server set below. Does nothing until
  // polled. The server is read now: set_server later does not redirect it.
  [[nodiscard]] static FuturePtr<std::string> get(std::string path);

  // Where every later get() connects. Process-wide: examples set it from
  // their --server option, tests point it at their embedded server.
  static void set_server(common::ServerAddress address);

  // The server set above, or common::default_server_address() ($DELAYSERVER,
  // else 127.0.0.1:8080) when none was set.
  [[nodiscard]] static common::ServerAddress server();
};

}  // namespace async
