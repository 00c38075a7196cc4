#!/usr/bin/env bash
# Installs what hashdesk needs on first use and checks the machine's stores.
# Idempotent: a second run does nothing but the checks.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "setup: $*" >&2; exit 1; }

command -v node >/dev/null || fail "node not found. Install Node.js 20+ (https://nodejs.org)."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js 20+ needed, found $(node -v)."
command -v java >/dev/null || fail "java not found. Install OpenJDK 17+ (apt-get install openjdk-17-jre-headless)."
command -v mvn >/dev/null || fail "mvn not found. Install Apache Maven (apt-get install maven)."

# npm ci when the install is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

# The console's browser tests drive Debian's chromium through apt, never a downloaded browser.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
  echo "setup: installing chromium (apt) for the console's browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo -n apt-get"; fi
  $apt_get install -y chromium >/dev/null 2>&1 || { $apt_get update >/dev/null 2>&1 && $apt_get install -y chromium >/dev/null 2>&1; } \
    || echo "setup: could not install chromium (apt-get install chromium as root); the console's browser tests need /usr/bin/chromium" >&2
fi
bash infra/kafka/fetch.sh
node tools/cli/scripts/build-cli.js >/dev/null
node scripts/check-stores.js
