#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages samlcheck needs to build (libxmlsec1, libxml2, OpenSSL
# headers, pkg-config, a C compiler for src/shim.c), g++ (libstdc++.a for the static build's ICU),
# xmlsec1 (fixture generation and cross-checks), and for the SP-stack harness libclang (samael's
# bindgen) and faketime (it pins samael's clock); with CI=true, chromium too (the HTML report's
# browser test). Idempotent.
set -euo pipefail
pkgs=(libxmlsec1-dev libxml2-dev libssl-dev pkg-config libclang-dev xmlsec1 openssl g++ faketime)
# CI also loads the HTML report in a headless browser (tests/it/html.rs fails there without one).
if [ "${CI:-}" = true ]; then pkgs+=(chromium); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
