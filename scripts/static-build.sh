#!/usr/bin/env bash
# Builds the portable samlcheck (cargo feature `static`: libxmlsec1, libxml2, OpenSSL, ICU, zlib,
# lzma and libstdc++ linked in; glibc dynamic), then proves it: `ldd` lists only libc-level
# libraries, and it verifies and decrypts a bundled response in a chroot holding nothing but the
# binary and glibc (as root), or else with an empty environment.
# Usage: bash scripts/static-build.sh   → target/static/release/samlcheck
set -euo pipefail
cd "$(dirname "$0")/.."
# A position-dependent executable: the loader has no relocations to apply to its 40-odd MB at
# start-up. `--target` keeps the flag off the build's proc-macros.
# Thin LTO over the default codegen units rather than the release profile's fat LTO in one unit:
# it links the 40-odd MB on every core (a minute less in CI) and measured no slower per message
# (one message: 0.64-0.74x the floor process either way, bench-floor.sh and perf stat).
host=$(rustc -vV | sed -n 's/^host: //p')
OPENSSL_STATIC=1 RUSTFLAGS="${RUSTFLAGS:-} -C relocation-model=static" \
  CARGO_PROFILE_RELEASE_LTO=${CARGO_PROFILE_RELEASE_LTO:-thin} \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-16} \
  cargo build --release --locked --features static --target "$host" --target-dir target/static -q
bin=target/static/release/samlcheck
mkdir -p "$(dirname "$bin")"
cp "target/static/$host/release/samlcheck" "$bin"
allowed='linux-vdso|libc\.so|libm\.so|libgcc_s\.so|ld-linux|libpthread\.so|libdl\.so|librt\.so'
if ldd "$bin" | grep -vE "$allowed"; then
  echo "static-build: the binary needs more than libc-level libraries (above)" >&2
  exit 1
fi
args=(verify --now 2026-01-15T10:01:00Z --cert t/idp.crt --sp-key t/sp.key
      --acs https://analytics.amplitude.com/saml/sso/123456 --audience https://amplitude.com/saml/sso/metadata t/encrypted.xml)
if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null; then
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/t"
  cp "$bin" "$root/samlcheck"
  for lib in $(ldd "$bin" | grep -oE '/[^ ]+'); do
    mkdir -p "$root$(dirname "$lib")"
    cp "$lib" "$root$lib"
  done
  cp testdata/keys/idp.crt testdata/keys/sp.key "$root/t/"
  cp testdata/idp/okta/encrypted.xml "$root/t/"
  (cd "$root" && chroot "$root" /samlcheck "${args[@]}" >/dev/null)
  where="a chroot holding only the binary and glibc"
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  mkdir -p "$dir/t"
  cp testdata/keys/idp.crt testdata/keys/sp.key testdata/idp/okta/encrypted.xml "$dir/t/"
  (cd "$dir" && env -i "$OLDPWD/$bin" "${args[@]}" >/dev/null)
  where="an empty environment (env -i; not root, so no chroot)"
fi
echo "static-build: $bin runs in $where; ldd: $(ldd "$bin" | awk '{print $1}' | tr '\n' ' ')"
