#!/usr/bin/env bash
# Benchmark: backfill of the bundled daily history through ingest (observation table + outbox + relay
# into Kafka), side by side with Kafka's own ProducerPerformance on the same broker and record size.
# Usage: bash bench/ingest-backfill.sh   (needs the broker: npm run kafka:start; PostgreSQL; Redis)
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/kafka/env.sh
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}" REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}" LOG_LEVEL=warn
run_id="bench-$(date +%s)"
base_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export DATABASE_URL="${base_url%/*}/hashdesk_${run_id//-/_}"
export KAFKA_TOPIC_PREFIX="$run_id."
node scripts/check-stores.js >/dev/null 2>&1

echo "== hashdesk backfill (fresh database and topic namespace $run_id)"
summary=$(node -r ./scripts/register.js services/ingest/src/backfill/backfill.main.ts)
echo "$summary"
sizes=$(psql "$DATABASE_URL" -Atc "SELECT round(avg(octet_length(payload))), round(avg(octet_length(headers::text))) FROM ingest.outbox_event")
payload_bytes=${sizes%%|*}; header_bytes=${sizes##*|}
record_bytes=$((payload_bytes + header_bytes))
node -e '
  const s = JSON.parse(process.argv[1]);
  console.log(`backfill: ${s.observations} observations, write ${s.writeMs} ms (${s.writeRowsPerSecond}/s), then on the broker ${s.publishMs} ms later`);
  console.log(`backfill end to end: ${s.endToEndObservationsPerSecond} observations/s; lag from last write to last publish: ${s.publishMs} ms`);
' "$summary"
echo "record size: protobuf payload ${payload_bytes} B + CloudEvents/trace headers ~${header_bytes} B = ~${record_bytes} B"

# The project's broker does not auto-create topics: make the tool's topic like an ingest topic (3 partitions).
java -cp "$(kafka_classpath)" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.xml" org.apache.kafka.tools.TopicCommand \
  --bootstrap-server "$KAFKA_BROKERS" --create --topic "${run_id}.producer-performance" --partitions 3 --replication-factor 1 >/dev/null
for n in 5110 100000; do
  echo "== Kafka ProducerPerformance: $n records x ${record_bytes} B, acks=all, idempotent, unthrottled"
  line=$(java -cp "$(kafka_classpath)" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.xml" org.apache.kafka.tools.ProducerPerformance \
    --topic "${run_id}.producer-performance" --num-records "$n" --record-size "$record_bytes" --throughput -1 \
    --producer-props bootstrap.servers="$KAFKA_BROKERS" acks=all enable.idempotence=true linger.ms=5 2>/dev/null | tail -n 1)
  echo "$line"
  # The backfill beside this limit (same run, same broker, same record size).
  node -e '
    const s = JSON.parse(process.argv[1]); const limit = Number((/([\d.]+) records\/sec/.exec(process.argv[2]) ?? [])[1]);
    if (limit > 0) console.log(`backfill ${s.endToEndObservationsPerSecond} observations/s = ${(100 * s.endToEndObservationsPerSecond / limit).toPrecision(2)} % of ProducerPerformance at ${process.argv[3]} records (${Math.round(limit)} records/s)`);
  ' "$summary" "$line" "$n"
done
psql "${base_url}" -qc "DROP DATABASE IF EXISTS \"${DATABASE_URL##*/}\"" >/dev/null
