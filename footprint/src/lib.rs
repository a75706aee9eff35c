//! What both footprint binaries share: the panic handler. A panic cannot happen on network
//! input (the library does not panic on it), so the smallest handler will do.
#![no_std]

use core::panic::PanicInfo;

#[panic_handler]
#[allow(clippy::empty_loop)] // Nothing to wait for: the image only has to link.
fn panic(_: &PanicInfo<'_>) -> ! {
    loop {}
}
