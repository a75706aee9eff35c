//! The tokio client driver: the socket half of [`Client`]; the rest is the shared driver core.

use std::io;
use std::net::{Shutdown, SocketAddr};
use std::time::Duration;
use std::vec;
use std::vec::Vec;

use ::tokio::net::TcpStream;

use crate::client::{Config, FailureReason, Session, Side};
use crate::driver::{
    prepare, reason_of, set_reset_on_drop, ClientEvent, ClientOptions, Core, Error, Phase, Ready,
    Teardown,
};
use crate::wire::codes::StatusCode;
use crate::wire::{Encode, InvokeId};

/// How long `close` waits for CLOSE_CONF at most, besides the session's own close timeout.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// A CTI client on tokio; see the [module docs](super).
pub struct Client<'c> {
    core: Core<'c>,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
}

impl<'c> Client<'c> {
    /// A client for `servers` (`"host:port"`: side A first, then side B) with default
    /// [`ClientOptions`]. Nothing is connected yet: the attempts and their failures come out
    /// of [`next_event`](Self::next_event). Fails only on an invalid `config` or no server.
    pub async fn connect(config: &Config<'c>, servers: &[&str]) -> Result<Self, Error> {
        Self::with_options(config, servers, ClientOptions::default())
    }

    /// [`connect`](Self::connect) with explicit options.
    pub fn with_options(
        config: &Config<'c>,
        servers: &[&str],
        options: ClientOptions,
    ) -> Result<Self, Error> {
        Ok(Client {
            core: Core::new(config, servers, options)?,
            stream: None,
            buf: vec![0; 16 * 1024],
        })
    }

