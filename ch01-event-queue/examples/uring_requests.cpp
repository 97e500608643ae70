#include "common/text.hpp"
#include "uring_requests.hpp"

#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <ostream>
#include <stdexcept>

#include "common/http.hpp"
#include "common/syscall.hpp"
#include "uring/ring.hpp"

namespace ch01 {

namespace {

// user_data, the completion's token: the request's index and the step.
enum class Step : std::uint64_t { Socket = 0, Connect = 1, Send = 2, Recv = 3, Close = 4 };
constexpr std::uint64_t kStepBits = 3;
constexpr std::uint64_t kGiveUp = ~std::uint64_t{0};  // the patience timeout
constexpr std::uint64_t kCancel = kGiveUp - 1;        // our cancel of it

std::uint64_t token(std::size_t index, Step step) {
  return (static_cast<std::uint64_t>(index) << kStepBits) | static_cast<std::uint64_t>(step);
}
std::size_t index_of(std::uint64_t user_data) { return static_cast<std::size_t>(user_data >> kStepBits); }
Step step_of(std::uint64_t user_data) { return static_cast<Step>(user_data & ((1u << kStepBits) - 1)); }

long long ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

// One request. Its buffer and request text are the kernel's while an
// operation on them is in flight, so a UringStream never moves: the vector
// that holds them is sized once, before the first submission.
struct UringStream {
  std::string path;
  std::string request;  // SEND reads it from here
  common::UniqueFd socket;
  std::array<char, 4096> buffer{};  // RECV writes into it
  std::string received;
  bool finished = false;
  std::size_t timeline_row = 0;
};

void print_response(const UringStream& stream, std::size_t index, const Output& output) {
  output.out << "           request " << index << " done: ";
  if (output.raw) {
    output.out << "\n" << stream.received << "\n------\n";
    return;
  }
  try {
    const auto response = common::split_response(stream.received);
    output.out << response.status << " " << response.reason << ", body \"" << response.body << "\"\n";
  } catch (const common::HttpParseError& e) {
    output.out << "not an HTTP response (" << e.what() << "), " << stream.received.size() << " bytes\n";
  }
}

}  // namespace

UringReport run_uring_requests(const common::ServerAddress& server, const UringOptions& options,
                               const Output& output) {
  if (options.requests < 0) throw std::invalid_argument("the number of requests cannot be negative");
  const common::Endpoint endpoint = common::resolve(server);
  const std::string host = server.to_string();
  const auto count = static_cast<std::size_t>(options.requests);

  // Declared before the ring, so destroyed after it: the ring's destructor
  // cancels and waits for every operation still pointing into them.
  std::vector<UringStream> streams(count);
  const auto total = options.requests * options.base_delay + options.patience;
  __kernel_timespec give_up{};
  give_up.tv_sec = std::chrono::duration_cast<std::chrono::seconds>(total).count();
  give_up.tv_nsec = std::chrono::duration_cast<std::chrono::nanoseconds>(total % std::chrono::seconds(1)).count();

  uring::Ring ring(options.entries);
  UringReport report;

  // Step 1, for every request at once: ask the kernel for a socket. Nothing
  // is sent to the kernel yet: push only writes into the shared SQ ring.
  for (std::size_t i = 0; i < count; ++i) {
    UringStream& stream = streams[i];
    const auto delay = static_cast<long long>(count - i) * options.base_delay.count();
    stream.path = common::cat("/", delay, "/request-", i);
    stream.request = common::get_request(stream.path, host);
    stream.timeline_row = output.timeline.add(stream.path);
    ring.push(uring::socket(endpoint.family(), SOCK_STREAM | SOCK_CLOEXEC, 0), token(i, Step::Socket));
  }
  // Giving up is an operation too: a timeout that completes with -ETIME.
  if (count > 0) ring.push(uring::timeout(&give_up), kGiveUp);
  output.out << "queued " << count << (count == 1 ? " request for " : " requests for ") << host
             << "; waiting for completions in io_uring_enter\n";

  // Steps 2 to 4 of one request, linked: CONNECT, then SEND, then RECV.
  const auto connect_send_recv = [&](std::size_t i) {
    UringStream& stream = streams[i];
    const int fd = stream.socket.get();
    ring.make_room(3);  // the three go to the kernel in one io_uring_enter, or the link breaks
    ring.push(uring::linked(uring::connect(fd, endpoint.get(), endpoint.length)), token(i, Step::Connect));
    ring.push(uring::linked(uring::send(fd, stream.request.data(), stream.request.size())), token(i, Step::Send));
    ring.push(uring::recv(fd, stream.buffer.data(), stream.buffer.size()), token(i, Step::Recv));
  };

  std::size_t finished = 0;
  std::vector<uring::Completion> completions;
  while (finished < count) {
    ring.submit_and_wait(1);  // the only system call of the loop
    completions.clear();
    ring.reap(completions);   // no system call: the CQ is shared memory
    report.completions += completions.size();
    for (const uring::Completion& c : completions) {
      if (c.user_data == kGiveUp) {
        throw std::runtime_error(std::to_string(count - finished) + " of " + std::to_string(count) +
                                 " responses never arrived from " + host + " (is it a delay server?)");
      }
      const std::size_t i = index_of(c.user_data);
      if (i >= count) throw std::logic_error("a completion for request " + std::to_string(i) + ", which was never queued");
      UringStream& stream = streams[i];
      switch (step_of(c.user_data)) {
        case Step::Socket:
          if (c.res == -EINVAL) {
            // A kernel older than 5.19 has no IORING_OP_SOCKET: make it the
            // readiness way, with a system call of our own.
            stream.socket = common::UniqueFd(
                common::check(::socket(endpoint.family(), SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
            ++report.socket_fallbacks;
          } else if (c.res < 0) {
            common::throw_error(-c.res, "socket (IORING_OP_SOCKET)");
          } else {
            stream.socket = common::UniqueFd(c.res);  // the new descriptor is the result
          }
          connect_send_recv(i);
          break;
        case Step::Connect:
          if (c.res < 0) {
            if (common::is_unreachable_error(-c.res)) throw common::ServerUnreachable(-c.res, server);
            common::throw_error(-c.res, "connect (IORING_OP_CONNECT)");
          }
          break;
        case Step::Send:
          // -ECANCELED: the CONNECT before it failed, and that completion says why.
          if (c.res == -ECANCELED) break;
          if (c.res < 0) common::throw_error(-c.res, "send (IORING_OP_SEND)");
          if (static_cast<std::size_t>(c.res) != stream.request.size()) {
            throw std::runtime_error("short send: the request did not fit in a fresh socket's send buffer");
          }
          break;
        case Step::Recv:
          if (c.res == -ECANCELED) break;  // as for Send
          if (c.res < 0) common::throw_error(-c.res, "recv (IORING_OP_RECV)");
          output.out << "[" << ms(output.timeline.elapsed()) << " ms] completion: request " << i << " RECV "
                     << c.res << " bytes\n";
          if (c.res > 0) {
            // The bytes are already in our buffer: the kernel did the read.
            // There is nothing to drain, no EAGAIN to meet.
            stream.received.append(stream.buffer.data(), static_cast<std::size_t>(c.res));
            ++report.receives;
            if (!common::response_complete(stream.received)) {  // more to come: ask for it
              ring.push(uring::recv(stream.socket.get(), stream.buffer.data(), stream.buffer.size()),
                        token(i, Step::Recv));
              break;
            }
            // The whole response (Content-Length says how long its body is)
            // is here: no receive waits for the end of the stream.
          } else if (!common::response_complete(stream.received, /*at_eof=*/true)) {
            throw std::runtime_error("request " + std::to_string(i) + ": the server closed the connection after " +
                                     std::to_string(stream.received.size()) + " bytes, mid-response");
          }
          stream.finished = true;
          output.timeline.finish(stream.timeline_row);
          report.completion_order.push_back(i);
          ++finished;
          print_response(stream, i, output);
          // The descriptor is closed by the kernel, in the ring, too.
          ring.push(uring::close(stream.socket.release()), token(i, Step::Close));
          break;
        case Step::Close:
          if (c.res < 0) common::throw_error(-c.res, "close (IORING_OP_CLOSE)");
          break;
      }
    }
  }

  // Done: cancel the patience timeout and collect every completion still due
  // (the CLOSEs, the timeout's -ECANCELED, the cancel's own).
  if (count > 0) ring.push(uring::cancel(kGiveUp), kCancel);
  while (ring.in_flight() + ring.queued() > 0) {
    ring.submit_and_wait(1);
    completions.clear();
    ring.reap(completions);
    report.completions += completions.size();
    for (const uring::Completion& c : completions) {
      if (c.user_data < kCancel && step_of(c.user_data) == Step::Close && c.res < 0) {
        common::throw_error(-c.res, "close (IORING_OP_CLOSE)");
      }
    }
  }
  report.enters = ring.enters();
  report.responses.reserve(count);
  for (auto& stream : streams) report.responses.push_back(std::move(stream.received));
  return report;
}

}  // namespace ch01
