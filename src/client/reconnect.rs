//! Which CTI Server to try next, and after how long: the side A / side B reconnect schedule of
//! spec §6.1 (from the v23 "CTI Client Application Guidelines"), as a sans-IO helper.
//!
//! A duplexed peripheral gateway has two CTI Servers. After a connection is lost (or fails to
//! open) the client tries the same side, then the other side, then waits and repeats:
//!
//! ```text
//! same, other, wait N s (random, 0 ..= clients/10),
//! same, other, wait 15 s,
//! same, other, wait 30 s,
//! same, other, wait 60 s,
//! same, other, wait 120 s,
//! same, other, wait 120 s, … (the last steps repeat)
//! ```
//!
//! Active and standby CTI Servers (protocol version 24 on, versions sheet §4.3): both sides
//! accept connections, OPEN_CONF's SessionType says which one a session reached, and the
//! standby side takes only OPEN_REQ, HEARTBEAT_REQ and CLOSE_REQ (and refuses clients below
//! v24, or without CTI_SERVICE_ACTIVE_STANDBY, with a FAILURE_CONF: the failed open moves the
//! schedule on to the other side as any failure does). When the standby side becomes active it
//! sends STANDBY_ACTIVE_EVENT_MSG (277): that side is now the one to retry first, so the
//! drivers call [`Reconnect::connected`] with it (with the one session they hold, that is the
//! side the session opened on, which the schedule already retries first). The sheet also expects a client to send
//! STOPPING_REQUESTS_TO_THIS_SIDE_IND (281) to the side going into maintenance; that needs a
//! session on each side at once, which the drivers do not keep (they hold one session): the
//! side in maintenance then closes its sessions itself, and the schedule reconnects. ⚠ The
//! sheet infers the two-session model (§4.3 rule 3); no source states it.
//!
//! The library has no random number generator: the caller passes a random `u32` to each
//! [`Reconnect::next_attempt`] and the schedule turns it into N.
//!
//! ```
//! use core::time::Duration;
//! use cti_proto::client::{Reconnect, Side};
//!
//! let mut r = Reconnect::new(Side::A, 100); // 100 clients: N is 0 ..= 10 s
//! let a = r.next_attempt(0);
//! assert_eq!((a.side, a.delay), (Side::A, Duration::ZERO));
//! assert_eq!(r.next_attempt(0).side, Side::B);
//! let a = r.next_attempt(7);
//! assert_eq!((a.side, a.delay), (Side::A, Duration::from_secs(7)));
//! ```

use core::time::Duration;

/// One of the two CTI Servers of a duplexed peripheral gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Side {
    /// Side A.
    A,
    /// Side B.
    B,
}

impl Side {
    /// The other side.
    pub const fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// The next connection attempt: wait `delay`, then connect to `side`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Attempt {
    /// Which CTI Server to connect to.
    pub side: Side,
    /// How long to wait before connecting (measured from the previous attempt's failure).
    pub delay: Duration,
}

/// Fixed waits before the 3rd, 4th, … pairs of attempts; the last repeats for ever.
const WAITS_SECS: [u64; 4] = [15, 30, 60, 120];

/// The reconnect schedule of spec §6.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Reconnect {
    /// The side that was connected last: "same side" of the schedule.
    same: Side,
    /// Attempts made since the schedule was (re)started.
    attempts: u32,
    /// How many clients share the CTI Server; the random wait is 0 ..= clients / 10 seconds.
    clients: u32,
}

impl Reconnect {
    /// A schedule whose first attempt is `first`, for a server shared by about `clients`
    /// clients (this spreads their reconnects out).
    pub const fn new(first: Side, clients: u32) -> Self {
        Reconnect {
            same: first,
            attempts: 0,
            clients,
        }
    }

    /// Restarts the schedule after a session on `side` opened: the next loss retries `side`
    /// first.
    pub fn connected(&mut self, side: Side) {
        self.same = side;
        self.attempts = 0;
    }

    /// The next attempt. `random` is any random number; it is used only for the third attempt,
    /// whose wait is `random % (clients / 10 + 1)` seconds.
    pub fn next_attempt(&mut self, random: u32) -> Attempt {
        let n = self.attempts;
        self.attempts = self.attempts.saturating_add(1);
        let pair = n / 2;
        if n % 2 == 1 {
            return Attempt {
                side: self.same.other(),
                delay: Duration::ZERO,
            };
        }
        let delay = match pair {
            0 => Duration::ZERO,
            1 => Duration::from_secs(u64::from(random % (self.clients / 10 + 1))),
            p => {
                let i = usize::try_from(p - 2).unwrap_or(usize::MAX);
                let last = WAITS_SECS.len() - 1;
                Duration::from_secs(WAITS_SECS[i.min(last)])
            }
        };
        Attempt {
            side: self.same,
            delay,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_guidelines_schedule() {
        let mut r = Reconnect::new(Side::B, 50);
        let got: [(Side, u64); 14] = core::array::from_fn(|_| {
            let a = r.next_attempt(13);
            (a.side, a.delay.as_secs())
        });
        use Side::*;
        assert_eq!(
            got,
            [
                (B, 0),
                (A, 0),
                (B, 13 % 6),
                (A, 0),
                (B, 15),
                (A, 0),
                (B, 30),
                (A, 0),
                (B, 60),
                (A, 0),
                (B, 120),
                (A, 0),
                (B, 120),
                (A, 0)
            ]
        );
        r.connected(A);
        assert_eq!(
            r.next_attempt(0),
            Attempt {
                side: A,
                delay: Duration::ZERO
            }
        );
    }

    #[test]
    fn few_clients_means_no_random_wait() {
        let mut r = Reconnect::new(Side::A, 9);
        r.next_attempt(0);
        r.next_attempt(0);
        assert_eq!(r.next_attempt(u32::MAX).delay, Duration::ZERO);
    }
}
