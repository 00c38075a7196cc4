#!/usr/bin/env bash
# Feeds ingest what hashdesk ships: the company histories (data/companies/history/*.json: every quarter
# since 2022 as point-in-time profile versions, each figure with its source, publication date and excerpt)
# and the daily network history (data/reference/network-daily.csv,
# 2019-01-01 … 2025-12-29: one BTC price and one network snapshot per day, with the day's own event
# time). Both go through ingest's tables and outbox; rerunning publishes nothing new.
# Another history file in the same format: scripts/feed-history.sh --file F (format in services/ingest/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
node -r ./scripts/register.js services/ingest/src/companies/load-history.main.ts --dir data/companies/history
exec node -r ./scripts/register.js services/ingest/src/backfill/backfill.main.ts "$@"
