// What every example program shares: the --server option and one clear line,
// not a crash, when the delay server is not running.
#pragma once

#include <functional>
#include <string>

#include "common/cli.hpp"
#include "common/server_address.hpp"
#include "common/svg.hpp"

namespace common {

// Adds `--server HOST:PORT` (default: $DELAYSERVER, else 127.0.0.1:8080).
cli::Option* add_server_option(cli::App& app, ServerAddress& address);

// Adds `--svg FILE`: the demo draws its run there (common/svg.hpp). The
// file is opened while the command line is parsed, so an unwritable path is
// one line and exit status 2 (see run_demo) before any work starts.
cli::Option* add_svg_option(cli::App& app, SvgFile& svg);

// The command that starts a delay server on `address`'s port, for messages:
// "/path/to/build/common/delayserver --port 8080".
[[nodiscard]] std::string delayserver_command(const ServerAddress& address);

// Parses the command line, then runs `body`. Returns main()'s exit status:
// 0 after --help and non-zero after a bad option (CLI11's statuses); 2 with "error: ..." when an option's
// own check fails while parsing (--svg cannot open its file); 2 with one line naming the server and
// how to start one when it cannot be reached; 1 with "error: ..." for any
// other exception; 0 when `body` returns.
int run_demo(cli::App& app, int argc, char** argv, const std::function<void()>& body);

}  // namespace common
