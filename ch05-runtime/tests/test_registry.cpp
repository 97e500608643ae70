// The tight coupling: leaf futures reach the runtime's registry through a
// global. What they register, with which token, and that they take it back.
// What the kernel watches is read from /proc/self/fdinfo/<epoll fd>, so
// these tests check the epoll set itself, not only our count of it.
#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "http.hpp"
#include "testing/listener.hpp"
#include "runtime.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"

using async::Http;
using async::HttpGetFuture;
using async::Runtime;

namespace {

struct Watched {
  int fd;
  std::size_t token;
};

// What an epoll instance watches, as listed by the kernel in
// /proc/self/fdinfo/<epoll fd>: one "tfd: <fd> events: <hex> data: <hex> ..."
// line per registration (proc(5)).
std::vector<Watched> watched_by(int epoll_fd) {
  std::ifstream info("/proc/self/fdinfo/" + std::to_string(epoll_fd));
  REQUIRE_MESSAGE(info.is_open(), "cannot read /proc/self/fdinfo/" << epoll_fd);
  std::vector<Watched> watched;
  for (std::string line; std::getline(info, line);) {
    if (!line.starts_with("tfd:")) continue;
    std::istringstream fields(line);
    std::string tfd, events_label, events, data_label;
    Watched entry{};
    fields >> tfd >> entry.fd >> events_label >> events >> data_label >> std::hex >> entry.token;
    REQUIRE_MESSAGE(data_label == "data:", "unexpected fdinfo line: " << line);
    watched.push_back(entry);
  }
  return watched;
}

// Swaps std::cerr for a string while it lives.
class CaptureStderr {
 public:
  CaptureStderr() : old_(std::cerr.rdbuf(captured_.rdbuf())) {}
  ~CaptureStderr() { std::cerr.rdbuf(old_); }
  CaptureStderr(const CaptureStderr&) = delete;
  CaptureStderr& operator=(const CaptureStderr&) = delete;
  [[nodiscard]] std::string text() const { return captured_.str(); }

 private:
  std::ostringstream captured_;
  std::streambuf* old_;
};

}  // namespace

TEST_SUITE("ch05/registry") {
  TEST_CASE("a leaf future polled without a runtime says so and connects nothing") {
    testing::Listener listener;
    HttpGetFuture future("/0/orphan", listener.address());
    CHECK_THROWS_WITH_AS(future.poll(),
                         doctest::Contains("HttpGetFuture(GET /0/orphan) was polled outside a runtime"),
                         async::NoRuntime);
    CHECK_THROWS_AS((void)async::registry(), async::NoRuntime);
    CHECK(async::current_registry() == nullptr);
    // Had the future connected, its connection would be first in the accept
    // queue. The probe's is.
    const auto probe = testing::connect_loopback(listener.port());
    const auto first = listener.accept();
    CHECK(testing::port_of(first.get(), /*peer=*/true) == testing::port_of(probe.get()));
  }

  TEST_CASE("every future gets its own token") {
    HttpGetFuture a("/0/a", {"127.0.0.1", 1});
    HttpGetFuture b("/0/b", {"127.0.0.1", 1});
    CHECK(a.token() != b.token());
    CHECK(async::next_id() > b.token().value());  // handed out in increasing order
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the first poll registers the socket with the future's token, and Ready takes it back") {
    Http::set_server(address());
    Runtime runtime;
    const int epoll_fd = runtime.registry().as_raw_fd();
    HttpGetFuture future("/50/mine", address());
    CHECK_FALSE(future.registered());
    CHECK(watched_by(epoll_fd).empty());  // nothing happens until polled

    CHECK_FALSE(future.poll().is_ready());
    CHECK(future.registered());
    CHECK(runtime.registry().sources() == 1);
    const auto watched = watched_by(epoll_fd);
    REQUIRE(watched.size() == 1);
    CHECK(watched[0].token == future.token().value());

    for (int i = 0; i < 10 && !future.poll().is_ready(); ++i) runtime.wait();  // bounded: 1 or 2 wakes
    CHECK_FALSE(future.registered());
    CHECK(runtime.registry().sources() == 0);
    CHECK(watched_by(epoll_fd).empty());
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a future destroyed while waiting deregisters its socket") {
    Http::set_server(address());
    Runtime runtime;
    {
      auto keep = Http::get("/1000/kept");
      auto dropped = Http::get("/1000/dropped");
      CHECK_FALSE(keep->poll().is_ready());
      CHECK_FALSE(dropped->poll().is_ready());
      CHECK(runtime.registry().sources() == 2);
      CHECK(watched_by(runtime.registry().as_raw_fd()).size() == 2);
      dropped.reset();
      CHECK(runtime.registry().sources() == 1);
      CHECK(watched_by(runtime.registry().as_raw_fd()).size() == 1);
    }
    CHECK(runtime.registry().sources() == 0);
    CHECK(watched_by(runtime.registry().as_raw_fd()).empty());
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a future that outlives its runtime does not deregister from the next one") {
    Http::set_server(address());
    auto future = Http::get("/1000/outlives");
    {
      Runtime first;
      CHECK_FALSE(future->poll().is_ready());
      CHECK(first.registry().sources() == 1);
    }  // its epoll instance closes, and the registration with it
    Runtime second;
    CaptureStderr captured;
    future.reset();
    CHECK(captured.text().empty());  // no epoll_ctl(DEL) on a runtime that never knew it
    CHECK(second.registry().sources() == 0);
  }
}
