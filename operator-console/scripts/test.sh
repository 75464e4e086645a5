#!/usr/bin/env bash
# The console's tests for `npm test`: vitest (components, hooks, formatting), then the browser
# flows against a live service. Each writes jest-format JSON into ../.test-results/.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p ../.test-results
status=0
npx vitest run --reporter=default --reporter=json \
  --outputFile.json=../.test-results/operator-console-unit.json || status=$?
node e2e/run.mjs || status=$?
node e2e/dashboards.mjs || status=$?
exit "$status"
