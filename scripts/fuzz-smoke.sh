#!/usr/bin/env bash
# Runs every fuzz target for ${FUZZ_SECONDS:-30} s (cargo-fuzz, libFuzzer, no sanitizer so it
# runs on the stable toolchain through RUSTC_BOOTSTRAP=1), built optimised (-O) or as
# ${FUZZ_BUILD} says (CI: --dev, unoptimised with overflow checks: a smoke needs the build and a
# few thousand runs, not speed). Usage: bash scripts/fuzz-smoke.sh
# Needs `cargo install cargo-fuzz --locked`; exits 0 with a note when it is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo fuzz --help >/dev/null 2>&1; then
  echo "fuzz-smoke: cargo-fuzz is not installed (cargo install cargo-fuzz --locked); skipped"
  exit 0
fi
bash scripts/fuzz-seed.sh
secs=${FUZZ_SECONDS:-30}
for t in decode parse guard verify redirect metadata instants; do
  dict=()
  [ "$t" = verify ] && dict=(-dict=fuzz/saml.dict)
  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "${FUZZ_BUILD:--O}" "$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    2>&1 | tail -n 15
done
