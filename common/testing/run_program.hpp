// run_program: runs a built program with a deadline and returns its exit
// status and output, for tests of command-line behaviour (exit statuses,
// what a demo prints). A program that outlives the deadline is killed and
// the result says so: a test fails, it never hangs.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace testing {

struct ProgramResult {
  int status = -1;  // the exit status; -1 when killed by a signal or the deadline
  bool timed_out = false;
  std::string out;  // everything it wrote to stdout
  std::string err;  // and to stderr
};

// argv[0] is the program's path. Extra environment variables are `NAME=value`.
[[nodiscard]] ProgramResult run_program(const std::vector<std::string>& argv,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(30),
                                        const std::vector<std::string>& environment = {});

// The same for a program of the machine the tests run on (xmllint), never
// through a cross build's emulator.
[[nodiscard]] ProgramResult run_host_program(const std::vector<std::string>& argv,
                                             std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace testing
