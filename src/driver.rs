//! What the client drivers, [`blocking`](crate::blocking) and `tokio`, share: the events they
//! hand out ([`ClientEvent`]), their options ([`ClientOptions`]) and errors ([`Error`]).
//!
//! Inside the crate it also holds `Core`, the socket-free part of a driver (reconnect schedule,
//! the session, the unsent output, bytes read but not yet taken, copies of handed-out
//! events).

use std::boxed::Box;
use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::string::String;
use std::time::Duration;
use std::vec::Vec;

use crate::client::{
    Attempt, Config, ConfigError, Event, FailureReason, Outcome, Reconnect, SendError, Session,
    Side,
};
use crate::wire::codes::{ControlFailureCode, StatusCode};
use crate::wire::{
    Decoder, Encode, InvokeId, Message, MessageType, RawMessage, Status, Version, HEADER_LEN,
};
use crate::Instant;

/// What a client driver hands out: the session's events, and what the driver itself knows
/// (which server it connects to, heartbeats).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientEvent<'a> {
    /// The driver will connect to `server` (side `side`) after waiting `delay`, as the
    /// reconnect schedule says (spec §6.1).
    Connecting {
        /// The side of the attempt.
        side: Side,
        /// The server's `"host:port"`, as given to `connect`.
        server: &'a str,
        /// How long the driver waits before connecting.
        delay: Duration,
    },
    /// The TCP connection is up and OPEN_REQ is on its way.
    Connected {
        /// The side connected to.
        side: Side,
        /// The server's `"host:port"`, as given to `connect`.
        server: &'a str,
        /// The address connected to.
        addr: SocketAddr,
    },
    /// A HEARTBEAT_REQ was queued (the session sends them by itself).
    HeartbeatSent {
        /// Heartbeats now outstanding.
        unconfirmed: usize,
    },
    /// Outstanding heartbeats were confirmed by HEARTBEAT_CONF.
    HeartbeatConfirmed {
        /// Round-trip time of the last confirmed heartbeat.
        rtt: Option<Duration>,
    },
    /// An event of the session. A connection that could not be made or broke ends with
    /// `SessionFailed` too, with [`FailureReason::ConnectionRefused`],
    /// [`FailureReason::ConnectionReset`], [`FailureReason::ConnectTimeout`],
    /// [`FailureReason::PeerClosed`] or [`FailureReason::Io`]; the driver then follows the
    /// reconnect schedule.
    Session(Event<'a>),
}

/// Settings of a client driver besides the session's [`Config`].
///
/// Start from [`ClientOptions::default`] and change what you need with the `with_*` methods;
/// more settings may come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientOptions {
    /// How long a TCP connect may take (default 10 s).
    pub connect_timeout: Duration,
    /// About how many clients share the CTI Server: the random wait of the reconnect schedule
    /// is 0 ..= clients / 10 seconds (default 1: no random wait).
    pub clients: u32,
    /// Seed of the random numbers for the reconnect schedule; `None` seeds from std's
    /// randomly keyed hasher. A fixed seed makes the schedule reproducible.
    pub seed: Option<u64>,
    /// The most bytes queued for the socket and not yet written; beyond it `send` returns
    /// [`Error::Backlog`] (default 1 MiB).
    pub max_unsent: usize,
    /// TCP keepalive: how long the connection may be idle before the system probes it, and
    /// the time between probes (default 60 s). The system default (2 hours on Linux) would
    /// let a dead connection go unnoticed for hours when heartbeats are off. `None` leaves
    /// keepalive off.
    pub keepalive: Option<Duration>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(10),
            clients: 1,
            seed: None,
            max_unsent: 1 << 20,
            keepalive: Some(Duration::from_secs(60)),
        }
    }
}

impl ClientOptions {
    /// These options with [`connect_timeout`](Self::connect_timeout) set to `timeout`.
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// These options with [`clients`](Self::clients) set to `n`.
    #[must_use]
    pub fn with_clients(mut self, n: u32) -> Self {
        self.clients = n;
        self
    }

    /// These options with [`seed`](Self::seed) set to `seed`.
    #[must_use]
    pub fn with_seed(mut self, seed: Option<u64>) -> Self {
        self.seed = seed;
        self
    }

    /// These options with [`max_unsent`](Self::max_unsent) set to `bytes`.
    #[must_use]
    pub fn with_max_unsent(mut self, bytes: usize) -> Self {
        self.max_unsent = bytes;
        self
    }

