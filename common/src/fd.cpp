#include "common/fd.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace common {

void UniqueFd::reset(int fd) noexcept {
  if (fd_ >= 0 && ::close(fd_) == -1 && errno != EINTR) {
    // close(2): "the file descriptor is released early in close() [...] so
    // retrying after EINTR is wrong". Any other failure is only reported:
    // a destructor must not throw.
    std::fprintf(stderr, "warning: close(%d) failed: %s\n", fd_, std::strerror(errno));
  }
  fd_ = fd;
}

}  // namespace common
