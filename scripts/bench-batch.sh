#!/usr/bin/env bash
# Batch throughput of `samlcheck verify`: N copies of a signed response, one core against every
# core, in the same run (and a baseline binary, when given, on the same files).
#
# Per run it prints wall-clock messages/s, messages per CPU-second (user+system time from the
# kernel: the per-core figure, less sensitive to a noisy shared host than wall time) and peak RSS.
# "one core" pins the process to CPU 0 with taskset, so nothing runs beside it.
# Usage: bash scripts/bench-batch.sh [N] [BASELINE_BINARY] [ROUNDS]   (needs cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3000}
rounds=${3:-3}
bin=target/release/samlcheck
[ -x "$bin" ] || cargo build --release -q
dir=$(mktemp -d)
times=$(mktemp)
trap 'rm -rf "$dir" "$times"' EXIT
for i in $(seq "$n"); do cp testdata/signed-assertion.xml "$dir/m$i.xml"; done
now=(--now 2026-01-15T10:01:00Z --idp-metadata testdata/idp-metadata.xml)
run() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$times" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
  read -r wall user sys rss < <(tail -n 1 "$times")
  printf '%-40s %6.0f msg/s wall  %6.0f msg/CPU-s  peak RSS %4.0f MB\n' "$label" \
    "$(echo "$n / $wall" | bc -l)" "$(echo "$n / ($user + $sys)" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}
echo "$n messages ($(nproc) cores)"
for round in $(seq "$rounds"); do
  echo "round $round"
  run "json, one core (taskset -c 0)" taskset -c 0 "$bin" verify --format json "${now[@]}" "$dir"
  run "json, every core" "$bin" verify --format json "${now[@]}" "$dir"
  run "ndjson, every core" "$bin" verify --format ndjson "${now[@]}" "$dir"
  if [ -n "${2:-}" ]; then
    run "baseline json, every core" "$2" verify --format json "${now[@]}" "$dir"/*
  fi
done
