#!/usr/bin/env bash
# Code size on a Cortex-M4F (thumbv7em-none-eabihf, opt-level "z", LTO): builds footprint/,
# prints .text and .rodata of the client path and of the full catalogue and the sizes of the
# session types on the target, and fails when a .text budget is exceeded.
set -euo pipefail
cd "$(dirname "$0")/../.."

TARGET=thumbv7em-none-eabihf
# Budgets in bytes of .text; the environment may override them.
CLIENT_BUDGET=${FOOTPRINT_CLIENT_BUDGET:-$((16 * 1024))}
CATALOGUE_BUDGET=${FOOTPRINT_CATALOGUE_BUDGET:-$((96 * 1024))}

if command -v rustup >/dev/null; then
    rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
    rustup component list --installed | grep -q '^llvm-tools' || rustup component add llvm-tools
fi
TOOLS="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin"
tool() {
    if [ -x "$TOOLS/$1" ]; then echo "$TOOLS/$1"
    elif command -v "$1" >/dev/null; then command -v "$1"
    else echo "footprint: $1 not found (rustup component add llvm-tools)" >&2; exit 2
    fi
}
SIZE=$(tool llvm-size)
NM=$(tool llvm-nm)

(cd footprint && cargo build --release --quiet)
OUT="${CARGO_TARGET_DIR:-footprint/target}/$TARGET/release"

section() { "$SIZE" -A "$1" | awk -v s="$2" '$1 == s { print $2 }'; }
symbol() { "$NM" -S --radix=d "$1" | awk -v s="$2" '$4 == s { print $2 + 0 }'; }

over=()
report() {
    local name=$1 bin=$2 budget=$3 text rodata
    text=$(section "$bin" .text)
    rodata=$(section "$bin" .rodata)
    printf '%-15s .text %6d B (%5.1f%% of %d)  .rodata %6d B\n' \
        "$name" "$text" "$(awk -v t="$text" -v b="$budget" 'BEGIN { print 100 * t / b }')" "$budget" "$rodata"
    if [ "$text" -gt "$budget" ]; then
        over+=("$name .text is $text B, over its budget of $budget B")
        echo "  largest functions of the $name:"
        "$NM" --size-sort -S -C --radix=d "$bin" | awk '$3 ~ /^[tT]$/' | tail -n 8 |
            awk '{ printf "  %8d  %s\n", $2, substr($0, index($0, $4)) }'
    fi
}

echo "footprint on $TARGET, opt-level z, LTO:"
report "client path" "$OUT/client" "$CLIENT_BUDGET"
report "full catalogue" "$OUT/catalogue" "$CATALOGUE_BUDGET"
echo "size_of on $TARGET:"
printf '  Session<4400, 1024, 8>  %6d B\n' "$(symbol "$OUT/client" SIZE_OF_SESSION_4400_1024_8)"
printf '  Session (defaults)      %6d B\n' "$(symbol "$OUT/client" SIZE_OF_SESSION_DEFAULT)"
printf '  ServerSession (defaults) %5d B\n' "$(symbol "$OUT/client" SIZE_OF_SERVER_SESSION_DEFAULT)"
printf '  Message                 %6d B\n' "$(symbol "$OUT/client" SIZE_OF_MESSAGE)"
for o in "${over[@]}"; do echo "footprint: $o" >&2; done
[ ${#over[@]} -eq 0 ]
