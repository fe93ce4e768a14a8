# shellcheck shell=bash
# ./beep smoke : quick end-to-end checks of the running infrastructure.
# Uses only curl, psql, redis-cli, ldapsearch, java (Kafka tools) and, for the
# MongoDB wire check, pymongo in a venv under $BEEP_CACHE/venv (if python3 is
# there). Prints one PASS/FAIL line per check and a closing count.

SMOKE_PASS=0 SMOKE_FAIL=0

check() {
  local name=$1 out; shift
  if out=$("$@" 2>&1); then
    SMOKE_PASS=$((SMOKE_PASS + 1)); printf 'PASS  %-34s %s\n' "$name" "$(echo "$out" | tail -n1 | cut -c1-110)"
  else
    SMOKE_FAIL=$((SMOKE_FAIL + 1)); printf 'FAIL  %-34s %s\n' "$name" "$(echo "$out" | tail -n3 | tr '\n' ' ' | cut -c1-300)"
  fi
}

jwt_payload() {
  local p; p=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
  while (( ${#p} % 4 )); do p+="="; done
  base64 -d <<<"$p" 2>/dev/null
}

kc_token() { # kc_token CURL-ARGS... -> access token
  curl -fsS --max-time 20 "$BEEP_KEYCLOAK_URL/realms/$BEEP_KEYCLOAK_REALM/protocol/openid-connect/token" "$@" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

smoke_pg() {
  local db
  for db in "${PG_DATABASES[@]}"; do
    PGPASSWORD=$BEEP_PG_PASSWORD psql -h 127.0.0.1 -p 5432 -U "$BEEP_PG_USER" -d "$db" -tAc 'select current_database()' || return 1
  done | tr '\n' ' '
}

smoke_password_token() { # user password -> prints aud + roles
  local t; t=$(kc_token -d grant_type=password -d client_id=beep-cli -d "username=$1" -d "password=$2")
  [[ -n $t ]] || return 1
  local p; p=$(jwt_payload "$t")
  grep -q '"beep-backend"' <<<"$p" || { echo "no aud beep-backend in $p"; return 1; }
  grep -q "\"preferred_username\":\"$1\"" <<<"$p" || { echo "no preferred_username in $p"; return 1; }
  echo "aud=$(grep -o '"aud":[^]]*]\?[^,]*' <<<"$p" | head -1) roles=$(grep -o '"realm_access":{[^}]*}' <<<"$p")"
}

smoke_backend_token() {
  local t; t=$(kc_token -d grant_type=client_credentials -d "client_id=$BEEP_KEYCLOAK_CLIENT_ID" -d "client_secret=$BEEP_BACKEND_SECRET")
  [[ -n $t ]] || return 1
  # the service account may read users through the admin API
  curl -fsS --max-time 10 -H "Authorization: Bearer $t" \
    "$BEEP_KEYCLOAK_URL/admin/realms/$BEEP_KEYCLOAK_REALM/users?username=alice&exact=true" | grep -o '"username":"alice"'
}

smoke_introspect() {
  local t; t=$(kc_token -d grant_type=password -d client_id=beep-cli -d username=bob -d password=bob-pass)
  curl -fsS --max-time 10 -u "$BEEP_KEYCLOAK_CLIENT_ID:$BEEP_BACKEND_SECRET" -d "token=$t" \
    "$BEEP_KEYCLOAK_URL/realms/$BEEP_KEYCLOAK_REALM/protocol/openid-connect/token/introspect" | grep -o '"active":true'
}

smoke_wrong_password() {
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' "$BEEP_KEYCLOAK_URL/realms/$BEEP_KEYCLOAK_REALM/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=beep-cli -d username=carol -d password=wrong)
  [[ $code == 401 ]] && echo "HTTP $code"
}

# spicedb_api URL KEY PATH JSON : POST to a SpiceDB HTTP gateway, body on stdout
spicedb_api() {
  curl -fsS --max-time 10 -X POST "$1$3" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$4"
}

# jq-free field extraction: json_field NAME <<<JSON -> first string value
json_field() { grep -o "\"$1\": *\"[^\"]*\"" | head -n1 | sed 's/.*: *"\(.*\)"/\1/'; }

# Throwaway instance: a fresh random token = a fresh empty datastore.
smoke_spicedb_testing() {
  is_running spicedb-testing || { echo "spicedb-testing not running"; return 1; }
  local u=$BEEP_SPICEDB_TESTING_URL k="smoke-$RANDOM$RANDOM$RANDOM" out zed
  spicedb_api "$u" "$k" /v1/schema/write \
    '{"schema":"definition user {}\ndefinition doc {\n  relation reader: user\n  permission read = reader\n}"}' >/dev/null || return 1
  out=$(spicedb_api "$u" "$k" /v1/relationships/write '{"updates":[{"operation":"OPERATION_TOUCH","relationship":{
    "resource":{"objectType":"doc","objectId":"d1"},"relation":"reader",
    "subject":{"object":{"objectType":"user","objectId":"alice"}}}}]}') || return 1
  zed=$(json_field token <<<"$out")
  [[ -n $zed ]] || { echo "no writtenAt.token in $out"; return 1; }
  out=$(spicedb_api "$u" "$k" /v1/permissions/check "{\"consistency\":{\"atLeastAsFresh\":{\"token\":\"$zed\"}},
    \"resource\":{\"objectType\":\"doc\",\"objectId\":\"d1\"},\"permission\":\"read\",
    \"subject\":{\"object\":{\"objectType\":\"user\",\"objectId\":\"alice\"}}}") || return 1
  grep -q '"PERMISSIONSHIP_HAS_PERMISSION"' <<<"$out" || { echo "alice: $out"; return 1; }
  out=$(spicedb_api "$u" "$k" /v1/permissions/check '{"consistency":{"fullyConsistent":true},
    "resource":{"objectType":"doc","objectId":"d1"},"permission":"read",
    "subject":{"object":{"objectType":"user","objectId":"bob"}}}') || return 1
  grep -q '"PERMISSIONSHIP_NO_PERMISSION"' <<<"$out" || { echo "bob: $out"; return 1; }
  # LookupResources streams one {"result":{...}} JSON object per line
  out=$(spicedb_api "$u" "$k" /v1/permissions/resources '{"consistency":{"fullyConsistent":true},
    "resourceObjectType":"doc","permission":"read","subject":{"object":{"objectType":"user","objectId":"alice"}}}') || return 1
  grep -q '"resourceObjectId": *"d1"' <<<"$out" || { echo "lookup: $out"; return 1; }
  # another token sees none of it (isolated datastore, no schema)
  out=$(curl -s --max-time 10 -X POST "$u/v1/schema/read" -H "Authorization: Bearer $k-other") || return 1
  grep -qi 'no schema has been defined' <<<"$out" || { echo "other token: $out"; return 1; }
  echo "alice HAS_PERMISSION, bob NO_PERMISSION, lookup d1, other token isolated"
}

# Main instance: answers with the preshared key, refuses without it / with a wrong one.
smoke_spicedb_auth() {
  is_running spicedb || { echo "spicedb not running"; return 1; }
  local u=$BEEP_SPICEDB_URL/v1/schema/read ok none wrong
  ok=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$u" -H "Authorization: Bearer $BEEP_SPICEDB_KEY")
  none=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$u")
  wrong=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$u" -H "Authorization: Bearer wrong-$RANDOM")
  # 200 = a schema is stored, 404 = none yet: both are authenticated answers
  [[ ($ok == 200 || $ok == 404) && $none == 401 && $wrong == 403 ]] \
    || { echo "with key $ok, without $none, wrong key $wrong"; return 1; }
  echo "with key HTTP $ok, without key $none, wrong key $wrong"
}

smoke_mongo() {
  command -v python3 >/dev/null || { echo "no python3"; return 1; }
  local venv="$BEEP_CACHE/venv"
  if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import pymongo' 2>/dev/null; then
    python3 -m venv "$venv" >/dev/null && "$venv/bin/pip" install -q pymongo >/dev/null || return 1
  fi
  "$venv/bin/python" - "$BEEP_MONGO_URL" <<'PY'
import sys, pymongo
c = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=5000)
db = c.get_default_database()
db.smoke.delete_many({})
db.smoke.insert_one({"k": "v", "tokens": ["a", "b"]})
db.smoke.create_index("tokens")
doc = db.smoke.find_one({"tokens": "b"})
assert doc and doc["k"] == "v", doc
print("server", c.server_info()["version"], "ok")
PY
}

