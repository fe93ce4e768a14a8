#!/usr/bin/env bash
# Export throughput of GET /api/v1/admin/events (issue 7, target >= 50,000 events/s).
#
# Builds a synthetic history of N events (default 1,000,000: 1% ServerCreatedEvent, 99%
# MessageSentEvent with ~330-byte payloads) in a throwaway database beep_bench_events, starts a
# second projections instance on it (port 18083, gRPC 19583, views in beep_bench_views, Mongo
# database beep_bench; its processors are switched to subscribing mode so nothing else competes for
# the CPU), streams the whole history and one filtered export with curl, prints events/s, then
# stops that instance. The live stack is only asked for an admin token.
#
# The bench databases are dropped at the end unless BENCH_KEEP=1.
#
# usage: bench/events-export.sh [N]      (needs psql, curl, python3; run `mvn -pl projections -am package` first)
set -euo pipefail
cd "$(dirname "$0")/.."
source infra-as-code/local/env.sh
N="${1:-1000000}"
PORT=18083
JAR=projections/target/projections.jar
PG_HOSTPORT="${BEEP_PG_URL#jdbc:postgresql://}"
export PGHOST="${PG_HOSTPORT%:*}" PGPORT="${PG_HOSTPORT##*:}" PGUSER="$BEEP_PG_USER" PGPASSWORD="$BEEP_PG_PASSWORD"

[ -f "$JAR" ] || { echo "build first: mvn -B -q -pl projections -am package -DskipTests" >&2; exit 1; }

echo "== synthetic history: $N events"
for db in beep_bench_events beep_bench_views; do
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
psql -q -d beep_bench_events -f command-side/src/main/resources/db/migration/V1__axon_event_store.sql
start=$(date +%s.%N)
psql -q -d beep_bench_events <<SQL
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                payload_type, payload_revision, payload, meta_data)
SELECT md5(i::text)::uuid::text,
       (300000000000000000 + i)::text,
       0,
       CASE WHEN i % 100 = 0 THEN 'Server' ELSE 'Message' END,
       to_char(timestamp '2026-01-01' + i * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       CASE WHEN i % 100 = 0 THEN 'io.beep.contracts.server.ServerCreatedEvent'
            ELSE 'io.beep.contracts.message.MessageSentEvent' END,
       '1',
       convert_to(CASE WHEN i % 100 = 0 THEN
         format('{"serverId":"%s","name":"bench %s","description":"synthetic","visibility":"PUBLIC","ownerId":"%s","everyoneRoleId":"%s","everyonePermissions":["VIEW_CHANNELS","SEND_MESSAGES"],"defaultChannelId":"%s","createdAt":"2026-01-01T00:00:00Z"}',
                300000000000000000 + i, i, md5((i % 977)::text)::uuid, 400000000000000000 + i, 500000000000000000 + i)
       ELSE
         format('{"messageId":"%s","channelId":"%s","serverId":"%s","authorId":"%s","content":"%s","type":"DEFAULT","nonce":"n-%s","replyTo":null,"sentAt":"2026-01-01T00:00:00Z"}',
                300000000000000000 + i, 500000000000000000 + (i / 1000) * 100, 300000000000000000 + (i / 1000) * 100,
                md5((i % 977)::text)::uuid, repeat(md5(i::text), 3), i)
       END, 'UTF8'),
       convert_to(format('{"traceId":"%s","correlationId":"%s"}', md5(i::text)::uuid, md5(i::text)::uuid), 'UTF8')
FROM generate_series(1, $N) AS i;
ANALYZE domain_event_entry;
SQL
echo "   inserted in $(echo "$(date +%s.%N) - $start" | bc) s; table size $(psql -At -d beep_bench_events -c "select pg_size_pretty(pg_total_relation_size('domain_event_entry'))")"

echo "== bench instance of projections on :$PORT"
LOG=$(mktemp /tmp/beep-bench-projections.XXXX.log)
BEEP_EVENTS_DB=beep_bench_events BEEP_VIEWS_DB=beep_bench_views BEEP_MONGO_URL=mongodb://127.0.0.1:27017/beep_bench \
BEEP_PROJECTIONS_PORT=$PORT BEEP_PROJECTIONS_GRPC_PORT=19583 \
  java -Xms256m -Xmx512m -XX:+UseG1GC -jar "$JAR" \
  --axon.eventhandling.processors.server-views.mode=subscribing \
  --axon.eventhandling.processors.messages.mode=subscribing >"$LOG" 2>&1 &
PID=$!
cleanup() {
  kill $PID 2>/dev/null; wait $PID 2>/dev/null || true
  [ -n "${BENCH_KEEP:-}" ] || for db in beep_bench_events beep_bench_views; do psql -q -d postgres -c "DROP DATABASE IF EXISTS $db"; done
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  kill -0 $PID 2>/dev/null || { echo "bench instance died, see $LOG" >&2; exit 1; }
  sleep 1
done
TOKEN=$(curl -s -d grant_type=password -d client_id=beep-cli -d username=admin -d password=admin-pass \
  "$BEEP_KEYCLOAK_URL/realms/$BEEP_KEYCLOAK_REALM/protocol/openid-connect/token" \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')

export_rate() { # label query
  local t0 t1 lines
  t0=$(date +%s.%N)
  lines=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/admin/events?$2" | wc -l)
  t1=$(date +%s.%N)
  python3 -c "import sys; n,s=int(sys.argv[1]),float(sys.argv[2]); print(f'   {sys.argv[3]}: {n:,} events in {s:.2f} s = {n/s:,.0f} events/s')" \
    "$lines" "$(echo "$t1 - $t0" | bc)" "$1"
}
echo "== export (each run once to warm up, then measured)"
export_rate "warm-up, whole history" "" >/dev/null
export_rate "whole history" ""
export_rate "types=ServerCreatedEvent (1% of rows; the rate counts matches, the whole table is scanned)" "types=ServerCreatedEvent"
export_rate "position range, half" "from=$((N / 4))&to=$((N * 3 / 4))"
echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM; $(date -u +%Y-%m-%dT%H:%MZ)"
