# shellcheck shell=bash
# Shared helpers for tools/infra/infra.sh: messages, config, pid files, ports.
# Sourced, never executed; expects `set -euo pipefail` from the caller.

# --- messages ---------------------------------------------------------------
# Progress goes to stderr so that stdout carries only the KEY=value lines
# (`infra.sh up > .env` or `eval "$(infra.sh env)"` stay clean).
info() { printf 'infra: %s\n' "$*" >&2; }
warn() { printf 'infra: warning: %s\n' "$*" >&2; }
# One line, non-zero exit, no stack trace: the contract for every config error.
die() {
  printf 'infra: error: %s\n' "$*" >&2
  exit 1
}

# --- configuration ----------------------------------------------------------
# Every knob is an environment variable with a default, so the test harness
# can run one private instance per test run (own state dir, random ports)
# next to a developer's default one without the two colliding.
load_config() {
  INFRA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  REPO_ROOT=$(cd "$INFRA_DIR/../.." && pwd)

  STATE_DIR=${LEADHOOKS_STATE_DIR:-$REPO_ROOT/.local/infra}
  # Absolute and without a trailing slash: a server is recognised by the paths on its
  # command line, which the server was started with in this form (a relative dir such as
  # .ci/run's `.local/test-runs/X/` would otherwise find nothing to stop).
  STATE_DIR=$(realpath -m -- "$STATE_DIR")
  PG_PORT=${LEADHOOKS_PG_PORT:-54329}
  KAFKA_PORT=${LEADHOOKS_KAFKA_PORT:-19092}
  KAFKA_CONTROLLER_PORT=${LEADHOOKS_KAFKA_CONTROLLER_PORT:-19093}
  # Newest 4.x line that kafkajs 2.2.4 was proven against (see README).
  KAFKA_VERSION=${LEADHOOKS_KAFKA_VERSION:-4.4.0}
  CACHE_DIR=${LEADHOOKS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/leadhooks}
  KAFKA_AUTO_CREATE_TOPICS=${LEADHOOKS_KAFKA_AUTO_CREATE_TOPICS:-false}

  # External services: when set, we validate and use them instead of starting ours.
  EXTERNAL_DATABASE_URL=${DATABASE_URL:-}
  EXTERNAL_KAFKA_BROKERS=${KAFKA_BROKERS:-}

  check_port_var LEADHOOKS_PG_PORT "$PG_PORT"
  check_port_var LEADHOOKS_KAFKA_PORT "$KAFKA_PORT"
  check_port_var LEADHOOKS_KAFKA_CONTROLLER_PORT "$KAFKA_CONTROLLER_PORT"
  [[ $KAFKA_PORT != "$KAFKA_CONTROLLER_PORT" ]] ||
    die "LEADHOOKS_KAFKA_PORT and LEADHOOKS_KAFKA_CONTROLLER_PORT must differ (both $KAFKA_PORT)"
  load_kafka_nodes_config
  [[ $KAFKA_VERSION =~ ^4\.[0-9]+\.[0-9]+$ ]] ||
    die "LEADHOOKS_KAFKA_VERSION='$KAFKA_VERSION': only Kafka 4.x.y (KRaft) is supported"
  [[ $KAFKA_AUTO_CREATE_TOPICS == true || $KAFKA_AUTO_CREATE_TOPICS == false ]] ||
    die "LEADHOOKS_KAFKA_AUTO_CREATE_TOPICS='$KAFKA_AUTO_CREATE_TOPICS': expected true or false"
}

