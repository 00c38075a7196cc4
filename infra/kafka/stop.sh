#!/usr/bin/env bash
# Stops the broker started by start.sh (SIGTERM, then SIGKILL after 30 s).
set -euo pipefail
source "$(dirname "$0")/env.sh"
[ -f "$KAFKA_PID_FILE" ] || { echo "kafka: not started by these scripts" >&2; exit 0; }
pid=$(cat "$KAFKA_PID_FILE")
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
fi
rm -f "$KAFKA_PID_FILE"
echo "kafka: stopped" >&2
