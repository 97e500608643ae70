#include "common/demo.hpp"

#include <exception>
#include <iostream>

namespace common {

cli::Option* add_server_option(cli::App& app, ServerAddress& address) {
  // A bad $DELAYSERVER is reported by run_demo like any other error, so the
  // default is computed lazily here and falls back to the built-in one.
  try {
    address = default_server_address();
  } catch (const std::invalid_argument&) {
    address = parse_server_address(kDefaultServer);
  }
  return app
      .add_option_function(
          "--server", [&address](const std::string& text) { address = parse_server_address(text); },
          "delay server as HOST:PORT (default: $DELAYSERVER, else 127.0.0.1:8080)")
      ->type_name("HOST:PORT");
}

cli::Option* add_svg_option(cli::App& app, SvgFile& svg) {
  return app
      .add_option_function(
          "--svg", [&svg](const std::string& path) { svg.open(path); },
          "also draw this run's timeline (rows, polls, parks, wakes) as an SVG picture in FILE")
      ->type_name("FILE");
}

std::string delayserver_command(const ServerAddress& address) {
  return std::string(ASYNC_DELAYSERVER_PATH) + " --port " + std::to_string(address.port);
}

int run_demo(cli::App& app, int argc, char** argv, const std::function<void()>& body) {
  try {
    if (auto status = app.parse(argc, argv)) {
      return *status;
    }
  } catch (const std::exception& e) {
    // An option's callback found its value unusable in a way parsing does
    // not report as a usage error: bad input, before any work starts.
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  try {
    // Without --server, a malformed $DELAYSERVER is an error, not silently ignored.
    if (app.has_option("--server") && !app.given("--server")) {
      (void)default_server_address();
    }
    body();
    return 0;
  } catch (const ServerUnreachable& e) {
    std::cerr << e.what() << "; start one with: " << delayserver_command(e.address()) << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace common
