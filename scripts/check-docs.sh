#!/usr/bin/env bash
# The docs check: every `sh` block of the READMEs runs, as written and in
# order, so that what they tell a reader stays true.
#
#   scripts/check-docs.sh               run every block, compare every output block
#   scripts/check-docs.sh --update      the same, and rewrite the output blocks in place
#   scripts/check-docs.sh FILE.md...    only these files (in the order given)
#
# Files, in this order: README.md; common/ and each chapter (its README.md,
# then its exercises' README.md); CONTRIBUTING.md; every other top-level *.md.
# Blocks run in a scratch clone of HEAD (commit first: uncommitted changes are
# not seen), each in a fresh `bash -e -o pipefail` started at the clone's root,
# with a delay server this script runs on 127.0.0.1:8080 (and stops). The
# clone shares the ccache of the working tree (ccache's base_dir is set to the
# clone's root), so what CI already compiled is not compiled again.
#
# A marker on the line(s) just before a block changes how it runs:
#   <!-- docs-check: expect-fail -->          every command must exit non-zero
#                                              (an exercise's starter, a demo
#                                              without its server)
#   <!-- docs-check: skip REASON -->          not run; the reason is printed
#   <!-- docs-check: background -->           started in the background (a
#                                              server on 8080 takes over from the
#                                              check's own until the end of the
#                                              file); it must still be running
#                                              when it is stopped
#   <!-- docs-check: quick OLD => NEW -->     run with the text OLD replaced by
#                                              NEW (a long benchmark with a
#                                              smaller count); printed
# And before any fenced block (```text, ```...):
#   <!-- output: CMD -->                      the block is what CMD prints: with
#                                              --update it is rewritten from a
#                                              run of CMD; otherwise the two are
#                                              compared with every number masked
# A failing block is reported as FILE:LINE with its output. Exit status: 0 when
# every block passed, 1 otherwise, 2 on bad usage.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

update=no
files=()
for arg in "$@"; do
  case "$arg" in
    --update) update=yes ;;
    -h|--help) sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "check-docs: unknown option $arg (see --help)" >&2; exit 2 ;;
    *)
      if [[ ! -f "$arg" ]]; then echo "check-docs: no such file: $arg" >&2; exit 2; fi
      files+=("$arg")
      ;;
  esac
