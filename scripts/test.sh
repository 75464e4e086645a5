#!/usr/bin/env bash
# `npm test`: every test of every workspace, against the real MariaDB and Redis.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh >/dev/null
bash deploy/local/services.sh
echo "[test] build"
npx lerna run build --stream
echo "[test] lint and types"
node scripts/check-paths.mjs
node --test scripts/check-paths.test.mjs
npx eslint . --max-warnings=0
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
npx lerna run typecheck --stream
echo "[test] tests"
rm -rf .test-results && mkdir -p .test-results
status=0
npx lerna run test --stream --concurrency 1 || status=$?
echo "[test] packaging: chart, compose, Dockerfile (deploy/test.sh)"
bash deploy/test.sh || status=1
node scripts/test-summary.mjs || status=1
exit "$status"
