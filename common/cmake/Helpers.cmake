# Functions every chapter uses to declare its targets, tests, examples and
# exercises the same way.
include_guard(GLOBAL)

set(EXERCISE_IMPL "solution" CACHE STRING
    "Build exercise tests against the reference `solution` or the student's `starter`")
set_property(CACHE EXERCISE_IMPL PROPERTY STRINGS solution starter)
if(NOT EXERCISE_IMPL MATCHES "^(solution|starter)$")
  message(FATAL_ERROR "EXERCISE_IMPL must be `solution` or `starter`, not `${EXERCISE_IMPL}`")
endif()

# Seconds one ctest entry may run before it counts as hung.
set(ASYNC_TEST_TIMEOUT 120 CACHE STRING "ctest timeout per test, in seconds")

# Warnings as errors are for CI, never for a student: a newer compiler may
# warn about something ours does not, and that must not break their build.
# ASYNC_WERROR defaults to the environment variable of the same name (CI
# exports ASYNC_WERROR=ON), else OFF; no preset sets it.
if(DEFINED ENV{ASYNC_WERROR} AND NOT "$ENV{ASYNC_WERROR}" STREQUAL "")
  set(_async_werror_default "$ENV{ASYNC_WERROR}")
else()
  set(_async_werror_default OFF)
endif()
option(ASYNC_WERROR "Treat warnings in this project's code as errors (CI turns it on)" ${_async_werror_default})

