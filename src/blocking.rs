//! The blocking client driver (feature `std`): [`Client`] owns a std `TcpStream` and the clock
//! and drives a client session ([`crate::client::Session`]) on the calling thread.
//!
//! It connects to side A, then side B, following [`Reconnect`](crate::client::Reconnect)
//! (spec §6.1); sets TCP_NODELAY and keepalive; resets the connection (linger 0) after a
//! failure; reports refused, reset and closed connections and connect timeouts as
//! [`Event::SessionFailed`](crate::client::Event::SessionFailed) with a reason of their own; never
//! drops a received byte when the application is slow (the session takes what it can hold and
//! the rest is offered again once events are handed out); and honours every deadline even
//! while a write is blocked (socket timeouts are derived from `poll_timeout`).
//!
//! ```no_run
//! use cti_proto::blocking::Client;
//! use cti_proto::driver::ClientEvent;
//! use cti_proto::client::{Config, Event};
//!
//! let config = Config::new("bridge-1", b"secret");
//! let mut client = Client::connect(&config, &["ctisvr-a:42027", "ctisvr-b:43027"])?;
//! while let Some(event) = client.next_event()? {
//!     match event {
//!         ClientEvent::Session(Event::Opened(conf)) => println!("open: {:?}", conf.pg_status),
//!         ClientEvent::Session(Event::SessionFailed(why)) => println!("failed: {why}"),
//!         other => println!("{other:?}"),
//!     }
//! }
//! # Ok::<(), cti_proto::driver::Error>(())
//! ```

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::time::Duration;
use std::vec;
use std::vec::Vec;

use crate::client::{Config, FailureReason, Session, Side};
use crate::driver::{
    prepare, reason_of, set_reset_on_drop, ClientEvent, ClientOptions, Core, Error, Phase, Ready,
    Teardown,
};
use crate::wire::codes::StatusCode;
use crate::wire::{Encode, InvokeId};

/// Longest a single write may block before the driver reads and checks its timers again.
const WRITE_SLICE: Duration = Duration::from_millis(50);
/// Longest a read may block while bytes wait to be written.
const READ_SLICE: Duration = Duration::from_millis(5);
/// How long `close` waits for CLOSE_CONF at most, besides the session's own close timeout.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// A CTI client on a blocking socket; see the [module docs](self).
pub struct Client<'c> {
    core: Core<'c>,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
}

