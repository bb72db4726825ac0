#!/usr/bin/env bash
# The browser tests drive a headless Chromium: the distribution's package, installed once when it is missing
# (STADSPAS_CHROMIUM names another executable). Needs apt-get and root, as CI has.
source "$(dirname "$0")/lib.sh"

if [ -n "${STADSPAS_CHROMIUM:-}" ]; then
  [ -x "$STADSPAS_CHROMIUM" ] || fail "STADSPAS_CHROMIUM=$STADSPAS_CHROMIUM is not an executable"
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
command -v apt-get >/dev/null 2>&1 ||
  fail "Chromium is missing for the browser tests: install it, or set STADSPAS_CHROMIUM to its executable"
[ "$(id -u)" -eq 0 ] || fail "Chromium is missing for the browser tests: run 'sudo apt-get install -y chromium'"
say "installing Chromium for the browser tests (once; a few minutes)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null 2>&1 || fail "apt-get installed no chromium executable"
