#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local infrastructure for leadhooks without Docker: a private Postgres
# cluster and a single-node Apache Kafka (KRaft) broker, both bound to
# 127.0.0.1, with data, logs and pid files under $LEADHOOKS_STATE_DIR.
#
#   infra.sh up [--brokers N]
#                     start both (idempotent), print DATABASE_URL/KAFKA_BROKERS
#                     and LEADHOOKS_INFRA_POSTGRES/_KAFKA=started|reused|external;
#                     --brokers 3 (or LEADHOOKS_KAFKA_BROKERS_COUNT=3): a KRaft
#                     cluster of three nodes instead of one broker
#   infra.sh down     stop exactly the processes this state dir started
#   infra.sh status   a line each (per node); exit 0 when both are usable (a
#                     cluster: a majority of its nodes serves), 3 otherwise
#   infra.sh env      print the DATABASE_URL=... and KAFKA_BROKERS=... lines
#   infra.sh provision  install what is missing (apt, as root) and fetch the
#                     Kafka jars, without starting anything (CI's first step)
#
# Configuration: environment variables, see tools/infra/README.md.
# Progress goes to stderr; stdout carries only the KEY=value lines.
set -euo pipefail

INFRA_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib
# shellcheck source=lib/common.sh
source "$INFRA_LIB/common.sh"
# shellcheck source=lib/postgres.sh
source "$INFRA_LIB/postgres.sh"
# shellcheck source=lib/kafka.sh
source "$INFRA_LIB/kafka.sh"

usage() {
  # The header comment (after the shebang and shellcheck lines) is the help.
  awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

print_env() {
  pg_env_line
  kafka_env_line
}

# Check everything that can fail fast before starting anything, so a missing
# Java does not leave a half-started Postgres behind.
preflight() {
  if pg_is_external; then
    pg_check_external
  else
    pg_ensure_installed
  fi
  if kafka_is_external; then
    kafka_check_external
    return
  fi
  kafka_check_layout
  if ! kafka_all_running; then
    java_check
    kafka_fetch
  fi
}

cmd_up() {
  local started=$SECONDS
  # What this call did to each server (started, reused or external), printed last so a
  # caller such as `npm start` stops only what it started itself.
  PG_UP_OUTCOME=external KAFKA_UP_OUTCOME=external
  lock_state_dir
  preflight
  if pg_is_external; then
    info "postgres: external DATABASE_URL=$(redact_url "$EXTERNAL_DATABASE_URL") (version ${PG_EXTERNAL_VERSION:-unknown}), not starting ours"
  else
    pg_prepare_dirs
    pg_initdb
    pg_up
  fi
  if kafka_is_external; then
    info "kafka: external KAFKA_BROKERS=$EXTERNAL_KAFKA_BROKERS, not starting ours"
  else
    kafka_up
  fi
  info "up in $((SECONDS - started))s (state: $STATE_DIR)"
  print_env
  printf 'LEADHOOKS_INFRA_POSTGRES=%s\nLEADHOOKS_INFRA_KAFKA=%s\n' "$PG_UP_OUTCOME" "$KAFKA_UP_OUTCOME"
}

cmd_provision() {
  if pg_is_external; then
    info "postgres: external DATABASE_URL, no server binaries needed"
  else
    pg_ensure_installed
    info "postgres: $("$PG_BIN/postgres" --version) in $PG_BIN"
  fi
  if kafka_is_external; then
    info "kafka: external KAFKA_BROKERS, no Java/Kafka jars needed"
  else
    java_ensure
    kafka_fetch
    info "kafka: Apache Kafka $KAFKA_VERSION jars in $KAFKA_LIBS, $("$JAVA" -version 2>&1 | head -n 1)"
  fi
  # The console's browser spec (apps/console/test) drives Debian's Chromium.
  if [[ ! -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]] && can_apt_install; then
    apt_install chromium fonts-liberation
  fi
  info "chromium: $("${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null || echo 'missing (apt-get install chromium)')"
}

cmd_down() {
  lock_state_dir
  pg_down
  kafka_down
}

cmd_status() {
  local rc=0
  pg_status || rc=3
  kafka_status || rc=3
  return "$rc"
}

cmd_env() {
  local ok=0
  pg_is_external || pg_running_pid >/dev/null || ok=1
  kafka_is_external || kafka_all_running || ok=1
  ((ok == 0)) || warn "not everything is running ('infra.sh status'); printing the configured values"
  print_env
}

main() {
  local command=${1:-}
  (($# >= 1)) && shift
  while (($# > 0)); do
    case $1 in
      --brokers) (($# >= 2)) || usage; KAFKA_NODES_FLAG=$2; shift 2 ;;
      --brokers=*) KAFKA_NODES_FLAG=${1#--brokers=}; shift ;;
      *) usage ;;
    esac
  done
  set -- "$command"
  [[ -n $1 ]] || usage
  load_config
  pg_paths
  kafka_paths
  case $1 in
    up | down | provision) mkdir -p "$STATE_DIR" && "cmd_$1" ;;
    status | env) "cmd_$1" ;;
    -h | --help | help) usage ;;
    *) usage ;;
  esac
}

main "$@"
