# The portable samlcheck in a distroless image (glibc and nothing else; libxmlsec1, libxml2 and
# OpenSSL are linked in by the `static` feature, see scripts/static-build.sh).
#   docker build -t samlcheck . && docker run --rm -v "$PWD:/w" -w /w samlcheck verify --idp-metadata idp.xml response.b64
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN bash scripts/install-deps.sh && bash scripts/static-build.sh

FROM gcr.io/distroless/cc-debian12
COPY --from=build /src/target/static/release/samlcheck /usr/local/bin/samlcheck
ENTRYPOINT ["/usr/local/bin/samlcheck"]
