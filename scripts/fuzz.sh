#!/usr/bin/env bash
# Property-based fuzzing of every running gateway's OpenAPI document with Schemathesis: fails on
# any server error (5xx) and on any answer the document does not describe. Needs a running
# network ($STADSPAS_HOME); each gateway is fuzzed with the API key of its organisation's admin.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

SCHEMATHESIS_VERSION=4.32.5
EXAMPLES_PER_OPERATION="${STADSPAS_FUZZ_EXAMPLES:-20}"
venv="$FABRIC_CACHE/schemathesis-$SCHEMATHESIS_VERSION"
clients="${STADSPAS_HOME:?set STADSPAS_HOME to the network to fuzz}/clients.json"
[ -f "$clients" ] || fail "$clients is missing: start the network first"

# The virtual environment is kept between runs; a marker says its install completed.
if [ ! -f "$venv/.installed" ]; then
  need python3 "install Python 3.9 or newer with its venv module"
  say "installing Schemathesis $SCHEMATHESIS_VERSION into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  touch "$venv/.installed"
fi

# One line per gateway: its name, its URL, the TLS CA its certificate comes from, and its admin's API key.
targets="$(node -e '
  const file = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const [org, gateway] of Object.entries(file.gateways)) {
    const admin = file.clients.find((c) => c.org === org && c.role === "admin");
    if (admin) console.log(`${org} ${gateway.url} ${gateway.ca} ${admin.apiKey}`);
  }
' "$clients")"

# Schemathesis keeps caches in its working directory: give it a throwaway one, not the checkout.
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
cd "$workdir"

# Schemathesis's report is styled like pytest's, whose closing line test reports would read as this run's
# count: it goes to a log per gateway, and the run prints one line of its own from it.
logs="$STADSPAS_HOME/fuzz"
mkdir -p "$logs"
status=0
while read -r org url ca key; do
  log="$logs/$org.log"
  say "fuzzing the $org gateway ($url/openapi.json, $EXAMPLES_PER_OPERATION examples per operation; report in $log)"
  # The event stream never ends, so it is left out.
  if REQUESTS_CA_BUNDLE="$ca" "$venv/bin/st" run "$url/openapi.json" \
    --url "$url" \
    --tls-verify "$ca" \
    --header "Authorization: Bearer $key" \
    --max-examples "$EXAMPLES_PER_OPERATION" \
    --exclude-path /api/v1/events \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --request-timeout 30 \
    --seed 7 \
    --generation-database none \
    --no-color >"$log" 2>&1; then
    # The report's "Test cases:" heading is followed by a line such as "2460 generated, 2460 passed".
    cases="$(grep -A1 '^Test cases:' "$log" | tail -n 1 | sed 's/^ *//')"
    echo "    the $org gateway held: ${cases:-see $log}"
  else
    status=1
    tail -n 120 "$log"
    echo "    fuzzing the $org gateway failed (above: the end of its report; all of it is in $log)" >&2
  fi
done <<<"$targets"
[ "$status" -eq 0 ] || fail "fuzzing found server errors or answers that break the OpenAPI document"
