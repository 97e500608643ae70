# CMake toolchain: cross-build for aarch64 Linux with Debian's
# g++-aarch64-linux-gnu, and run what was built under qemu-user.
# scripts/cross-aarch64.sh uses it for the whole tree or one chapter:
#
#   cmake -S . -B build/cross-aarch64 -G Ninja \
#     -DCMAKE_TOOLCHAIN_FILE=common/cmake/aarch64-linux-gnu.cmake \
#     -DASYNC_HOST_HEADERS=<dir>
#
# The header-only dependencies (doctest, CLI11, asio) live in the host's
# /usr/include, which the cross compiler must not search as a whole: it would
# find the host's glibc headers there instead of its own. ASYNC_HOST_HEADERS
# names a directory whose include/ holds symlinks to just those headers and
# whose cmake/doctest/ holds a doctest package pointing at them (the script
# makes it).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_ASM_COMPILER aarch64-linux-gnu-g++)

# try_compile projects get these too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ASYNC_HOST_HEADERS)

# Libraries and headers come from the aarch64 sysroot and the staging
# directory only; programs (cmake's helpers) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu ${ASYNC_HOST_HEADERS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

if(ASYNC_HOST_HEADERS)
  set(doctest_DIR "${ASYNC_HOST_HEADERS}/cmake/doctest" CACHE PATH "doctest package for the cross build")
endif()
# doctest_discover_tests() comes from doctest's CMake scripts, which are
# plain CMake and the same for every target.
list(APPEND CMAKE_MODULE_PATH /usr/lib/cmake/doctest)

# Test discovery (at build time), build-time tools (corofy), ctest, and the
# tests that start a built program (run_program) run aarch64 programs
# through qemu-user; -L points it at the aarch64 dynamic loader and libraries.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/usr/aarch64-linux-gnu)
