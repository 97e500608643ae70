// Poll::poll: timeouts, signals, capacity, threads; errors that name the call.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <exception>
#include <set>
#include <string>
#include <system_error>
#include <thread>

#include "support.hpp"

using namespace ch01_test;
using evq::Interest;
using evq::Token;

namespace {

std::atomic<int> g_signals{0};
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only touch lock-free atomics");
extern "C" void count_signal(int) { g_signals.fetch_add(1, std::memory_order_relaxed); }

// Runs `body` and returns the system_error it throws (fails the test if none).
template <class F>
std::system_error error_of(F body) {
  try {
    body();
  } catch (const std::system_error& e) {
    return e;
  }
  FAIL("expected a std::system_error");
  return std::system_error(std::error_code{});
}

}  // namespace

TEST_SUITE("ch01/poll") {
  TEST_CASE("a timeout with nothing ready returns no events after about the timeout") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE);
    const auto start = Clock::now();
    const auto events = poll_once(poll, 100ms);
    const auto elapsed = ms_since(start);
    CHECK(events.empty());
    CHECK(elapsed >= 100);
    CHECK(elapsed < 1100);  // room for a loaded machine
  }

  TEST_CASE("a zero timeout only looks, and a negative one counts as zero") {
    evq::Poll poll;
    const auto start = Clock::now();
    CHECK(poll_once(poll, 0ms).empty());
    CHECK(poll_once(poll, -5s).empty());
    CHECK(ms_since(start) < 500);
  }

  TEST_CASE("a signal during poll does not surface EINTR, and the wait still ends on time") {
    struct sigaction action {};
    action.sa_handler = count_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART (epoll_wait ignores it anyway, signal(7))
    struct sigaction previous {};
    common::check(::sigaction(SIGUSR1, &action, &previous), "sigaction");
    g_signals = 0;

    evq::Poll poll;
    const pthread_t poller = ::pthread_self();
    std::atomic<bool> poll_returned{false};
    std::atomic<int> kill_error{0};
    // Pokes the polling thread every 10 ms until its poll returns (at most 3
    // s). The pause paces the signals; nothing waits on it for correctness.
    // A poll that restarted with its *whole* timeout after each signal would
    // not return before the pokes stop, and fail the elapsed check below.
    std::thread sender([&] {
      const auto give_up = Clock::now() + 3s;
      while (!poll_returned && Clock::now() < give_up) {
        if (int rc = ::pthread_kill(poller, SIGUSR1); rc != 0) kill_error = rc;
        std::this_thread::sleep_for(10ms);
      }
    });
    const auto start = Clock::now();
    std::vector<evq::Event> events;
    std::string failure;
    try {
      events = poll_once(poll, 300ms);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    const auto elapsed = ms_since(start);
    poll_returned = true;
    sender.join();
    common::check(::sigaction(SIGUSR1, &previous, nullptr), "sigaction");

    CHECK(failure == "");
    CHECK(kill_error == 0);
    CHECK(g_signals > 1);  // the wait really was interrupted
    CHECK(events.empty());
    CHECK(elapsed >= 300);
    CHECK(elapsed < 2000);
  }

  TEST_CASE("one poll returns at most the capacity of Events; the rest come with the next") {
    evq::Poll poll;
    std::vector<std::pair<common::UniqueFd, common::UniqueFd>> pairs;
    for (std::size_t i = 0; i < 5; ++i) {
      pairs.push_back(socket_pair());
      poll.registry().register_(pairs.back().first.get(), Token{i}, Interest::READABLE);
      put(pairs.back().second.get(), "x");
    }
    evq::Events events(2);
    std::set<std::size_t> seen;
    std::vector<std::size_t> sizes;
    for (int i = 0; i < 5 && seen.size() < 5; ++i) {
      poll.poll(events, kMustArrive);
      sizes.push_back(events.size());
      for (evq::Event event : events) seen.insert(event.token().value());
    }
    CHECK(sizes == std::vector<std::size_t>{2, 2, 1});
    CHECK(seen == std::set<std::size_t>{0, 1, 2, 3, 4});
  }

  TEST_CASE("a source registered from another thread wakes a poll that is already waiting") {
    evq::Poll poll;
    auto sockets = socket_pair();  // not a structured binding: Clang 14 cannot capture one in a lambda
    auto& ours = sockets.first;
    auto& peer = sockets.second;
    put(peer.get(), "ready before anyone asked");
    std::exception_ptr failure;
    std::thread registrar([&] {
      try {
        poll.registry().register_(ours.get(), Token{4}, Interest::READABLE);
      } catch (...) {
        failure = std::current_exception();
      }
    });
    const auto events = poll_once(poll, kMustArrive);
    registrar.join();
    CHECK_FALSE(failure);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{4});
  }

  TEST_CASE("a cloned registry adds to the same queue and keeps working after the Poll moves") {
    evq::Poll first;
    const evq::Registry clone = first.registry().try_clone();
    evq::Poll moved = std::move(first);
    CHECK(clone.as_raw_fd() != moved.registry().as_raw_fd());

    auto sockets = socket_pair();  // not a structured binding: Clang 14 cannot capture one in a lambda
    auto& ours = sockets.first;
    auto& peer = sockets.second;
    clone.register_(ours.get(), Token{6}, Interest::READABLE);
    put(peer.get(), "x");
    const auto events = poll_once(moved, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{6});
  }

  TEST_CASE("errors are std::system_error naming the call: a bad fd, registering twice, a regular file") {
    evq::Poll poll;
    auto bad_fd = error_of([&] { poll.registry().register_(-1, Token{0}, Interest::READABLE); });
    CHECK(bad_fd.code() == std::error_code(EBADF, std::system_category()));
    CHECK(std::string(bad_fd.what()).starts_with("epoll_ctl(ADD)"));

    auto sockets = socket_pair();  // not a structured binding: Clang 14 cannot capture one in a lambda
    auto& ours = sockets.first;
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE);
    auto twice = error_of([&] { poll.registry().register_(ours.get(), Token{0}, Interest::READABLE); });
    CHECK(twice.code() == std::error_code(EEXIST, std::system_category()));
    CHECK(std::string(twice.what()).starts_with("epoll_ctl(ADD)"));

    // A regular file is always "ready", so epoll refuses it (epoll_ctl(2): EPERM).
    common::UniqueFd file(common::check(::open("/proc/self/exe", O_RDONLY | O_CLOEXEC), "open"));
    auto regular = error_of([&] { poll.registry().register_(file.get(), Token{1}, Interest::READABLE); });
    CHECK(regular.code() == std::error_code(EPERM, std::system_category()));
  }

  TEST_CASE("errors name the call: deregistering twice, reregistering what was never registered") {
    evq::Poll poll;
    auto sockets = socket_pair();  // not a structured binding: Clang 14 cannot capture one in a lambda
    auto& ours = sockets.first;
    auto& peer = sockets.second;
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE);
    poll.registry().deregister(ours.get());
    auto twice = error_of([&] { poll.registry().deregister(ours.get()); });
    CHECK(twice.code() == std::error_code(ENOENT, std::system_category()));
    CHECK(std::string(twice.what()).starts_with("epoll_ctl(DEL)"));

    auto never = error_of([&] { poll.registry().reregister(peer.get(), Token{1}, Interest::READABLE); });
    CHECK(never.code() == std::error_code(ENOENT, std::system_category()));
    CHECK(std::string(never.what()).starts_with("epoll_ctl(MOD)"));
  }

  TEST_CASE("polling a moved-from Poll is an error naming epoll_wait, not a hang") {
    evq::Poll poll;
    evq::Poll other = std::move(poll);
    evq::Events events(1);
    // NOLINTNEXTLINE(bugprone-use-after-move): the point of the test
    auto error = error_of([&] { poll.poll(events, 0ms); });
    CHECK(error.code() == std::error_code(EBADF, std::system_category()));
    CHECK(std::string(error.what()).starts_with("epoll_wait"));
  }
}
