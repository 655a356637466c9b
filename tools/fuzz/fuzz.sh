#!/usr/bin/env bash
# `npm run fuzz`: schemathesis (pinned, from PyPI) against the gateway of a real stack.
# Starts a private Kafka + Postgres and the four apps the way `npm start` does, on free
# loopback ports and in a state dir of its own, with a development API key; fuzzes every
# operation of the OpenAPI document the gateway serves at /docs-json; stops all it
# started, by pid, whatever happens. Exit 0 only when no check failed. See README.md.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

schemathesis_version=4.32.5
max_examples=${FUZZ_MAX_EXAMPLES:-30}
seed=${FUZZ_SEED:-20261204}
budget_s=${FUZZ_TIMEOUT_S:-420}
venv=$root/.local/fuzz/venv
run=$root/.local/fuzz/run-$$
reports=$root/reports/fuzz

say() { printf 'fuzz: %s\n' "$*" >&2; }

# --- schemathesis, in a venv of its own, at exactly the pinned versions ------------------
# requirements.txt pins schemathesis and everything it pulls in; the venv is rebuilt
# whenever that file changes.
requirements=$root/tools/fuzz/requirements.txt
install_schemathesis() {
  if [ -x "$venv/bin/schemathesis" ] && cmp -s "$requirements" "$venv/requirements.installed"; then
    return 0
  fi
  say "installing schemathesis==$schemathesis_version (tools/fuzz/requirements.txt) into ${venv#"$root"/}"
  rm -rf "$venv"
  python3 -m venv "$venv" &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$requirements" &&
    [ "$("$venv/bin/schemathesis" --version)" = "schemathesis, version $schemathesis_version" ] &&
    cp "$requirements" "$venv/requirements.installed"
}

# --- free loopback ports, all held open at once so no two are the same -------------------
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    held.append(s)
print(" ".join(str(s.getsockname()[1]) for s in held))
for s in held:
    s.close()
PY
}

# --- cleanup: every process this script started, by pid -----------------------------------
start_pid=''
fuzz_pid=''
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [ -n "$fuzz_pid" ] && kill -0 "$fuzz_pid" 2>/dev/null; then
    kill -TERM "$fuzz_pid" 2>/dev/null
    wait "$fuzz_pid" 2>/dev/null
  fi
  if [ -n "$start_pid" ] && kill -0 "$start_pid" 2>/dev/null; then
    say "stopping the stack (pid $start_pid)"
    # SIGINT is npm start's Ctrl-C: apps by pid, then the Kafka and Postgres it started.
    kill -INT "$start_pid" 2>/dev/null
    for _ in $(seq 1 90); do kill -0 "$start_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$start_pid" 2>/dev/null; then
      say "stack still running after 90 s: SIGKILL $start_pid (its apps exit with it)"
      kill -KILL "$start_pid" 2>/dev/null
    fi
    wait "$start_pid" 2>/dev/null
  fi
  # Backstop for a start that died half-way: stops exactly what this state dir started.
  if [ -d "$run/infra" ]; then
    LEADHOOKS_STATE_DIR="$run/infra" bash tools/infra/infra.sh down >/dev/null 2>&1 || true
  fi
  if [ -d "$run" ]; then
    mkdir -p "$reports"
    cp -r "$run/start/logs" "$reports/" 2>/dev/null
    cp "$run/start.out" "$reports/" 2>/dev/null
    rm -rf "$run"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

install_schemathesis || { say "could not install schemathesis==$schemathesis_version"; exit 1; }

read -r pg_port kafka_port controller_port leads_port lookup_port dispatcher_port gateway_port \
  <<<"$(free_ports 7)"
gateway=http://127.0.0.1:$gateway_port
mkdir -p "$run" "$reports"
rm -f "$reports"/junit.xml

say "starting Kafka, Postgres and the four apps (gateway $gateway, state ${run#"$root"/})"
# DATABASE_URL / KAFKA_BROKERS unset: always a private, fresh Kafka and Postgres.
env -u DATABASE_URL -u KAFKA_BROKERS \
  NODE_OPTIONS="--require $root/tools/fuzz/hermetic-network.cjs" \
  LEADHOOKS_STATE_DIR="$run/infra" LEADHOOKS_PG_PORT="$pg_port" \
  LEADHOOKS_KAFKA_PORT="$kafka_port" LEADHOOKS_KAFKA_CONTROLLER_PORT="$controller_port" \
  LEADHOOKS_START_STATE_DIR="$run/start" GATEWAY_PORT="$gateway_port" \
  LEADS_PORT="$leads_port" LOOKUP_PORT="$lookup_port" DISPATCHER_PORT="$dispatcher_port" \
  LEADHOOKS_START_READY_TIMEOUT_MS=240000 \
  SWC_NODE_PROJECT=tools/start/tsconfig.app.json \
  node -r @swc-node/register tools/start/src/start.ts >"$run/start.out" 2>&1 &
start_pid=$!

for _ in $(seq 1 420); do
  grep -q '^leadhooks is running' "$run/start.out" 2>/dev/null && break
  kill -0 "$start_pid" 2>/dev/null || break
  sleep 1
done
if ! grep -q '^leadhooks is running' "$run/start.out" 2>/dev/null; then
  say "the stack did not start; its output:"
  cat "$run/start.out" >&2
  exit 1
fi
key=$(tr -d '\n' <"$run/start/dev-api-key")

say "schemathesis $schemathesis_version: $max_examples examples per operation, seed $seed, at most ${budget_s} s"
# not_a_server_error: no 5xx, whatever the input. response_schema_conformance: every answer
# with a documented status matches its documented schema. Both in positive and negative mode.
# From .local/fuzz: schemathesis keeps its crash cache (for `schemathesis replay`) in the
# working directory's .schemathesis/.
(cd "$root/.local/fuzz" && exec timeout --signal=TERM "$budget_s" "$venv/bin/schemathesis" run "$gateway/docs-json" \
  --url "$gateway" \
  --header "Authorization: Bearer $key" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "$max_examples" \
  --seed "$seed" \
  --workers 1 \
  --request-timeout 15 \
  --generation-database none \
  --no-color \
  --report junit --report-junit-path "$reports/junit.xml") &
fuzz_pid=$!
wait "$fuzz_pid"
status=$?
fuzz_pid=''
[ "$status" -eq 124 ] && say "schemathesis did not finish within ${budget_s} s"

# One line for .ci/run: operations (junit test cases) that passed and failed.
if [ -f "$reports/junit.xml" ]; then
  python3 - "$reports/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
passed = failed = skipped = 0
for case in cases:
    if case.find("failure") is not None or case.find("error") is not None:
        failed += 1
    elif case.find("skipped") is not None:
        skipped += 1
    else:
        passed += 1
print(f"fuzz: {passed} operations passed, {failed} failed, {skipped} skipped")
PY
else
  echo "fuzz: no results (schemathesis wrote no report)"
  status=1
fi
exit "$status"
