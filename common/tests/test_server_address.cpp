#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "common/server_address.hpp"
#include "common/syscall.hpp"
#include "testing/http_client.hpp"

using common::parse_server_address;
using common::ServerAddress;

namespace {
// Sets an environment variable for one scope.
struct ScopedEnv {
  ScopedEnv(const char* name, const char* value) : name(name) {
    if (const char* old = std::getenv(name)) saved = old;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (saved) {
      ::setenv(name, saved->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  const char* name;
  std::optional<std::string> saved;
};

}  // namespace

TEST_SUITE("common/server_address") {
  TEST_CASE("HOST:PORT parses, IPv6 in brackets too") {
    CHECK(parse_server_address("127.0.0.1:8080") == ServerAddress{"127.0.0.1", 8080});
    CHECK(parse_server_address("localhost:1") == ServerAddress{"localhost", 1});
    CHECK(parse_server_address("[::1]:9000") == ServerAddress{"::1", 9000});
    CHECK(ServerAddress{"::1", 9000}.to_string() == "[::1]:9000");
  }

  TEST_CASE("a bad address is rejected with a message quoting it") {
    for (const char* text : {"", "127.0.0.1", ":8080", "host:", "host:0", "host:65536", "host:80x"}) {
      CAPTURE(text);
      try {
        (void)parse_server_address(text);
        FAIL("accepted");
      } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find(std::string("'") + text + "'") != std::string::npos);
      }
    }
  }

  TEST_CASE("DELAYSERVER sets the default, and 127.0.0.1:8080 is used without it") {
    {
      ScopedEnv env("DELAYSERVER", nullptr);
      CHECK(common::default_server_address() == ServerAddress{"127.0.0.1", 8080});
    }
    {
      ScopedEnv env("DELAYSERVER", "127.0.0.2:9999");
      CHECK(common::default_server_address() == ServerAddress{"127.0.0.2", 9999});
    }
    {
      ScopedEnv env("DELAYSERVER", "nonsense");
      CHECK_THROWS_WITH_AS((void)common::default_server_address(), doctest::Contains("$DELAYSERVER"),
                           std::invalid_argument);
    }
  }

  TEST_CASE("connecting where nothing listens throws ServerUnreachable naming the address") {
    const ServerAddress address{"127.0.0.1", testing::unused_loopback_port()};
    try {
      (void)common::connect_to(common::resolve(address), address);
      FAIL("connected");
    } catch (const common::ServerUnreachable& e) {
      CHECK(e.code().value() == ECONNREFUSED);
      CHECK(std::string(e.what()).find("cannot reach the delay server at " + address.to_string()) == 0);
    }
  }
}
