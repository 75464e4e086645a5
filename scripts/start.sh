#!/usr/bin/env bash
# `npm start`: the demo — api + worker on a seeded demo program, in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

bash scripts/ensure-deps.sh
bash deploy/local/services.sh
echo "[demo] building"
npx lerna run build --stream >/dev/null

mkdir -p .demo
[ -f .demo/secrets-key ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' > .demo/secrets-key)

export DATABASE_URL="${DATABASE_URL:-mysql://root@127.0.0.1:3306/tanlian_demo}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export QUEUE_PREFIX="${QUEUE_PREFIX:-{tanlian-demo\}}"
export TANLIAN_SECRETS_KEY="${TANLIAN_SECRETS_KEY:-$(cat .demo/secrets-key)}"
export HTTP_PORT="${PORT:-${HTTP_PORT:-3000}}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
export TANLIAN_DEMO_DIR="$PWD/.demo"
exec node clearing-service/dist/demo/run-demo.js
