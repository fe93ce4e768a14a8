# shellcheck shell=bash
# Shared helpers for ./beep: paths, logging, process control, readiness waits,
# apt installs and the infra orchestration. Sourced, never executed.
# Each component lives in its own file (postgres.sh, redis.sh, ...) and defines
#   <c>_install   fetch/build what is missing (cached under $BEEP_CACHE)
#   <c>_start     launch in the background (only called when not running)
#   <c>_ready     cheap readiness probe (exit 0 = ready)
#   <c>_post      optional, run once ready (seed data, create topic, ...);
#                 counted in the "ready in" time
#   <c>_stop      optional, defaults to stopping the pid's process group
#   <c>_pid       optional, defaults to $BEEP_RUN/<c>.pid
#   <c>_ports     ports it owns (the first one is checked before start)
#   <c>_enabled   optional, returns 1 when the component cannot run here

: "${BEEP_ROOT:?BEEP_ROOT must point at the repository root}"
export BEEP_HOME="${BEEP_HOME:-$HOME/.beep}"
export BEEP_CACHE="${BEEP_CACHE:-$HOME/.cache/beep}"
BEEP_LOCAL="$BEEP_ROOT/infra-as-code/local"
BEEP_LOGS="$BEEP_HOME/logs"
BEEP_RUN="$BEEP_HOME/run"
mkdir -p "$BEEP_LOGS" "$BEEP_RUN" "$BEEP_CACHE/bin" "$BEEP_CACHE/dl"
chmod 755 "$BEEP_HOME" "$BEEP_LOGS" 2>/dev/null || true

# Start order; `down` stops in reverse.
BEEP_INFRA=(postgres redis ldap smtp s3 kafka keycloak spicedb spicedb-testing ferretdb)

declare -A BEEP_T0=() BEEP_NOTE=() BEEP_TIMEOUT=()
BEEP_TIMINGS=()

log()  { printf '[beep %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
warn() { log "WARNING: $*"; }
die()  { log "ERROR: $*"; exit 1; }

# seconds since $1 (an $EPOCHREALTIME value), one decimal
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
timing()  { BEEP_TIMINGS+=("$*"); }

pidfile() { echo "$BEEP_RUN/$1.pid"; }
logfile() { echo "$BEEP_LOGS/$1.log"; }

has_fn() { declare -F "$1" >/dev/null; }

# log_since_start NAME : the log lines written since the latest start_bg
log_since_start() {
  tail -n 5000 "$(logfile "$1")" 2>/dev/null \
    | awk -v m="===== .*: starting $1 =====" '$0 ~ m { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }'
}

comp_pid() {
  if has_fn "${1}_pid"; then "${1}_pid"; return; fi
  local f; f=$(pidfile "$1")
  [[ -s $f ]] && head -n1 "$f"
}

# alive and not a zombie (a detached child's exit is reaped late by pid 1)
pid_alive() {
  local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n $st && $st != Z* ]]
}

is_running() {
  local p; p=$(comp_pid "$1" 2>/dev/null) || return 1
  [[ -n $p ]] && pid_alive "$p"
}

comp_enabled() { ! has_fn "${1}_enabled" || "${1}_enabled"; }

# TCP connect to 127.0.0.1:$1 (bash /dev/tcp, no extra tools).
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_ok()   { curl -fsS -o /dev/null --max-time "${2:-3}" "$1" 2>/dev/null; }
# any HTTP answer at all (even 4xx/5xx)
http_answers() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-3}" "$1" 2>/dev/null) != 000 ]]; }

# start_bg NAME CMD... : detached (own session), survives the script, output
# appended to the log, pid written to the pid file.
start_bg() {
  local name=$1; shift
  local lf; lf=$(logfile "$name")
  printf '\n===== %s: starting %s =====\n' "$(date -Is)" "$name" >>"$lf"
  setsid nohup "$@" >>"$lf" 2>&1 </dev/null &
  echo $! >"$(pidfile "$name")"
}

