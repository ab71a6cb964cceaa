#!/usr/bin/env bash
# DESIGN §7's desktop budgets, measured against a hello-world Tauri app in the same run so
# the verdict is a ratio, not a noisy absolute:
#   - cold start to first painted frame (the page calls bench_painted; the app writes
#     "label <ms since process start>" to $JOURNEYLOG_BENCH_PAINT_FILE), app seeded with
#     20,000 entries;
#   - idle memory 5 s after paint: PSS summed over the app and all its descendants
#     (WebKitWebProcess, WebKitNetworkProcess), from /proc/PID/smaps_rollup;
#   - release binary sizes.
# Each program starts N times from a fresh copy of its data dir and fresh XDG dirs, on one
# private Xvfb display, the two programs taking turns (so load from other work hits both
# alike), once per WEBKIT_DISABLE_COMPOSITING_MODE setting in BENCH_MODES:
#   unset  each program as built: hello-tauri composites (WebKit's default), Journeylog
#          does not (its webview's hardware-acceleration policy, src-tauri/src/webview.rs);
#   1      compositing off in both (like for like);
#   0      compositing on in both (Journeylog's policy yields to the variable).
# Prints a markdown table and writes it to bench-results/app.md; every run's paint file
# (with the page's start-up timeline) goes to bench-results/app-timelines.txt.
# Env: BENCH_RUNS (5), BENCH_IDLE_SECONDS (5), BENCH_ENTRIES (20000),
#      BENCH_MODES ("unset 1"), BENCH_SKIP_BUILD=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/lib/xvfb.sh
source scripts/lib/xvfb.sh

runs=${BENCH_RUNS:-5}
idle_s=${BENCH_IDLE_SECONDS:-5}
entries=${BENCH_ENTRIES:-20000}
app=$root/target/release/journeylog
hello=$root/target/release/hello-tauri
jlog=$root/target/release/jlog
say() { printf '[bench] %s\n' "$*" >&2; }

# --- build: the same release build as `make app` ----------------------------------------
if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
  if [[ -f ui/package.json ]]; then
    make --no-print-directory ui >&2 # rebuilds ui/dist only when its sources changed
  else
    say "ui/package.json not there yet: using whatever frontendDist holds"
  fi
  say "cargo build --release -p journeylog-app -p journeylog-cli -p hello-tauri"
  cargo build --release -p journeylog-app -p journeylog-cli -p hello-tauri >&2
fi

work=$(mktemp -d)
pid=
cleanup() {
  [[ -n $pid ]] && kill_tree "$pid"
  stop_xvfb
  rm -rf "$work"
}
trap cleanup EXIT

# --- seed the app's data dir once; each run copies it -----------------------------------
seed=$work/seed
mkdir -p "$seed" "$work/empty"
seeded="no"
if "$jlog" --db "$seed/journeylog.sqlite3" demo --entries "$entries" >"$work/seed.log" 2>&1; then
  seeded="$entries entries"
  say "seeded $entries entries ($(du -sh "$seed" | cut -f1))"
else
  say "seeding failed, so the app starts on an empty data dir: $(tail -n 3 "$work/seed.log" | tr '\n' ' ')"
  rm -rf "$seed" && mkdir -p "$seed"
fi

