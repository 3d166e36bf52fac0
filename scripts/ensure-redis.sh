#!/usr/bin/env bash
# Make sure a Redis server answers on 127.0.0.1:6379 for the PostgreSQL + Redis test run.
set -euo pipefail
ready() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
ready && exit 0
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if ! command -v redis-server >/dev/null; then
  echo "Installing Redis from Debian…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi
mkdir -p /tmp/newsdesk-redis
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
  --dir /tmp/newsdesk-redis --logfile /tmp/newsdesk-redis/redis.log
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
echo "Redis did not come up on 127.0.0.1:6379" >&2
exit 1
