# shellcheck shell=bash
# Private Postgres cluster under $STATE_DIR/postgres, or validation of an
# external one given as DATABASE_URL. Sourced by infra.sh after common.sh.

PG_USER=leadhooks
PG_PASSWORD=leadhooks
PG_DATABASE=leadhooks
PG_READY_TIMEOUT=30
# Postgres refuses to run as root; as root we run it as this system user.
PG_OS_USER=postgres

pg_paths() {
  PG_DIR=$STATE_DIR/postgres
  PG_DATA=$PG_DIR/data
  PG_SOCKET_DIR=$PG_DIR/run
  PG_LOG=$PG_DIR/postgres.log
  PG_PID_FILE=$PG_DIR/postgres.pid
}

pg_url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$PG_USER" "$PG_PASSWORD" "$PG_PORT" "$PG_DATABASE"; }

# DATABASE_URL equal to our own URL (e.g. exported from `infra.sh env`) still
# means "our cluster": otherwise `up`/`down` would skip the cluster they own.
pg_is_external() { [[ -n $EXTERNAL_DATABASE_URL && $EXTERNAL_DATABASE_URL != "$(pg_url)" ]]; }

# --- binaries ---------------------------------------------------------------
# Debian keeps server binaries in /usr/lib/postgresql/<major>/bin, off PATH.
pg_find_bindir() {
  local initdb dir
  if initdb=$(command -v initdb 2>/dev/null); then
    dir=$(dirname "$(readlink -f "$initdb")")
    [[ -x $dir/pg_ctl && -x $dir/postgres ]] && { printf '%s\n' "$dir"; return 0; }
  fi
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]] || return 1
  printf '%s\n' "$dir"
}

pg_ensure_installed() {
  PG_BIN=$(pg_find_bindir) && return 0
  can_apt_install ||
    die "Postgres server binaries (initdb, pg_ctl) not found: install them with 'apt-get install postgresql' (or set DATABASE_URL)"
  apt_install postgresql
  PG_BIN=$(pg_find_bindir) || die "apt-get installed postgresql but initdb/pg_ctl are still not found under /usr/lib/postgresql"
}

# Client tool (pg_isready/psql) for talking to a server: PATH first, since
# an external DATABASE_URL needs only the client package.
pg_client() {
  local name=$1 bindir=${PG_BIN:-}
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    return 0
  fi
  [[ -n $bindir ]] || bindir=$(pg_find_bindir) || return 1
  [[ -x $bindir/$name ]] || return 1
  printf '%s\n' "$bindir/$name"
}

# --- running as the right OS user -------------------------------------------
pg_as_owner() {
  # cd / because the caller's cwd (e.g. under /root) may be unreadable for
  # the postgres user, which makes initdb/pg_ctl complain.
  if [[ $(id -u) == 0 ]]; then
    (cd / && close_lock_fd && exec runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd / && close_lock_fd && exec "$@")
  fi
}

pg_ensure_os_user() {
  id -u "$PG_OS_USER" >/dev/null 2>&1 && return 0
  command -v runuser >/dev/null 2>&1 || die "running as root needs 'runuser' (util-linux) to start Postgres as $PG_OS_USER"
  info "creating system user $PG_OS_USER (Postgres refuses to run as root)"
  useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
}

# The postgres user must be able to walk down to its data dir; add only the
# search (x) bit to ancestors that lack it (e.g. a repo under /root, mode 700).
pg_make_reachable() {
  local dir=$PG_DIR
  while [[ $dir != / ]]; do
    dir=$(dirname "$dir")
    if ! runuser -u "$PG_OS_USER" -- test -x "$dir" 2>/dev/null; then
      info "chmod o+x $dir so that user $PG_OS_USER can reach $PG_DIR"
      chmod o+x "$dir"
    fi
  done
}

pg_prepare_dirs() {
  mkdir -p "$PG_DIR" "$PG_SOCKET_DIR"
  if [[ $(id -u) == 0 ]]; then
    pg_ensure_os_user
    chown "$PG_OS_USER:" "$PG_DIR" "$PG_SOCKET_DIR"
    pg_make_reachable
  fi
  chmod 700 "$PG_DIR"
}

