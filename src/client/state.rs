//! The session's states and how it moves between them (spec §6.2–6.4).
//!
//! ```text
//!                     Session::new: OPEN_REQ queued, open timer armed
//!                                 |
//!                                 v
//!                          +-------------+  FAILURE_CONF to OPEN_REQ -> SessionFailed(Rejected)
//!                          |   Opening   |  open timeout             -> SessionFailed(OpenTimeout)
//!                          +-------------+  a CONF, or a FAILURE_EVENT(E_CTI_CTI_SERVER_OFFLINE)
//!                                 |                                  -> SessionFailed(..)
//!   close() -> Closed <-----------+  (nothing to close yet)
//!                                 | OPEN_CONF -> Opened; heartbeat timer armed
//!                                 v
//!                          +-------------+  heartbeat due, 3 unconfirmed -> SessionFailed(HeartbeatTimeout)
//!                          |    Open     |  FAILURE_CONF to a heartbeat  -> SessionFailed(ServerOffline)
//!                          +-------------+  a second OPEN_CONF           -> SessionFailed(UnexpectedMessage)
//!                                 |
//!                                 | close(status), or FAILURE_EVENT(E_CTI_CTI_SERVER_OFFLINE):
//!                                 | CLOSE_REQ queued, close timer armed, heartbeats stop
//!                                 v
//!                          +-------------+
//!                          |   Closing   |
//!                          +-------------+
//!                                 | CLOSE_CONF, close timeout (5 s) or end of stream -> Closed
//!                                 v
//!                          +-------------+
//!                          |   Closed    |  terminal
//!                          +-------------+
//!
//!   Opening, Open, Closing -- malformed or oversize input, end of stream (except while
//!   Closing), transmit buffer blocked --> Failed (terminal), with SessionFailed(reason).
//! ```
//!
//! Both terminal states ignore every input, make every command fail and arm no timer; the caller
//! resets the TCP connection (linger 0).

/// Where a session is in its life; see the diagram in this module's source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
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
