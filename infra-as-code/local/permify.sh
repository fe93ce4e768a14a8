# shellcheck shell=bash
# Permify v1.3.8 (the newest Apache-2.0 release; never use a newer one: AGPL).
# Built with `go install github.com/Permify/permify/cmd/permify@v1.3.8` into
# $BEEP_CACHE/bin/permify-v1.3.8, run on the PostgreSQL database `permify`
# (auto-migrated at start), HTTP 3476, gRPC 3478, distributed mode off.
# Permify has no listen-host option: its HTTP/gRPC listeners bind all
# interfaces (the only ones that do; keep this box's firewall in mind).
#
# Availability: on 2026-11-27 the Go module proxy answered 403 "This module
# version is not available" for every version of github.com/Permify/permify,
# so the build fails here. Then Permify is reported as SKIPPED and the rest of
# the stack still comes up. BEEP_PERMIFY_BIN=/path/to/permify uses a binary
# obtained some other way; BEEP_REQUIRE_PERMIFY=1 turns the skip into an error.

PERMIFY_VERSION=v1.3.8
PERMIFY_BIN="${BEEP_PERMIFY_BIN:-$BEEP_CACHE/bin/permify-$PERMIFY_VERSION}"
PERMIFY_HTTP_PORT=3476
PERMIFY_GRPC_PORT=3478
BEEP_TIMEOUT[permify]=60

permify_ports() { echo "$PERMIFY_HTTP_PORT $PERMIFY_GRPC_PORT"; }

permify_install() {
  [[ -x $PERMIFY_BIN ]] && return 0
  [[ -e $BEEP_CACHE/.permify-unavailable && -z ${BEEP_RETRY_PERMIFY:-} ]] && return 0
  command -v go >/dev/null || { warn "permify: no Go toolchain"; return 0; }
  log "permify: building $PERMIFY_VERSION with go install"
  local gobin="$BEEP_CACHE/.permify-gobin"
  rm -rf "$gobin"; mkdir -p "$gobin"
  if GOBIN="$gobin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
      go install "github.com/Permify/permify/cmd/permify@$PERMIFY_VERSION" >>"$(logfile permify)" 2>&1; then
    mv "$gobin/permify" "$PERMIFY_BIN"
    rm -f "$BEEP_CACHE/.permify-unavailable"
  else
    tail -n 3 "$(logfile permify)" >&2
    warn "permify: build failed (see above); Permify will be skipped. Retry with BEEP_RETRY_PERMIFY=1"
    date -Is >"$BEEP_CACHE/.permify-unavailable"
  fi
  rm -rf "$gobin"
}

permify_enabled() {
  [[ -x $PERMIFY_BIN ]] && return 0
  BEEP_NOTE[permify]="no binary: github.com/Permify/permify@$PERMIFY_VERSION could not be built, see $(logfile permify)"
  if [[ -n ${BEEP_REQUIRE_PERMIFY:-} ]]; then die "permify: ${BEEP_NOTE[permify]}"; fi
  warn "permify: SKIPPED (${BEEP_NOTE[permify]})"
  return 1
}

permify_start() {
  local pg=${BEEP_PG_URL#jdbc:postgresql://}
  start_bg permify "$PERMIFY_BIN" serve \
    --http-enabled=true --http-port="$PERMIFY_HTTP_PORT" --grpc-port="$PERMIFY_GRPC_PORT" \
    --database-engine=postgres \
    --database-uri="postgres://$BEEP_PG_USER:$BEEP_PG_PASSWORD@$pg/permify?sslmode=disable" \
    --database-auto-migrate=true \
    --distributed-enabled=false --profiler-enabled=false \
    --log-level=info
}

permify_ready() { http_ok "http://127.0.0.1:$PERMIFY_HTTP_PORT/healthz"; }
