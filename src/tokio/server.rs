//! The tokio server driver: [`Server`] accepts connections, [`Connection`] runs one
//! [`ServerSession`] over its socket for the application, which owns the task it runs in.

use std::boxed::Box;
use std::io;
use std::net::{Shutdown, SocketAddr};
use std::string::ToString;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Poll, Waker};
use std::time::Duration;
use std::vec;
use std::vec::Vec;

use ::tokio::net::{TcpListener, TcpStream, ToSocketAddrs};

use crate::driver::{clock, copy_message, set_reset_on_drop, to_std, view, LogLimit};
use crate::server::{FailureReason, ServerConfig, ServerEvent, ServerSession};
use crate::wire::codes::ServiceMask;
use crate::wire::{Message, Version};
use crate::Instant;

/// Settings of the server driver besides the sessions' [`ServerConfig`]. The open timeout of
/// unauthenticated connections is [`ServerConfig::open_wait`] (default 15 s), enforced by the
/// session and honoured by the driver even while a write is blocked.
///
/// Start from [`ServerOptions::default`] and change what you need with the `with_*` methods;
/// more settings may come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerOptions {
    /// The most connections at once (default [`ServerOptions::DEFAULT_MAX_CONNECTIONS`]). At the
    /// limit, a new connection takes the place of the oldest one that has not authenticated
    /// yet (no OPEN_CONF): that one ends with [`FailureReason::Evicted`], so that idle sockets
    /// cannot lock real clients out. Authenticated connections are never evicted; when all are
    /// authenticated, the new connection is refused (reset at once, never handed out).
    pub max_connections: usize,
    /// The most bytes queued for one connection and not yet taken by its socket. A client that
    /// does not read is cut off ([`Cut::OutputLimit`]) once this is exceeded, so a slow client
    /// costs bounded memory. Default [`ServerOptions::DEFAULT_MAX_UNSENT`].
    pub max_unsent: usize,
    /// SO_SNDBUF for accepted connections; `None` (default) keeps the system's. A small value
    /// makes a client that does not read show up sooner in [`Connection::unsent`].
    pub send_buffer: Option<usize>,
}

impl ServerOptions {
    /// The default bound on unsent output: 1 MiB, several thousand events.
    pub const DEFAULT_MAX_UNSENT: usize = 1 << 20;
    /// The default connection limit: 1000, several desktops' worth of clients per CTI Server.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 1000;

    /// These options with [`max_connections`](Self::max_connections) set to `n`.
    #[must_use]
    pub fn with_max_connections(mut self, n: usize) -> Self {
        self.max_connections = n;
        self
    }

    /// These options with [`max_unsent`](Self::max_unsent) set to `bytes`.
    #[must_use]
    pub fn with_max_unsent(mut self, bytes: usize) -> Self {
        self.max_unsent = bytes;
        self
    }

    /// These options with [`send_buffer`](Self::send_buffer) set to `bytes`.
    #[must_use]
    pub fn with_send_buffer(mut self, bytes: Option<usize>) -> Self {
        self.send_buffer = bytes;
        self
    }
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            max_unsent: Self::DEFAULT_MAX_UNSENT,
            send_buffer: None,
        }
    }
}

/// Why the driver cut a connection off (reset, linger 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cut {
    /// The client did not read: more than `ServerOptions::max_unsent` bytes waited.
    OutputLimit {
        /// Bytes waiting when it was cut off.
        unsent: usize,
    },
    /// The socket failed (reset by the client, …).
    Io {
        /// What failed.
        kind: io::ErrorKind,
    },
}

/// What a [`Connection`] hands out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectionEvent<'a> {
    /// An event of the session. After [`ServerEvent::Closed`] the driver writes out the
    /// CLOSE_CONF and shuts the connection down; after [`ServerEvent::Failed`] it resets it.
    Session(ServerEvent<'a>),
    /// The time set with [`Connection::set_wakeup`] has come.
    Wakeup,
    /// The driver cut the connection off; the last event.
    Cut(Cut),
}

/// The connections of one [`Server`] that are still running, for its connection limit.
#[derive(Debug, Default)]
struct Slots {
    next_id: u64,
    /// In order of acceptance, oldest first.
    live: Vec<Slot>,
    /// The server's own log lines (accepted, evicted, refused), bounded.
    log: LogLimit,
    /// Connections reset at once because every slot was authenticated.
    refused: u64,
    /// Unauthenticated connections that gave way to a new one.
    evicted: u64,
}

