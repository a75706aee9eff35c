//! What both footprint binaries share: the panic handler. A panic cannot happen on network
//! input (the library does not panic on it), so the smallest handler will do.
#![no_std]

use core::panic::PanicInfo;

#[panic_handler]
fn panic(_: &PanicInfo<'_>) -> ! {
    halt()
}

/// Stops here for good.
pub fn halt() -> ! {
    loop {
        core::hint::spin_loop();
    }
}
