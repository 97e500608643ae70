# The three dependencies, all from Debian packages. A missing one stops
# configure with one line that names the package to install.
include_guard(GLOBAL)

function(_async_missing what package)
  message(FATAL_ERROR "${what} not found: install it with `apt-get install ${package}` "
                      "(or run scripts/setup.sh, which installs everything this project needs)")
endfunction()

# doctest (doctest-dev ships a CMake package and doctest.cmake for test discovery).
find_package(doctest QUIET CONFIG)
if(NOT doctest_FOUND)
  _async_missing("doctest" "doctest-dev")
endif()
include(doctest OPTIONAL RESULT_VARIABLE _async_doctest_module)
if(NOT _async_doctest_module)
  find_file(_async_doctest_cmake doctest.cmake PATHS /usr/lib/cmake/doctest NO_CACHE)
  include(${_async_doctest_cmake})
endif()

# CLI11 (libcli11-dev ships a CMake package).
find_package(CLI11 QUIET CONFIG)
if(NOT CLI11_FOUND)
  find_path(_async_cli11_dir CLI/CLI.hpp)
  if(NOT _async_cli11_dir)
    _async_missing("CLI11" "libcli11-dev")
  endif()
  add_library(CLI11::CLI11 INTERFACE IMPORTED GLOBAL)
  target_include_directories(CLI11::CLI11 SYSTEM INTERFACE ${_async_cli11_dir})
endif()

# Standalone asio (libasio-dev is header only, with no CMake package).
if(NOT TARGET async_deps::asio)
  find_path(ASIO_INCLUDE_DIR asio.hpp)
  if(NOT ASIO_INCLUDE_DIR)
    _async_missing("standalone asio" "libasio-dev")
  endif()
  find_package(Threads REQUIRED)
  add_library(async_deps_asio INTERFACE)
  add_library(async_deps::asio ALIAS async_deps_asio)
  target_include_directories(async_deps_asio SYSTEM INTERFACE ${ASIO_INCLUDE_DIR})
  target_compile_definitions(async_deps_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)
  target_link_libraries(async_deps_asio INTERFACE Threads::Threads)
  # GCC 12 warns that asio's std::atomic_thread_fence is invisible to
  # ThreadSanitizer (-Wtsan), which -Werror would turn into a failed build of
  # anything that includes asio under -fsanitize=thread.
  target_compile_options(async_deps_asio INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-tsan>)
endif()
