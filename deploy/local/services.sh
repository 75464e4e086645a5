#!/usr/bin/env bash
# Makes MariaDB (127.0.0.1:3306) and Redis (127.0.0.1:6379) answer for development, tests and CI.
# Uses them if they already answer; otherwise starts the installed servers with data under
# deploy/local/.data (git-ignored); installs the Debian packages first when they are missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="$here/.data"
MYSQL_PORT="${MYSQL_PORT:-3306}"
REDIS_PORT="${REDIS_PORT:-6379}"

say() { printf '[services] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

mariadb_answers() {
  local admin
  admin="$(command -v mariadb-admin || command -v mysqladmin || true)"
  [ -n "$admin" ] && "$admin" --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -uroot --connect-timeout=2 ping >/dev/null 2>&1
}

redis_answers() {
  command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
}

install_packages() {
  say "installing $* from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq "$@" >/dev/null
}

wait_for() {
  local what="$1" check="$2" log="$3"
  for _ in $(seq 1 60); do
    if "$check"; then say "$what is ready"; return 0; fi
    sleep 0.5
  done
  say "$what did not answer within 30 s; its log follows ($log)"
  tail -n 30 "$log" >&2 || true
  exit 1
}

ensure_mariadb() {
  if mariadb_answers; then say "MariaDB answers on 127.0.0.1:$MYSQL_PORT"; return; fi
  if port_open "$MYSQL_PORT"; then
    say "port $MYSQL_PORT is taken but MariaDB does not answer as root without a password; stop that server or set MYSQL_PORT"
    exit 1
  fi
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || install_packages mariadb-server mariadb-client
  local mariadbd install_db
  mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  install_db="$(command -v mariadb-install-db || command -v mysql_install_db)"
  mkdir -p "$data/mariadb"
  if [ ! -d "$data/mariadb/db/mysql" ]; then
    say "initialising a MariaDB data directory in $data/mariadb"
    if ! "$install_db" --no-defaults --datadir="$data/mariadb/db" --user="$(id -un)" \
      --auth-root-authentication-method=normal --skip-test-db >"$data/mariadb/install.log" 2>&1; then
      say "mariadb-install-db failed; its log follows"
      tail -n 30 "$data/mariadb/install.log" >&2
      rm -rf "$data/mariadb/db"
      exit 1
    fi
  fi
  say "starting MariaDB on 127.0.0.1:$MYSQL_PORT"
  nohup "$mariadbd" --no-defaults --datadir="$data/mariadb/db" --socket="$data/mariadb/mysqld.sock" \
    --pid-file="$data/mariadb/mysqld.pid" --port="$MYSQL_PORT" --bind-address=127.0.0.1 \
    --user="$(id -un)" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 --log-error="$data/mariadb/error.log" >/dev/null 2>&1 &
  wait_for MariaDB mariadb_answers "$data/mariadb/error.log"
}

ensure_redis() {
  if ! redis_answers; then
    if port_open "$REDIS_PORT"; then say "port $REDIS_PORT is taken but Redis does not answer PING"; exit 1; fi
    command -v redis-server >/dev/null || install_packages redis-server
    mkdir -p "$data/redis"
    say "starting Redis on 127.0.0.1:$REDIS_PORT"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$data/redis" \
      --save "" --appendonly no --maxmemory-policy noeviction --logfile "$data/redis/redis.log"
    wait_for Redis redis_answers "$data/redis/redis.log"
  else
    say "Redis answers on 127.0.0.1:$REDIS_PORT"
  fi
  # BullMQ loses jobs if Redis may evict keys; insist on noeviction even on a server we did not start.
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" config set maxmemory-policy noeviction >/dev/null
}

ensure_mariadb
ensure_redis
