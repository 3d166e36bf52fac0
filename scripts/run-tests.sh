#!/usr/bin/env bash
# ruff, then the whole suite on SQLite and on PostgreSQL + Redis. Every step runs whatever
# the one before it did; the summary names each, and the exit status fails if any failed.
# The SQLite run sets the clock to the first of a month and the PostgreSQL run to a month's
# last day (tests/clock.py), so month and day boundaries are tried on every run.
set -uo pipefail
BIN=${BIN:-.venv/bin}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/newsdesk}
REDIS_TEST_URL=${REDIS_TEST_URL:-redis://127.0.0.1:6379/9}
SQLITE_CLOCK=${SQLITE_CLOCK-month-start}
POSTGRES_CLOCK=${POSTGRES_CLOCK-month-end}

summary=()
failed=0
step() {
  local name=$1; shift
  local started=$SECONDS
  echo "=== $name"
  if "$@"; then
    summary+=("passed  $name ($((SECONDS - started)) s)")
  else
    summary+=("FAILED  $name ($((SECONDS - started)) s)")
    failed=1
  fi
}

step "ruff" "$BIN/ruff" check .
step "tests on SQLite (clock: ${SQLITE_CLOCK:-real})" \
  env NEWSDESK_TEST_CLOCK="$SQLITE_CLOCK" "$BIN/pytest" "$@"
step "tests on PostgreSQL + Redis (clock: ${POSTGRES_CLOCK:-real})" \
  env DATABASE_URL="$PG_URL" CACHE_URL="$REDIS_TEST_URL" NEWSDESK_TEST_CLOCK="$POSTGRES_CLOCK" \
  "$BIN/pytest" "$@"

echo "=== summary"
printf '%s\n' "${summary[@]}"
exit $failed
