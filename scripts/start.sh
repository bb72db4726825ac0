#!/usr/bin/env bash
# npm start: everything from a fresh clone to a running network with gateways and demo data.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/prepare.sh"
say "starting the network (state in ${STADSPAS_HOME:-$ROOT/.stadspas})"
exec npx --no-install tsx "$ROOT/network/src/cli.ts" up
