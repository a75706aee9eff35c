//! The heartbeat policy, in one place (spec §6.3): how often a client sends HEARTBEAT_REQ, how
//! many may go unconfirmed, the IdleTimeout a client announces and the one a server enforces.
//!
//! The client's heartbeat sender and the server's IdleTimeout rule both read only this file, so
//! a change of policy is a change here.

use core::time::Duration;

use crate::wire::InvokeId;
use crate::Instant;

/// Heartbeats that may be unconfirmed: when one more falls due, the session fails (spec §6.3).
pub(crate) const MAX_UNCONFIRMED_HEARTBEATS: usize = 3;

/// The shortest heartbeat interval the spec allows.
pub(crate) const MIN_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(5);

/// The IdleTimeout a client announces is this many heartbeat intervals (spec §3.3).
pub(crate) const IDLE_TIMEOUT_INTERVALS: u32 = 4;

/// The shortest IdleTimeout a server accepts, in seconds (else E_CTI_INVALID_TIMEOUT): four times
/// the shortest heartbeat interval.
pub(crate) const MIN_IDLE_TIMEOUT_SECS: u32 = 20;

/// [`MIN_IDLE_TIMEOUT_SECS`] as a duration.
pub(crate) const MIN_IDLE_TIMEOUT: Duration = Duration::from_secs(MIN_IDLE_TIMEOUT_SECS as u64);

/// IdleTimeout meaning "none": sent when heartbeats are off, and never enforced.
pub(crate) const NO_IDLE_TIMEOUT: u32 = 0xFFFF_FFFF;

/// Why an interval or IdleTimeout breaks the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// A heartbeat interval under [`MIN_HEARTBEAT_INTERVAL`].
    IntervalTooShort(Duration),
    /// An IdleTimeout under [`MIN_IDLE_TIMEOUT`].
    IdleTooShort(Duration),
    /// An IdleTimeout that does not fit below [`NO_IDLE_TIMEOUT`] seconds.
    IdleTooLong(Duration),
}

/// Checks a client's heartbeat interval (`None`: heartbeats off).
pub(crate) fn check_interval(interval: Option<Duration>) -> Result<(), Rule> {
    match interval {
        Some(hb) if hb < MIN_HEARTBEAT_INTERVAL => Err(Rule::IntervalTooShort(hb)),
        _ => Ok(()),
    }
}

/// The IdleTimeout a client announces in OPEN_REQ, in seconds: the explicit one, else
/// 4 × the heartbeat interval, else [`NO_IDLE_TIMEOUT`] when heartbeats are off.
pub(crate) fn announced_idle_timeout(
    explicit: Option<Duration>,
    interval: Option<Duration>,
) -> Result<u32, Rule> {
    let idle = match (explicit, interval) {
        (Some(idle), _) => idle,
        (None, Some(hb)) => hb.saturating_mul(IDLE_TIMEOUT_INTERVALS),
        (None, None) => return Ok(NO_IDLE_TIMEOUT),
    };
    if idle < MIN_IDLE_TIMEOUT {
        return Err(Rule::IdleTooShort(idle));
    }
    match u32::try_from(idle.as_secs()) {
        Ok(s) if s < NO_IDLE_TIMEOUT => Ok(s),
        _ => Err(Rule::IdleTooLong(idle)),
    }
}

/// True if a server accepts the IdleTimeout `secs` from OPEN_REQ.
pub(crate) fn idle_timeout_acceptable(secs: u32) -> bool {
    secs >= MIN_IDLE_TIMEOUT_SECS
}

/// How long a server waits for the next message before failing, `None` for "none".
pub(crate) fn idle_limit(secs: u32) -> Option<Duration> {
    (secs != NO_IDLE_TIMEOUT).then(|| Duration::from_secs(u64::from(secs)))
}

/// When a heartbeat falls due after the last message sent at `last_sent`: "whenever no messages
/// have been sent for the heartbeat interval" (spec §6.3), so every message sent restarts the
/// interval, OPEN_REQ included.
pub(crate) fn due_after_sending(last_sent: Instant, interval: Duration) -> Instant {
    last_sent + interval
}

/// When the next heartbeat falls due after one that was due at `due` and was sent at `now`.
///
/// The cadence is kept when the caller handles the timer a little late (a loaded host
/// oversleeps): the next one is due one interval after this one was due, so lateness does not
/// add up over three intervals to a failure. Sending a little sooner than one interval after the
/// last message is allowed ("or sooner", spec §6.3). A caller later than a whole interval
/// restarts the cadence from now: `None` here, and the send itself re-arms the timer.
pub(crate) fn next_due(due: Instant, now: Instant, interval: Duration) -> Option<Instant> {
    let next = due + interval;
    (next > now).then_some(next)
}

