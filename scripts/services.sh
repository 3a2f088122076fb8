#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on loopback, starting or installing them when they do not,
# and that the database named in DATABASE_URL exists.
set -euo pipefail
database_url=${1:-postgres://postgres@127.0.0.1:5432/claimtrack}
redis_url=${2:-redis://127.0.0.1:6379/0}

pg_rest=${database_url#*://}; pg_auth=${pg_rest%%@*}; pg_hostpart=${pg_rest#*@}
pg_user=${pg_auth%%:*}; pg_host=${pg_hostpart%%:*}; pg_portdb=${pg_hostpart#*:}
pg_port=${pg_portdb%%/*}; pg_db=${pg_portdb#*/}
redis_hostpart=${redis_url#redis://}; redis_hostpart=${redis_hostpart%%/*}
redis_host=${redis_hostpart%%:*}; redis_port=${redis_hostpart#*:}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1; then
  echo "installing PostgreSQL and Redis"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
fi

if ! pg_isready -q -h "$pg_host" -p "$pg_port"; then
  echo "starting PostgreSQL"
  version=$(ls /etc/postgresql | sort -n | tail -1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 30); do pg_isready -q -h "$pg_host" -p "$pg_port" && break; sleep 1; done
fi
if ! psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$pg_db'" | grep -q 1; then
  echo "creating database $pg_db"
  psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE \"$pg_db\""
fi

if ! redis-cli -h "$redis_host" -p "$redis_port" ping >/dev/null 2>&1; then
  echo "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 30); do redis-cli -h "$redis_host" -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 1; done
fi
echo "services: PostgreSQL $pg_host:$pg_port/$pg_db and Redis $redis_host:$redis_port are up"
