#!/usr/bin/env bash
# Waits until the broker answers a metadata request: wait.sh [seconds].
set -euo pipefail
source "$(dirname "$0")/env.sh"
deadline=$(( $(date +%s) + ${1:-60} ))
while :; do
  # A TCP connect proves little during KRaft start-up; ask the broker for its API versions instead.
  if (exec 3<>"/dev/tcp/$KAFKA_HOST/$KAFKA_PORT") 2>/dev/null \
     && java -cp "$(kafka_classpath)" org.apache.kafka.tools.BrokerApiVersionsCommand \
          --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" >/dev/null 2>&1; then
    exit 0
  fi
  if [ -f "$KAFKA_PID_FILE" ] && ! kill -0 "$(cat "$KAFKA_PID_FILE")" 2>/dev/null && [ "${1:-60}" -gt 1 ]; then
    echo "kafka: the broker process exited; last log lines:" >&2
    tail -n 20 "$KAFKA_STATE/logs/stdout.log" >&2 || true
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "kafka: no broker answering on $KAFKA_HOST:$KAFKA_PORT. Start it with: npm run kafka:start" >&2
    exit 1
  fi
  sleep 1
done
