#!/usr/bin/env bash
# Blue/green rebuild throughput of POST /api/v1/admin/projections/{name}/rebuild (issue 7, target
# >= 20,000 events/s).
#
# Builds a synthetic history of N events (default 1,000,000: 1% ServerCreatedEvent, 9%
# MemberJoinedEvent (10 members a server), 90% MessageSentEvent) in a throwaway database
# beep_bench_rebuild_events, starts a second projections instance on it (port 18093, gRPC 19593, views in
# beep_bench_rebuild_views, Mongo database beep_bench_rebuild) whose live processors are already at the head (their
# tokens are set before it starts, so nothing competes with the rebuild), rebuilds `messages`
# (FerretDB) and `server-views` (PostgreSQL) one after the other through the admin route, and prints
# each job's events/s (every event of the store is read; each processor handles its share), then
# stops that instance. The live stack is only asked for an admin token. The bench instance has no
# readers, so its old copies are dropped right after the switch (drop grace 1 ms, 5 s in service).
#
# The bench PostgreSQL databases are dropped at the end unless BENCH_KEEP=1 (the Mongo database
# beep_bench_rebuild stays, as with events-export.sh; each rebuild drops the copies it replaced).
#
# BENCH_PROCESSORS="a b" picks the processors to rebuild (default: messages server-views); BENCH_JAR another
# projections jar (e.g. a build of an older commit, for a before/after); BENCH_JAVA_OPTS more JVM options
# for the bench instance (e.g. a JFR recording).
#
# Besides the rate it prints the cost of each rebuild: CPU seconds of the bench JVM (its idle live
# processors poll only every 5 s, so this is nearly all the rebuild's) and the PostgreSQL statements it
# caused (pg_stat_statements, in beep_events: calls and execution time in the bench views database, and
# in the ferretdb database those naming the bench Mongo database; FerretDB's begin/commit are not
# counted), per 1,000 events read. The rate depends on the machine's load; CPU and statements much less.
#
# usage: bench/projection-rebuild.sh [N]   (needs psql, curl, python3; run `mvn -pl projections -am package` first)
set -euo pipefail
cd "$(dirname "$0")/.."
source infra-as-code/local/env.sh
N="${1:-1000000}"
PORT=18093
JAR="${BENCH_JAR:-projections/target/projections.jar}"
PG_HOSTPORT="${BEEP_PG_URL#jdbc:postgresql://}"
export PGHOST="${PG_HOSTPORT%:*}" PGPORT="${PG_HOSTPORT##*:}" PGUSER="$BEEP_PG_USER" PGPASSWORD="$BEEP_PG_PASSWORD"

[ -f "$JAR" ] || { echo "build first: mvn -B -q -pl projections -am package -DskipTests" >&2; exit 1; }

for db in beep_bench_rebuild_events beep_bench_rebuild_views; do
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
psql -q -d beep_bench_rebuild_events -f command-side/src/main/resources/db/migration/V1__axon_event_store.sql

LOG=$(mktemp /tmp/beep-bench-rebuild.XXXX.log)
PID=
start_instance() {
  BEEP_EVENTS_DB=beep_bench_rebuild_events BEEP_VIEWS_DB=beep_bench_rebuild_views BEEP_MONGO_URL=mongodb://127.0.0.1:27017/beep_bench_rebuild \
  BEEP_PROJECTIONS_PORT=$PORT BEEP_PROJECTIONS_GRPC_PORT=19593 BEEP_INSTANCE_ID=projections-bench \
    java -Xms256m -Xmx768m -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$JAR" --beep.admin.rebuild.drop-grace-ms=1 --beep.axon.fetch-delay-ms=5000 >>"$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return 0
    kill -0 $PID 2>/dev/null || { echo "bench instance died, see $LOG" >&2; exit 1; }
    sleep 1
  done
  echo "bench instance did not start, see $LOG" >&2; exit 1
}
stop_instance() { [ -n "$PID" ] && { kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; PID=; }; }
cleanup() {
  stop_instance
  [ -n "${BENCH_KEEP:-}" ] || for db in beep_bench_rebuild_events beep_bench_rebuild_views; do psql -q -d postgres -c "DROP DATABASE IF EXISTS $db"; done
}
trap cleanup EXIT

echo "== bench instance of projections on :$PORT, first start (creates the views tables)"
start_instance
stop_instance