impl<'c> Client<'c> {
    /// A client for `servers` (`"host:port"`: side A first, then side B) with default
    /// [`ClientOptions`]. Nothing is connected yet: the attempts and their failures come out
    /// of [`next_event`](Self::next_event). Fails only on an invalid `config` or no server.
    pub fn connect(config: &Config<'c>, servers: &[&str]) -> Result<Self, Error> {
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

    /// The next event, blocking until there is one. `Ok(None)` once [`close`](Self::close)
    /// has finished. After a failure the driver reconnects by itself, so this never ends on
    /// its own.
    pub fn next_event(&mut self) -> Result<Option<ClientEvent<'_>>, Error> {
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
                    std::thread::sleep(until.saturating_duration_since(std::time::Instant::now()));
                    self.attempt(side, server);
                }
                Phase::Running => self.io_once(),
            }
        };
        self.after(ready);
        Ok(Some(self.core.render(ready)))
    }

    /// Sends a request: the session gives it a fresh InvokeID, returned here, and its answer
    /// comes back as [`Event::Completed`](crate::client::Event::Completed). The bytes are
    /// written by the following calls of `next_event` (or `close`).
    pub fn send<M: Encode + ?Sized>(&mut self, request: &M) -> Result<InvokeId, Error> {
        let id = self.core.send(request)?;
        self.try_write();
        Ok(id)
    }

    /// Closes cleanly: CLOSE_REQ, then CLOSE_CONF or the close timeout (5 s by default), then
    /// the connection is shut down. Events arriving meanwhile are dropped. Afterwards
    /// `next_event` returns `Ok(None)`.
    pub fn close(&mut self) -> Result<(), Error> {
        self.close_with(StatusCode::NO_ERROR)
    }

    /// [`close`](Self::close) with another status in CLOSE_REQ (e.g. the one a FAILURE_EVENT
    /// carried).
    pub fn close_with(&mut self, status: StatusCode) -> Result<(), Error> {
        self.core.start_close(status);
        let give_up = std::time::Instant::now() + self.core.config.close_timeout + CLOSE_GRACE;
        while self.core.phase != Phase::Done && std::time::Instant::now() < give_up {
            match self.core.step() {
                Some(r) => self.after(r),
                None if self.core.phase == Phase::Running => self.io_once(),
                None => break,
            }
        }
        if let Some(stream) = self.stream.take() {
            let _ = stream.shutdown(Shutdown::Both);
        }
        self.core.phase = Phase::Done;
        Ok(())
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
    fn attempt(&mut self, side: Side, server: usize) {
        let name = self.core.server(server);
        let timeout = self.core.options.connect_timeout;
        let addrs = match name.to_socket_addrs() {
            Ok(a) => a.collect::<Vec<_>>(),
            Err(e) => return self.core.connect_failed(reason_of(&e, true)),
        };
        let mut last = FailureReason::Io { code: None };
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, timeout) {
                Ok(stream) => {
                    if let Err(e) =
                        prepare(socket2::SockRef::from(&stream), self.core.options.keepalive)
                    {
                        last = reason_of(&e, true);
                        continue;
                    }
                    self.stream = Some(stream);
                    return self.core.connected(side, server, addr);
                }
                Err(e) => last = reason_of(&e, true),
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
                    let _ = s.shutdown(Shutdown::Both);
                }
            }
            None => {}
        }
    }

    /// Writes what the socket takes without waiting.
    fn try_write(&mut self) {
        let Some(stream) = self.stream.as_mut() else {
            return;
        };
        if self.core.out.is_empty() || stream.set_nonblocking(true).is_err() {
            return;
        }
        match stream.write(&self.core.out) {
            Ok(n) => self.core.advance(n),
            Err(e) if transient(&e) => {}
            Err(e) => self.core.on_error(&e),
        }
        let _ = stream.set_nonblocking(false);
    }

    /// One round of socket work: write for a while if bytes wait, read until data, the next
    /// deadline, or a short slice when bytes still wait; then fire the timers that are due.
    fn io_once(&mut self) {
        let Some(stream) = self.stream.as_mut() else {
            self.core.on_error(&io::ErrorKind::NotConnected.into());
            return;
        };
        let until_deadline = |core: &Core<'_>| {
            core.deadline().map(|d| {
                d.saturating_duration_since(std::time::Instant::now())
                    .max(Duration::from_millis(1))
            })
        };
        if !self.core.out.is_empty() {
            let slice = until_deadline(&self.core).map_or(WRITE_SLICE, |d| d.min(WRITE_SLICE));
            let _ = stream.set_write_timeout(Some(slice));
            match stream.write(&self.core.out) {
                Ok(n) => self.core.advance(n),
                Err(e) if transient(&e) => {}
                Err(e) => self.core.on_error(&e),
            }
        }
        if !self.core.read_blocked() {
            let mut wait = until_deadline(&self.core);
            if !self.core.out.is_empty() {
                wait = Some(wait.map_or(READ_SLICE, |d| d.min(READ_SLICE)));
            }
            let _ = stream.set_read_timeout(wait);
            match stream.read(&mut self.buf) {
                Ok(0) => self.core.on_eof(),
                Ok(n) => self.core.on_read(&self.buf[..n]),
                Err(e) if transient(&e) => {}
                Err(e) => self.core.on_error(&e),
            }
        }
        if self
            .core
            .deadline()
            .is_some_and(|d| d <= std::time::Instant::now())
        {
            self.core.on_timeout();
        }
    }
}

/// Errors that mean "try again": a timeout that only ends a slice, an interrupted call.
fn transient(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    )
}
