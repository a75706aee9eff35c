#!/usr/bin/env bash
# Decode throughput against memcpy on the bridge stream (../shared/bench/stream.bin). Prints the
# figures and the ratio; the ratio is not checked, since machines differ.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo run --release --quiet --example perf
