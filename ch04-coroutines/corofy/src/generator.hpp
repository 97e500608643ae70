// The generator: one analysed coroutine in, plain C++ out.
//
// For `coroutine T name(PARAMS) { BODY }` it writes, in place of the original:
//
//   1. the original, as a comment;
//   2. a class NameCoroutine : public async::Future<T> (in an unnamed
//      namespace), whose poll() is a loop around a switch on the state:
//        case Start:  segment 0, then create the first wait's future
//        case WaitK:  poll that future; NotReady -> return NotReady; Ready ->
//                     store the output, run segment K, create the next future
//        case Resolved: polled after Ready -> throw
//      Each segment is your code, copied with a comment naming its lines;
//      parameters and locals that live across a wait are members;
//   3. the function `async::FuturePtr<T> name(PARAMS)` that creates it and
//      runs nothing: nothing happens until the first poll.
#pragma once

#include <string>

#include "analysis.hpp"
#include "options.hpp"

namespace corofy {

[[nodiscard]] std::string generate(const SourceFile& file, const Coroutine& coroutine, const Options& options);

}  // namespace corofy
