#!/usr/bin/env bash
# npm test: lint and format checks, unit tests, then end-to-end tests against a real network
# that this script starts in its own state folder and stops again.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/prepare.sh
bash scripts/install-chromium.sh

export STADSPAS_HOME="$ROOT/.stadspas-test/network"
stop_network() { npx --no-install tsx network/src/cli.ts down >/dev/null 2>&1 || true; }
# A test run that was interrupted may have left its network running: stop it before wiping its folder.
stop_network
results="$ROOT/.stadspas-test/results"
rm -rf "$ROOT/.stadspas-test"
mkdir -p "$results"

# Every temporary folder of the run (the tests' own, and those of the processes they start) goes into one folder,
# removed when the run passes and named when it fails.
run_tmp="$(mktemp -d -t stadspas-test-XXXXXX)"
export TMPDIR="$run_tmp"
on_exit() {
  local code=$?
  stop_network
  if [ "$code" -eq 0 ]; then
    rm -rf "$run_tmp"
  else
    echo "the temporary files of this run are in $run_tmp" >&2
  fi
}
trap on_exit EXIT

say "lint and format"
npx --no-install eslint .
npx --no-install prettier --check --log-level warn . || fail "formatting differs: run npm run format"

say "type checks"
for pkg in chaincode gateway gateway/assets network test bench; do
  npx --no-install tsc --noEmit -p "$pkg/tsconfig.json" || fail "type errors in $pkg (tsc --noEmit -p $pkg/tsconfig.json)"
done

summary() {
  node -e '
    const fs = require("fs");
    let passed = 0, failed = 0, skipped = 0;
    for (const f of fs.readdirSync(process.argv[1]).filter((name) => name.endsWith(".json"))) {
      const r = JSON.parse(fs.readFileSync(`${process.argv[1]}/${f}`, "utf8"));
      passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
    }
    // The closing line has the plain form "Tests: N passed, N failed, N skipped" that test reports read.
    console.log(`${passed + failed + skipped} tests in all`);
    console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  ' "$results"
}

say "unit tests"
for ws in chaincode network gateway bench; do
  npx --no-install jest -c "$ws/jest.config.js" --json --outputFile="$results/$ws.json" || {
    summary
    fail "unit tests of $ws failed"
  }
done

say "starting a test network in $STADSPAS_HOME"
npx --no-install tsx network/src/cli.ts up

say "end-to-end tests"
status=0
npx --no-install jest -c test/jest.config.js --runInBand --json --outputFile="$results/e2e.json" || status=$?
if [ "$status" -ne 0 ]; then
  summary
  fail "end-to-end tests failed; each organisation's process logs are in $STADSPAS_HOME/<org>/logs"
fi

say "fuzzing each gateway's OpenAPI document against the running network"
bash scripts/fuzz.sh
# The test count comes last, so whoever reads the end of the output sees it.
summary
