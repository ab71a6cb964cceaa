#!/usr/bin/env bash
# One private PostgreSQL cluster for a whole `make test` run.
#
#   scripts/pg-test.sh start   start it (if not running) and print `export JOURNEYLOG_TEST_PG_URL=...`
#   scripts/pg-test.sh url     print the URL of the running cluster
#   scripts/pg-test.sh stop    stop it and delete its files
#
# The server tests read JOURNEYLOG_TEST_PG_URL and create a database per test on it;
# without it each test process starts a cluster of its own (slower, same result).
# Test data needs no durability, so fsync is off. As root, PostgreSQL runs as the
# `postgres` user (it refuses to run as root).
set -euo pipefail

DIR="${JOURNEYLOG_PG_DIR:-${TMPDIR:-/tmp}/journeylog-pg-test}"
PORT="${JOURNEYLOG_PG_PORT:-55432}"

pg_bin() {
  if [[ -n "${JOURNEYLOG_PG_BIN:-}" ]]; then echo "$JOURNEYLOG_PG_BIN"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$found" || ! -x "$found/initdb" ]]; then
    echo "pg-test.sh: PostgreSQL is not installed; run: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "$found"
}

as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
  echo "postgres://postgres@127.0.0.1:$(cat "$DIR/port")/postgres"
}

running() {
  [[ -f "$DIR/port" ]] && as_pg "$(pg_bin)/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
  if running; then
    echo "export JOURNEYLOG_TEST_PG_URL=$(url)"
    return
  fi
  local bin
  bin=$(pg_bin)
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$DIR"
  as_pg "$bin/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-sync >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
  if ! as_pg "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 start \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      >/dev/null; then
    echo "pg-test.sh: PostgreSQL did not start on port $PORT (set JOURNEYLOG_PG_PORT to use another):" >&2
    cat "$DIR/log" >&2
    exit 1
  fi
  echo "$PORT" >"$DIR/port"
  echo "export JOURNEYLOG_TEST_PG_URL=$(url)"
}

stop() {
  if [[ -d "$DIR/data" ]]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running && url || { echo "pg-test.sh: no cluster is running; run: scripts/pg-test.sh start" >&2; exit 1; } ;;
  *) echo "usage: $0 start|url|stop" >&2; exit 2 ;;
esac
