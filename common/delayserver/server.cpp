#include "server.hpp"

#include <sys/resource.h>

#include <asio.hpp>
#include <iostream>
#include <list>

#include "common/syscall.hpp"

namespace delayserver {

using asio::ip::tcp;

namespace {
// After an error reply we stop sending, then read and discard what the client
// is still sending for up to this long before closing. Closing a socket with
// unread input makes the kernel send RST, which can destroy the reply before
// the client reads it (the "lingering close" of RFC 9112 §9.6).
constexpr std::chrono::milliseconds kLinger{1000};
constexpr std::size_t kReadChunk = 1024;
}  // namespace

struct Connection;

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(asio::io_context& io, Options opts) : io(io), options(std::move(opts)), acceptor(io), retry(io) {}

  asio::io_context& io;
  Options options;
  tcp::acceptor acceptor;
  asio::steady_timer retry;  // backs off when accept fails for lack of descriptors
  Stats stats;
  std::list<Connection*> connections;
  bool stopped = false;

  std::ostream& log() { return options.log != nullptr ? *options.log : std::cout; }
  void accept();
  void serve(tcp::socket socket);
};

// One client. Owned by the handlers in flight (shared_from_this); the server
// keeps a raw pointer only to close it on stop().
struct Connection : std::enable_shared_from_this<Connection> {
  enum class State { ReadingHead, Delaying, Writing, Lingering, Closed };

  Connection(std::shared_ptr<Server::Impl> owner, tcp::socket socket)
      : owner(std::move(owner)), server(*this->owner), socket(std::move(socket)), head_timer(server.io),
        delay_timer(server.io) {
    self_in_list = server.connections.insert(server.connections.end(), this);
    ++server.stats.open_connections;
  }
  ~Connection() {
    server.connections.erase(self_in_list);
    --server.stats.open_connections;
  }

  void start() {
    arm_head_timer();
    read();
  }

  void arm_head_timer() {
    head_timer.expires_after(server.options.request_timeout);
    head_timer.async_wait([self = shared_from_this()](std::error_code ec) {
      if (!ec && self->state == State::ReadingHead) self->close();  // too slow: disconnect
    });
  }

  // One read outstanding at a time, in every state: in ReadingHead it brings
  // the request; while Delaying it notices a client that goes away (EOF), so
  // its timer is cancelled at once; in Lingering it discards input.
  void read() {
    if (reading || state == State::Closed) return;
    if (state != State::Lingering && received.size() > server.options.limits.max_head * 2) {
      return;  // a client pipelining ahead of us: stop reading until we catch up
    }
    reading = true;
    socket.async_read_some(asio::buffer(chunk), [self = shared_from_this()](std::error_code ec, std::size_t n) {
      self->reading = false;
      self->on_read(ec, n);
    });
  }

  void on_read(std::error_code ec, std::size_t n) {
    if (state == State::Closed) return;
    if (ec == asio::error::eof && state == State::ReadingHead && !received.empty()) {
      // Half-closed in the middle of a request: it can still read our answer.
      reject(Rejection{400, "incomplete request: the client stopped sending before the end of the head"});
      return;
    }
    if (ec) {  // EOF or reset: the client is gone
      close();
      return;
    }
    if (state == State::Lingering) {
      read();
      return;
    }
    received.append(chunk.data(), n);
    if (state == State::ReadingHead) {
      process();
    } else {
      read();
    }
  }

  // Acts on the bytes received: a complete head starts a delay, a rejected one
  // gets its status, an incomplete one waits for more.
  void process() {
    const HeadScan scan = scan_head(received, server.options.limits);
    if (std::holds_alternative<Incomplete>(scan)) {
      read();
      return;
    }
    if (auto* rejection = std::get_if<Rejection>(&scan)) {
      reject(*rejection);
      return;
    }
    const std::size_t length = std::get<HeadComplete>(scan).length;
    auto parsed = parse_head(std::string_view(received).substr(0, length), server.options.limits);
    received.erase(0, length);
    if (auto* rejection = std::get_if<Rejection>(&parsed)) {
      reject(*rejection);
      return;
    }
    auto& request = std::get<DelayRequest>(parsed);
    const auto n = ++server.stats.requests;
    if (!server.options.quiet) {
      server.log() << "#" << n << " - " << request.delay_ms << "ms: " << request.message << std::endl;
    }
    keep_alive = request.keep_alive;
    body = std::move(request.message);
    state = State::Delaying;
    head_timer.cancel();
    ++server.stats.pending_delays;
    delay_timer.expires_after(std::chrono::milliseconds(request.delay_ms));
    delay_timer.async_wait([self = shared_from_this()](std::error_code wait_ec) {
      --self->server.stats.pending_delays;
      if (!wait_ec && self->state == State::Delaying) self->respond();
    });
    read();
  }

