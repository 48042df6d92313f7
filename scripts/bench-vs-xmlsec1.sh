#!/usr/bin/env bash
# Compares `samlcheck verify` with `xmlsec1 --verify` on the same signed response, in one run.
# Both are whole processes (start-up included); xmlsec1 checks one signature and no SAML rules.
# Prints mean wall time per run, the ratio to xmlsec1 and one run's peak RSS. The portable build
# (scripts/static-build.sh → target/static/release/samlcheck) gets its own rows when it exists.
# Usage: bash scripts/bench-vs-xmlsec1.sh [N]   (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
bin=target/release/samlcheck
static=target/static/release/samlcheck
[ -x "$bin" ] || cargo build --release -q
file=testdata/signed-assertion.xml
times=$(mktemp)
trap 'rm -f "$times"' EXIT
base=
run() { # label, command...
  local label=$1; shift
  "$@" >/dev/null 2>&1 || { echo "$label failed" >&2; exit 1; }
  /usr/bin/time -f '%M' -o "$times" "$@" >/dev/null 2>&1
  local rss start end ms
  rss=$(cat "$times")
  start=$(date +%s%N)
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  ms=$(echo "($end - $start) / $n / 1000000" | bc -l)
  base=${base:-$ms}
  printf '%-46s %7.2f ms/run  %5.2f× xmlsec1  peak RSS %5.1f MB\n' "$label" "$ms" \
    "$(echo "$ms / $base" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}
verify=(verify --now 2026-01-15T10:01:00Z --idp-metadata testdata/idp-metadata.xml "$file")
echo "$n runs each"
# xmlsec1 is kept from the system CA bundle, which it would otherwise load whole at start-up
# (~30 ms here): the key is given explicitly, so the bundle is no part of the least work.
run "xmlsec1 --verify (signature only)" env SSL_CERT_FILE=/dev/null SSL_CERT_DIR=/nonexistent xmlsec1 --verify --pubkey-cert-pem testdata/keys/idp.crt --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion "$file"
run "samlcheck --version" "$bin" --version
run "samlcheck verify (all checks)" "$bin" "${verify[@]}"
run "samlcheck verify --format json" "$bin" "${verify[@]}" --format json
if [ -x "$static" ]; then
  run "static samlcheck --version" "$static" --version
  run "static samlcheck verify (all checks)" "$static" "${verify[@]}"
  run "static samlcheck verify --format json" "$static" "${verify[@]}" --format json
fi
