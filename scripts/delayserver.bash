# Sourced by scripts that need a delay server of their own (tour.sh,
# pictures.sh); not run by itself.
#
#   source scripts/delayserver.bash
#   start_delay_server path/to/delayserver NAME   # NAME prefixes its messages
#   ... $DELAYSERVER is 127.0.0.1:PORT, exported ...
#
# The server listens on port 0 (the kernel picks a free port, so one already
# running on 8080 does not get in the way) and is stopped when the script
# exits, on failure too (an EXIT trap).

delay_server_pid=
delay_server_log=

stop_delay_server() {
  if [[ -n "$delay_server_pid" ]]; then
    kill "$delay_server_pid" 2>/dev/null || true
    wait "$delay_server_pid" 2>/dev/null || true
    delay_server_pid=
  fi
  if [[ -n "$delay_server_log" ]]; then
    rm -f "$delay_server_log"
    delay_server_log=
  fi
}

start_delay_server() {
  local binary=$1 name=$2 port=
  delay_server_log=$(mktemp)
  trap stop_delay_server EXIT
  "$binary" --port 0 --quiet >"$delay_server_log" 2>&1 &
  delay_server_pid=$!
  # Its first line names the port.
  for _ in $(seq 100); do
    port=$(sed -n 's|.*listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$delay_server_log")
    [[ -n "$port" ]] && break
    if ! kill -0 "$delay_server_pid" 2>/dev/null; then
      echo "$name: the delay server did not start:" >&2
      cat "$delay_server_log" >&2
      exit 1
    fi
    sleep 0.05
  done
  if [[ -z "$port" ]]; then
    echo "$name: the delay server did not report its port" >&2
    exit 1
  fi
  export DELAYSERVER=127.0.0.1:$port
}
