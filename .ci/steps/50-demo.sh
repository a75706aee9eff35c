#!/usr/bin/env bash
# The README's main command as a newcomer runs it, `cargo run -p cti-tools --bin demo`: the demo must show a
# session failing on
# three unconfirmed heartbeats and a clean close after the reconnect (it exits non-zero
# otherwise). Then cti-sim and tokio-client as separate processes over loopback.
set -euo pipefail

cargo build -q -p cti-tools --bins
out=$(timeout 120 cargo run -q -p cti-tools --bin demo)
echo "$out"
grep -q 'SESSION FAILED: three heartbeats unconfirmed' <<<"$out"
grep -q 'summary: first session failed on three unconfirmed heartbeats after 4 heartbeats; second session closed cleanly.' <<<"$out"

# Loopback only. The simulator sends FAILURE_EVENT offline after 2 s; the client closes
# cleanly and exits 0 with --once.
port=42127
target=${CARGO_TARGET_DIR:-target}
log=$(mktemp)
"$target/debug/cti-sim" --listen "127.0.0.1:$port" --password pw \
    --events-every 300 --failure-event-after 2 >"$log" 2>&1 &
sim=$!
trap 'kill "$sim" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 50); do
    grep -q listening "$log" && break
    sleep 0.2
done
client=$(timeout 30 "$target/debug/tokio-client" --server "127.0.0.1:$port" \
    --password pw --once)
echo "$client"
grep -q 'FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE' <<<"$client"
grep -q 'session closed' <<<"$client"
set +e
timeout 30 "$target/debug/tokio-client" --server "127.0.0.1:$port" --password bad --once
status=$?
set -e
test "$status" -eq 2
cat "$log"
grep -q 'refused OPEN_REQ (InvokeID 1): FAILURE_CONF E_CTI_INVALID_PASSWORD' "$log"
