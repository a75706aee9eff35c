//! What a server session reports to the application, and why commands fail.

use core::fmt;

use crate::wire::codes::{ServiceMask, StatusCode};
use crate::wire::session::OpenReq;
use crate::wire::{DecodeError, EncodeError, InvokeId, Message, MessageType};

/// Something the application should know about; see
/// [`ServerSession::poll_event`](super::ServerSession::poll_event).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum ServerEvent<'a> {
    /// An OPEN_REQ was accepted; OPEN_CONF (and, for All Events sessions, the SYSTEM_EVENTs) are
    /// queued. Events may be sent from now on.
    Opened {
        /// The client's OPEN_REQ (ClientID, masks, agent fields, …), without its ClientPassword:
        /// the password is wiped from the session's buffers once checked.
        request: OpenReq<'a>,
        /// What OPEN_CONF granted: requested & supported.
        services_granted: ServiceMask,
    },
    /// A message was answered with FAILURE_CONF by the session itself (a rejected OPEN_REQ, a
    /// request before the open, a second OPEN_REQ, an unknown type). The session goes on,
    /// except after a rejected OPEN_REQ: then [`ServerEvent::Failed`] with
    /// [`FailureReason::OpenRejected`] follows, and the caller writes out the FAILURE_CONF and
    /// closes the connection, so that a client gets one password guess per connection.
    Rejected {
        /// The type received.
        message_type: MessageType,
        /// The InvokeID echoed in the FAILURE_CONF.
        invoke_id: InvokeId,
        /// The status sent.
        status: StatusCode,
    },
    /// A HEARTBEAT_REQ arrived; `answered` is false once the `stop_heartbeats_after` fault
    /// switch has tripped.
    Heartbeat {
        /// Its InvokeID.
        invoke_id: InvokeId,
        /// True if HEARTBEAT_CONF was queued.
        answered: bool,
    },
    /// A client request the session does not answer itself (QUERY_AGENT_STATE_REQ, control
    /// requests, …): the application answers it with
    /// [`send`](super::ServerSession::send), its CONF or a FAILURE_CONF carrying the same
    /// InvokeID. Types the codec does not know come as [`Message::Unknown`].
    Request(Message<'a>),
    /// CLOSE_REQ arrived and CLOSE_CONF is queued: write it out, then close the connection.
    Closed {
        /// The reason the client gave.
        status: StatusCode,
    },
    /// The session failed; reported exactly once. The caller resets the TCP connection (linger
    /// 0); the session ignores all further input.
    Failed(FailureReason),
}

/// Why a server session failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum FailureReason {
    /// No message arrived for IdleTimeout seconds (spec §6.3).
    IdleTimeout {
        /// The IdleTimeout from OPEN_REQ.
        seconds: u32,
    },
    /// The OPEN_REQ was rejected with FAILURE_CONF carrying `status` (wrong credentials, an
    /// unsupported version, …). Unlike the other failures, the FAILURE_CONF stays queued: write
    /// it out, then close the connection.
    OpenRejected {
        /// The status sent in FAILURE_CONF.
        status: StatusCode,
    },
    /// No acceptable OPEN_REQ within [`ServerConfig::open_wait`](super::ServerConfig::open_wait).
    OpenTimeout,
    /// The client sent bytes that are not a valid message.
    Malformed(DecodeError),
    /// A header announced a message longer than the receive limit; detected from the 8-byte
    /// header alone.
    Oversize {
        /// MessageLength from the header (body only).
        length: u32,
        /// The largest body accepted.
        limit: u32,
    },
    /// The client closed its side of the connection without a CLOSE_REQ.
    PeerClosed,
    /// Not from the session itself: the tokio server driver closed this connection, which had
    /// not authenticated yet, to make room for a new one at its connection limit
    /// (`ServerOptions::max_connections`).
    Evicted,
}

impl FailureReason {
    /// The reason a codec error gives: oversize lengths get their own variant, as on the
    /// client side.
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
            FailureReason::IdleTimeout { seconds } => {
                write!(f, "no message received for the IdleTimeout of {seconds} s")
            }
            FailureReason::OpenRejected { status } => write!(f, "OPEN_REQ rejected: {status}"),
            FailureReason::OpenTimeout => f.write_str("no acceptable OPEN_REQ in time"),
            FailureReason::Malformed(e) => write!(f, "malformed message: {e}"),
            FailureReason::Oversize { length, limit } => write!(
                f,
                "message length {length} exceeds the limit of {limit} body bytes"
            ),
            FailureReason::PeerClosed => f.write_str("the client closed the connection"),
            FailureReason::Evicted => {
                f.write_str("closed before OPEN_REQ to make room for a new connection")
            }
        }
    }
}

/// Why a command could not be carried out. The session is unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum SendError {
    /// No OPEN_REQ has been accepted yet: nothing may be sent before OPEN_CONF.
    NotOpen,
    /// The session has closed (CLOSE_REQ answered).
    Closed,
    /// The session has failed.
    Failed,
    /// The transmit buffer lacks room; drain [`poll_transmit`](super::ServerSession::poll_transmit)
    /// and retry.
    BufferFull,
    /// The message is longer than the session's version lets a sender send (4329 bytes in v15).
    MessageTooLong {
        /// The message's length, header included.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The message cannot be encoded (a field too long for its length byte, …).
    Encode(EncodeError),
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            SendError::NotOpen => f.write_str("session not open yet"),
            SendError::Closed => f.write_str("session closed"),
            SendError::Failed => f.write_str("session failed"),
            SendError::BufferFull => f.write_str("transmit buffer full"),
            SendError::MessageTooLong { len, limit } => {
                write!(f, "message of {len} bytes exceeds the limit of {limit}")
            }
            SendError::Encode(e) => write!(f, "cannot encode: {e}"),
        }
    }
}

impl core::error::Error for SendError {}
