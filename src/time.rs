//! Time as the session sees it: milliseconds on a monotonic timeline that the caller chooses.
//!
//! The crate never reads a clock. Every input carries a `now`, and the only requirement is that
//! the caller's timeline does not run backwards; a `now` earlier than one already seen is clamped
//! by the sessions, never a panic.

use core::fmt;
use core::ops::{Add, Sub};
use core::time::Duration;

/// A point in time: whole milliseconds since an epoch the caller picks (boot, process start, …).
///
/// At the edges: additions saturate at [`Instant::MAX`], the end of the timeline, and a
/// session's deadline that lands there (an interval added near the end) is one that is never
/// reached: it stays in the future, it never fires at once. A timer due before the end fires
/// when the clock reaches it, also when the clock stands at `Instant::MAX`, and each timer fires
/// at most once per `handle_timeout` (a late heartbeat timer sends one HEARTBEAT_REQ per call,
/// never a burst). The epoch is the caller's: starting at `Instant::ZERO` leaves
/// 584 million years of timeline.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Instant(u64);

impl Instant {
    /// The epoch itself.
    pub const ZERO: Instant = Instant(0);
    /// The latest representable instant, the end of the timeline; adding to it saturates
    /// here, and a deadline here is never reached (see the type's docs).
    pub const MAX: Instant = Instant(u64::MAX);

    /// The instant `ms` milliseconds after the epoch.
    pub const fn from_millis(ms: u64) -> Self {
        Instant(ms)
    }

    /// The instant `s` seconds after the epoch.
    pub const fn from_secs(s: u64) -> Self {
        Instant(s.saturating_mul(1000))
    }

    /// Milliseconds since the epoch.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// The time from `earlier` to `self`, or zero if `earlier` is later.
    pub fn saturating_duration_since(self, earlier: Instant) -> Duration {
        Duration::from_millis(self.0.saturating_sub(earlier.0))
    }

    /// `self + d`, saturating at [`Instant::MAX`]; sub-millisecond parts of `d` are dropped.
    pub fn saturating_add(self, d: Duration) -> Instant {
        let ms = u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        Instant(self.0.saturating_add(ms))
    }
}

impl Add<Duration> for Instant {
    type Output = Instant;
    fn add(self, d: Duration) -> Instant {
        self.saturating_add(d)
    }
}

impl Sub<Instant> for Instant {
    type Output = Duration;
    fn sub(self, earlier: Instant) -> Duration {
        self.saturating_duration_since(earlier)
    }
}

impl fmt::Debug for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03}s", self.0 / 1000, self.0 % 1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_saturates() {
        let t = Instant::from_secs(5);
        assert_eq!((t + Duration::from_millis(1500)).as_millis(), 6500);
        assert_eq!(Instant::MAX + Duration::from_secs(1), Instant::MAX);
        assert_eq!(Instant::ZERO - t, Duration::ZERO);
        assert_eq!(t - Instant::from_millis(1000), Duration::from_secs(4));
    }
}
