//! What a client session reports: the events handed out by
//! [`Session::poll_event`](super::Session::poll_event) and the reasons a session fails.

use core::fmt;

use crate::wire::codes::{ControlFailureCode, StatusCode};
use crate::wire::session::OpenConf;
use crate::wire::{DecodeError, InvokeId, Message, MessageType};

/// One thing that happened, in the order it happened. Messages are zero-copy views into the
/// session's receive buffer, valid until the next call on the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Event<'a> {
    /// The server answered OPEN_REQ with OPEN_CONF: the session is open. The OPEN_CONF says what
    /// was granted: `services_granted`, `pg_status` (non-zero: degraded but open, spec §6.2),
    /// `monitor_id`, `peripheral_online`, `peripheral_type`, `agent_state` and the
    /// `peripherals()`.
    Opened(OpenConf<'a>),
    /// A message that answers no request of this session: an unsolicited event (SYSTEM_EVENT,
    /// FAILURE_EVENT, call and agent events, …), a type the codec does not know, or a
    /// confirmation whose InvokeID matches nothing outstanding.
    Message(Message<'a>),
    /// A request sent with [`Session::send`](super::Session::send) was answered, or its
    /// request timeout passed ([`Outcome::TimedOut`]). Either way its slot is free again.
    Completed {
        /// The InvokeID `send` returned.
        invoke_id: InvokeId,
        /// The type of the request it answers.
        request: MessageType,
        /// The answer.
        outcome: Outcome<'a>,
    },
    /// The session failed. Reported exactly once and last: the session is terminal and the
    /// caller should reset the TCP connection (linger 0) and reconnect.
    SessionFailed(FailureReason),
    /// The session closed cleanly (CLOSE_CONF, or the close timeout). Reported once and last;
    /// the caller resets the TCP connection.
    Closed,
}

/// How a request was answered (spec §6.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Outcome<'a> {
    /// The positive confirmation (`*_CONF`).
    Conf(Message<'a>),
    /// FAILURE_CONF: the server refused the request.
    Failure(StatusCode),
    /// CONTROL_FAILURE_CONF: a call or agent control request failed at the peripheral.
    ControlFailure {
        /// FailureCode.
        code: ControlFailureCode,
        /// PeripheralErrorCode (peripheral-specific, 0 if none).
        peripheral_error: u32,
    },
    /// No answer within [`Config::request_timeout`](super::Config::request_timeout). An
    /// answer arriving later is handed out as a plain [`Event::Message`].
    TimedOut,
}

/// Why a session failed. Everything the peer does wrong ends here, never in a panic or an
/// `Err` from an input method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum FailureReason {
    /// No OPEN_CONF or FAILURE_CONF within the open timeout (spec §6.2).
    OpenTimeout,
    /// The server answered OPEN_REQ with FAILURE_CONF (spec §6.2): fix what the status names.
    Rejected {
        /// The server's status, e.g. E_CTI_INVALID_PASSWORD.
        status: StatusCode,
    },
    /// A heartbeat fell due while three were unconfirmed (spec §6.3).
    HeartbeatTimeout,
    /// The CTI Server is offline: a FAILURE_CONF answered a heartbeat (spec §6.3), or a
    /// FAILURE_EVENT said so before the session was open.
    ServerOffline {
        /// The status the server sent.
        status: StatusCode,
    },
    /// A received message is malformed.
    Malformed(DecodeError),
    /// A header announced a message longer than the receive limit; detected from the 8-byte
    /// header alone.
    Oversize {
        /// MessageLength from the header (body only).
        length: u32,
        /// The largest body accepted.
        limit: u32,
    },
    /// A message that makes no sense in the session's state, e.g. a confirmation before
    /// OPEN_CONF or a second OPEN_CONF.
    UnexpectedMessage {
        /// Its type.
        message_type: MessageType,
    },
    /// The peer closed the connection (end of stream) while the session was not closing.
    PeerClosed,
    /// A heartbeat or CLOSE_REQ could not be queued because the transmit buffer stayed full:
    /// the caller has not written out `poll_transmit` for a long time.
    TransmitBlocked,
    /// The TCP connection was refused (nothing listens at the address). Reported by drivers.
    ConnectionRefused,
    /// The TCP connection was reset or aborted by the peer or the network. Reported by drivers.
    ConnectionReset,
    /// The TCP connection could not be established in time. Reported by drivers.
    ConnectTimeout,
    /// Another socket error; `code` is the operating system's error number when there is one.
    /// Reported by drivers.
    Io {
        /// The OS error number (`errno`), if any.
        code: Option<i32>,
    },
}

impl FailureReason {
    /// The reason's name in snake_case, as the `cti-client` tool prints it
    /// (`"heartbeat_timeout"`).
    pub const fn name(&self) -> &'static str {
        match self {
            FailureReason::OpenTimeout => "open_timeout",
            FailureReason::Rejected { .. } => "rejected",
            FailureReason::HeartbeatTimeout => "heartbeat_timeout",
            FailureReason::ServerOffline { .. } => "server_offline",
            FailureReason::Malformed(_) => "malformed",
            FailureReason::Oversize { .. } => "oversize",
            FailureReason::UnexpectedMessage { .. } => "unexpected_message",
            FailureReason::PeerClosed => "peer_closed",
            FailureReason::TransmitBlocked => "transmit_blocked",
            FailureReason::ConnectionRefused => "connection_refused",
            FailureReason::ConnectionReset => "connection_reset",
            FailureReason::ConnectTimeout => "connect_timeout",
            FailureReason::Io { .. } => "io_error",
        }
    }

    /// The reason a codec error gives: oversize lengths get their own variant.
    pub(crate) fn from_decode(e: DecodeError) -> Self {
        match e {
            DecodeError::Oversize { length, limit } => FailureReason::Oversize { length, limit },
            e => FailureReason::Malformed(e),
        }
    }
}

impl fmt::Display for FailureReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailureReason::OpenTimeout => f.write_str("no answer to OPEN_REQ in time"),
            FailureReason::Rejected { status } => write!(f, "OPEN_REQ rejected: {status}"),
            FailureReason::HeartbeatTimeout => f.write_str("three heartbeats unconfirmed"),
            FailureReason::ServerOffline { status } => {
                write!(f, "CTI Server offline: {status}")
            }
            FailureReason::Malformed(e) => write!(f, "malformed message: {e}"),
            FailureReason::Oversize { length, limit } => write!(
                f,
                "message length {length} exceeds the limit of {limit} body bytes"
            ),
            FailureReason::UnexpectedMessage { message_type } => {
                write!(f, "unexpected {message_type}")
            }
            FailureReason::PeerClosed => f.write_str("peer closed the connection"),
            FailureReason::TransmitBlocked => f.write_str("transmit buffer stayed full"),
            FailureReason::ConnectionRefused => f.write_str("connection refused"),
            FailureReason::ConnectionReset => f.write_str("connection reset"),
            FailureReason::ConnectTimeout => f.write_str("connect timed out"),
            FailureReason::Io { code: Some(c) } => write!(f, "socket error (os error {c})"),
            FailureReason::Io { code: None } => f.write_str("socket error"),
        }
    }
}
