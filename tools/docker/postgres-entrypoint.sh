#!/bin/sh
# The official postgres image's first start, reduced to what docker-compose.yml uses:
# a cluster owned by POSTGRES_USER with POSTGRES_PASSWORD, a POSTGRES_DB, and password
# logins from the compose network.
set -eu
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}"
[ -n "${POSTGRES_PASSWORD:-}" ] || { echo "POSTGRES_PASSWORD is required" >&2; exit 1; }
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  [ "$POSTGRES_DB" = postgres ] || createdb -U "$POSTGRES_USER" "$POSTGRES_DB"
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
# The command is the official image's: `postgres` and its flags (a compose file or a test
# may add `-c setting=value`).
[ "$#" -gt 0 ] || set -- postgres
if [ "$1" = postgres ]; then shift; set -- postgres -D "$PGDATA" -c listen_addresses='*' "$@"; fi
exec "$@"
