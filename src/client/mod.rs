//! The client side of a CTI Server session as a sans-IO state machine: [`Session`].
//!
//! The caller owns the socket and the clock. It feeds bytes and timestamps in
//! ([`Session::handle_receive`], [`Session::handle_timeout`], [`Session::handle_eof`]), gives
//! commands ([`Session::send`], [`Session::close`]) and takes bytes, events and deadlines out
//! ([`Session::poll_transmit`], [`Session::poll_event`], [`Session::poll_timeout`]).
//!
//! **After every `handle_*` or command: write out `poll_transmit`, drain `poll_event`, then sleep
//! until `poll_timeout` or the socket is readable.**
//!
//! ```
//! use cti_proto::client::{Config, Event, Session};
//! use cti_proto::Instant;
//!
//! let config = Config::new("bridge-1", b"secret");
//! let mut session = Session::new(&config, Instant::ZERO).unwrap();
//! // OPEN_REQ is waiting to be written.
//! let open_req = session.poll_transmit().unwrap().to_vec();
//! assert_eq!(&open_req[4..8], &[0, 0, 0, 3]);
//! session.advance_transmit(open_req.len());
//!
//! // The server's OPEN_CONF (spec §9) arrives.
//! let open_conf = [
//!     0x00, 0x00, 0x00, 0x1a, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
//!     0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x57, 0x46, 0xcc, 0x1e, 0x00, 0x01,
//!     0x00, 0x11, 0x00, 0x09,
//! ];
//! let now = Instant::from_millis(40);
//! assert_eq!(session.handle_receive(now, &open_conf), open_conf.len());
//! match session.poll_event() {
//!     Some(Event::Opened(conf)) => assert_eq!(conf.services_granted.0, 0x10),
//!     other => panic!("{other:?}"),
//! }
//! assert!(session.poll_event().is_none());
//! ```
//!
//! # Processing and handing out
//! A message is processed the moment its last byte is handed to `handle_receive`: OPEN_CONF
//! opens the session, HEARTBEAT_CONF confirms heartbeats, a FAILURE_EVENT saying the CTI Server is
//! offline queues CLOSE_REQ, a confirmation marks its request answered. Only the handing out
//! waits for `poll_event`, which returns the processed messages in order, as views into the
//! receive buffer. So the state, `poll_transmit` and `poll_timeout` are already up to date when
//! `handle_receive` returns, whenever the caller drains the events. The receive buffer holds
//! messages until they are handed out; when it is full, `handle_receive` takes fewer bytes than
//! offered and the caller offers the rest again after draining the events.
//!
//! # Requests
//! [`Session::send`] gives a request a fresh InvokeID and a slot in the pending table (`PENDING`
//! slots, 32 by default). The request completes exactly once, as [`Event::Completed`]: with the
//! server's answer, or with [`Outcome::TimedOut`] when [`Config::request_timeout`] (30 s by
//! default; the spec sets no limit) passes first. Either way the slot is free again once the
//! event is handed out; [`Session::cancel`] frees it at once. An answer that comes after its
//! request timed out or was cancelled matches nothing and is handed out as a plain
//! [`Event::Message`]. A timed-out request is reported after the messages received before its
//! deadline and before those received after it.
//!
//! # Secrets
//! The password is written into OPEN_REQ in the transmit buffer and nowhere else; the bytes are
//! zeroed as soon as [`advance_transmit`](Session::advance_transmit) passes them, wherever the
//! buffer has moved them. [`Config`]'s `Debug` shows `<redacted>` in its place.
//!
//! # Messages before OPEN_CONF
//! While opening, events without an InvokeID and types the codec does not know are handed out
//! as [`Event::Message`]: they do no harm. Any other message with an InvokeID (a confirmation of
//! a request never sent, OPEN_CONF or FAILURE_CONF with another InvokeID) is nonsense from the
//! peer and fails the session with [`FailureReason::UnexpectedMessage`]. A FAILURE_EVENT with
//! E_CTI_CTI_SERVER_OFFLINE means the open cannot succeed: [`FailureReason::ServerOffline`].
//!
//! # Time
//! Deadlines fire in [`handle_timeout`](Session::handle_timeout), and overdue ones also at the
//! start and end of every other input and command: an OPEN_CONF handed in after the open
//! timeout has passed fails the session even if `handle_timeout` was not called in time, and
//! after any call `poll_timeout` is later than `now` (or `None`). A deadline that is due at the
//! same `now` as an input fires first. A timer handled late fires once, at the `now` it is
//! handled (a heartbeat due long ago is sent now, not several at once); a heartbeat handled a
//! little late does not push the following ones back, so a host that oversleeps does not drift.

mod config;
mod event;
mod reconnect;
pub mod request;
mod state;

pub use crate::session::secret::Password;
pub use config::{Config, ConfigError};
pub use event::{Event, FailureReason, Outcome};
pub use reconnect::{Attempt, Reconnect, Side};
pub use state::State;

use core::fmt;
use core::marker::PhantomData;
use core::time::Duration;

use crate::session::buffer::{ByteQueue, RxBuffer, CONSUMED, MAX_FRAME};
use crate::session::heartbeat::{self, Due, Heartbeats};
use crate::session::limits;
use crate::session::requests::Requests;
use crate::session::timers::{TimerId, Timers};
use crate::wire::codes::StatusCode;
use crate::wire::session::{CloseReq, HeartbeatReq, OpenReq};
use crate::wire::{has_invoke_id, invoke_id_of, is_confirmation, type_in_version};
use crate::wire::{
    tag, Catalogue, Decoder, Encode, EncodeError, Floating, FloatingWriter, FullCatalogue,
    InvokeId, Message, MessageType, Status, Str, Version, HEADER_LEN,
};
use crate::Instant;

use state::Trigger;

/// The client's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Timer {
    /// OPEN_CONF must arrive before this (spec §6.2).
    Open = 0,
    /// The next HEARTBEAT_REQ falls due: one interval after the last message sent (spec §6.3).
    Heartbeat = 1,
    /// CLOSE_CONF must arrive before this (spec §6.4).
    Close = 2,
    /// The earliest deadline of a pending request.
    Request = 3,
}

impl TimerId for Timer {
    const ALL: &'static [Timer] = &[Timer::Open, Timer::Heartbeat, Timer::Close, Timer::Request];
    fn index(self) -> usize {
        self as usize
    }
}

