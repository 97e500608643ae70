# corofy_sources(TARGET FILE.coro.cpp... [WAKER])
#
# Rewrites each FILE.coro.cpp with corofy at build time and compiles the
# result into TARGET: the build writes <build>/corofied/<dir>/FILE_corofied.cpp
# and rewrites it whenever FILE.coro.cpp or corofy itself changes. WAKER
# generates chapter 6's `poll(const async::Waker&)` instead of `poll()`.
# FILE.coro.cpp's own directory is added to TARGET's include path, so the file
# can include its neighbours as it would if it were compiled where it is.
#
# A later chapter reuses the tool with:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/../ch04-coroutines/cmake/Corofy.cmake)
#   corofy_sources(ch06-e-corofied examples/e-corofied/main.coro.cpp WAKER)
include_guard(GLOBAL)

if(NOT TARGET corofy)
  add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/../corofy ${CMAKE_BINARY_DIR}/ch04-corofy)
endif()

function(corofy_sources target)
  cmake_parse_arguments(ARG "WAKER" "" "" ${ARGN})
  if(NOT ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "corofy_sources(${target} ...): name at least one FILE.coro.cpp")
  endif()
  set(flags)
  if(ARG_WAKER)
    set(flags --waker)
  endif()
  foreach(source IN LISTS ARG_UNPARSED_ARGUMENTS)
    get_filename_component(input "${source}" ABSOLUTE)
    get_filename_component(dir "${input}" DIRECTORY)
    get_filename_component(name "${input}" NAME)
    string(REGEX REPLACE "(\\.coro)?\\.cpp$" "" stem "${name}")
    file(RELATIVE_PATH relative "${CMAKE_CURRENT_SOURCE_DIR}" "${dir}")
    set(output_dir "${CMAKE_CURRENT_BINARY_DIR}/corofied/${relative}")
    set(output "${output_dir}/${stem}_corofied.cpp")
    file(MAKE_DIRECTORY "${output_dir}")
    add_custom_command(OUTPUT "${output}"
      COMMAND corofy "${input}" -o "${output}" ${flags}
      DEPENDS "${input}" corofy
      COMMENT "corofy ${source}"
      VERBATIM)
    target_sources(${target} PRIVATE "${output}")
    target_include_directories(${target} PRIVATE "${dir}")
  endforeach()
endfunction()
