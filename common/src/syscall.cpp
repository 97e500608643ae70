#include "common/syscall.hpp"

namespace common {

void throw_errno(const char* what) { throw_error(errno, what); }

void throw_error(int error, const char* what) {
  throw std::system_error(error, std::system_category(), what);
}

}  // namespace common
