#!/usr/bin/env bash
# The guided tour: installs what is missing, builds (the `dev` preset),
# starts a delay server, runs every chapter's demos in order (each chapter's
# tour.txt), then stops the server.
#
#   scripts/tour.sh              every chapter
#   scripts/tour.sh ch01 ch03    only chapters whose folder starts with these
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset dev >/dev/null
cmake --build --preset dev

build=build/dev
source scripts/delayserver.bash
start_delay_server "$build/common/delayserver" tour
echo "tour: delay server running at $DELAYSERVER (pid $delay_server_pid)"

failures=0
for dir in ch[0-9][0-9]-*/; do
  chapter=${dir%/}
  if (($# > 0)); then
    wanted=no
    for prefix in "$@"; do [[ "$chapter" == "$prefix"* ]] && wanted=yes; done
    [[ $wanted == yes ]] || continue
  fi
  [[ -f "$chapter/tour.txt" ]] || continue
  title=$(head -n 1 "$chapter/README.md" 2>/dev/null | sed 's/^# *//')
  printf '\n================================================================\n'
  printf '%s\n' "${title:-$chapter}"
  printf '================================================================\n'
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "${line// }" || "$line" == \#* ]] && continue
    read -r -a words <<<"$line"
    program=$(find "$build/$chapter" -type f -name "${words[0]}" -perm -u+x 2>/dev/null | head -n 1)
    printf '\n$ %s\n' "$line"
    if [[ -z "$program" ]]; then
      echo "tour: ${words[0]} was not built in $build/$chapter" >&2
      failures=$((failures + 1))
      continue
    fi
    if ! "$program" "${words[@]:1}"; then
      echo "tour: '$line' failed" >&2
      failures=$((failures + 1))
    fi
  done <"$chapter/tour.txt"
done

if ((failures > 0)); then
  echo "tour: $failures demo(s) failed" >&2
  exit 1
fi
printf '\ntour: done; the delay server is stopped.\n'
