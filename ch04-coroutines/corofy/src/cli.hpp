// The command line: `corofy INPUT [-o OUTPUT] [--waker] [--stdout] [--check]`.
//
// Kept apart from main() so tests run the whole tool in-process, with its
// output and errors going to streams they can read.
#pragma once

#include <iosfwd>

namespace corofy {

// Exit status: 0 done (or, with --check, up to date); 1 the input cannot be
// rewritten (diagnostics on `err`), cannot be read or written, or --check
// found the output out of date; 2 a bad command line.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace corofy