# stop_pid NAME [TIMEOUT]: TERM the process group, then KILL after TIMEOUT s.
stop_pid() {
  local name=$1 t=${2:-30} pid pgid i
  pid=$(comp_pid "$name" 2>/dev/null) || true
  if [[ -z $pid ]] || ! pid_alive "$pid"; then
    rm -f "$(pidfile "$name")"; return 0
  fi
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') || true
  if [[ $pgid == "$pid" ]]; then kill -TERM -- "-$pid" 2>/dev/null || true
  else kill -TERM "$pid" 2>/dev/null || true; fi
  for ((i = 0; i < t * 10; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  if pid_alive "$pid"; then
    warn "$name (pid $pid) ignored TERM for ${t}s, killing"
    if [[ $pgid == "$pid" ]]; then kill -KILL -- "-$pid" 2>/dev/null || true
    else kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.5
  fi
  rm -f "$(pidfile "$name")"
  log "$name stopped"
}

fail_component() {
  local c=$1; shift
  log "ERROR: $c: $*"
  log "----- last 40 lines of $(logfile "$c") -----"
  tail -n 40 "$(logfile "$c")" >&2 2>/dev/null || true
  log "-----"
  exit 1
}

comp_ready() {
  if has_fn "${1}_ready"; then "${1}_ready"; else svc_ready "$1"; fi
}

# wait_ready C... : polls every pending component once a second until all are
# ready; fails (log tail, exit 1) on timeout or when a process dies.
wait_ready() {
  local pending=("$@") still c t
  while ((${#pending[@]} > 0)); do
    still=()
    for c in "${pending[@]}"; do
      if comp_ready "$c"; then
        # post-start hook (seed, topics, ...) as soon as this one is ready
        # (skipped when it was already running, except the cheap idempotent ones)
        if has_fn "${c}_post" && [[ -z ${BEEP_NOTE[$c]:-} || $c == postgres || $c == keycloak ]]; then "${c}_post"; fi
        t=$(elapsed "${BEEP_T0[$c]}")
        if [[ -n ${BEEP_NOTE[$c]:-} ]]; then timing "$c: ${BEEP_NOTE[$c]}"
        else timing "$c ready in ${t}s"; log "$c ready in ${t}s"; fi
      elif ! is_running "$c"; then
        fail_component "$c" "process exited before becoming ready"
      elif awk -v e="$(elapsed "${BEEP_T0[$c]}")" -v m="${BEEP_TIMEOUT[$c]:-120}" 'BEGIN { exit !(e > m) }'; then
        fail_component "$c" "not ready after ${BEEP_TIMEOUT[$c]:-120}s"
      else
        still+=("$c")
      fi
    done
    pending=("${still[@]}")
    if ((${#pending[@]} > 0)); then sleep 1; fi
  done
}

# comp_start C : start unless our own process is already running.
comp_start() {
  local c=$1 p
  BEEP_T0[$c]=$EPOCHREALTIME
  if is_running "$c"; then
    BEEP_NOTE[$c]="already running (pid $(comp_pid "$c"))"
    log "$c ${BEEP_NOTE[$c]}"
    return 0
  fi
  for p in $("${c}_ports"); do
    if port_open "$p"; then
      die "$c: port $p is in use by a process that beep did not start (no live pid in $(pidfile "$c")); stop it first"
    fi
    break # only the main port is checked
  done
  log "starting $c"
  "${c}_start"
}

comp_stop() {
  if has_fn "${1}_stop"; then "${1}_stop"; else stop_pid "$1"; fi
}

# run_timed LABEL CMD... : runs CMD, records its duration if above 1 s.
run_timed() {
  local label=$1 t0=$EPOCHREALTIME t; shift
  "$@"
  t=$(elapsed "$t0")
  if awk -v t="$t" 'BEGIN { exit !(t >= 1) }'; then timing "$label took ${t}s"; fi
}

# ---------------------------------------------------------------- apt / tools
BEEP_APT_UPDATED=0
apt_missing() {
  local p
  for p; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
  done
}

# ensure_apt PKG... : installs only what is missing; apt-get update only then.
# A policy-rc.d returning 101 keeps apt from starting the packaged services
# (there is no systemd here, and we run our own instances).
ensure_apt() {
  local missing
  mapfile -t missing < <(apt_missing "$@")
  ((${#missing[@]} > 0)) || return 0
  [[ $EUID -eq 0 ]] || die "missing Debian packages (${missing[*]}); run as root or install them"
  log "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# installed by beep: do not start services from apt\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  # slapd: no Debian default directory; beep runs its own under $BEEP_HOME.
  echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections 2>/dev/null || true
  if ((BEEP_APT_UPDATED == 0)); then
    apt-get update -q >>"$(logfile apt)" 2>&1 || { tail -n 20 "$(logfile apt)" >&2; die "apt-get update failed"; }
    BEEP_APT_UPDATED=1
  fi
  if ! apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" \
      >>"$(logfile apt)" 2>&1; then
    tail -n 40 "$(logfile apt)" >&2
    die "apt-get install ${missing[*]} failed (log: $(logfile apt))"
  fi
  if ((own_policy)); then rm -f /usr/sbin/policy-rc.d; fi
}

ensure_tools() {
  local pkgs=(ca-certificates curl unzip procps postgresql redis-server slapd ldap-utils jq)
  command -v java >/dev/null || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || pkgs+=(maven)
  ensure_apt "${pkgs[@]}"
  command -v go >/dev/null || [[ -x /usr/local/go/bin/go ]] \
    || warn "no Go toolchain: FerretDB and SpiceDB cannot be built (install Go >= 1.26.6)"
  [[ -x /usr/local/go/bin/go ]] && [[ :$PATH: != *:/usr/local/go/bin:* ]] && export PATH="$PATH:/usr/local/go/bin"
  return 0
}

# mvn for fetching runtimes; runs outside the repo unless -f is given, so the
# project's reactor is never read.
mvn_fetch() { (cd "$BEEP_CACHE/dl" && mvn -B -q -ntp "$@"); }

# ---------------------------------------------------------------- orchestration
infra_up() {
  local c
  run_timed "apt/tools check" ensure_tools
  for c in "${BEEP_INFRA[@]}"; do
    has_fn "${c}_install" && run_timed "$c install" "${c}_install"
  done
  # PostgreSQL first: Keycloak, SpiceDB and FerretDB keep their state in it.
  comp_start postgres
  wait_ready postgres
  local started=()
  for c in "${BEEP_INFRA[@]}"; do
    [[ $c == postgres ]] && continue
    if ! comp_enabled "$c"; then timing "$c: SKIPPED (${BEEP_NOTE[$c]:-unavailable})"; continue; fi
    comp_start "$c"
    started+=("$c")
  done
  wait_ready "${started[@]}"
}

infra_down() {
  local i
  for ((i = ${#BEEP_INFRA[@]} - 1; i >= 0; i--)); do comp_stop "${BEEP_INFRA[i]}"; done
}

print_timings() {
  ((${#BEEP_TIMINGS[@]} > 0)) || return 0
  echo "---- timings ----"
  printf '  %s\n' "${BEEP_TIMINGS[@]}"
}

status_line() {
  local c=$1 state=down pid ports p listen=""
  pid=$(comp_pid "$c" 2>/dev/null) || pid=""
  if [[ -n $pid ]] && pid_alive "$pid"; then state=up; else pid="-"; fi
  ports=$("${c}_ports" 2>/dev/null || svc_port "$c")
  for p in $ports; do
    if port_open "$p"; then listen+="$p "; else listen+="$p(closed) "; fi
  done
  printf '%-18s %-5s pid %-8s ports %s\n' "$c" "$state" "$pid" "$listen"
}
