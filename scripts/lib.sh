# Shared helpers for the scripts in this folder; source it, do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../network/fabric.env
source "$ROOT/network/fabric.env"
FABRIC_CACHE="${STADSPAS_FABRIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stadspas}"
FABRIC_BIN="$FABRIC_CACHE/fabric-${FABRIC_VERSION##*-}-ca-${FABRIC_CA_VERSION}/bin"
export STADSPAS_FABRIC_BIN="$FABRIC_BIN"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
fail() {
  printf '\033[31merror:\033[0m %s\n' "$*" >&2
  exit 1
}

need() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 is missing: $2"
}
