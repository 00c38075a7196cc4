# Shared settings for the local Kafka scripts. Sourced, not run.
KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"
KAFKA_LIB="$KAFKA_DIR/.lib"
# Data and logs live outside the source tree's tracked files (ignored by git).
KAFKA_STATE="${KAFKA_STATE_DIR:-$REPO_ROOT/.kafka}"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_PID_FILE="$KAFKA_STATE/kafka.pid"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"

kafka_classpath() { echo "$KAFKA_LIB/*"; }

kafka_require_java() {
  if ! command -v java >/dev/null 2>&1; then
    echo "kafka: java not found. Install OpenJDK 17+ (apt-get install openjdk-17-jre-headless)." >&2
    return 1
  fi
}
