//! The server role: [`ServerSession`], a sans-IO CTI Server session for simulators, bridges and
//! tests.
//!
//! It is driven exactly like the client `Session`: construct it with a [`ServerConfig`] and
//! `now`; feed it bytes ([`handle_receive`](ServerSession::handle_receive)), deadlines
//! ([`handle_timeout`](ServerSession::handle_timeout)) and the end of the stream
//! ([`handle_eof`](ServerSession::handle_eof)); give it commands
//! ([`send`](ServerSession::send), [`send_system_event`](ServerSession::send_system_event),
//! [`send_failure_event`](ServerSession::send_failure_event)); and after each of those
//! **write out [`poll_transmit`](ServerSession::poll_transmit), drain
//! [`poll_event`](ServerSession::poll_event), then sleep until
//! [`poll_timeout`](ServerSession::poll_timeout) or the socket is readable.**
//!
//! What the session does by itself (spec §6):
//! - validates OPEN_REQ and answers OPEN_CONF or FAILURE_CONF with the spec's status (see
//!   the order of checks below), then, for All Events sessions, one SYSTEM_EVENT per
//!   peripheral;
//! - answers anything before the open with E_CTI_SESSION_NOT_OPEN and a second OPEN_REQ with
//!   E_CTI_SESSION_ALREADY_OPEN;
//! - echoes HEARTBEAT_REQ with HEARTBEAT_CONF (same InvokeID), answers CLOSE_REQ with
//!   CLOSE_CONF;
//! - enforces the client's IdleTimeout: no whole message for that many seconds fails the
//!   session (the caller then resets the connection); 0xFFFF_FFFF disables it;
//! - answers message types no v15 client sends with FAILURE_CONF E_CTI_INVALID_MESSAGE_TYPE
//!   (2) and goes on. ⚠ Spec §6.7: whether a real v15 server says 2,
//!   E_CTI_INVALID_MSG_TYPE_FOR_VERSION (48) or something else was never observed; 2 is the
//!   v15 name for exactly this case. The InvokeID echoed is the body's first four bytes, where
//!   every request carries it, or 0 for a shorter body.
//!
//! Secrets: the ClientPassword of an OPEN_REQ is compared with the configured one in constant
//! time, then wiped from the receive buffer; the [`ServerEvent::Opened`] event carries the
//! OPEN_REQ without it. [`ServerConfig`]'s `Debug` never shows the password.
//!
//! Client requests the session does not answer itself (QUERY_AGENT_STATE_REQ, control
//! requests, …) come out as [`ServerEvent::Request`] for the application to answer with
//! [`send`](ServerSession::send).
//!
//! OPEN_REQ checks, in order; the first that fails decides the FAILURE_CONF status:
//! VersionNumber outside the configured range → E_CTI_INVALID_VERSION; a floating field longer
//! than its maximum → E_CTI_INVALID_FIELD_LENGTH; non-zero reserved fields →
//! E_CTI_INVALID_RESERVED_FIELD; IdleTimeout under 20 s → E_CTI_INVALID_TIMEOUT; unnamed mask
//! bits → E_CTI_INVALID_SERVICE_MASK, _CALL_MSG_MASK, _AGENT_STATE_MASK or
//! E_INVALID_CONFIG_MSG_MASK; missing ClientID/ClientPassword (or agent data for Client Events)
//! → E_CTI_REQUIRED_DATA_MISSING; an unknown peripheral for Client Events →
//! E_CTI_INVALID_PERIPHERAL_ID; wrong credentials → E_CTI_INVALID_PASSWORD.
//!
//! ```
//! use cti_proto::server::{ServerConfig, ServerEvent, ServerSession};
//! use cti_proto::wire::{session::HeartbeatReq, Floating, InvokeId, Version};
//! use cti_proto::Instant;
//!
//! let mut server = ServerSession::new(ServerConfig::default(), Instant::ZERO)?;
//! // A HEARTBEAT_REQ before any OPEN_REQ is refused with E_CTI_SESSION_NOT_OPEN.
//! let mut req = [0u8; 12];
//! HeartbeatReq { invoke_id: InvokeId(7), floating: Floating::EMPTY }.encode(Version::V15, &mut req)?;
//! assert_eq!(server.handle_receive(Instant::from_millis(5), &req), 12);
//! assert_eq!(server.poll_transmit(), Some(&[0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 4][..]));
//! assert!(matches!(server.poll_event(), Some(ServerEvent::Rejected { .. })));
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```

mod config;
mod event;
mod open;
mod requests;
mod state;

pub use config::{
    ConfigError, PeripheralConfig, ServerConfig, MAX_CREDENTIAL_LEN, MAX_PERIPHERALS,
};
pub use event::{FailureReason, SendError, ServerEvent};

use state::{Opened, Phase, State, Trigger};

use crate::session::buffer::{ByteQueue, RxBuffer, CONSUMED};
use crate::session::events::EventQueue;
use crate::session::heartbeat;
use crate::session::limits::{self, MAX_SERVER_EVENTS};
use crate::session::timers::{TimerId, Timers};
use crate::wire::codes::{
    AgentState, AgentStateMask, CallMsgMask, DeviceIdType, ServiceMask, StatusCode, SystemEventId,
};
use crate::wire::session::{
    CloseConf, CloseReq, FailureConf, FailureEvent, HeartbeatConf, HeartbeatReq, OpenReq,
    SystemEvent,
};
use crate::wire::{
    tag, DecodeError, Decoder, Encode, EncodeError, Floating, FloatingWriter, InvokeId, Message,
    MessageType, RawMessage, Status, Str, Time, Version, HEADER_LEN,
};
use crate::Instant;

/// IdleTimeout below this is E_CTI_INVALID_TIMEOUT (spec §3.3: at least 4 × the 5 s minimum
/// heartbeat interval).
pub const MIN_IDLE_TIMEOUT_SECS: u32 = heartbeat::MIN_IDLE_TIMEOUT_SECS;
/// IdleTimeout meaning "no idle detection" (spec §6.3).
pub const NO_IDLE_TIMEOUT: u32 = heartbeat::NO_IDLE_TIMEOUT;
/// Default receive buffer: one message of the default receive limit, 12 500 bytes.
pub const DEFAULT_RX: usize = limits::DEFAULT_RX;
/// Default transmit buffer.
pub const DEFAULT_TX: usize = limits::DEFAULT_TX;
/// Smallest transmit buffer accepted: room for OPEN_CONF and every SYSTEM_EVENT after it.
pub const MIN_TX: usize = 1_024;

/// The server's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Timer {
    /// No acceptable OPEN_REQ by this time: fail (`ServerConfig::open_wait`).
    OpenWait = 0,
    /// No message by this time: the client's IdleTimeout has passed (spec §6.3).
    Idle = 1,
}

impl TimerId for Timer {
    const ALL: &'static [Timer] = &[Timer::OpenWait, Timer::Idle];
    fn index(self) -> usize {
        self as usize
    }
}

/// One CTI Server session with one client, without I/O: see the [module docs](self).
///
/// `RX` bytes of receive buffer (the longest message accepted is the smaller of `RX` and
/// [`ServerConfig::max_message_len`]) and `TX` bytes of transmit buffer, both fixed; requests
/// handed out as events are copied into a second `RX`-byte store so that they can be borrowed
/// while the session goes on reading. Nothing is allocated.
///
/// [`ServerSession::new`] makes one with the default buffers; choose others with
/// [`with_buffers`](ServerSession::with_buffers): `ServerSession::<4096, 1024>::with_buffers`.
pub struct ServerSession<const RX: usize = DEFAULT_RX, const TX: usize = DEFAULT_TX> {
    config: ServerConfig,
    state: State,
    /// The latest `now` seen; earlier ones are clamped to it.
    now: Instant,
    timers: Timers<Timer, 2>,
    rx: RxBuffer<RX>,
    tx: ByteQueue<TX>,
    events: EventQueue<QueuedEvent, MAX_SERVER_EVENTS>,
    /// The bytes events borrow, in event order.
    event_bytes: ByteQueue<RX>,
    /// The front event has been handed out and is dropped at the next `poll_event`.
    event_taken: bool,
    /// The failure, until reported.
    failure: Option<FailureReason>,
    /// Received messages wait for room in the transmit buffer or the event queue.
    stalled: bool,
    /// Stream position up to which the receive buffer's whole messages have been counted as
    /// arrived.
    arrived_to: u64,
    /// When the last whole message arrived (the `now` of the `handle_receive` that completed
    /// it), handled or not.
    last_arrival: Instant,
    /// The "could not encode" warning was logged: it is logged once per session.
    warned: bool,
}

impl<const RX: usize, const TX: usize> core::fmt::Debug for ServerSession<RX, TX> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ServerSession")
            .field("state", &self.state.phase())
            .field("now", &self.now)
            .field("timeout", &self.poll_timeout())
            .field("rx_bytes", &self.rx.len())
            .field("tx_bytes", &self.tx.len())
            .field("events", &self.events.len())
            .finish_non_exhaustive()
    }
}

impl ServerSession {
    /// A session with the default buffers for a client that has just connected at `now`:
    /// waiting for OPEN_REQ. Other buffer sizes: [`ServerSession::with_buffers`].
    pub fn new(config: ServerConfig, now: Instant) -> Result<Self, ConfigError> {
        Self::with_buffers(config, now)
    }
}

impl<const RX: usize, const TX: usize> ServerSession<RX, TX> {
    // ----- construction -----

    /// A session with the buffers of the type's parameters, otherwise exactly like
    /// [`ServerSession::new`].
    pub fn with_buffers(config: ServerConfig, now: Instant) -> Result<Self, ConfigError> {
        config.validate()?;
        if TX < MIN_TX {
            return Err(ConfigError::TransmitBufferTooSmall);
        }
        if RX < HEADER_LEN + OpenReq::FIXED_LEN {
            return Err(ConfigError::MaxMessageLenTooSmall);
        }
        let mut timers = Timers::default();
        timers.set_opt(Timer::OpenWait, config.open_wait.map(|d| now + d));
        Ok(ServerSession {
            config,
            state: State::AwaitingOpen,
            now,
            timers,
            rx: RxBuffer::new(),
            tx: ByteQueue::new(),
            events: EventQueue::new(),
            event_bytes: ByteQueue::new(),
            event_taken: false,
            failure: None,
            stalled: false,
            arrived_to: 0,
            last_arrival: now,
            warned: false,
        })
    }

    // ----- getters -----

    /// The settings.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// True between OPEN_CONF and CLOSE_REQ or a failure: events may be sent.
    pub fn is_open(&self) -> bool {
        matches!(self.state, State::Open(_))
    }

    /// True after CLOSE_CONF or a failure: the session takes no more input.
    pub fn is_terminal(&self) -> bool {
        matches!(self.state, State::Closed | State::Failed)
    }

    /// The protocol version the client opened with.
    pub fn version(&self) -> Option<Version> {
        self.opened().map(|o| o.version)
    }

    /// ServicesGranted, once open.
    pub fn services_granted(&self) -> Option<ServiceMask> {
        self.opened().map(|o| o.services_granted)
    }

    /// The client's CallMsgMask, once open.
    pub fn call_msg_mask(&self) -> Option<CallMsgMask> {
        self.opened().map(|o| o.call_msg_mask)
    }

    /// The client's AgentStateMask, once open.
    pub fn agent_state_mask(&self) -> Option<AgentStateMask> {
        self.opened().map(|o| o.agent_state_mask)
    }

    /// True if the open session asked for messages of type `t`: a call event only if its
    /// CallMsgMask bit is set (spec §5.3), any other type always. False when not open.
    pub fn wants(&self, t: MessageType) -> bool {
        match (self.opened(), requests::call_event_mask(t)) {
            (None, _) => false,
            (Some(o), Some(bit)) => o.call_msg_mask.contains(bit),
            (Some(_), None) => true,
        }
    }

    /// True if the open session asked for AGENT_STATE_EVENTs reporting `state` (spec §5.4).
    /// States without a mask bit (UNKNOWN, the task states) pass when any bit is set.
    pub fn wants_agent_state(&self, state: AgentState) -> bool {
        match (self.opened(), requests::agent_state_mask(state)) {
            (None, _) => false,
            (Some(o), Some(bit)) => o.agent_state_mask.contains(bit),
            (Some(o), None) => !o.agent_state_mask.is_empty(),
        }
    }

    fn opened(&self) -> Option<&Opened> {
        match &self.state {
            State::Open(o) => Some(o),
            _ => None,
        }
    }

    // ----- inputs -----

    /// Takes bytes received from the client at `now`; returns how many were taken. Fewer than
    /// offered means the buffers are full: drain the outputs and offer the rest again. After a
    /// failure or close, input is ignored (all of it is "taken").
    ///
    /// `now` is when the bytes arrived. A driver that kept bytes the session could not take
    /// offers them again with the `now` at which it read them (earlier than the session's
    /// clock, which does not move back): that is the instant the IdleTimeout counts from (see
    /// [`handle_timeout`](Self::handle_timeout)).
    #[must_use = "bytes not taken must be offered again"]
    pub fn handle_receive(&mut self, now: Instant, data: &[u8]) -> usize {
        self.tick(now);
        let mut taken = 0;
        while !self.is_terminal() {
            let rest = data.get(taken..).unwrap_or_default();
            let n = self.rx.append(rest);
            taken += n;
            self.note_arrivals(now);
            self.process();
            if n == 0 || taken == data.len() || self.stalled {
                break;
            }
        }
        if self.is_terminal() {
            data.len()
        } else {
            taken
        }
    }

    /// Lets timers expire: the wait for OPEN_REQ and the IdleTimeout. Early or repeated calls
    /// are harmless.
    ///
    /// The IdleTimeout rule, precisely: a message counts as received when its last byte is
    /// taken by [`handle_receive`](Self::handle_receive), at that call's `now`, whether it is
    /// handled then or waits in the receive buffer for room in the transmit buffer (a client
    /// that does not read cannot keep itself "fresh" that way). Any whole message counts,
    /// HEARTBEAT_REQ, requests and refused ones alike; a partial message does not. The session
    /// fails with [`FailureReason::IdleTimeout`] at the first `handle_timeout` (or other input)
    /// whose `now` is at or after *arrival of the last whole message + IdleTimeout* (the
    /// deadline [`poll_timeout`](Self::poll_timeout) reports). The count starts with the
    /// OPEN_REQ, or a later message already received with it.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.tick(now);
    }

    /// The client closed its side. Messages already received are handled first; a session not
    /// yet closed by CLOSE_REQ then fails with [`FailureReason::PeerClosed`].
    pub fn handle_eof(&mut self, now: Instant) {
        self.tick(now);
        self.fail(Trigger::EndOfStream, FailureReason::PeerClosed);
    }

    // ----- commands -----

    /// Queues any message (an event, or the answer to a [`ServerEvent::Request`]) in the
    /// version the client opened with, as is (an answer carries the request's InvokeID).
    pub fn send<M: Encode + ?Sized>(&mut self, now: Instant, message: &M) -> Result<(), SendError> {
        self.advance_clock(now);
        let version = self.sendable()?;
        let len = message.encoded_len(version);
        let limit = version.max_send_len();
        if len > limit {
            return Err(SendError::MessageTooLong { len, limit });
        }
        if self.tx.free() < len {
            return Err(SendError::BufferFull);
        }
        self.tx
            .append_with(|spare| message.encode(version, spare))
            .map_err(SendError::Encode)?;
        Ok(())
    }

    /// Queues a SYSTEM_EVENT with the configured PGStatus and the current
    /// ICMCentralControllerTime (spec §3.7), e.g. SYS_PERIPHERAL_OFFLINE with the PeripheralID
    /// in `args[0]`, or SYS_TEXT_FYI with `text`.
    pub fn send_system_event(
        &mut self,
        now: Instant,
        id: SystemEventId,
        args: [u32; 3],
        text: Option<&str>,
    ) -> Result<(), SendError> {
        self.advance_clock(now);
        let version = self.sendable()?;
        let mut buf = [0u8; 4 + 256];
        let mut w = FloatingWriter::new(&mut buf, version);
        w.put_opt(tag::TEXT, text.map(Str::from))
            .map_err(SendError::Encode)?;
        let [arg1, arg2, arg3] = args;
        let event = SystemEvent {
            pg_status: self.config.pg_status,
            icm_central_controller_time: self.central_controller_time(),
            system_event_id: id,
            system_event_arg1: arg1,
            system_event_arg2: arg2,
            system_event_arg3: arg3,
            event_device_type: DeviceIdType::NONE,
            floating: w.finish(),
        };
        self.send(now, &Message::SystemEvent(event))
    }

    /// Queues a FAILURE_EVENT, e.g. E_CTI_CTI_SERVER_OFFLINE, after which a client closes the
    /// session (spec §6.4).
    pub fn send_failure_event(
        &mut self,
        now: Instant,
        status: StatusCode,
    ) -> Result<(), SendError> {
        let event = FailureEvent {
            status,
            floating: Floating::EMPTY,
        };
        self.send(now, &Message::FailureEvent(event))
    }

    fn sendable(&self) -> Result<Version, SendError> {
        match &self.state {
            State::Open(o) => Ok(o.version),
            State::AwaitingOpen => Err(SendError::NotOpen),
            State::Closed => Err(SendError::Closed),
            State::Failed => Err(SendError::Failed),
        }
    }

    // ----- outputs -----

    /// Bytes to write to the client, if any. After writing some, call
    /// [`advance_transmit`](Self::advance_transmit) and poll again until `None`; new bytes
    /// appear only after an input or a command.
    #[must_use]
    pub fn poll_transmit(&self) -> Option<&[u8]> {
        let b = self.tx.bytes();
        (!b.is_empty()).then_some(b)
    }

    /// Marks `n` bytes of [`poll_transmit`](Self::poll_transmit) as written.
    pub fn advance_transmit(&mut self, n: usize) {
        self.tx.consume(n);
    }

    /// The next event, oldest first; poll until `None` after every input or command. The event
    /// borrows the session until the next call. A failure comes last, exactly once.
    #[must_use]
    pub fn poll_event(&mut self) -> Option<ServerEvent<'_>> {
        if self.event_taken {
            self.event_taken = false;
            if let Some(p) = self.events.pop() {
                self.event_bytes.consume(p.byte_len());
            }
        }
        if let Some(p) = self.events.front().copied() {
            self.event_taken = true;
            let bytes = self
                .event_bytes
                .bytes()
                .get(..p.byte_len())
                .unwrap_or_default();
            return Some(p.view(bytes));
        }
        self.failure.take().map(ServerEvent::Failed)
    }

    /// When to call [`handle_timeout`](Self::handle_timeout) next: the end of the wait for
    /// OPEN_REQ, or the IdleTimeout. `None` when no timer runs (closed, failed, or an open
    /// session with IdleTimeout 0xFFFF_FFFF). It is `now` itself only when received messages
    /// wait for room that draining the outputs has just made; after `handle_timeout(now)` with
    /// drained outputs it is always later than `now`.
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.is_terminal() {
            return None;
        }
        if self.stalled && self.tx.is_empty() && self.events.is_empty() {
            return Some(self.now);
        }
        self.timers.next()
    }

    // ----- internals -----

    fn advance_clock(&mut self, now: Instant) {
        if now > self.now {
            self.now = now;
        }
    }

    /// Moves the clock, handles messages left waiting, then lets timers expire.
    fn tick(&mut self, now: Instant) {
        self.advance_clock(now);
        if self.is_terminal() {
            return;
        }
        if self.stalled {
            self.process();
        }
        let mut fired = 0;
        while let Some(timer) = self.timers.expired_not_in(self.now, fired) {
            fired |= Timers::<Timer, 2>::bit(timer);
            match (timer, &self.state) {
                (Timer::OpenWait, _) => self.fail(Trigger::OpenWait, FailureReason::OpenTimeout),
                (Timer::Idle, State::Open(o)) => {
                    let seconds = o.idle_timeout_secs;
                    self.fail(Trigger::IdleTimeout, FailureReason::IdleTimeout { seconds });
                }
                (Timer::Idle, _) => self.timers.stop(Timer::Idle),
            }
        }
    }

    fn central_controller_time(&self) -> Time {
        let secs = u32::try_from(self.now.as_millis() / 1000).unwrap_or(u32::MAX);
        Time(self.config.unix_time_at_zero.wrapping_add(secs))
    }

    fn fail(&mut self, trigger: Trigger, reason: FailureReason) {
        self.fire(trigger, None, Some(reason));
    }

    /// The one place the state changes: looks `trigger` up in [`state::TRANSITIONS`] and runs
    /// what entering the new state does. A trigger that does not move the state is ignored.
    fn fire(&mut self, trigger: Trigger, opened: Option<Opened>, failure: Option<FailureReason>) {
        let Some(to) = state::next(self.state.phase(), trigger) else {
            return;
        };
        match (to, opened) {
            (Phase::Open, Some(o)) => {
                self.state = State::Open(o);
                self.timers.stop(Timer::OpenWait);
                self.timers.set_opt(Timer::Idle, o.idle_deadline());
            }
            (Phase::Open | Phase::AwaitingOpen, _) => {}
            (Phase::Closed, _) => {
                self.state = State::Closed;
                self.timers.stop_all();
            }
            (Phase::Failed, _) => {
                debug!("server session failed");
                self.state = State::Failed;
                self.timers.stop_all();
                self.failure = failure;
                self.stalled = false;
                self.rx.clear();
                // A rejected OPEN_REQ's FAILURE_CONF is written out before the connection
                // closes; after any other failure the connection is reset and nothing is sent.
                if trigger != Trigger::OpenRejected {
                    self.tx.clear();
                }
            }
        }
    }

    /// Counts whole messages that bytes appended at `now` completed as arrived at `now`, and
    /// moves the IdleTimeout with them.
    fn note_arrivals(&mut self, now: Instant) {
        let mut pos = self.arrived_to.max(self.rx.scanned_position());
        let mut completed = false;
        loop {
            let rest = self.rx.bytes_at(pos);
            // MessageLength, the header's first field, counts the body only.
            let Some(body) = rest.first_chunk::<4>().map(|b| u32::from_be_bytes(*b)) else {
                break;
            };
            let total = usize::try_from(body)
                .unwrap_or(usize::MAX)
                .saturating_add(HEADER_LEN);
            if rest.len() < total {
                break;
            }
            pos += total as u64;
            completed = true;
        }
        self.arrived_to = pos;
        if completed {
            self.last_arrival = self.last_arrival.max(now.min(self.now));
            self.rearm_idle();
        }
    }

    /// Sets the IdleTimeout from the last whole message's arrival (an open session only).
    fn rearm_idle(&mut self) {
        if let State::Open(o) = &mut self.state {
            o.last_received = o.last_received.max(self.last_arrival);
            let deadline = o.idle_deadline();
            self.timers.set_opt(Timer::Idle, deadline);
        }
    }

    /// Handles every whole message in the receive buffer, until one must wait for room.
    fn process(&mut self) {
        self.stalled = false;
        let decoder = Decoder {
            version: Version::V15,
            max_message_len: self.config.max_message_len.min(RX),
        };
        while !self.is_terminal() {
            let (message_type, total) = match self.rx.next_unscanned(&decoder) {
                Ok(Status::Complete(f)) => (f.header.message_type, f.total_len()),
                Ok(Status::Partial { .. }) => return,
                Err(e) => return self.fail(Trigger::PeerError, FailureReason::from_decode(e)),
            };
            match self.on_message(message_type, total) {
                Ok(step) => {
                    // Handled: the frame is dropped and wiped (an OPEN_REQ's password with it).
                    self.rx.mark(total, CONSUMED);
                    self.rx.release();
                    match step {
                        Step::Stay => {}
                        Step::Update(o) => self.state = State::Open(o),
                        Step::Move(trigger, o) => self.fire(trigger, o, None),
                        Step::Fail(trigger, reason) => self.fire(trigger, None, Some(reason)),
                    }
                    self.rearm_idle();
                }
                Err(Stop::Stall) => {
                    self.stalled = true;
                    return;
                }
                Err(Stop::Fail(e)) => {
                    return self.fail(Trigger::PeerError, FailureReason::from_decode(e))
                }
            }
        }
    }

    /// Handles the message of type `t` that takes the first `total` bytes of the receive
    /// buffer; returns the next state if it changes. Outputs are all-or-nothing: on a stall,
    /// whatever this message queued is taken back.
    fn on_message(&mut self, t: MessageType, total: usize) -> Result<Step, Stop> {
        let arrived = self.last_arrival;
        let time = self.central_controller_time();
        let ServerSession {
            config,
            state,
            rx,
            tx,
            events,
            event_bytes,
            warned,
            ..
        } = self;
        let body = rx.unscanned_body(total);
        let mut out = Out::new(tx, events, event_bytes, warned);
        let result = match *state {
            State::AwaitingOpen if t == MessageType::OPEN_REQ => {
                open_session(body, config, arrived, time, &mut out)
            }
            State::AwaitingOpen => {
                let invoke_id = invoke_id_of(t, body, Version::V15)?;
                out.reject(t, invoke_id, StatusCode::SESSION_NOT_OPEN)
                    .map(|()| Step::Stay)
            }
            State::Open(o) => in_session(t, body, o, config, &mut out),
            State::Closed | State::Failed => Ok(Step::Stay),
        };
        if matches!(result, Err(Stop::Stall)) {
            out.undo();
        }
        result
    }
}

/// What handling a message does to the state.
enum Step {
    /// Nothing.
    Stay,
    /// The open session's data changed (a heartbeat was counted).
    Update(Opened),
    /// A transition, with the new open session's data when it opens.
    Move(Trigger, Option<Opened>),
    /// A transition to Failed, for this reason.
    Fail(Trigger, FailureReason),
}

/// Why handling a message stopped.
enum Stop {
    /// No room for its outputs yet.
    Stall,
    /// It is malformed.
    Fail(DecodeError),
}

impl From<DecodeError> for Stop {
    fn from(e: DecodeError) -> Self {
        Stop::Fail(e)
    }
}

/// Handles OPEN_REQ while waiting for one.
fn open_session<const RX: usize, const TX: usize>(
    body: &[u8],
    config: &ServerConfig,
    arrived: Instant,
    time: Time,
    out: &mut Out<'_, RX, TX>,
) -> Result<Step, Stop> {
    // The version decides the floating format, so it is read before the floating part is.
    let short = DecodeError::ShortBody {
        message_type: MessageType::OPEN_REQ,
        length: body.len(),
        fixed: OpenReq::FIXED_LEN,
    };
    let number = body.get(4..).and_then(|b| b.first_chunk::<4>());
    let (Some(invoke), Some(number)) = (body.first_chunk::<4>(), number) else {
        return Err(Stop::Fail(short));
    };
    let invoke_id = InvokeId(u32::from_be_bytes(*invoke));
    let number = u32::from_be_bytes(*number);
    if body.len() < OpenReq::FIXED_LEN {
        return Err(Stop::Fail(short));
    }
    if !config.accepts_version(number) {
        let status = StatusCode::INVALID_VERSION;
        out.reject(MessageType::OPEN_REQ, invoke_id, status)?;
        return Ok(rejected(status));
    }
    let version = Version(number);
    let req = OpenReq::decode(body, version)?;
    let granted = match field_lengths_ok(&req.floating).and_then(|()| open::check(&req, config)) {
        Ok(granted) => granted,
        Err(status) => {
            out.reject(MessageType::OPEN_REQ, invoke_id, status)?;
            return Ok(rejected(status));
        }
    };
    out.write(|buf| open::write_open_conf(&req, granted, config, time, version, buf))?;
    if config.system_events_on_open && granted.contains(ServiceMask::ALL_EVENTS) {
        for p in config.peripherals() {
            out.write(|buf| open::write_peripheral_event(p, config, time, version, buf))?;
        }
    }
    let fixed = OpenReq {
        floating: Floating::EMPTY,
        ..req
    };
    // The event keeps the floating part without ClientPassword: once checked, the password is
    // in no buffer of the session (the received frame is wiped when it is dropped).
    out.event_written(
        |len| QueuedEvent::Opened {
            fixed,
            version,
            services_granted: granted,
            len,
        },
        |buf| {
            let mut w = FloatingWriter::new(buf, version);
            for f in req.floating.iter() {
                if f.tag != tag::CLIENT_PASSWORD.id {
                    w.put_raw(f.tag, f.data)?;
                }
            }
            Ok(w.finish().bytes().len())
        },
    )?;
    Ok(Step::Move(
        Trigger::OpenAccepted,
        Some(Opened {
            version,
            idle_timeout_secs: req.idle_timeout,
            last_received: arrived,
            services_granted: granted,
            call_msg_mask: req.call_msg_mask,
            agent_state_mask: req.agent_state_mask,
            heartbeats_answered: 0,
        }),
    ))
}

/// A rejected OPEN_REQ ends the session (one guess per connection); its FAILURE_CONF is sent.
fn rejected(status: StatusCode) -> Step {
    Step::Fail(
        Trigger::OpenRejected,
        FailureReason::OpenRejected { status },
    )
}

/// E_CTI_INVALID_FIELD_LENGTH for a known floating field longer than the spec allows: such a
/// field would not fit the answer that echoes it, and a real server refuses it (spec §4).
fn field_lengths_ok(floating: &Floating<'_>) -> Result<(), StatusCode> {
    for f in floating.iter() {
        if let Some(spec) = tag::spec(f.tag) {
            if spec.max > 0 && f.data.len() > usize::from(spec.max) {
                return Err(StatusCode::INVALID_FIELD_LENGTH);
            }
        }
    }
    Ok(())
}

/// Handles a message in an open session.
fn in_session<const RX: usize, const TX: usize>(
    t: MessageType,
    body: &[u8],
    mut o: Opened,
    config: &ServerConfig,
    out: &mut Out<'_, RX, TX>,
) -> Result<Step, Stop> {
    let version = o.version;
    match t {
        MessageType::HEARTBEAT_REQ => {
            let req = HeartbeatReq::decode(body, version)?;
            let answered = config
                .stop_heartbeats_after
                .is_none_or(|n| o.heartbeats_answered < n);
            if answered {
                let conf = HeartbeatConf {
                    invoke_id: req.invoke_id,
                    floating: Floating::EMPTY,
                };
                out.write(|buf| conf.encode(version, buf))?;
                o.heartbeats_answered = o.heartbeats_answered.saturating_add(1);
            }
            let invoke_id = req.invoke_id;
            out.event(
                QueuedEvent::Plain(ServerEvent::Heartbeat {
                    invoke_id,
                    answered,
                }),
                &[],
            )?;
            Ok(Step::Update(o))
        }
        MessageType::CLOSE_REQ => {
            let req = CloseReq::decode(body, version)?;
            let conf = CloseConf {
                invoke_id: req.invoke_id,
                floating: Floating::EMPTY,
            };
            out.write(|buf| conf.encode(version, buf))?;
            out.event(
                QueuedEvent::Plain(ServerEvent::Closed { status: req.status }),
                &[],
            )?;
            Ok(Step::Move(Trigger::CloseReq, None))
        }
        MessageType::OPEN_REQ => {
            let invoke_id = invoke_id_of(t, body, version)?;
            out.reject(t, invoke_id, StatusCode::SESSION_ALREADY_OPEN)?;
            Ok(Step::Stay)
        }
        t if requests::is_client_request(t) => {
            // Validated now, so that the event's view never fails.
            Message::decode(t, body, version)?;
            let queued = QueuedEvent::Request {
                message_type: t,
                version,
                len: body.len(),
            };
            out.event(queued, body)?;
            Ok(Step::Stay)
        }
        _ => {
            let invoke_id = invoke_id_of(t, body, version)?;
            out.reject(t, invoke_id, StatusCode::INVALID_MESSAGE_TYPE)?;
            Ok(Step::Stay)
        }
    }
}

/// The InvokeID to echo when refusing a message: the decoded one for a known type, else the
/// first four body bytes (every request starts with it), else 0. A known type that does not
/// decode is malformed.
fn invoke_id_of(t: MessageType, body: &[u8], version: Version) -> Result<InvokeId, DecodeError> {
    let known = Message::decode(t, body, version)?.invoke_id();
    Ok(known
        .or_else(|| {
            body.first_chunk::<4>()
                .map(|b| InvokeId(u32::from_be_bytes(*b)))
        })
        .unwrap_or(InvokeId(0)))
}

/// The outputs of handling one message, taken back together if one does not fit.
struct Out<'s, const RX: usize, const TX: usize> {
    tx: &'s mut ByteQueue<TX>,
    events: &'s mut EventQueue<QueuedEvent, MAX_SERVER_EVENTS>,
    event_bytes: &'s mut ByteQueue<RX>,
    /// The session's "warned once" flag: a warning input could repeat is logged only once.
    warned: &'s mut bool,
    tx_mark: usize,
    events_mark: usize,
    bytes_mark: usize,
}

impl<'s, const RX: usize, const TX: usize> Out<'s, RX, TX> {
    fn new(
        tx: &'s mut ByteQueue<TX>,
        events: &'s mut EventQueue<QueuedEvent, MAX_SERVER_EVENTS>,
        event_bytes: &'s mut ByteQueue<RX>,
        warned: &'s mut bool,
    ) -> Self {
        Out {
            warned,
            tx_mark: tx.len(),
            events_mark: events.len(),
            bytes_mark: event_bytes.len(),
            tx,
            events,
            event_bytes,
        }
    }

    /// Encodes one message into the transmit buffer.
    fn write(
        &mut self,
        encode: impl FnOnce(&mut [u8]) -> Result<usize, EncodeError>,
    ) -> Result<(), Stop> {
        match self.tx.append_with(encode) {
            Ok(_) => Ok(()),
            Err(EncodeError::BufferTooSmall { .. }) => Err(Stop::Stall),
            // The session writes only messages it has built from checked fields (agent
            // strings within their maxima, tags below 256), so this cannot happen; dropping
            // the message is the safe answer if it ever did.
            Err(_) => {
                if !core::mem::replace(self.warned, true) {
                    warn!("server session could not encode a reply");
                }
                Ok(())
            }
        }
    }

    /// Queues FAILURE_CONF and reports it.
    fn reject(
        &mut self,
        t: MessageType,
        invoke_id: InvokeId,
        status: StatusCode,
    ) -> Result<(), Stop> {
        let conf = FailureConf {
            invoke_id,
            status,
            floating: Floating::EMPTY,
        };
        self.write(|buf| conf.encode(Version::V15, buf))?;
        self.event(
            QueuedEvent::Plain(ServerEvent::Rejected {
                message_type: t,
                invoke_id,
                status,
            }),
            &[],
        )
    }

    /// Queues an event with the bytes it borrows.
    fn event(&mut self, p: QueuedEvent, bytes: &[u8]) -> Result<(), Stop> {
        if self.events.is_full() || self.event_bytes.free() < bytes.len() {
            return Err(Stop::Stall);
        }
        self.event_bytes.push(bytes);
        self.events.push(p).map_err(|_| Stop::Stall)
    }

    /// Queues an event whose bytes `write` writes into the store; `make` gets their length.
    fn event_written(
        &mut self,
        make: impl FnOnce(usize) -> QueuedEvent,
        write: impl FnOnce(&mut [u8]) -> Result<usize, EncodeError>,
    ) -> Result<(), Stop> {
        if self.events.is_full() {
            return Err(Stop::Stall);
        }
        let len = self
            .event_bytes
            .append_with(write)
            .map_err(|_| Stop::Stall)?;
        self.events.push(make(len)).map_err(|_| Stop::Stall)
    }

    /// Takes back everything queued through this `Out`.
    fn undo(&mut self) {
        self.tx.truncate(self.tx_mark);
        self.events.truncate(self.events_mark);
        self.event_bytes.truncate(self.bytes_mark);
    }
}

/// An event waiting to be polled; bytes it borrows are in the session's event store.
#[derive(Clone, Copy, Debug)]
enum QueuedEvent {
    /// The OPEN_REQ's fixed part; its floating part is in the store.
    Opened {
        fixed: OpenReq<'static>,
        version: Version,
        services_granted: ServiceMask,
        len: usize,
    },
    /// The request's body is in the store.
    Request {
        message_type: MessageType,
        version: Version,
        len: usize,
    },
    /// An event that borrows nothing.
    Plain(ServerEvent<'static>),
}

impl QueuedEvent {
    /// Bytes it holds in the event store.
    fn byte_len(&self) -> usize {
        match self {
            QueuedEvent::Opened { len, .. } | QueuedEvent::Request { len, .. } => *len,
            _ => 0,
        }
    }

    fn view(self, bytes: &[u8]) -> ServerEvent<'_> {
        match self {
            QueuedEvent::Opened {
                fixed,
                version,
                services_granted,
                ..
            } => ServerEvent::Opened {
                request: OpenReq {
                    floating: Floating::trusted(bytes, version),
                    ..fixed
                },
                services_granted,
            },
            QueuedEvent::Request {
                message_type,
                version,
                ..
            } => ServerEvent::Request(
                // Decoded once already when it arrived; the fallback is never taken.
                Message::decode(message_type, bytes, version).unwrap_or(Message::Unknown(
                    RawMessage {
                        message_type,
                        body: bytes,
                    },
                )),
            ),
            QueuedEvent::Plain(event) => event,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Config, Session};

    const PASSWORD: &[u8] = b"pw-S3CRET-4711";

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// The OPEN_REQ a client with `password` sends.
    fn open_req(password: &[u8]) -> std::vec::Vec<u8> {
        let config = Config::new("bridge-1", password);
        let client = Session::new(&config, Instant::ZERO).unwrap();
        client.poll_transmit().unwrap().to_vec()
    }

    fn server() -> ServerSession<4_096, 2_048> {
        let config = ServerConfig::default()
            .with_credentials("bridge-1", PASSWORD)
            .unwrap();
        ServerSession::with_buffers(config, Instant::ZERO).unwrap()
    }

    fn no_password_in(s: &ServerSession<4_096, 2_048>) {
        assert!(!contains(s.rx.storage(), PASSWORD), "receive buffer");
        assert!(!contains(s.event_bytes.storage(), PASSWORD), "event store");
        assert!(!contains(s.tx.storage(), PASSWORD), "transmit buffer");
    }

    #[test]
    fn an_accepted_open_req_leaves_no_password_behind() {
        let mut s = server();
        let req = open_req(PASSWORD);
        // In two pieces: the first waits in the receive buffer until the rest arrives.
        let (a, b) = req.split_at(req.len() - 3);
        assert_eq!(s.handle_receive(Instant::ZERO, a), a.len());
        assert!(contains(s.rx.storage(), &PASSWORD[..8]), "not checked yet");
        assert_eq!(s.handle_receive(Instant::ZERO, b), b.len());
        assert!(s.is_open());
        no_password_in(&s);
        match s.poll_event() {
            Some(ServerEvent::Opened { request, .. }) => {
                assert_eq!(
                    request.client_id().map(|c| c.as_bytes()),
                    Some(&b"bridge-1"[..])
                );
                assert_eq!(request.client_password(), None, "removed once checked");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_rejected_open_req_leaves_no_password_behind() {
        let mut s = server();
        let wrong = b"pw-S3CRET-4712";
        let req = open_req(wrong);
        assert_eq!(s.handle_receive(Instant::ZERO, &req), req.len());
        assert!(!s.is_open());
        assert!(matches!(
            s.poll_event(),
            Some(ServerEvent::Rejected {
                status: StatusCode::INVALID_PASSWORD,
                ..
            })
        ));
        assert!(!contains(s.rx.storage(), wrong));
        assert!(!contains(s.event_bytes.storage(), wrong));
    }

    #[test]
    fn debug_shows_no_secret() {
        let s = server();
        let shown = std::format!("{s:?} {:?}", s.config());
        assert!(shown.contains("AwaitingOpen"), "{shown}");
        assert!(!shown.contains("S3CRET"), "{shown}");
    }
}