    /// These options with [`keepalive`](Self::keepalive) set to `idle`.
    #[must_use]
    pub fn with_keepalive(mut self, idle: Option<Duration>) -> Self {
        self.keepalive = idle;
        self
    }
}

/// Why a driver call failed. What the server or the network does wrong is an event
/// ([`Event::SessionFailed`]); these are local problems.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The session settings are invalid.
    Config(ConfigError),
    /// `connect` was given no server.
    NoServers,
    /// There is no session to send on (not connected, or between connections).
    NotConnected,
    /// The session refused the message.
    Send(SendError),
    /// More than `ClientOptions::max_unsent` bytes wait for the socket.
    Backlog,
    /// The client was closed.
    Closed,
    /// A local I/O problem (not a connection failure: those are events).
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(e) => write!(f, "invalid configuration: {e}"),
            Error::NoServers => f.write_str("no server given"),
            Error::NotConnected => f.write_str("no session open"),
            Error::Send(e) => write!(f, "cannot send: {e}"),
            Error::Backlog => f.write_str("too many bytes waiting for the socket"),
            Error::Closed => f.write_str("client closed"),
            Error::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        Error::Config(e)
    }
}

impl From<SendError> for Error {
    fn from(e: SendError) -> Self {
        Error::Send(e)
    }
}

/// The failure reason for a socket error. `connecting`: the error came from connect.
pub(crate) fn reason_of(e: &io::Error, connecting: bool) -> FailureReason {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => FailureReason::ConnectionRefused,
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe => FailureReason::ConnectionReset,
        io::ErrorKind::TimedOut if connecting => FailureReason::ConnectTimeout,
        io::ErrorKind::UnexpectedEof => FailureReason::PeerClosed,
        _ => FailureReason::Io {
            code: e.raw_os_error(),
        },
    }
}

/// `t` on the std clock that started at `epoch`; `None` if std cannot represent it (a
/// deadline centuries away): for a driver, a deadline that never comes.
pub(crate) fn to_std(epoch: std::time::Instant, t: Instant) -> Option<std::time::Instant> {
    epoch.checked_add(Duration::from_millis(t.as_millis()))
}

/// Milliseconds since `epoch`, the session's clock.
pub(crate) fn clock(epoch: std::time::Instant) -> Instant {
    Instant::from_millis(u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX))
}

/// A small xorshift generator for the schedule's random wait: no cryptography needed, only
/// clients that do not all reconnect at once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: Option<u64>) -> Rng {
        use std::hash::{BuildHasher, Hasher};
        let seed = seed.unwrap_or_else(|| {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::UNIX_EPOCH
                    .elapsed()
                    .unwrap_or_default()
                    .as_nanos(),
            );
            h.finish()
        });
        Rng(seed | 1)
    }

    pub(crate) fn next_u32(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x >> 32) as u32
    }
}

/// Where a driver is between connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// The next attempt is to be taken from the schedule.
    Idle,
    /// Connect to `server` once `until` has passed.
    Waiting {
        side: Side,
        server: usize,
        until: std::time::Instant,
    },
    /// A connection and its session are running.
    Running,
    /// `close` finished: no more events.
    Done,
}

/// What the socket layer must do with its connection after an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Teardown {
    /// Reset it (linger 0): the session failed.
    Reset,
    /// Shut it down: the session closed.
    Shutdown,
}

/// How a session answered a request, with the message itself kept in `Core::frame`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum HeldOutcome {
    Conf,
    Failure(StatusCode),
    ControlFailure {
        code: ControlFailureCode,
        peripheral_error: u32,
    },
    TimedOut,
}

/// An event ready to be handed out, owning nothing borrowed from the session: messages are
/// copied to `Core::frame`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ready {
    Connecting {
        side: Side,
        server: usize,
        delay: Duration,
    },
    Connected {
        side: Side,
        server: usize,
        addr: SocketAddr,
    },
    HeartbeatSent(usize),
    HeartbeatConfirmed(Option<Duration>),
    Opened,
    Message,
    Completed {
        invoke_id: InvokeId,
        request: MessageType,
        outcome: HeldOutcome,
    },
    Failed(FailureReason),
    Closed,
}