  void respond() {
    state = State::Writing;
    out = format_response(200, body, !keep_alive);
    asio::async_write(socket, asio::buffer(out), [self = shared_from_this()](std::error_code ec, std::size_t) {
      if (self->state == State::Closed) return;
      if (ec) {
        self->close();
        return;
      }
      ++self->server.stats.responses;
      if (!self->keep_alive) {
        self->finish();
        return;
      }
      self->state = State::ReadingHead;  // keep-alive: the next request may already be here
      self->arm_head_timer();
      self->process();
    });
  }

  void reject(const Rejection& rejection) {
    state = State::Writing;
    head_timer.cancel();
    out = format_response(rejection.status, rejection.reason + "\n", true);
    asio::async_write(socket, asio::buffer(out), [self = shared_from_this()](std::error_code ec, std::size_t) {
      if (self->state == State::Closed) return;
      ++self->server.stats.rejections;
      if (ec) {
        self->close();
      } else {
        self->finish();
      }
    });
  }

  // Half-close after the last response, then drain until the client closes
  // too or kLinger passes.
  void finish() {
    std::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    state = State::Lingering;
    received.clear();
    received.shrink_to_fit();
    head_timer.expires_after(kLinger);
    head_timer.async_wait([self = shared_from_this()](std::error_code ec) {
      if (!ec) self->close();
    });
    read();
  }

  void close() {
    if (state == State::Closed) return;
    state = State::Closed;
    head_timer.cancel();
    delay_timer.cancel();  // a client that left early: its timer goes now, not after the delay
    std::error_code ignored;
    socket.close(ignored);
  }

  std::shared_ptr<Server::Impl> owner;
  Server::Impl& server;
  tcp::socket socket;
  asio::steady_timer head_timer;
  asio::steady_timer delay_timer;
  std::list<Connection*>::iterator self_in_list;
  State state = State::ReadingHead;
  bool reading = false;
  bool keep_alive = true;
  std::array<char, kReadChunk> chunk{};
  std::string received;
  std::string body;
  std::string out;
};

void Server::Impl::accept() {
  acceptor.async_accept([this, self = shared_from_this()](std::error_code ec, tcp::socket socket) {
    if (stopped || ec == asio::error::operation_aborted) return;
    if (ec) {
      // EMFILE/ENFILE: out of descriptors. Say so and retry shortly instead of
      // spinning; existing connections finishing will free some.
      if (!options.quiet) log() << "accept failed: " << ec.message() << "; retrying" << std::endl;
      retry.expires_after(std::chrono::milliseconds(100));
      retry.async_wait([this, self](std::error_code wait_ec) {
        if (!wait_ec && !stopped) accept();
      });
      return;
    }
    serve(std::move(socket));
    // Drain the rest of the accept queue now, without a trip through the
    // event loop per connection: under a burst of connects, a queue that is
    // emptied one accept per loop turn overflows its backlog, and the kernel
    // drops SYNs that then wait a full second to be retransmitted.
    for (;;) {
      tcp::socket next(io);
      std::error_code accept_ec;
      acceptor.accept(next, accept_ec);  // the acceptor is non-blocking
      if (accept_ec) break;                // would_block: the queue is empty
      serve(std::move(next));
    }
    accept();
  });
}

void Server::Impl::serve(tcp::socket socket) {
  std::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  std::make_shared<Connection>(shared_from_this(), std::move(socket))->start();
}

Server::Server(asio::io_context& io, Options options) : impl_(std::make_shared<Impl>(io, std::move(options))) {
  const tcp::endpoint endpoint(asio::ip::make_address(impl_->options.bind), impl_->options.port);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  impl_->acceptor.non_blocking(true);
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->accept();
}

Server::~Server() { stop(); }

std::uint16_t Server::port() const { return port_; }

const Stats& Server::stats() const { return impl_->stats; }

void Server::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  std::error_code ignored;
  impl_->acceptor.close(ignored);
  impl_->retry.cancel();
  // close() only cancels; the connections die when their handlers have run.
  for (Connection* connection : impl_->connections) connection->close();
}

std::uint64_t raise_open_file_limit() {
  rlimit limit{};
  common::check(::getrlimit(RLIMIT_NOFILE, &limit), "getrlimit(RLIMIT_NOFILE)");
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    common::check(::setrlimit(RLIMIT_NOFILE, &limit), "setrlimit(RLIMIT_NOFILE)");
  }
  return limit.rlim_cur;
}

}  // namespace delayserver
