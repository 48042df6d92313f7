#!/usr/bin/env bash
# Seeds fuzz/corpus/<target> from testdata (the corpora themselves are not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
c=fuzz/corpus
mkdir -p $c/{decode,parse,verify,redirect,metadata}
cp testdata/*.xml testdata/*.b64 testdata/*.form testdata/*.urlencoded testdata/*.url \
   testdata/*.har testdata/*.json $c/decode/
cp testdata/*.xml $c/parse/
cp testdata/signed-*.xml testdata/crlf.xml testdata/cr.xml testdata/encrypted*.xml $c/verify/
for f in testdata/idp/*/valid.xml; do cp "$f" "$c/verify/$(basename "$(dirname "$f")").xml"; done
for f in testdata/authnrequest-redirect*.url; do sed 's/^[^?]*?//' "$f" > "$c/redirect/$(basename "$f" .url).q"; done
cp testdata/*metadata*.xml $c/metadata/
