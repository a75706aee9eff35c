#!/usr/bin/env bash
# Both packages are publishable: the core's package carries the library, README, changelog and
# licences and nothing of CI, the peers, fuzz/, firmware/, footprint/ or dissector/; the dry
# run packages and builds the core, then the tools against that packaged core.
set -euo pipefail
cd "$(dirname "$0")/../.."

list=$(cargo package --list --allow-dirty -p cti-proto)
echo "$list"
for want in Cargo.toml README-crate.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE src/lib.rs; do
    grep -qx "$want" <<<"$list" || { echo "package lacks $want" >&2; exit 1; }
done
if grep -E '^(\.ci|tests/peers|fuzz|firmware|footprint|dissector|tools)/' <<<"$list"; then
    echo "package carries files it must not" >&2
    exit 1
fi
# The package readme stands on its own: it names no path the package does not carry.
if grep -nE '(\.ci/|tests/peers|fuzz/|firmware/|footprint/|dissector/|tools/|benches/)' README-crate.md; then
    echo "README-crate.md points outside the package" >&2
    exit 1
fi
# The dry run verifies the tools against the core through a local registry, and cargo keeps
# that registry's unpacked copy of cti-proto 0.1.0 from any earlier dry run on the machine:
# drop those copies (registry sources without a host name) so the current core is the one used.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/cti-proto-*
cargo publish --dry-run --allow-dirty --workspace
