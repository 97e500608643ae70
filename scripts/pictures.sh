#!/usr/bin/env bash
# pictures.sh: redraws the pictures the chapter READMEs show, from real runs.
#
# Starts a delay server of its own (on a free port; stopped at the end, on
# failure too), runs each concurrent demo with --svg into its chapter's
# pictures/ folder, and lists what it wrote. The pictures are checked in:
# run this after changing a demo or the SVG writer, look at them, commit.
#
#   scripts/pictures.sh                  every picture, from build/dev (built if needed)
#   scripts/pictures.sh ch05 ch06        only chapters whose folder starts with these
#   scripts/pictures.sh --build DIR      demos from DIR: a top-level build tree, or one
#                                        with one chapter build per folder (DIR/chNN-name)
#   scripts/pictures.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

build=
chapters=()
while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --build)
      [[ $# -ge 2 ]] || { echo "pictures: --build needs a directory" >&2; exit 2; }
      build=$2; shift 2 ;;
    ch[0-9]*) chapters+=("$1"); shift ;;
    *) echo "pictures: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# Each picture: chapter folder, program, file name, arguments. Delays are
# chosen so that the runs take a second or two and their steps are visible.
pictures=(
  "ch01-event-queue|a-epoll|a-epoll.svg|--base-delay-ms 300"
  "ch02-fibers|c-fibers|c-fibers.svg|"
  "ch03-futures|b-join-all|b-join-all.svg|--step-ms 300"
  "ch04-coroutines|c-async-await|c-async-await.svg|--delay-ms 300"
  "ch05-runtime|a-runtime|a-runtime.svg|--delay-ms 300"
  "ch06-reactor-executor|b-reactor-executor|b-reactor-executor.svg|--delay-ms 300"
  "ch06-reactor-executor|c-reactor-executor|c-reactor-executor.svg|--delay-ms 300"
  "ch06-reactor-executor|d-multiple-threads|d-multiple-threads.svg|--threads 3 --requests 3 --delay-ms 400"
  "ch06-reactor-executor|e-work-stealing|e-work-stealing.svg|--workers 2 --requests 6 --delay-ms 200 --busy 4 --busy-ms 100"
)

wanted() {
  ((${#chapters[@]} == 0)) && return 0
  local prefix
  for prefix in "${chapters[@]}"; do [[ "$1" == "$prefix"* ]] && return 0; done
  return 1
}

if [[ -z "$build" ]]; then
  build=build/dev
  [[ -f "$build/CMakeCache.txt" ]] || cmake --preset dev >/dev/null
  targets=(delayserver)
  for entry in "${pictures[@]}"; do
    IFS='|' read -r chapter program _ _ <<<"$entry"
    wanted "$chapter" && targets+=("${chapter%%-*}-$program")
  done
  cmake --build "$build" --target "${targets[@]}"
fi

# A program of `chapter` in the build tree, whichever layout it has.
find_program() {
  local chapter=$1 name=$2 dir
  for dir in "$build/$chapter" "$build/${chapter%%-*}" "$build"; do
    [[ -d "$dir" ]] || continue
    found=$(find "$dir" -type f -name "$name" -perm -u+x 2>/dev/null | head -n 1)
    [[ -n "$found" ]] && { echo "$found"; return 0; }
  done
  return 1
}

server=$(find_program common delayserver || find "$build" -type f -name delayserver -perm -u+x | head -n 1)
if [[ -z "$server" ]]; then
  echo "pictures: no delayserver built under $build" >&2
  exit 1
fi

source scripts/delayserver.bash
start_delay_server "$server" pictures

failures=0
for entry in "${pictures[@]}"; do
  IFS='|' read -r chapter program file args <<<"$entry"
  wanted "$chapter" || continue
  if ! binary=$(find_program "$chapter" "$program"); then
    echo "pictures: $program was not built under $build" >&2
    failures=$((failures + 1))
    continue
  fi
  mkdir -p "$chapter/pictures"
  read -r -a words <<<"$args"
  if "$binary" "${words[@]}" --svg "$chapter/pictures/$file" >/dev/null; then
    printf 'pictures: %-48s %6d bytes\n' "$chapter/pictures/$file" "$(wc -c <"$chapter/pictures/$file")"
  else
    echo "pictures: '$program $args' failed" >&2
    failures=$((failures + 1))
  fi
done
((failures == 0)) || { echo "pictures: $failures picture(s) not drawn" >&2; exit 1; }
