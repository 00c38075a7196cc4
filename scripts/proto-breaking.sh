#!/usr/bin/env bash
# Fails when proto/ breaks compatibility (buf.yaml `breaking` rules) with main's last commit: the merge
# base with main on a branch, main's tip on main itself, so uncommitted edits are checked too.
# Usage: proto-breaking.sh [workspace dir, default: this repository]
set -euo pipefail
buf="$(cd "$(dirname "$0")/.." && pwd)/node_modules/.bin/buf"
cd "${1:-$(dirname "$0")/..}"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "proto: not a git work tree, buf breaking skipped" >&2
  exit 0
fi
if ! base=$(git merge-base HEAD main 2>/dev/null); then
  echo "proto: no local branch main to compare with (git fetch origin main:main)" >&2
  exit 1
fi
"$buf" breaking --against ".git#ref=$base"
echo "proto: no breaking change against main ($(git rev-parse --short "$base"))"
