#!/usr/bin/env bash
# npm run reset: stops the network and deletes its state folder (ledgers, keys, CA databases).
source "$(dirname "$0")/lib.sh"
exec npx --no-install tsx "$ROOT/network/src/cli.ts" reset
