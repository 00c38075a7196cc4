#!/usr/bin/env bash
# Starts the single-node KRaft broker on 127.0.0.1:9092 (KAFKA_HOST:KAFKA_PORT, see env.sh) in the background and waits until it answers.
# Idempotent: a broker that is already up is left alone.
set -euo pipefail
source "$(dirname "$0")/env.sh"
if bash "$KAFKA_DIR/wait.sh" 1 2>/dev/null; then echo "kafka: already running on $KAFKA_HOST:$KAFKA_PORT" >&2; exit 0; fi
bash "$KAFKA_DIR/fetch.sh"
bash "$KAFKA_DIR/format.sh"
nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
  -Dkafka.logs.dir="$KAFKA_STATE/logs" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.xml" \
  -cp "$(kafka_classpath)" kafka.Kafka "$KAFKA_STATE/server.properties" \
  >"$KAFKA_STATE/logs/stdout.log" 2>&1 &
echo $! > "$KAFKA_PID_FILE"
bash "$KAFKA_DIR/wait.sh" "${KAFKA_START_TIMEOUT:-90}"
echo "kafka: up on $KAFKA_HOST:$KAFKA_PORT (pid $(cat "$KAFKA_PID_FILE"), logs in $KAFKA_STATE/logs)" >&2
