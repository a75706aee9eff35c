#!/usr/bin/env bash
# As a user sees the crate and the tools: a throwaway crate outside the repository depends on the
# core by path with features std and tokio, starts the installed cti-sim on a loopback port and
# opens a session with blocking::Client and with tokio::Client; then the Python peers run
# against the binaries `cargo install --path tools` put in place.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
tmp=$(mktemp -d)
trap 'kill "${sim:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

cargo install --debug --locked --path tools --root "$tmp/install" --target-dir "${CARGO_TARGET_DIR:-$repo/target}/install"
bin="$tmp/install/bin"
ls "$bin"

mkdir -p "$tmp/probe/src"
cat >"$tmp/probe/Cargo.toml" <<TOML
[package]
name = "cti-probe"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
cti-proto = { path = "$repo", features = ["std", "tokio"] }
tokio = { version = "1", features = ["rt", "macros"] }

[workspace]
TOML
cat >"$tmp/probe/src/main.rs" <<'RS'
use cti_proto::client::{Config, Event};
use cti_proto::{blocking, driver, tokio as cti_tokio};

fn main() {
    let addr = std::env::args().nth(1).expect("address");
    let config = Config::new("probe", b"pw");
    let mut client = blocking::Client::connect(&config, &[addr.as_str()]).expect("blocking connect");
    loop {
        match client.next_event().expect("blocking event") {
            Some(driver::ClientEvent::Session(Event::Opened(_))) => break,
            Some(driver::ClientEvent::Session(e)) => panic!("blocking: {e:?}"),
            Some(_) => {}
            None => panic!("blocking: driver stopped"),
        }
    }
    println!("blocking::Client: Opened");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let mut client = cti_tokio::Client::connect(&config, &[addr.as_str()]).await.expect("tokio connect");
        loop {
            match client.next_event().await.expect("tokio event") {
                Some(driver::ClientEvent::Session(Event::Opened(_))) => break,
                Some(driver::ClientEvent::Session(e)) => panic!("tokio: {e:?}"),
                Some(_) => {}
                None => panic!("tokio: driver stopped"),
            }
        }
    });
    println!("tokio::Client: Opened");
}
RS

port=42131
log="$tmp/sim.log"
CTI_PASSWORD=pw "$bin/cti-sim" --listen "127.0.0.1:$port" >"$log" 2>&1 &
sim=$!
for _ in $(seq 50); do
    grep -q listening "$log" && break
    sleep 0.2
done
(cd "$tmp/probe" && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}/probe" cargo run -q -- "127.0.0.1:$port") | tee "$tmp/probe.out"
grep -qx 'blocking::Client: Opened' "$tmp/probe.out"
grep -qx 'tokio::Client: Opened' "$tmp/probe.out"
kill "$sim"

status=0
CTI_CLIENT_BIN="$bin/cti-client" timeout 180 python3 tests/peers/cti_server_peer.py || status=1
CTI_SIM_BIN="$bin/cti-sim" timeout 180 python3 tests/peers/cti_client_peer.py || status=1
CTI_SIM_BIN="$bin/cti-sim" timeout 180 python3 tests/peers/cti_desk_peer.py || status=1
CTI_SIM_BIN="$bin/cti-sim" timeout 180 python3 tests/peers/cti_v24_peer.py || status=1
exit "$status"
