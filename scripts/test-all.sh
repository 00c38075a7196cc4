#!/usr/bin/env bash
# Runs every check hashdesk has, against the real broker and stores:
# proto freshness, lint (module boundaries), typecheck, unit tests, integration and end-to-end tests.
# Installs what it needs on first use and starts the project's Kafka broker if it is not running.
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

bash scripts/setup.sh || exit 1
if [ "$KAFKA_BROKERS" = "127.0.0.1:9092" ]; then bash infra/kafka/start.sh || exit 1; fi

results=$(mktemp -d); trap 'rm -rf "$results"' EXIT
declare -a failed_steps=()
step() {
  local name=$1; shift
  echo; echo "==> $name: $*"
  local started=$SECONDS
  if "$@"; then echo "==> $name: ok ($((SECONDS - started)) s)"; else echo "==> $name: FAILED ($((SECONDS - started)) s)"; failed_steps+=("$name"); fi
}

step proto bash scripts/proto-check.sh
step lint npx nx run-many -t lint --outputStyle=static
step typecheck npx tsc -p tsconfig.base.json --noEmit
step unit npx jest --selectProjects unit --json --outputFile="$results/unit.json"
# Integration suites share one broker and one PostgreSQL: run them in band so timings stay honest.
step integration npx jest --selectProjects integration --runInBand --forceExit --json --outputFile="$results/integration.json"

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) { console.log(`tests: ${f.split("/").pop()} produced no report`); failed++; continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
' "$results/unit.json" "$results/integration.json"

if [ ${#failed_steps[@]} -gt 0 ]; then echo "FAILED steps: ${failed_steps[*]}"; exit 1; fi
echo "all checks passed"
