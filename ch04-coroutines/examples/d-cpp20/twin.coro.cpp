// b-async-await's coroutine, for d-cpp20 to measure (see twin.hpp). corofy
// names the state machine of a coroutine `async_main` AsyncMainCoroutine.
#include "twin.hpp"

#include <iostream>

#include "http.hpp"

namespace twin {

coroutine void async_main(std::string first_path, std::string second_path) {
  std::cout << "Program starting\n";
  std::string txt = async::Http::get(first_path).wait;
  std::cout << txt << "\n";
  txt = async::Http::get(second_path).wait;
  std::cout << txt << "\n";
}

std::size_t state_machine_size() { return sizeof(AsyncMainCoroutine); }

}  // namespace twin
