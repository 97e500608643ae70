// c-reactor-executor: tasks spawned from inside a task.
//
// async_main no longer joins its requests: it spawns each request(i) as a
// task of its own on this thread's executor (async::spawn, which finds the
// executor through a thread-local, as the book's CURRENT_EXEC) and then
// makes a request of its own. Each task has its own id, so a wake names
// exactly the task whose answer came in: the executor polls that one, not a
// join over all of them. block_on returns when every task is done, the
// spawned ones included. Compare b-reactor-executor's polls.
//
// This file is rewritten by corofy at build time; main_corofied.cpp beside it
// is the rewrite, kept for reading.
#include <cstddef>
#include <iostream>
#include <string>

#include "common/demo.hpp"
#include "common/http.hpp"
#include "common/timed_future.hpp"
#include "common/timeline.hpp"
#include "executor.hpp"
#include "figures.hpp"
#include "picture.hpp"
#include "future.hpp"
#include "http.hpp"
#include "runtime.hpp"

namespace {

// The GET, drawn on the timeline as a row labelled `label`: from its first
// poll to its answer, with a tick per poll when --svg records them.
async::FuturePtr<std::string> timed_get(const std::string& path, std::string label, common::Timeline* timeline) {
  return common::timed<async::Future<std::string>, const async::Waker&>(async::Http::get(path), std::move(label), *timeline);
}

coroutine void request(std::size_t i, int delay_ms, common::Timeline* timeline) {
  const std::string path = "/" + std::to_string(i * static_cast<std::size_t>(delay_ms)) + "/HelloAsyncAwait" + std::to_string(i);
  std::string response = timed_get(path, path, timeline).wait;
  std::cout << "request " << i << ": " << common::split_response(response).body << "\n";
}

coroutine void async_main(int requests, int delay_ms, common::Timeline* timeline) {
  std::cout << "Program starting\n";
  for (int i = requests; i >= 1; --i) async::spawn(request(static_cast<std::size_t>(i), delay_ms, timeline));
  std::string response = timed_get("/0/main", "main task: /0/main", timeline).wait;
  std::cout << "main task: " << common::split_response(response).body << " (the spawned tasks are still waiting)\n";
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"c-reactor-executor: a main task that spawns request(i) tasks on its executor, then makes its own request"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int requests = 5;
  app.add_option("--requests", requests, "how many request(i) tasks to spawn (request i waits i x delay-ms)")
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
    async::Runtime runtime;
    runtime.block_on(async_main(requests, delay_ms, &timeline));

    std::cout << "\n";
    timeline.print(std::cout);
    example::print_figures(std::cout, runtime.executor(), runtime.reactor());
    svg.write(timeline, {"ch06 c-reactor-executor: " + std::to_string(requests) + " request(i) tasks spawned by a main task, each woken alone",
                         example::figures_line(runtime.executor(), runtime.reactor())});
  });
}
