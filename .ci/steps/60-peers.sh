#!/usr/bin/env bash
# Independent peers: a scripted CTI Server and plain CTI clients written in Python from the
# protocol spec alone (tests/peers/), testing cti-client and cti-sim over loopback TCP.
set -euo pipefail

cargo build -q --features tokio --example cti-client --example cti-sim
status=0
timeout 180 python3 tests/peers/cti_server_peer.py || status=1
timeout 180 python3 tests/peers/cti_client_peer.py || status=1
exit "$status"