smoke_kafka() { kafka_topics --list | grep -x 'beep.events.v1'; }

smoke_s3_anon() {
  local body; body=$(curl -s --max-time 5 "$BEEP_S3_ENDPOINT/")
  grep -q 'AccessDenied' <<<"$body" && echo "anonymous: AccessDenied"
}

# curl's --aws-sigv4 (7.88) does not send x-amz-content-sha256 itself
s3_curl() { # s3_curl PAYLOAD-SHA256 CURL-ARGS...
  local sha=$1; shift
  curl -fsS --max-time 10 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$BEEP_S3_ACCESS_KEY:$BEEP_S3_SECRET_KEY" \
    -H "x-amz-content-sha256: $sha" "$@"
}

smoke_s3_signed() {
  local f; f=$(mktemp); echo "hello beep $RANDOM" >"$f"
  s3_curl "$(sha256sum "$f" | cut -d' ' -f1)" --upload-file "$f" "$BEEP_S3_ENDPOINT/$BEEP_S3_BUCKET/smoke.txt" >/dev/null \
    || { rm -f "$f"; return 1; }
  rm -f "$f"
  s3_curl "$(printf '' | sha256sum | cut -d' ' -f1)" "$BEEP_S3_ENDPOINT/$BEEP_S3_BUCKET/smoke.txt"
}

