// What a demo prints when the delay server is not running.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <iostream>
#include <sstream>

#include "common/demo.hpp"
#include "common/syscall.hpp"
#include "testing/http_client.hpp"

namespace {
// Captures std::cerr for one scope.
struct CaptureStderr {
  CaptureStderr() : old(std::cerr.rdbuf(text.rdbuf())) {}
  ~CaptureStderr() { std::cerr.rdbuf(old); }
  std::ostringstream text;
  std::streambuf* old;
};


int run(std::vector<std::string> args, const std::function<void(const common::ServerAddress&)>& body,
        std::string& err) {
  common::cli::App app{"test demo"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  CaptureStderr capture;
  const int status = common::run_demo(app, static_cast<int>(argv.size()), argv.data(), [&] { body(server); });
  err = capture.text.str();
  return status;
}
}  // namespace

TEST_SUITE("common/demo") {
  TEST_CASE("no server running: one line naming the address and how to start one, exit status 2") {
    const common::ServerAddress address{"127.0.0.1", testing::unused_loopback_port()};
    std::string err;
    const int status = run({"demo", "--server", address.to_string()},
                           [](const common::ServerAddress& server) {
                             (void)common::connect_to(common::resolve(server), server);
                           },
                           err);
    CHECK(status == 2);
    CHECK(err.starts_with("cannot reach the delay server at " + address.to_string() + ": "));
    CHECK(err.find("onnection refused") != std::string::npos);
    CHECK(err.find("; start one with: ") != std::string::npos);
    CHECK(err.find("delayserver --port " + std::to_string(address.port)) != std::string::npos);
    CHECK(err.find('\n') == err.size() - 1);  // exactly one line
  }

  TEST_CASE("--server parses HOST:PORT and a bad value is a usage error") {
    std::string err;
    common::ServerAddress seen;
    CHECK(run({"demo", "--server", "127.0.0.1:4321"}, [&](const common::ServerAddress& s) { seen = s; }, err) == 0);
    CHECK(seen == common::ServerAddress{"127.0.0.1", 4321});
    CHECK(run({"demo", "--server", "nope"}, [](const common::ServerAddress&) {}, err) != 0);
  }

  TEST_CASE("any other failure is reported as 'error: ...' with exit status 1") {
    std::string err;
    CHECK(run({"demo"}, [](const common::ServerAddress&) { throw std::runtime_error("boom"); }, err) == 1);
    CHECK(err == "error: boom\n");
  }
}
