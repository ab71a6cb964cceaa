#!/usr/bin/env bash
# Screenshots the release app's window: starts target/release/journeylog on a private
# 1440x900x24 Xvfb display with the given data directory, waits, and grabs the root
# window with ImageMagick. Lets a person (or a reviewer) see what the app shows.
# Usage: scripts/screenshot.sh DATA_DIR [OUT.png] [WAIT_SECONDS]
# It shoots 1 s after the dashboard reports its first paint (bench_painted), or after
# WAIT_SECONDS (default 8) when no paint is reported (e.g. the first-run form).
# Env: JOURNEYLOG_APP overrides the binary. Build first with `make app`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/xvfb.sh
source "$root/scripts/lib/xvfb.sh"

[[ $# -ge 1 ]] || { echo "usage: $0 DATA_DIR [OUT.png] [WAIT_SECONDS]" >&2; exit 2; }
data_dir=$(realpath -m "$1")
out=$(realpath -m "${2:-screenshot.png}")
wait_s=${3:-8}
app=${JOURNEYLOG_APP:-$root/target/release/journeylog}
[[ -x $app ]] || { echo "no app at $app: run make app" >&2; exit 1; }
mkdir -p "$data_dir" "$(dirname "$out")"

xdg=$(mktemp -d) # fresh WebKit storage and window state, so the window opens centered
app_pid=
cleanup() {
  [[ -n $app_pid ]] && kill_tree "$app_pid"
  stop_xvfb
  rm -rf "$xdg"
}
trap cleanup EXIT

start_xvfb
JOURNEYLOG_BENCH_PAINT_FILE=$xdg/paint.txt JOURNEYLOG_DATA_DIR=$data_dir XDG_DATA_HOME=$xdg/data XDG_CONFIG_HOME=$xdg/config \
  XDG_CACHE_HOME=$xdg/cache "$app" >"$xdg/app.log" 2>&1 &
app_pid=$!
for ((i = 0; i < wait_s * 10; i++)); do
  [[ -s $xdg/paint.txt ]] && { sleep 1; break; }
  sleep 0.1
done
kill -0 "$app_pid" 2>/dev/null || { echo "the app exited early:" >&2; cat "$xdg/app.log" >&2; exit 1; }
import -display "$DISPLAY" -window root "$out"
echo "screenshot: $out"
