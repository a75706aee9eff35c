//! The server session's states and the data each one holds.
//!
//! ```text
//!                     ServerSession::new(config, now)
//!                                  │
//!                                  ▼
//!   ┌──────────────────────────────────────────────────────────────┐
//!   │ AwaitingOpen                                                 │
//!   │   OPEN_REQ rejected     → FAILURE_CONF(status), stays here   │
//!   │   any other message     → FAILURE_CONF E_CTI_SESSION_NOT_OPEN│
//!   └───────────────┬──────────────────────────────────────────────┘
//!                   │ OPEN_REQ accepted → OPEN_CONF (+ SYSTEM_EVENTs)
//!                   ▼
//!   ┌──────────────────────────────────────────────────────────────┐
//!   │ Open                                                         │
//!   │   HEARTBEAT_REQ         → HEARTBEAT_CONF (same InvokeID)     │
//!   │   OPEN_REQ              → FAILURE_CONF E_CTI_SESSION_ALREADY_OPEN
//!   │   client request        → ServerEvent::Request (the          │
//!   │                           application answers it)            │
//!   │   other / unknown type  → FAILURE_CONF E_CTI_INVALID_MESSAGE_TYPE
//!   └───────────────┬──────────────────────────────────────────────┘
//!                   │ CLOSE_REQ → CLOSE_CONF
//!                   ▼
//!               ┌────────┐
//!               │ Closed │  terminal: the caller flushes and closes TCP
//!               └────────┘
//!
//!   AwaitingOpen or Open ── malformed input, EOF, IdleTimeout,
//!                           no OPEN_REQ within open_wait ──▶ ┌────────┐
//!                                                            │ Failed │ terminal:
//!                                                            └────────┘ the caller
//!                                                                       resets TCP
//! ```

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

/// What an accepted OPEN_REQ settled for the rest of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Opened {
    /// The client's VersionNumber: fixes the floating field format from now on.
    pub version: Version,
    /// IdleTimeout in milliseconds, `None` for 0xFFFF_FFFF (no idle detection).
    pub idle_timeout_ms: Option<u64>,
    /// The IdleTimeout as sent, for the failure report.
    pub idle_timeout_secs: u32,
    /// When the last whole message arrived (the open itself at first).
    pub last_received: Instant,
    pub services_granted: ServiceMask,
    pub call_msg_mask: CallMsgMask,
    pub agent_state_mask: AgentStateMask,
    /// HEARTBEAT_CONFs sent so far (for the `stop_heartbeats_after` fault switch).
    pub heartbeats_answered: u32,
}

impl Opened {
    /// When the IdleTimeout expires, if it can.
    pub fn idle_deadline(&self) -> Option<Instant> {
        self.idle_timeout_ms
            .map(|ms| Instant::from_millis(self.last_received.as_millis().saturating_add(ms)))
    }
}
