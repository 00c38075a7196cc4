#!/usr/bin/env bash
# The main job: starts the broker and the four services, feeds them the bundled history, prints what came
# out, then keeps running (live) until Ctrl-C. HASHDESK_ONESHOT=1 stops everything after the feed.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hashdesk}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
export INGEST_HTTP_PORT=${INGEST_HTTP_PORT:-3001} VALUATION_HTTP_PORT=${VALUATION_HTTP_PORT:-3002}
export RISK_HTTP_PORT=${RISK_HTTP_PORT:-3003} NOTIFICATION_HTTP_PORT=${NOTIFICATION_HTTP_PORT:-3004}
WEBHOOK_SINK_PORT=${WEBHOOK_SINK_PORT:-3009}
# After the history, ingest keeps polling the public sources that need no key (backing off while they
# are unreachable; their state is in ingest's /health/ready and /metrics). HASHDESK_OFFLINE=1 turns that off.
if [ "${HASHDESK_OFFLINE:-0}" != "1" ]; then
  export INGEST_MEMPOOL_BASE_URL="${INGEST_MEMPOOL_BASE_URL:-https://mempool.space/api}"
  export INGEST_COINBASE_BASE_URL="${INGEST_COINBASE_BASE_URL:-https://api.coinbase.com}"
  export INGEST_KRAKEN_BASE_URL="${INGEST_KRAKEN_BASE_URL:-https://api.kraken.com}"
  export INGEST_COINGECKO_BASE_URL="${INGEST_COINGECKO_BASE_URL:-https://api.coingecko.com/api/v3}"
  export INGEST_STOOQ_BASE_URL="${INGEST_STOOQ_BASE_URL:-https://stooq.com}"
  # SEC EDGAR filings of every tracked company whose history (data/companies/history) has a CIK. The SEC
  # requires a User-Agent naming the client and a contact e-mail: without one it stays off.
  if [ -n "${INGEST_SEC_CONTACT_EMAIL:-}${INGEST_SEC_USER_AGENT:-}" ]; then
    export INGEST_SEC_BASE_URL="${INGEST_SEC_BASE_URL:-https://data.sec.gov}"
    if [ -n "${INGEST_SEC_CONTACT_EMAIL:-}" ]; then export INGEST_SEC_USER_AGENT="${INGEST_SEC_USER_AGENT:-hashdesk $INGEST_SEC_CONTACT_EMAIL}"; fi
  else
    echo "main-job: SEC EDGAR adapter off: set INGEST_SEC_CONTACT_EMAIL (the SEC requires a contact e-mail in the User-Agent)" >&2
  fi
fi
export NOTIFICATION_WEBHOOK_URL="${NOTIFICATION_WEBHOOK_URL:-http://127.0.0.1:$WEBHOOK_SINK_PORT/hashdesk}"

bash scripts/setup.sh

# Operator actions (creating subscribers, replaying unroutable events) are refused without a token: the
# main job makes one on first use, keeps it in .run/admin-token (owner-only) and never prints it.
mkdir -p .run
if [ -z "${NOTIFICATION_ADMIN_TOKEN:-}" ]; then
  if [ ! -s .run/admin-token ]; then (umask 077; node -e 'process.stdout.write("adm_" + require("crypto").randomBytes(24).toString("hex"))' > .run/admin-token); fi
  NOTIFICATION_ADMIN_TOKEN="$(cat .run/admin-token)"; export NOTIFICATION_ADMIN_TOKEN
  echo "main-job: operator token in .run/admin-token: send it as x-admin-token to POST /v1/subscribers (notification)" >&2
fi
# Webhook signing secrets are stored encrypted (AES-256-GCM): the main job makes the key on first use and
# keeps it in .run/notification-secret-keys (owner-only; without it the stored secrets cannot be read).
if [ -z "${NOTIFICATION_SECRET_KEYS:-}" ]; then
  if [ ! -s .run/notification-secret-keys ]; then (umask 077; node -e 'process.stdout.write("k1:" + require("crypto").randomBytes(32).toString("base64"))' > .run/notification-secret-keys); fi
  NOTIFICATION_SECRET_KEYS="$(cat .run/notification-secret-keys)"; export NOTIFICATION_SECRET_KEYS
fi
# Every write needs an API key. The operator's bootstrap key (every scope) comes from the environment or
# is made on first use and kept in .run/admin-api-key (owner-only, never printed).
if [ -z "${HASHDESK_ADMIN_API_KEY:-}" ]; then
  if [ ! -s .run/admin-api-key ]; then (umask 077; node -e 'process.stdout.write("hdk_admin_" + require("crypto").randomBytes(32).toString("base64url"))' > .run/admin-api-key); fi
  HASHDESK_ADMIN_API_KEY="$(cat .run/admin-api-key)"; export HASHDESK_ADMIN_API_KEY
fi
if [ "$KAFKA_BROKERS" = "127.0.0.1:9092" ]; then bash infra/kafka/start.sh; fi
# A desk key (ingest:write, risk:write, notification:subscribe) for trying the API, issued once per broker:
# kept in .run/desk-api-key.json, issued again when the broker no longer knows it (a fresh broker).
desk_key_id=$(node -e 'try{process.stdout.write(JSON.parse(require("fs").readFileSync(".run/desk-api-key.json","utf8")).keyId)}catch{}')
if [ -z "$desk_key_id" ] || ! npm run -s keys -- list 2>/dev/null | grep -q "\"keyId\": \"$desk_key_id\""; then
  (umask 077; npm run -s keys -- create --owner desk --scopes ingest:write,risk:write,notification:subscribe > .run/desk-api-key.json 2>/dev/null)
