#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 (trust auth) for the test run.
set -euo pipefail
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
ready && exit 0
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if ! command -v pg_ctlcluster >/dev/null; then
  echo "Installing PostgreSQL from Debian…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
if ! ready; then
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
conf=/etc/postgresql/$version/main/pg_hba.conf
if ! $SUDO grep -qE '^host\s+all\s+all\s+127.0.0.1/32\s+trust' "$conf"; then
  # A fresh Debian cluster asks for passwords; the test server is local and throwaway.
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$conf"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true
fi
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2
exit 1
