#!/usr/bin/env bash
# Cross-builds the tree (or one chapter alone) for aarch64 with Debian's
# g++-aarch64-linux-gnu, then runs the tests (ctest) under qemu-user, and
# ch02's tour.txt demos (which need no server). What differs on aarch64: ch02's
# switch is hand-written assembly per architecture, and ch01's epoll_event is
# 16 bytes there, not packed (ch05 and ch06 link ch01's library). Tests that
# qemu-user cannot support are skipped with a printed reason (the script lists
# them). Needs: g++-aarch64-linux-gnu qemu-user (scripts/setup.sh --ci).
#
#   scripts/cross-aarch64.sh                    # the whole tree, in build/cross-aarch64
#   scripts/cross-aarch64.sh ch02-fibers        # one chapter alone, in build/cross-aarch64-ch02-fibers
#   BUILD=/tmp/cross scripts/cross-aarch64.sh   # the whole tree, elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."
sysroot=/usr/aarch64-linux-gnu

case "${1:-}" in
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
source_dir=.
default_build=build/cross-aarch64
if (($# > 0)); then
  source_dir=${1%/}
  if [[ ! -f "$source_dir/CMakeLists.txt" || "$source_dir" != ch[0-9][0-9]-* ]]; then
    echo "cross-aarch64: '$1' is not a chapter folder (e.g. ch02-fibers)" >&2
    exit 2
  fi
  default_build=build/cross-aarch64-$source_dir
fi
build=${BUILD:-$default_build}

for tool in aarch64-linux-gnu-g++ qemu-aarch64; do
  if ! command -v "$tool" >/dev/null; then
    echo "cross-aarch64: $tool not found: install g++-aarch64-linux-gnu and qemu-user" \
         "(scripts/setup.sh --ci installs both)" >&2
    exit 1
  fi
done

# The header-only dependencies, and nothing else of the host's /usr/include
# (see common/cmake/aarch64-linux-gnu.cmake), plus a doctest package that
# points at them.
stage=$(mkdir -p "$build" && cd "$build" && pwd)/host-headers
mkdir -p "$stage/include" "$stage/cmake/doctest"
for header in doctest CLI asio asio.hpp; do
  if [[ ! -e /usr/include/$header ]]; then
    echo "cross-aarch64: /usr/include/$header not found: run scripts/setup.sh" >&2
    exit 1
  fi
  ln -sfn "/usr/include/$header" "$stage/include/$header"
done
cat >"$stage/cmake/doctest/doctestConfig.cmake" <<'CMAKE'
# doctest for the cross build: its headers only (made by scripts/cross-aarch64.sh).
if(NOT TARGET doctest::doctest)
  add_library(doctest::doctest INTERFACE IMPORTED)
  set_target_properties(doctest::doctest PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${CMAKE_CURRENT_LIST_DIR}/../../include")
endif()
CMAKE

echo "==== configure $source_dir for aarch64 ($build)"
cmake -S "$source_dir" -B "$build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$PWD/common/cmake/aarch64-linux-gnu.cmake" \
  -DASYNC_HOST_HEADERS="$stage" >/dev/null
echo "==== build"
cmake --build "$build" -j2
some_program=$(find "$build" -name '*_tests' -type f -perm -u+x | head -n 1)
if [[ -z "$some_program" ]] || ! file "$some_program" | grep -q "ARM aarch64"; then
  echo "cross-aarch64: ${some_program:-no test program} is not an aarch64 program" >&2
  exit 1
fi

echo "==== tests under qemu-aarch64"
status=0
ctest --test-dir "$build" -j2 --output-on-failure --no-tests=error || status=$?
# A test that qemu-user cannot support says so (SKIPPED under qemu-user: why)
# and ctest counts it as skipped: list every reason.
if [[ -f "$build/Testing/Temporary/LastTest.log" ]]; then
  skipped=$(grep -hoE "(SKIPPED under qemu-user|skipped): .*" "$build/Testing/Temporary/LastTest.log" | sort | uniq -c || true)
  if [[ -n "$skipped" ]]; then
    echo "==== skipped under qemu-user (count, reason)"
    printf '%s\n' "$skipped"
  fi
fi
((status == 0)) || exit "$status"

fibers=$build
[[ "$source_dir" == . ]] && fibers=$build/ch02-fibers
if [[ -f "$fibers/c-fibers" ]]; then
  echo "==== ch02-fibers/tour.txt under qemu-aarch64"
  while read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    read -ra words <<<"$line"
    echo "---- ${words[*]}"
    qemu-aarch64 -L "$sysroot" "$fibers/${words[0]}" "${words[@]:1}"
  done <ch02-fibers/tour.txt
fi
echo "==== aarch64: all passed"
