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

smoke_permify() {
  is_running permify || { echo "permify not running"; return 1; }
  curl -fsS --max-time 10 -X POST "$BEEP_PERMIFY_URL/v1/tenants/t1/schemas/write" -H 'Content-Type: application/json' \
    -d '{"schema":"entity user {}\nentity server {\n relation member @user\n permission view = member\n}"}'
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
  check "permify: schema write" smoke_permify
  check "ferretdb: pymongo insert/find" smoke_mongo
  check "kafka: topic beep.events.v1" smoke_kafka
  check "s3: anonymous is denied" smoke_s3_anon
  check "s3: signed put/get" smoke_s3_signed
  check "smtp: send + read via API" smoke_smtp
  echo "smoke: $SMOKE_PASS passed, $SMOKE_FAIL failed"
  ((SMOKE_FAIL == 0))
}
