#!/usr/bin/env bash
# The declared MSRV (Cargo.toml's rust-version) must build the library, with and without its
# optional features: install exactly that toolchain and build with it.
set -euo pipefail

msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
test -n "$msrv"
rustup toolchain list | grep -q "^$msrv-" || rustup toolchain install "$msrv" --profile minimal
export CARGO_TARGET_DIR=target/msrv
cargo "+$msrv" --version
cargo "+$msrv" build --lib --locked
features=$(cargo metadata --no-deps --format-version 1 |
    python3 -c 'import json,sys; p=[p for p in json.load(sys.stdin)["packages"] if p["name"]=="cti-proto"][0]; print(",".join(f for f in p["features"] if f not in ("default","defmt")))')
if [ -n "$features" ]; then
    cargo "+$msrv" build --lib --locked --features "$features"
fi
echo "MSRV $msrv builds the library (features: ${features:-none})"
