# shellcheck shell=bash
# SpiceDB v1.56.2 (Apache-2.0 Zanzibar server; replaces Permify, which the Go
# module proxy refuses here). v1.57.x needs a newer Go than this box has.
# Built with `go install github.com/authzed/spicedb/cmd/spicedb@v1.56.2` into
# $BEEP_CACHE/bin/spicedb-v1.56.2 (BEEP_SPICEDB_BIN=/path uses another binary).
# Authorization is required: a failed build is fatal (fail closed).
#
# Two components share the binary:
#   spicedb          `spicedb serve` on the PostgreSQL database `spicedb`
#                    (`datastore migrate head` before every start; idempotent),
#                    HTTP gateway 8443, gRPC 50051, metrics 9091, preshared key
#                    $BEEP_SPICEDB_KEY, dispatch cluster off, no telemetry,
#                    no release check (no network here anyway).
#   spicedb-testing  `spicedb serve-testing`: in-memory, every distinct bearer
#                    token gets its own empty, isolated datastore (any token is
#                    accepted). HTTP gateway 8444, gRPC 50061, the read-only
#                    listeners disabled. For tests; state dies with the process.
# Every listener binds 127.0.0.1. Ready = the gateway's GET /healthz answers
# 200 (it proxies the gRPC health service, SERVING once the datastore is up).
# The key and the datastore URI go through SPICEDB_* environment variables
# (SpiceDB reads them like the matching flags), so they do not show in `ps`.

SPICEDB_VERSION=v1.56.2
SPICEDB_BIN="${BEEP_SPICEDB_BIN:-$BEEP_CACHE/bin/spicedb-$SPICEDB_VERSION}"
SPICEDB_HTTP_PORT=8443
SPICEDB_GRPC_PORT=50051
SPICEDB_METRICS_PORT=9091
SPICEDB_DISPATCH_PORT=50053 # only bound if the dispatch cluster were enabled
SPICEDB_TESTING_HTTP_PORT=8444
SPICEDB_TESTING_GRPC_PORT=50061
BEEP_TIMEOUT[spicedb]=90
BEEP_TIMEOUT[spicedb-testing]=60

spicedb_ports() { echo "$SPICEDB_HTTP_PORT $SPICEDB_GRPC_PORT $SPICEDB_METRICS_PORT"; }
spicedb-testing_ports() { echo "$SPICEDB_TESTING_HTTP_PORT $SPICEDB_TESTING_GRPC_PORT"; }

# "spicedb version" of a binary built by `go install ...@vX` prints vX
spicedb_bin_version_ok() { "$1" version --include-deps=false 2>/dev/null | grep -q -- "$SPICEDB_VERSION"; }

spicedb_install() {
  [[ -x $SPICEDB_BIN ]] && return 0
  [[ -n ${BEEP_SPICEDB_BIN:-} ]] && die "spicedb: BEEP_SPICEDB_BIN=$BEEP_SPICEDB_BIN is not an executable"
  # a plain `GOBIN=$BEEP_CACHE/bin go install ...` leaves bin/spicedb: adopt it
  local plain="$BEEP_CACHE/bin/spicedb"
  if [[ -x $plain ]] && spicedb_bin_version_ok "$plain"; then
    log "spicedb: adopting $plain as $(basename "$SPICEDB_BIN")"
    mv "$plain" "$SPICEDB_BIN"
    return 0
  fi
  command -v go >/dev/null || die "spicedb: a Go toolchain (>= 1.26.6) is needed to build SpiceDB"
  log "spicedb: building $SPICEDB_VERSION with go install (first time only, 5-10 min)"
  local gobin="$BEEP_CACHE/.spicedb-gobin"
  rm -rf "$gobin"; mkdir -p "$gobin"
  if ! GOBIN="$gobin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
      go install "github.com/authzed/spicedb/cmd/spicedb@$SPICEDB_VERSION" >>"$(logfile spicedb)" 2>&1; then
    rm -rf "$gobin"
    fail_component spicedb "go install github.com/authzed/spicedb/cmd/spicedb@$SPICEDB_VERSION failed (authorization is required: not skipping)"
  fi
  mv "$gobin/spicedb" "$SPICEDB_BIN"
  rm -rf "$gobin"
}

spicedb_conn_uri() {
  local pg=${BEEP_PG_URL#jdbc:postgresql://}
  echo "postgres://$BEEP_PG_USER:$BEEP_PG_PASSWORD@$pg/spicedb?sslmode=disable"
}

spicedb_start() {
  local lf; lf=$(logfile spicedb)
  printf '\n===== %s: spicedb datastore migrate head =====\n' "$(date -Is)" >>"$lf"
  SPICEDB_DATASTORE_CONN_URI="$(spicedb_conn_uri)" \
    "$SPICEDB_BIN" datastore migrate head --datastore-engine=postgres \
      --skip-release-check=true --log-level=warn >>"$lf" 2>&1 \
    || fail_component spicedb "datastore migrate head failed"
  SPICEDB_GRPC_PRESHARED_KEY="$BEEP_SPICEDB_KEY" SPICEDB_DATASTORE_CONN_URI="$(spicedb_conn_uri)" \
    start_bg spicedb "$SPICEDB_BIN" serve \
      --datastore-engine=postgres \
      --grpc-addr="127.0.0.1:$SPICEDB_GRPC_PORT" \
      --http-enabled=true --http-addr="127.0.0.1:$SPICEDB_HTTP_PORT" \
      --metrics-enabled=true --metrics-addr="127.0.0.1:$SPICEDB_METRICS_PORT" \
      --dispatch-cluster-enabled=false --dispatch-cluster-addr="127.0.0.1:$SPICEDB_DISPATCH_PORT" \
      --datastore-revision-quantization-interval="${BEEP_SPICEDB_QUANTIZATION:-1s}" \
      --telemetry-endpoint= --skip-release-check=true \
      --grpc-shutdown-grace-period=5s \
      --log-level=info --log-format=json
}

spicedb_ready() { http_ok "http://127.0.0.1:$SPICEDB_HTTP_PORT/healthz"; }

spicedb-testing_start() {
  start_bg spicedb-testing "$SPICEDB_BIN" serve-testing \
    --grpc-addr="127.0.0.1:$SPICEDB_TESTING_GRPC_PORT" \
    --http-enabled=true --http-addr="127.0.0.1:$SPICEDB_TESTING_HTTP_PORT" \
    --readonly-grpc-enabled=false --readonly-grpc-addr=127.0.0.1:50062 \
    --readonly-http-enabled=false --readonly-http-addr=127.0.0.1:8445 \
    --skip-release-check=true \
    --grpc-shutdown-grace-period=2s \
    --log-level=info --log-format=json
}

spicedb-testing_ready() { http_ok "http://127.0.0.1:$SPICEDB_TESTING_HTTP_PORT/healthz"; }
