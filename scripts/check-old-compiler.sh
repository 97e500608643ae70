#!/usr/bin/env bash
# Proves that an unsupported compiler gets one clear message at configure
# time (the minimum versions and how to install a newer one), not a wall of
# template errors: configures the whole tree with an old compiler (default
# clang++-13, Debian 12's) in a scratch folder and checks that configure
# fails with that message and nothing else.
#
#   scripts/check-old-compiler.sh                 # with clang++-13
#   scripts/check-old-compiler.sh g++-10          # or another old compiler
set -euo pipefail
cd "$(dirname "$0")/.."
compiler=${1:-clang++-13}
if ! command -v "$compiler" >/dev/null; then
  echo "check-old-compiler: $compiler not found (scripts/setup.sh --ci installs clang-13)" >&2
  exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if cmake -S . -B "$scratch" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" >"$scratch.log" 2>&1; then
  cat "$scratch.log"; rm -f "$scratch.log"
  echo "check-old-compiler: configure with $compiler succeeded; it must fail with the message" >&2
  exit 1
fi
log=$(cat "$scratch.log"); rm -f "$scratch.log"
# CMake re-wraps a message's lines: join them before matching.
flat=$(tr -s ' \n' ' ' <<<"$log")
failed=0
for expected in "Unsupported C++ compiler:" "GCC 11 or newer, or Clang 14 or newer" "apt-get install g++-12"; do
  if [[ "$flat" != *"$expected"* ]]; then
    echo "check-old-compiler: the message lacks \"$expected\"" >&2
    failed=1
  fi
done
errors=$(grep -c "CMake Error" <<<"$log" || true)
if ((errors != 1)); then
  echo "check-old-compiler: expected one error, got $errors" >&2
  failed=1
fi
if ((failed)); then
  printf '%s\n' "$log" >&2
  exit 1
fi
printf '%s\n' "$log" | sed -n '/CMake Error/,/^$/p;/This project needs/p' | head -n 4
echo "check-old-compiler: $compiler is refused with the message"
