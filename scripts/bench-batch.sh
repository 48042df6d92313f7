#!/usr/bin/env bash
# Batch throughput of `samlcheck verify`: N copies of a signed response, one core against every
# core, in the same run (and a baseline binary, when given, on the same files).
# Usage: bash scripts/bench-batch.sh [N] [BASELINE_BINARY]   (needs cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3000}
bin=target/release/samlcheck
[ -x "$bin" ] || cargo build --release -q
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for i in $(seq "$n"); do cp testdata/signed-assertion.xml "$dir/m$i.xml"; done
args=(verify --format json --now 2026-01-15T10:01:00Z --idp-metadata testdata/idp-metadata.xml)
run() { # label, env-prefix command...
  local label=$1; shift
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
  end=$(date +%s%N)
  printf '%-34s %7.0f messages/s\n' "$label" "$(echo "$n / (($end - $start) / 1000000000)" | bc -l)"
}
for round in 1 2; do
  echo "round $round"
  run "samlcheck, one core" env RAYON_NUM_THREADS=1 "$bin" "${args[@]}" "$dir"
  run "samlcheck, every core" "$bin" "${args[@]}" "$dir"
  if [ -n "${2:-}" ]; then
    run "baseline $2" "$2" "${args[@]}" "$dir"/*
  fi
done
