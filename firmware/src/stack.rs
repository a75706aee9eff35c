//! Stack high-water mark: the free RAM between the end of `.bss` and the stack pointer is painted
//! with a pattern at boot; the lowest word no longer holding it is the deepest the stack went.

use core::ptr::{addr_of, read_volatile, write_volatile};

const PAINT: u32 = 0xC0DE_CAFE;

extern "C" {
    // From cortex-m-rt's link.x: the top of the stack (end of RAM) and the lowest address it
    // may grow to (the end of .bss and .uninit).
    static _stack_start: u32;
    static _stack_end: u32;
}

fn bounds() -> (usize, usize) {
    // Only the addresses of the linker symbols are taken, never their contents.
    (
        addr_of!(_stack_end) as usize,
        addr_of!(_stack_start) as usize,
    )
}

/// Paints the unused stack. Call first thing in `main`, before anything deep runs.
#[inline(never)]
pub fn paint() {
    let (low, _) = bounds();
    // Everything below the current stack pointer is unused; keep a small margin for this frame.
    let sp = cortex_m::register::msp::read() as usize - 64;
    let mut p = low;
    while p < sp {
        // SAFETY: [low, sp) is RAM between .bss and the live stack, which nothing else uses.
        unsafe { write_volatile(p as *mut u32, PAINT) };
        p += 4;
    }
}

/// Bytes of stack used at the deepest point so far.
pub fn high_water() -> usize {
    let (low, high) = bounds();
    let mut p = low;
    // SAFETY: reads within the RAM reserved for the stack.
    while p < high && unsafe { read_volatile(p as *const u32) } == PAINT {
        p += 4;
    }
    high - p
}

/// Bytes reserved for the stack: from the end of .bss to the end of RAM.
pub fn size() -> usize {
    let (low, high) = bounds();
    high - low
}
