// delayserver: the test server every demo in this tutorial talks to.
#include <CLI/CLI.hpp>
#include <asio.hpp>
#include <csignal>
#include <iostream>

#include "server.hpp"

int main(int argc, char** argv) {
  delayserver::Options options;
  CLI::App app{
      "delayserver: answers GET /{delay_ms}/{message} with the message, after delay_ms milliseconds.\n"
      "\n"
      "  curl -s localhost:8080/300/hello%20world   # prints 'hello world' after about 300 ms\n"
      "\n"
      "The message is URL-decoded (%20 is a space). Each request is logged as\n"
      "'#N - DELAYms: MESSAGE'. HTTP/1.1 keep-alive unless the client sends\n"
      "'Connection: close'. Bad requests get 400/404/405/414/431 and a one-line reason.",
      "delayserver"};
  app.add_option("--port,-p", options.port, "TCP port to listen on (0: any free port)")
      ->capture_default_str();
  app.add_option("--bind", options.bind, "address to listen on")->capture_default_str();
  app.add_option("--max-delay-ms", options.limits.max_delay_ms, "longest delay accepted; longer gets 400")
      ->capture_default_str();
  app.add_flag("--quiet,-q", options.quiet, "do not log requests");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto descriptors = delayserver::raise_open_file_limit();
    asio::io_context io(1);
    delayserver::Server server(io, options);
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](std::error_code, int) { server.stop(); });
    std::cout << "delayserver listening on http://" << options.bind << ":" << server.port()
              << "/ (up to about " << (descriptors > 16 ? descriptors - 16 : descriptors)
              << " connections: RLIMIT_NOFILE " << descriptors << "); Ctrl-C stops it" << std::endl;
    io.run();
  } catch (const std::system_error& e) {
    std::cerr << "delayserver: " << e.what() << "\n";
    if (e.code() == std::errc::address_in_use) {
      std::cerr << "delayserver: is another delay server already running? Try --port " << options.port + 1
                << " or --port 0\n";
    }
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "delayserver: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
