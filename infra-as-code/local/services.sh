# shellcheck shell=bash
# The five Beep services (Spring Boot fat jars, finalName = module name).
# Each runs from a copy of its jar in $BEEP_HOME/services (so a rebuild never
# pulls the jar from under a running JVM), bound to 127.0.0.1:<port>, with the
# connection settings of env.sh in its environment. Health: /actuator/health.
# JVM options: JAVA_OPTS_<MODULE> (e.g. JAVA_OPTS_COMMAND_SIDE), default
# "-Xms128m -Xmx512m -XX:+UseG1GC"; BEEP_JAVA_OPTS is appended to all.

# start order (they start in parallel; the order only staggers the launches)
BEEP_SERVICES=(saga-orchestrator:8084 command-side:8081 projections:8083 query-side:8082 gateway:8080)
BEEP_SERVICE_TIMEOUT=${BEEP_SERVICE_TIMEOUT:-300}

svc_names() { local s; for s in "${BEEP_SERVICES[@]}"; do echo "${s%%:*}"; done; }
svc_port() {
  local s
  for s in "${BEEP_SERVICES[@]}"; do [[ ${s%%:*} == "$1" ]] && { echo "${s##*:}"; return 0; }; done
  return 1
}
svc_module_present() { [[ -f $BEEP_ROOT/$1/pom.xml ]]; }
svc_jar() { echo "$BEEP_ROOT/$1/target/$1.jar"; }
svc_run_jar() { echo "$BEEP_HOME/services/$1.jar"; }
svc_present() { local s; for s in $(svc_names); do svc_module_present "$s" && return 0; done; return 1; }

svc_java_opts() {
  local var="JAVA_OPTS_$(echo "$1" | tr 'a-z-' 'A-Z_')"
  echo "${!var:--Xms128m -Xmx512m -XX:+UseG1GC} ${BEEP_JAVA_OPTS:-}"
}

svc_start() {
  local name=$1 port; port=$(svc_port "$name")
  mkdir -p "$BEEP_HOME/services"
  cp -p "$(svc_jar "$name")" "$(svc_run_jar "$name")"
  # shellcheck disable=SC2046
  start_bg "$name" java $(svc_java_opts "$name") \
    -Dserver.address=127.0.0.1 -Dserver.port="$port" \
    -jar "$(svc_run_jar "$name")"
}
svc_ready() { http_ok "http://127.0.0.1:$(svc_port "$1")/actuator/health" 5; }

# Component functions for each service, so lib.sh treats them like infra.
for __s in $(svc_names); do
  eval "${__s}_ports() { svc_port $__s; }
        ${__s}_start() { svc_start $__s; }
        ${__s}_ready() { svc_ready $__s; }"
  BEEP_TIMEOUT[$__s]=$BEEP_SERVICE_TIMEOUT
done
unset __s

# services_build : mvn package when a service jar is missing (or always with
# "force"). Skips cleanly while the Java modules do not exist yet.
services_build() {
  local force=${1:-} s need=0
  if ! svc_present; then
    log "services: no service module has a pom.xml yet; skipping the Java build"
    return 0
  fi
  for s in $(svc_names); do
    svc_module_present "$s" && [[ ! -s $(svc_jar "$s") ]] && need=1
  done
  if [[ $force == force || $need == 1 ]]; then
    log "services: mvn -B -q -DskipTests package"
    run_timed "java build" bash -c "cd '$BEEP_ROOT' && mvn -B -q -ntp -DskipTests package" \
      || die "services: the Maven build failed"
  fi
}

# services_up [restart-stale] : start every service whose module exists; with
# restart-stale, a running service whose built jar is newer than the copy it
# runs from is restarted. Waits until all are healthy.
services_up() {
  local mode=${1:-} s started=()
  if ! svc_present; then
    log "services: no Java service modules yet; infrastructure only"
    return 0
  fi
  services_build
  for s in $(svc_names); do
    if ! svc_module_present "$s"; then log "services: $s has no pom.xml yet, skipped"; continue; fi
    if [[ ! -s $(svc_jar "$s") ]]; then warn "services: $(svc_jar "$s") was not built, $s skipped"; continue; fi
    if [[ $mode == restart-stale ]] && is_running "$s" && [[ $(svc_jar "$s") -nt $(svc_run_jar "$s") ]]; then
      log "services: $s jar is newer than the running one, restarting"
      stop_pid "$s" 30
    fi
    comp_start "$s"
    started+=("$s")
  done
  ((${#started[@]} > 0)) && wait_ready "${started[@]}"
  return 0
}

services_down() {
  local i names; mapfile -t names < <(svc_names)
  for ((i = ${#names[@]} - 1; i >= 0; i--)); do stop_pid "${names[i]}" 30; done
}
