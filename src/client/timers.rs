//! The session's deadlines as data: one slot per timer, the earliest is what
//! [`Session::poll_timeout`](super::Session::poll_timeout) reports.
//!
//! Heartbeat bookkeeping (which heartbeats are unconfirmed, the round-trip time) lives here too,
//! because it is what the heartbeat timer acts on.

use core::time::Duration;

use crate::wire::InvokeId;
use crate::Instant;

/// The session's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Timer {
    /// OPEN_CONF must arrive before this (spec §6.2).
    Open = 0,
    /// The next HEARTBEAT_REQ falls due: one interval after the last message sent (spec §6.3).
    Heartbeat = 1,
    /// CLOSE_CONF must arrive before this (spec §6.4).
    Close = 2,
}

const TIMERS: [Timer; 3] = [Timer::Open, Timer::Heartbeat, Timer::Close];

/// A deadline per timer; `None` when a timer is not armed.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Timers {
    deadlines: [Option<Instant>; 3],
}

impl Timers {
    pub(crate) fn set(&mut self, timer: Timer, at: Instant) {
        self.deadlines[timer as usize] = Some(at);
    }

    pub(crate) fn stop(&mut self, timer: Timer) {
        self.deadlines[timer as usize] = None;
    }

    pub(crate) fn stop_all(&mut self) {
        self.deadlines = [None; 3];
    }

    /// The deadline of `timer`, if armed.
    pub(crate) fn get(&self, timer: Timer) -> Option<Instant> {
        self.deadlines[timer as usize]
    }

    /// The earliest armed deadline.
    pub(crate) fn next(&self) -> Option<Instant> {
        self.deadlines.iter().flatten().min().copied()
    }

    /// The armed timer with the earliest deadline at or before `now`, if any.
    pub(crate) fn expired(&self, now: Instant) -> Option<Timer> {
        TIMERS
            .iter()
            .filter_map(|&t| self.deadlines[t as usize].map(|d| (d, t)))
            .filter(|&(d, _)| d <= now)
            .min_by_key(|&(d, _)| d)
            .map(|(_, t)| t)
    }
}

/// Heartbeats the server has not yet confirmed: the spec's limit is three (spec §6.3).
pub(crate) const MAX_UNCONFIRMED: usize = 3;

/// Outstanding heartbeats and the last round-trip time.
#[derive(Clone, Debug, Default)]
pub(crate) struct Heartbeats {
    /// Oldest first: InvokeID and when it was queued.
    outstanding: heapless::Deque<(InvokeId, Instant), MAX_UNCONFIRMED>,
    /// Round-trip time of the last confirmed heartbeat.
    pub(crate) rtt: Option<Duration>,
}

impl Heartbeats {
    pub(crate) fn unconfirmed(&self) -> usize {
        self.outstanding.len()
    }

    /// Records a heartbeat just queued; `false` if three are already unconfirmed.
    pub(crate) fn record(&mut self, id: InvokeId, now: Instant) -> bool {
        self.outstanding.push_back((id, now)).is_ok()
    }

    pub(crate) fn is_outstanding(&self, id: InvokeId) -> bool {
        self.outstanding.iter().any(|&(i, _)| i == id)
    }

    /// A HEARTBEAT_CONF for `id`: confirms it and every older heartbeat. `false` if `id` is not
    /// outstanding (a duplicate or stray confirmation).
    pub(crate) fn confirm(&mut self, id: InvokeId, now: Instant) -> bool {
        if !self.is_outstanding(id) {
            return false;
        }
        while let Some((i, sent)) = self.outstanding.pop_front() {
            if i == id {
                self.rtt = Some(now - sent);
                break;
            }
        }
        true
    }

    pub(crate) fn clear(&mut self) {
        self.outstanding.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_expired_timer_wins() {
        let mut t = Timers::default();
        assert_eq!(t.next(), None);
        t.set(Timer::Close, Instant::from_secs(5));
        t.set(Timer::Heartbeat, Instant::from_secs(3));
        assert_eq!(t.next(), Some(Instant::from_secs(3)));
        assert_eq!(t.expired(Instant::from_secs(2)), None);
        assert_eq!(t.expired(Instant::from_secs(6)), Some(Timer::Heartbeat));
        t.stop(Timer::Heartbeat);
        assert_eq!(t.expired(Instant::from_secs(6)), Some(Timer::Close));
    }

    #[test]
    fn a_confirmation_confirms_older_heartbeats() {
        let mut h = Heartbeats::default();
        for i in 1..=3 {
            assert!(h.record(InvokeId(i), Instant::from_secs(u64::from(i) * 5)));
        }
        assert!(!h.record(InvokeId(4), Instant::from_secs(20)));
        assert!(!h.confirm(InvokeId(9), Instant::from_secs(11)));
        assert!(h.confirm(InvokeId(2), Instant::from_secs(11)));
        assert_eq!(h.unconfirmed(), 1);
        assert_eq!(h.rtt, Some(Duration::from_secs(1)));
        assert!(h.is_outstanding(InvokeId(3)));
    }
}
