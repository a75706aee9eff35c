//! The virtual clock: the firmware plays a server's bytes at chosen instants instead of waiting,
//! and every defmt line is stamped with the virtual time it was logged at.

use core::sync::atomic::{AtomicU32, Ordering};

use cti_proto::Instant;

// Milliseconds; u32 is the widest atomic on Cortex-M3 and covers 49 days.
static NOW_MS: AtomicU32 = AtomicU32::new(0);

defmt::timestamp!("{=u32:ms}", NOW_MS.load(Ordering::Relaxed));

/// Moves the virtual clock to `now` and returns it, for the log stamps.
pub fn set(now: Instant) -> Instant {
    let ms = u32::try_from(now.as_millis()).unwrap_or(u32::MAX);
    NOW_MS.store(ms, Ordering::Relaxed);
    now
}
