// b-async-await's coroutine once more, rewritten by corofy at build time, so
// that d-cpp20 can put the size of corofy's state machine beside the size of
// the C++20 frame for the same function.
#pragma once

#include <cstddef>
#include <string>

#include "future.hpp"

namespace twin {

[[nodiscard]] async::FuturePtr<void> async_main(std::string first_path, std::string second_path);

// sizeof the state machine corofy generated for async_main (AsyncMainCoroutine).
[[nodiscard]] std::size_t state_machine_size();

}  // namespace twin
