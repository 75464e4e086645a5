#!/usr/bin/env bash
# `npm run bench:<name>` → `bench.sh <name> [flags]`: like the other root scripts it works as the
# first command in a fresh clone — installs what is missing, makes MariaDB and Redis answer,
# builds — then runs bench/<name>/run.js.
set -euo pipefail
name="$1"
shift
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

bash scripts/ensure-deps.sh
bash deploy/local/services.sh
echo "[bench] building"
npx lerna run build --stream >/dev/null
cd clearing-service
exec node "bench/$name/run.js" "$@"
