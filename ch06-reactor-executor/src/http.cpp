#include "http.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <iostream>
#include <mutex>
#include <optional>
#include <utility>

#include "common/http.hpp"
#include "common/syscall.hpp"
#include "reactor.hpp"  // CHANGED (ch06): the reactor, not the runtime

namespace async {

HttpGetFuture::HttpGetFuture(std::string path, common::ServerAddress server)
    : path_(std::move(path)), server_(std::move(server)) {}  // CHANGED (ch06): no id yet

// NEW (ch05)
HttpGetFuture::~HttpGetFuture() {
  try {
    deregister();
  } catch (const std::exception& error) {
    // Destructors never throw. The socket closes next, which takes it out of
    // the epoll set anyway (epoll(7), Q6: no other fd refers to it).
    std::cerr << "HttpGetFuture(GET " << path_ << "): " << error.what() << "\n";
  }
}

PollState<std::string> HttpGetFuture::poll(const Waker& waker) {  // CHANGED (ch06): the waker
  switch (stage_) {
    case Stage::Start: {
      // CHANGED (ch06): no reactor, no one to wake us: say so before connecting.
      Reactor& the_reactor = reactor(("HttpGetFuture(GET " + path_ + ")").c_str());
      // The first poll is where the work starts: before it, this object is
      // just a path and an address.
      start();
      stage_ = write_some() ? Stage::Reading : Stage::Writing;
      // From now on the reactor's thread watches this socket. Readable: the
      // response (or the FIN) arrives. Writable only in the rare case that
      // the request did not fit in the send buffer.
      const evq::Interest interest =
          stage_ == Stage::Reading ? evq::Interest::READABLE : evq::Interest::READABLE | evq::Interest::WRITABLE;
      // CHANGED (ch06): an id from the reactor, and the waker before the
      // registration: an event arriving in between would find no waker to
      // wake, and with the edge trigger it would never come again.
      id_ = the_reactor.next_id();
      the_reactor.set_waker(waker, id_);
      the_reactor.register_(stream_.get(), interest, id_);
      registered_with_ = the_reactor.instance();
      return NotReady{};  // the response cannot be here yet; don't wait for it
    }
    case Stage::Writing:
    case Stage::Reading:
      // NEW (ch06): the latest waker, every poll, *before* reading: an event
      // after our EAGAIN must reach the task that polls us now, which need
      // not be the one that polled us last (set_waker replaces it).
      if (Reactor* current = current_reactor(); current != nullptr && current->instance() == registered_with_) {
        current->set_waker(waker, id_);
      } else {
        throw NoReactor("HttpGetFuture(GET " + path_ + "), registered with a reactor that is gone,");
      }
      if (stage_ == Stage::Writing) {
        if (!write_some()) return NotReady{};
        stage_ = Stage::Reading;
      }
      if (!read_some()) return NotReady{};
      stage_ = Stage::Done;
      deregister();     // NEW (ch05): before close: epoll_ctl(DEL) needs an open fd
      stream_.reset();  // close now, not when the future is destroyed
      return Ready{std::move(response_)};
    case Stage::Done:
      break;
  }
  throw FuturePolledAfterReady("HttpGetFuture(GET " + path_ + ")");
}

void HttpGetFuture::start() {
  // connect_to throws common::ServerUnreachable when nothing listens there.
  stream_ = common::connect_to(common::resolve(server_), server_);
  // From here on no call on this socket may block: a read with nothing to
  // read fails with EAGAIN instead of waiting (socket(7), O_NONBLOCK).
  common::set_nonblocking(stream_.get());
  request_ = common::get_request(path_, server_.to_string());
}

bool HttpGetFuture::write_some() {
  while (written_ < request_.size()) {
    // MSG_NOSIGNAL: a peer that has gone away makes send fail with EPIPE
    // instead of raising SIGPIPE, which would end the whole process.
    const ssize_t n = ::send(stream_.get(), request_.data() + written_,
                             request_.size() - written_, MSG_NOSIGNAL);
    if (n == -1 && errno == EINTR) continue;  // interrupted before sending anything: retry
    // The send buffer is full (never for a request this small on a fresh
    // socket, but a non-blocking socket may say so): try again next poll.
    if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
    if (n == -1) fail(errno, "send");
    written_ += static_cast<std::size_t>(n);  // every error returned above: n >= 0, the cast keeps its value
  }
  return true;
}

bool HttpGetFuture::read_some() {
  char chunk[kReadChunk];
  for (;;) {
    const ssize_t n = ::read(stream_.get(), chunk, sizeof chunk);
    if (n == 0) return true;  // EOF: the server has sent everything
    if (n > 0) {
      response_.append(chunk, static_cast<std::size_t>(n));  // n > 0 here: the cast keeps its value
      continue;  // there may be more already: read until EAGAIN or EOF
    }
    if (errno == EINTR) continue;  // interrupted before reading anything: retry
    // Nothing to read yet: the server is still waiting out its delay.
    if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
    fail(errno, "read");  // ECONNRESET and the like
  }
}

void HttpGetFuture::fail(int error, const char* call) const {
  const std::string what =
      std::string(call) + "(GET " + path_ + " from " + server_.to_string() + ")";
  common::throw_error(error, what.c_str());
}

// CHANGED (ch06): from the reactor, which forgets our waker too.
void HttpGetFuture::deregister() {
  if (registered_with_ == 0) return;
  const std::uint64_t instance = std::exchange(registered_with_, 0);
  Reactor* current = current_reactor();
  // The reactor we registered with is gone: its epoll instance closed and
  // took our registration with it. A later reactor never knew this socket.
  if (current == nullptr || current->instance() != instance) return;
  current->deregister(stream_.get(), id_);
}

// ---- Http ----------------------------------------------------------------

namespace {

// The process-wide server address. Guarded by a mutex because tests and later
// chapters may call get() from several threads.
struct ServerSetting {
  std::mutex mutex;
  std::optional<common::ServerAddress> address;
};

ServerSetting& setting() {
  static ServerSetting instance;
  return instance;
}

}  // namespace

FuturePtr<std::string> Http::get(std::string path) {
  return std::make_unique<HttpGetFuture>(std::move(path), server());
}

void Http::set_server(common::ServerAddress address) {
  std::lock_guard lock(setting().mutex);
  setting().address = std::move(address);
}

common::ServerAddress Http::server() {
  {
    std::lock_guard lock(setting().mutex);
    if (setting().address) return *setting().address;
  }
  return common::default_server_address();
}

}  // namespace async
