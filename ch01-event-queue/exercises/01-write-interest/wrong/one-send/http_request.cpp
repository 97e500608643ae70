// WRONG: sends once per WRITABLE event and switches to reading whatever that send() took, as if the request always fitted. Caught by: a request bigger than the socket buffers is written over several WRITABLE events
#include "http_request.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "common/syscall.hpp"

namespace exercise {

HttpRequest::HttpRequest(const evq::Registry& registry, evq::Token token, const common::Endpoint& endpoint,
                         std::string request)
    : registry_(&registry), token_(token), request_(std::move(request)) {
  socket_.reset(common::check(::socket(endpoint.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), "socket"));
  if (::connect(socket_.get(), endpoint.get(), endpoint.length) == 0) {
    state_ = State::writing;  // connected at once; WRITABLE will be reported straight away
  } else if (errno == EINPROGRESS) {
    state_ = State::connecting;  // expected: the handshake goes on without us (connect(2))
  } else if (common::is_unreachable_error(errno)) {
    error_ = errno;  // refused at once: nothing to register
    state_ = State::done;
    return;
  } else {
    common::throw_errno("connect");
  }
  // Edge-triggered WRITABLE: reported when the connect completes, and again
  // each time the send buffer goes from full to having room.
  registry_->register_(socket_.get(), token_, evq::Interest::WRITABLE);
}

void HttpRequest::finish(int error) {
  error_ = error;
  state_ = State::done;
  registry_->deregister(socket_.get());
}

void HttpRequest::on_event(const evq::Event& event) {
  if (state_ == State::connecting) {
    if (!event.is_writable() && !event.is_error()) return;  // nothing to do yet
    // connect(2): once writable, SO_ERROR says whether the connect worked.
    int error = 0;
    socklen_t length = sizeof error;
    common::check(::getsockopt(socket_.get(), SOL_SOCKET, SO_ERROR, &error, &length), "getsockopt(SO_ERROR)");
    if (error != 0) return finish(error);
    state_ = State::writing;
  }
  if (state_ == State::writing) on_writable();
  if (state_ == State::reading) on_readable();
}

void HttpRequest::on_writable() {
  // One send() for the whole request, as a-epoll does.
  const ssize_t n = ::send(socket_.get(), request_.data() + written_, request_.size() - written_, MSG_NOSIGNAL);
  if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // expected: full; wait for WRITABLE
  if (n == -1 && (errno == EPIPE || errno == ECONNRESET)) return finish(errno);
  written_ += static_cast<std::size_t>(common::check(n, "send"));
  // All written: from now on we want to hear about the response. MOD
  // re-checks readiness, so a response that is already here is reported.
  registry_->reregister(socket_.get(), token_, evq::Interest::READABLE);
  state_ = State::reading;
}

void HttpRequest::on_readable() {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(socket_.get(), buffer, sizeof buffer);
    if (n > 0) {
      response_.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) return finish(0);                                      // EOF: the response is complete
    if (errno == EAGAIN || errno == EWOULDBLOCK) return;               // expected: drained
    if (errno == EINTR) continue;                                      // expected: read again
    if (errno == ECONNRESET) return finish(errno);
    common::throw_errno("read");
  }
}

}  // namespace exercise
