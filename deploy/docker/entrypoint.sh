#!/bin/sh
# The image's entry: which Tanlian process to run. Node flags come from the service's own list
# (clearing-service/src/config/node-flags.ts), as the demo and the benches start them.
set -eu
cd "$(dirname "$0")/../../clearing-service"
case "${1:-}" in
  api) script=main.api.js ;;
  worker) script=main.worker.js ;;
  migrate) shift; exec node dist/cli/main.js db:migrate "$@" ;;
  cli) shift; exec node dist/cli/main.js "$@" ;;
  *)
    echo "usage: api | worker | migrate | cli <command> (got: ${1:-nothing})" >&2
    exit 64
    ;;
esac
flags=$(node -p "require('./dist/config/node-flags.js').nodeFlagsOf('$script').join(' ')")
# shellcheck disable=SC2086 # the flags are separate words
exec node $flags "dist/$script"