# --- cluster lifecycle ------------------------------------------------------
pg_initdb() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  info "initdb: new cluster in $PG_DATA (superuser $PG_USER)"
  local pwfile=$PG_DIR/.pwfile
  (umask 077 && printf '%s\n' "$PG_PASSWORD" >"$pwfile")
  [[ $(id -u) == 0 ]] && chown "$PG_OS_USER:" "$pwfile"
  if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1; then
    rm -f "$pwfile"
    show_log_tail "$PG_DIR/initdb.log"
    die "initdb failed (log: $PG_DIR/initdb.log)"
  fi
  rm -f "$pwfile"
  pg_write_hba
  # Our per-start settings live in leadhooks.conf (rewritten by pg_write_conf).
  printf "\ninclude = 'leadhooks.conf'\n" >>"$PG_DATA/postgresql.conf"
}

# Password auth over TCP from 127.0.0.1 only; the socket also wants a password.
pg_write_hba() {
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# Written by tools/infra: password (scram) logins on loopback only.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  scram-sha-256
host    all       all   127.0.0.1/32   scram-sha-256
EOF
}

# Rewritten on every start, so the port/paths follow the current environment.
pg_write_conf() {
  local sockets=$PG_SOCKET_DIR
  # A unix socket path must fit in 107 bytes; deep state dirs (test runs in
  # temp dirs) exceed that, and we connect over TCP anyway, so drop it then.
  if ((${#PG_SOCKET_DIR} + 20 > 107)); then sockets=''; fi
  cat >"$PG_DATA/leadhooks.conf" <<EOF
# Written by tools/infra/lib/postgres.sh on every 'up'; do not edit.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sockets'
# Dev/test speed: no fsync and async commit. A crash of the machine may
# corrupt this throw-away cluster; never copy these settings to production.
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  [[ $(id -u) == 0 ]] && chown "$PG_OS_USER:" "$PG_DATA/leadhooks.conf"
  return 0
}

# The postmaster of our data dir. The pid we recorded first; when it is stale (someone ran
# `pg_ctl restart`), the one Postgres itself keeps in postmaster.pid (what `pg_ctl status
# -D` reads), which is then recorded again.
pg_running_pid() {
  local pid
  if pid=$(read_pid_file "$PG_PID_FILE") && pid_matches "$pid" "$PG_DATA"; then
    printf '%s\n' "$pid"
    return 0
  fi
  pid=$(read_pid_file "$PG_DATA/postmaster.pid") && pid_matches "$pid" "$PG_DATA" || return 1
  [[ -d $PG_DIR ]] && printf '%s\n' "$pid" >"$PG_PID_FILE" 2>/dev/null
  printf '%s\n' "$pid"
}

# Port the running postmaster actually listens on (4th line of postmaster.pid).
pg_running_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null; }

pg_isready_local() {
  "$(pg_client pg_isready)" -q -h 127.0.0.1 -p "${1:-$PG_PORT}" -t 2 >/dev/null 2>&1
}

pg_psql() {
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 "$(pg_client psql)" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$@"
}

pg_start() {
  local pid port
  if pid=$(pg_running_pid); then
    port=$(pg_running_port)
    [[ $port == "$PG_PORT" ]] ||
      die "Postgres of $STATE_DIR already runs on port $port, not LEADHOOKS_PG_PORT=$PG_PORT: run 'infra.sh down' first"
    info "postgres: already running (pid $pid, 127.0.0.1:$PG_PORT)"
    PG_UP_OUTCOME=reused
  else
    require_free_port LEADHOOKS_PG_PORT "$PG_PORT"
    pg_write_conf
    info "postgres: starting on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
    if ! pg_as_owner "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_READY_TIMEOUT" >/dev/null 2>&1; then
      show_log_tail "$PG_LOG"
      die "postgres did not start within ${PG_READY_TIMEOUT}s (log: $PG_LOG)"
    fi
    pid=$(read_pid_file "$PG_DATA/postmaster.pid") || die "postgres started but wrote no postmaster.pid"
    printf '%s\n' "$pid" >"$PG_PID_FILE"
    PG_UP_OUTCOME=started
  fi
  pg_wait_ready
  pg_ensure_database
}

pg_wait_ready() {
  local deadline=$((SECONDS + PG_READY_TIMEOUT))
  until pg_isready_local; do
    if ((SECONDS >= deadline)); then
      show_log_tail "$PG_LOG"
      die "postgres on 127.0.0.1:$PG_PORT not ready after ${PG_READY_TIMEOUT}s (log: $PG_LOG)"
    fi
    sleep 0.2
  done
}

pg_ensure_database() {
  local exists
  exists=$(pg_psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'") ||
    die "cannot log into our postgres on 127.0.0.1:$PG_PORT as $PG_USER (log: $PG_LOG)"
  [[ $exists == 1 ]] && return 0
  info "postgres: creating database $PG_DATABASE"
  pg_psql -d postgres -c "CREATE DATABASE $PG_DATABASE OWNER $PG_USER" >/dev/null
}

pg_up() {
  pg_start
  info "postgres: ready, $(pg_psql -d "$PG_DATABASE" -Atc 'SELECT version()' | cut -d, -f1)"
}

pg_down() {
  local pid
  if pid=$(pg_running_pid); then
    info "postgres: stopping pid $pid"
    # SIGINT = Postgres "fast" shutdown. SIGTERM would be "smart" shutdown,
    # which waits for every client (e.g. a leaked test pool) to disconnect.
    stop_pid "$pid" postgres INT 30
  elif pg_is_external; then
    info "postgres: external (DATABASE_URL), nothing of ours to stop"
  else
    info "postgres: not running"
  fi
  rm -f "$PG_PID_FILE"
}

# Prints a status line; returns 0 when usable.
pg_status() {
  local pid port
  # Same precedence as `env`: a DATABASE_URL that differs from ours wins.
  if pg_is_external; then
    if (pg_check_external) >/dev/null 2>&1; then
      printf 'postgres: external, reachable (DATABASE_URL=%s)\n' "$(redact_url "$EXTERNAL_DATABASE_URL")"
      return 0
    fi
    printf 'postgres: external, NOT reachable (DATABASE_URL=%s)\n' "$(redact_url "$EXTERNAL_DATABASE_URL")"
    return 1
  fi
  if pid=$(pg_running_pid); then
    # Report what runs, even if LEADHOOKS_PG_PORT now says something else.
    port=$(pg_running_port)
    if pg_isready_local "$port"; then
      printf 'postgres: running (pid %s, 127.0.0.1:%s, data %s)\n' "$pid" "$port" "$PG_DATA"
      [[ $port == "$PG_PORT" ]] || printf '          note: LEADHOOKS_PG_PORT=%s differs from the running port\n' "$PG_PORT"
      return 0
    fi
    printf 'postgres: process alive (pid %s) but 127.0.0.1:%s is not accepting connections\n' "$pid" "$port"
    return 1
  fi
  printf 'postgres: stopped\n'
  return 1
}

pg_env_line() {
  if pg_is_external; then
    printf 'DATABASE_URL=%s\n' "$EXTERNAL_DATABASE_URL"
  else
    printf 'DATABASE_URL=%s\n' "$(pg_url)"
  fi
}

# --- external DATABASE_URL --------------------------------------------------
# Shape: postgres[ql]://[user[:password]@]host[:port][/db][?params]
pg_check_external() {
  local url=$EXTERNAL_DATABASE_URL shown host port msg isready psql
  shown=$(redact_url "$url")
  local re='^postgres(ql)?://([^/?#]*@)?(\[[0-9A-Fa-f:.]+\]|[^]:/?#@[]+)(:([^/?#@]*))?(/[^?#]*)?(\?.*)?$'
  [[ $url =~ $re ]] ||
    die "DATABASE_URL='$shown' is malformed: expected postgres://user:password@host:port/database"
  host=${BASH_REMATCH[3]}
  port=${BASH_REMATCH[5]:-5432}
  is_port_number "$port" || die "DATABASE_URL='$shown' is malformed: port '$port' is not a number in 1-65535"

  if isready=$(pg_client pg_isready); then
    "$isready" -q -d "$url" -t 5 >/dev/null 2>&1 ||
      die "DATABASE_URL='$shown' is unreachable: no Postgres accepting connections at $host:$port"
  else
    tcp_open "${host//[\[\]]/}" "$port" ||
      die "DATABASE_URL='$shown' is unreachable: nothing listens on $host:$port"
  fi
  # Reachable is not enough: wrong credentials or database fail every test later.
  if psql=$(pg_client psql); then
    if ! msg=$(PGCONNECT_TIMEOUT=5 "$psql" -X -Atc 'SHOW server_version' "$url" 2>&1); then
      die "DATABASE_URL='$shown' is reachable but login failed: $(printf '%s' "$msg" | tr '\n' ' ' | sed -E 's/^psql: error: //; s/ +/ /g')"
    fi
    PG_EXTERNAL_VERSION=$msg
  fi
  return 0
}
