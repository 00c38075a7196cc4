#!/usr/bin/env bash
# Writes server.properties and formats KRaft storage (once per state directory).
set -euo pipefail
source "$(dirname "$0")/env.sh"
kafka_require_java
mkdir -p "$KAFKA_STATE/data" "$KAFKA_STATE/logs"
cat > "$KAFKA_STATE/server.properties" <<PROPS
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_NODE_ID@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_STATE/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Topics are created from the registry with their partitions and cleanup policy.
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
log.retention.hours=-1
PROPS
if [ -f "$KAFKA_STATE/data/meta.properties" ]; then exit 0; fi
cluster_id="${KAFKA_CLUSTER_ID:-$(java -cp "$(kafka_classpath)" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)}"
java -cp "$(kafka_classpath)" kafka.tools.StorageTool format -t "$cluster_id" \
  -c "$KAFKA_STATE/server.properties" --standalone >/dev/null 2>"$KAFKA_STATE/logs/format.err" \
 || java -cp "$(kafka_classpath)" kafka.tools.StorageTool format -t "$cluster_id" \
  -c "$KAFKA_STATE/server.properties" >/dev/null
echo "kafka: formatted storage in $KAFKA_STATE/data (cluster $cluster_id)" >&2
