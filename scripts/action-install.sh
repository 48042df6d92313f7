#!/usr/bin/env bash
# The install step of action.yml: downloads samlcheck-<version>-<target>.tar.gz and SHA256SUMS
# from the release (SAMLCHECK_DOWNLOAD_BASE/v<version>/), verifies the checksum, unpacks it and
# puts the binary on PATH ($GITHUB_PATH when set). When no release can be downloaded and
# SAMLCHECK_BUILD=true, builds it from the action's own source instead.
# Environment: SAMLCHECK_VERSION (required), SAMLCHECK_DOWNLOAD_BASE, SAMLCHECK_BUILD,
# SAMLCHECK_INSTALL_DIR (default: $RUNNER_TEMP or /tmp), SAMLCHECK_SOURCE (the action's path).
set -euo pipefail
version=${SAMLCHECK_VERSION:?set the version to install}
base=${SAMLCHECK_DOWNLOAD_BASE:-https://github.com/samlcheck/samlcheck/releases/download}
target=${SAMLCHECK_TARGET:-x86_64-unknown-linux-gnu}
dir=${SAMLCHECK_INSTALL_DIR:-${RUNNER_TEMP:-/tmp}/samlcheck}
name="samlcheck-$version-$target"
mkdir -p "$dir"
cd "$dir"
if curl -fsSL --retry 2 -o "$name.tar.gz" "$base/v$version/$name.tar.gz" \
   && curl -fsSL --retry 2 -o SHA256SUMS "$base/v$version/SHA256SUMS"; then
  if ! grep " $name.tar.gz\$" SHA256SUMS | sha256sum -c - >/dev/null; then
    echo "samlcheck: the downloaded $name.tar.gz does not match SHA256SUMS; refusing it" >&2
    exit 1
  fi
  tar -xzf "$name.tar.gz"
  bindir="$dir/$name"
elif [ "${SAMLCHECK_BUILD:-false}" = true ]; then
  echo "samlcheck: no release $version for $target at $base; building it from source" >&2
  src=${SAMLCHECK_SOURCE:?set the source path to build from}
  bash "$src/scripts/install-deps.sh"
  cargo install --locked --path "$src" --root "$dir/build" -q
  bindir="$dir/build/bin"
else
  echo "samlcheck: no release $version for $target at $base (set build: true to build it)" >&2
  exit 1
fi
"$bindir/samlcheck" --version
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$bindir" >> "$GITHUB_PATH"
fi
echo "$bindir"
