// What both benchmarks print about the machine and the build.
#pragma once

#include <sys/utsname.h>

#include <fstream>
#include <string>

namespace bench {

inline std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  utsname name{};
  return ::uname(&name) == 0 ? std::string(name.machine) : std::string("unknown CPU");
}

inline std::string build_description() {
  std::string text;
#if defined(__clang__)
  text = "Clang " __clang_version__;
#elif defined(__GNUC__)
  text = "GCC " __VERSION__;
#endif
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  text += ", optimized (Release)";
#else
  text += ", NOT an optimized Release build: the figures mean little (configure with -DCMAKE_BUILD_TYPE=Release)";
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  text += ", with a sanitizer: the figures mean nothing";
#endif
  return text;
}

}  // namespace bench