/// The socket-free part of a client driver.
pub(crate) struct Core<'c> {
    pub(crate) config: Config<'c>,
    pub(crate) servers: Vec<String>,
    pub(crate) options: ClientOptions,
    pub(crate) epoch: std::time::Instant,
    schedule: Reconnect,
    rng: Rng,
    pub(crate) phase: Phase,
    side: Side,
    session: Option<Box<Session>>,
    /// Bytes taken from the session and not yet written.
    pub(crate) out: Vec<u8>,
    /// Bytes read and not yet taken by the session.
    pub(crate) unread: Vec<u8>,
    /// The connection broke: reported once the session's processed events are handed out.
    broken: Option<FailureReason>,
    notes: VecDeque<Ready>,
    frame: Vec<u8>,
    version: Version,
    heartbeats_sent: u64,
    unconfirmed: usize,
    /// What the socket layer must do before handing out the current event.
    pub(crate) teardown: Option<Teardown>,
    /// `close` was called: the session's end is the client's end.
    pub(crate) closing: bool,
    /// The server refused the version and the configuration fell back to a lower one: the
    /// next attempt reopens on the same side at once, outside the schedule.
    retry_same_side: bool,
}

impl<'c> Core<'c> {
    pub(crate) fn new(
        config: &Config<'c>,
        servers: &[&str],
        options: ClientOptions,
    ) -> Result<Self, Error> {
        config.validate()?;
        if servers.is_empty() {
            return Err(Error::NoServers);
        }
        Ok(Core {
            config: *config,
            servers: servers.iter().map(|s| String::from(*s)).collect(),
            options,
            epoch: std::time::Instant::now(),
            schedule: Reconnect::new(Side::A, options.clients),
            rng: Rng::new(options.seed),
            phase: Phase::Idle,
            side: Side::A,
            session: None,
            out: Vec::new(),
            unread: Vec::new(),
            broken: None,
            notes: VecDeque::new(),
            frame: Vec::new(),
            version: config.version,
            heartbeats_sent: 0,
            unconfirmed: 0,
            teardown: None,
            closing: false,
            retry_same_side: false,
        })
    }

    pub(crate) fn now(&self) -> Instant {
        clock(self.epoch)
    }

    /// The session's next deadline on the std clock, `None` when no timer is armed.
    pub(crate) fn deadline(&self) -> Option<std::time::Instant> {
        let t = self.session.as_ref()?.poll_timeout()?;
        to_std(self.epoch, t)
    }

    pub(crate) fn session(&self) -> Option<&Session> {
        self.session.as_deref()
    }

    pub(crate) fn side(&self) -> Option<Side> {
        (self.phase == Phase::Running).then_some(self.side)
    }

    /// The server for `side`: side B is the second address, or the first when there is one.
    fn server_of(&self, side: Side) -> usize {
        match side {
            Side::A => 0,
            Side::B => 1.min(self.servers.len() - 1),
        }
    }

    pub(crate) fn server(&self, i: usize) -> &str {
        self.servers.get(i).map_or("", |s| s.as_str())
    }

    /// A connection attempt is over: the TCP connection to `addr` is up.
    pub(crate) fn connected(&mut self, side: Side, server: usize, addr: SocketAddr) {
        let now = self.now();
        match Session::new(&self.config, now) {
            Ok(s) => {
                debug!("driver: connected to {}", self.server(server));
                self.session = Some(Box::new(s));
                self.version = self.config.version;
                self.phase = Phase::Running;
                self.side = side;
                self.out.clear();
                self.unread.clear();
                self.broken = None;
                self.heartbeats_sent = 0;
                self.unconfirmed = 0;
                self.notes
                    .push_back(Ready::Connected { side, server, addr });
            }
            // Validated in `new`; should it fail anyway, the attempt fails.
            Err(_) => self.connect_failed(FailureReason::Io { code: None }),
        }
    }

    /// A connection attempt failed.
    pub(crate) fn connect_failed(&mut self, reason: FailureReason) {
        warn!("driver: connect failed: {:?}", reason);
        self.phase = if self.closing {
            Phase::Done
        } else {
            Phase::Idle
        };
        self.notes.push_back(Ready::Failed(reason));
    }

    pub(crate) fn on_read(&mut self, data: &[u8]) {
        let now = self.now();
        if let Some(s) = self.session.as_mut() {
            let taken = s.handle_receive(now, data);
            self.unread.extend_from_slice(&data[taken..]);
        }
    }

