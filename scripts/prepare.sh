#!/usr/bin/env bash
# Gets a checkout ready to run: npm dependencies, the Fabric binaries and the TypeScript builds.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

need node "install Node.js 20 or newer"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  fail "Node.js $(node --version) is too old: install Node.js 20 or newer"
need npm "install npm (it comes with Node.js)"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

bash "$ROOT/scripts/install-fabric.sh"

say "compiling the chaincode and the gateway"
npm run build --silent
