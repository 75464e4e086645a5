#!/usr/bin/env bash
# Installs the workspace's npm dependencies when they are missing or older than package-lock.json,
# so `npm start` and `npm test` work as the first command in a fresh clone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Tanlian needs Node 20.19 or newer (found ${process.versions.node}); see .nvmrc`);
    process.exit(1);
  }'

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
