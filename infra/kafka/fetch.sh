#!/usr/bin/env bash
# Downloads the Kafka broker jars from Maven Central into infra/kafka/.lib (once).
set -euo pipefail
source "$(dirname "$0")/env.sh"
if [ -f "$KAFKA_LIB/.complete" ]; then exit 0; fi
command -v mvn >/dev/null || { echo "kafka: mvn not found. Install Apache Maven (apt-get install maven)." >&2; exit 1; }
echo "kafka: fetching broker jars from Maven Central into $KAFKA_LIB" >&2
rm -rf "$KAFKA_LIB"
mvn -q -B -f "$KAFKA_DIR/pom.xml" dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIB" >&2
touch "$KAFKA_LIB/.complete"
