#!/usr/bin/env bash
# Fails when proto/ does not lint, breaks compatibility with main (buf breaking) or libs/contracts/src/gen is stale
# (someone edited a .proto and did not regenerate).
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install buf lint
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
npx --no-install buf generate --output "$tmp"
if ! diff -r "$tmp/libs/contracts/src/gen" libs/contracts/src/gen >/dev/null; then
  echo "proto: libs/contracts/src/gen is stale. Run: npm run proto:gen" >&2
  diff -r "$tmp/libs/contracts/src/gen" libs/contracts/src/gen | head -20 >&2
  exit 1
fi
echo "proto: lint clean, generated code up to date"
bash scripts/proto-breaking.sh
