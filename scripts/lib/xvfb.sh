# shellcheck shell=bash
# Sourced by scripts that need a private X display: start_xvfb sets DISPLAY to a fresh
# Xvfb server (1440x900x24 unless XVFB_SCREEN says otherwise) and XVFB_PID; stop_xvfb
# ends it. -displayfd lets Xvfb pick a free display number itself.

start_xvfb() {
  local screen=${XVFB_SCREEN:-1440x900x24}
  local fdfile
  fdfile=$(mktemp)
  Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp 3>"$fdfile" >/dev/null 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 100); do
    [[ -s $fdfile ]] && break
    kill -0 "$XVFB_PID" 2>/dev/null || { echo "Xvfb failed to start" >&2; return 1; }
    sleep 0.05
  done
  [[ -s $fdfile ]] || { echo "Xvfb did not report a display" >&2; return 1; }
  DISPLAY=":$(tr -d '[:space:]' <"$fdfile")"
  export DISPLAY
  rm -f "$fdfile"
}

stop_xvfb() {
  if [[ -n ${XVFB_PID:-} ]]; then
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=
  fi
}

# Pids of every descendant of $1 (children, grandchildren, ...), one a line.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# Ends process $1 and its descendants: TERM, a short grace, then KILL.
kill_tree() {
  local root=$1 pids
  pids="$root $(descendants "$root" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 1 30); do
    local alive=0 p
    for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  wait "$root" 2>/dev/null || true
}
