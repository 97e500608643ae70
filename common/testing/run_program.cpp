#include "run_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string_view>

#include "common/fd.hpp"
#include "common/syscall.hpp"

extern char** environ;

namespace testing {

namespace {

// posix_spawn and its helpers return an error number instead of setting errno.
void check_spawn(int result, const char* what) {
  if (result != 0) common::throw_error(result, what);
}

struct FileActions {
  FileActions() { check_spawn(::posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init"); }
  ~FileActions() { ::posix_spawn_file_actions_destroy(&actions); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t actions;
};

ProgramResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                  const std::vector<std::string>& environment, [[maybe_unused]] bool built_here) {
  int out_pipe[2];
  int err_pipe[2];
  common::check(::pipe2(out_pipe, O_CLOEXEC), "pipe2(stdout)");
  common::UniqueFd out_read(out_pipe[0]);
  common::UniqueFd out_write(out_pipe[1]);
  common::check(::pipe2(err_pipe, O_CLOEXEC), "pipe2(stderr)");
  common::UniqueFd err_read(err_pipe[0]);
  common::UniqueFd err_write(err_pipe[1]);

  FileActions files;
  // dup2 clears O_CLOEXEC on the copy, so only these two reach the child.
  check_spawn(::posix_spawn_file_actions_adddup2(&files.actions, out_write.get(), STDOUT_FILENO), "adddup2(stdout)");
  check_spawn(::posix_spawn_file_actions_adddup2(&files.actions, err_write.get(), STDERR_FILENO), "adddup2(stderr)");

  // In a cross build a program built here runs under the emulator
  // (qemu-user), which takes the program's path and arguments after its own.
  std::vector<std::string> words;
#ifdef ASYNC_TEST_EMULATOR
  for (std::string_view line = ASYNC_TEST_EMULATOR; built_here && !line.empty();) {
    const auto end = std::min(line.find('\x1f'), line.size());
    words.emplace_back(line.substr(0, end));
    line.remove_prefix(std::min(end + 1, line.size()));
  }
#endif
  words.insert(words.end(), argv.begin(), argv.end());
  std::vector<char*> args;
  for (const std::string& a : words) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> env;
  for (char** e = environ; *e != nullptr; ++e) env.push_back(*e);
  for (const std::string& e : environment) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);

  pid_t pid = 0;
  check_spawn(::posix_spawn(&pid, words.at(0).c_str(), &files.actions, nullptr, args.data(), env.data()),
              "posix_spawn");
  out_write.reset();  // the child holds the write ends now: EOF comes when it exits
  err_write.reset();

  ProgramResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out_read.get(), POLLIN, 0}, {err_read.get(), POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open = 2;
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      common::check(::kill(pid, SIGKILL), "kill");
      break;
    }
    const int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready == -1 && errno == EINTR) continue;  // a signal arrived: poll again
    common::check(ready, "poll");
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[4096];
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n == -1 && errno == EINTR) continue;  // retried on the next round
      common::check(n, "read");
      if (n == 0) {
        fds[i].fd = -1;  // EOF; poll(2) ignores negative descriptors
        --open;
      } else {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));  // n > 0 here: the cast keeps its value
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) == -1) {
    if (errno != EINTR) common::throw_errno("waitpid");  // EINTR: a signal arrived, wait again
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace

ProgramResult run_program(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          const std::vector<std::string>& environment) {
  return run(argv, timeout, environment, true);
}

ProgramResult run_host_program(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  return run(argv, timeout, {}, false);
}

}  // namespace testing
