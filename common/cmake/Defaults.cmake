# Settings shared by the top-level build and by every chapter built on its own.
# Included once, before any target is made.
include_guard(GLOBAL)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Debug CACHE STRING "Build type" FORCE)
endif()

if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux")
  message(FATAL_ERROR "This tutorial is about Linux's epoll and the Linux ABIs: build it on Linux.")
endif()

# The compilers this project is built and tested with. An older one fails
# deep inside C++20 code (coroutines, concepts, <ranges>) with pages of
# template errors; say so once, here, instead.
set(ASYNC_MIN_GCC 11)
set(ASYNC_MIN_CLANG 14)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  if(CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL ${ASYNC_MIN_GCC})
    set(_async_compiler_ok ON)
  else()
    set(_async_compiler_ok OFF)
  endif()
elseif(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  if(CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL ${ASYNC_MIN_CLANG})
    set(_async_compiler_ok ON)
  else()
    set(_async_compiler_ok OFF)
  endif()
else()
  set(_async_compiler_ok OFF)
endif()
if(NOT _async_compiler_ok)
  message(FATAL_ERROR
    "Unsupported C++ compiler: ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} (${CMAKE_CXX_COMPILER}).\n"
    "This project needs GCC ${ASYNC_MIN_GCC} or newer, or Clang ${ASYNC_MIN_CLANG} or newer (C++20).\n"
    "On Debian 12: `apt-get install g++-12` (or clang-16), then configure a fresh build folder with\n"
    "  cmake -S . -B build -DCMAKE_CXX_COMPILER=g++-12\n"
    "or use a preset that names one: `cmake --workflow --preset dev` (see CMakePresets.json).")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/Dependencies.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/Helpers.cmake)