# How many Kafka nodes, and their ports. Count: `--brokers N` (KAFKA_NODES_FLAG), else
# LEADHOOKS_KAFKA_BROKERS_COUNT, else what the last `up` of this state dir recorded (so
# `status`/`down`/`env` need no flag), else 1. Ports: LEADHOOKS_KAFKA_PORTS and
# LEADHOOKS_KAFKA_CONTROLLER_PORTS (comma lists, one per node), else node n gets
# LEADHOOKS_KAFKA_PORT + 10*(n-1) and LEADHOOKS_KAFKA_CONTROLLER_PORT + 10*(n-1).
load_kafka_nodes_config() {
  local recorded='' n var list
  recorded=$(cat "$STATE_DIR/kafka-nodes" 2>/dev/null) || recorded=''
  KAFKA_NODES=${KAFKA_NODES_FLAG:-${LEADHOOKS_KAFKA_BROKERS_COUNT:-${recorded:-1}}}
  [[ $KAFKA_NODES =~ ^[1-9]$ ]] ||
    die "LEADHOOKS_KAFKA_BROKERS_COUNT (or --brokers)='$KAFKA_NODES': expected a number of brokers from 1 to 9"
  KAFKA_PORTS=() KAFKA_CONTROLLER_PORTS=()
  for var in LEADHOOKS_KAFKA_PORTS LEADHOOKS_KAFKA_CONTROLLER_PORTS; do
    list=${!var:-}
    [[ -z $list ]] && continue
    IFS=',' read -r -a ports <<<"$list"
    ((${#ports[@]} == KAFKA_NODES)) ||
      die "$var='$list' lists ${#ports[@]} ports for $KAFKA_NODES brokers (one per broker)"
    for n in "${ports[@]}"; do check_port_var "$var" "$n"; done
    if [[ $var == LEADHOOKS_KAFKA_PORTS ]]; then KAFKA_PORTS=("${ports[@]}"); else KAFKA_CONTROLLER_PORTS=("${ports[@]}"); fi
  done
  for ((n = 0; n < KAFKA_NODES; n++)); do
    [[ -n ${KAFKA_PORTS[n]:-} ]] || KAFKA_PORTS[n]=$((KAFKA_PORT + 10 * n))
    [[ -n ${KAFKA_CONTROLLER_PORTS[n]:-} ]] || KAFKA_CONTROLLER_PORTS[n]=$((KAFKA_CONTROLLER_PORT + 10 * n))
    check_port_var "port of kafka node $((n + 1))" "${KAFKA_PORTS[n]}"
    check_port_var "controller port of kafka node $((n + 1))" "${KAFKA_CONTROLLER_PORTS[n]}"
  done
  [[ $(printf '%s\n' "${KAFKA_PORTS[@]}" "${KAFKA_CONTROLLER_PORTS[@]}" | sort | uniq -d) == '' ]] ||
    die "the Kafka ports must all differ: ${KAFKA_PORTS[*]} (clients) ${KAFKA_CONTROLLER_PORTS[*]} (controllers)"
}

is_port_number() { [[ $1 =~ ^[0-9]{1,5}$ ]] && ((10#$1 >= 1 && 10#$1 <= 65535)); }

check_port_var() {
  is_port_number "$2" || die "$1='$2' is not a TCP port number (1-65535)"
}

# --- network ----------------------------------------------------------------
# True when something accepts TCP connections on host:port. Bounded by
# `timeout` because /dev/tcp to a black-holed address would hang for minutes.
tcp_open() {
  local host=$1 port=$2
  # shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
}

# Refuse to start on a port someone else already uses: the other process would
# answer our readiness probe and we would report success for the wrong server.
require_free_port() {
  local var=$1 port=$2
  if tcp_open 127.0.0.1 "$port"; then
    die "$var=$port: 127.0.0.1:$port is already in use by another process (pick another port)"
  fi
}

# --- processes --------------------------------------------------------------
# One `up`/`down` at a time per state dir; two state dirs never share a lock.
STATE_LOCK_FD=''
lock_state_dir() {
  exec {STATE_LOCK_FD}>"$STATE_DIR/infra.lock"
  flock -w 180 "$STATE_LOCK_FD" || die "another infra.sh holds $STATE_DIR/infra.lock for over 180s"
}

# Call in the subshell that starts a daemon: a daemon inheriting the lock fd
# would hold the state-dir lock for its whole lifetime.
close_lock_fd() {
  if [[ -n $STATE_LOCK_FD ]]; then exec {STATE_LOCK_FD}>&-; fi
}

read_pid_file() {
  local file=$1 pid
  [[ -f $file ]] || return 1
  read -r pid <"$file" || true
  [[ ${pid:-} =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$pid"
}

# Alive AND its command line contains $2: after a reboot the recorded pid may
# belong to an unrelated process, which we must neither reuse nor kill.
pid_matches() {
  local pid=$1 needle=$2 cmdline
  kill -0 "$pid" 2>/dev/null || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$needle"* ]]
}

# The pid of the live process whose command line contains $1 (the first, when several),
# for a server restarted by hand whose pid file is stale. The needle names a file of this
# state dir, so it matches no one else's process.
find_pid_by_cmdline() {
  local needle=$1 file pid
  for file in /proc/[0-9]*/cmdline; do
    pid=${file#/proc/}
    pid=${pid%/cmdline}
    # A java process, not a shell or an editor that happens to mention the path.
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */java ]] || continue
    if [[ $(tr '\0' ' ' <"$file" 2>/dev/null) == *"$needle"* ]]; then
      printf '%s\n' "$pid"
      return 0
    fi
  done
  return 1
}

# Stop one recorded process: polite signal, bounded wait, then SIGKILL.
# Our daemons run in their own session (setsid), so on SIGKILL we also kill
# their process group to take children (Postgres backends) with them.
stop_pid() {
  local pid=$1 name=$2 first_signal=$3 wait_s=${4:-20} i
  kill "-$first_signal" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < wait_s * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) ignored SIG$first_signal for ${wait_s}s, sending SIGKILL"
  if [[ $(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') == "$pid" ]]; then
    kill -KILL -- "-$pid" 2>/dev/null || true
  else
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) still exists after SIGKILL"
}

# Print the end of a log file after a failed start, so CI output says why.
show_log_tail() {
  local file=$1 lines=${2:-40}
  [[ -f $file ]] || return 0
  printf 'infra: ---- last %s lines of %s ----\n' "$lines" "$file" >&2
  tail -n "$lines" "$file" >&2 || true
  printf 'infra: ---- end of %s ----\n' "$file" >&2
}

# --- packages ---------------------------------------------------------------
# A fresh CI machine starts without Postgres/Maven; as root we can install the
# Debian packages ourselves, otherwise we say exactly what to install.
can_apt_install() { [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  info "installing Debian package(s): $* (apt-get, one-time)"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } >"$STATE_DIR/apt.log" 2>&1; then
    show_log_tail "$STATE_DIR/apt.log" 20
    die "apt-get install $* failed (log: $STATE_DIR/apt.log)"
  fi
}

# Redact the password of a URL before it appears in a message.
redact_url() { sed -E 's#(://[^:/@]*:)[^@]*@#\1***@#' <<<"$1"; }