    pub(crate) fn on_eof(&mut self) {
        let now = self.now();
        if let Some(s) = self.session.as_mut() {
            s.handle_eof(now);
        }
    }

    pub(crate) fn on_timeout(&mut self) {
        let now = self.now();
        if let Some(s) = self.session.as_mut() {
            s.handle_timeout(now);
        }
    }

    /// The socket failed: reported after the events already processed.
    pub(crate) fn on_error(&mut self, e: &io::Error) {
        if self.broken.is_none() {
            self.broken = Some(reason_of(e, false));
        }
    }

    /// `n` bytes of `out` were written.
    pub(crate) fn advance(&mut self, n: usize) {
        self.out.drain(..n.min(self.out.len()));
    }

    /// True when reading more would not help: bytes read earlier still wait for room.
    pub(crate) fn read_blocked(&self) -> bool {
        !self.unread.is_empty() || self.broken.is_some()
    }

    /// Moves what the session has to send into `out`.
    fn collect_transmit(&mut self) {
        if let Some(s) = self.session.as_mut() {
            while let Some(tx) = s.poll_transmit() {
                let n = tx.len();
                self.out.extend_from_slice(tx);
                s.advance_transmit(n);
            }
        }
    }

    /// Sends `request` on the running session.
    pub(crate) fn send<M: Encode + ?Sized>(&mut self, request: &M) -> Result<InvokeId, Error> {
        if self.phase == Phase::Done {
            return Err(Error::Closed);
        }
        if self.out.len() > self.options.max_unsent {
            return Err(Error::Backlog);
        }
        let now = self.now();
        let s = self.session.as_mut().ok_or(Error::NotConnected)?;
        let id = s.send(now, request)?;
        self.collect_transmit();
        Ok(id)
    }

    /// Starts closing: CLOSE_REQ on a running session, or nothing to do.
    pub(crate) fn start_close(&mut self, status: StatusCode) {
        self.closing = true;
        let now = self.now();
        match (self.phase, self.session.as_mut()) {
            (Phase::Running, Some(s)) if !s.is_terminal() => {
                let _ = s.close(now, status);
                self.collect_transmit();
            }
            (Phase::Running, _) => {}
            _ => self.phase = Phase::Done,
        }
    }

    /// The next event that is ready without any I/O, or `None` when the driver must wait for
    /// the socket, the clock, or the schedule.
    pub(crate) fn step(&mut self) -> Option<Ready> {
        if let Some(n) = self.notes.pop_front() {
            return Some(n);
        }
        match self.phase {
            Phase::Done | Phase::Waiting { .. } => return None,
            Phase::Idle => {
                let attempt = if core::mem::take(&mut self.retry_same_side) {
                    Attempt {
                        side: self.side,
                        delay: Duration::ZERO,
                    }
                } else {
                    self.schedule.next_attempt(self.rng.next_u32())
                };
                let server = self.server_of(attempt.side);
                self.phase = Phase::Waiting {
                    side: attempt.side,
                    server,
                    until: std::time::Instant::now() + attempt.delay,
                };
                return Some(Ready::Connecting {
                    side: attempt.side,
                    server,
                    delay: attempt.delay,
                });
            }
            Phase::Running => {}
        }
        loop {
            self.collect_transmit();
            let s = self.session.as_mut()?;
            let stats = s.stats();
            if stats.heartbeats_sent > self.heartbeats_sent {
                self.heartbeats_sent = stats.heartbeats_sent;
                self.unconfirmed = s.unconfirmed_heartbeats();
                return Some(Ready::HeartbeatSent(self.unconfirmed));
            }
            if s.unconfirmed_heartbeats() < self.unconfirmed && !s.is_terminal() {
                self.unconfirmed = s.unconfirmed_heartbeats();
                return Some(Ready::HeartbeatConfirmed(stats.heartbeat_rtt));
            }
            let version = s.version();
            if let Some(event) = s.poll_event() {
                let ready = hold(&event, version, &mut self.frame);
                match ready {
                    Ready::Opened => self.schedule.connected(self.side),
                    // STANDBY_ACTIVE_EVENT_MSG (v24): this side has just become the active
                    // one, so a later loss retries it first (versions sheet §4.3 rule 6).
                    Ready::Message if self.is_standby_active() => {
                        self.schedule.connected(self.side)
                    }
                    Ready::Failed(reason) => {
                        warn!("driver: session failed: {:?}", reason);
                        self.fall_back(reason);
                        self.end(Teardown::Reset)
                    }
                    Ready::Closed => self.end(Teardown::Shutdown),
                    _ => {}
                }
                return Some(ready);
            }
            if !self.unread.is_empty() {
                let now = self.now();
                let s = self.session.as_mut()?;
                let taken = s.handle_receive(now, &self.unread);
                self.unread.drain(..taken);
                if taken > 0 {
                    continue;
                }
            }
            if let Some(reason) = self.broken.take() {
                warn!("driver: connection lost: {:?}", reason);
                self.unread.clear();
                self.end(Teardown::Reset);
                return Some(Ready::Failed(reason));
            }
            return None;
        }
    }

