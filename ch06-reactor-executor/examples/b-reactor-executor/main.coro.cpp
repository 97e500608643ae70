// b-reactor-executor: our chapter 5's five coroutines, on a reactor and an executor.
//
// The same program as our chapter 5's a-runtime, rewritten by corofy with
// --waker: every poll takes the task's Waker and hands it down, and each GET
// leaves it with the reactor. The reactor's own thread sleeps in epoll_wait;
// the executor's thread parks on its ready queue. When an answer arrives,
// the reactor wakes the waker and the executor polls the one task it names.
// The program ends with the timeline and the figures: polls, wakes, parks.
//
// This file is rewritten by corofy at build time; main_corofied.cpp beside it
// is the rewrite, kept for reading (the book's main_orig.rs beside main.rs).
#include <cstddef>
#include <iostream>
#include <string>
#include <vector>

#include "common/demo.hpp"
#include "common/http.hpp"
#include "common/timed_future.hpp"
#include "common/timeline.hpp"
#include "figures.hpp"
#include "picture.hpp"
#include "future.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "runtime.hpp"

namespace {

// The GET, drawn on the timeline as a row labelled `label`: from its first
// poll to its answer, with a tick per poll when --svg records them.
async::FuturePtr<std::string> timed_get(const std::string& path, std::string label, common::Timeline* timeline) {
  return common::timed<async::Future<std::string>, const async::Waker&>(async::Http::get(path), std::move(label), *timeline);
}

// `timeline` is a pointer, not a reference: corofy refuses reference
// parameters, since the coroutine keeps them after the call returns.
coroutine void request(std::size_t i, int delay_ms, common::Timeline* timeline) {
  const std::string path = "/" + std::to_string(i * static_cast<std::size_t>(delay_ms)) + "/HelloAsyncAwait" + std::to_string(i);
  std::string response = timed_get(path, path, timeline).wait;
  std::cout << "request " << i << ": " << common::split_response(response).body << "\n";
}

coroutine void async_main(int requests, int delay_ms, common::Timeline* timeline) {
  std::cout << "Program starting\n";
  std::vector<async::FuturePtr<void>> futures;
  for (int i = 0; i < requests; ++i) futures.push_back(request(static_cast<std::size_t>(i), delay_ms, timeline));
  async::join_all(std::move(futures)).wait;
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"b-reactor-executor: request(i) coroutines joined, run by an executor that a reactor wakes"};
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
    example::Picture picture(timeline, svg.wanted());  // outlives the runtime it watches
    example::Picture::name_this_thread("main thread");
    async::Runtime runtime;  // the reactor (and its thread), this thread's executor
    runtime.block_on(async_main(requests, delay_ms, &timeline));

    std::cout << "\n";
    timeline.print(std::cout);
    example::print_figures(std::cout, runtime.executor(), runtime.reactor());
    svg.write(timeline, {"ch06 b-reactor-executor: " + std::to_string(requests) + " request(i) coroutines joined, one executor woken by the reactor",
                         example::figures_line(runtime.executor(), runtime.reactor())});
  });
}
