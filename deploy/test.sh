#!/usr/bin/env bash
# The packaging tests (npm test runs them after the workspaces' tests; alone: npm run deploy:test).
# Needs the built service (npm run build) and MariaDB and Redis (deploy/local/services.sh).
# UPDATE_GOLDEN=1 rewrites deploy/helm/tanlian/golden/ from the chart (review the diff).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# promtool ships in Debian's prometheus package; installed like services.sh installs MariaDB.
if ! command -v promtool >/dev/null; then
  echo "[deploy] installing Debian's prometheus package (for promtool)"
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get install -y --no-install-recommends prometheus >/dev/null
fi

start=$(date +%s)
echo "[deploy] chart, compose, Dockerfile, alert rules and metrics (node --test)"
node --test deploy/test/
# SKIP_DOCKERFILE_RUN=1 leaves out the Dockerfile's real run (~5 min on 2 cores) when iterating.
if [ "${SKIP_DOCKERFILE_RUN:-0}" != 1 ]; then
  echo "[deploy] the Dockerfile's steps in a scratch copy, as a non-root user"
  node deploy/docker/run-dockerfile.mjs
fi
echo "[deploy] done in $(($(date +%s) - start)) s"
