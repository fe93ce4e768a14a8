# shellcheck shell=bash
# Keycloak 26.5.6 (keycloak-quarkus-dist zip from Maven Central, unpacked in
# $BEEP_CACHE), `start-dev` on 127.0.0.1:8180, management (health) on
# 127.0.0.1:9190, state in the PostgreSQL database `keycloak`.
# Realm `beep` comes from infra-as-code/keycloak/beep-realm.json, imported at
# start when the realm does not exist yet; when the file's checksum differs
# from the one recorded at the last import, `up` deletes the realm and restarts
# Keycloak to import it again (also: `./beep reset-realm`).
# Master realm admin: admin / admin (BEEP_KEYCLOAK_ADMIN[_PASSWORD]).
# Identity brokering: beep-realm.json declares the `google` identity provider
# (client id/secret from BEEP_GOOGLE_CLIENT_ID / BEEP_GOOGLE_CLIENT_SECRET,
# dev defaults otherwise) and `google-sim`, an OIDC provider pointing at the
# realm `google-sim` of this same Keycloak (google-sim-realm.json), which
# stands in for Google in tests. `up` applies both realms' broker parts
# through the admin API too (idempotent), so an already imported realm gets them.

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
  cp "$BEEP_ROOT/infra-as-code/keycloak/google-sim-realm.json" "$KC_HOME/data/import/google-sim-realm.json"
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
  keycloak_identity_brokers
  keycloak_beep_events
}

# keycloak_placeholders : ${NAME:default} -> $NAME from the environment, else
# default (what Keycloak does when it imports a realm file at start).
keycloak_placeholders() {
  perl -pe 's/\$\{(\w+):([^}]*)\}/(defined $ENV{$1} && length $ENV{$1}) ? $ENV{$1} : $2/ge'
}

# keycloak_identity_brokers : realm google-sim exists (created from its file
# when missing) and realm beep has the identity providers of beep-realm.json
# (created when missing, updated otherwise). Safe to run any number of times.
keycloak_identity_brokers() {
  local token code base="http://127.0.0.1:$KC_PORT/admin/realms" idp alias
  token=$(keycloak_admin_token) || true
  [[ -n $token ]] || { warn "keycloak: no admin token, identity providers not applied"; return 0; }
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $token" "$base/google-sim")
  if [[ $code == 404 ]]; then
    code=$(keycloak_placeholders <"$BEEP_ROOT/infra-as-code/keycloak/google-sim-realm.json" \
      | curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X POST "$base" \
          -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @-)
    [[ $code == 201 ]] && log "keycloak: realm google-sim created" \
      || warn "keycloak: creating realm google-sim answered HTTP $code"
  fi
  while IFS= read -r idp; do
    alias=$(jq -r .alias <<<"$idp")
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $token" \
      "$base/$BEEP_KEYCLOAK_REALM/identity-provider/instances/$alias")
    if [[ $code == 404 ]]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary "$idp" \
        "$base/$BEEP_KEYCLOAK_REALM/identity-provider/instances")
    else
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary "$idp" \
        "$base/$BEEP_KEYCLOAK_REALM/identity-provider/instances/$alias")
    fi
    [[ $code == 201 || $code == 204 ]] || warn "keycloak: identity provider $alias answered HTTP $code"
  done < <(jq -c '.identityProviders[]?' "$KC_REALM_FILE" | keycloak_placeholders)
}

# keycloak_beep_events : Keycloak records the user events (REGISTER, UPDATE_PROFILE, DELETE_ACCOUNT,
# FEDERATED_IDENTITY_LINK) and admin events of realm beep, and the backend's service account may read
# them (view-events): command-side's KeycloakEventSync turns changes made directly in Keycloak into
# Beep events. The service account may also read the identity providers (view-identity-providers:
# POST /users/@me/identities/{provider}/link answers 404 for an unknown or disabled provider).
# Idempotent; set through the admin API so that beep-realm.json (and its re-import) is untouched.
keycloak_beep_events() {
  local token base rm role sa code
  token=$(keycloak_admin_token) || true
  [[ -n $token ]] || { warn "keycloak: no admin token, Keycloak events not enabled"; return 0; }
  base="http://127.0.0.1:$KC_PORT/admin/realms/$BEEP_KEYCLOAK_REALM"
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT "$base/events/config" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"eventsEnabled":true,"eventsListeners":["jboss-logging"],"eventsExpiration":2592000,
         "enabledEventTypes":["REGISTER","UPDATE_PROFILE","DELETE_ACCOUNT","FEDERATED_IDENTITY_LINK"],
         "adminEventsEnabled":true,"adminEventsDetailsEnabled":true}')
  [[ $code == 204 ]] || warn "keycloak: enabling events answered HTTP $code"
  rm=$(curl -fsS --max-time 10 "$base/clients?clientId=realm-management" -H "Authorization: Bearer $token" \
    | sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')
  sa=$(curl -fsS --max-time 10 "$base/clients?clientId=beep-backend" -H "Authorization: Bearer $token" \
    | sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')
  [[ -n $rm && -n $sa ]] || { warn "keycloak: clients realm-management / beep-backend not found"; return 0; }
  sa=$(curl -fsS --max-time 10 "$base/clients/$sa/service-account-user" -H "Authorization: Bearer $token" \
    | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
  local name
  for name in view-events view-identity-providers; do
    role=$(curl -fsS --max-time 10 "$base/clients/$rm/roles/$name" -H "Authorization: Bearer $token")
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST \
      "$base/users/$sa/role-mappings/clients/$rm" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "[$role]")
    [[ $code == 204 ]] || warn "keycloak: granting $name to beep-backend answered HTTP $code"
  done
}
