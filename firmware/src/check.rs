//! The firmware's verdict: every check is logged, failures are counted, and the count decides
//! the semihosting exit code.

use core::sync::atomic::{AtomicU32, Ordering};

static PASSED: AtomicU32 = AtomicU32::new(0);
static FAILED: AtomicU32 = AtomicU32::new(0);

/// Records one check; a failure is logged at error level with what was being checked.
pub fn check(ok: bool, what: &str) -> bool {
    if ok {
        PASSED.fetch_add(1, Ordering::Relaxed);
        defmt::trace!("ok: {=str}", what);
    } else {
        FAILED.fetch_add(1, Ordering::Relaxed);
        defmt::error!("FAILED: {=str}", what);
    }
    ok
}

/// Like [`check`], and logs the two values when they differ.
pub fn check_eq<T: PartialEq + defmt::Format>(left: T, right: T, what: &str) -> bool {
    let ok = left == right;
    if !ok {
        defmt::error!("{=str}: {} != {}", what, left, right);
    }
    check(ok, what)
}

/// (passed, failed) so far.
pub fn totals() -> (u32, u32) {
    (
        PASSED.load(Ordering::Relaxed),
        FAILED.load(Ordering::Relaxed),
    )
}