/// What a heartbeat falling due does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Due {
    /// Send a HEARTBEAT_REQ.
    Send,
    /// Fail the session: [`MAX_UNCONFIRMED_HEARTBEATS`] are unconfirmed.
    Fail,
}

/// Heartbeats the server has not yet confirmed, oldest first, and the last round-trip time.
#[derive(Clone, Debug, Default)]
pub(crate) struct Heartbeats {
    /// InvokeID and when it was queued; the first `len` are outstanding.
    sent: [(InvokeId, Instant); MAX_UNCONFIRMED_HEARTBEATS],
    len: usize,
    /// Round-trip time of the last confirmed heartbeat.
    pub(crate) rtt: Option<Duration>,
}

impl Heartbeats {
    fn outstanding(&self) -> &[(InvokeId, Instant)] {
        self.sent.get(..self.len).unwrap_or_default()
    }

    /// Unconfirmed heartbeats.
    pub(crate) fn unconfirmed(&self) -> usize {
        self.len
    }

    /// What to do now that a heartbeat falls due.
    pub(crate) fn due(&self) -> Due {
        if self.len >= MAX_UNCONFIRMED_HEARTBEATS {
            Due::Fail
        } else {
            Due::Send
        }
    }

    /// Records a heartbeat just queued; `false` if the table is full (see [`due`](Self::due)).
    pub(crate) fn record(&mut self, id: InvokeId, now: Instant) -> bool {
        match self.sent.get_mut(self.len) {
            Some(slot) => {
                *slot = (id, now);
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// True if `id` is an unconfirmed heartbeat.
    pub(crate) fn is_outstanding(&self, id: InvokeId) -> bool {
        self.outstanding().iter().any(|&(i, _)| i == id)
    }

    /// A HEARTBEAT_CONF for `id`: confirms it and every older heartbeat. `false` if `id` is not
    /// outstanding (a duplicate or stray confirmation).
    pub(crate) fn confirm(&mut self, id: InvokeId, now: Instant) -> bool {
        let Some(i) = self.outstanding().iter().position(|&(x, _)| x == id) else {
            return false;
        };
        if let Some(&(_, sent)) = self.sent.get(i) {
            self.rtt = Some(now - sent);
        }
        self.sent.copy_within(i + 1..self.len, 0);
        self.len -= i + 1;
        true
    }

    /// Forgets every outstanding heartbeat (the session ended).
    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_timeout_is_four_intervals_or_none() {
        assert_eq!(announced_idle_timeout(None, None), Ok(NO_IDLE_TIMEOUT));
        let s = Duration::from_secs;
        assert_eq!(announced_idle_timeout(None, Some(s(5))), Ok(20));
        assert_eq!(announced_idle_timeout(None, Some(s(90))), Ok(360));
        assert_eq!(
            announced_idle_timeout(Some(s(19)), Some(s(90))),
            Err(Rule::IdleTooShort(s(19)))
        );
        assert!(idle_timeout_acceptable(20) && !idle_timeout_acceptable(19));
        assert_eq!(idle_limit(NO_IDLE_TIMEOUT), None);
        assert_eq!(idle_limit(20), Some(s(20)));
        assert_eq!(
            check_interval(Some(Duration::from_millis(4999))),
            Err(Rule::IntervalTooShort(Duration::from_millis(4999)))
        );
        assert_eq!(check_interval(Some(s(5))), Ok(()));
    }

    #[test]
    fn a_confirmation_confirms_older_heartbeats() {
        let mut h = Heartbeats::default();
        for i in 1..=3 {
            assert_eq!(h.due(), Due::Send);
            assert!(h.record(InvokeId(i), Instant::from_secs(u64::from(i) * 5)));
        }
        assert_eq!(h.due(), Due::Fail);
        assert!(!h.record(InvokeId(4), Instant::from_secs(20)));
        assert!(!h.confirm(InvokeId(9), Instant::from_secs(11)));
        assert!(h.confirm(InvokeId(2), Instant::from_secs(11)));
        assert_eq!(h.unconfirmed(), 1);
        assert_eq!(h.rtt, Some(Duration::from_secs(1)));
        assert!(h.is_outstanding(InvokeId(3)));
        assert!(!h.is_outstanding(InvokeId(1)));
        assert!(h.record(InvokeId(5), Instant::from_secs(25)));
        assert!(h.confirm(InvokeId(5), Instant::from_secs(26)));
        assert_eq!(h.unconfirmed(), 0);
    }

    #[test]
    fn a_late_timer_keeps_the_cadence_unless_a_whole_interval_late() {
        let i = Duration::from_secs(5);
        let at = Instant::from_millis;
        assert_eq!(next_due(at(5000), at(5300), i), Some(at(10_000)));
        assert_eq!(next_due(at(5000), at(10_000), i), None);
    }
}