    /// The version fallback of [`Config::fallback`]: an OPEN_REQ refused with
    /// E_CTI_INVALID_VERSION is retried at once on the same side, one version lower, as long as
    /// the configuration allows; the lower version then stays for later connections.
    fn fall_back(&mut self, reason: FailureReason) {
        let FailureReason::Rejected { status } = reason else {
            return;
        };
        if let Some(lower) = self.config.fallback(status) {
            debug!(
                "driver: version {} refused, falling back to {}",
                self.config.version.0, lower.version.0
            );
            self.config = lower;
            self.retry_same_side = true;
        }
    }

    /// True when the held message is STANDBY_ACTIVE_EVENT_MSG in a session that has the type.
    fn is_standby_active(&self) -> bool {
        self.version >= Version::V24
            && self.frame.get(4..8) == Some(&MessageType::STANDBY_ACTIVE_EVENT_MSG.0.to_be_bytes())
    }

    fn end(&mut self, how: Teardown) {
        self.session = None;
        self.out.clear();
        self.unread.clear();
        self.broken = None;
        self.teardown = Some(how);
        self.phase = if self.closing {
            Phase::Done
        } else {
            Phase::Idle
        };
    }

    /// The event for `ready`, borrowing this driver.
    pub(crate) fn render(&self, ready: Ready) -> ClientEvent<'_> {
        match ready {
            Ready::Connecting {
                side,
                server,
                delay,
            } => ClientEvent::Connecting {
                side,
                server: self.server(server),
                delay,
            },
            Ready::Connected { side, server, addr } => ClientEvent::Connected {
                side,
                server: self.server(server),
                addr,
            },
            Ready::HeartbeatSent(unconfirmed) => ClientEvent::HeartbeatSent { unconfirmed },
            Ready::HeartbeatConfirmed(rtt) => ClientEvent::HeartbeatConfirmed { rtt },
            Ready::Opened => match self.message() {
                Message::OpenConf(c) => ClientEvent::Session(Event::Opened(c)),
                m => ClientEvent::Session(Event::Message(m)),
            },
            Ready::Message => ClientEvent::Session(Event::Message(self.message())),
            Ready::Completed {
                invoke_id,
                request,
                outcome,
            } => ClientEvent::Session(Event::Completed {
                invoke_id,
                request,
                outcome: match outcome {
                    HeldOutcome::Conf => Outcome::Conf(self.message()),
                    HeldOutcome::TimedOut => Outcome::TimedOut,
                    HeldOutcome::Failure(s) => Outcome::Failure(s),
                    HeldOutcome::ControlFailure {
                        code,
                        peripheral_error,
                    } => Outcome::ControlFailure {
                        code,
                        peripheral_error,
                    },
                },
            }),
            Ready::Failed(reason) => ClientEvent::Session(Event::SessionFailed(reason)),
            Ready::Closed => ClientEvent::Session(Event::Closed),
        }
    }

    /// The copied message, decoded again; raw if it somehow does not decode.
    fn message(&self) -> Message<'_> {
        view(&self.frame, self.version)
    }
}

/// A message copied with [`copy_message`], as a view again.
pub(crate) fn view(frame: &[u8], version: Version) -> Message<'_> {
    let decoder = Decoder {
        version,
        max_message_len: usize::MAX,
    };
    match decoder.decode(frame) {
        Ok(Status::Complete((m, _))) => m,
        _ => Message::Unknown(RawMessage {
            message_type: MessageType(
                frame
                    .get(4..8)
                    .and_then(|b| b.try_into().ok())
                    .map_or(0, u32::from_be_bytes),
            ),
            body: frame.get(HEADER_LEN..).unwrap_or(&[]),
        }),
    }
}

