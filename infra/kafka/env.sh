# Shared settings for the local Kafka scripts. Sourced, not run.
KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"
KAFKA_LIB="$KAFKA_DIR/.lib"
# Data and logs live outside the source tree's tracked files (ignored by git).
# Every setting below can be overridden from the environment, e.g. to run a second, throwaway broker
# (libs/testing ThrowawayKafkaBroker): KAFKA_STATE_DIR, KAFKA_HOST, KAFKA_PORT, KAFKA_CONTROLLER_PORT,
# KAFKA_NODE_ID, KAFKA_HEAP_OPTS (and KAFKA_CLUSTER_ID, KAFKA_START_TIMEOUT in format.sh/start.sh).
KAFKA_STATE="${KAFKA_STATE_DIR:-$REPO_ROOT/.kafka}"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_NODE_ID="${KAFKA_NODE_ID:-1}"
KAFKA_PID_FILE="$KAFKA_STATE/kafka.pid"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"

kafka_classpath() { echo "$KAFKA_LIB/*"; }

kafka_require_java() {
  if ! command -v java >/dev/null 2>&1; then
    echo "kafka: java not found. Install OpenJDK 17+ (apt-get install openjdk-17-jre-headless)." >&2
    return 1
  fi
}
