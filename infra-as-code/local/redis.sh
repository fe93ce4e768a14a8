# shellcheck shell=bash
# Redis 7 (Debian redis-server) on 127.0.0.1:6379, run in the foreground under
# setsid (same lifecycle as every other component). Persistence: AOF
# (appendfsync everysec) in $BEEP_HOME/redis, no RDB snapshots, so `down`/`up`
# keeps data. Set BEEP_REDIS_AOF=no for a purely in-memory Redis.

REDIS_PORT=6379
BEEP_TIMEOUT[redis]=30

redis_ports() { echo "$REDIS_PORT"; }

redis_start() {
  mkdir -p "$BEEP_HOME/redis"
  start_bg redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --daemonize no --dir "$BEEP_HOME/redis" --save "" \
    --appendonly "${BEEP_REDIS_AOF:-yes}" --appendfsync everysec \
    --maxclients 2000 --loglevel notice --logfile ""
}

redis_ready() {
  [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}
