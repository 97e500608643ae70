#include "requests.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>
#include <stdexcept>

#include "common/http.hpp"
#include "common/text.hpp"
#include "common/syscall.hpp"

namespace ch01 {

namespace {

long long ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

// One send of the whole request. A fresh socket's send buffer holds far more
// than these ~80 bytes, so a short write would mean something is badly off;
// we say so instead of waiting for WRITABLE (exercise 01 does that part).
void send_request(int fd, const std::string& request) {
  const ssize_t n = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
    throw std::runtime_error("the request did not fit in a fresh socket's send buffer");
  }
  if (static_cast<std::size_t>(common::check(n, "send")) != request.size()) {
    throw std::runtime_error("short write: the request did not fit in a fresh socket's send buffer");
  }
}

void print_response(const Stream& stream, std::size_t index, const Output& output) {
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

std::vector<Stream> send_requests(const evq::Registry& registry, const common::Endpoint& endpoint,
                                  const common::ServerAddress& server, const RequestsOptions& options,
                                  common::Timeline& timeline) {
  std::vector<Stream> streams;
  streams.reserve(static_cast<std::size_t>(options.requests));
  const std::string host = server.to_string();
  for (int i = 0; i < options.requests; ++i) {
    const auto delay = (options.requests - i) * options.base_delay.count();
    Stream stream;
    stream.path = common::cat("/", delay, "/request-", i);
    stream.timeline_row = timeline.add(stream.path);
    // A blocking connect (loopback answers at once), then non-blocking from
    // here on: from now on no read or write may ever put this thread to sleep.
    stream.socket = common::connect_to(endpoint, server);
    common::set_nonblocking(stream.socket.get());
    send_request(stream.socket.get(), common::get_request(stream.path, host));
    // NB: the token is the index in `streams`, so an event leads straight
    // back to its stream. Edge-triggered: see handle_events.
    registry.register_(stream.socket.get(), evq::Token{static_cast<std::size_t>(i)}, evq::Interest::READABLE,
                       evq::Trigger::EDGE);
    streams.push_back(std::move(stream));
  }
  return streams;
}

std::size_t handle_events(const evq::Events& events, std::vector<Stream>& streams, RequestsReport& report,
                          const Output& output) {
  std::size_t newly_finished = 0;
  char buffer[4096];
  for (const evq::Event event : events) {
    const std::size_t index = event.token().value();
    if (index >= streams.size()) {
      throw std::logic_error("event for token " + std::to_string(index) + ", which was never registered");
    }
    Stream& stream = streams[index];
    output.timeline.poll(stream.timeline_row);  // drawn as a tick on the row, with --svg
    output.out << "[" << ms(output.timeline.elapsed()) << " ms] " << event << " -> read ";
    // Edge-triggered: this event is the only word we get about the bytes
    // waiting now, so read until EAGAIN (epoll(7)).
    std::size_t got = 0;
    for (;;) {
      const ssize_t n = ::read(stream.socket.get(), buffer, sizeof buffer);
      if (n > 0) {
        stream.received.append(buffer, static_cast<std::size_t>(n));
        got += static_cast<std::size_t>(n);
        continue;
      }
      if (n == 0) {  // EOF: the server closed the connection (Connection: close)
        output.out << got << " bytes, then EOF\n";
        if (stream.finished) {
          // FIX #4 in the book: an edge queued while we were draining can
          // wake us for an EOF we have already counted. Count it once.
          ++report.repeated_eofs;
          output.out << "           request " << index << ": EOF again (a false wakeup), not counted twice\n";
          break;
        }
        stream.finished = true;
        output.timeline.finish(stream.timeline_row);
        report.completion_order.push_back(index);
        ++newly_finished;
        print_response(stream, index, output);
        break;
      }
      if (errno == EAGAIN || errno == EWOULDBLOCK) {  // expected: drained, wait for the next edge
        output.out << got << " bytes, then EAGAIN\n";
        break;
      }
      if (errno == EINTR) continue;  // expected: a signal handler ran; read again
      output.out << got << " bytes, then an error\n";
      common::throw_errno("read");
    }
  }
  return newly_finished;
}

RequestsReport run_requests(const common::ServerAddress& server, const RequestsOptions& options,
                            const Output& output) {
  if (options.requests < 0) throw std::invalid_argument("the number of requests cannot be negative");
  const common::Endpoint endpoint = common::resolve(server);  // once, not per connection
  evq::Poll poll;
  std::vector<Stream> streams = send_requests(poll.registry(), endpoint, server, options, output.timeline);
  output.out << "sent " << streams.size() << (streams.size() == 1 ? " request to " : " requests to ")
             << server.to_string()
             << "; waiting for responses in epoll_wait\n";

  RequestsReport report;
  evq::Events events(options.events_capacity);
  const auto give_up = std::chrono::steady_clock::now() + options.requests * options.base_delay + options.patience;
  std::size_t finished = 0;
  // For --svg: this thread's lane, where it sleeps in epoll_wait and what woke it.
  const std::size_t lane = output.timeline.add_lane("main thread");
  while (finished < streams.size()) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
    if (left <= std::chrono::milliseconds::zero()) {
      throw std::runtime_error(std::to_string(streams.size() - finished) + " of " + std::to_string(streams.size()) +
                               " responses never arrived from " + server.to_string() + " (is it a delay server?)");
    }
    output.timeline.park(lane);
    poll.poll(events, left);
    output.timeline.unpark(lane);
    if (events.empty()) {
      ++report.empty_polls;
      output.out << "TIMEOUT (or a spurious wakeup): no events\n";
      continue;
    }
    ++report.polls;
    output.timeline.wake(lane, common::WakeSource::reactor);  // the kernel had news: epoll woke us
    finished += handle_events(events, streams, report, output);
  }

  report.responses.reserve(streams.size());
  for (auto& stream : streams) report.responses.push_back(std::move(stream.received));
  return report;
}

}  // namespace ch01
