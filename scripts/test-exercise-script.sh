#!/usr/bin/env bash
# Tests scripts/exercise itself: list, usage errors, hint, reset, check on the
# starter (fails) and on a copy of the solution (passes), and handout.
#
#   scripts/test-exercise-script.sh [--full-handout]
#
# Works on a throw-away clone of HEAD (your working tree is never touched).
# The handout is checked file by file; then, to stay fast, only chapter 01 of
# it is built and tested (its chapter tests pass, its exercises fail).
# --full-handout runs `cmake --workflow --preset dev` on the whole handout
# instead (several minutes).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
full=false
case ${1:-} in
  --full-handout) full=true ;;
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
  "") ;;
  *) echo "test-exercise-script: unknown argument '$1'" >&2; exit 2 ;;
esac

mkdir -p "$here/build"
work=$(mktemp -d "$here/build/exercise-script-test.XXXXXX")   # under the tree: ccache hits
trap 'rm -rf "$work"' EXIT
git clone -q "$here" "$work/repo"
cd "$work/repo"
ex=scripts/exercise
failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect STATUS COMMAND...: runs it, output in $out, checks the exit status.
expect() {
  local want=$1 rc=0
  shift
  out=$("$@" 2>&1 </dev/null) || rc=$?
  if ((rc == want)); then pass "$* -> $rc"; else fail "$* -> $rc, expected $want"; printf '%s\n' "$out" | tail -n 20; fi
}

expect 0 $ex --help
expect 2 $ex
expect 2 $ex frobnicate
expect 0 $ex list
count=$(grep -cE '^(common|ch[0-9]+)/[0-9]+ ' <<<"$out" || true)
((count >= 19)) && pass "list shows $count exercises" || fail "list shows $count exercises"
grep -q '^ch01/02 .* not started$' <<<"$out" && pass "an untouched starter is 'not started'" || fail "ch01/02 not 'not started'"
[[ ! -d build/exercises ]] && pass "list did not build" || fail "list made build/exercises"

expect 2 $ex check ch99/01
grep -q 'common/00' <<<"$out" && pass "an unknown id prints the valid ids" || fail "no valid ids printed"
expect 2 $ex hint

expect 0 $ex hint common/00
grep -q '^Hint 1 of ' <<<"$out" && pass "hint 1 printed" || fail "hint 1 not printed"
expect 0 $ex hint common/exercises/00-url-decode/ 2
grep -q '^Hint 2 of ' <<<"$out" && pass "a folder works as an id" || fail "hint by folder"
expect 2 $ex hint common/00 99

# reset: refuses without a terminal, discards with --yes.
dir=common/exercises/00-url-decode
echo "// a student's edit" >>"$dir/starter/url_decode.cpp"
echo "scratch" >"$dir/starter/notes.txt"
expect 1 $ex reset common/00
grep -q "a student's edit" "$dir/starter/url_decode.cpp" && pass "reset without --yes and no terminal kept the edit" || fail "reset discarded without asking"
expect 0 $ex reset common/00 --yes
[[ -z $(git status --porcelain -- "$dir/starter") ]] && pass "reset --yes restored the starter" || fail "starter not restored"

# check: the starter fails; a copy of the solution passes and writes JUnit.
expect 1 $ex check common/00
grep -q 'failing: a plus sign stays a plus sign' <<<"$out" && pass "check names the failing test cases" || fail "no failing test case named"
cp "$dir/solution/"* "$dir/starter/"
expect 0 $ex check common/00 --junit "$work/report.xml"
grep -q '<testsuite' "$work/report.xml" && pass "--junit wrote a JUnit report" || fail "no JUnit report"
expect 0 $ex list
grep -q '^common/00 .* passing$' <<<"$out" && pass "list remembers the passing check" || fail "list does not show 'passing'"
# A starter that does not compile: the first error and a one-line verdict.
echo "this is not C++" >>"$dir/starter/url_decode.cpp"
expect 1 $ex check common/00
grep -q 'error' <<<"$out" && grep -q 'does not compile' <<<"$out" && pass "a compile error is reported" || fail "compile error not reported"
$ex reset common/00 --yes >/dev/null

# handout
expect 2 $ex handout "$work/repo/inside"
expect 0 $ex handout "$work/handout"
cd "$work/handout"
[[ $(git rev-list --count HEAD) == 1 ]] && pass "handout has one commit" || fail "handout commits"
left=$(find . -path ./.git -prune -o \( -name solution -o -name wrong -o -name TEACHING.md \) -print)
[[ -z $left ]] && pass "handout has no solution/, wrong/ or TEACHING.md" || fail "handout still has: $left"
[[ -d common/exercises/00-url-decode/starter ]] && pass "handout keeps the starters" || fail "starters missing"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if $full; then
  expect 0 cmake --workflow --preset dev
  expect 0 ctest --test-dir build/dev -LE exercise -j2
  expect 8 ctest --test-dir build/dev -L exercise -j2
  failed=$(grep -c 'Failed\|Not Run' <<<"$out" || true)
  echo "handout: $failed exercise entries fail"
else
  expect 0 cmake --preset dev "${launcher[@]}"
  grep -qx 'EXERCISE_IMPL:STRING=starter' build/dev/CMakeCache.txt && pass "handout defaults to the starters" || fail "handout does not default to starter"
  expect 0 cmake --build build/dev -j2 --target ch01_tests ch01-exercise-01-write-interest ch01-exercise-02-deadline ch01-exercise-03-level-oneshot
  expect 0 ctest --test-dir build/dev -L ch01-event-queue -LE exercise -j2 --no-tests=error
  for test in 01-write-interest 02-deadline 03-level-oneshot; do
    expect 8 ctest --test-dir build/dev -R "exercise $test" --no-tests=error
  done
fi

if ((failures > 0)); then
  echo "test-exercise-script: $failures failure(s)" >&2
  exit 1
fi
echo "test-exercise-script: all passed"
