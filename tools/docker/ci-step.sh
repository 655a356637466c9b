#!/usr/bin/env bash
# CI's docker step (.ci/run's docker block): one Docker daemon of our own for
#   1. the testcontainers lane: libs/kafka's integration spec and lookup-service's
#      directory e2e spec with Kafka and Postgres in containers (LEADHOOKS_TEST_INFRA=
#      testcontainers, on the stand-in images), results in reports/jest-docker.json;
#   2. the compose walk-through (compose-smoke.sh);
# then checks that no container of ours is left and stops the daemon.
# Writes "PASSED FAILED" to reports/docker-step.counts: the lane's jest counts plus one
# test for the walk-through and one for the clean end. Exits non-zero if anything failed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p reports
counts=reports/docker-step.counts
echo "0 1" >"$counts"
passed=0 failed=0
say() { printf 'docker-step: %s\n' "$*"; }

"$here/dockerd.sh" start || { say "no Docker daemon: failed"; exit 1; }
trap '"$here/dockerd.sh" stop' EXIT
if ! "$here/images.sh"; then
  say "stand-in images could not be built: failed"
  exit 1
fi

say "testcontainers lane"
rm -f reports/jest-docker.json
LEADHOOKS_TEST_INFRA=testcontainers \
  LEADHOOKS_KAFKA_IMAGE=leadhooks/kafka:4.4.0 LEADHOOKS_POSTGRES_IMAGE=leadhooks/postgres:15 \
  timeout --signal=TERM 420 npx jest --config jest.config.ts --ci --json \
  --outputFile=reports/jest-docker.json \
  libs/kafka/src/kafka.int.spec.ts apps/lookup-service/test/directory.e2e-spec.ts
if [ -f reports/jest-docker.json ]; then
  read -r p f < <(node -e 'const r = require("./reports/jest-docker.json");
    console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites || 0))')
  passed=$((passed + p)) failed=$((failed + f))
  say "testcontainers lane: $p passed, $f failed"
else
  say "testcontainers lane wrote no results: failed"
  failed=$((failed + 1))
fi

say "compose walk-through"
if LEADHOOKS_DOCKER_KEEP_DAEMON=1 "$here/compose-smoke.sh"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

left="$(docker ps -aq --filter label=dev.leadhooks.test-run; docker ps -aq --filter label=com.docker.compose.project=leadhooks-smoke)"
if [ -z "$left" ]; then
  say "no container of ours left"
  passed=$((passed + 1))
else
  say "containers left: $(echo $left)"
  docker rm -f $left >/dev/null 2>&1
  failed=$((failed + 1))
fi
echo "$passed $failed" >"$counts"
say "$passed passed, $failed failed (the daemon is stopped next)"
[ "$failed" = 0 ]
