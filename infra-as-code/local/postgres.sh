# shellcheck shell=bash
# PostgreSQL 15 (Debian package), our own cluster in $BEEP_HOME/postgres/data,
# owned by the `postgres` OS user, TCP on 127.0.0.1:5432 only (scram auth),
# unix socket in /var/run/postgresql (peer auth for the postgres OS user).

PG_PORT=5432
PG_SOCKET_DIR=/var/run/postgresql
PGDATA_DIR="$BEEP_HOME/postgres/data"
PG_DATABASES=(beep_events beep_views keycloak spicedb ferretdb)
BEEP_TIMEOUT[postgres]=60

pg_bindir() {
  if [[ -n ${BEEP_PG_BIN:-} ]]; then echo "$BEEP_PG_BIN"; return; fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return; fi
  # another Debian release: take the newest installed server
  local d; d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [[ -n $d ]] || die "postgres: no server binaries under /usr/lib/postgresql"
  echo "$d"
}

as_postgres() { runuser -u postgres -- "$@"; }
pg_psql() { as_postgres "$(pg_bindir)/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 "$@"; }

postgres_ports() { echo "$PG_PORT"; }
postgres_pid() { [[ -s $PGDATA_DIR/postmaster.pid ]] && head -n1 "$PGDATA_DIR/postmaster.pid"; }
postgres_install() { :; } # the Debian package comes with ensure_tools

# The postgres OS user must be able to traverse every parent of $BEEP_HOME
# (e.g. /root is 0700): add the search (x) bit where it lacks it.
pg_make_traversable() {
  local d=$BEEP_HOME
  while [[ $d != / && -n $d ]]; do
    if ! as_postgres test -x "$d"; then
      log "postgres: chmod o+x $d (the postgres user must reach $PGDATA_DIR)"
      chmod o+x "$d"
    fi
    d=$(dirname "$d")
  done
}

pg_write_conf() {
  cat >"$PGDATA_DIR/beep.conf" <<EOF
# Managed by infra-as-code/local/postgres.sh (rewritten on every start).
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 300
password_encryption = scram-sha-256

# memory (24 GiB box shared with ~15 JVMs)
shared_buffers = 512MB
effective_cache_size = 4GB
work_mem = 8MB
maintenance_work_mem = 256MB

# durability stays on; group commits when many sessions commit at once
synchronous_commit = on
fsync = on
full_page_writes = on
commit_delay = 200
commit_siblings = 5
wal_level = replica
wal_buffers = 16MB
wal_compression = on
max_wal_size = 2GB
min_wal_size = 256MB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9

# planner for SSD
random_page_cost = 1.1
effective_io_concurrency = 200

shared_preload_libraries = 'pg_stat_statements'
# SpiceDB's Watch API needs commit timestamps (it is disabled otherwise)
track_commit_timestamp = on
log_min_duration_statement = 1000
log_line_prefix = '%m [%p] %q%u@%d '
log_timezone = 'UTC'
timezone = 'UTC'
EOF
  chown postgres:postgres "$PGDATA_DIR/beep.conf"
}

postgres_init() {
  [[ -s $PGDATA_DIR/PG_VERSION ]] && return 0
  log "postgres: initdb in $PGDATA_DIR"
  mkdir -p "$BEEP_HOME/postgres"
  pg_make_traversable
  install -d -o postgres -g postgres -m 700 "$PGDATA_DIR"
  as_postgres "$(pg_bindir)/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >>"$(logfile postgres)" 2>&1 \
    || fail_component postgres "initdb failed"
  echo "include_if_exists = 'beep.conf'" >>"$PGDATA_DIR/postgresql.conf"
}

postgres_start() {
  local lf; lf=$(logfile postgres)
  postgres_init
  pg_make_traversable
  pg_write_conf
  install -d -o postgres -g postgres -m 2775 "$PG_SOCKET_DIR"
  touch "$lf"; chown postgres:postgres "$lf"
  # pg_ctl detaches the server itself and waits until it accepts connections.
  as_postgres "$(pg_bindir)/pg_ctl" -D "$PGDATA_DIR" -l "$lf" -w -t 60 -s start \
    || fail_component postgres "pg_ctl start failed"
}

postgres_ready() {
  [[ -S $PG_SOCKET_DIR/.s.PGSQL.$PG_PORT ]] || return 1
  as_postgres "$(pg_bindir)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
}

# Role and databases (idempotent; runs on every `up`, takes ~0.1 s).
postgres_post() {
  local db
  pg_psql -d postgres -v user="$BEEP_PG_USER" -v pw="$BEEP_PG_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN SUPERUSER PASSWORD %L', :'user', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SQL
  for db in "${PG_DATABASES[@]}"; do
    pg_psql -d postgres -v user="$BEEP_PG_USER" -v db="$db" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  done
  pg_psql -d beep_events -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' 2>/dev/null || true
}

postgres_stop() {
  if is_running postgres; then
    as_postgres "$(pg_bindir)/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 -s stop \
      || warn "postgres: pg_ctl stop failed"
    log "postgres stopped"
  fi
}
