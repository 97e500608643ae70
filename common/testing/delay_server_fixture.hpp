// A doctest fixture that runs the delay server inside the test process, on an
// ephemeral port, for the length of one TEST_CASE_FIXTURE:
//
//   TEST_CASE_FIXTURE(testing::DelayServerFixture, "GET returns the body") {
//     auto response = fetch(address(), "/50/hello");
//     CHECK(response.body == "hello");
//   }
#pragma once

#include "delayserver/embedded.hpp"

namespace testing {

struct DelayServerFixture {
  delayserver::EmbeddedServer server;

  [[nodiscard]] common::ServerAddress address() const { return server.address(); }
  [[nodiscard]] std::uint16_t port() const { return server.port(); }
};

}  // namespace testing
