#!/usr/bin/env bash
# Debian's nginx: the shipped front-server configuration is tested by running it (and wrk
# loads pages in bench/). Neither starts as a service here; tests and bench run their own.
set -euo pipefail
if command -v nginx >/dev/null && command -v wrk >/dev/null; then exit 0; fi
echo "Installing Debian's nginx and wrk…"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx-light wrk >/dev/null