done
if ((${#files[@]} == 0)); then
  files+=(README.md)
  for dir in common ch[0-9][0-9]-*; do
    [[ -f "$dir/README.md" ]] && files+=("$dir/README.md")
    for exercise in "$dir"/exercises/*/README.md; do
      [[ -f "$exercise" ]] && files+=("$exercise")
    done
  done
  [[ -f CONTRIBUTING.md ]] && files+=(CONTRIBUTING.md)
  for doc in *.md; do
    [[ "$doc" == README.md || "$doc" == CONTRIBUTING.md ]] && continue
    files+=("$doc")
  done
fi

block_timeout=${DOCS_CHECK_TIMEOUT:-900}   # seconds one block may run
scratch=$(mktemp -d /tmp/check-docs.XXXXXX)
clone=$scratch/repo
server_pid=
background_pids=()
background_where=()
stop_group() {   # a process started with setsid, and everything it started
  kill -- "-$1" 2>/dev/null || kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  for pid in "${background_pids[@]}" $server_pid; do stop_group "$pid"; done
  rm -rf "$scratch"
}
trap cleanup EXIT

echo "check-docs: a scratch clone of HEAD ($(git rev-parse --short HEAD)) in $clone"
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  echo "check-docs: note: uncommitted changes are not checked (commit them first)"
fi
git clone -q --no-local "$root" "$clone" || { echo "check-docs: git clone failed" >&2; exit 1; }

# Same compiles, same ccache entries: paths are hashed relative to the clone.
if command -v ccache >/dev/null; then
  export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
  export CCACHE_BASEDIR=$clone
  export CCACHE_NOHASHDIR=1
fi
unset DELAYSERVER

# The delay server every demo expects on 127.0.0.1:8080.
if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  echo "check-docs: something already listens on 127.0.0.1:8080; stop it first" \
       "(the READMEs' demos talk to 8080, and this check runs its own server there)" >&2
  exit 1
fi
echo "check-docs: building the delay server"
server_build=$clone/build/docs-check-server
if ! { cmake -S "$clone/common" -B "$server_build" -G Ninja >"$scratch/server-build.log" 2>&1 &&
       cmake --build "$server_build" --target delayserver >>"$scratch/server-build.log" 2>&1; }; then
  cat "$scratch/server-build.log" >&2
  echo "check-docs: could not build the delay server" >&2
  exit 1
fi
port_open() { (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; }
start_server() {
  setsid "$server_build/delayserver" --port 8080 --quiet >"$scratch/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    port_open && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      cat "$scratch/server.log" >&2
      echo "check-docs: the delay server did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "check-docs: delay server on 127.0.0.1:8080 (pid $server_pid)"
}
stop_server() {
  if [[ -n "$server_pid" ]]; then
    stop_group "$server_pid"
    server_pid=
    echo "    (the check's delay server is stopped until the end of this file)"
  fi
}
start_server

passed=0
failed=0
skipped=0
failures=()

# Numbers masked, runs of blanks squeezed, trailing blanks dropped: words and
# structure must match, figures may vary.
mask() { sed -E 's/[0-9]+/N/g; s/[[:blank:]]+/ /g; s/ +$//'; }

# run_block FILE LINE MODE SCRIPT_FILE: runs one block; prints its output on failure.
run_block() {
  local file=$1 line=$2 mode=$3 script=$4 log=$scratch/block.log status
  case "$mode" in
    background)
      # A server of the README's own may need port 8080: ours makes way.
      stop_server
      local pid blog=$scratch/background-${#failures[@]}-$SECONDS-$line.log
      (cd "$clone" && exec setsid bash -e -o pipefail "$script" >"$blog" 2>&1 </dev/null) &
      pid=$!
      sleep 0.5   # time to fail at once (a bad path, a port in use)
      for _ in $(seq 50); do
        port_open && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        echo "    it stopped at once (exit status $?); its output:"
        sed 's/^/      | /' "$blog" | tail -n 20
        return 1
      fi
      background_pids+=("$pid")
      background_where+=("$file:$line")
      echo "    running in the background (pid $pid)"
      return 0
      ;;
    expect-fail)
      # Every command (a line, with its continuation lines) must fail.
      local command="" text ok=yes
      while IFS= read -r text || [[ -n "$text" ]]; do
        command+="$text"$'\n'
        [[ "$text" == *\\ ]] && continue
        if [[ -n "${command//[[:space:]]/}" && "${command#"${command%%[![:space:]]*}"}" != \#* ]]; then
          (cd "$clone" && timeout "$block_timeout" bash -o pipefail -c "$command") >"$log" 2>&1 </dev/null
          status=$?
          if ((status == 0)); then
            echo "    this command succeeded, but the block is marked expect-fail:"
            printf '      %s' "$command"
            sed 's/^/      | /' "$log" | tail -n 20
            ok=no
          fi
        fi
        command=""
      done <"$script"
      [[ $ok == yes ]]
      return
      ;;
  esac
  # In a session of its own, so that what it leaves running (`server &`) is
  # stopped with it.
  local pid
  (cd "$clone" && exec setsid timeout "$block_timeout" bash -e -o pipefail "$script") >"$log" 2>&1 </dev/null &
  pid=$!
  wait "$pid"
  status=$?
  stop_group "$pid"
  if ((status != 0)); then
    ((status == 124)) && echo "    timed out after ${block_timeout}s"
    echo "    exit status $status; its output (last 80 lines):"
    sed 's/^/      | /' "$log" | tail -n 80
    return 1
  fi
}

for file in "${files[@]}"; do
  echo
  echo "==== $file"
  mapfile -t lines <"$file"
  total=${#lines[@]}
  markers=()
  rewritten=("${lines[@]}")
  changed=no
  offset=0   # lines added (or removed) in `rewritten` so far
  i=0
  while ((i < total)); do
    text=${lines[i]}
    if [[ "$text" =~ ^[[:space:]]*\<!--\ (docs-check:|output:)\ *(.*[^[:space:]])\ *--\>[[:space:]]*$ ]]; then
      markers+=("${BASH_REMATCH[1]} ${BASH_REMATCH[2]}")
      ((i++))
      continue
    fi
    if [[ "$text" =~ ^\`\`\`(.*)$ ]]; then
      lang=${BASH_REMATCH[1]}
      start=$i
      body=()
      ((i++))
      while ((i < total)) && [[ "${lines[i]}" != '```' ]]; do
        body+=("${lines[i]}")
        ((i++))
      done
      ((i++))   # the closing fence
      where="$file:$((start + 1))"
      mode=run
      reason=
      output_cmd=
      quick=()
      for marker in "${markers[@]}"; do
        case "$marker" in
          "docs-check: expect-fail") mode=expect-fail ;;
          "docs-check: background") mode=background ;;
          "docs-check: skip"*) mode=skip; reason=${marker#docs-check: skip}; reason=${reason# } ;;
          "docs-check: quick "*" => "*) quick+=("${marker#docs-check: quick }") ;;
          "output: "*) output_cmd=${marker#output: } ;;
          *) echo "$where: unknown marker <!-- $marker -->"; failed=$((failed + 1)); failures+=("$where (unknown marker)") ;;
        esac
      done
      markers=()

      if [[ -n "$output_cmd" ]]; then
        echo "---- $where: output of: $output_cmd"
        (cd "$clone" && timeout "$block_timeout" bash -o pipefail -c "$output_cmd") >"$scratch/output.txt" 2>&1 </dev/null
        status=$?
        if ((status != 0)) && [[ $mode != expect-fail ]]; then
          echo "    FAILED: exit status $status"
          sed 's/^/      | /' "$scratch/output.txt" | tail -n 20
          failed=$((failed + 1)); failures+=("$where (output command failed)")
        elif [[ $update == yes ]]; then
          mapfile -t fresh <"$scratch/output.txt"
          rewritten=("${rewritten[@]:0:start + 1 + offset}" "${fresh[@]}" "${rewritten[@]:start + 1 + offset + ${#body[@]}}")
          offset=$((offset + ${#fresh[@]} - ${#body[@]}))
          changed=yes
          echo "    rewritten (${#fresh[@]} lines)"
          passed=$((passed + 1))
        elif diff <(printf '%s\n' "${body[@]}" | mask) <(mask <"$scratch/output.txt") >"$scratch/diff.txt"; then
          echo "    ok (numbers masked)"
          passed=$((passed + 1))
        else
          echo "    FAILED: the block differs from a run (numbers masked; < the README, > the run);"
          echo "    scripts/check-docs.sh --update $file rewrites it"
          sed 's/^/      /' "$scratch/diff.txt" | head -n 40
          failed=$((failed + 1)); failures+=("$where (output differs)")
        fi
        continue
      fi

      [[ "$lang" == sh ]] || continue
      script=$scratch/block.sh
      printf '%s\n' "${body[@]}" >"$script"
      for pair in "${quick[@]}"; do
        old=${pair%% => *}
        new=${pair#* => }
        if ! grep -qF -- "$old" "$script"; then
          echo "$where: the quick marker's text \"$old\" is not in the block"
          failed=$((failed + 1)); failures+=("$where (quick marker does not match)")
          continue
        fi
        OLD=$old NEW=$new perl -0pi -e 's/\Q$ENV{OLD}\E/$ENV{NEW}/g' "$script"
        echo "---- $where: runs with \"$old\" replaced by \"$new\" (a smaller count, to keep the check short)"
      done
      if [[ $mode == skip ]]; then
        echo "---- $where: SKIPPED: ${reason:-(no reason given)}"
        skipped=$((skipped + 1))
        if [[ -z "$reason" ]]; then failed=$((failed + 1)); failures+=("$where (skip without a reason)"); fi
        continue
      fi
      echo "---- $where ($mode)"
      sed 's/^/    $ /' "$script"
      began=$SECONDS
      if run_block "$file" "$((start + 1))" "$mode" "$script"; then
        echo "    ok ($((SECONDS - began))s)"
        passed=$((passed + 1))
      else
        echo "    FAILED: $where"
        failed=$((failed + 1)); failures+=("$where")
      fi
      continue
    fi
    # A marker applies to the block right after it (blank lines allowed).
    [[ -n "${text//[[:space:]]/}" ]] && markers=()
    ((i++))
  done
  # The file's background blocks stop here; each must have kept running.
  for index in "${!background_pids[@]}"; do
    pid=${background_pids[index]}
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null
    status=$?
    # 143: stopped here by SIGTERM; 0: it had finished its work.
    if ((status != 0 && status != 143)); then
      echo "---- ${background_where[index]}: the background block failed on its own (exit status $status)"
      failed=$((failed + 1)); failures+=("${background_where[index]} (background block failed)")
    fi
  done
  background_pids=()
  background_where=()
  [[ -z "$server_pid" ]] && start_server
  if [[ $changed == yes ]]; then
    printf '%s\n' "${rewritten[@]}" >"$file"
    echo "check-docs: rewrote the output blocks of $file"
  fi
done

echo
echo "check-docs: $passed passed, $failed failed, $skipped skipped"
if ((failed > 0)); then
  printf '  failed: %s\n' "${failures[@]}"
  exit 1
fi
