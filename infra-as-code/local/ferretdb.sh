# shellcheck shell=bash
# FerretDB v1.24.2 (MongoDB wire protocol) on the PostgreSQL database
# `ferretdb`, 127.0.0.1:27017, telemetry off, debug/metrics on 127.0.0.1:8089.
# `go install ...@v1.24.2` builds a binary that panics (its build/version
# package needs version.txt, which the module does not ship). So the module
# source is copied from the Go module cache into $BEEP_CACHE/ferretdb-build,
# version.txt is written, and the binary is built from ferretdb-build/go.mod
# with a `replace` to that copy. Cached as $BEEP_CACHE/bin/ferretdb-v1.24.2.

FERRETDB_VERSION=v1.24.2
FERRETDB_BIN="$BEEP_CACHE/bin/ferretdb-$FERRETDB_VERSION"
FERRETDB_PORT=27017
FERRETDB_DEBUG_PORT=8089
BEEP_TIMEOUT[ferretdb]=60

ferretdb_ports() { echo "$FERRETDB_PORT $FERRETDB_DEBUG_PORT"; }

ferretdb_install() {
  [[ -x $FERRETDB_BIN ]] && return 0
  command -v go >/dev/null || die "ferretdb: a Go toolchain (>= 1.24) is needed to build FerretDB"
  log "ferretdb: building $FERRETDB_VERSION (first time only, ~3 min)"
  local w="$BEEP_CACHE/ferretdb-build" src
  rm -rf "$w"; mkdir -p "$w"
  cp "$BEEP_LOCAL/ferretdb-build/go.mod" "$BEEP_LOCAL/ferretdb-build/go.sum" "$w/"
  (
    cd "$w"
    export GOFLAGS="-buildvcs=false -mod=mod"
    go mod download github.com/FerretDB/FerretDB
    src=$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)
    cp -r "$src" "$w/src"
    chmod -R u+w "$w/src"
    echo "$FERRETDB_VERSION" >"$w/src/build/version/version.txt"
    go mod edit -replace github.com/FerretDB/FerretDB=./src
    go build -trimpath -o "$w/ferretdb" github.com/FerretDB/FerretDB/cmd/ferretdb
  ) >>"$(logfile ferretdb)" 2>&1 || fail_component ferretdb "build failed"
  mv "$w/ferretdb" "$FERRETDB_BIN"
  rm -rf "$w"
}

ferretdb_start() {
  local pg=${BEEP_PG_URL#jdbc:postgresql://}
  mkdir -p "$BEEP_HOME/ferretdb"
  start_bg ferretdb "$FERRETDB_BIN" \
    --listen-addr="127.0.0.1:$FERRETDB_PORT" \
    --handler=postgresql \
    --postgresql-url="postgres://$BEEP_PG_USER:$BEEP_PG_PASSWORD@$pg/ferretdb?plan_cache_mode=force_custom_plan" \
    --state-dir="$BEEP_HOME/ferretdb" \
    --debug-addr="127.0.0.1:$FERRETDB_DEBUG_PORT" \
    --telemetry=disable --log-level=info
}

ferretdb_ready() {
  port_open "$FERRETDB_PORT" && http_ok "http://127.0.0.1:$FERRETDB_DEBUG_PORT/debug/readyz"
}
