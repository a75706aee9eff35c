//! The server session's states, the data each one holds, and every move between them, in one
//! table.
//!
//! The session moves only through [`TRANSITIONS`]; a unit test reads the edges below from this
//! file and checks that they are exactly the table's, so this diagram cannot drift from the code.
//!
//! ```text
//! ServerSession::new(config, now): state AwaitingOpen, open wait armed.
//!
//!   AwaitingOpen --OPEN_REQ_accepted--> Open     OPEN_CONF (+ SYSTEM_EVENTs); IdleTimeout armed
//!   AwaitingOpen --OPEN_REQ_rejected--> Failed   FAILURE_CONF kept; Failed(OpenRejected)
//!   AwaitingOpen --open_wait--> Failed           no acceptable OPEN_REQ in time
//!   AwaitingOpen --end_of_stream--> Failed       Failed(PeerClosed)
//!   AwaitingOpen --peer_error--> Failed          Failed(Malformed)
//!
//!   Open --CLOSE_REQ--> Closed                   CLOSE_CONF; the caller flushes, closes TCP
//!   Open --idle_timeout--> Failed                no message for IdleTimeout seconds
//!   Open --end_of_stream--> Failed               Failed(PeerClosed)
//!   Open --peer_error--> Failed                  Failed(Malformed)
//! ```
//!
//! A rejected OPEN_REQ ends the session: its FAILURE_CONF stays queued for the caller to write
//! out before it closes the connection, so a client gets one password guess per connection.
//!
//! Messages that do not move the session are answered in place: while AwaitingOpen, any
//! message other than OPEN_REQ gets E_CTI_SESSION_NOT_OPEN;
//! while Open, HEARTBEAT_REQ gets HEARTBEAT_CONF (same InvokeID), a second OPEN_REQ
//! E_CTI_SESSION_ALREADY_OPEN, a client request becomes `ServerEvent::Request` for the
//! application, and any other type E_CTI_INVALID_MESSAGE_TYPE.
//!
//! Closed and Failed are terminal: the caller resets TCP after a failure.

use crate::session::heartbeat;
use crate::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask};
use crate::wire::Version;
use crate::Instant;

/// Where the session is; see the diagram above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Connected, no OPEN_REQ accepted yet.
    AwaitingOpen,
    /// OPEN_CONF sent.
    Open(Opened),
    /// CLOSE_CONF sent.
    Closed,
    /// Failed; the failure has been (or is about to be) reported.
    Failed,
}

/// A state without its data: what the transition table speaks of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    AwaitingOpen,
    Open,
    Closed,
    Failed,
}

impl State {
    /// The state's phase.
    pub(crate) fn phase(&self) -> Phase {
        match self {
            State::AwaitingOpen => Phase::AwaitingOpen,
            State::Open(_) => Phase::Open,
            State::Closed => Phase::Closed,
            State::Failed => Phase::Failed,
        }
    }
}

/// What moves the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trigger {
    OpenAccepted,
    OpenRejected,
    OpenWait,
    CloseReq,
    IdleTimeout,
    EndOfStream,
    PeerError,
}

impl Trigger {
    /// The trigger's name in the diagram.
    #[cfg(test)]
    const fn name(self) -> &'static str {
        match self {
            Trigger::OpenAccepted => "OPEN_REQ_accepted",
            Trigger::OpenRejected => "OPEN_REQ_rejected",
            Trigger::OpenWait => "open_wait",
            Trigger::CloseReq => "CLOSE_REQ",
            Trigger::IdleTimeout => "idle_timeout",
            Trigger::EndOfStream => "end_of_stream",
            Trigger::PeerError => "peer_error",
        }
    }
}

use Phase::{AwaitingOpen, Closed, Failed, Open};
use Trigger as T;

/// Every move of the session: (from, trigger, to). Anything else leaves the state as it is.
pub(crate) const TRANSITIONS: &[(Phase, Trigger, Phase)] = &[
    (AwaitingOpen, T::OpenAccepted, Open),
    (AwaitingOpen, T::OpenRejected, Failed),
    (AwaitingOpen, T::OpenWait, Failed),
    (AwaitingOpen, T::EndOfStream, Failed),
    (AwaitingOpen, T::PeerError, Failed),
    (Open, T::CloseReq, Closed),
    (Open, T::IdleTimeout, Failed),
    (Open, T::EndOfStream, Failed),
    (Open, T::PeerError, Failed),
];

/// Where `trigger` takes a session in `from`, `None` if it does not move it.
pub(crate) fn next(from: Phase, trigger: Trigger) -> Option<Phase> {
    TRANSITIONS
        .iter()
        .find(|&&(f, t, _)| f == from && t == trigger)
        .map(|&(_, _, to)| to)
}

/// What an accepted OPEN_REQ settled for the rest of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Opened {
    /// The client's VersionNumber: fixes the floating field format from now on.
    pub version: Version,
    /// The IdleTimeout as sent (0xFFFF_FFFF: none).
    pub idle_timeout_secs: u32,
    /// When the last whole message arrived: the `now` of the `handle_receive` that completed
    /// it, whether or not it has been handled yet.
    pub last_received: Instant,
    pub services_granted: ServiceMask,
    pub call_msg_mask: CallMsgMask,
    pub agent_state_mask: AgentStateMask,
    /// HEARTBEAT_CONFs sent so far (for the `stop_heartbeats_after` fault switch).
    pub heartbeats_answered: u32,
}

impl Opened {
    /// When the IdleTimeout expires, if it can (the rule is in `session::heartbeat`).
    pub fn idle_deadline(&self) -> Option<Instant> {
        heartbeat::idle_limit(self.idle_timeout_secs).map(|limit| self.last_received + limit)
    }
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
    fn terminal_phases_never_move() {
        for (f, _, _) in TRANSITIONS {
            assert!(!matches!(f, Closed | Failed));
        }
        assert_eq!(next(Open, T::OpenAccepted), None);
    }
}