#[derive(Debug)]
struct Slot {
    id: u64,
    authenticated: bool,
    /// Woken when the slot is evicted.
    waker: Option<Waker>,
}

/// Shared by a server and its connections.
#[derive(Debug, Default)]
struct Registry(Mutex<Slots>);

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, Slots> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes room for one more connection and registers it; `None` if every slot is taken by
    /// an authenticated connection.
    fn admit(&self, max: usize) -> Option<u64> {
        let mut slots = self.lock();
        let now = std::time::Instant::now();
        while slots.live.len() >= max.max(1) {
            let Some(i) = slots.live.iter().position(|s| !s.authenticated) else {
                if let Some(held) = slots.log.allow(now) {
                    warn!(
                        "server driver: connection limit reached, all authenticated: new connection refused ({} lines held back)",
                        held
                    );
                }
                slots.refused += 1;
                return None;
            };
            let old = slots.live.remove(i);
            slots.evicted += 1;
            if let Some(held) = slots.log.allow(now) {
                debug!(
                    "server driver: connection limit reached: the oldest unauthenticated connection gives way ({} lines held back)",
                    held
                );
            }
            if let Some(w) = old.waker {
                w.wake();
            }
        }
        let id = slots.next_id;
        slots.next_id += 1;
        slots.live.push(Slot {
            id,
            authenticated: false,
            waker: None,
        });
        if let Some(held) = slots.log.allow(now) {
            debug!(
                "server driver: accepted a connection ({} lines held back)",
                held
            );
        }
        Some(id)
    }

    fn authenticated(&self, id: u64) {
        if let Some(s) = self.lock().live.iter_mut().find(|s| s.id == id) {
            s.authenticated = true;
        }
    }

    fn remove(&self, id: u64) {
        self.lock().live.retain(|s| s.id != id);
    }

    fn counts(&self) -> (u64, u64) {
        let slots = self.lock();
        (slots.refused, slots.evicted)
    }

    fn len(&self) -> usize {
        self.lock().live.len()
    }

    /// Ready once `id` has been evicted (or is no longer registered).
    fn evicted(&self, id: u64, cx: &mut std::task::Context<'_>) -> Poll<()> {
        let mut slots = self.lock();
        match slots.live.iter_mut().find(|s| s.id == id) {
            Some(s) => {
                s.waker = Some(cx.waker().clone());
                Poll::Pending
            }
            None => Poll::Ready(()),
        }
    }
}

/// A listening CTI Server; see the [module docs](super).
pub struct Server {
    listener: TcpListener,
    config: ServerConfig,
    options: ServerOptions,
    epoch: std::time::Instant,
    registry: Arc<Registry>,
}

impl Server {
    /// Listens on `addr`; every accepted connection runs a session with `config`.
    pub async fn bind(addr: impl ToSocketAddrs, config: ServerConfig) -> io::Result<Server> {
        config
            .validate()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
        Ok(Server {
            listener: TcpListener::bind(addr).await?,
            config,
            options: ServerOptions::default(),
            epoch: std::time::Instant::now(),
            registry: Arc::default(),
        })
    }

    /// The same server with other driver options.
    pub fn with_options(mut self, options: ServerOptions) -> Self {
        self.options = options;
        self
    }

    /// The same server with the sessions' clock starting at `epoch` (default: when bound).
    pub fn with_epoch(mut self, epoch: std::time::Instant) -> Self {
        self.epoch = epoch;
        self
    }

    /// The address listened on (useful after binding port 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The sessions' configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// Connections running now (handed out, not yet ended or dropped).
    pub fn connections(&self) -> usize {
        self.registry.len()
    }

    /// Connections refused so far at [`ServerOptions::max_connections`]: every running one
    /// had authenticated, so the new one was reset without being handed out.
    pub fn refused(&self) -> u64 {
        self.registry.counts().0
    }

    /// Unauthenticated connections that have given way to a newer one at
    /// [`ServerOptions::max_connections`] (each ends with [`FailureReason::Evicted`]).
    pub fn evicted(&self) -> u64 {
        self.registry.counts().1
    }

