#!/usr/bin/env bash
# Waits until no PostgreSQL autovacuum worker runs, at most QUIET_WAIT_S seconds (900), then returns
# (exit 0 either way; it says what it saw). A vacuum of FerretDB's search table reads its whole GIN
# index (2 GB at 1 M messages): ~30 % of a core for minutes, enough to turn a latency run on two cores
# from "every send accepted" into "a quarter refused" (docs/benchmarks.md, real time, session 8).
# Benches that delete servers (send-throughput's clean-up) start such vacuums for the next run.
# Used by send-throughput and realtime-latency before they measure; runnable on its own.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/infra-as-code/local/env.sh"
PG_HOSTPORT="${BEEP_PG_URL#jdbc:postgresql://}"
export PGHOST="${PG_HOSTPORT%:*}" PGPORT="${PG_HOSTPORT##*:}" PGUSER="$BEEP_PG_USER" PGPASSWORD="$BEEP_PG_PASSWORD"
limit=${QUIET_WAIT_S:-900}
start=$(date +%s)
while :; do
  running=$(psql -qAt -d postgres -c "select string_agg(coalesce(datname, '?') || ': ' || query, '; ')
    from pg_stat_activity where backend_type = 'autovacuum worker'" 2>/dev/null)
  if [ -z "$running" ]; then
    waited=$(( $(date +%s) - start ))
    [ "$waited" -gt 0 ] && echo "no autovacuum running (waited ${waited} s)"
    exit 0
  fi
  if [ $(( $(date +%s) - start )) -ge "$limit" ]; then
    echo "WARNING: still running after ${limit} s, measuring anyway: $running" >&2
    exit 0
  fi
  echo "waiting for autovacuum to finish before measuring: $running"
  sleep 15
done
