#!/usr/bin/env bash
# Proves that no exercise test is empty: built against the solutions every
# exercise passes (the normal test run checks that); built against the
# starters, every exercise must FAIL. Exits non-zero if any starter passes.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/exercise-starters
cmake --preset dev -B "$build" -DEXERCISE_IMPL=starter >/dev/null
cmake --build "$build" --target exercises

mapfile -t tests < <(ctest --test-dir "$build" -N -L exercise | sed -n 's/^ *Test *#[0-9]*: //p')
if ((${#tests[@]} == 0)); then
  echo "check-exercises: no exercise found" >&2
  exit 1
fi
passed_on_starter=()
for test in "${tests[@]}"; do
  if ctest --test-dir "$build" -R "^$(printf '%s' "$test" | sed 's/[][\.*^$+?(){}|]/\\&/g')\$" >/dev/null 2>&1; then
    passed_on_starter+=("$test")
  else
    echo "ok: fails on its starter: $test"
  fi
done
if ((${#passed_on_starter[@]} > 0)); then
  printf 'check-exercises: passes on its starter (its tests cannot fail): %s\n' "${passed_on_starter[@]}" >&2
  exit 1
fi
echo "check-exercises: all ${#tests[@]} exercises fail on their starters"
