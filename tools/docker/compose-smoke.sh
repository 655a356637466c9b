#!/usr/bin/env bash
# The compose cluster, actually run: on a machine with nothing but Debian and this
# repository, it installs docker.io, starts a Docker daemon of its own (no IP masquerading,
# no iptables rules), builds the stand-in images (images.sh), runs
# `docker compose up --build` of docker-compose.yml, follows the walk-through (docs/walkthrough.md) through the
# published gateway port (account, webhook to a receiver on the compose network, a lead and
# its signed delivery, a lookup with webhook_url and its delivery, the lead in the
# directory), then `docker compose down -v` and stops the daemon it started.
# Prints `docker-smoke: passed` or `docker-smoke: failed (<step>)`; exits 0 or 1.
# Bounded: LEADHOOKS_DOCKER_SMOKE_TIMEOUT seconds (default 720) for the whole run.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${LEADHOOKS_DOCKER_GATEWAY_PORT:-18080}"
gateway="http://127.0.0.1:$port"
deadline=$((SECONDS + ${LEADHOOKS_DOCKER_SMOKE_TIMEOUT:-720}))
export LEADHOOKS_DOCKER_GATEWAY_PORT="$port"
export COMPOSE_PROJECT_NAME=leadhooks-smoke
compose=(docker compose --project-directory "$root" -f "$root/docker-compose.yml" -f "$here/compose.standins.yml")
step=setup

say() { printf 'docker-smoke: %s\n' "$*" >&2; }
left() { echo $((deadline - SECONDS)); }
fail() {
  say "FAILED at '$step': $*"
  "${compose[@]}" ps -a >&2 2>/dev/null || true
  "${compose[@]}" logs --no-color --tail 40 >&2 2>/dev/null || true
  exit 1
}
cleanup() {
  local rc=$?
  if docker info >/dev/null 2>&1; then
    "${compose[@]}" --profile walkthrough down -v --remove-orphans >/dev/null 2>&1 ||
      say "compose down failed"
    local ours
    ours="$(docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME")"
    [ -z "$ours" ] || say "containers left after down: $ours"
  fi
  # A caller that started the daemon itself (ci-step.sh) stops it itself.
  [ -n "${LEADHOOKS_DOCKER_KEEP_DAEMON:-}" ] || "$here/dockerd.sh" stop || true
  if [ "$rc" = 0 ]; then echo "docker-smoke: passed"; else echo "docker-smoke: failed ($step)"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'fail "timed out or interrupted"' TERM INT

# Runs the rest of a command with the time that is left; a hung step fails the run.
bounded() { timeout --kill-after=10 "$(left)" "$@"; }
# Polls `cmd` every 2 s until it succeeds or `seconds` pass.
wait_for() { # description seconds cmd...
  local what=$1 until=$((SECONDS + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$until" ] && [ "$(left)" -gt 0 ] || return 1
    sleep 2
  done
  say "$what"
}
api() { # method path [json]
  curl -sS --max-time 20 -X "$1" "$gateway$2" -H "Authorization: Bearer $KEY" \
    -H 'content-type: application/json' ${3:+-d "$3"}
}

step=dockerd
command -v curl >/dev/null && command -v jq >/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl jq >/dev/null
bounded "$here/dockerd.sh" start || fail "could not start dockerd"

step=images
bounded "$here/images.sh" || fail "stand-in images"

step="first app image"
# The four app images share every layer but the last (the Dockerfile's ARG APP comes
# late): one built first, the others' parallel builds in compose find them cached instead
# of running npm ci and copying node_modules four times at once.
say "building the first app image (the layers the four share)"
DOCKER_BUILDKIT=0 bounded docker build --network host --force-rm -q \
  --build-arg NODE_IMAGE=leadhooks/node:20-bookworm --build-arg APP=gateway \
  -t leadhooks/app-gateway:local "$root" >/dev/null ||
  fail "the Dockerfile's build"

step="compose up --build"
say "docker compose up --build (project $COMPOSE_PROJECT_NAME, gateway on $gateway)"
started=$SECONDS
DOCKER_BUILDKIT=0 bounded "${compose[@]}" up --build -d --wait --wait-timeout "$(left)" >&2 ||
  fail "the cluster did not become healthy"
say "all services healthy after $((SECONDS - started)) s"

step="account"
account="$(bounded "${compose[@]}" exec -T leads-service npm run --silent account:create -- --name 'Docker smoke')" ||
  fail "account:create"
# It prints key=value lines (account_id, account_name, api_key).
KEY="$(sed -n 's/^api_key=//p' <<<"$account")"
[ -n "$KEY" ] || fail "account:create printed no api_key line"

step="webhook"
api POST /v1/webhooks \
  '{"name":"Lead Tracking Webhook","url":"http://receiver.test:4000/leads","events":["save_lead"]}' >&2
echo >&2
WEBHOOK_ID="$(api GET /v1/webhooks | jq -r '.data[0].id')"
[ -n "$WEBHOOK_ID" ] && [ "$WEBHOOK_ID" != null ] || fail "webhook not created"
WEBHOOK_SECRET="$(api GET "/v1/webhooks/$WEBHOOK_ID/secret" | jq -r .secret)"
WEBHOOK_SECRET+=",$(api GET /v1/webhook-url/secret | jq -r .secret)"
export WEBHOOK_SECRET

step="receiver"
bounded "${compose[@]}" --profile walkthrough up -d --no-build --no-deps receiver >&2 || fail "receiver"
wait_for "receiver listening" 60 sh -c "${compose[*]} logs receiver | grep -q 'receiver listening'" ||
  fail "receiver did not start"

step="lead delivery"
lead="$(api POST /v1/leads '{"email":"ada@example.test","website":"example.test","first_name":"Ada","last_name":"Lovelace","score":80}')"
jq -e '.id // .data.id' <<<"$lead" >/dev/null || fail "lead not saved: $lead"
# The receiver logs one line per request: eventType, outcome and "signature":"verified".
delivered() {
  "${compose[@]}" logs --no-color receiver | grep '"outcome":"accepted"' |
    grep '"signature":"verified"' | grep -q "\"eventType\":\"$1\""
}
wait_for "the lead arrived at the receiver, signature verified" 60 delivered save_lead ||
  fail "no signed save_lead delivery at the receiver"

step="lookup webhook_url"
api GET "/v1/phone-validator?phone=02079460958&country=GB&webhook_url=http://receiver.test:4000/lookups" >&2
echo >&2
wait_for "the lookup's webhook_url delivery arrived, signature verified" 60 delivered lookup.completed ||
  fail "no signed lookup delivery at the receiver"

step="directory"
# lookup-service's directory reads leads.save_lead through its Nest Kafka transport.
in_directory() { api GET '/v1/domain-search?domain=example.test' | jq -e '.total == 1'; }
wait_for "the lead is in lookup-service's directory (domain-search)" 60 in_directory ||
  fail "domain-search never listed the lead"

step="compose down -v"
bounded "${compose[@]}" --profile walkthrough down -v --remove-orphans >&2 || fail "compose down"
step=done
