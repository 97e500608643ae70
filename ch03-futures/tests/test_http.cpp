#include <doctest/doctest.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>
#include <system_error>
#include <vector>

#include "common/http.hpp"
#include "common/syscall.hpp"
#include "counted.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "testing/listener.hpp"
#include "poll_until.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"

using async::FuturePtr;
using async::Http;
using async::HttpGetFuture;

namespace {

// A loopback port with nothing listening on it: bound, then closed again.
std::uint16_t unused_port() {
  testing::Listener listener;
  return listener.port();
}

// Records the order in which futures finish.
class RecordFinish final : public async::Future<std::string> {
 public:
  RecordFinish(FuturePtr<std::string> inner, int id, std::vector<int>& order)
      : inner_(std::move(inner)), id_(id), order_(order) {}
  async::PollState<std::string> poll() override {
    auto state = inner_->poll();
    if (state.is_ready()) order_.push_back(id_);
    return state;
  }

 private:
  FuturePtr<std::string> inner_;
  int id_;
  std::vector<int>& order_;
};

}  // namespace

TEST_SUITE("ch03/http") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "Http::get returns the whole response, the message as its body") {
    Http::set_server(address());
    auto future = Http::get("/50/hello%20futures");
    const auto outcome = testing::poll_until_ready(*future);
    CHECK(outcome.value.starts_with("HTTP/1.1 200 OK\r\n"));
    const auto response = common::split_response(outcome.value);
    CHECK(response.status == 200);
    CHECK(response.body == "hello futures");
    CHECK(outcome.polls >= 2);  // the first poll only starts the work
  }

  TEST_CASE("nothing is connected before the first poll, which connects and sends the GET") {
    testing::Listener listener;
    HttpGetFuture future("/100/lazy", listener.address());

    // Had the future connected when it was made, its connection would be
    // first in the accept queue. It is the probe's, made after it.
    const auto probe = testing::connect_loopback(listener.port());
    const auto first = listener.accept();
    CHECK(testing::port_of(first.get(), /*peer=*/true) == testing::port_of(probe.get()));

    CHECK_FALSE(future.poll().is_ready());  // poll 1: connect and write
    const auto stream = listener.accept();
    CHECK(testing::read_request_head(stream.get()) ==
          common::get_request("/100/lazy", listener.address().to_string()));
  }

  TEST_CASE("the response is everything the server sent, read until it closed") {
    testing::Listener listener;
    HttpGetFuture future("/0/x", listener.address());
    REQUIRE_FALSE(future.poll().is_ready());
    {
      const auto stream = listener.accept();
      (void)testing::read_request_head(stream.get());
      testing::send_all(stream.get(), "HTTP/1.1 200 OK\r\n");
      // Half a response is not Ready: no EOF yet.
      for (int i = 0; i < 3; ++i) CHECK_FALSE(future.poll().is_ready());
      testing::send_all(stream.get(), "Content-Length: 2\r\n\r\nok");
    }  // closed: EOF
    CHECK(testing::poll_until_ready(future).value == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  }

  TEST_CASE("the socket is closed when the response is complete, not when the future is destroyed") {
    testing::Listener listener;
    HttpGetFuture future("/0/close", listener.address());
    REQUIRE_FALSE(future.poll().is_ready());
    const auto stream = listener.accept();
    (void)testing::read_request_head(stream.get());
    testing::send_all(stream.get(), "HTTP/1.1 200 OK\r\n\r\n");
    common::check(::shutdown(stream.get(), SHUT_WR), "shutdown(SHUT_WR)");  // EOF for the future
    REQUIRE(testing::poll_until_ready(future).value == "HTTP/1.1 200 OK\r\n\r\n");
    // `future` is still alive; its end of the connection must be closed already.
    testing::wait_readable(stream.get(), std::chrono::seconds(2));
    char byte = 0;
    CHECK(::recv(stream.get(), &byte, 1, 0) == 0);  // EOF: the future closed its socket
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a response larger than one read buffer arrives whole") {
    const std::string message(HttpGetFuture::kReadChunk + 1500, 'm');
    HttpGetFuture future("/0/" + message, address());
    const auto outcome = testing::poll_until_ready(future);
    REQUIRE(outcome.value.size() > HttpGetFuture::kReadChunk);
    CHECK(common::split_response(outcome.value).body == message);
  }

  TEST_CASE("a response much larger than the socket buffers arrives whole over many polls") {
    testing::Listener listener;
    HttpGetFuture future("/0/big", listener.address());
    REQUIRE_FALSE(future.poll().is_ready());
    auto stream = listener.accept();
    (void)testing::read_request_head(stream.get());
    common::set_nonblocking(stream.get());

    std::string sent = "HTTP/1.1 200 OK\r\n\r\n";
    for (int i = 0; sent.size() < 4'000'000; ++i) sent += std::to_string(i) + ' ';
    std::size_t offset = 0;
    int polls = 0;
    // Alternate between sending what the socket takes and polling the future.
    while (offset < sent.size()) {
      REQUIRE(++polls < 1'000'000);
      const ssize_t n = ::send(stream.get(), sent.data() + offset, sent.size() - offset, MSG_NOSIGNAL);
      if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        REQUIRE_FALSE(future.poll().is_ready());
        continue;
      }
      offset += static_cast<std::size_t>(common::check(n, "send"));
    }
    stream.reset();  // EOF
    const auto outcome = testing::poll_until_ready(future);
    CHECK(outcome.value.size() == sent.size());
    CHECK(outcome.value == sent);
  }

  TEST_CASE("connection refused is common::ServerUnreachable, thrown by the first poll") {
    const common::ServerAddress nowhere{"127.0.0.1", unused_port()};
    Http::set_server(nowhere);
    auto future = Http::get("/0/x");  // creating it is fine: nothing happens yet
    try {
      (void)future->poll();
      FAIL("the first poll should have thrown");
    } catch (const common::ServerUnreachable& e) {
      CHECK(e.address() == nowhere);
      CHECK(common::is_errno(e, ECONNREFUSED));
      CHECK(std::string(e.what()).starts_with("cannot reach the delay server at " + nowhere.to_string()));
    }
  }

  TEST_CASE("a reset connection is a std::system_error naming the request") {
    testing::Listener listener;
    HttpGetFuture future("/0/reset", listener.address());
    REQUIRE_FALSE(future.poll().is_ready());
    {
      const auto stream = listener.accept();
      (void)testing::read_request_head(stream.get());
      // SO_LINGER with a zero timeout: close(2) sends RST instead of FIN (socket(7)).
      const linger abort_on_close{1, 0};
      common::check(::setsockopt(stream.get(), SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close),
                    "setsockopt(SO_LINGER)");
    }
    try {
      (void)testing::poll_until_ready(future);
      FAIL("a reset connection should have thrown");
    } catch (const std::system_error& e) {
      CHECK(common::is_errno(e, ECONNRESET));
      CHECK(std::string(e.what()).starts_with("read(GET /0/reset from " + listener.address().to_string() + ")"));
    }
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "polling an HttpGetFuture after Ready throws FuturePolledAfterReady") {
    HttpGetFuture future("/0/once", address());
    (void)testing::poll_until_ready(future);
    CHECK_THROWS_WITH_AS((void)future.poll(), "HttpGetFuture(GET /0/once) polled again after it returned Ready",
                         async::FuturePolledAfterReady);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "Http::get reads the server when it is called") {
    Http::set_server(address());
    auto future = Http::get("/0/here");
    Http::set_server({"127.0.0.1", unused_port()});  // too late for `future`
    CHECK(common::split_response(testing::poll_until_ready(*future).value).body == "here");
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "joined GETs run together: the shortest delay finishes first, outputs stay in order") {
    Http::set_server(address());
    std::vector<int> finished;
    std::vector<FuturePtr<std::string>> children;
    const int delays[] = {400, 200, 0};
    for (int i = 0; i < 3; ++i) {
      // Built with append: GCC 12 -O3 warns falsely on "/" + std::string (GCC bug 105329).
      std::string path = "/";
      path.append(std::to_string(delays[i])).append("/request-").append(std::to_string(i));
      auto get = Http::get(std::move(path));
      children.push_back(std::make_unique<RecordFinish>(std::move(get), i, finished));
    }
    auto all = async::join_all(std::move(children));
    const auto outcome = testing::poll_until_ready(*all);
    // One after the other they would finish 0, 1, 2.
    CHECK(finished == std::vector<int>{2, 1, 0});
    REQUIRE(outcome.value.size() == 3);
    for (int i = 0; i < 3; ++i) {
      CHECK(common::split_response(outcome.value[i]).body == "request-" + std::to_string(i));
    }
  }
}
