#!/usr/bin/env bash
# The Wireshark dissector: dissector/cti.lua must be what `gen-dissector` writes from the codec's
# tables, and tshark running it must show every message of the spec's v15 captures and of a
# recorded client/server exchange (v15 and v20, reassembled across segments) with the field
# values the Rust decoder gives. Installs tshark when missing; a missing tshark is a failure here.
set -euo pipefail

cd "$(dirname "$0")/../.."

if ! command -v tshark >/dev/null || ! command -v text2pcap >/dev/null; then
    apt-get update
    # tshark asks whether non-root users may capture; answer no without a prompt.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y tshark
fi
tshark --version | head -n 1

CTI_REQUIRE_TSHARK=1 cargo test --locked --test dissector -- --nocapture