/// Copies `m` into `frame`, encoded as `version` writes it.
pub(crate) fn copy_message(m: &Message<'_>, version: Version, frame: &mut Vec<u8>) {
    // The previous copy may have been an OPEN_REQ: wipe it rather than leave a password.
    frame.fill(0);
    frame.clear();
    frame.resize(m.encoded_len(version), 0);
    match m.encode(version, frame) {
        Ok(n) => frame.truncate(n),
        Err(_) => frame.clear(),
    }
}

/// The owned form of `event`; its message, if any, goes to `frame`.
fn hold(event: &Event<'_>, version: Version, frame: &mut Vec<u8>) -> Ready {
    match event {
        Event::Opened(c) => {
            copy_message(&Message::OpenConf(*c), version, frame);
            Ready::Opened
        }
        Event::Message(m) => {
            copy_message(m, version, frame);
            Ready::Message
        }
        Event::Completed {
            invoke_id,
            request,
            outcome,
        } => Ready::Completed {
            invoke_id: *invoke_id,
            request: *request,
            outcome: match outcome {
                Outcome::Conf(m) => {
                    copy_message(m, version, frame);
                    HeldOutcome::Conf
                }
                Outcome::Failure(s) => HeldOutcome::Failure(*s),
                Outcome::TimedOut => HeldOutcome::TimedOut,
                Outcome::ControlFailure {
                    code,
                    peripheral_error,
                } => HeldOutcome::ControlFailure {
                    code: *code,
                    peripheral_error: *peripheral_error,
                },
            },
        },
        Event::SessionFailed(r) => Ready::Failed(*r),
        Event::Closed => Ready::Closed,
    }
}

/// Sets the socket options of spec §6.1 on a connected stream: TCP_NODELAY, and keepalive
/// probing after `keepalive` idle (and every `keepalive` after that where the system lets us
/// choose the interval).
pub(crate) fn prepare(sock: socket2::SockRef<'_>, keepalive: Option<Duration>) -> io::Result<()> {
    sock.set_tcp_nodelay(true)?;
    let Some(idle) = keepalive else {
        return Ok(());
    };
    let params = socket2::TcpKeepalive::new().with_time(idle);
    #[cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "windows"
    ))]
    let params = params.with_interval(idle);
    sock.set_tcp_keepalive(&params)
}

/// Makes dropping the socket reset the connection (linger 0), as the spec asks after a
/// failure.
pub(crate) fn set_reset_on_drop(sock: socket2::SockRef<'_>) {
    let _ = sock.set_linger(Some(Duration::ZERO));
}

/// A bound on log lines, so that what a peer sends cannot multiply them: at most
/// [`LogLimit::LINES_PER_SECOND`] lines a second; the lines held back are counted and the count
/// is given with the next line written.
// Only the tokio server driver logs per peer; the blocking build has no use for it.
#[cfg_attr(not(feature = "tokio"), allow(dead_code))]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LogLimit {
    window: Option<std::time::Instant>,
    lines: u32,
    suppressed: u64,
}

#[cfg_attr(not(feature = "tokio"), allow(dead_code))]
impl LogLimit {
    /// Lines written per second at most.
    pub(crate) const LINES_PER_SECOND: u32 = 5;

