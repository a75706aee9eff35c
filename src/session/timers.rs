//! The deadlines of a session as data: one slot per timer of the role, the earliest is what
//! `poll_timeout` reports, and the earliest expired one is what `handle_timeout` fires first.

use crate::Instant;

/// A role's set of timers: a small enum whose variants index the table.
pub(crate) trait TimerId: Copy + Eq + 'static {
    /// Every timer, in index order; `ALL[t.index()] == t`.
    const ALL: &'static [Self];
    /// The timer's slot.
    fn index(self) -> usize;
}

/// A deadline per timer of `T`; `N` is `T::ALL.len()`.
///
/// A timer that is not armed holds [`Instant::MAX`], the end of the timeline, which no deadline
/// reaches: a deadline that saturated there (`now + d` past the end) is in the future for ever,
/// never in the past, so it never fires, however late the clock. This keeps the table half the
/// size of one of `Option`s. Callers fire each timer at most once per input
/// ([`expired_not_in`]), so even a timer re-armed at a time already reached fires again only
/// at the next input, never in a loop.
///
/// [`expired_not_in`]: Timers::expired_not_in
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timers<T: TimerId, const N: usize> {
    deadlines: [Instant; N],
    timers: core::marker::PhantomData<T>,
}

impl<T: TimerId, const N: usize> Default for Timers<T, N> {
    fn default() -> Self {
        Timers {
            deadlines: [Instant::MAX; N],
            timers: core::marker::PhantomData,
        }
    }
}

impl<T: TimerId, const N: usize> Timers<T, N> {
    /// Arms `timer` for `at` (`Instant::MAX`: never, i.e. disarmed).
    pub(crate) fn set(&mut self, timer: T, at: Instant) {
        if let Some(d) = self.deadlines.get_mut(timer.index()) {
            *d = at;
        }
    }

    /// Arms `timer` for `at`, or disarms it for `None`.
    pub(crate) fn set_opt(&mut self, timer: T, at: Option<Instant>) {
        self.set(timer, at.unwrap_or(Instant::MAX));
    }

    /// Disarms `timer`.
    pub(crate) fn stop(&mut self, timer: T) {
        self.set(timer, Instant::MAX);
    }

    /// Disarms every timer.
    pub(crate) fn stop_all(&mut self) {
        self.deadlines = [Instant::MAX; N];
    }

    /// The deadline of `timer`, if armed.
    pub(crate) fn get(&self, timer: T) -> Option<Instant> {
        self.deadlines
            .get(timer.index())
            .copied()
            .filter(|&d| d != Instant::MAX)
    }

    /// The earliest deadline, if any timer is armed.
    pub(crate) fn next(&self) -> Option<Instant> {
        let next = self.deadlines.iter().copied().min()?;
        (next != Instant::MAX).then_some(next)
    }

    /// The timer with the earliest deadline at or before `now` (the lowest index on a tie).
    #[cfg(test)]
    pub(crate) fn expired(&self, now: Instant) -> Option<T> {
        self.expired_not_in(now, 0)
    }

    /// The same among the timers whose bit ([`bit`](Self::bit)) is not set in `fired`: the
    /// ones the current input has not fired yet.
    pub(crate) fn expired_not_in(&self, now: Instant, fired: u32) -> Option<T> {
        T::ALL
            .iter()
            .copied()
            .filter(|&t| fired & Self::bit(t) == 0)
            .filter_map(|t| self.get(t).filter(|&d| d <= now).map(|d| (d, t)))
            .min_by_key(|&(d, t)| (d, t.index()))
            .map(|(_, t)| t)
    }

    /// The bit of `timer` in a `fired` set.
    pub(crate) fn bit(timer: T) -> u32 {
        1u32.checked_shl(timer.index() as u32).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum T {
        A,
        B,
        C,
    }

    impl TimerId for T {
        const ALL: &'static [T] = &[T::A, T::B, T::C];
        fn index(self) -> usize {
            self as usize
        }
    }

    #[test]
    fn earliest_expired_timer_wins() {
        let mut t = Timers::<T, 3>::default();
        assert_eq!(t.next(), None);
        t.set(T::C, Instant::from_secs(5));
        t.set(T::B, Instant::from_secs(3));
        assert_eq!(t.next(), Some(Instant::from_secs(3)));
        assert_eq!(t.expired(Instant::from_secs(2)), None);
        assert_eq!(t.expired(Instant::from_secs(6)), Some(T::B));
        t.stop(T::B);
        assert_eq!(t.expired(Instant::from_secs(6)), Some(T::C));
        assert_eq!(t.get(T::A), None);
        t.set_opt(T::A, Some(Instant::from_secs(6)));
        assert_eq!(
            t.expired(Instant::from_secs(6)),
            Some(T::C),
            "earliest first"
        );
        t.set(T::A, Instant::from_secs(5));
        assert_eq!(
            t.expired(Instant::from_secs(6)),
            Some(T::A),
            "index order on a tie"
        );
        t.stop_all();
        assert_eq!(t.next(), None);
        assert_eq!(t.expired(Instant::MAX), None);
        // A deadline that saturated at the end of the timeline is never reached.
        t.set(T::B, Instant::from_secs(1) + core::time::Duration::MAX);
        assert_eq!(t.next(), None);
        assert_eq!(t.expired(Instant::MAX), None);
        // A timer fired by this input is not fired again by it.
        t.set(T::B, Instant::from_millis(u64::MAX - 1_000));
        assert_eq!(t.expired(Instant::MAX), Some(T::B));
        assert_eq!(
            t.expired_not_in(Instant::MAX, Timers::<T, 3>::bit(T::B)),
            None
        );
    }
}
