//! cti-proto on a Cortex-M3 (QEMU's lm3s6965evb): the spec's real v15 captures and a whole
//! client session on a virtual clock, checked on the target, logged through defmt over
//! semihosting, with the verdict as QEMU's exit code.

#![no_std]
#![no_main]

mod captures;
mod check;
mod clock;
mod session;
mod stack;

use cortex_m_rt::{entry, exception, ExceptionFrame};
use cortex_m_semihosting::debug;
use defmt_semihosting as _;

#[entry]
fn main() -> ! {
    stack::paint();
    defmt::info!("cti-proto firmware on a Cortex-M3 (lm3s6965evb)");

    captures::run();
    let codec_stack = stack::high_water();
    defmt::info!("part 1 used {=usize} bytes of stack", codec_stack);
    // Paint again so part 2 is measured on its own.
    stack::paint();
    session::run();
    let session_stack = stack::high_water();
    defmt::info!("part 2 used {=usize} bytes of stack", session_stack);

    let (passed, failed) = check::totals();
    defmt::info!(
        "stack: {=usize} of {=usize} bytes used at the deepest point",
        codec_stack.max(session_stack),
        stack::size()
    );
    // A run that checked nothing proves nothing.
    if failed == 0 && passed > 0 {
        defmt::info!("all {=u32} checks passed", passed);
        exit(debug::EXIT_SUCCESS)
    } else {
        defmt::error!("{=u32} of {=u32} checks FAILED", failed, passed + failed);
        exit(debug::EXIT_FAILURE)
    }
}

/// Ends the QEMU run with `status` as its exit code (semihosting SYS_EXIT).
fn exit(status: debug::ExitStatus) -> ! {
    debug::exit(status);
    // Only reached without a semihosting host (a real board): stop here.
    loop {
        cortex_m::asm::wfi();
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    defmt::error!("panic: {}", defmt::Display2Format(info));
    exit(debug::EXIT_FAILURE)
}

#[exception]
unsafe fn HardFault(frame: &ExceptionFrame) -> ! {
    defmt::error!("hard fault at pc {=u32:#010x}", frame.pc());
    exit(debug::EXIT_FAILURE)
}