fi
echo "main-job: a desk API key is in .run/desk-api-key.json; use it as: curl -H \"x-api-key: \$(node -p 'require(\"./.run/desk-api-key.json\").key')\" -X POST http://127.0.0.1:$INGEST_HTTP_PORT/v1/observations/btc-price …  (more keys: npm run keys -- create --owner <name> --scopes <scopes>)" >&2

RUN_DIR=.run; mkdir -p "$RUN_DIR/logs"
declare -a pids=()
cleanup() {
  echo "main-job: stopping services (the broker keeps running; stop it with: npm run kafka:stop)" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "$NOTIFICATION_WEBHOOK_URL" == "http://127.0.0.1:$WEBHOOK_SINK_PORT/"* ]]; then
  # Webhooks may reach the sink's origin only, never every port of 127.0.0.1 (PostgreSQL and Redis included).
  export NOTIFICATION_URL_ALLOWLIST="${NOTIFICATION_URL_ALLOWLIST:-http://127.0.0.1:$WEBHOOK_SINK_PORT}"
  node scripts/webhook-sink.js "$WEBHOOK_SINK_PORT" "$RUN_DIR/webhooks.ndjson" 2>>"$RUN_DIR/logs/webhook-sink.log" &
  pids+=($!)
fi

port_of() { local v="${1^^}_HTTP_PORT"; echo "${!v}"; }
declare -A service_pid=()
for service in ingest valuation risk notification; do
  # HASHDESK_SERVICE_NODE_ARGS: extra node flags for the four services only, e.g. "--prof" to profile a catch-up.
  # shellcheck disable=SC2086
  node ${HASHDESK_SERVICE_NODE_ARGS:-} -r ./scripts/register.js "services/$service/src/main.ts" >>"$RUN_DIR/logs/$service.log" 2>&1 &
  pids+=($!); service_pid[$service]=$!
done
for service in ingest valuation risk notification; do
  port=$(port_of "$service"); deadline=$((SECONDS + 120))
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "${service_pid[$service]}" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "main-job: $service did not become ready on port $port (exited or 120 s passed); last log lines:" >&2
      tail -n 20 "$RUN_DIR/logs/$service.log" >&2; exit 1
    fi
    sleep 1
  done
  echo "main-job: $service ready on http://127.0.0.1:$port (OpenAPI at /docs, logs in $RUN_DIR/logs/$service.log)" >&2
done

# The research console (services/console): its app is built when missing or stale, then served beside the
# services. It forwards the desk key (the Monte Carlo run needs risk:write) and registers its own
# notification subscriber with the operator token for the live alert feed.
export CONSOLE_HTTP_PORT=${CONSOLE_HTTP_PORT:-3000}
if [ -z "${CONSOLE_API_KEY:-}" ] && [ -s .run/desk-api-key.json ]; then CONSOLE_API_KEY=$(node -p 'require("./.run/desk-api-key.json").key'); export CONSOLE_API_KEY; fi
node services/console/scripts/build-web.js
node -r ./scripts/register.js services/console/src/main.ts >>"$RUN_DIR/logs/console.log" 2>&1 &
pids+=($!); console_pid=$!; deadline=$((SECONDS + 60))
until curl -fsS "http://127.0.0.1:$CONSOLE_HTTP_PORT/health/ready" >/dev/null 2>&1; do
  if ! kill -0 "$console_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "main-job: console did not become ready on port $CONSOLE_HTTP_PORT; last log lines:" >&2; tail -n 20 "$RUN_DIR/logs/console.log" >&2; exit 1
  fi
  sleep 1
done
echo "console: http://127.0.0.1:$CONSOLE_HTTP_PORT" >&2

bash scripts/feed-history.sh

# The feed returns when ingest has published everything; wait until every consumer group has caught up.
if [ "$KAFKA_BROKERS" = "127.0.0.1:9092" ]; then
  started=$SECONDS
  while :; do
    lags=""; total=0; unknown=0
    for group in valuation risk notification; do
      lag=$(bash infra/kafka/lag.sh "${KAFKA_TOPIC_PREFIX:-}$group"); lags+="$group=$lag "
      if [ "$lag" -lt 0 ]; then unknown=1; else total=$((total + lag)); fi
    done
    # Caught up = every group described with zero lag twice in a row (a rebalance can hide a group for a moment).
    if [ "$total" -eq 0 ] && [ "$unknown" -eq 0 ]; then zero_readings=$((${zero_readings:-0} + 1)); else zero_readings=0; fi
    [ "$zero_readings" -ge 2 ] && break
    if [ $((SECONDS - started)) -ge "${HASHDESK_CATCH_UP_TIMEOUT_S:-1800}" ]; then echo "main-job: consumers still behind after $((SECONDS - started)) s ($lags); see $RUN_DIR/logs" >&2; exit 1; fi
    echo "main-job: catching up: lag $lags" >&2
    sleep 5
  done
  echo "main-job: every consumer caught up in $((SECONDS - started)) s" >&2
fi

echo "main-job: latest network hashprice (valuation):" >&2
curl -fsS "http://127.0.0.1:$VALUATION_HTTP_PORT/v1/network/hashprice/latest" || true; echo
echo "main-job: alerts raised (risk): $(curl -fsS "http://127.0.0.1:$RISK_HTTP_PORT/v1/alerts" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log((j.items??j).length)})')" >&2
echo "main-job: webhook deliveries received: $(cat "$RUN_DIR/webhooks.ndjson" 2>/dev/null | wc -l) (in $RUN_DIR/webhooks.ndjson)" >&2

if [ "${HASHDESK_ONESHOT:-0}" = "1" ]; then exit 0; fi
echo "main-job: running live; Ctrl-C stops the services" >&2
wait
