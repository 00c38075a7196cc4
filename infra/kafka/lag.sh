#!/usr/bin/env bash
# Prints the total lag of a consumer group (messages not yet committed): lag.sh GROUP.
set -euo pipefail
source "$(dirname "$0")/env.sh"
java -cp "$(kafka_classpath)" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.xml" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
  --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --describe --group "$1" 2>/dev/null \
  | awk 'NR > 1 && $6 ~ /^[0-9]+$/ { lag += $6 } END { print lag + 0 }'
