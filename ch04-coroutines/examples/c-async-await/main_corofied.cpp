// Generated from main.coro.cpp by `corofy main.coro.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// c-async-await: five coroutines at once, joined.
//
// request(i) is a coroutine: it GETs a path that waits i x --delay-ms and
// prints the answer. async_main starts --requests of them, collects them in a
// vector and waits once, on join_all, which polls every unfinished request
// each time it is polled. They wait at the same time, so the whole run takes
// about the longest delay, not the sum: the timeline at the end shows it
// (and with --svg FILE, a picture of it, a tick per poll of each request).
//
// A wait inside the loop (`request(i).wait;` in the for) would run them one
// after the other, and corofy refuses it anyway: one state per wait written.
//
// This file is rewritten by corofy at build time; main_corofied.cpp beside it
// is the rewrite, kept for reading.
#include <cstddef>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "common/demo.hpp"
#include "common/http.hpp"
#include "common/timed_future.hpp"
#include "common/timeline.hpp"
#include "future.hpp"
#include "http.hpp"
#include "join_all.hpp"

namespace {

// The GET, drawn on the timeline as a row labelled `label`: from its first
// poll to its answer, with a tick per poll when --svg records them.
async::FuturePtr<std::string> timed_get(const std::string& path, std::string label, common::Timeline* timeline) {
  return common::timed(async::Http::get(path), std::move(label), *timeline);
}

// `timeline` is a pointer, not a reference: corofy refuses reference
// parameters, since the coroutine keeps them after the call returns. main()
// promises the timeline outlives the future.
// corofy rewrote the coroutine `request` (main.coro.cpp:40) into the state
// machine RequestCoroutine, with the states Start, Wait1, Resolved, and the
// function request() that creates it. As written:
//
//   coroutine void request(std::size_t i, int delay_ms, common::Timeline* timeline) {
//     const std::string path = "/" + std::to_string(i * static_cast<std::size_t>(delay_ms)) + "/HelloAsyncAwait" + std::to_string(i);
//     std::string response = timed_get(path, path, timeline).wait;
//     std::cout << "request " << i << ": " << common::split_response(response).body << "\n";
//   }
//

namespace {

class RequestCoroutine final : public async::Future<void> {
 public:
  explicit RequestCoroutine(std::size_t i, int delay_ms, common::Timeline* timeline)
      : i(std::move(i)), delay_ms(std::move(delay_ms)), timeline(std::move(timeline)) {}
  // It never moves: the code may keep pointers to its members.
  RequestCoroutine(const RequestCoroutine&) = delete;
  RequestCoroutine& operator=(const RequestCoroutine&) = delete;

  async::PollState<void> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // main.coro.cpp:41
          const std::string path = "/" + std::to_string(i * static_cast<std::size_t>(delay_ms)) + "/HelloAsyncAwait" + std::to_string(i);
          // main.coro.cpp:42, the wait begins: std::string response = timed_get(path, path, timeline).wait;
          wait1_ = timed_get(path, path, timeline);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // main.coro.cpp:42, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          std::string response = std::move(polled).value();
          // main.coro.cpp:43
          std::cout << "request " << i << ": " << common::split_response(response).body << "\n";
          return resolve_();
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine request");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<void> resolve_() {
    state_ = State::Resolved;
    return async::Ready<void>{};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::size_t i;
  int delay_ms;
  common::Timeline* timeline;
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // main.coro.cpp:42
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> request(std::size_t i, int delay_ms, common::Timeline* timeline) {
  return std::make_unique<RequestCoroutine>(std::move(i), std::move(delay_ms), std::move(timeline));
}

// corofy rewrote the coroutine `async_main` (main.coro.cpp:46) into the state
// machine AsyncMainCoroutine, with the states Start, Wait1, Resolved, and the
// function async_main() that creates it. As written:
//
//   coroutine void async_main(int requests, int delay_ms, common::Timeline* timeline) {
//     std::cout << "Program starting\n";
//     std::vector<async::FuturePtr<void>> futures;
//     for (int i = 0; i < requests; ++i) futures.push_back(request(static_cast<std::size_t>(i), delay_ms, timeline));
//     async::join_all(std::move(futures)).wait;
//   }
//

namespace {

class AsyncMainCoroutine final : public async::Future<void> {
 public:
  explicit AsyncMainCoroutine(int requests, int delay_ms, common::Timeline* timeline)
      : requests(std::move(requests)), delay_ms(std::move(delay_ms)), timeline(std::move(timeline)) {}
  // It never moves: the code may keep pointers to its members.
  AsyncMainCoroutine(const AsyncMainCoroutine&) = delete;
  AsyncMainCoroutine& operator=(const AsyncMainCoroutine&) = delete;

  async::PollState<void> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // main.coro.cpp:47-49
          std::cout << "Program starting\n";
          std::vector<async::FuturePtr<void>> futures;
          for (int i = 0; i < requests; ++i) futures.push_back(request(static_cast<std::size_t>(i), delay_ms, timeline));
          // main.coro.cpp:50, the wait begins: async::join_all(std::move(futures)).wait;
          wait1_ = async::join_all(std::move(futures));
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // main.coro.cpp:50, the wait ends when wait1_ is Ready
          if (!wait1_->poll().is_ready()) return async::NotReady{};
          wait1_.reset();
          return resolve_();
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine async_main");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<void> resolve_() {
    state_ = State::Resolved;
    return async::Ready<void>{};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  int requests;
  int delay_ms;
  common::Timeline* timeline;
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<void> wait1_;  // main.coro.cpp:50
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> async_main(int requests, int delay_ms, common::Timeline* timeline) {
  return std::make_unique<AsyncMainCoroutine>(std::move(requests), std::move(delay_ms), std::move(timeline));
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"c-async-await: request(i) coroutines joined, finishing in about the longest delay"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int requests = 5;
  app.add_option("--requests", requests, "how many request(i) coroutines to join")
      ->check(common::cli::Range(1, 1000))
      ->capture_default_str();
  int delay_ms = 1000;
  app.add_option("--delay-ms", delay_ms, "request i waits i x delay-ms")->check(common::cli::Range(0, 10'000))->capture_default_str();
  int sleep_ms = 0;
  app.add_option("--sleep-ms", sleep_ms, "pause between polls (0: spin, as the book's loop does)")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();
  common::SvgFile svg;
  common::add_svg_option(app, svg);

  return common::run_demo(app, argc, argv, [&] {
    async::Http::set_server(server);
    common::Timeline timeline;
    timeline.record_events(svg.wanted());
    const std::size_t lane = timeline.add_lane("main thread");
    auto future = async_main(requests, delay_ms, &timeline);
    long long polls = 0;
    for (;;) {
      ++polls;
      if (future->poll().is_ready()) break;
      if (sleep_ms > 0) {
        timeline.park(lane);
        std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
        timeline.unpark(lane);
        timeline.wake(lane, common::WakeSource::itself);  // its own timer, not news
      }
    }
    std::cout << "\n";
    timeline.print(std::cout);
    std::cout << polls << " polls: the stand-in loop still polls in a circle (our chapter 5 sleeps instead)\n";
    svg.write(timeline, {"ch04 c-async-await: " + std::to_string(requests) + " request(i) coroutines joined, polled " +
                             (sleep_ms == 0 ? "in a tight loop" : "every " + std::to_string(sleep_ms) + " ms"),
                         std::to_string(polls) + " polls of async_main"});
  });
}
