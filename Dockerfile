# Herald in a container: a static binary on a distroless base (CA
# certificates, no shell, a non-root user). The build step is
# scripts/build, the script CI runs, so what this file builds is what the
# tests built. No container daemon runs where this project is tested: the
# build steps are tested through that script, and compose.yaml's names
# through TestComposeMatchesServe, but the image itself is not built there.
#
#   docker build -t herald .
#   docker run -p 8080:8080 -v herald-data:/data herald
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG HERALD_VERSION=0.1.0-dev
RUN HERALD_VERSION=$HERALD_VERSION sh scripts/build /out/herald && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/herald /usr/local/bin/herald
# The SQLite store, owned by the image's non-root user (65532).
COPY --from=build --chown=65532:65532 /out/data /data
VOLUME /data
ENV HERALD_DATA_DIR=/data HERALD_LISTEN=0.0.0.0:8080
EXPOSE 8080
USER nonroot:nonroot
# The healthcheck asks /readyz where serve listens (HERALD_LISTEN, on
# loopback), over HTTPS trusting serve's own certificate when
# HERALD_TLS_CERT is set.
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s CMD ["/usr/local/bin/herald", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/herald"]
CMD ["serve"]
