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

/// A deadline per timer of `T`; `N` is `T::ALL.len()`. `None` when a timer is not armed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timers<T: TimerId, const N: usize> {
    deadlines: [Option<Instant>; N],
    timers: core::marker::PhantomData<T>,
}

impl<T: TimerId, const N: usize> Default for Timers<T, N> {
    fn default() -> Self {
        Timers {
            deadlines: [None; N],
            timers: core::marker::PhantomData,
        }
    }
}

impl<T: TimerId, const N: usize> Timers<T, N> {
    /// Arms `timer` for `at`.
    pub(crate) fn set(&mut self, timer: T, at: Instant) {
        if let Some(d) = self.deadlines.get_mut(timer.index()) {
            *d = Some(at);
        }
    }

    /// Arms `timer` for `at`, or disarms it for `None`.
    pub(crate) fn set_opt(&mut self, timer: T, at: Option<Instant>) {
        if let Some(d) = self.deadlines.get_mut(timer.index()) {
            *d = at;
        }
    }

    /// Disarms `timer`.
    pub(crate) fn stop(&mut self, timer: T) {
        self.set_opt(timer, None);
    }

    /// Disarms every timer.
    pub(crate) fn stop_all(&mut self) {
        self.deadlines = [None; N];
    }

    /// The deadline of `timer`, if armed.
    pub(crate) fn get(&self, timer: T) -> Option<Instant> {
        self.deadlines.get(timer.index()).copied().flatten()
    }

    /// The earliest armed deadline.
    pub(crate) fn next(&self) -> Option<Instant> {
        self.deadlines.iter().flatten().min().copied()
    }

    /// The armed timer with the earliest deadline at or before `now` (the first in index order
    /// on a tie), if any.
    pub(crate) fn expired(&self, now: Instant) -> Option<T> {
        T::ALL
            .iter()
            .filter_map(|&t| self.get(t).map(|d| (d, t)))
            .filter(|&(d, _)| d <= now)
            .min_by_key(|&(d, _)| d)
            .map(|(_, t)| t)
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
        t.stop_all();
        assert_eq!(t.next(), None);
    }
}
