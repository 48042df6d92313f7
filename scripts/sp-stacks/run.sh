#!/usr/bin/env bash
# The `--sp-stack` differential harness (issue 28): installs the SP libraries the package
# registries carry — python3-saml 1.16.0 and pysaml2 7.5.5 (PyPI), @node-saml/node-saml 5.1.0
# (npm), samael 0.0.22 (crates.io, run under faketime) and Debian's ruby-saml 1.13 — into
# scripts/sp-stacks/.cache (kept between runs), runs each over every Response fixture in
# testdata/ and tests/corpus with samlcheck's own configuration, and compares with
# `samlcheck verify --sp-stack`. Writes the agreement table to docs/sp-stacks.md (or $1) and fails
# on an accept/reject disagreement not explained in scripts/sp-stacks/explained.json.
# When a registry cannot be reached the oracle is skipped, and says so loudly.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-docs/sp-stacks.md}
cache=scripts/sp-stacks/.cache
mkdir -p "$cache"
cargo build -q --locked
bin=target/debug/samlcheck
oracles=()
if [ ! -x "$cache/venv/bin/python" ]; then
  python3 -m venv "$cache/venv"
fi
if "$cache/venv/bin/python" -c "import onelogin.saml2, saml2, freezegun" 2>/dev/null ||
  timeout 300 "$cache/venv/bin/pip" install -q "python3-saml==1.16.0" "pysaml2==7.5.5" "freezegun==1.5.1" \
    2>"$cache/pip.log"; then
  oracles+=(--oracle python3-saml)
  # pysaml2 verifies signatures with the xmlsec1 CLI.
  if command -v xmlsec1 >/dev/null; then
    oracles+=(--oracle pysaml2)
  else
    echo "sp-stacks: SKIPPED pysaml2: no xmlsec1 on PATH (apt-get install xmlsec1)" >&2
  fi
else
  echo "################################################################" >&2
  echo "sp-stacks: SKIPPED python3-saml: PyPI not reachable ($(tail -1 "$cache/pip.log"))" >&2
  echo "################################################################" >&2
fi
mkdir -p "$cache/node"
if [ -d "$cache/node/node_modules/@node-saml/node-saml" ] ||
  (cd "$cache/node" && [ -f package.json ] || echo '{"name":"sp-stacks-oracles","private":true}' > package.json;
   timeout 300 npm install -q --no-audit --no-fund "@node-saml/node-saml@5.1.0" >"../npm.log" 2>&1); then
  oracles+=(--oracle node-saml)
else
  echo "################################################################" >&2
  echo "sp-stacks: SKIPPED node-saml: the npm registry not reachable ($(tail -1 "$cache/npm.log"))" >&2
  echo "################################################################" >&2
fi
# ruby-saml from Debian's package (the 1.13 line, with Debian's security patches).
if ! ruby -e 'require "onelogin/ruby-saml"' 2>/dev/null && command -v apt-get >/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  DEBIAN_FRONTEND=noninteractive timeout 300 $sudo apt-get install -y -qq ruby-saml >"$cache/apt.log" 2>&1 || true
fi
if ruby -e 'require "onelogin/ruby-saml"' 2>/dev/null; then
  oracles+=(--oracle ruby-saml)
else
  echo "################################################################" >&2
  echo "sp-stacks: SKIPPED ruby-saml: Debian's ruby-saml package could not be installed" >&2
  echo "################################################################" >&2
fi
# samael (crates.io), built once into the cache; its clock is pinned with faketime.
samael_bin="$PWD/$cache/samael-target/release/samael-oracle"
if ! command -v faketime >/dev/null; then
  echo "sp-stacks: SKIPPED samael: no faketime on PATH (apt-get install faketime)" >&2
elif (cd scripts/sp-stacks/samael && CARGO_TARGET_DIR="$PWD/../.cache/samael-target" \
      timeout 900 cargo build -q --release --locked) 2>"$cache/samael.log"; then
  oracles+=(--oracle samael)
else
  echo "################################################################" >&2
  echo "sp-stacks: SKIPPED samael: crates.io not reachable or the build failed ($(tail -1 "$cache/samael.log"))" >&2
  echo "################################################################" >&2
fi
if [ ${#oracles[@]} -eq 0 ]; then
  echo "sp-stacks: no oracle could be installed: the harness did not run" >&2
  exit 0
fi
SP_STACKS_NODE="$PWD/$cache/node" SP_STACKS_SAMAEL="$samael_bin" "$cache/venv/bin/python" scripts/sp-stacks/harness.py "$bin" "$out" "${oracles[@]}"
