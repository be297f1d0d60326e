# Shared by .ci/run and .ci/bench-setup (sourced, not run): local PostgreSQL and Redis,
# started if installed and not running, then waited for.

log() { printf '\n==> %s\n' "$*"; }

ensure_postgres() {  # [host] [port]
  local host=${1:-127.0.0.1} port=${2:-5432}
  if ! pg_isready -q -h "$host" -p "$port"; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  fi
  for _ in $(seq 60); do pg_isready -q -h "$host" -p "$port" && return 0; sleep 1; done
  echo "PostgreSQL did not come up" >&2; return 1
}

ensure_redis() {  # [host] [port]
  local host=${1:-127.0.0.1} port=${2:-6379}
  if ! redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  fi
  for _ in $(seq 60); do redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1 && return 0; sleep 1; done
  echo "Redis did not come up" >&2; return 1
}
