# shellcheck shell=bash
# ./beep admin <subcommand>: the operator and analyst routes of the gateway (/api/v1/admin) from a
# shell. Sourced by ./beep, never executed. Needs curl and jq.
#   BEEP_GATEWAY_URL      gateway (default http://127.0.0.1:8080)
#   BEEP_ADMIN_USER       Keycloak user with operator/analyst/app-admin (default admin)
#   BEEP_ADMIN_PASSWORD   its password (default <user>-pass, the dev convention)
# Errors print "HTTP <status> <code>: <detail>" on stderr and exit non-zero (1 = HTTP/usage error).

admin_usage() {
  cat <<'EOF'
usage: ./beep admin <subcommand>
  projections                          projection processors: state, position, lag, last error
  projections rebuild NAME             blue/green rebuild of a processor's views, with a progress bar
                                       (Ctrl-C stops following; the job goes on: jobs cancel ID stops it)
  watch                                the same, refreshed every 2 s (Ctrl-C stops)
  dead-letters [list [PROCESSOR]]      parked events
  dead-letters retry ID                hand a dead letter's sequence to its handlers again
  dead-letters evict ID                drop a dead letter for good
  events export [FILTERS] > f.ndjson   the history as NDJSON (streams)
  events replay --target TOPIC [FILTERS]
                                       republish the history into a Kafka topic, with a progress bar
  jobs get ID                          one job's progress as JSON
  jobs list [--kind K] [--state S]     the newest jobs (kind rebuild|replay, state running|succeeded|failed|cancelled)
  jobs cancel ID                       stop a running job (a rebuild drops its unfinished copy)
filters: --types A,B  --aggregate ID  --from POS  --to POS  --since ISO  --until ISO  --limit N
env: BEEP_GATEWAY_URL, BEEP_ADMIN_USER, BEEP_ADMIN_PASSWORD
EOF
}

admin_fail() { printf 'beep admin: %s\n' "$*" >&2; return 1; }

admin_gateway() { printf '%s' "${BEEP_GATEWAY_URL:-http://127.0.0.1:8080}"; }

# Prints an access token of BEEP_ADMIN_USER (password grant, client beep-cli).
admin_token() {
  local user=${BEEP_ADMIN_USER:-admin} answer status token
  local password=${BEEP_ADMIN_PASSWORD:-$user-pass}
  answer=$(curl -sS -w '\n%{http_code}' \
    --data-urlencode grant_type=password --data-urlencode client_id=beep-cli \
    --data-urlencode "username=$user" --data-urlencode "password=$password" \
    "$BEEP_KEYCLOAK_URL/realms/$BEEP_KEYCLOAK_REALM/protocol/openid-connect/token") \
    || admin_fail "cannot reach Keycloak at $BEEP_KEYCLOAK_URL" || return
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  if [[ $status != 200 ]]; then
    admin_fail "sign-in of $user failed: HTTP $status $(jq -r '.error_description // .error // empty' <<<"$answer" 2>/dev/null)"
    return
  fi
  token=$(jq -r .access_token <<<"$answer")
  printf '%s' "$token"
}

# admin_call METHOD PATH [JSON]: prints the body of a 2xx answer; otherwise prints the problem on stderr.
admin_call() {
  local method=$1 path=$2 body=${3:-} answer status
  local -a args=(-sS -X "$method" -w '\n%{http_code}' -H "Authorization: Bearer $ADMIN_TOKEN")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  answer=$(curl "${args[@]}" "$(admin_gateway)$path") || admin_fail "cannot reach the gateway at $(admin_gateway)" || return
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  if [[ $status != 2* ]]; then
    admin_problem "$status" "$answer"
    return 1
  fi
  printf '%s' "$answer"
}

admin_problem() {
  local status=$1 body=$2 line
  line=$(jq -r '"\(.code // .title // "error"): \(.detail // .title // "")"' <<<"$body" 2>/dev/null) || line=$body
  printf 'beep admin: HTTP %s %s\n' "$status" "$line" >&2
}

admin_projections() {
  local answer
  answer=$(admin_call GET /api/v1/admin/projections) || return
  jq -r '(["PROCESSOR","STATE","POSITION","HEAD","LAG","LAG_MS","SEGMENTS","LAST_ERROR"]),
         (.items[] | [.name, .state, .position, .headPosition, .lagEvents, .lagMillis, .segments,
                      (.lastError // "-" | tostring | .[0:60])]) | @tsv' <<<"$answer" | column -t -s $'\t'
}

admin_projections_cmd() {
  case ${1:-list} in
    list) admin_projections ;;
    rebuild)
      [[ -n ${2:-} ]] || { admin_fail "usage: ./beep admin projections rebuild NAME"; return; }
      local answer id
      answer=$(admin_call POST "/api/v1/admin/projections/$(jq -rn --arg p "$2" '$p|@uri')/rebuild" '{}') || return
      id=$(jq -r .id <<<"$answer")
      echo "rebuild job $id of $2 (the live copy keeps serving; ./beep admin jobs cancel $id stops it)" >&2
      admin_follow "$id"
      ;;
    *) admin_fail "usage: ./beep admin projections [list|rebuild NAME]" ;;
  esac
}

