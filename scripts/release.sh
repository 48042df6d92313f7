#!/usr/bin/env bash
# Builds a release of samlcheck for this machine's target: the portable binary (proved by
# scripts/static-build.sh), packed with README.md, the licences, the shell completions and the
# man page into dist/samlcheck-<version>-<target>.tar.gz, and dist/SHA256SUMS. The archive is
# reproducible for a given binary (sorted entries, fixed owner and modification time).
# Usage: bash scripts/release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/static-build.sh
bin=target/static/release/samlcheck
version=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
target=$(rustc -vV | sed -n 's/^host: //p')
name="samlcheck-$version-$target"
out=dist
rm -rf "${out:?}/$name" "$out/$name.tar.gz"
mkdir -p "$out/$name"
cp "$bin" README.md LICENSE LICENSE-APACHE LICENSE-MIT "$out/$name/"
cp -r completions "$out/$name/"
"$bin" man > "$out/$name/samlcheck.1"
tar -C "$out" --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00Z' \
  -czf "$out/$name.tar.gz" "$name"
(cd "$out" && sha256sum ./*.tar.gz | sed 's# \./# #' > SHA256SUMS)
echo "release: $out/$name.tar.gz ($("$bin" --version))"
