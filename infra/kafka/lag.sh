#!/usr/bin/env bash
# Prints the total lag of a consumer group: lag.sh GROUP. A partition with no committed offset yet counts
# its whole log (LOG-END-OFFSET); a group the broker cannot describe right now (rebalancing, not yet
# joined: no partition rows) prints -1, "unknown", never 0.
set -euo pipefail
source "$(dirname "$0")/env.sh"
java -cp "$(kafka_classpath)" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.xml" -Dkafka.logs.dir="$KAFKA_STATE" \
  org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
  --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --describe --group "$1" 2>/dev/null \
  | awk 'NR > 1 && $3 ~ /^[0-9]+$/ && $5 ~ /^[0-9]+$/ { rows++; if ($6 ~ /^[0-9]+$/) lag += $6; else lag += $5 }
         END { if (rows == 0) print -1; else print lag + 0 }'