    /// The next event, waiting until there is one. `Ok(None)` once [`close`](Self::close) has
    /// finished. After a failure the driver reconnects by itself. Cancel-safe: dropping the
    /// future loses nothing.
    pub async fn next_event(&mut self) -> Result<Option<ClientEvent<'_>>, Error> {
        let ready = loop {
            if let Some(r) = self.core.step() {
                break r;
            }
            match self.core.phase {
                Phase::Done => return Ok(None),
                Phase::Idle => {}
                Phase::Waiting {
                    side,
                    server,
                    until,
                } => {
                    ::tokio::time::sleep_until(until.into()).await;
                    self.attempt(side, server).await;
                }
                Phase::Running => self.io_once().await,
            }
        };
        self.after(ready);
        Ok(Some(self.core.render(ready)))
    }

    /// Sends a request: the session gives it a fresh InvokeID, returned here, and its answer
    /// comes back as [`Event::Completed`](crate::client::Event::Completed). What the socket
    /// takes at once is written now, the rest by the following calls of `next_event`.
    pub async fn send<M: Encode + ?Sized>(&mut self, request: &M) -> Result<InvokeId, Error> {
        let id = self.core.send(request)?;
        if let Some(stream) = self.stream.as_ref() {
            if !self.core.out.is_empty() {
                match stream.try_write(&self.core.out) {
                    Ok(n) => self.core.advance(n),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(e) => self.core.on_error(&e),
                }
            }
        }
        Ok(id)
    }

    /// Closes cleanly: CLOSE_REQ, then CLOSE_CONF or the close timeout (5 s by default), then
    /// the connection is shut down. Events arriving meanwhile are dropped ([`start_close`](Self::start_close) keeps them). Afterwards
    /// `next_event` returns `Ok(None)`.
    pub async fn close(&mut self) -> Result<(), Error> {
        self.close_with(StatusCode::NO_ERROR).await
    }

    /// [`close`](Self::close) with another status in CLOSE_REQ (e.g. the one a FAILURE_EVENT
    /// carried).
    pub async fn close_with(&mut self, status: StatusCode) -> Result<(), Error> {
        self.core.start_close(status);
        let limit = self.core.config.close_timeout + CLOSE_GRACE;
        let _ = ::tokio::time::timeout(limit, async {
            while self.core.phase != Phase::Done {
                match self.core.step() {
                    Some(r) => self.after(r),
                    None if self.core.phase == Phase::Running => self.io_once().await,
                    None => break,
                }
            }
        })
        .await;
        if let Some(stream) = self.stream.take() {
            let _ = socket2::SockRef::from(&stream).shutdown(Shutdown::Both);
        }
        self.core.phase = Phase::Done;
        Ok(())
    }

    /// Starts a clean close and returns at once, for a caller that must not lose what arrives
    /// meanwhile: CLOSE_REQ goes out with the following calls of
    /// [`next_event`](Self::next_event), which go on handing out every message received before
    /// CLOSE_CONF (where [`close`](Self::close) drops them), then `Closed` (or the failure
    /// that ended the session instead, the session's close timeout included), then `Ok(None)`.
    /// Without a running session (waiting to reconnect, say), `next_event` returns `Ok(None)`
    /// at once. No reconnect follows.
    pub fn start_close(&mut self, status: StatusCode) {
        self.core.start_close(status);
    }

    /// The running session, if connected.
    pub fn session(&self) -> Option<&Session> {
        self.core.session()
    }

    /// The side connected to, if connected.
    pub fn side(&self) -> Option<Side> {
        self.core.side()
    }

    /// The session's clock: milliseconds since the client was created.
    pub fn now(&self) -> crate::Instant {
        self.core.now()
    }

    /// Connects to `server` of `side`, trying each address it resolves to.
    async fn attempt(&mut self, side: Side, server: usize) {
        let name = std::string::String::from(self.core.server(server));
        let timeout = self.core.options.connect_timeout;
        let addrs: Vec<SocketAddr> = match ::tokio::net::lookup_host(name.as_str()).await {
            Ok(a) => a.collect(),
            Err(e) => return self.core.connect_failed(reason_of(&e, true)),
        };
        let mut last = FailureReason::Io { code: None };
        for addr in addrs {
            match ::tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
                Ok(Ok(stream)) => {
                    if let Err(e) =
                        prepare(socket2::SockRef::from(&stream), self.core.options.keepalive)
                    {
                        last = reason_of(&e, true);
                        continue;
                    }
                    self.stream = Some(stream);
                    return self.core.connected(side, server, addr);
                }
                Ok(Err(e)) => last = reason_of(&e, true),
                Err(_) => last = FailureReason::ConnectTimeout,
            }
        }
        self.core.connect_failed(last);
    }

    /// Tears the connection down as the event that ended its session asks.
    fn after(&mut self, _ready: Ready) {
        match self.core.teardown.take() {
            Some(Teardown::Reset) => {
                if let Some(s) = self.stream.take() {
                    set_reset_on_drop(socket2::SockRef::from(&s));
                }
            }
            Some(Teardown::Shutdown) => {
                if let Some(s) = self.stream.take() {
                    let _ = socket2::SockRef::from(&s).shutdown(Shutdown::Both);
                }
            }
            None => {}
        }
    }

    /// Waits for the socket or the next deadline, once, and feeds what happened to the core.
    async fn io_once(&mut self) {
        let Some(stream) = self.stream.as_ref() else {
            self.core.on_error(&io::ErrorKind::NotConnected.into());
            return;
        };
        let deadline = self.core.deadline();
        let sleep = async {
            match deadline {
                Some(d) => ::tokio::time::sleep_until(d.into()).await,
                None => core::future::pending().await,
            }
        };
        let can_read = !self.core.read_blocked();
        let can_write = !self.core.out.is_empty();
        ::tokio::select! {
            r = stream.readable(), if can_read => match r {
                Ok(()) => match stream.try_read(&mut self.buf) {
                    Ok(0) => self.core.on_eof(),
                    Ok(n) => self.core.on_read(&self.buf[..n]),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(e) => self.core.on_error(&e),
                },
                Err(e) => self.core.on_error(&e),
            },
            r = stream.writable(), if can_write => match r {
                Ok(()) => match stream.try_write(&self.core.out) {
                    Ok(n) => self.core.advance(n),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(e) => self.core.on_error(&e),
                },
                Err(e) => self.core.on_error(&e),
            },
            () = sleep => self.core.on_timeout(),
        }
    }
}
