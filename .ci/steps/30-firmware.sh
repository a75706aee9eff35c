#!/usr/bin/env bash
# The firmware under QEMU: builds firmware/ for the lm3s6965evb (Cortex-M3), runs it with
# `cargo run --release`, decodes its defmt log with defmt-print, fails when any on-target check
# fails, and prints the flash and RAM of the linked binary.
set -euo pipefail

cd "$(dirname "$0")/../../firmware"

apt_updated=
apt_install() {
    if [ -z "$apt_updated" ]; then
        apt-get update
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}
command -v qemu-system-arm >/dev/null || apt_install qemu-system-arm
# llvm-size: the toolchain's own (rustup's llvm-tools) where it can be had, else Debian's.
llvm_size="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/llvm-size"
if [ ! -x "$llvm_size" ]; then
    rustup component add llvm-tools || true
fi
if [ ! -x "$llvm_size" ]; then
    command -v llvm-size >/dev/null || apt_install llvm
    llvm_size=llvm-size
fi
if ! rustup target list --installed | grep -qx thumbv7m-none-eabi; then
    rustup target add thumbv7m-none-eabi
fi
if ! command -v defmt-print >/dev/null; then
    cargo install defmt-print --locked --version '^1'
fi

target_dir="${CARGO_TARGET_DIR:-target}"
elf="$target_dir/thumbv7m-none-eabi/release/cti-firmware"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

cargo build --release
echo "--- firmware under qemu-system-arm (lm3s6965evb), defmt log decoded by defmt-print"
start=$(date +%s%N)
set +e
# A firmware that hangs is a failure too: QEMU is given two minutes.
timeout 120 cargo run --release -q | defmt-print -e "$elf" | tee "$log"
status=("${PIPESTATUS[@]}")
set -e
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "--- qemu exit status ${status[0]}, defmt-print ${status[1]}, ${elapsed_ms} ms wall clock"
if [ "${status[0]}" -ne 0 ]; then
    echo "firmware FAILED under QEMU (exit status ${status[0]})" >&2
    exit 1
fi
if [ "${status[1]}" -ne 0 ] || ! grep -q "checks passed" "$log"; then
    echo "firmware log could not be decoded or has no verdict" >&2
    exit 1
fi

# Section sizes of the linked ELF. Flash holds the vector table, code, constants and the initial
# values of .data; RAM holds .data, .bss and .uninit, and the rest of it is the stack.
section() { "$llvm_size" -A "$elf" | awk -v s="$1" '$1 == s { print $2; found = 1 } END { if (!found) print 0 }'; }
vectors=$(section .vector_table)
text=$(section .text)
rodata=$(section .rodata)
data=$(section .data)
bss=$(section .bss)
uninit=$(section .uninit)
stack=$(sed -n 's/.*stack: \([0-9]*\) of .*/\1/p' "$log")
echo "--- footprint of $elf"
echo "flash: .text ${text} + .rodata ${rodata} = $((text + rodata)) bytes (with .vector_table ${vectors} and .data image ${data}: $((vectors + text + rodata + data)) of 262144)"
echo "ram:   .data ${data} + .bss ${bss} + .uninit ${uninit} = $((data + bss + uninit)) bytes static, stack high-water ${stack:-?} bytes (of 65536)"