    /// Waits for the next client and starts its session. At
    /// [`ServerOptions::max_connections`] the oldest unauthenticated connection gives way to
    /// the new one; if every connection is authenticated, the new one is reset and the wait
    /// goes on. Cancel-safe.
    pub async fn accept(&self) -> io::Result<Connection> {
        loop {
            let (stream, peer) = self.listener.accept().await?;
            let Some(id) = self.registry.admit(self.options.max_connections) else {
                set_reset_on_drop(socket2::SockRef::from(&stream));
                continue;
            };
            let _ = stream.set_nodelay(true);
            if let Some(size) = self.options.send_buffer {
                let _ = socket2::SockRef::from(&stream).set_send_buffer_size(size);
            }
            let slot = (Arc::clone(&self.registry), id);
            return Connection::new(stream, peer, self.config.clone(), self.options, self.epoch)
                .map(|c| c.registered(slot));
        }
    }
}

/// Where a connection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Live,
    /// CLOSE_CONF (or a rejected OPEN_REQ's FAILURE_CONF) is queued: write it out, then shut
    /// down.
    Closing,
    /// Handed out its last event.
    Ended,
}

/// An owned copy of a session event; messages are in `Connection::frame`.
#[derive(Clone, Copy, Debug)]
enum Held {
    Opened(ServiceMask),
    Request,
    Other(ServerEvent<'static>),
    Wakeup,
    Cut(Cut),
}

/// One client's connection and its session. Drive it with [`next_event`](Self::next_event)
/// from one task; queue messages with [`send`](Self::send).
pub struct Connection {
    stream: Option<TcpStream>,
    peer: SocketAddr,
    session: Box<ServerSession>,
    epoch: std::time::Instant,
    options: ServerOptions,
    out: Vec<u8>,
    unread: Vec<u8>,
    /// When `unread` was read: the arrival time the session is given for it.
    unread_at: Instant,
    buf: Vec<u8>,
    frame: Vec<u8>,
    version: Version,
    wakeup: Option<Instant>,
    broken: Option<Cut>,
    stage: Stage,
    /// The server's registry and this connection's slot in it.
    slot: Option<(Arc<Registry>, u64)>,
    /// Evicted to make room: reported as a failure once the events before it are out.
    evicted: bool,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.release_slot();
    }
}

impl Connection {
    fn new(
        stream: TcpStream,
        peer: SocketAddr,
        config: ServerConfig,
        options: ServerOptions,
        epoch: std::time::Instant,
    ) -> io::Result<Connection> {
        let session = ServerSession::new(config, clock(epoch))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
        Ok(Connection {
            stream: Some(stream),
            peer,
            session: Box::new(session),
            epoch,
            options,
            out: Vec::new(),
            unread: Vec::new(),
            unread_at: Instant::ZERO,
            buf: vec![0; 16 * 1024],
            frame: Vec::new(),
            version: Version::V15,
            wakeup: None,
            broken: None,
            stage: Stage::Live,
            slot: None,
            evicted: false,
        })
    }

    fn registered(mut self, slot: (Arc<Registry>, u64)) -> Self {
        self.slot = Some(slot);
        self
    }

    /// Gives the connection's slot back to the server.
    fn release_slot(&mut self) {
        if let Some((registry, id)) = self.slot.take() {
            registry.remove(id);
        }
    }

    /// The client's address.
    pub fn peer_addr(&self) -> SocketAddr {
        self.peer
    }

    /// The session, to read its state (`version`, `wants`, …).
    pub fn session(&self) -> &ServerSession {
        &self.session
    }

    /// The session, for commands other than [`send`](Self::send) (`send_failure_event`,
    /// `send_system_event`). What they queue is collected by the next `send` or `next_event`.
    pub fn session_mut(&mut self) -> &mut ServerSession {
        &mut self.session
    }

    /// The sessions' clock now.
    pub fn now(&self) -> Instant {
        clock(self.epoch)
    }

    /// The start of the sessions' clock.
    pub fn epoch(&self) -> std::time::Instant {
        self.epoch
    }

    /// Bytes queued and not yet written.
    pub fn unsent(&self) -> usize {
        self.out.len() + self.session.poll_transmit().map_or(0, <[u8]>::len)
    }

