#!/usr/bin/env bash
# Builds the pinned Fabric and Fabric CA binaries from source into a cache outside the repository,
# reusing them when the cached build already has the pinned versions.
source "$(dirname "$0")/lib.sh"

need go "install Go 1.22 or newer (https://go.dev/doc/install, or apt-get install golang)"
need gcc "install a C compiler (apt-get install gcc); Fabric CA needs cgo for sqlite"
need node "install Node.js 20 or newer"

built_with() { # binary, module, version: is the binary built from that module version?
  [ -x "$FABRIC_BIN/$1" ] && go version -m "$FABRIC_BIN/$1" 2>/dev/null | grep -qE "^\s+(mod|dep)\s+$2\s+$3(\s|$)"
}

build() { # module, version, commands...
  local module="$1" version="$2"
  shift 2
  local workdir="$FABRIC_CACHE/build/${module##*/}"
  rm -rf "$workdir" && mkdir -p "$workdir"
  (
    cd "$workdir"
    go mod init stadspas.local/build >/dev/null 2>&1
    for cmd in "$@"; do
      say "fetching $module/cmd/$cmd@$version"
      go get "$module/cmd/$cmd@$version" >get.log 2>&1 || { cat get.log >&2; fail "go get $module/cmd/$cmd@$version failed"; }
    done
    say "compiling $* (a few minutes on a cold cache)"
    local pkgs=()
    for cmd in "$@"; do pkgs+=("$module/cmd/$cmd"); done
    GOBIN="$FABRIC_BIN" CGO_ENABLED=1 go install "${pkgs[@]}"
  )
}

ensure_built() { # label, module, version, commands...
  local label="$1" module="$2" version="$3"
  shift 3
  local missing=()
  for cmd in "$@"; do built_with "$cmd" "$module" "$version" || missing+=("$cmd"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  say "building $label $version (${missing[*]})"
  local start=$SECONDS
  build "$module" "$version" "${missing[@]}"
  say "$label built in $((SECONDS - start)) s"
}

mkdir -p "$FABRIC_BIN"
ensure_built Fabric "$FABRIC_MODULE" "$FABRIC_VERSION" peer orderer configtxgen configtxlator osnadmin
ensure_built "Fabric CA" "$FABRIC_CA_MODULE" "$FABRIC_CA_VERSION" fabric-ca-server fabric-ca-client

sampleconfig="$(go env GOMODCACHE)/$FABRIC_MODULE@$FABRIC_VERSION/sampleconfig"
[ -f "$sampleconfig/core.yaml" ] || (cd "$FABRIC_CACHE/build/fabric" 2>/dev/null && go mod download "$FABRIC_MODULE") ||
  true
[ -f "$sampleconfig/core.yaml" ] || fail "Fabric's sample config is missing from the Go module cache ($sampleconfig)"
echo "$sampleconfig" >"$FABRIC_BIN/../sampleconfig.path"
say "Fabric binaries ready in $FABRIC_BIN"
