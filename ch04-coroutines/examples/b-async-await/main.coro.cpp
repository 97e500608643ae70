// b-async-await: a-coroutine's program, written as a coroutine.
//
// This file is C++ plus corofy's two words: `coroutine` marks async_main, and
// `.wait` marks where it waits for a future. The build rewrites it with
// corofy (corofy_sources() in CMakeLists.txt) and compiles the rewrite;
// main_corofied.cpp beside this file is that rewrite, kept for reading (a
// test fails if it is not what corofy writes now). Its AsyncMainCoroutine
// is a-coroutine's hand-written Coroutine again: states Start, Wait1, Wait2
// and Resolved, the pending GET kept between polls.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "common/demo.hpp"
#include "future.hpp"
#include "http.hpp"

namespace {

coroutine void async_main(std::string first_path, std::string second_path) {
  std::cout << "Program starting\n";
  std::string txt = async::Http::get(first_path).wait;
  std::cout << txt << "\n";
  txt = async::Http::get(second_path).wait;
  std::cout << txt << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"b-async-await: a-coroutine's program in coroutine syntax, rewritten by corofy"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int first_ms = 600;
  app.add_option("--first-delay-ms", first_ms, "delay of the first GET")->check(common::cli::Range(0, 60'000))->capture_default_str();
  int second_ms = 400;
  app.add_option("--second-delay-ms", second_ms, "delay of the second GET")->check(common::cli::Range(0, 60'000))->capture_default_str();
  int sleep_ms = 100;
  app.add_option("--sleep-ms", sleep_ms, "pause between polls: the other work this thread would do")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();

  return common::run_demo(app, argc, argv, [&] {
    async::Http::set_server(server);
    auto future = async_main("/" + std::to_string(first_ms) + "/HelloWorld1",
                             "/" + std::to_string(second_ms) + "/HelloWorld2");
    for (int polls = 1;; ++polls) {
      const bool ready = future->poll().is_ready();
      std::cout << "poll " << polls << ": " << (ready ? "Ready" : "NotReady -> schedule other tasks") << "\n";
      if (ready) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
    }
  });
}
