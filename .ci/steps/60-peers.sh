#!/usr/bin/env bash
# Independent peers: a scripted CTI Server and plain CTI clients (v15, and v24 from the versions
# sheet) written in Python from the protocol spec alone (tests/peers/), testing the cti-client and cti-sim binaries
# over loopback TCP (those `cargo build -p cti-tools --bins` makes; 80-probe.sh runs them against the
# installed ones).
set -euo pipefail

cargo build -q -p cti-tools --bins
status=0
timeout 180 python3 tests/peers/cti_server_peer.py || status=1
timeout 180 python3 tests/peers/cti_client_peer.py || status=1
timeout 180 python3 tests/peers/cti_desk_peer.py || status=1
timeout 180 python3 tests/peers/cti_v24_peer.py || status=1
exit "$status"
