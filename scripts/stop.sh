#!/usr/bin/env bash
# npm stop: stops every process of the network; ledgers, keys and CA databases stay.
source "$(dirname "$0")/lib.sh"
exec npx --no-install tsx "$ROOT/network/src/cli.ts" down
