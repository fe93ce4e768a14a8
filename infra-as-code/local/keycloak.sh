# shellcheck shell=bash
# Keycloak 26.5.6 (keycloak-quarkus-dist zip from Maven Central, unpacked in
# $BEEP_CACHE), `start-dev` on 127.0.0.1:8180, management (health) on
# 127.0.0.1:9190, state in the PostgreSQL database `keycloak`.
# Realm `beep` comes from infra-as-code/keycloak/beep-realm.json, imported at
# start when the realm does not exist yet; when the file's checksum differs
# from the one recorded at the last import, `up` deletes the realm and restarts
# Keycloak to import it again (also: `./beep reset-realm`).
# Master realm admin: admin / admin (BEEP_KEYCLOAK_ADMIN[_PASSWORD]).
# Optional Google identity provider: set BEEP_GOOGLE_CLIENT_ID and
# BEEP_GOOGLE_CLIENT_SECRET before `up`; it is added through the admin API.

KEYCLOAK_VERSION=26.5.6
KC_HOME="$BEEP_CACHE/keycloak-$KEYCLOAK_VERSION"
KC_PORT=8180
KC_MGMT_PORT=9190
KC_ADMIN="${BEEP_KEYCLOAK_ADMIN:-admin}"
KC_ADMIN_PW="${BEEP_KEYCLOAK_ADMIN_PASSWORD:-admin}"
BEEP_TIMEOUT[keycloak]=${BEEP_KEYCLOAK_TIMEOUT:-300}

keycloak_ports() { echo "$KC_PORT $KC_MGMT_PORT"; }

keycloak_install() {
  [[ -x $KC_HOME/bin/kc.sh ]] && return 0
  local zip="$BEEP_CACHE/dl/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -s $zip ]]; then
    log "keycloak: fetching keycloak-quarkus-dist $KEYCLOAK_VERSION (165 MB)"
    mvn_fetch dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$BEEP_CACHE/dl" || die "keycloak: could not fetch the distribution"
  fi
  local tmp="$BEEP_CACHE/.keycloak-unzip.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  unzip -q "$zip" -d "$tmp" || die "keycloak: unzip failed"
  rm -rf "$KC_HOME"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"
  rm -rf "$tmp"
}

keycloak_start() {
  mkdir -p "$KC_HOME/data/import"
  cp "$BEEP_ROOT/infra-as-code/keycloak/beep-realm.json" "$KC_HOME/data/import/beep-realm.json"
  local pg_host_port=${BEEP_PG_URL#jdbc:postgresql://}
  start_bg keycloak env \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PW" \
    JAVA_OPTS_KC_HEAP="${BEEP_KEYCLOAK_HEAP:--Xms64m -Xmx768m}" \
    BEEP_BACKEND_SECRET="$BEEP_BACKEND_SECRET" \
    "$KC_HOME/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port="$KC_PORT" \
      --http-management-port="$KC_MGMT_PORT" --health-enabled=true \
      --hostname="http://127.0.0.1:$KC_PORT" \
      --db=postgres --db-url="jdbc:postgresql://$pg_host_port/keycloak" \
      --db-username="$BEEP_PG_USER" --db-password="$BEEP_PG_PASSWORD" \
      --import-realm
}

keycloak_ready() {
  http_ok "http://127.0.0.1:$KC_PORT/realms/$BEEP_KEYCLOAK_REALM/.well-known/openid-configuration"
}

# keycloak_admin_token : master-realm admin access token (admin-cli)
keycloak_admin_token() {
  curl -fsS --max-time 10 "http://127.0.0.1:$KC_PORT/realms/master/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=admin-cli \
    --data-urlencode "username=$KC_ADMIN" --data-urlencode "password=$KC_ADMIN_PW" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

KC_REALM_FILE="$BEEP_ROOT/infra-as-code/keycloak/beep-realm.json"
KC_REALM_SHA="$BEEP_HOME/keycloak/realm.sha256"

# keycloak_reimport : delete realm beep and restart Keycloak so that it imports
# beep-realm.json again (users registered at run time are lost).
keycloak_reimport() {
  local token code
  token=$(keycloak_admin_token) || true
  [[ -n $token ]] || fail_component keycloak "no master admin token; cannot re-import the realm"
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X DELETE -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$KC_PORT/admin/realms/$BEEP_KEYCLOAK_REALM")
  [[ $code == 204 || $code == 404 ]] || fail_component keycloak "deleting realm $BEEP_KEYCLOAK_REALM answered HTTP $code"
  stop_pid keycloak 60
  BEEP_T0[keycloak]=$EPOCHREALTIME
  keycloak_start
  local t0=$EPOCHREALTIME
  until keycloak_ready; do
    is_running keycloak || fail_component keycloak "exited while re-importing the realm"
    awk -v e="$(elapsed "$t0")" -v m="${BEEP_TIMEOUT[keycloak]}" 'BEGIN { exit !(e > m) }' \
      && fail_component keycloak "not ready ${BEEP_TIMEOUT[keycloak]}s after re-import"
    sleep 1
  done
  BEEP_NOTE[keycloak]="restarted, realm re-imported in $(elapsed "$t0")s"
  log "keycloak: realm $BEEP_KEYCLOAK_REALM re-imported"
}

keycloak_post() {
  local sha; sha=$(sha256sum "$KC_REALM_FILE" | cut -c1-64)
  mkdir -p "$(dirname "$KC_REALM_SHA")"
  # The import at start only creates a missing realm: when beep-realm.json has
  # changed since the realm was imported, re-import it.
  if [[ -s $KC_REALM_SHA && $(cat "$KC_REALM_SHA") != "$sha" ]]; then
    log "keycloak: beep-realm.json changed since the realm was imported; re-importing it"
    keycloak_reimport
  fi
  echo "$sha" >"$KC_REALM_SHA"
  keycloak_google_idp
}

keycloak_google_idp() {
  [[ -n ${BEEP_GOOGLE_CLIENT_ID:-} && -n ${BEEP_GOOGLE_CLIENT_SECRET:-} ]] || return 0
  local token code
  token=$(keycloak_admin_token) || true
  [[ -n $token ]] || { warn "keycloak: no admin token, Google identity provider not configured"; return 0; }
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST \
    "http://127.0.0.1:$KC_PORT/admin/realms/$BEEP_KEYCLOAK_REALM/identity-provider/instances" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"alias\":\"google\",\"providerId\":\"google\",\"enabled\":true,\"trustEmail\":true,
         \"config\":{\"clientId\":\"$BEEP_GOOGLE_CLIENT_ID\",\"clientSecret\":\"$BEEP_GOOGLE_CLIENT_SECRET\",
                     \"defaultScope\":\"openid profile email\",\"syncMode\":\"IMPORT\"}}")
  case $code in
    201) log "keycloak: Google identity provider added" ;;
    409) log "keycloak: Google identity provider already present" ;;
    *) warn "keycloak: adding the Google identity provider answered HTTP $code" ;;
  esac
}
