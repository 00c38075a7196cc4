#!/usr/bin/env bash
# Backfills the bundled daily history (data/reference/network-daily.csv, 2019-01-01 … 2025-12-29) through
# ingest: one BTC price and one network snapshot per day, with the day's own event time, written to
# ingest's observation table and published through its outbox. Idempotent: a rerun publishes nothing.
# Another file in the same format: scripts/feed-history.sh --file F (format in services/ingest/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node -r ./scripts/register.js services/ingest/src/backfill/backfill.main.ts "$@"