admin_watch() {
  local interval=${BEEP_WATCH_INTERVAL:-2} table
  while true; do
    table=$(admin_projections) || return
    printf '\033[H\033[2J%s  (every %ss, Ctrl-C stops)\n\n%s\n' "$(date -u +%H:%M:%SZ)" "$interval" "$table"
    sleep "$interval"
  done
}

admin_dead_letters() {
  local action=${1:-list} answer
  case $action in
    list)
      local path=/api/v1/admin/dead-letters?limit=500
      [[ -n ${2:-} ]] && path+="&processor=$(jq -rn --arg p "$2" '$p|@uri')"
      answer=$(admin_call GET "$path") || return
      if [[ $(jq '.items | length' <<<"$answer") == 0 ]]; then
        echo "no dead letters"
        return
      fi
      jq -r '(["ID","PROCESSOR","EVENT","AGGREGATE","SEQ","ENQUEUED","CAUSE"]),
             (.items[] | [.id, .processor, .eventType, .aggregateId, .aggregateSequence, .enqueuedAt,
                          ((.causeType // "" | split(".") | last) + ": " + (.causeMessage // "") | .[0:70])])
             | @tsv' <<<"$answer" | column -t -s $'\t'
      ;;
    retry)
      [[ -n ${2:-} ]] || { admin_fail "usage: ./beep admin dead-letters retry ID"; return; }
      answer=$(admin_call POST "/api/v1/admin/dead-letters/$(jq -rn --arg p "$2" '$p|@uri')/retry" '{}') || return
      jq -r '"\(if .succeeded then "retried" else "failed again" end): \(.id) (\(.processor)), \(.remaining) left in its sequence"' <<<"$answer"
      [[ $(jq -r .succeeded <<<"$answer") == true ]]
      ;;
    evict)
      [[ -n ${2:-} ]] || { admin_fail "usage: ./beep admin dead-letters evict ID"; return; }
      admin_call POST "/api/v1/admin/dead-letters/$(jq -rn --arg p "$2" '$p|@uri')/evict" '{}' >/dev/null || return
      echo "evicted $2"
      ;;
    *) admin_fail "usage: ./beep admin dead-letters [list [PROCESSOR]|retry ID|evict ID]" ;;
  esac
}

# Parses the filter flags into the JSON object ADMIN_FILTERS and, when asked, ADMIN_TARGET.
admin_filters() {
  ADMIN_FILTERS='{}'
  ADMIN_TARGET=
  local key
  while [[ $# -gt 0 ]]; do
    case $1 in
      --types) key=types ;; --aggregate | --aggregate-id) key=aggregateId ;;
      --from) key=from ;; --to) key=to ;; --since) key=since ;; --until) key=until ;; --limit) key=limit ;;
      --target) key=target ;;
      *) admin_fail "unknown option $1 (filters: --types --aggregate --from --to --since --until --limit)"; return ;;
    esac
    [[ $# -ge 2 ]] || { admin_fail "$1 needs a value"; return; }
    if [[ $key == target ]]; then
      ADMIN_TARGET=$2
    elif [[ $key == types ]]; then
      ADMIN_FILTERS=$(jq -c --arg v "$2" '.types = ($v | split(",") | map(select(length > 0)))' <<<"$ADMIN_FILTERS")
    else
      ADMIN_FILTERS=$(jq -c --arg k "$key" --arg v "$2" '.[$k] = $v' <<<"$ADMIN_FILTERS")
    fi
    shift 2
  done
}

admin_events() {
  local action=${1:-}
  shift || true
  case $action in
    export)
      admin_filters "$@" || return
      [[ -z $ADMIN_TARGET ]] || { admin_fail "--target is for replay"; return; }
      local query url
      query=$(jq -r 'to_entries | map(if .key == "types" then "types=\(.value | join(",") | @uri)"
                                      else "\(.key)=\(.value | @uri)" end) | join("&")' <<<"$ADMIN_FILTERS")
      url="$(admin_gateway)/api/v1/admin/events${query:+?$query}"
      # --fail keeps a problem answer out of the NDJSON; the same request is repeated to show it
      if ! curl -s -f -N -H "Authorization: Bearer $ADMIN_TOKEN" "$url"; then
        admin_call GET "/api/v1/admin/events${query:+?$query}" >/dev/null
        return 1
      fi
      ;;
    replay)
      admin_filters "$@" || return
      [[ -n $ADMIN_TARGET ]] || { admin_fail "usage: ./beep admin events replay --target TOPIC [filters]"; return; }
      local body answer id
      body=$(jq -cn --arg t "$ADMIN_TARGET" --argjson f "$ADMIN_FILTERS" '{target: $t, filters: $f}')
      answer=$(admin_call POST /api/v1/admin/events/replay "$body") || return
      id=$(jq -r .id <<<"$answer")
      echo "replay job $id -> $ADMIN_TARGET" >&2
      admin_follow "$id"
      ;;
    *) admin_fail "usage: ./beep admin events export|replay [filters]" ;;
  esac
}

