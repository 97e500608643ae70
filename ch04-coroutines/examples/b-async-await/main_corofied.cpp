// Generated from main.coro.cpp by `corofy main.coro.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

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

// corofy rewrote the coroutine `async_main` (main.coro.cpp:21) into the state
// machine AsyncMainCoroutine, with the states Start, Wait1, Wait2, Resolved,
// and the function async_main() that creates it. As written:
//
//   coroutine void async_main(std::string first_path, std::string second_path) {
//     std::cout << "Program starting\n";
//     std::string txt = async::Http::get(first_path).wait;
//     std::cout << txt << "\n";
//     txt = async::Http::get(second_path).wait;
//     std::cout << txt << "\n";
//   }
//

namespace {

class AsyncMainCoroutine final : public async::Future<void> {
 public:
  explicit AsyncMainCoroutine(std::string first_path, std::string second_path)
      : first_path(std::move(first_path)), second_path(std::move(second_path)) {}
  // It never moves: the code may keep pointers to its members.
  AsyncMainCoroutine(const AsyncMainCoroutine&) = delete;
  AsyncMainCoroutine& operator=(const AsyncMainCoroutine&) = delete;

  async::PollState<void> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // main.coro.cpp:22
          std::cout << "Program starting\n";
          // main.coro.cpp:23, the wait begins: std::string txt = async::Http::get(first_path).wait;
          wait1_ = async::Http::get(first_path);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // main.coro.cpp:23, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          txt = std::move(polled).value();
          // main.coro.cpp:24
          std::cout << txt << "\n";
          // main.coro.cpp:25, the wait begins: txt = async::Http::get(second_path).wait;
          wait2_ = async::Http::get(second_path);
          state_ = State::Wait2;
          break;  // round the loop: poll wait2_ at once
        }
        case State::Wait2: {
          // main.coro.cpp:25, the wait ends when wait2_ is Ready
          auto polled = wait2_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait2_.reset();
          txt = std::move(polled).value();
          // main.coro.cpp:26
          std::cout << txt << "\n";
          return resolve_();
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine async_main");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Wait2, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<void> resolve_() {
    state_ = State::Resolved;
    return async::Ready<void>{};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::string first_path;
  std::string second_path;
  // The locals that live across a wait.
  std::string txt{};  // main.coro.cpp:23, used at line 25
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // main.coro.cpp:23
  async::FuturePtr<std::string> wait2_;  // main.coro.cpp:25
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> async_main(std::string first_path, std::string second_path) {
  return std::make_unique<AsyncMainCoroutine>(std::move(first_path), std::move(second_path));
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
