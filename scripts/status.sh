#!/usr/bin/env bash
# npm run status: each process with its pid, port and health, and each peer's block height.
source "$(dirname "$0")/lib.sh"
exec npx --no-install tsx "$ROOT/network/src/cli.ts" status
