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
#include "runtime.hpp"  // NEW (ch05)

namespace async {

HttpGetFuture::HttpGetFuture(std::string path, common::ServerAddress server)
    : path_(std::move(path)), server_(std::move(server)), token_(next_id()) {}  // CHANGED (ch05): token_

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

PollState<std::string> HttpGetFuture::poll() {
  switch (stage_) {
    case Stage::Start: {
      // NEW (ch05): no runtime, no one to wake us: say so before connecting.
      Registry& runtime_registry = registry(("HttpGetFuture(GET " + path_ + ")").c_str());
      // The first poll is where the work starts: before it, this object is
      // just a path and an address.
      start();
      stage_ = write_some() ? Stage::Reading : Stage::Writing;
      // NEW (ch05): from now on the runtime sleeps until this socket has
      // news. Readable: the response (or the FIN) arrives. Writable only in
      // the rare case that the request did not fit in the send buffer.
      const evq::Interest interest =
          stage_ == Stage::Reading ? evq::Interest::READABLE : evq::Interest::READABLE | evq::Interest::WRITABLE;
      runtime_registry.register_(stream_.get(), token_, interest);
      registered_with_ = runtime_registry.runtime_id();
      return NotReady{};  // the response cannot be here yet; don't wait for it
    }
    case Stage::Writing:
      if (!write_some()) return NotReady{};
      stage_ = Stage::Reading;
      [[fallthrough]];
    case Stage::Reading:
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

// NEW (ch05)
void HttpGetFuture::deregister() {
  if (registered_with_ == 0) return;
  const std::uint64_t runtime_id = std::exchange(registered_with_, 0);
  Registry* current = current_registry();
  // The runtime we registered with is gone: its epoll instance closed and
  // took our registration with it. A later runtime never knew this socket.
  if (current == nullptr || current->runtime_id() != runtime_id) return;
  current->deregister(stream_.get());
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
