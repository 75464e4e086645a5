#!/usr/bin/env bash
# Writes the compose file's secrets (random, once) into deploy/compose/secrets/ (git-ignored).
set -euo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")/secrets"
mkdir -p "$dir" && chmod 700 "$dir"
write() { [ -s "$dir/$1" ] || { printf '%s' "$2" >"$dir/$1"; chmod 600 "$dir/$1"; echo "wrote $dir/$1"; }; }
write db_password "$(openssl rand -hex 24)"
write db_root_password "$(openssl rand -hex 24)"
write database_url "mysql://tanlian:$(cat "$dir/db_password")@mariadb:3306/tanlian"
write redis_url "redis://redis:6379"
write secrets_key "$(openssl rand -base64 32)"