/// What a processed frame becomes when it is handed out: its mark in the receive buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Disposition {
    /// `Event::Message`.
    Message = 1,
    /// `Event::Opened`.
    Opened = 2,
    /// `Event::Completed`: the answer to a pending request.
    Completed = 3,
    /// Nothing: consumed by the session itself (HEARTBEAT_CONF, CLOSE_CONF, …).
    Skip = CONSUMED,
}

impl Disposition {
    fn from_mark(b: u8) -> Disposition {
        match b {
            1 => Disposition::Message,
            2 => Disposition::Opened,
            3 => Disposition::Completed,
            _ => Disposition::Skip,
        }
    }
}

/// Transmit space kept free by [`Session::send`] for the messages the session sends by itself:
/// as many heartbeats as may be unconfirmed (12 bytes each), one CLOSE_REQ (16 bytes) and one
/// ACTIVE_MAINTENANCE_RESP_MSG (14 bytes, v24), rounded up to a multiple of 32.
pub const TRANSMIT_RESERVE: usize = (heartbeat::MAX_UNCONFIRMED_HEARTBEATS * HEARTBEAT_REQ_LEN
    + CLOSE_REQ_LEN
    + MAINTENANCE_RESP_LEN)
    .next_multiple_of(32);

/// HEARTBEAT_REQ without floating fields: header and InvokeID.
const HEARTBEAT_REQ_LEN: usize = HEADER_LEN + 4;
/// CLOSE_REQ without floating fields: header, InvokeID and Status.
const CLOSE_REQ_LEN: usize = HEADER_LEN + 8;
/// ACTIVE_MAINTENANCE_RESP_MSG: header, InvokeID and MaintenanceModeAccepted.
const MAINTENANCE_RESP_LEN: usize = HEADER_LEN + 6;

/// The largest OPEN_REQ a [`Config`] can produce: 52 bytes of header and fixed part, seven
/// floating fields at their maxima (spec §3.3).
const MAX_OPEN_REQ: usize = HEADER_LEN + 44 + 7 * 4 + 64 + 64 + 64 + 16 + 12 + 64 + 4;

/// A client session. `RX` is the receive buffer (at least one maximal message: 12 500 bytes by
/// default; a smaller one lowers the receive limit to its size), `TX` the transmit buffer and
/// `PENDING` the most requests outstanding at once. Nothing is allocated on the heap.
///
/// `C` chooses which received types are decoded into typed views ([`Catalogue`]): every type
/// by default ([`FullCatalogue`]), or only the session-management set
/// ([`SessionCatalogue`](crate::wire::SessionCatalogue)),
/// which keeps a small device's code small; the other types are then handed out raw.
///
/// [`Session::new`] makes one with the default buffers; choose others with
/// [`with_buffers`](Session::with_buffers), naming them in turbofish or in the type:
/// `Session::<4400, 1024, 8, SessionCatalogue>::with_buffers(&config, now)` on a small device
/// (parameters left out keep their defaults).
pub struct Session<
    const RX: usize = { limits::DEFAULT_RX },
    const TX: usize = { limits::DEFAULT_TX },
    const PENDING: usize = { limits::DEFAULT_PENDING },
    C: Catalogue = FullCatalogue,
> {
    catalogue: PhantomData<C>,
    state: State,
    version: Version,
    decoder: Decoder,
    heartbeat_interval: Option<Duration>,
    close_timeout: Duration,
    request_timeout: Duration,
    /// The latest `now` seen; earlier ones are clamped to it.
    now: Instant,
    /// When the last message was queued: the heartbeat interval runs from here.
    last_sent: Instant,
    next_invoke_id: u32,
    open_invoke_id: InvokeId,
    close_invoke_id: Option<InvokeId>,
    /// MaintenanceModeAccepted of the answer to ACTIVE_MAINTENANCE_REQ_MSG (v24+).
    accept_maintenance: bool,
    timers: Timers<Timer, 4>,
    heartbeats: Heartbeats,
    requests: Requests<PENDING>,
    rx: RxBuffer<RX>,
    tx: ByteQueue<TX>,
    /// The terminal event (`SessionFailed` or `Closed`) once the session has ended.
    end: Option<End>,
    end_reported: bool,
    stats: Stats,
}

/// How a session ended, reported after every message processed before the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Failed(FailureReason),
    Closed,
}

/// Counters for monitoring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Stats {
    /// Messages queued for sending (heartbeats included).
    pub messages_sent: u64,
    /// Whole messages received.
    pub messages_received: u64,
    /// Bytes taken by `handle_receive`.
    pub bytes_received: u64,
    /// Bytes the caller reported written with `advance_transmit`.
    pub bytes_sent: u64,
    /// HEARTBEAT_REQs sent.
    pub heartbeats_sent: u64,
    /// Round-trip time of the last confirmed heartbeat (queued to confirmed).
    pub heartbeat_rtt: Option<Duration>,
    /// Requests that completed as [`Outcome::TimedOut`].
    pub requests_timed_out: u64,
    /// ACTIVE_MAINTENANCE_REQ_MSGs answered by the session (v24+, see
    /// [`Config::accept_maintenance`]).
    pub maintenance_requests_answered: u64,
}

/// A command the session cannot carry out. These are local problems (misuse or capacity); what
/// the peer does wrong is reported as [`Event::SessionFailed`] instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum SendError {
    /// The transmit buffer cannot hold the message now: write out `poll_transmit` and retry.
    BufferFull,
    /// As many requests are outstanding as the pending table holds: wait for answers (or
    /// timeouts), or [`cancel`](Session::cancel) one.
    PendingFull,
    /// The session is not open yet.
    NotOpen,
    /// The session is closing.
    Closing,
    /// The session has closed.
    Closed,
    /// The session has failed.
    Failed,
    /// The message is longer than the sender's limit: 4329 bytes in v15 (spec §1.5), or the
    /// transmit buffer less its reserve if that is smaller.
    MessageTooLong {
        /// The message's length, header included.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The message has no InvokeID, so `send` cannot make it a request: use
    /// [`Session::send_unsolicited`]. (Or, with `send_unsolicited`: it has one, use `send`.)
    NotARequest {
        /// Its type.
        message_type: MessageType,
    },
    /// OPEN_REQ, HEARTBEAT_REQ and CLOSE_REQ are sent by the session itself (use
    /// [`Session::close`] to close).
    SessionOwned {
        /// Its type.
        message_type: MessageType,
    },
    /// The message could not be encoded.
    Encode(EncodeError),
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            SendError::BufferFull => f.write_str("transmit buffer full"),
            SendError::PendingFull => f.write_str("too many requests outstanding"),
            SendError::NotOpen => f.write_str("session not open yet"),
            SendError::Closing => f.write_str("session closing"),
            SendError::Closed => f.write_str("session closed"),
            SendError::Failed => f.write_str("session failed"),
            SendError::MessageTooLong { len, limit } => {
                write!(f, "message of {len} bytes exceeds the limit of {limit}")
            }
            SendError::NotARequest { message_type } => {
                write!(f, "{message_type} is not sendable this way")
            }
            SendError::SessionOwned { message_type } => {
                write!(f, "{message_type} is sent by the session itself")
            }
            SendError::Encode(e) => write!(f, "cannot encode: {e}"),
        }
    }
}

