#!/usr/bin/env bash
# Starts or stops a Docker daemon of our own for the docker step (tools/docker/README.md).
#   dockerd.sh start   installs docker.io when missing (as root), starts dockerd, waits for it
#   dockerd.sh stop    stops exactly the daemon `start` started (by its pid), nothing else
# Container networks stay on this machine: no IP masquerading and no iptables rules, so a
# container reaches nothing but its compose network (and published ports reach it).
set -euo pipefail

state="${LEADHOOKS_DOCKER_STATE:-/run/leadhooks-docker}"
pidfile="$state/dockerd.pid"
log="${LEADHOOKS_DOCKER_LOG:-$state/dockerd.log}"

say() { printf 'docker: %s\n' "$*" >&2; }

install_if_missing() {
  command -v dockerd >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || { say "dockerd is missing; install Debian's docker.io as root"; exit 1; }
  say "installing docker.io and debootstrap (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
    docker.io debootstrap >/dev/null
}

# The Compose v5 CLI plugin, built from the Go module proxy once (a few minutes); Debian
# bookworm packages only the old docker-compose v1.
compose_version=v5.6.0
ensure_compose() {
  docker compose version >/dev/null 2>&1 && return 0
  command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null 2>&1 || { say "no docker compose plugin and no Go to build it"; exit 1; }
  local work="${LEADHOOKS_CACHE:-$HOME/.cache/leadhooks}/docker/compose-$compose_version"
  say "building the docker compose plugin $compose_version (Go module proxy; once)"
  mkdir -p "$work" "$HOME/.docker/cli-plugins"
  (
    cd "$work"
    [ -f go.mod ] || go mod init leadhooks.invalid/compose-build >/dev/null 2>&1
    go get "github.com/docker/compose/v5/cmd@$compose_version" >"$work/build.log" 2>&1 &&
      go build -o "$HOME/.docker/cli-plugins/docker-compose" github.com/docker/compose/v5/cmd \
        >>"$work/build.log" 2>&1
  ) || { tail -n 20 "$work/build.log" >&2; exit 1; }
}

start() {
  install_if_missing
  ensure_compose
  command -v debootstrap >/dev/null 2>&1 ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 debootstrap >/dev/null
  mkdir -p "$state"
  if docker info >/dev/null 2>&1; then
    say "a Docker daemon already answers; using it and leaving it running"
    return 0
  fi
  # Debian's package may have started its own through systemd; there is none here, but a
  # stale socket from an earlier run would block ours.
  rm -f /var/run/docker.sock
  dockerd --ip-masq=false --iptables=false --ip6tables=false \
    --pidfile "$pidfile" --host unix:///var/run/docker.sock >"$log" 2>&1 &
  echo $! >"$state/started-by-us"
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { say "dockerd up (pid $(cat "$state/started-by-us"))"; return 0; }
    kill -0 "$(cat "$state/started-by-us")" 2>/dev/null || break
    sleep 1
  done
  say "dockerd did not come up; its log:"
  tail -n 30 "$log" >&2
  exit 1
}

stop() {
  [ -f "$state/started-by-us" ] || { say "no daemon of ours to stop"; return 0; }
  local pid
  pid="$(cat "$state/started-by-us")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && { say "dockerd $pid did not stop in 30 s; killing it"; kill -KILL "$pid"; }
  fi
  rm -f "$state/started-by-us"
  say "dockerd $pid stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
