#!/usr/bin/env bash
# Proves that the exercises' tests can tell right from wrong.
#
#   scripts/check-exercises.sh [--build DIR] [--jobs N] [--require-wrong]
#
# Built against the solutions every exercise passes (the normal test run checks
# that). This script configures the whole tree once more, with the starters
# (-DEXERCISE_IMPL=starter) and every wrong answer (-DASYNC_WRONG_ANSWERS=ON),
# builds them in one go, and requires:
#   - every exercise ships at least one wrong answer, wrong/NAME/ (a missing
#     one is a warning, an error with --require-wrong);
#   - each file of wrong/NAME/ opens with
#       // WRONG: <the mistake>. Caught by: <TEST_CASE name>
#     and replaces a file of solution/;
#   - every exercise FAILS on its starter;
#   - every wrong answer fails the test case it names, by a failed assertion:
#     doctest's exit status 1 with at least one failed assertion. A crash
#     (signal), a timeout, an exception escaping the test, or a name that
#     matches no test case does not count.
# Exits 1 if any of that does not hold, 2 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/exercise-check
jobs=2
require_wrong=false
per_run_timeout=60   # seconds; every exercise test runs in well under 10
while (($#)); do
  case $1 in
    --build) build=${2:?--build needs a folder}; shift 2 ;;
    --jobs) jobs=${2:?--jobs needs a number}; shift 2 ;;
    --require-wrong) require_wrong=true; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "check-exercises: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake --preset dev -B "$build" -DEXERCISE_IMPL=starter -DASYNC_WRONG_ANSWERS=ON "${launcher[@]}" >/dev/null
# Starters must compile (a student starts from a build that works), so one
# build of everything is enough.
cmake --build "$build" -j "$jobs" --target exercises wrong-answers

problems=()
problem() { problems+=("$*"); echo "FAIL: $*"; }

# Value of KEY in a manifest written by async_exercise.
field() { sed -n "s/^$2=//p" "$1"; }

# doctest splits --test-case at commas; a backslash escapes one.
doctest_filter() { printf '%s' "$1" | sed 's/[\\,]/\\&/g'; }

# run_case BINARY NAME: prints why the test case did not fail as it should,
# or nothing if it failed by a failed assertion.
run_case() {
  local binary=$1 name=$2 filter count output rc
  filter=$(doctest_filter "$name")
  count=$("$binary" --test-case="$filter" --count 2>&1 |
    sed -n 's/.*unskipped test cases passing the current filters: \([0-9]*\).*/\1/p')
  if [[ $count != 1 ]]; then
    echo "names test case '$name', which matches ${count:-no} test cases (must be exactly 1)"
    return
  fi
  rc=0
  output=$(timeout "$per_run_timeout" "$binary" --test-case="$filter" --no-colors 2>&1) || rc=$?
  if ((rc == 124)); then
    echo "'$name' timed out after ${per_run_timeout}s instead of failing"
  elif ((rc > 128)); then
    echo "'$name' crashed (signal $((rc - 128))) instead of failing an assertion"
  elif ((rc == 0)); then
    echo "'$name' PASSES: the test does not catch this mistake"
  elif ((rc != 1)); then
    echo "'$name' exited with status $rc, not doctest's 1"
  elif ! grep -Eq '^\[doctest\] assertions:.*\| *[1-9][0-9]* failed' <<<"$output"; then
    echo "'$name' failed without a failed assertion (an exception escaped?)"
  fi
}

header_re='^// WRONG: (.+)\. Caught by: (.+[^ ])$'

mapfile -t exercise_manifests < <(grep -l '^kind=exercise$' "$build"/exercise-manifests/*.txt | sort)
if ((${#exercise_manifests[@]} == 0)); then
  echo "check-exercises: no exercise found in $build" >&2
  exit 1
fi

wrong_count=0
for manifest in "${exercise_manifests[@]}"; do
  id=$(field "$manifest" id)
  dir=$(field "$manifest" dir)
  binary=$(field "$manifest" binary)

  # The starter: any failing run counts, but not a hang.
  rc=0
  timeout "$per_run_timeout" "$binary" --no-colors >/dev/null 2>&1 || rc=$?
  if ((rc == 0)); then
    problem "$id: passes on its starter (its tests cannot fail)"
  elif ((rc == 124)); then
    problem "$id: the starter's tests hang (timed out after ${per_run_timeout}s)"
  else
    echo "ok: $id fails on its starter"
  fi

  # Its wrong answers.
  shopt -s nullglob
  wrong_dirs=("$dir"/wrong/*/)
  shopt -u nullglob
  if ((${#wrong_dirs[@]} == 0)); then
    if $require_wrong; then
      problem "$id: has no wrong answer (add one under $dir/wrong/NAME/)"
    else
      echo "warning: $id has no wrong answer yet (add one under $dir/wrong/NAME/)"
    fi
  fi
  for wrong_dir in "${wrong_dirs[@]}"; do
    wrong_dir=${wrong_dir%/}
    wrong=${wrong_dir##*/}
    ((++wrong_count))
    wrong_manifest=$(grep -lx "wrong_dir=$wrong_dir" "$build"/exercise-manifests/*.txt || true)
    if [[ -z $wrong_manifest ]]; then
      problem "$id wrong/$wrong: not built (reconfigure?)"
      continue
    fi
    wrong_binary=$(field "$wrong_manifest" binary)
    names=()
    for file in "$wrong_dir"/*; do
      first=$(head -n 1 "$file")
      if [[ $first =~ $header_re ]]; then
        names+=("${BASH_REMATCH[2]}")
      else
        problem "$id wrong/$wrong/${file##*/}: first line must be '// WRONG: <the mistake>. Caught by: <TEST_CASE name>'"
      fi
    done
    mapfile -t names < <(printf '%s\n' "${names[@]}" | sort -u | sed '/^$/d')
    for name in "${names[@]}"; do
      why=$(run_case "$wrong_binary" "$name")
      if [[ -n $why ]]; then
        problem "$id wrong/$wrong: $why"
      else
        echo "ok: $id wrong/$wrong is caught by '$name'"
      fi
    done
  done
done

if ((${#problems[@]} > 0)); then
  printf '\ncheck-exercises: %d problem(s):\n' "${#problems[@]}" >&2
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "check-exercises: all ${#exercise_manifests[@]} exercises fail on their starters; all $wrong_count wrong answers are caught by the test cases they name"
