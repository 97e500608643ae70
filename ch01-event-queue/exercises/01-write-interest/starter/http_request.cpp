#include "http_request.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "common/syscall.hpp"

namespace exercise {

// TODO: this is how a-epoll starts a request: a *blocking* connect that
// throws when nobody answers, then one send() that must take the whole
// request, then READABLE. Make it event-driven instead:
//  - a non-blocking socket (SOCK_NONBLOCK) and connect(), expecting EINPROGRESS;
//  - a refused connect must end the request (error_, State::done), not throw;
//  - register for WRITABLE, and start in State::connecting.
HttpRequest::HttpRequest(const evq::Registry& registry, evq::Token token, const common::Endpoint& endpoint,
                         std::string request)
    : registry_(&registry), token_(token), request_(std::move(request)) {
  // (connect_to wants a ServerAddress only for the message of its exception.)
  socket_ = common::connect_to(endpoint, common::ServerAddress{"the server", 1});
  common::set_nonblocking(socket_.get());
  const ssize_t n = common::check(::send(socket_.get(), request_.data(), request_.size(), MSG_NOSIGNAL), "send");
  written_ = static_cast<std::size_t>(n);
  registry_->register_(socket_.get(), token_, evq::Interest::READABLE);
  state_ = State::reading;
}

void HttpRequest::finish(int error) {
  error_ = error;
  state_ = State::done;
  registry_->deregister(socket_.get());
}

void HttpRequest::on_event(const evq::Event& event) {
  (void)event;
  // TODO: in State::connecting, a WRITABLE (or error) event means the
  // connect has finished: read its outcome with getsockopt(SO_ERROR), then
  // move on to writing.
  if (state_ == State::writing) on_writable();
  if (state_ == State::reading) on_readable();
}

void HttpRequest::on_writable() {
  // TODO: send what is left of request_ from written_ on, until all of it is
  // written or send() says EAGAIN (then wait for the next WRITABLE event).
  // When everything is written, reregister for READABLE and move to reading.
}

void HttpRequest::on_readable() {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(socket_.get(), buffer, sizeof buffer);
    if (n > 0) {
      response_.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) return finish(0);                         // EOF: the response is complete
    if (errno == EAGAIN || errno == EWOULDBLOCK) return;  // expected: drained
    if (errno == EINTR) continue;                         // expected: read again
    if (errno == ECONNRESET) return finish(errno);
    common::throw_errno("read");
  }
}

}  // namespace exercise