    /// Makes `next_event` hand out [`ConnectionEvent::Wakeup`] at `at` (on the clock of
    /// [`now`](Self::now)), for the application's own timers; `None` cancels.
    pub fn set_wakeup(&mut self, at: Option<Instant>) {
        self.wakeup = at;
    }

    /// Queues `message` for the client. Past `ServerOptions::max_unsent` unsent bytes the
    /// client is cut off: `next_event` reports [`Cut::OutputLimit`].
    pub fn send(&mut self, message: &Message<'_>) -> Result<(), crate::server::SendError> {
        self.collect_transmit();
        let now = self.now();
        self.session.send(now, message)?;
        self.collect_transmit();
        Ok(())
    }

    fn collect_transmit(&mut self) {
        while let Some(tx) = self.session.poll_transmit() {
            let n = tx.len();
            self.out.extend_from_slice(tx);
            self.session.advance_transmit(n);
        }
        if self.out.len() > self.options.max_unsent && self.broken.is_none() {
            warn!("server driver: output limit exceeded");
            self.broken = Some(Cut::OutputLimit {
                unsent: self.out.len(),
            });
        }
    }

    /// The next event, waiting until there is one; `Ok(None)` once the connection has ended.
    /// Every timer (the session's and the wakeup) fires on time even while the client does
    /// not read. Cancel-safe.
    pub async fn next_event(&mut self) -> io::Result<Option<ConnectionEvent<'_>>> {
        let held = loop {
            match self.stage {
                Stage::Ended => return Ok(None),
                Stage::Closing => {
                    self.finish_close().await;
                    return Ok(None);
                }
                Stage::Live => {}
            }
            if let Some(h) = self.step() {
                break h;
            }
            self.io_once().await;
        };
        Ok(Some(self.render(held)))
    }

    /// Writes out what is queued (5 s at most), then closes the connection gracefully (FIN),
    /// without CLOSE_CONF: to the client the server went away.
    pub async fn shutdown(mut self) {
        self.finish_close().await;
    }

    /// Resets the connection (linger 0) at once.
    pub fn reset(mut self) {
        self.teardown_reset();
    }

    fn teardown_reset(&mut self) {
        if let Some(s) = self.stream.take() {
            set_reset_on_drop(socket2::SockRef::from(&s));
        }
        self.stage = Stage::Ended;
        self.release_slot();
    }

    /// After CLOSE_CONF: writes out what is queued (5 s at most), then shuts down. Cancelling
    /// it loses nothing: the next call goes on writing.
    async fn finish_close(&mut self) {
        self.collect_transmit();
        if let Some(stream) = self.stream.as_ref() {
            let out = &mut self.out;
            let _ = ::tokio::time::timeout(Duration::from_secs(5), async {
                while !out.is_empty() {
                    if stream.writable().await.is_err() {
                        return;
                    }
                    match stream.try_write(out) {
                        Ok(n) => {
                            out.drain(..n);
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                        Err(_) => return,
                    }
                }
            })
            .await;
            let _ = socket2::SockRef::from(stream).shutdown(Shutdown::Write);
        }
        self.stream = None;
        self.stage = Stage::Ended;
        self.release_slot();
    }

    fn step(&mut self) -> Option<Held> {
        loop {
            self.collect_transmit();
            if let Some(cut) = self.broken.take() {
                self.teardown_reset();
                return Some(Held::Cut(cut));
            }
            if self.evicted && !self.session.is_open() {
                self.teardown_reset();
                return Some(Held::Other(ServerEvent::Failed(FailureReason::Evicted)));
            }
            if let Some(v) = self.session.version() {
                self.version = v;
            }
            let version = self.version;
            if let Some(event) = self.session.poll_event() {
                let held = match event {
                    ServerEvent::Opened {
                        request,
                        services_granted,
                    } => {
                        copy_message(&Message::OpenReq(request), version, &mut self.frame);
                        if let Some((registry, id)) = &self.slot {
                            registry.authenticated(*id);
                        }
                        Held::Opened(services_granted)
                    }
                    ServerEvent::Request(m) => {
                        copy_message(&m, version, &mut self.frame);
                        Held::Request
                    }
                    ServerEvent::Rejected {
                        message_type,
                        invoke_id,
                        status,
                    } => Held::Other(ServerEvent::Rejected {
                        message_type,
                        invoke_id,
                        status,
                    }),
                    ServerEvent::Heartbeat {
                        invoke_id,
                        answered,
                    } => Held::Other(ServerEvent::Heartbeat {
                        invoke_id,
                        answered,
                    }),
                    ServerEvent::Closed { status } => {
                        self.stage = Stage::Closing;
                        Held::Other(ServerEvent::Closed { status })
                    }
                    ServerEvent::Failed(FailureReason::OpenRejected { status }) => {
                        // FAILURE_CONF is queued: write it out, then close (one guess per
                        // connection). It is tried at once too, in case the application
                        // drops the connection on this event.
                        self.collect_transmit();
                        if let Some(Ok(n)) = self.stream.as_ref().map(|st| st.try_write(&self.out))
                        {
                            self.out.drain(..n);
                        }
                        self.stage = Stage::Closing;
                        Held::Other(ServerEvent::Failed(FailureReason::OpenRejected { status }))
                    }
                    ServerEvent::Failed(reason) => {
                        self.collect_transmit();
                        self.teardown_reset();
                        Held::Other(ServerEvent::Failed(reason))
                    }
                };
                return Some(held);
            }
            if !self.unread.is_empty() {
                // Offered with the time it was read: the IdleTimeout counts from arrival.
                let taken = self.session.handle_receive(self.unread_at, &self.unread);
                self.unread.drain(..taken);
                if taken > 0 {
                    continue;
                }
            }
            if self.wakeup.is_some_and(|t| t <= self.now()) {
                self.wakeup = None;
                return Some(Held::Wakeup);
            }
            return None;
        }
    }

    fn render(&self, held: Held) -> ConnectionEvent<'_> {
        match held {
            Held::Opened(services_granted) => match view(&self.frame, self.version) {
                Message::OpenReq(request) => ConnectionEvent::Session(ServerEvent::Opened {
                    request,
                    services_granted,
                }),
                m => ConnectionEvent::Session(ServerEvent::Request(m)),
            },
            Held::Request => {
                ConnectionEvent::Session(ServerEvent::Request(view(&self.frame, self.version)))
            }
            Held::Other(e) => ConnectionEvent::Session(e),
            Held::Wakeup => ConnectionEvent::Wakeup,
            Held::Cut(c) => ConnectionEvent::Cut(c),
        }
    }

    /// Waits once for the socket, the session's next deadline or the wakeup.
    async fn io_once(&mut self) {
        let Some(stream) = self.stream.as_ref() else {
            self.broken = Some(Cut::Io {
                kind: io::ErrorKind::NotConnected,
            });
            return;
        };
        let deadline = [self.session.poll_timeout(), self.wakeup]
            .into_iter()
            .flatten()
            .min();
        let epoch = self.epoch;
        let sleep = async {
            match deadline.and_then(|d| to_std(epoch, d)) {
                Some(d) => ::tokio::time::sleep_until(d.into()).await,
                None => core::future::pending().await,
            }
        };
        let can_read = self.unread.is_empty();
        let can_write = !self.out.is_empty();
        let failed = |e: io::Error| Cut::Io { kind: e.kind() };
        let slot = self.slot.clone();
        let can_be_evicted = slot.is_some() && !self.evicted && !self.session.is_open();
        let evicted = std::future::poll_fn(|cx| match &slot {
            Some((registry, id)) => registry.evicted(*id, cx),
            None => Poll::Pending,
        });
        ::tokio::select! {
            () = evicted, if can_be_evicted => {
                self.evicted = true;
            }
            r = stream.readable(), if can_read => {
                let r = r.and_then(|()| stream.try_read(&mut self.buf));
                let now = clock(self.epoch);
                match r {
                    Ok(0) => self.session.handle_eof(now),
                    Ok(n) => {
                        let taken = self.session.handle_receive(now, &self.buf[..n]);
                        self.unread.extend_from_slice(&self.buf[taken..n]);
                        self.unread_at = now;
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(e) => self.broken = Some(failed(e)),
                }
            }
            r = stream.writable(), if can_write => {
                match r.and_then(|()| stream.try_write(&self.out)) {
                    Ok(n) => {
                        self.out.drain(..n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(e) => self.broken = Some(failed(e)),
                }
            }
            () = sleep => self.session.handle_timeout(clock(self.epoch)),
        }
    }
}
