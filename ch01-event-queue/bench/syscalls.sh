#!/usr/bin/env bash
# System calls per request, readiness (a-epoll) against completion
# (c-io-uring), in the same run, against one delay server in another process.
#
#   ch01-event-queue/bench/syscalls.sh BUILD_DIR [N]     # N defaults to 1000
#
# BUILD_DIR is a build of this chapter (alone, or the whole tree's build
# folder: the script looks for a-epoll, c-io-uring and delayserver in it).
# Per request = (S(N) - S(0)) / N, where S counts every system call the
# program's threads enter (perf stat -e raw_syscalls:sys_enter; needs
# Debian's linux-perf, and root or kernel.perf_event_paranoid <= 1 for the
# tracepoint). S(0) is the same program with --requests 0: process start,
# dynamic loading, setting up the queue; subtracting it leaves what the
# requests cost. Both programs print to /dev/null, alike.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [N]}
n=${2:-1000}
find_program() {
  local found
  found=$(find "$build" -type f -name "$1" -perm -u+x -print -quit)
  [[ -n "$found" ]] || { echo "syscalls: $1 not found under $build (build the chapter first)" >&2; exit 1; }
  echo "$found"
}
epoll=$(find_program a-epoll)
uring=$(find_program c-io-uring)
server=$(find_program delayserver)
command -v perf >/dev/null || { echo "syscalls: perf not found: apt-get install linux-perf" >&2; exit 1; }

# N sockets at once: raise the soft descriptor limit (not past the hard one).
ulimit -n "$(( $(ulimit -Hn) < 4096 ? $(ulimit -Hn) : 4096 ))"

log=$(mktemp)
"$server" --port 0 --quiet >"$log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -f "$log"' EXIT
port=
for _ in $(seq 100); do
  port=$(sed -n 's|.*listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$log")
  [[ -n "$port" ]] && break
  sleep 0.05
done
[[ -n "$port" ]] || { echo "syscalls: the delay server did not start" >&2; cat "$log" >&2; exit 1; }

count() {  # PROGRAM REQUESTS -> system calls entered
  perf stat -x, -e raw_syscalls:sys_enter -- "$1" --server "127.0.0.1:$port" --requests "$2" \
    --base-delay-ms 1 2>&1 >/dev/null | awk -F, '/raw_syscalls:sys_enter/ {print $1}'
}

if ! probe=$("$uring" --server "127.0.0.1:$port" --requests 0 2>&1 >/dev/null); then
  echo "syscalls: c-io-uring cannot run here: $probe" >&2
  exit 1
fi
printf '%-12s %10s %10s %14s\n' program "S(0)" "S($n)" "per request"
for program in "$epoll" "$uring"; do
  s0=$(count "$program" 0)
  sn=$(count "$program" "$n")
  [[ "$s0" =~ ^[0-9]+$ && "$sn" =~ ^[0-9]+$ ]] || { echo "syscalls: perf gave no count (is perf_event_paranoid too high?)" >&2; exit 1; }
  printf '%-12s %10d %10d %14s\n' "$(basename "$program")" "$s0" "$sn" "$(awk -v a="$s0" -v b="$sn" -v n="$n" 'BEGIN {printf "%.2f", (b - a) / n}')"
done
