#include "common/demo.hpp"

#include <exception>
#include <iostream>

namespace common {

CLI::Option* add_server_option(CLI::App& app, ServerAddress& address) {
  // A bad $DELAYSERVER is reported by run_demo like any other error, so the
  // default is computed lazily here and falls back to the built-in one.
  try {
    address = default_server_address();
  } catch (const std::invalid_argument&) {
    address = parse_server_address(kDefaultServer);
  }
  return app
      .add_option_function<std::string>(
          "--server",
          [&address](const std::string& text) {
            try {
              address = parse_server_address(text);
            } catch (const std::invalid_argument& e) {
              throw CLI::ValidationError("--server", e.what());
            }
          },
          "delay server as HOST:PORT (default: $DELAYSERVER, else 127.0.0.1:8080)")
      ->type_name("HOST:PORT");
}

CLI::Option* add_svg_option(CLI::App& app, SvgFile& svg) {
  return app
      .add_option_function<std::string>(
          "--svg", [&svg](const std::string& path) { svg.open(path); },
          "also draw this run's timeline (rows, polls, parks, wakes) as an SVG picture in FILE")
      ->type_name("FILE");
}

std::string delayserver_command(const ServerAddress& address) {
  return std::string(ASYNC_DELAYSERVER_PATH) + " --port " + std::to_string(address.port);
}

int run_demo(CLI::App& app, int argc, char** argv, const std::function<void()>& body) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    // An option's callback found its value unusable (--svg's file): bad
    // input, reported before any work starts.
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  try {
    // Without --server, a malformed $DELAYSERVER is an error, not silently ignored.
    if (auto* server = app.get_option_no_throw("--server"); server != nullptr && server->count() == 0) {
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
