#!/usr/bin/env bash
# Cross-builds ch02-fibers alone for aarch64 with Debian's
# g++-aarch64-linux-gnu, then runs its tests (ctest) and the demos of its
# tour.txt under qemu-user. The switch is hand-written assembly per
# architecture; this is how the aarch64 one is built and tested on an x86-64
# machine. Needs: g++-aarch64-linux-gnu qemu-user (scripts/setup.sh --ci).
#
#   scripts/cross-aarch64.sh                 # builds into build/cross-aarch64
#   scripts/cross-aarch64.sh /tmp/cross      # or elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/cross-aarch64}
sysroot=/usr/aarch64-linux-gnu

for tool in aarch64-linux-gnu-g++ qemu-aarch64; do
  if ! command -v "$tool" >/dev/null; then
    echo "cross-aarch64: $tool not found: install g++-aarch64-linux-gnu and qemu-user" \
         "(scripts/setup.sh --ci installs both)" >&2
    exit 1
  fi
done

# The header-only dependencies, and nothing else of the host's /usr/include
# (see ch02-fibers/cmake/aarch64-linux-gnu.cmake), plus a doctest package
# that points at them.
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

echo "==== configure ($build)"
cmake -S ch02-fibers -B "$build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$PWD/ch02-fibers/cmake/aarch64-linux-gnu.cmake" \
  -DCH02_HOST_HEADERS="$stage" >/dev/null
echo "==== build: the chapter's targets only (not common's delay server)"
cmake --build "$build" --target ch02-all -j2
file "$build/c-fibers" | grep -q "ARM aarch64" || { echo "cross-aarch64: c-fibers is not an aarch64 program" >&2; exit 1; }

echo "==== tests under qemu-aarch64"
ctest --test-dir "$build" -j2 --output-on-failure --no-tests=error

echo "==== tour.txt under qemu-aarch64"
while read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  read -ra words <<<"$line"
  echo "---- ${words[*]}"
  qemu-aarch64 -L "$sysroot" "$build/${words[0]}" "${words[@]:1}"
done <ch02-fibers/tour.txt
echo "==== aarch64: all passed"
