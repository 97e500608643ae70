// corofy's entry point: a whole source file in, the rewritten file out.
//
//   std::string out = corofy::rewrite(source, {.file_name = "main.coro.cpp"});
//
// Everything outside the `coroutine` functions is copied unchanged; each
// coroutine is replaced by its state machine (generator.hpp). A banner at the
// top says the file is generated and includes what the generated code uses.
#pragma once

#include <string>
#include <string_view>

#include "diagnostic.hpp"
#include "options.hpp"

namespace corofy {

// Throws RewriteError with every diagnostic when something cannot be
// rewritten; nothing is half-done.
[[nodiscard]] std::string rewrite(std::string_view source, const Options& options);

// Where the output goes by default: main.coro.cpp -> main_corofied.cpp,
// dir/foo.cpp -> dir/foo_corofied.cpp.
[[nodiscard]] std::string default_output_path(std::string_view input_path);

}  // namespace corofy
