#!/usr/bin/env bash
# Feeds the running ingest service the bundled daily history (data/reference/network-daily.csv).
# Interim: the most recent FEED_DAYS days (default 30) through the public push API, one price and one
# network snapshot per day, with the day's own event time.
set -euo pipefail
cd "$(dirname "$0")/.."
INGEST_URL="${INGEST_URL:-http://127.0.0.1:${INGEST_HTTP_PORT:-3001}}"
node scripts/post-daily-history.js "$INGEST_URL" data/reference/network-daily.csv "${FEED_DAYS:-30}"