echo "== synthetic history: $N events"
start=$(date +%s.%N)
psql -q -d beep_bench_rebuild_events <<SQL
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                payload_type, payload_revision, payload, meta_data)
SELECT md5(i::text)::uuid::text,
       CASE WHEN i % 100 = 0 OR i % 10 = 5 THEN (300000000000000000 + (i / 100) * 100)::text
            ELSE (300000000000000000 + i)::text END,
       CASE WHEN i % 10 = 5 THEN (i % 100 - 5) / 10 + 1 ELSE 0 END,
       CASE WHEN i % 100 = 0 OR i % 10 = 5 THEN 'Server' ELSE 'Message' END,
       to_char(timestamp '2026-01-01' + i * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       CASE WHEN i % 100 = 0 THEN 'io.beep.contracts.server.ServerCreatedEvent'
            WHEN i % 10 = 5 THEN 'io.beep.contracts.server.MemberJoinedEvent'
            ELSE 'io.beep.contracts.message.MessageSentEvent' END,
       '1',
       convert_to(CASE WHEN i % 100 = 0 THEN
         format('{"serverId":"%s","name":"bench %s","description":"synthetic","visibility":"PUBLIC","ownerId":"%s","everyoneRoleId":"%s","everyonePermissions":["VIEW_CHANNELS","SEND_MESSAGES"],"defaultChannelId":"%s","createdAt":"2026-01-01T00:00:00Z"}',
                300000000000000000 + i, i, md5((i % 977)::text)::uuid, 400000000000000000 + i, 500000000000000000 + i)
       WHEN i % 10 = 5 THEN
         format('{"serverId":"%s","userId":"%s","joinedAt":"2026-01-01T00:00:00Z"}',
                300000000000000000 + (i / 100) * 100, md5(i::text)::uuid)
       ELSE
         format('{"messageId":"%s","channelId":"%s","serverId":"%s","authorId":"%s","content":"%s","type":"DEFAULT","nonce":"n-%s","replyTo":null,"sentAt":"2026-01-01T00:00:00Z"}',
                300000000000000000 + i, 500000000000000000 + (i / 1000) * 100, 300000000000000000 + (i / 1000) * 100,
                md5((i % 977)::text)::uuid, repeat(md5(i::text), 3), i)
       END, 'UTF8'),
       convert_to(format('{"traceId":"%s","correlationId":"%s"}', md5(i::text)::uuid, md5(i::text)::uuid), 'UTF8')
FROM generate_series(1, $N) AS i
WHERE i >= 100 OR i % 10 <> 5;
ANALYZE domain_event_entry;
SQL
HEAD=$(psql -At -d beep_bench_rebuild_events -c "select max(global_index) from domain_event_entry")
echo "   inserted in $(echo "$(date +%s.%N) - $start" | bc) s; head $HEAD; table size $(psql -At -d beep_bench_rebuild_events -c "select pg_size_pretty(pg_total_relation_size('domain_event_entry'))")"
# every live processor (their token rows exist since the first start) starts at the head: the rebuild is the only work
psql -q -d beep_bench_rebuild_views -c "UPDATE token_entry SET token = convert_to('{\"index\":$HEAD,\"gaps\":[]}', 'UTF8'),
  token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL"

echo "== bench instance, second start (live processors at the head)"
start_instance
TOKEN=$(curl -s -d grant_type=password -d client_id=beep-cli -d username=admin -d password=admin-pass \
  "$BEEP_KEYCLOAK_URL/realms/$BEEP_KEYCLOAK_REALM/protocol/openid-connect/token" \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')

jvm_cpu() { # CPU seconds of the bench JVM so far
  python3 -c "import os,sys; f=open(f'/proc/{sys.argv[1]}/stat').read().rsplit(')',1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK'))" "$PID"
}
statements() { # "calls ms" of the statements of the bench so far
  psql -At -F' ' -d beep_events -c "select coalesce(sum(calls),0), round(coalesce(sum(total_exec_time),0)::numeric)
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    where d.datname = 'beep_bench_rebuild_views' or (d.datname = 'ferretdb' and s.query like '%beep_bench_rebuild%')"
}
rebuild() { # processor
  local job id state t0 t1 cpu0 cpu1 st0 st1
  cpu0=$(jvm_cpu); st0=$(statements)
  t0=$(date +%s.%N)
  job=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/admin/projections/$1/rebuild")
  id=$(python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])' <<<"$job")
  while true; do
    job=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/admin/jobs/$id")
    state=$(python3 -c 'import sys,json;print(json.load(sys.stdin)["state"])' <<<"$job")
    [ "$state" = running ] || break
    sleep 1
  done
  t1=$(date +%s.%N)
  python3 -c "import sys,json; j=json.loads(sys.argv[1]); s=float(sys.argv[2]); print(f'   {sys.argv[3]}: {j[\"state\"]}, {j[\"processed\"]:,} events, job rate {j[\"ratePerSecond\"]:,.0f} events/s, wall {s:.1f} s (incl. the switch; no reader here, so no drop grace)')" \
    "$job" "$(echo "$t1 - $t0" | bc)" "$1"
  cpu1=$(jvm_cpu); st1=$(statements)
  python3 -c "import sys,json; n=json.loads(sys.argv[1])['processed'] or 1; c=float(sys.argv[3])-float(sys.argv[2]); a=sys.argv[4].split(); b=sys.argv[5].split(); calls=int(b[0])-int(a[0]); ms=int(b[1])-int(a[1]); print(f'   {sys.argv[6]}: JVM {c:.1f} CPU s = {1e6*c/n:.0f} us/event; {calls:,} statements ({1000*calls/n:.0f} per 1,000 events), {ms/1000:.1f} s in PostgreSQL; load average {open(\"/proc/loadavg\").read().split()[0]}')" \
    "$job" "$cpu0" "$cpu1" "$st0" "$st1" "$1"
}
echo "== rebuilds"
for processor in ${BENCH_PROCESSORS:-messages server-views}; do
  rebuild "$processor"
done
echo "   server_member rows: $(psql -At -d beep_bench_rebuild_views -c 'select count(*) from server_member')"
echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM; $(date -u +%Y-%m-%dT%H:%MZ)"