smoke_smtp() {
  local to="smoke-$RANDOM@beep.local"
  printf 'Subject: smoke\r\nFrom: noreply@beep.local\r\nTo: %s\r\n\r\nhello\r\n' "$to" \
    | curl -fsS --max-time 10 --url smtp://127.0.0.1:3025 --mail-from noreply@beep.local --mail-rcpt "$to" --upload-file - || return 1
  sleep 0.5
  curl -fsS --max-time 5 "$BEEP_SMTP_API/api/user/$to/messages/" | grep -o '"subject":"smoke"'
}

smoke_ldap() {
  ldapsearch -x -LLL -H "$BEEP_LDAP_URL" -D "uid=pauline,ou=people,dc=polytech,dc=local" -w pauline-pass \
    -b "ou=people,dc=polytech,dc=local" '(uid=pierre)' mail | grep '^mail:'
}

smoke_all() {
  check "postgres: beep on all databases" smoke_pg
  check "redis: PING" redis-cli -h 127.0.0.1 -p 6379 ping
  check "ldap: bind as pauline" smoke_ldap
  check "keycloak: alice password grant" smoke_password_token alice alice-pass
  check "keycloak: admin roles" smoke_password_token admin admin-pass
  check "keycloak: wrong password = 401" smoke_wrong_password
  check "keycloak: beep-backend client creds" smoke_backend_token
  check "keycloak: introspection" smoke_introspect
  check "keycloak: LDAP user pauline login" smoke_password_token pauline pauline-pass
  check "spicedb: key required" smoke_spicedb_auth
  check "spicedb-testing: schema/write/check" smoke_spicedb_testing
  check "ferretdb: pymongo insert/find" smoke_mongo
  check "kafka: topic beep.events.v1" smoke_kafka
  check "s3: anonymous is denied" smoke_s3_anon
  check "s3: signed put/get" smoke_s3_signed
  check "smtp: send + read via API" smoke_smtp
  echo "smoke: $SMOKE_PASS passed, $SMOKE_FAIL failed"
  ((SMOKE_FAIL == 0))
}
