// Generated from main.coro.cpp by `corofy main.coro.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// a-runtime: our chapter 4's five coroutines, run by a Runtime that sleeps.
//
// request(i) is a coroutine: it GETs a path that waits i x --delay-ms and
// prints the answer. async_main joins --requests of them and waits once, on
// join_all. Our chapter 4 drove this with a loop that polled again at once
// after every NotReady; here main() hands it to Runtime::block_on, which
// polls, and on NotReady sleeps in epoll_wait until one of the sockets the
// GETs registered has an answer. The program ends with the timeline and what
// the waiting cost: polls, epoll waits and CPU time. Compare our chapter 3's
// b-join-all: millions of polls and a core kept busy, against a handful.
// With --svg FILE it also draws the run: a tick per poll of each request,
// and the thread's sleeps in epoll_wait.
//
// This file is rewritten by corofy at build time; main_corofied.cpp beside it
// is the rewrite, kept for reading (the book's main_orig.rs beside main.rs).
#include <cstddef>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "common/cost_meter.hpp"
#include "common/demo.hpp"
#include "common/http.hpp"
#include "common/timed_future.hpp"
#include "common/timeline.hpp"
#include "future.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "runtime.hpp"

namespace {

// The GET, drawn on the timeline as a row labelled `label`: from its first
// poll to its answer, with a tick per poll when --svg records them.
async::FuturePtr<std::string> timed_get(const std::string& path, std::string label, common::Timeline* timeline) {
  return common::timed(async::Http::get(path), std::move(label), *timeline);
}

// `timeline` is a pointer, not a reference: corofy refuses reference
// parameters, since the coroutine keeps them after the call returns. main()
// promises the timeline outlives the future.
// corofy rewrote the coroutine `request` (main.coro.cpp:43) into the state
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
          // main.coro.cpp:44
          const std::string path = "/" + std::to_string(i * static_cast<std::size_t>(delay_ms)) + "/HelloAsyncAwait" + std::to_string(i);
          // main.coro.cpp:45, the wait begins: std::string response = timed_get(path, path, timeline).wait;
          wait1_ = timed_get(path, path, timeline);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // main.coro.cpp:45, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          std::string response = std::move(polled).value();
          // main.coro.cpp:46
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
  async::FuturePtr<std::string> wait1_;  // main.coro.cpp:45
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> request(std::size_t i, int delay_ms, common::Timeline* timeline) {
  return std::make_unique<RequestCoroutine>(std::move(i), std::move(delay_ms), std::move(timeline));
}

// corofy rewrote the coroutine `async_main` (main.coro.cpp:49) into the state
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
          // main.coro.cpp:50-52
          std::cout << "Program starting\n";
          std::vector<async::FuturePtr<void>> futures;
          for (int i = 0; i < requests; ++i) futures.push_back(request(static_cast<std::size_t>(i), delay_ms, timeline));
          // main.coro.cpp:53, the wait begins: async::join_all(std::move(futures)).wait;
          wait1_ = async::join_all(std::move(futures));
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // main.coro.cpp:53, the wait ends when wait1_ is Ready
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
  async::FuturePtr<void> wait1_;  // main.coro.cpp:53
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> async_main(int requests, int delay_ms, common::Timeline* timeline) {
  return std::make_unique<AsyncMainCoroutine>(std::move(requests), std::move(delay_ms), std::move(timeline));
}

// Draws the runtime's sleeps on the timeline's "main thread" lane, and
// marks each return from epoll_wait with events as a wake by epoll.
class SleepsOnTimeline final : public async::Observer {
 public:
  explicit SleepsOnTimeline(common::Timeline& timeline) : timeline_(timeline), lane_(timeline.add_lane("main thread")) {}
  void sleeping() override { timeline_.park(lane_); }
  void woken(std::size_t events) override {
    timeline_.unpark(lane_);
    if (events > 0) timeline_.wake(lane_, common::WakeSource::reactor);
  }

 private:
  common::Timeline& timeline_;
  std::size_t lane_;
};

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"a-runtime: request(i) coroutines joined and run by a Runtime that sleeps in epoll_wait"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int requests = 5;
  app.add_option("--requests", requests, "how many request(i) coroutines to join")
      ->check(common::cli::Range(1, 1000))
      ->capture_default_str();
  int delay_ms = 1000;
  app.add_option("--delay-ms", delay_ms, "request i waits i x delay-ms")->check(common::cli::Range(0, 10'000))->capture_default_str();
  common::SvgFile svg;
  common::add_svg_option(app, svg);

  return common::run_demo(app, argc, argv, [&] {
    async::Http::set_server(server);
    common::Timeline timeline;
    timeline.record_events(svg.wanted());
    SleepsOnTimeline sleeps(timeline);
    auto future = async_main(requests, delay_ms, &timeline);
    async::Runtime runtime;  // before the first poll: the GETs register with it
    runtime.set_observer(&sleeps);
    common::CostMeter meter;
    runtime.block_on(std::move(future));
    const auto cost = meter.measure();
    const auto& stats = runtime.stats();

    std::cout << "\n";
    timeline.print(std::cout);
    char line[200];
    std::snprintf(line, sizeof line, "polls: %lld   epoll waits: %lld   events: %lld", stats.polls, stats.waits,
                  stats.events);
    std::cout << line << "\n";
    std::snprintf(line, sizeof line, "wall: %.0f ms   CPU: %.1f ms (user %.1f + system %.1f) = %.1f%% of one core",
                  cost.wall_ms, cost.cpu_ms(), cost.user_ms, cost.system_ms, cost.core_share());
    std::cout << line << "\n";
    std::snprintf(line, sizeof line, "%lld polls, %lld epoll waits; CPU %.1f ms in %.0f ms", stats.polls, stats.waits,
                  cost.cpu_ms(), cost.wall_ms);
    svg.write(timeline, {"ch05 a-runtime: " + std::to_string(requests) +
                             " requests joined, block_on sleeping in epoll_wait between polls",
                         line});
  });
}
