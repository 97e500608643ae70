// A coroutine without a wait: one state, Start, runs the whole body on the
// first poll, and the future is Ready at once. Creating it runs nothing.
#include "future.hpp"

namespace golden01 {

int calls = 0;

coroutine void count_call() {
  ++calls;
}

}  // namespace golden01
