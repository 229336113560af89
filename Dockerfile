# Multi-stage build: compile with the Rust toolchain, run on a slim Debian.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs clippy.toml ./
COPY crates crates
COPY src src
COPY migrations migrations
COPY tests tests
RUN cargo build --release --locked --bin agency-registry

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home registry \
 && mkdir /keys && chown registry /keys
COPY --from=build /src/target/release/agency-registry /usr/local/bin/agency-registry
USER registry
ENV LISTEN_ADDR=0.0.0.0:8080 \
    LOG_FORMAT=json \
    RUST_LOG=info
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["agency-registry"]
CMD ["serve"]