impl core::error::Error for SendError {}

/// What a received message means to the session, copied out of the receive buffer so the
/// buffer is free while the session reacts.
#[derive(Clone, Copy, Debug)]
enum Seen {
    OpenConf(InvokeId),
    FailureConf(InvokeId, StatusCode),
    HeartbeatConf(InvokeId),
    CloseConf(InvokeId),
    FailureEvent(StatusCode),
    /// Any other confirmation (`*_CONF`, CONTROL_FAILURE_CONF included).
    Conf(InvokeId, MessageType),
    /// ACTIVE_MAINTENANCE_REQ_MSG (v24+) with its InvokeID: the session answers it.
    MaintenanceReq(InvokeId),
    /// Anything else: events, unknown types, requests.
    Other(Option<InvokeId>, MessageType),
}

impl Seen {
    /// What `m`, of type `t` with body `body`, means to the session. The InvokeID and type come
    /// from the bytes rather than from the typed view, so telling them costs no dispatch over
    /// the whole catalogue.
    fn of(t: MessageType, body: &[u8], m: &Message<'_>, version: Version) -> Seen {
        // Read from the bytes, so that a session whose catalogue hands 278 out raw answers it
        // too; before v24 the type does not exist (versions sheet §4.1).
        if t == MessageType::ACTIVE_MAINTENANCE_REQ_MSG && version >= Version::V24 {
            if let Some((id, _)) = body.split_first_chunk::<4>() {
                return Seen::MaintenanceReq(InvokeId(u32::from_be_bytes(*id)));
            }
        }
        match m {
            Message::OpenConf(m) => Seen::OpenConf(m.invoke_id),
            Message::FailureConf(m) => Seen::FailureConf(m.invoke_id, m.status),
            Message::HeartbeatConf(m) => Seen::HeartbeatConf(m.invoke_id),
            Message::CloseConf(m) => Seen::CloseConf(m.invoke_id),
            Message::FailureEvent(m) => Seen::FailureEvent(m.status),
            // A type newer than the session's version is unknown there: no InvokeID is read.
            _ if !type_in_version(t, version) => Seen::Other(None, t),
            _ => match invoke_id_of(t, body) {
                Some(id) if is_confirmation(t) => Seen::Conf(id, t),
                id => Seen::Other(id, t),
            },
        }
    }
}

impl Session {
    /// Starts a session with the default buffers at `now`: checks `config`, queues OPEN_REQ
    /// (InvokeID 1) and arms the open timer. Other buffer sizes: [`Session::with_buffers`].
    pub fn new(config: &Config<'_>, now: Instant) -> Result<Self, ConfigError> {
        Self::with_buffers(config, now)
    }
}

