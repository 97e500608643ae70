// d-cpp20: the same program in C++20 coroutines: the compiler is corofy.
//
// async_main below is b-async-await's coroutine with `co_await` for `.wait`
// and async::Task<void> (src/task.hpp) as its return type. The compiler
// rewrites it the way corofy does: the parameters and the locals that live
// across a co_await move into a heap-allocated coroutine frame, and each
// co_await becomes a point where the function can stop and later go on. A
// Task is a Future, so the same stand-in loop polls it.
//
// At the end it prints what each version of this one function costs on the
// heap: the state machine written by hand (a-coroutine), the one corofy
// generated (b-async-await, built here again as twin.coro.cpp), and the
// C++20 frame, as the frame's allocation asked for it.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "a-coroutine/coroutine.hpp"
#include "common/demo.hpp"
#include "http.hpp"
#include "task.hpp"
#include "twin.hpp"

namespace {

// Parameters by value: a coroutine keeps them in its frame until it ends,
// and a reference could outlive what it refers to (C++ Core Guidelines CP.53).
async::Task<void> async_main(std::string first_path, std::string second_path) {
  std::cout << "Program starting\n";
  std::string txt = co_await async::Http::get(first_path);
  std::cout << txt << "\n";
  txt = co_await async::Http::get(second_path);
  std::cout << txt << "\n";
}

std::string compiler() {
#if defined(__clang__)
  std::string name = "clang " __clang_version__;
#elif defined(__GNUC__)
  std::string name = "GCC " __VERSION__;
#else
  std::string name = "this compiler";
#endif
  while (name.ends_with(' ')) name.pop_back();
  return name;
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"d-cpp20: the same coroutine in C++20 co_await, and what each version costs"};
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
    auto task = async_main("/" + std::to_string(first_ms) + "/HelloWorld1",
                           "/" + std::to_string(second_ms) + "/HelloWorld2");
    for (int polls = 1;; ++polls) {
      const bool ready = task.poll().is_ready();
      std::cout << "poll " << polls << ": " << (ready ? "Ready" : "NotReady -> schedule other tasks") << "\n";
      if (ready) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
    }
    std::cout << "\nthe same function, three ways, in bytes on the heap:\n"
              << "  by hand (a-coroutine's Coroutine, a std::variant of states)  " << sizeof(example::Coroutine) << "\n"
              << "  by corofy (b-async-await's AsyncMainCoroutine)              " << twin::state_machine_size() << "\n"
              << "  by the compiler (the C++20 coroutine frame)                 " << task.frame_size() << "\n"
              << "(the frame as " << compiler() << " lays it out; it also holds the promise, the awaiters and\n"
              << " the resume and destroy pointers, where the classes have a vtable pointer)\n";
  });
}