    /// `Some(lines held back since the last line written)` if a line may be written at `now`,
    /// else `None` (and the line is counted as held back).
    pub(crate) fn allow(&mut self, now: std::time::Instant) -> Option<u64> {
        let fresh = self
            .window
            .is_none_or(|w| now.saturating_duration_since(w) >= Duration::from_secs(1));
        if fresh {
            self.window = Some(now);
            self.lines = 0;
        }
        if self.lines < Self::LINES_PER_SECOND {
            self.lines += 1;
            Some(core::mem::take(&mut self.suppressed))
        } else {
            self.suppressed += 1;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_are_bounded_per_second_and_the_rest_counted() {
        let mut l = LogLimit::default();
        let t0 = std::time::Instant::now();
        let written = (0..20_000).filter(|_| l.allow(t0).is_some()).count();
        assert_eq!(written, LogLimit::LINES_PER_SECOND as usize);
        let later = t0 + Duration::from_millis(999);
        assert_eq!(l.allow(later), None, "same second");
        let next = t0 + Duration::from_secs(1);
        assert_eq!(
            l.allow(next),
            Some(20_000 - 5 + 1),
            "held-back lines are reported"
        );
        assert_eq!(l.allow(next), Some(0));
    }

    /// A connected socket gets NODELAY and keepalive probing after the configured idle time,
    /// not the system's default of hours; `None` leaves keepalive off.
    #[test]
    fn prepare_sets_nodelay_and_the_keepalive_time() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stream = std::net::TcpStream::connect(addr).unwrap();
        let sock = socket2::SockRef::from(&stream);
        let idle = ClientOptions::default().keepalive;
        assert_eq!(idle, Some(Duration::from_secs(60)));
        prepare(sock, idle).unwrap();
        let sock = socket2::SockRef::from(&stream);
        assert!(sock.tcp_nodelay().unwrap());
        assert!(sock.keepalive().unwrap());
        #[cfg(target_os = "linux")]
        {
            assert_eq!(sock.tcp_keepalive_time().unwrap(), Duration::from_secs(60));
            assert_eq!(
                sock.tcp_keepalive_interval().unwrap(),
                Duration::from_secs(60)
            );
        }
        let other = std::net::TcpStream::connect(addr).unwrap();
        prepare(socket2::SockRef::from(&other), None).unwrap();
        assert!(!socket2::SockRef::from(&other).keepalive().unwrap());
    }

    /// The attempts a core makes when every connect fails: (side, server index, delay).
    fn attempts(seed: u64, clients: u32, n: usize) -> Vec<(Side, usize, Duration)> {
        let config = Config::new("t", b"");
        let options = ClientOptions::default()
            .with_clients(clients)
            .with_seed(Some(seed));
        let mut core = Core::new(&config, &["a:1", "b:2"], options).unwrap();
        let mut got = Vec::new();
        while got.len() < n {
            match core.step() {
                Some(Ready::Connecting {
                    side,
                    server,
                    delay,
                }) => {
                    got.push((side, server, delay));
                    core.connect_failed(FailureReason::ConnectionRefused);
                }
                Some(Ready::Failed(FailureReason::ConnectionRefused)) => {}
                other => panic!("{other:?}"),
            }
        }
        got
    }

    /// Spec §6.1: same side, other side, wait N (0 ..= clients/10 s), same, other, wait 15 s,
    /// same, other, wait 30 s; side A is the first address, side B the second.
    #[test]
    fn failed_connects_follow_the_reconnect_schedule() {
        let got = attempts(7, 100, 7);
        let sides: Vec<(Side, usize)> = got.iter().map(|a| (a.0, a.1)).collect();
        use Side::{A, B};
        assert_eq!(
            sides,
            [(A, 0), (B, 1), (A, 0), (B, 1), (A, 0), (B, 1), (A, 0)]
        );
        assert_eq!(got[0].2, Duration::ZERO);
        assert_eq!(got[1].2, Duration::ZERO);
        assert!(got[2].2 <= Duration::from_secs(10));
        assert_eq!(got[3].2, Duration::ZERO);
        assert_eq!(got[4].2, Duration::from_secs(15));
        assert_eq!(got[6].2, Duration::from_secs(30));
    }

    #[test]
    fn the_random_wait_is_reproducible_from_the_seed_and_spread_by_it() {
        let third = |seed| attempts(seed, 1000, 3)[2].2;
        assert_eq!(third(42), third(42));
        let waits: std::collections::BTreeSet<Duration> = (1..40).map(third).collect();
        assert!(waits.len() > 5, "{waits:?}");
        assert!(waits.iter().all(|w| *w <= Duration::from_secs(100)));
    }

    #[test]
    fn socket_errors_map_to_their_reasons() {
        let e = |k| io::Error::from(k);
        assert_eq!(
            reason_of(&e(io::ErrorKind::ConnectionRefused), true),
            FailureReason::ConnectionRefused
        );
        assert_eq!(
            reason_of(&e(io::ErrorKind::ConnectionReset), false),
            FailureReason::ConnectionReset
        );
        assert_eq!(
            reason_of(&e(io::ErrorKind::TimedOut), true),
            FailureReason::ConnectTimeout
        );
        assert_eq!(
            reason_of(&io::Error::from_raw_os_error(5), false),
            FailureReason::Io { code: Some(5) }
        );
    }
}
