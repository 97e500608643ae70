// Http::get and HttpGetFuture: the leaf future of this chapter.
//
// A leaf future does real work: HttpGetFuture owns a socket and talks to the
// delay server through it. Nothing happens when it is created. Its polls:
//
//   poll 1      connect to the server (the first poll is where the work
//               starts), make the socket non-blocking, write the GET
//               request -> NotReady
//               CHANGED (ch06): and register the socket with the reactor
//               (readable, edge-triggered, Token = an id from the
//               reactor's next_id()), after handing it the waker
//   poll 2..n   CHANGED (ch06): hand the reactor this poll's waker
//               (set_waker: the latest wins), then read what has arrived;
//               read(2) says EAGAIN -> NotReady
//   poll n+1    read(2) returns 0 (EOF: the server closed the connection
//               after its response, as `Connection: close` asked)
//               -> Ready(the whole response: status line, headers, body)
//               deregister the socket (and its waker), then close it
//
// CHANGED (ch06): the socket is registered with async::reactor(), the global
// Reactor, whose own thread waits in epoll_wait and, when the socket has
// news, wakes the waker we left with it. The executor that polls us knows
// nothing about sockets. Polled with no Reactor in existence, the first poll
// throws async::NoReactor and connects nothing. With the edge trigger, every
// poll reads until EAGAIN (epoll(7)): data left in the socket would raise no
// new event.
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

namespace async {

class HttpGetFuture final : public Future<std::string> {
 public:
  // How much one read(2) asks for. A response longer than this takes several
  // reads, and possibly several polls.
  static constexpr std::size_t kReadChunk = 4096;

  // Remembers what to fetch and from where; opens nothing and needs no
  // reactor yet. CHANGED (ch06): the id comes from the reactor at the first poll.
  HttpGetFuture(std::string path, common::ServerAddress server);
  // A future destroyed while registered deregisters its socket from the
  // reactor it registered with, if that reactor still exists.
  ~HttpGetFuture() override;
  HttpGetFuture(const HttpGetFuture&) = delete;
  HttpGetFuture& operator=(const HttpGetFuture&) = delete;

  PollState<std::string> poll(const Waker& waker) override;  // CHANGED (ch06): the waker

  // CHANGED (ch06): the reactor's id for this future (0 before the first poll).
  [[nodiscard]] std::size_t id() const { return id_; }
  // Whether its socket is registered with a reactor right now.
  [[nodiscard]] bool registered() const { return registered_with_ != 0; }

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const common::ServerAddress& server() const { return server_; }

 private:
  enum class Stage { Start, Writing, Reading, Done };

  void start();              // first poll: connect, O_NONBLOCK
  [[nodiscard]] bool write_some();  // true once the whole request is sent
  [[nodiscard]] bool read_some();   // true at EOF
  [[noreturn]] void fail(int error, const char* call) const;
  void deregister();         // from the reactor, if registered

  std::string path_;
  common::ServerAddress server_;
  Stage stage_ = Stage::Start;
  common::UniqueFd stream_;
  std::string request_;
  std::size_t written_ = 0;
  std::string response_;
  std::size_t id_ = 0;                 // CHANGED (ch06): from the reactor's next_id()
  std::uint64_t registered_with_ = 0;  // CHANGED (ch06): the Reactor's instance(); 0: not registered
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
