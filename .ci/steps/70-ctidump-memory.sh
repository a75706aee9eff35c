#!/usr/bin/env bash
# ctidump streams: decoding a 250 MB generated stream (a bundled capture repeated) must keep its
# maximum resident set under 64 MiB, as /usr/bin/time -v reports it. The file is deleted after.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/time ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends time
fi
cargo build -q --release -p cti-tools --bin ctidump
target=${CARGO_TARGET_DIR:-target}
big=$(mktemp)
report=$(mktemp)
trap 'rm -f "$big" "$big.2" "$report"' EXIT
one=$(mktemp)
# The bridge stream beside the repository where there is one, else the bundled capture.
if [ -f ../shared/bench/stream.bin ]; then
    cp ../shared/bench/stream.bin "$one"
else
    python3 - "$one" <<'PY'
import sys
text = open("examples/captures/session.hex").read()
data = bytes.fromhex("".join(l.split("#")[0] for l in text.splitlines()))
open(sys.argv[1], "wb").write(data)
PY
fi
size=$(stat -c %s "$one")
# Doubling to at least 250 MB.
cp "$one" "$big"
while [ "$(stat -c %s "$big")" -lt 250000000 ]; do
    cat "$big" "$big" >"$big.2" && mv "$big.2" "$big"
done
rm -f "$one"
echo "stream: $(stat -c %s "$big") bytes ($size-byte capture repeated)"
/usr/bin/time -v "$target/release/ctidump" --binary "$big" >/dev/null 2>"$report"
grep -E 'Maximum resident|Elapsed' "$report"
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$report")
test "$rss_kb" -lt $((64 * 1024))