# Our own code is held to C++20 with -Wall -Wextra -Wpedantic (errors only
# with ASYNC_WERROR); the dependencies' headers come in as SYSTEM includes
# and are not.
# GCC 12, when optimising, warns -Wrestrict inside libstdc++'s own
# basic_string code wherever `"text" + std::string` is inlined (GCC bug
# 105329, a false positive: the two buffers never overlap); which call sites
# it reports changes with every inlining decision, so it is turned off for
# GCC 12 alone rather than chased file by file.
function(async_target target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set(_async_warnings -Wall -Wextra -Wpedantic)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    list(APPEND _async_warnings -Wno-restrict)
  endif()
  target_compile_options(${target} PRIVATE ${_async_warnings} $<$<BOOL:${ASYNC_WERROR}>:-Werror>)
endfunction()

# async_library(NAME SOURCES ... [INCLUDE dir] [LINK ...])
# A chapter's library; its headers are included as "name.hpp" from INCLUDE.
function(async_library name)
  cmake_parse_arguments(ARG "" "INCLUDE" "SOURCES;LINK" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  async_target(${name})
  if(ARG_INCLUDE)
    target_include_directories(${name} PUBLIC ${ARG_INCLUDE})
  endif()
  target_link_libraries(${name} PUBLIC ${ARG_LINK})
endfunction()

# async_example(CHAPTER chNN NAME a-epoll SOURCES ... [LINK ...])
# One CLI11 program per step of a chapter. The target is `chNN-NAME` (targets
# share one namespace in the top-level build); the program file is just NAME.
function(async_example)
  cmake_parse_arguments(ARG "" "CHAPTER;NAME" "SOURCES;LINK" ${ARGN})
  set(target ${ARG_CHAPTER}-${ARG_NAME})
  add_executable(${target} ${ARG_SOURCES})
  async_target(${target})
  set_target_properties(${target} PROPERTIES OUTPUT_NAME ${ARG_NAME})
  target_link_libraries(${target} PRIVATE common::demo ${ARG_LINK})
endfunction()

# async_tests(TARGET name LABEL chapter-folder SOURCES ... [LINK ...])
# A doctest binary; every TEST_CASE becomes a ctest entry named
# "<label>/<test case>" carrying the label, so `ctest -L <label>` runs it.
# A test that prints "SKIPPED under qemu-user: <why>" (common/testing/emulator.hpp)
# counts as skipped.
function(async_tests)
  cmake_parse_arguments(ARG "" "TARGET;LABEL" "SOURCES;LINK" ${ARGN})
  add_executable(${ARG_TARGET} ${ARG_SOURCES})
  async_target(${ARG_TARGET})
  target_link_libraries(${ARG_TARGET} PRIVATE common::doctest_main ${ARG_LINK})
  doctest_discover_tests(${ARG_TARGET}
    TEST_PREFIX "${ARG_LABEL}/"
    PROPERTIES LABELS "${ARG_LABEL}" TIMEOUT ${ASYNC_TEST_TIMEOUT}
               SKIP_REGULAR_EXPRESSION "SKIPPED under qemu-user: ")
endfunction()

option(ASYNC_WRONG_ANSWERS
  "Also build every exercise's wrong answers (exercises/NN-name/wrong/NAME/), for scripts/check-exercises.sh"
  OFF)

# async_exercise(DIR exercises/01-name LABEL chapter-folder [LINK ...])
# An exercise folder holds README.md, starter/, solution/, tests/ and
# wrong/NAME/ folders. The tests are built against ${EXERCISE_IMPL}/
# (solution by default; configure with -DEXERCISE_IMPL=starter to work on the
# starters). The whole test binary is one ctest entry labelled `exercise` and
# the chapter, so a student runs `ctest -L exercise` and CI can prove each
# exercise fails on its starter.
#
# With -DASYNC_WRONG_ANSWERS=ON each wrong/NAME/ is built too, as target
# <exercise target>-wrong-NAME: the solution with the same-named files
# replaced by wrong/NAME's, whose include folder comes first. Wrong answers are
# not ctest entries (they fail on purpose); scripts find them through the
# manifests written to ${CMAKE_BINARY_DIR}/exercise-manifests/.
function(async_exercise)
  cmake_parse_arguments(ARG "" "DIR;LABEL" "LINK" ${ARGN})
  get_filename_component(dir "${ARG_DIR}" ABSOLUTE)
  get_filename_component(name "${dir}" NAME)
  string(REGEX REPLACE "^(ch[0-9]+).*" "\\1" chapter "${ARG_LABEL}")
  string(REGEX REPLACE "^([0-9]+).*" "\\1" number "${name}")
  set(id "${chapter}/${number}")
  set(target ${chapter}-exercise-${name})
  set(test_name "${ARG_LABEL}: exercise ${name}")
  file(GLOB impl_sources CONFIGURE_DEPENDS "${dir}/${EXERCISE_IMPL}/*.cpp")
  file(GLOB test_sources CONFIGURE_DEPENDS "${dir}/tests/*.cpp")
  if(NOT test_sources)
    message(FATAL_ERROR "exercise ${dir} has no tests/*.cpp")
  endif()
  add_executable(${target} ${impl_sources} ${test_sources})
  async_target(${target})
  target_include_directories(${target} PRIVATE "${dir}/${EXERCISE_IMPL}")
  target_link_libraries(${target} PRIVATE common::doctest_main ${ARG_LINK})
  add_test(NAME "${test_name}" COMMAND ${target})
  set_tests_properties("${test_name}" PROPERTIES
    LABELS "exercise;${ARG_LABEL}" TIMEOUT ${ASYNC_TEST_TIMEOUT})
  if(NOT TARGET exercises)
    add_custom_target(exercises)
  endif()
  add_dependencies(exercises ${target})

  # One line per key, read by scripts/exercise and scripts/check-exercises.sh.
  # The folder is emptied once per configure, so no removed exercise lingers.
  set(manifests "${CMAKE_BINARY_DIR}/exercise-manifests")
  get_property(manifests_cleared GLOBAL PROPERTY ASYNC_EXERCISE_MANIFESTS_CLEARED)
  if(NOT manifests_cleared)
    file(REMOVE_RECURSE "${manifests}")
    set_property(GLOBAL PROPERTY ASYNC_EXERCISE_MANIFESTS_CLEARED ON)
  endif()
  file(GENERATE OUTPUT "${manifests}/${target}.txt" CONTENT
"kind=exercise
id=${id}
dir=${dir}
impl=${EXERCISE_IMPL}
target=${target}
binary=$<TARGET_FILE:${target}>
test=${test_name}
")

  if(NOT ASYNC_WRONG_ANSWERS)
    return()
  endif()
  file(GLOB solution_files CONFIGURE_DEPENDS "${dir}/solution/*")
  file(GLOB wrong_dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS "${dir}/wrong/*")
  foreach(wrong_dir IN LISTS wrong_dirs)
    if(NOT IS_DIRECTORY "${wrong_dir}")
      continue()
    endif()
    get_filename_component(wrong "${wrong_dir}" NAME)
    file(GLOB wrong_files CONFIGURE_DEPENDS "${wrong_dir}/*")
    if(NOT wrong_files)
      message(FATAL_ERROR "wrong answer ${wrong_dir} is empty")
    endif()
    set(sources ${test_sources})
    foreach(file IN LISTS solution_files)
      get_filename_component(file_name "${file}" NAME)
      if(EXISTS "${wrong_dir}/${file_name}")
        set(file "${wrong_dir}/${file_name}")
      endif()
      if(file_name MATCHES "\\.cpp$")
        list(APPEND sources "${file}")
      endif()
    endforeach()
    foreach(file IN LISTS wrong_files)
      get_filename_component(file_name "${file}" NAME)
      if(NOT EXISTS "${dir}/solution/${file_name}")
        message(FATAL_ERROR "wrong answer file ${file} replaces no file of ${dir}/solution/")
      endif()
    endforeach()
    set(wrong_target ${target}-wrong-${wrong})
    add_executable(${wrong_target} ${sources})
    async_target(${wrong_target})
    target_include_directories(${wrong_target} PRIVATE "${wrong_dir}" "${dir}/solution")
    target_link_libraries(${wrong_target} PRIVATE common::doctest_main ${ARG_LINK})
    if(NOT TARGET wrong-answers)
      add_custom_target(wrong-answers)
    endif()
    add_dependencies(wrong-answers ${wrong_target})
    file(GENERATE OUTPUT "${manifests}/${wrong_target}.txt" CONTENT
"kind=wrong
id=${id}
dir=${dir}
wrong=${wrong}
wrong_dir=${wrong_dir}
target=${wrong_target}
binary=$<TARGET_FILE:${wrong_target}>
")
  endforeach()
endfunction()