# Polls a job until it ends, drawing a progress bar on stderr; exit 0 only if it succeeded.
admin_follow() {
  local id=$1 answer state processed total rate eta width=30 filled pct
  while true; do
    answer=$(admin_call GET "/api/v1/admin/jobs/$id") || return
    IFS=$'\t' read -r state processed total rate eta < <(jq -r '[.state, .processed, (.total // ""),
      (.ratePerSecond // 0), (.etaSeconds // "?")] | @tsv' <<<"$answer")
    if [[ -n $total && $total -gt 0 ]]; then
      pct=$((processed * 100 / total))
    elif [[ $state != running ]]; then pct=100
    else pct=0
    fi
    ((pct > 100)) && pct=100
    filled=$((pct * width / 100))
    printf '\r[%s%s] %3d%% %s/%s  %s ev/s  eta %ss ' "$(printf '%*s' "$filled" '' | tr ' ' '#')" \
      "$(printf '%*s' "$((width - filled))" '')" "$pct" "$processed" "${total:-?}" "$rate" "$eta" >&2
    [[ $state == running ]] || break
    sleep 0.5
  done
  printf '\n' >&2
  if [[ $state == succeeded ]]; then
    echo "job $id succeeded: $processed events"
  else
    admin_fail "job $id $state: $(jq -r '.error // (if .state == "cancelled" then "on request" else "unknown error" end)' <<<"$answer")"
  fi
}

admin_jobs() {
  case ${1:-} in
    get)
      [[ -n ${2:-} ]] || { admin_fail "usage: ./beep admin jobs get ID"; return; }
      admin_call GET "/api/v1/admin/jobs/$(jq -rn --arg p "$2" '$p|@uri')" | jq .
      ;;
    list)
      shift
      local query="limit=50" answer
      while [[ $# -gt 0 ]]; do
        case $1 in
          --kind | --state)
            [[ $# -ge 2 ]] || { admin_fail "$1 needs a value"; return; }
            query+="&${1#--}=$(jq -rn --arg p "$2" '$p|@uri')"
            shift 2
            ;;
          *) admin_fail "unknown option $1 (--kind K --state S)"; return ;;
        esac
      done
      answer=$(admin_call GET "/api/v1/admin/jobs?$query") || return
      if [[ $(jq '.items | length' <<<"$answer") == 0 ]]; then
        echo "no jobs"
        return
      fi
      jq -r '(["ID","KIND","STATE","PROCESSED","TOTAL","EV/S","ETA_S","STARTED","ERROR"]),
             (.items[] | [.id, .kind, .state, .processed, (.total // "-"), .ratePerSecond, (.etaSeconds // "-"),
                          .startedAt, (.error // "-" | .[0:50])]) | @tsv' <<<"$answer" | column -t -s $'\t'
      ;;
    cancel)
      [[ -n ${2:-} ]] || { admin_fail "usage: ./beep admin jobs cancel ID"; return; }
      local answer
      answer=$(admin_call POST "/api/v1/admin/jobs/$(jq -rn --arg p "$2" '$p|@uri')/cancel" '{}') || return
      jq -r '"job \(.id): \(.state)\(if .state == "running" then " (stopping at its next checkpoint)" else "" end)"' <<<"$answer"
      ;;
    *) admin_fail "usage: ./beep admin jobs get ID | list [--kind K] [--state S] | cancel ID" ;;
  esac
}

admin_main() {
  command -v jq >/dev/null || { admin_fail "jq is required"; return; }
  local sub=${1:-help}
  shift || true
  case $sub in
    help | -h | --help) admin_usage; return 0 ;;
    projections | watch | dead-letters | events | jobs) ;;
    *) admin_usage >&2; return 2 ;;
  esac
  ADMIN_TOKEN=$(admin_token) || return
  case $sub in
    projections) admin_projections_cmd "$@" ;;
    watch) admin_watch ;;
    dead-letters) admin_dead_letters "$@" ;;
    events) admin_events "$@" ;;
    jobs) admin_jobs "$@" ;;
  esac
}