impl<const RX: usize, const TX: usize, const PENDING: usize, C: Catalogue>
    Session<RX, TX, PENDING, C>
{
    /// Compile-time check of the buffer sizes: room for a header-only message and for the
    /// in-buffer frame marking.
    const BUFFERS_OK: () = assert!(RX >= 64 && RX < MAX_FRAME && PENDING > 0);

    // ----- construction -----

    /// Starts a session at `now` with the buffers and catalogue of the type's parameters,
    /// otherwise exactly like [`Session::new`]:
    /// `Session::<2_048, 1_024, 4>::with_buffers(&config, now)`.
    pub fn with_buffers(config: &Config<'_>, now: Instant) -> Result<Self, ConfigError> {
        #[allow(clippy::let_unit_value)]
        let () = Self::BUFFERS_OK;
        config.validate()?;
        let mut s = Session {
            catalogue: PhantomData,
            state: State::Opening,
            version: config.version,
            decoder: Decoder {
                version: config.version,
                max_message_len: RX.min(Decoder::DEFAULT_MAX_MESSAGE_LEN),
            },
            heartbeat_interval: config.heartbeat_interval,
            close_timeout: config.close_timeout,
            request_timeout: config.request_timeout,
            now,
            last_sent: now,
            next_invoke_id: 1,
            open_invoke_id: InvokeId(1),
            close_invoke_id: None,
            accept_maintenance: config.accept_maintenance,
            timers: Timers::default(),
            heartbeats: Heartbeats::default(),
            requests: Requests::new(),
            rx: RxBuffer::new(),
            tx: ByteQueue::new(),
            end: None,
            end_reported: false,
            stats: Stats::default(),
        };
        s.open_invoke_id = s.fresh_invoke_id();
        let mut floating = [0u8; MAX_OPEN_REQ];
        let open_req = open_req(config, s.open_invoke_id, &mut floating)?;
        let needed = open_req.encoded_len(s.version) + TRANSMIT_RESERVE;
        let queued = if needed > TX {
            Err(SendError::BufferFull)
        } else {
            s.queue(&open_req, 0)
        };
        // The only copy outside the session's transmit buffer: gone before anything else runs.
        floating.fill(0);
        core::hint::black_box(&mut floating);
        queued.map_err(|_| ConfigError::TransmitBufferTooSmall { needed })?;
        s.timers.set(Timer::Open, now + config.open_timeout);
        debug!("client: OPEN_REQ queued");
        Ok(s)
    }

    // ----- getters -----

    /// Where the session is; see [`State`].
    pub fn state(&self) -> State {
        self.state
    }

    /// True once the session has closed or failed (the terminal event may still be waiting in
    /// `poll_event`).
    pub fn is_terminal(&self) -> bool {
        self.state.is_terminal()
    }

    /// The protocol version of this session.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The heartbeat interval, `None` when heartbeats are off.
    pub fn heartbeat_interval(&self) -> Option<Duration> {
        self.heartbeat_interval
    }

    /// Heartbeats sent and not yet confirmed (at most three).
    pub fn unconfirmed_heartbeats(&self) -> usize {
        self.heartbeats.unconfirmed()
    }

    /// Requests sent with [`send`](Self::send) whose answer has not yet been handed out.
    pub fn pending_requests(&self) -> usize {
        self.requests.len()
    }

    /// The latest time the session has seen.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// Counters, and the last heartbeat round-trip time.
    pub fn stats(&self) -> Stats {
        Stats {
            heartbeat_rtt: self.heartbeats.rtt,
            ..self.stats
        }
    }

    // ----- inputs -----

    /// Bytes received from the server at `now`. Returns how many were taken: all of them unless
    /// the receive buffer is full of messages not yet handed out, in which case the caller
    /// drains `poll_event` and offers the rest again. Whole messages are processed at once (see
    /// the module docs); a malformed or oversize one fails the session. Once the session is
    /// terminal every byte is taken and ignored.
    #[must_use = "bytes not taken must be offered again"]
    pub fn handle_receive(&mut self, now: Instant, data: &[u8]) -> usize {
        self.advance_clock(now);
        self.run_timers();
        if self.state.is_terminal() {
            return data.len();
        }
        let taken = self.rx.append(data);
        self.stats.bytes_received += taken as u64;
        self.process_frames();
        self.run_timers();
        if self.state.is_terminal() {
            // The rest belongs to a session that has ended: take it so the caller moves on.
            return data.len();
        }
        taken
    }

    /// The clock reached `now`: fires the timers that are due. Early or repeated calls are
    /// harmless. Afterwards `poll_timeout` is later than `now`, or `None`.
    ///
    /// Each timer fires at most once per call, so a call much later than a deadline sends one
    /// HEARTBEAT_REQ, not one per interval missed (the cadence restarts from `now`); the
    /// session fails with `HeartbeatTimeout` only when a heartbeat falls due while three are
    /// unconfirmed. Near the end of the timeline a deadline that saturates at
    /// [`Instant::MAX`] is never reached (see [`Instant`]).
    pub fn handle_timeout(&mut self, now: Instant) {
        self.advance_clock(now);
        self.run_timers();
    }

    /// The server closed the connection (end of stream) at `now`. While closing this completes
    /// the close; otherwise the session fails with [`FailureReason::PeerClosed`].
    pub fn handle_eof(&mut self, now: Instant) {
        self.advance_clock(now);
        self.run_timers();
        self.fire(Trigger::EndOfStream, Some(FailureReason::PeerClosed));
    }

    // ----- commands -----

    /// Sends a request: gives it a fresh InvokeID (a counter, spec §1.6), overwriting the one in
    /// `message`, queues it and registers it so that its answer comes back as
    /// [`Event::Completed`] with the InvokeID returned here.
    ///
    /// ```
    /// use cti_proto::client::{Config, Event, Outcome, Session};
    /// use cti_proto::wire::session::ClientEventReportReq;
    /// use cti_proto::wire::{Floating, InvokeId, Message, MessageType};
    /// use cti_proto::Instant;
    ///
    /// let mut s = Session::new(&Config::new("me", b""), Instant::ZERO).unwrap();
    /// let open_conf = [0, 0, 0, 26, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ///     0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    /// s.handle_receive(Instant::ZERO, &open_conf);
    /// assert!(matches!(s.poll_event(), Some(Event::Opened(_))));
    ///
    /// let report = ClientEventReportReq {
    ///     invoke_id: InvokeId(0), // replaced by `send`
    ///     state: 0.into(),
    ///     floating: Floating::EMPTY,
    /// };
    /// let id = s.send(Instant::from_millis(5), &Message::from(report)).unwrap();
    /// assert_eq!(id, InvokeId(2)); // OPEN_REQ had 1
    ///
    /// // CLIENT_EVENT_REPORT_CONF with that InvokeID.
    /// s.handle_receive(Instant::from_millis(9), &[0, 0, 0, 4, 0, 0, 0, 33, 0, 0, 0, 2]);
    /// match s.poll_event() {
    ///     Some(Event::Completed { invoke_id, request, outcome: Outcome::Conf(_) }) => {
    ///         assert_eq!(invoke_id, id);
    ///         assert_eq!(request, MessageType::CLIENT_EVENT_REPORT_REQ);
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn send<M: Encode + ?Sized>(
        &mut self,
        now: Instant,
        message: &M,
    ) -> Result<InvokeId, SendError> {
        self.advance_clock(now);
        self.run_timers();
        self.check_sendable(message)?;
        // A request's first fixed field is its InvokeID (spec §1.6); that is the field rewritten.
        if message.invoke_id().is_none() || !has_invoke_id(message.message_type()) {
            return Err(SendError::NotARequest {
                message_type: message.message_type(),
            });
        }
        if self.requests.is_full() {
            return Err(SendError::PendingFull);
        }
        let start = self.tx.len();
        self.queue(message, TRANSMIT_RESERVE)?;
        let id = self.fresh_invoke_id();
        if let Some(field) = self
            .tx
            .bytes_mut()
            .get_mut(start + HEADER_LEN..start + HEADER_LEN + 4)
        {
            field.copy_from_slice(&id.0.to_be_bytes());
        }
        let deadline = self.now + self.request_timeout;
        self.requests.insert(id, message.message_type(), deadline);
        self.arm_request_timer();
        self.run_timers();
        Ok(id)
    }

    /// Gives up on the request `invoke_id` at `now`: its slot is free at once and no
    /// [`Event::Completed`] will come for it; an answer arriving later is handed out as a plain
    /// [`Event::Message`]. Returns `false` if no such request is pending (never sent, already
    /// completed, or the session ended).
    pub fn cancel(&mut self, now: Instant, invoke_id: InvokeId) -> bool {
        self.advance_clock(now);
        self.run_timers();
        let cancelled = self.requests.cancel(invoke_id);
        self.arm_request_timer();
        cancelled
    }

    /// Sends a message that is not a request and has no InvokeID, as is (for example
    /// CONFIG_REQUEST_KEY_EVENT, which a client sends to the server). It counts as a sent
    /// message for the heartbeat interval.
    pub fn send_unsolicited<M: Encode + ?Sized>(
        &mut self,
        now: Instant,
        message: &M,
    ) -> Result<(), SendError> {
        self.advance_clock(now);
        self.run_timers();
        self.check_sendable(message)?;
        if message.invoke_id().is_some() {
            return Err(SendError::NotARequest {
                message_type: message.message_type(),
            });
        }
        self.queue(message, TRANSMIT_RESERVE)?;
        self.run_timers();
        Ok(())
    }

    /// Closes the session with CLOSE_REQ carrying `status` (normally E_CTI_NO_ERROR) and waits
    /// for CLOSE_CONF or the close timeout, then reports [`Event::Closed`] (spec §6.4). A session
    /// still opening has nothing to close: it is closed at once, without CLOSE_REQ.
    pub fn close(&mut self, now: Instant, status: StatusCode) -> Result<(), SendError> {
        self.advance_clock(now);
        self.run_timers();
        match self.state {
            State::Opening => {
                self.fire(Trigger::Close, None);
                Ok(())
            }
            State::Open => self.begin_close(Trigger::Close, status),
            State::Closing => Err(SendError::Closing),
            State::Closed => Err(SendError::Closed),
            State::Failed => Err(SendError::Failed),
        }
    }

    // ----- outputs -----

    /// Bytes to write to the socket, `None` when there are none. Write as many as the socket
    /// takes and report them with [`advance_transmit`](Self::advance_transmit); poll again
    /// after every input and command. Bytes queued before a failure stay here: writing them
    /// before resetting the connection is harmless.
    #[must_use]
    pub fn poll_transmit(&self) -> Option<&[u8]> {
        (!self.tx.is_empty()).then_some(self.tx.bytes())
    }

    /// `n` bytes of [`poll_transmit`](Self::poll_transmit) were written. They are wiped from
    /// the transmit buffer at once: OPEN_REQ's password does not outlive its writing.
    pub fn advance_transmit(&mut self, n: usize) {
        let n = n.min(self.tx.len());
        self.tx.consume(n);
        self.stats.bytes_sent += n as u64;
    }

    /// The next event, `None` when there is none. Drain until `None` after every input and
    /// command. A returned event borrows the receive buffer until the next call on the session.
    /// The last event of a session is [`Event::SessionFailed`] or [`Event::Closed`], exactly once.
    #[must_use]
    pub fn poll_event(&mut self) -> Option<Event<'_>> {
        self.rx.release();
        // A request that timed out is reported after the messages received before its
        // deadline and before those received after.
        if let Some((invoke_id, request)) =
            self.requests.take_timed_out(self.rx.handed_out_position())
        {
            return Some(Event::Completed {
                invoke_id,
                request,
                outcome: Outcome::TimedOut,
            });
        }
        if !self.rx.has_ready() {
            return match self.end {
                Some(end) if !self.end_reported => {
                    self.end_reported = true;
                    self.requests.clear();
                    Some(match end {
                        End::Failed(reason) => Event::SessionFailed(reason),
                        End::Closed => Event::Closed,
                    })
                }
                _ => None,
            };
        }
        let (mark, message_type, body) = self.rx.lend()?;
        let disposition = Disposition::from_mark(mark);
        // Processed once already, so decoding cannot fail; if it did, the frame is dropped.
        let message = C::decode(message_type, body, self.version).ok()?;
        Some(match disposition {
            Disposition::Opened => match message {
                Message::OpenConf(conf) => Event::Opened(conf),
                m => Event::Message(m),
            },
            Disposition::Completed => {
                let invoke_id = invoke_id_of(message_type, body).unwrap_or_default();
                // Cancelled after the answer arrived: a plain message, like a late answer.
                let Some(request) = self.requests.complete(invoke_id) else {
                    return Some(Event::Message(message));
                };
                let outcome = match message {
                    Message::FailureConf(m) => Outcome::Failure(m.status),
                    Message::ControlFailureConf(m) => Outcome::ControlFailure {
                        code: m.failure_code,
                        peripheral_error: m.peripheral_error_code,
                    },
                    m => Outcome::Conf(m),
                };
                Event::Completed {
                    invoke_id,
                    request,
                    outcome,
                }
            }
            Disposition::Message | Disposition::Skip => Event::Message(message),
        })
    }

    /// When to call [`handle_timeout`](Self::handle_timeout) next: the earliest of the open,
    /// heartbeat, close and request deadlines, `None` when no timer is armed (an open session
    /// without heartbeats or pending requests, or a terminal one). Poll again after every input
    /// and command.
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.state.is_terminal() {
            return None;
        }
        self.timers.next()
    }

    // ----- internals -----

    fn advance_clock(&mut self, now: Instant) {
        self.now = self.now.max(now);
        self.rx.release();
    }

    fn fresh_invoke_id(&mut self) -> InvokeId {
        loop {
            let id = InvokeId(self.next_invoke_id);
            self.next_invoke_id = self.next_invoke_id.wrapping_add(1);
            // After a wrap, skip numbers still in use.
            if !self.requests.contains(id) && !self.heartbeats.is_outstanding(id) {
                return id;
            }
        }
    }

    fn check_sendable<M: Encode + ?Sized>(&self, message: &M) -> Result<(), SendError> {
        match self.state {
            State::Open => {}
            State::Opening => return Err(SendError::NotOpen),
            State::Closing => return Err(SendError::Closing),
            State::Closed => return Err(SendError::Closed),
            State::Failed => return Err(SendError::Failed),
        }
        let t = message.message_type();
        if [
            MessageType::OPEN_REQ,
            MessageType::HEARTBEAT_REQ,
            MessageType::CLOSE_REQ,
        ]
        .contains(&t)
        {
            return Err(SendError::SessionOwned { message_type: t });
        }
        Ok(())
    }

    /// Encodes `message` at the end of the transmit buffer, leaving `reserve` bytes free, and
    /// restarts the heartbeat interval.
    fn queue<M: Encode + ?Sized>(&mut self, message: &M, reserve: usize) -> Result<(), SendError> {
        let len = message.encoded_len(self.version);
        self.check_room(len, reserve)?;
        let version = self.version;
        let written = self.tx.append_with(|out| match out.get_mut(..len) {
            Some(out) => match message.encode(version, out) {
                Ok(n) if n == len => Ok(n),
                Ok(_) => Err(SendError::Encode(EncodeError::BufferTooSmall {
                    needed: len,
                })),
                Err(e) => Err(SendError::Encode(e)),
            },
            None => Err(SendError::BufferFull),
        });
        written?;
        self.queued();
        Ok(())
    }

    /// Queues a whole message already written as `bytes`, with no reserve left: [`Self::queue`]
    /// without an encoder, for the fixed-size answers the session writes itself.
    fn queue_bytes(&mut self, bytes: &[u8]) -> Result<(), SendError> {
        self.check_room(bytes.len(), 0)?;
        let written = self.tx.append_with(|out| match out.get_mut(..bytes.len()) {
            Some(out) => {
                out.copy_from_slice(bytes);
                Ok(bytes.len())
            }
            None => Err(SendError::BufferFull),
        });
        written?;
        self.queued();
        Ok(())
    }

    /// Whether a message of `len` bytes may be queued now, leaving `reserve` bytes free.
    fn check_room(&self, len: usize, reserve: usize) -> Result<(), SendError> {
        let limit = self.version.max_send_len().min(TX - TRANSMIT_RESERVE);
        if len > limit {
            return Err(SendError::MessageTooLong { len, limit });
        }
        if self.tx.len() + len + reserve > TX {
            return Err(SendError::BufferFull);
        }
        Ok(())
    }

    /// A message was queued: counts it and restarts the heartbeat interval.
    fn queued(&mut self) {
        self.stats.messages_sent += 1;
        self.last_sent = self.now;
        if let (State::Open, Some(interval)) = (self.state, self.heartbeat_interval) {
            let due = heartbeat::due_after_sending(self.last_sent, interval);
            self.timers.set(Timer::Heartbeat, due);
        }
    }

    /// Processes every complete frame in the receive buffer.
    fn process_frames(&mut self) {
        while !self.state.is_terminal() {
            let (len, seen) = match self.rx.next_unscanned(&self.decoder) {
                Ok(Status::Partial { .. }) => break,
                Err(e) => {
                    self.fail(FailureReason::from_decode(e));
                    break;
                }
                Ok(Status::Complete(frame)) => {
                    let t = frame.header.message_type;
                    match C::decode(t, frame.body, self.version) {
                        Ok(m) => (frame.total_len(), Seen::of(t, frame.body, &m, self.version)),
                        Err(e) => {
                            let reason = FailureReason::from_decode(e);
                            self.fail(reason);
                            break;
                        }
                    }
                }
            };
            self.stats.messages_received += 1;
            let disposition = self.dispose(seen);
            if self.state == State::Failed {
                // The failing message is not handed out.
                break;
            }
            self.rx.mark(len, disposition as u8);
        }
        if self.state.is_terminal() {
            self.rx.drop_unscanned();
        }
        // Answers took their requests' deadlines away.
        self.arm_request_timer();
    }

    /// The session's reaction to one received message, and what the message becomes.
    fn dispose(&mut self, seen: Seen) -> Disposition {
        use Disposition::{Completed, Message as Msg, Opened, Skip};
        let unexpected = |t| FailureReason::UnexpectedMessage { message_type: t };
        if self.state == State::Opening {
            match seen {
                Seen::OpenConf(id) if id == self.open_invoke_id => {
                    self.fire(Trigger::OpenConf, None);
                    debug!("client: open");
                    return Opened;
                }
                Seen::FailureConf(id, status) if id == self.open_invoke_id => {
                    self.fail(FailureReason::Rejected { status });
                }
                Seen::FailureEvent(status) if status == StatusCode::CTI_SERVER_OFFLINE => {
                    self.fail(FailureReason::ServerOffline { status });
                }
                Seen::FailureEvent(_) | Seen::Other(None, _) | Seen::MaintenanceReq(_) => {
                    return Msg
                }
                Seen::OpenConf(_) => self.fail(unexpected(MessageType::OPEN_CONF)),
                Seen::FailureConf(..) => self.fail(unexpected(MessageType::FAILURE_CONF)),
                Seen::HeartbeatConf(_) => self.fail(unexpected(MessageType::HEARTBEAT_CONF)),
                Seen::CloseConf(_) => self.fail(unexpected(MessageType::CLOSE_CONF)),
                Seen::Conf(_, t) | Seen::Other(Some(_), t) => self.fail(unexpected(t)),
            }
            return Skip;
        }
        match seen {
            Seen::HeartbeatConf(id) => {
                if self.heartbeats.confirm(id, self.now) {
                    Skip
                } else {
                    Msg
                }
            }
            Seen::FailureConf(id, status) => {
                if self.heartbeats.is_outstanding(id) {
                    // A FAILURE_CONF to a heartbeat: the CTI Server is offline (spec §6.3).
                    self.fail(FailureReason::ServerOffline { status });
                    Skip
                } else if self.requests.answer(id) {
                    Completed
                } else {
                    Msg
                }
            }
            Seen::CloseConf(id) => {
                if self.state == State::Closing && Some(id) == self.close_invoke_id {
                    self.fire(Trigger::CloseConf, None);
                    Skip
                } else {
                    Msg
                }
            }
            Seen::FailureEvent(status) => {
                if status == StatusCode::CTI_SERVER_OFFLINE && self.state == State::Open {
                    // Spec §6.4: close with that status, then reconnect.
                    if self.begin_close(Trigger::OfflineEvent, status).is_err() {
                        self.fail(FailureReason::TransmitBlocked);
                    }
                }
                Msg
            }
            Seen::OpenConf(_) => {
                self.fail(unexpected(MessageType::OPEN_CONF));
                Skip
            }
            Seen::Conf(id, _) => {
                if self.requests.answer(id) {
                    Completed
                } else {
                    Msg
                }
            }
            Seen::MaintenanceReq(id) => {
                if self.state == State::Open {
                    self.answer_maintenance(id);
                }
                Msg
            }
            Seen::Other(..) => Msg,
        }
    }

    /// Answers ACTIVE_MAINTENANCE_REQ_MSG `id` at once with ACTIVE_MAINTENANCE_RESP_MSG
    /// (versions sheet §4.2, §4.3 rule 5: within 5 s, or it counts as a rejection). The
    /// transmit reserve holds room for it. Written byte by byte (the layout of
    /// [`ActiveMaintenanceResp`](crate::wire::session::ActiveMaintenanceResp): InvokeID UINT,
    /// MaintenanceModeAccepted BOOL, no floating part), so a small device links no encoder
    /// for it.
    fn answer_maintenance(&mut self, id: InvokeId) {
        let mut resp = [0u8; MAINTENANCE_RESP_LEN];
        let body_len = (MAINTENANCE_RESP_LEN - HEADER_LEN) as u32;
        resp[..4].copy_from_slice(&body_len.to_be_bytes());
        resp[4..8].copy_from_slice(&MessageType::ACTIVE_MAINTENANCE_RESP_MSG.0.to_be_bytes());
        resp[8..12].copy_from_slice(&id.0.to_be_bytes());
        resp[13] = u8::from(self.accept_maintenance);
        if self.queue_bytes(&resp).is_err() {
            self.fail(FailureReason::TransmitBlocked);
            return;
        }
        self.stats.maintenance_requests_answered += 1;
        debug!(
            "client: ACTIVE_MAINTENANCE_RESP_MSG {} accepted={}",
            id.0, self.accept_maintenance
        );
    }

    /// Fires every timer due at `self.now`.
    /// Each timer fires at most once per call: a heartbeat re-armed at a time already reached
    /// (at `Instant::MAX`, where additions saturate) waits for the next input.
    fn run_timers(&mut self) {
        let mut fired = 0;
        while let Some(timer) = self.timers.expired_not_in(self.now, fired) {
            fired |= Timers::<Timer, 4>::bit(timer);
            match timer {
                Timer::Open => self.fail(FailureReason::OpenTimeout),
                Timer::Close => self.fire(Trigger::CloseTimeout, None),
                Timer::Heartbeat => self.heartbeat_due(),
                Timer::Request => {
                    let expired = self.requests.expire(self.now, self.rx.scanned_position());
                    self.stats.requests_timed_out += expired as u64;
                    self.arm_request_timer();
                }
            }
        }
    }

    /// Arms the request timer for the earliest deadline of a waiting request.
    fn arm_request_timer(&mut self) {
        if self.state.is_terminal() {
            return;
        }
        let next = self.requests.next_deadline();
        self.timers.set_opt(Timer::Request, next);
    }

    fn heartbeat_due(&mut self) {
        if self.heartbeats.due() == Due::Fail {
            debug!("client: too many heartbeats unconfirmed");
            self.fail(FailureReason::HeartbeatTimeout);
            return;
        }
        let due = self.timers.get(Timer::Heartbeat).unwrap_or(self.now);
        let id = self.fresh_invoke_id();
        let hb = HeartbeatReq {
            invoke_id: id,
            floating: Floating::EMPTY,
        };
        if self.queue(&hb, 0).is_err() {
            self.fail(FailureReason::TransmitBlocked);
            return;
        }
        // `queue` restarted the interval from now; keep the cadence instead if the timer was
        // handled only a little late.
        if let Some(next) = self
            .heartbeat_interval
            .and_then(|interval| heartbeat::next_due(due, self.now, interval))
        {
            self.timers.set(Timer::Heartbeat, next);
        }
        self.heartbeats.record(id, self.now);
        self.stats.heartbeats_sent += 1;
        trace!("client: HEARTBEAT_REQ {}", id.0);
    }

    /// Queues CLOSE_REQ with `status` and moves by `trigger` (to Closing).
    fn begin_close(&mut self, trigger: Trigger, status: StatusCode) -> Result<(), SendError> {
        let id = self.fresh_invoke_id();
        let req = CloseReq {
            invoke_id: id,
            status,
            floating: Floating::EMPTY,
        };
        self.queue(&req, 0)?;
        self.close_invoke_id = Some(id);
        self.fire(trigger, None);
        Ok(())
    }

    /// Fails the session: the reason is reported once, after the messages processed before.
    fn fail(&mut self, reason: FailureReason) {
        let trigger = match reason {
            FailureReason::OpenTimeout => Trigger::OpenTimeout,
            FailureReason::Rejected { .. } => Trigger::Rejected,
            FailureReason::HeartbeatTimeout => Trigger::HeartbeatTimeout,
            FailureReason::ServerOffline { .. } if self.state == State::Opening => {
                Trigger::OfflineEvent
            }
            FailureReason::ServerOffline { .. } => Trigger::HeartbeatRefused,
            // The connection-level reasons come from drivers, which see the socket; to the
            // session they all mean the stream ended.
            FailureReason::PeerClosed
            | FailureReason::ConnectionRefused
            | FailureReason::ConnectionReset
            | FailureReason::ConnectTimeout
            | FailureReason::Io { .. } => Trigger::EndOfStream,
            FailureReason::TransmitBlocked => Trigger::TransmitBlocked,
            FailureReason::Malformed(_)
            | FailureReason::Oversize { .. }
            | FailureReason::UnexpectedMessage { .. } => Trigger::PeerError,
        };
        self.fire(trigger, Some(reason));
    }

    /// The one place the state changes: looks `trigger` up in [`state::TRANSITIONS`] and runs
    /// what entering the new state does. A trigger that does not move the state is ignored.
    fn fire(&mut self, trigger: Trigger, reason: Option<FailureReason>) {
        let Some(to) = state::next(self.state, trigger) else {
            return;
        };
        self.state = to;
        match to {
            State::Opening => {}
            State::Open => {
                self.timers.stop(Timer::Open);
                if let Some(interval) = self.heartbeat_interval {
                    // Counted from the last message sent, so far the OPEN_REQ.
                    let due = heartbeat::due_after_sending(self.last_sent, interval);
                    self.timers.set(Timer::Heartbeat, due);
                }
            }
            State::Closing => {
                self.timers.stop(Timer::Heartbeat);
                self.timers.set(Timer::Close, self.now + self.close_timeout);
            }
            State::Closed | State::Failed => {
                self.timers.stop_all();
                self.heartbeats.clear();
                // What was queued before a failure stays in `poll_transmit`: writing it before
                // the reset is harmless, and keeps what the session sends independent of how
                // the input was split and when the caller wrote.
                self.end = Some(match reason {
                    Some(reason) if to == State::Failed => {
                        warn!("client: session failed");
                        End::Failed(reason)
                    }
                    _ => End::Closed,
                });
            }
        }
    }
}

