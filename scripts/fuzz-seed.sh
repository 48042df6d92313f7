#!/usr/bin/env bash
# Seeds fuzz/corpus/<target> from testdata (the corpora themselves are not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
c=fuzz/corpus
mkdir -p $c/{decode,parse,guard,verify,redirect,metadata,instants}
cp testdata/*.xml testdata/*.b64 testdata/*.form testdata/*.urlencoded testdata/*.url \
   testdata/*.har testdata/*.json $c/decode/
cp testdata/*.xml testdata/trust/*.xml $c/parse/
cp testdata/*.xml testdata/trust/*.xml testdata/forgery/*.xml $c/guard/
cp testdata/trust/* $c/decode/
cp testdata/trust/*.xml testdata/trust/*.form testdata/forgery/* $c/verify/
printf '2026-01-15T09:55:00Z|2026-01-15T10:05:00Z|2026-01-15T10:00:00Z|2026-01-15T18:00:00Z|2026-01-15T10:05:00Z|2026-01-15T10:01:00Z' > $c/instants/normal
printf '0000-01-01T00:00:00Z|9999-12-31T23:59:59.9999999Z|9999-12-31T23:59:59Z|9999-12-31T23:59:59Z|0000-01-01T00:00:00Z|9999-12-31T23:59:59Z' > $c/instants/ends
cp testdata/signed-*.xml testdata/crlf.xml testdata/cr.xml testdata/encrypted*.xml $c/verify/
for f in testdata/idp/*/valid.xml; do cp "$f" "$c/verify/$(basename "$(dirname "$f")").xml"; done
for f in testdata/authnrequest-redirect*.url; do sed 's/^[^?]*?//' "$f" > "$c/redirect/$(basename "$f" .url).q"; done
cp testdata/*metadata*.xml $c/metadata/
