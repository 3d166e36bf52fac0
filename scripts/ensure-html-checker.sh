#!/usr/bin/env bash
# The W3C Nu HTML checker (npm vnu-jar) runs offline on Java, axe-core in the browser tests,
# the sitemaps.org schema (npm sitemap) in the sitemap tests; install them (and Java, npm)
# when missing.
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if ! command -v java >/dev/null || ! command -v npm >/dev/null; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless npm >/dev/null
fi
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f node_modules/axe-core/axe.min.js ] \
  || [ ! -f node_modules/sitemap/schema/sitemap.xsd ]; then
  npm ci --silent --no-audit --no-fund
fi