impl<const RX: usize, const TX: usize, const PENDING: usize, C: Catalogue> fmt::Debug
    for Session<RX, TX, PENDING, C>
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("state", &self.state)
            .field("now", &self.now)
            .field("timeout", &self.poll_timeout())
            .field("unconfirmed_heartbeats", &self.heartbeats.unconfirmed())
            .field("pending_requests", &self.requests.len())
            .field("rx_bytes", &self.rx.len())
            .field("tx_bytes", &self.tx.len())
            .finish()
    }
}

/// Builds OPEN_REQ from `config`, its floating part written into `buf`.
fn open_req<'b>(
    config: &Config<'_>,
    invoke_id: InvokeId,
    buf: &'b mut [u8],
) -> Result<OpenReq<'b>, ConfigError> {
    let idle_timeout = config.idle_timeout_secs()?;
    let too_long = |field| ConfigError::FieldTooLong { field, max: 0 };
    let mut w = FloatingWriter::new(buf, config.version);
    w.put(tag::CLIENT_ID, Str::from(config.client_id))
        .map_err(|_| too_long("ClientID"))?;
    w.put(tag::CLIENT_PASSWORD, config.client_password.expose())
        .map_err(|_| too_long("ClientPassword"))?;
    let strings = [
        (
            tag::CLIENT_SIGNATURE,
            config.client_signature,
            "ClientSignature",
        ),
        (
            tag::AGENT_EXTENSION,
            config.agent_extension,
            "AgentExtension",
        ),
        (tag::AGENT_ID, config.agent_id, "AgentID"),
        (
            tag::AGENT_INSTRUMENT,
            config.agent_instrument,
            "AgentInstrument",
        ),
    ];
    for (t, value, field) in strings {
        w.put_opt(t, value.map(Str::from))
            .map_err(|_| too_long(field))?;
    }
    w.put_opt(tag::APP_PATH_ID, config.application_path_id)
        .map_err(|_| too_long("ApplicationPathID"))?;
    Ok(OpenReq {
        invoke_id,
        version_number: config.version.0,
        idle_timeout,
        peripheral_id: config.peripheral_id,
        services_requested: config.services_requested,
        call_msg_mask: config.call_msg_mask,
        agent_state_mask: config.agent_state_mask,
        config_msg_mask: config.config_msg_mask,
        reserved1: 0,
        reserved2: 0,
        reserved3: 0,
        floating: w.finish(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWORD: &[u8] = b"pw-S3CRET-4711";

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn open_req_is_wiped_from_the_transmit_buffer_once_written() {
        let config = Config::new("bridge-1", PASSWORD);
        let mut s = Session::<256, 1_024, 2>::with_buffers(&config, Instant::ZERO).unwrap();
        assert!(
            contains(s.tx.storage(), PASSWORD),
            "queued, not yet written"
        );
        let len = s.poll_transmit().unwrap().len();

        // A partial write: the password is still waiting to be written.
        s.advance_transmit(len - 20);
        assert!(contains(s.poll_transmit().unwrap(), &PASSWORD[..4]));
        // OPEN_CONF arrives meanwhile and the caller queues a request: the pending bytes move
        // to the front of the buffer, and no copy may stay where they were.
        assert_eq!(s.handle_receive(Instant::ZERO, &OPEN_CONF), OPEN_CONF.len());
        while s.poll_event().is_some() {}
        let report = crate::wire::session::ClientEventReportReq {
            invoke_id: InvokeId(0),
            state: 0.into(),
            floating: Floating::EMPTY,
        };
        s.send(Instant::ZERO, &Message::from(report)).unwrap();
        s.advance_transmit(20);
        assert!(
            !contains(s.tx.storage(), &PASSWORD[4..]),
            "{:?}",
            s.tx.storage()
        );
        assert!(!contains(s.tx.storage(), &PASSWORD[..4]));
        assert_eq!(
            s.poll_transmit().map(<[u8]>::len),
            Some(14),
            "the request remains"
        );
        s.advance_transmit(14);
        assert!(s.tx.storage().iter().all(|&b| b == 0));
    }

    #[test]
    fn a_whole_write_wipes_at_once() {
        let config = Config::new("bridge-1", PASSWORD);
        let mut s = Session::new(&config, Instant::ZERO).unwrap();
        let len = s.poll_transmit().unwrap().len();
        s.advance_transmit(len);
        assert!(s.tx.storage().iter().all(|&b| b == 0));
    }

    #[test]
    fn debug_shows_no_secret() {
        let config = Config::new("bridge-1", PASSWORD);
        let s = Session::new(&config, Instant::ZERO).unwrap();
        let shown = std::format!("{s:?}");
        assert!(shown.contains("Opening"), "{shown}");
        assert!(!shown.contains("S3CRET"), "{shown}");
    }

    /// OPEN_CONF with InvokeID 1 (spec §9, without the peripheral list).
    const OPEN_CONF: [u8; 34] = [
        0, 0, 0, 26, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0,
    ];
}

#[cfg(test)]
mod reserve_tests {
    use super::*;
    use crate::wire::session::ActiveMaintenanceResp;
    use crate::wire::Bool;

    #[test]
    fn the_transmit_reserve_holds_the_session_s_own_messages() {
        assert_eq!(TRANSMIT_RESERVE, 96);
        let hb = HeartbeatReq {
            invoke_id: InvokeId(1),
            floating: Floating::EMPTY,
        };
        let close = CloseReq {
            invoke_id: InvokeId(1),
            status: StatusCode::NO_ERROR,
            floating: Floating::EMPTY,
        };
        let maintenance = ActiveMaintenanceResp {
            invoke_id: InvokeId(1),
            maintenance_mode_accepted: Bool::TRUE,
            floating: Floating::EMPTY,
        };
        let needed = heartbeat::MAX_UNCONFIRMED_HEARTBEATS * hb.encoded_len(Version::V24)
            + close.encoded_len(Version::V24)
            + maintenance.encoded_len(Version::V24);
        assert_eq!(maintenance.encoded_len(Version::V24), MAINTENANCE_RESP_LEN);
        assert!(needed <= TRANSMIT_RESERVE);
    }
}
