# Included first by every chapter's CMakeLists.txt, so that the chapter builds
# both as a subdirectory of the top-level project and on its own
# (`cmake -S chNN-name -B build`). On its own it pulls in common/ itself,
# without common's tests.
include(${CMAKE_CURRENT_LIST_DIR}/Defaults.cmake)
enable_testing()
set(ASYNC_SOURCE_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." CACHE INTERNAL "")
if(NOT TARGET common::util)
  set(ASYNC_COMMON_TESTS OFF)
  add_subdirectory(${ASYNC_SOURCE_ROOT}/common ${CMAKE_BINARY_DIR}/common)
endif()

# async_use_chapter(ch01-event-queue): link an earlier chapter's library (the
# book switches to mio after its chapter 4; later chapters switch to ch01's
# event queue). A chapter's library target is named after its folder. Pulled
# in this way, the earlier chapter builds its library only: no tests, examples
# or exercises (it checks ASYNC_AS_DEPENDENCY).
macro(async_use_chapter folder)
  if(NOT TARGET ${folder})
    set(ASYNC_AS_DEPENDENCY ON)
    add_subdirectory(${ASYNC_SOURCE_ROOT}/${folder} ${CMAKE_BINARY_DIR}/${folder})
    unset(ASYNC_AS_DEPENDENCY)
  endif()
endmacro()