# Sum of PSS in kB over a process and its descendants.
pss_kb() {
  local total=0 p kb
  for p in "$1" $(descendants "$1"); do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

# One cold start: prints "start_ms pss_kb", or "NA NA" when no paint came within 30 s.
run_once() {
  local bin=$1 data_template=$2 mode=$3 run_dir=$work/run
  rm -rf "$run_dir" && mkdir -p "$run_dir/xdg-data" "$run_dir/xdg-config" "$run_dir/xdg-cache"
  cp -a "$data_template" "$run_dir/data"
  local paint=$run_dir/paint.txt
  local envs=(-u WEBKIT_DISABLE_COMPOSITING_MODE)
  [[ $mode != unset ]] && envs=("WEBKIT_DISABLE_COMPOSITING_MODE=$mode")
  env "${envs[@]}" JOURNEYLOG_BENCH_PAINT_FILE="$paint" JOURNEYLOG_DATA_DIR="$run_dir/data" \
    XDG_DATA_HOME="$run_dir/xdg-data" XDG_CONFIG_HOME="$run_dir/xdg-config" \
    XDG_CACHE_HOME="$run_dir/xdg-cache" "$bin" >"$run_dir/out.log" 2>&1 &
  pid=$!
  local i
  # The paint file may hold other lines first (setup, page timeline); the figure is the
  # line labelled dashboard (Journeylog) or hello (hello-tauri).
  for ((i = 0; i < 1500; i++)); do
    grep -qE '^(dashboard|hello) ' "$paint" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  if ! grep -qE '^(dashboard|hello) ' "$paint" 2>/dev/null; then
    say "no paint from $(basename "$bin") within 30 s: $(tail -n 3 "$run_dir/out.log" | tr '\n' ' ')"
    kill_tree "$pid"; pid=
    echo "NA NA"
    return
  fi
  sleep "$idle_s"
  local ms kb
  ms=$(awk '$1 == "dashboard" || $1 == "hello" {print $2; exit}' "$paint")
  { echo "# $(basename "$bin") WEBKIT_DISABLE_COMPOSITING_MODE=$mode"; cat "$paint"; } >>"$work/timelines.txt"
  kb=$(pss_kb "$pid")
  kill_tree "$pid"; pid=
  echo "$ms $kb"
}

# Reads numbers on stdin (NA skipped); prints "median min max count".
stats() {
  grep -v NA | sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) { print "NA NA NA 0"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f %.1f %.1f %d\n", m, v[1], v[NR], NR }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
awk -v l="${load_before%% *}" 'BEGIN { exit !(l > 0.5) }' &&
  say "warning: load average $load_before: other work on this machine skews the timings"
start_xvfb
say "Xvfb on $DISPLAY; $runs cold starts each, idle ${idle_s}s before PSS"

declare -A start_med pss_med
rows=()
read -r -a modes <<<"${BENCH_MODES:-unset 1}"
# What compositing each program gets in a mode, for the table.
mode_label() { # name mode
  case $2 in
    unset) [[ $1 == app ]] && echo "off (its policy; variable unset)" || echo "on (variable unset)" ;;
    0) echo "on (=0)" ;;
    *) echo "off (=$2)" ;;
  esac
}
for mode in "${modes[@]}"; do
  : >"$work/results-hello" && : >"$work/results-app"
  for ((r = 1; r <= runs; r++)); do
    for name in hello app; do
      if [[ $name == app ]]; then bin=$app data=$seed; else bin=$hello data=$work/empty; fi
      run_once "$bin" "$data" "$mode" >>"$work/results-$name"
      say "$name WEBKIT_DISABLE_COMPOSITING_MODE=$mode run $r: $(tail -n 1 "$work/results-$name")"
    done
  done
  for name in hello app; do
    read -r smed smin smax sn < <(cut -d' ' -f1 "$work/results-$name" | stats)
    read -r pmed pmin pmax _ < <(cut -d' ' -f2 "$work/results-$name" | awk '$1 != "NA" {print $1 / 1024} $1 == "NA" {print "NA"}' | stats)
    start_med[$name$mode]=$smed
    pss_med[$name$mode]=$pmed
    rows+=("| $name | $(mode_label "$name" "$mode") | $sn/$runs | $smed | $smin | $smax | $pmed | $pmin | $pmax |")
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.2f", a / b }'; }
verdict() { # value limit -> ok / OVER
  awk -v v="$1" -v l="$2" 'BEGIN { if (v == "NA") print "n/a"; else if (v + 0 <= l + 0) print "ok"; else print "OVER" }'
}
mb() { awk -v b="$(stat -c %s "$1" 2>/dev/null || echo 0)" 'BEGIN { printf "%.1f", b / 1048576 }'; }

{
  echo "# Desktop app benchmarks"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
    "WebKitGTK $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo '?'), Xvfb 1440x900x24," \
    "load average before $load_before, after $load_after, commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet HEAD 2>/dev/null || echo ' (+ local changes)')."
  echo "App data: $seeded. $runs cold starts per row; start = process start to the page's second"
  echo "requestAnimationFrame (bench_painted); PSS = app + descendants, ${idle_s} s after paint."
  echo
  echo "| program | WebKit compositing | runs | start median ms | min | max | PSS median MB | min | max |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "| budget (DESIGN §7) | measured | limit | verdict |"
  echo "|---|---|---|---|"
  for off in "${modes[@]}"; do
    tag=", WEBKIT_DISABLE_COMPOSITING_MODE $off"
    sr=$(ratio "${start_med[app$off]}" "${start_med[hello$off]}")
    pr=$(ratio "${pss_med[app$off]}" "${pss_med[hello$off]}")
    echo "| cold start to paint$tag | ${start_med[app$off]} ms | 1000 ms | $(verdict "${start_med[app$off]}" 1000) |"
    echo "| start ratio app/hello$tag | $sr | 1.25 | $(verdict "$sr" 1.25) |"
    echo "| idle PSS$tag | ${pss_med[app$off]} MB | 300 MB | $(verdict "${pss_med[app$off]}" 300) |"
    echo "| PSS ratio app/hello$tag | $pr | 1.2 | $(verdict "$pr" 1.2) |"
  done
  echo "| release binary journeylog | $(mb "$app") MB | 20 MB | $(verdict "$(mb "$app")" 20) |"
  echo "| release binary jlog | $(mb "$jlog") MB | - | - |"
  echo "| release binary hello-tauri | $(mb "$hello") MB | - | - |"
} >"$work/report.md"

mkdir -p bench-results
cp "$work/report.md" bench-results/app.md
cp "$work/timelines.txt" bench-results/app-timelines.txt 2>/dev/null || true
cat "$work/report.md"
say "written to bench-results/app.md"
