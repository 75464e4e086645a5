#!/usr/bin/env bash
# `npm start`: the demo — api + worker on a seeded demo program, in the foreground until Ctrl-C.
# `npm start -- --reset` starts this checkout's demo afresh. The demo's database, queue prefix,
# secrets key and ports are this checkout's own (clearing-service/src/demo/demo-checkout.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

bash scripts/ensure-deps.sh
bash deploy/local/services.sh
echo "[demo] building"
npx lerna run build --stream >/dev/null
exec node clearing-service/dist/demo/run-demo.js "$@"
