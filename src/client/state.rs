//! The client session's states and every move between them (spec §6.2–6.4), in one table.
//!
//! The session moves only through [`TRANSITIONS`]; a unit test reads the edges below from this
//! file and checks that they are exactly the table's, so this diagram cannot drift from the code.
//!
//! ```text
//! Session::new: OPEN_REQ queued, open timer armed, state Opening.
//!
//!   Opening --OPEN_CONF--> Open                  Opened; heartbeat timer armed
//!   Opening --FAILURE_CONF--> Failed             SessionFailed(Rejected)
//!   Opening --open_timeout--> Failed             SessionFailed(OpenTimeout)
//!   Opening --FAILURE_EVENT_offline--> Failed    SessionFailed(ServerOffline)
//!   Opening --close()--> Closed                  nothing to close yet: no CLOSE_REQ
//!   Opening --end_of_stream--> Failed            SessionFailed(PeerClosed)
//!   Opening --peer_error--> Failed               malformed, oversize or unexpected input
//!   Opening --transmit_blocked--> Failed         SessionFailed(TransmitBlocked)
//!
//!   Open --close()--> Closing                    CLOSE_REQ(status), close timer armed
//!   Open --FAILURE_EVENT_offline--> Closing      CLOSE_REQ(E_CTI_CTI_SERVER_OFFLINE)
//!   Open --heartbeat_timeout--> Failed           a heartbeat due with three unconfirmed
//!   Open --heartbeat_refused--> Failed           FAILURE_CONF to a heartbeat: ServerOffline
//!   Open --end_of_stream--> Failed               SessionFailed(PeerClosed)
//!   Open --peer_error--> Failed                  e.g. a second OPEN_CONF
//!   Open --transmit_blocked--> Failed            a heartbeat or CLOSE_REQ does not fit
//!
//!   Closing --CLOSE_CONF--> Closed               Closed
//!   Closing --close_timeout--> Closed            Closed (5 s, spec §6.4)
//!   Closing --end_of_stream--> Closed            Closed
//!   Closing --peer_error--> Failed               SessionFailed(..)
//! ```
//!
//! Closed and Failed are terminal: they ignore every input, make every command fail and arm no
//! timer; the caller resets the TCP connection (linger 0).

/// Where a session is in its life; see the diagram in this module's docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum State {
    /// OPEN_REQ sent, waiting for OPEN_CONF.
    Opening,
    /// Open: requests may be sent, heartbeats run.
    Open,
    /// CLOSE_REQ sent, waiting for CLOSE_CONF.
    Closing,
    /// Closed cleanly. Terminal.
    Closed,
    /// Failed. Terminal.
    Failed,
}

impl State {
    /// True for `Closed` and `Failed`, after which nothing happens.
    pub const fn is_terminal(self) -> bool {
        matches!(self, State::Closed | State::Failed)
    }
}

/// What moves the session: a received message, a timer, a command or the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trigger {
    OpenConf,
    /// FAILURE_CONF to OPEN_REQ.
    Rejected,
    OpenTimeout,
    /// FAILURE_EVENT with E_CTI_CTI_SERVER_OFFLINE.
    OfflineEvent,
    /// The `close` command.
    Close,
    HeartbeatTimeout,
    /// FAILURE_CONF to a heartbeat.
    HeartbeatRefused,
    CloseConf,
    CloseTimeout,
    EndOfStream,
    /// Malformed, oversize or unexpected input.
    PeerError,
    TransmitBlocked,
}

impl Trigger {
    /// The trigger's name in the diagram.
    #[cfg(test)]
    const fn name(self) -> &'static str {
        match self {
            Trigger::OpenConf => "OPEN_CONF",
            Trigger::Rejected => "FAILURE_CONF",
            Trigger::OpenTimeout => "open_timeout",
            Trigger::OfflineEvent => "FAILURE_EVENT_offline",
            Trigger::Close => "close()",
            Trigger::HeartbeatTimeout => "heartbeat_timeout",
            Trigger::HeartbeatRefused => "heartbeat_refused",
            Trigger::CloseConf => "CLOSE_CONF",
            Trigger::CloseTimeout => "close_timeout",
            Trigger::EndOfStream => "end_of_stream",
            Trigger::PeerError => "peer_error",
            Trigger::TransmitBlocked => "transmit_blocked",
        }
    }
}

use State::{Closed, Closing, Failed, Open, Opening};
use Trigger as T;

/// Every move of the session: (from, trigger, to). Anything else leaves the state as it is.
pub(crate) const TRANSITIONS: &[(State, Trigger, State)] = &[
    (Opening, T::OpenConf, Open),
    (Opening, T::Rejected, Failed),
    (Opening, T::OpenTimeout, Failed),
    (Opening, T::OfflineEvent, Failed),
    (Opening, T::Close, Closed),
    (Opening, T::EndOfStream, Failed),
    (Opening, T::PeerError, Failed),
    (Opening, T::TransmitBlocked, Failed),
    (Open, T::Close, Closing),
    (Open, T::OfflineEvent, Closing),
    (Open, T::HeartbeatTimeout, Failed),
    (Open, T::HeartbeatRefused, Failed),
    (Open, T::EndOfStream, Failed),
    (Open, T::PeerError, Failed),
    (Open, T::TransmitBlocked, Failed),
    (Closing, T::CloseConf, Closed),
    (Closing, T::CloseTimeout, Closed),
    (Closing, T::EndOfStream, Closed),
    (Closing, T::PeerError, Failed),
];

/// Where `trigger` takes a session in `from`, `None` if it does not move it.
pub(crate) fn next(from: State, trigger: Trigger) -> Option<State> {
    TRANSITIONS
        .iter()
        .find(|&&(f, t, _)| f == from && t == trigger)
        .map(|&(_, _, to)| to)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::format;
    use std::string::ToString;
    use std::vec::Vec;

    #[test]
    fn the_diagram_is_the_table() {
        let mut documented = crate::session::diagram::edges(include_str!("state.rs"));
        // Only the module docs hold edges; this test's own source has none in that form.
        documented.retain(|(from, _, _)| !from.is_empty());
        let mut table: Vec<_> = TRANSITIONS
            .iter()
            .map(|(f, t, to)| (format!("{f:?}"), t.name().to_string(), format!("{to:?}")))
            .collect();
        documented.sort();
        table.sort();
        assert_eq!(documented, table);
    }

    #[test]
    fn terminal_states_never_move_and_each_edge_is_unique() {
        for (i, (f, t, _)) in TRANSITIONS.iter().enumerate() {
            assert!(!f.is_terminal());
            assert!(TRANSITIONS[i + 1..]
                .iter()
                .all(|(f2, t2, _)| (f2, t2) != (f, t)));
        }
        assert_eq!(next(Open, T::OpenConf), None);
        assert_eq!(next(Opening, T::OpenConf), Some(Open));
    }
}
