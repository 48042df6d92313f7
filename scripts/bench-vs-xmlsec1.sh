#!/usr/bin/env bash
# Compares `samlcheck verify` with `xmlsec1 --verify` on the same signed response, in one run.
# Both are whole processes (start-up included); xmlsec1 checks one signature and no SAML rules.
# Usage: bash scripts/bench-vs-xmlsec1.sh [N]   (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
bin=target/release/samlcheck
[ -x "$bin" ] || cargo build --release -q
file=testdata/signed-assertion.xml
run() { # label, command...
  local label=$1; shift
  "$@" >/dev/null 2>&1 || { echo "$label failed" >&2; exit 1; }
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  printf '%-44s %8.2f ms/run (%d runs)\n' "$label" "$(echo "($end - $start) / $n / 1000000" | bc -l)" "$n"
}
run "xmlsec1 --verify (signature only)" xmlsec1 --verify --pubkey-cert-pem testdata/keys/idp.crt --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion "$file"
run "samlcheck verify --idp-metadata (all checks)" "$bin" verify --now 2026-01-15T10:01:00Z --idp-metadata testdata/idp-metadata.xml "$file"
run "samlcheck verify --format json" "$bin" verify --format json --now 2026-01-15T10:01:00Z --idp-metadata testdata/idp-metadata.xml "$file"
