#!/usr/bin/env bash
# The core is publishable: its package carries the library, README, changelog and licences and
# nothing of CI, the peers, fuzz/, firmware/, footprint/ or dissector/; the dry run builds it.
set -euo pipefail
cd "$(dirname "$0")/../.."

list=$(cargo package --list --allow-dirty -p cti-proto)
echo "$list"
for want in Cargo.toml README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE src/lib.rs; do
    grep -qx "$want" <<<"$list" || { echo "package lacks $want" >&2; exit 1; }
done
if grep -E '^(\.ci|tests/peers|fuzz|firmware|footprint|dissector|tools)/' <<<"$list"; then
    echo "package carries files it must not" >&2
    exit 1
fi
cargo publish --dry-run --allow-dirty -p cti-proto
