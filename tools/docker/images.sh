#!/usr/bin/env bash
# Builds, on this machine, the stand-ins for the registry images docker-compose.yml names,
# so `docker compose up --build` works where no image registry is reachable:
#   leadhooks/debian-base:bookworm   debootstrap (base-image.sh)
#   leadhooks/node:20-bookworm       for node:20.20.2-bookworm-slim (the Dockerfile's NODE_IMAGE)
#   leadhooks/kafka:4.4.0            for apache/kafka:4.4.0
#   leadhooks/postgres:15            for postgres:16
# Each is built once and kept by the daemon; the Kafka jars are cached under
# ~/.cache/leadhooks/docker. Builds use the host's network to reach Debian's packages
# (containers that run get only their compose network).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${LEADHOOKS_CACHE:-$HOME/.cache/leadhooks}/docker"
kafka_version=4.4.0
export DOCKER_BUILDKIT=0

say() { printf 'docker: %s\n' "$*" >&2; }
have() { docker image inspect "$1" >/dev/null 2>&1; }
build() { # image dockerfile context
  say "building $1"
  docker build --network host --force-rm -q -t "$1" -f "$2" "$3" >/dev/null
}

"$here/base-image.sh"

if ! have leadhooks/node:20-bookworm; then
  ctx="$(mktemp -d /tmp/leadhooks-node-image.XXXXXX)"
  node_bin="$(command -v node)"
  npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
  cp "$(readlink -f "$node_bin")" "$ctx/node"
  cp -a "$npm_dir" "$ctx/npm"
  # The CAs this machine trusts (the minbase image has none): npm ci in the app image
  # must reach the registry the way the host's npm does, through the same TLS chain.
  cp "${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}" "$ctx/ca-certificates.crt"
  build leadhooks/node:20-bookworm "$here/node.Dockerfile" "$ctx"
  rm -rf "$ctx"
fi

if ! have "leadhooks/kafka:$kafka_version"; then
  libs="$cache/kafka-$kafka_version-libs"
  if [ ! -f "$libs/.complete" ]; then
    say "fetching the Kafka $kafka_version jars (broker and tools) from Maven Central"
    mvn -q -f "$here/kafka/pom.xml" -Dkafka.version="$kafka_version" \
      dependency:copy-dependencies -DoutputDirectory="$libs" >&2
    touch "$libs/.complete"
  fi
  ctx="$(mktemp -d /tmp/leadhooks-kafka-image.XXXXXX)"
  cp -a "$here/kafka/bin" "$here/kafka/log4j2.xml" "$ctx/"
  mkdir "$ctx/libs" && cp "$libs"/*.jar "$ctx/libs/"
  build "leadhooks/kafka:$kafka_version" "$here/kafka.Dockerfile" "$ctx"
  rm -rf "$ctx"
fi

have leadhooks/postgres:15 || build leadhooks/postgres:15 "$here/postgres.Dockerfile" "$here"
say "stand-in images ready"
