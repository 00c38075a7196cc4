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
if [ "$KAFKA_BROKERS" = "127.0.0.1:9092" ]; then bash infra/kafka/start.sh; fi

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
  node scripts/webhook-sink.js "$WEBHOOK_SINK_PORT" "$RUN_DIR/webhooks.ndjson" 2>>"$RUN_DIR/logs/webhook-sink.log" &
  pids+=($!)
fi

port_of() { local v="${1^^}_HTTP_PORT"; echo "${!v}"; }
declare -A service_pid=()
for service in ingest valuation risk notification; do
  node -r ./scripts/register.js "services/$service/src/main.ts" >>"$RUN_DIR/logs/$service.log" 2>&1 &
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
