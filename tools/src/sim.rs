//! A CTI Server simulator built on the tokio server driver, `cti_proto::tokio::Server`, which
//! runs a `ServerSession` per connection: one task per client, fault
//! switches, a scripted stream of agent and call events, counters, one log line per connection
//! event. Shared by the `cti-sim` and `demo` binaries and the loopback tests.
//!
//! With [`SimConfig::centre`] the simulator models a contact centre ([`crate::cc`]): one
//! engine shared by every connection answers the application requests (agent and call
//! control, QUERY_AGENT_STATE_REQ, monitors), its confirmation goes to the client that asked,
//! and the events it produces go to every open session whose services and masks want them. A
//! timer task offers inbound calls and ends them after their talk time.

use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use cti_proto::server::{ServerConfig, ServerEvent};
use cti_proto::tokio::{ConnectionEvent, Cut, ServerOptions};
use cti_proto::wire::agent::AgentStateEvent;
use cti_proto::wire::call::{BeginCallEvent, EndCallEvent};
use cti_proto::wire::codes::{
    AgentAvailabilityStatus, AgentState, CallType, ConnectionDeviceIdType, PeripheralType,
    StatusCode,
};
use cti_proto::wire::session::{ClientEventReportConf, FailureConf};
use cti_proto::wire::{
    kind, tag, EncodeError, Floating, FloatingWriter, InvokeId, Message, MessageType, RawMessage,
    Str, Tag, Version,
};
use cti_proto::Instant;
use tokio::sync::{broadcast, watch, Notify};

use crate::cc::{CcConfig, CcStats, ContactCentre, Output};

/// What the simulator does besides being a correct CTI Server.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// The protocol side: versions, credentials, peripherals, `stop_heartbeats_after`.
    pub server: ServerConfig,
    /// Send FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE this long after each open.
    pub failure_event_after: Option<Duration>,
    /// Reset each connection (linger 0) this long after it was accepted.
    pub reset_after: Option<Duration>,
    /// Send the next scripted agent/call event this often while a session is open.
    pub events_every: Option<Duration>,
    /// Connections at once at most: beyond it the oldest connection that has not opened a
    /// session gives way to the new one; if all have opened, the new one is reset at once.
    pub max_clients: usize,
    /// Also log every heartbeat and every scripted event.
    pub verbose: bool,
    /// Model this contact centre: agents, skill groups and calls answering client requests.
    pub centre: Option<CcConfig>,
    /// With `centre`: log every agent in and make it available at start.
    pub login_all: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            server: ServerConfig::default(),
            failure_event_after: None,
            reset_after: None,
            events_every: None,
            max_clients: 1000,
            verbose: false,
            centre: None,
            login_all: false,
        }
    }
}

/// Counters over all connections.
#[derive(Debug, Default)]
pub struct Stats {
    pub accepted: AtomicU64,
    pub opened: AtomicU64,
    pub rejected: AtomicU64,
    pub heartbeats_answered: AtomicU64,
    pub heartbeats_ignored: AtomicU64,
    pub requests: AtomicU64,
    pub events_sent: AtomicU64,
    pub closed: AtomicU64,
    /// The Status of every CLOSE_REQ, in order.
    pub close_statuses: std::sync::Mutex<Vec<StatusCode>>,
    pub failed: AtomicU64,
    pub active: AtomicUsize,
}

impl Stats {
    pub fn get(c: &AtomicU64) -> u64 {
        c.load(Ordering::Relaxed)
    }
}

fn bump(c: &AtomicU64) {
    c.fetch_add(1, Ordering::Relaxed);
}

/// Timestamped log lines, `[  12.345 s] prefix message`, or nothing.
#[derive(Clone, Debug)]
pub struct Log {
    pub start: tokio::time::Instant,
    pub prefix: &'static str,
    pub enabled: bool,
}

impl Log {
    pub fn new(prefix: &'static str, enabled: bool) -> Self {
        Log {
            start: tokio::time::Instant::now(),
            prefix,
            enabled,
        }
    }

    pub fn line(&self, args: fmt::Arguments<'_>) {
        if self.enabled {
            let t = self.start.elapsed();
            println!(
                "[{:>4}.{:03} s] {} {}",
                t.as_secs(),
                t.subsec_millis(),
                self.prefix,
                args
            );
        }
    }
}

/// A running simulator.
pub struct Sim {
    pub addr: SocketAddr,
    pub stats: Arc<Stats>,
    stop: watch::Sender<bool>,
    centre: Option<Arc<Centre>>,
    listener: Arc<cti_proto::tokio::Server>,
}

/// The contact centre shared by every connection: the engine, the fan-out of its events and
/// the wake-up of its timer task.
struct Centre {
    engine: std::sync::Mutex<ContactCentre>,
    events: broadcast::Sender<Arc<Output>>,
    changed: Notify,
    epoch: std::time::Instant,
    /// Something changed since the last status line.
    dirty: std::sync::atomic::AtomicBool,
    log: Log,
}

/// How many engine events may wait for a slow connection before it misses some.
const CENTRE_BACKLOG: usize = 8192;

impl Centre {
    /// Builds the engine on a thread of its own with a large stack: its model is about a
    /// megabyte, which a debug build assembles on the stack before boxing it.
    fn new(config: CcConfig, login_all: bool, log: Log) -> std::io::Result<Arc<Centre>> {
        let epoch = log.start.into_std();
        let now = clock(epoch);
        let built = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || {
                let mut engine = ContactCentre::new(config, now)?;
                let out = if login_all {
                    engine.login_all(now)
                } else {
                    Vec::new()
                };
                Ok::<_, String>((engine, out))
            })?
            .join()
            .map_err(|_| std::io::Error::other("building the contact centre failed"))?;
        let (engine, _login_events) = built.map_err(std::io::Error::other)?;
        let (events, _) = broadcast::channel(CENTRE_BACKLOG);
        Ok(Arc::new(Centre {
            engine: std::sync::Mutex::new(engine),
            events,
            changed: Notify::new(),
            epoch,
            dirty: std::sync::atomic::AtomicBool::new(true),
            log,
        }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ContactCentre> {
        self.engine.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends the engine's events to every subscribed connection.
    fn publish(&self, events: impl IntoIterator<Item = Output>) {
        for e in events {
            let _ = self.events.send(Arc::new(e));
        }
    }

    /// A client request: the confirmation for the requester (events are published), or
    /// `None` when the engine does not handle the request.
    fn request(&self, now: Instant, m: &Message<'_>) -> Option<Output> {
        let out = self.lock().handle_request(now, m)?;
        let mut out = out.into_iter();
        let conf = out.next();
        self.publish(out);
        self.dirty.store(true, Ordering::Relaxed);
        self.changed.notify_one();
        conf
    }

    /// The status line: the model's agents by state and calls by state, as `cti-top` shows
    /// them, and the engine's counters.
    fn status(&self) -> String {
        let engine = self.lock();
        let model = engine.model();
        let s = engine.stats();
        format!(
            "centre: {} | {} | offered {} answered {} blocked {} ended {} rejected {}",
            crate::top::agents_line(model),
            crate::top::calls_line(model),
            s.offered,
            s.answered,
            s.blocked,
            s.ended,
            s.rejected
        )
    }

    /// Offers calls and ends them on time, until the simulator stops; logs the status line
    /// a second after a change.
    async fn run_timers(self: Arc<Self>, mut stopped: watch::Receiver<bool>) {
        let mut status_at: Option<Instant> = None;
        loop {
            let now = clock(self.epoch);
            if status_at.is_none() && self.dirty.swap(false, Ordering::Relaxed) {
                status_at = Some(now.saturating_add(Duration::from_secs(1)));
            }
            if status_at.is_some_and(|t| t <= now) {
                status_at = None;
                self.log.line(format_args!("{}", self.status()));
            }
            let deadline = self.lock().next_deadline();
            let wait = match deadline {
                Some(t) if t <= now => {
                    let out = self.lock().tick(now);
                    if !out.is_empty() {
                        self.dirty.store(true, Ordering::Relaxed);
                    }
                    self.publish(out);
                    continue;
                }
                Some(t) => t.saturating_duration_since(now),
                None => Duration::from_secs(3600),
            };
            let wait = match status_at {
                Some(t) => wait.min(t.saturating_duration_since(now)),
                None => wait,
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.changed.notified() => {}
                _ = stopped.changed() => return,
            }
        }
    }
}

impl Sim {
    /// Binds `addr` and serves clients in the background until [`Sim::stop`], until the `Sim`
    /// is dropped, or until the runtime ends.
    pub async fn start(addr: SocketAddr, config: SimConfig, log: Log) -> std::io::Result<Sim> {
        // At --max-clients the driver lets the oldest unauthenticated connection give way to
        // a new one, so idle sockets cannot lock real clients out; it refuses only when every
        // connection has opened a session.
        let listener = cti_proto::tokio::Server::bind(addr, config.server.clone())
            .await?
            .with_options(ServerOptions::default().with_max_connections(config.max_clients))
            .with_epoch(log.start.into_std());
        let listener = Arc::new(listener);
        let addr = listener.local_addr()?;
        log.line(format_args!("listening on {addr}"));
        let stats = Arc::new(Stats::default());
        let (stop, stopped) = watch::channel(false);
        let centre = match &config.centre {
            Some(cc) => {
                let centre = Centre::new(cc.clone(), config.login_all, log.clone())?;
                log.line(format_args!(
                    "contact centre: {} agents, {} calls a minute offered{}",
                    cc.agents.len(),
                    cc.call_rate_per_min,
                    if config.login_all {
                        ", agents logged in and available"
                    } else {
                        ""
                    }
                ));
                tokio::spawn(centre.clone().run_timers(stopped.clone()));
                Some(centre)
            }
            None => None,
        };
        let server = Server {
            config: Arc::new(config),
            stats: stats.clone(),
            log,
            stopped,
            centre: centre.clone(),
        };
        tokio::spawn(server.accept_loop(Arc::clone(&listener)));
        Ok(Sim {
            addr,
            stats,
            stop,
            centre,
            listener,
        })
    }

    /// Connections refused at `max_clients` so far (every running one had opened a session).
    pub fn refused(&self) -> u64 {
        self.listener.refused()
    }

    /// Unauthenticated connections that gave way to newer ones at `max_clients` so far.
    pub fn evicted(&self) -> u64 {
        self.listener.evicted()
    }

    /// What the contact centre has done so far (`None` without one).
    pub fn centre_stats(&self) -> Option<CcStats> {
        self.centre.as_ref().map(|c| c.lock().stats())
    }

    /// A quiet simulator on a free loopback port, for tests.
    pub async fn start_local(config: SimConfig) -> Sim {
        Sim::start(([127, 0, 0, 1], 0).into(), config, Log::new("sim", false))
            .await
            .expect("a loopback port is free")
    }

    /// Stops accepting and ends every connection (reset).
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

#[derive(Clone)]
struct Server {
    config: Arc<SimConfig>,
    stats: Arc<Stats>,
    log: Log,
    stopped: watch::Receiver<bool>,
    centre: Option<Arc<Centre>>,
}

impl Server {
    async fn accept_loop(mut self, listener: Arc<cti_proto::tokio::Server>) {
        let mut next_id = 1u64;
        loop {
            let conn = tokio::select! {
                r = listener.accept() => match r {
                    Ok(x) => x,
                    Err(e) => {
                        self.log.line(format_args!("accept failed: {e}"));
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                _ = self.stopped.changed() => return,
            };
            let peer = conn.peer_addr();
            let id = next_id;
            next_id += 1;
            bump(&self.stats.accepted);
            self.stats.active.fetch_add(1, Ordering::Relaxed);
            let server = self.clone();
            tokio::spawn(async move {
                server.log.line(format_args!("#{id} {peer} connected"));
                let how = Connection::new(&server, id, conn).run().await;
                server.log.line(format_args!("#{id} disconnected: {how}"));
                server.stats.active.fetch_sub(1, Ordering::Relaxed);
            });
        }
    }
}

/// What one event of the connection asks the simulator to do once the event is released.
enum Then {
    Nothing,
    Answer(Answer),
    /// The contact centre's confirmation of a request.
    Centre(Output),
    End(String),
}

/// One client's connection: the driver's connection, and the simulator's timers for it.
struct Connection<'s> {
    server: &'s Server,
    id: u64,
    conn: cti_proto::tokio::Connection,
    reset_at: Option<Instant>,
    failure_event_at: Option<Instant>,
    next_event_at: Option<Instant>,
    script: Script,
    /// The contact centre's events, while the simulator models one.
    centre_events: Option<broadcast::Receiver<Arc<Output>>>,
    /// The heartbeat fault switch has tripped: no more scripted events either.
    silent: bool,
    /// The session ended with CLOSE_REQ/CLOSE_CONF rather than a failure.
    closed: bool,
    /// Bounds this connection's log lines, so that a client's input cannot multiply them.
    limit: LogLimit,
    /// Events sent on this connection (scripted, contact centre, FAILURE_EVENT): the count its
    /// last log line gives.
    sent: u64,
}

impl<'s> Connection<'s> {
    fn new(server: &'s Server, id: u64, conn: cti_proto::tokio::Connection) -> Self {
        let now = conn.now();
        Connection {
            server,
            id,
            conn,
            reset_at: server.config.reset_after.map(|d| now + d),
            failure_event_at: None,
            next_event_at: None,
            script: Script::default(),
            centre_events: server.centre.as_ref().map(|c| c.events.subscribe()),
            silent: false,
            closed: false,
            limit: LogLimit::default(),
            sent: 0,
        }
    }

    fn log(&mut self, args: fmt::Arguments<'_>) {
        self.limit.line(&self.server.log, self.id, args);
    }

    /// How the connection ended, with its count of events sent: `closed after CLOSE_CONF; 12
    /// events sent`.
    fn ended(&self, how: &str) -> String {
        format!("{how}; {} events sent", self.sent)
    }

    /// Serves the client until the session ends; says how it ended.
    async fn run(mut self) -> String {
        let mut stopped = self.server.stopped.clone();
        loop {
            let wakeup = [
                self.reset_at,
                self.failure_event_at,
                self.next_event_at.filter(|_| !self.silent),
            ]
            .into_iter()
            .flatten()
            .min();
            self.conn.set_wakeup(wakeup);
            let epoch = self.conn.epoch();
            let then = tokio::select! {
                r = self.conn.next_event() => match r {
                    Ok(Some(event)) => {
                        let now = clock(epoch);
                        on_event(self.server, self.id, &mut self.limit, &mut self.silent, &mut self.closed, &mut self.failure_event_at, &mut self.next_event_at, now, event)
                    }
                    Ok(None) if self.closed => Then::End("closed after CLOSE_CONF".to_string()),
                    Ok(None) => Then::End("session failed".to_string()),
                    Err(e) => Then::End(format!("read failed: {e}")),
                },
                r = next_centre_event(&mut self.centre_events) => {
                    match r {
                        Ok(event) => self.centre_event(&event),
                        Err(broadcast::error::RecvError::Lagged(n)) => {
                            self.log(format_args!("missed {n} contact centre events (client too slow)"));
                        }
                        Err(broadcast::error::RecvError::Closed) => self.centre_events = None,
                    }
                    Then::Nothing
                }
                _ = stopped.changed() => {
                    let how = self.ended("simulator stopped");
                    self.conn.reset();
                    return how;
                }
            };
            match then {
                Then::Nothing => {}
                Then::Answer(a) => {
                    if let Err(e) = self.conn.send(&a.message()) {
                        self.log(format_args!("could not answer a request: {e}"));
                    }
                }
                Then::Centre(conf) => {
                    if let Err(e) = self.conn.send(&conf.message()) {
                        self.log(format_args!("could not confirm a request: {e}"));
                    }
                }
                Then::End(how) => {
                    let how = self.ended(&how);
                    return self.limit.with_suppressed(how);
                }
            }
            let now = self.conn.now();
            if self.reset_at.is_some_and(|t| now >= t) {
                let how = self.ended("reset by the --reset-after switch");
                self.conn.reset();
                return how;
            }
            if self.failure_event_at.is_some_and(|t| now >= t) {
                self.failure_event_at = None;
                if self
                    .conn
                    .session_mut()
                    .send_failure_event(now, StatusCode::CTI_SERVER_OFFLINE)
                    .is_ok()
                {
                    bump(&self.server.stats.events_sent);
                    self.sent += 1;
                    self.log(format_args!(
                        "sent FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE (--failure-event-after)"
                    ));
                }
            }
            if !self.silent && self.next_event_at.is_some_and(|t| now >= t) {
                self.next_event_at = self.server.config.events_every.map(|d| now + d);
                self.scripted_event(now);
            }
        }
    }

    /// Sends one contact centre event, if the session is open and its services and masks
    /// want it; the session's encoder checks it once more.
    fn centre_event(&mut self, event: &Output) {
        let session = self.conn.session();
        if !session.is_open() || !session.wants(event.message_type()) {
            return;
        }
        let message = event.message();
        if let Message::AgentStateEvent(e) = &message {
            if !session.wants_agent_state(e.agent_state) {
                return;
            }
        }
        match self.conn.send(&message) {
            Ok(()) => {
                bump(&self.server.stats.events_sent);
                self.sent += 1;
                if self.server.config.verbose {
                    self.log(format_args!("sent {}", event.message_type()));
                }
            }
            Err(e) => self.log(format_args!("could not send {}: {e}", event.message_type())),
        }
    }

    /// Sends the next scripted event, if the client's masks ask for it.
    fn scripted_event(&mut self, _now: Instant) {
        let session = self.conn.session();
        let version = session.version().unwrap_or(Version::V15);
        let peripheral = self
            .server
            .config
            .server
            .peripherals()
            .first()
            .map_or(5000, |p| p.peripheral_id);
        let step = self.script.next();
        let number = self.script.step;
        let wanted = match step {
            Step::Agent(state) => session.wants_agent_state(state),
            Step::BeginCall(_) => session.wants(BeginCallEvent::MESSAGE_TYPE),
            Step::EndCall(_) => session.wants(EndCallEvent::MESSAGE_TYPE),
        };
        if !wanted {
            return;
        }
        let mut fbuf = [0u8; 512];
        let message = match step.message(peripheral, version, number, &mut fbuf) {
            Ok(m) => m,
            Err(e) => return self.log(format_args!("could not build {step:?}: {e}")),
        };
        match self.conn.send(&message) {
            Ok(()) => {
                bump(&self.server.stats.events_sent);
                self.sent += 1;
                if self.server.config.verbose {
                    self.log(format_args!("sent {step:?}"));
                }
            }
            Err(e) => self.log(format_args!("could not send {step:?}: {e}")),
        }
    }
}

/// Logs one event of connection `id`, counts it, and says what to do about it.
#[allow(clippy::too_many_arguments)]
fn on_event(
    server: &Server,
    id: u64,
    limit: &mut LogLimit,
    silent: &mut bool,
    closed: &mut bool,
    failure_event_at: &mut Option<Instant>,
    next_event_at: &mut Option<Instant>,
    now: Instant,
    event: ConnectionEvent<'_>,
) -> Then {
    let stats = &server.stats;
    let verbose = server.config.verbose;
    let event = match event {
        ConnectionEvent::Session(e) => e,
        ConnectionEvent::Wakeup => return Then::Nothing,
        ConnectionEvent::Cut(Cut::OutputLimit { unsent }) => {
            return Then::End(format!(
                "write failed: {unsent} bytes unsent (client not reading)"
            ))
        }
        ConnectionEvent::Cut(Cut::Io { kind }) => {
            bump(&stats.failed);
            return Then::End(format!("read failed: {}", std::io::Error::from(kind)));
        }
        ConnectionEvent::Cut(other) => {
            bump(&stats.failed);
            return Then::End(format!("cut off by the driver: {other:?}"));
        }
        other => {
            if verbose {
                limit.line(&server.log, id, format_args!("driver event {other:?}"));
            }
            return Then::Nothing;
        }
    };
    match event {
        ServerEvent::Opened {
            request,
            services_granted,
        } => {
            bump(&stats.opened);
            let line = format!(
                "opened: ClientID {:?}, version {}, IdleTimeout {}, granted {:?}",
                request
                    .client_id()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                request.version_number,
                request.idle_timeout,
                services_granted
            );
            limit.line(&server.log, id, format_args!("{line}"));
            *failure_event_at = server.config.failure_event_after.map(|d| now + d);
            *next_event_at = server.config.events_every.map(|d| now + d);
        }
        ServerEvent::Rejected {
            message_type,
            invoke_id,
            status,
        } => {
            bump(&stats.rejected);
            limit.line(
                &server.log,
                id,
                format_args!(
                    "refused {message_type} (InvokeID {}): FAILURE_CONF {status}",
                    invoke_id.0
                ),
            );
        }
        ServerEvent::Heartbeat {
            invoke_id,
            answered,
        } => {
            if answered {
                bump(&stats.heartbeats_answered);
                if verbose {
                    limit.line(
                        &server.log,
                        id,
                        format_args!("HEARTBEAT_REQ {} answered", invoke_id.0),
                    );
                }
            } else {
                bump(&stats.heartbeats_ignored);
                if !*silent {
                    *silent = true;
                    limit.line(
                        &server.log,
                        id,
                        format_args!(
                            "going silent: HEARTBEAT_REQ {} not answered (--stop-heartbeats-after)",
                            invoke_id.0
                        ),
                    );
                }
            }
        }
        ServerEvent::Request(m) => {
            bump(&stats.requests);
            if let Some(conf) = server.centre.as_ref().and_then(|c| c.request(now, &m)) {
                return Then::Centre(conf);
            }
            return Then::Answer(answer(&m));
        }
        ServerEvent::Closed { status } => {
            bump(&stats.closed);
            if let Ok(mut v) = stats.close_statuses.lock() {
                v.push(status);
            }
            *closed = true;
            limit.line(
                &server.log,
                id,
                format_args!("CLOSE_REQ ({status}) answered with CLOSE_CONF"),
            );
        }
        ServerEvent::Failed(reason) => {
            bump(&stats.failed);
            limit.line(&server.log, id, format_args!("session failed: {reason}"));
        }
        other => limit.line(&server.log, id, format_args!("{other:?}")),
    }
    Then::Nothing
}

/// The next contact centre event, or never without a contact centre.
async fn next_centre_event(
    rx: &mut Option<broadcast::Receiver<Arc<Output>>>,
) -> Result<Arc<Output>, broadcast::error::RecvError> {
    match rx {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

/// Milliseconds since `epoch`, the session's clock.
fn clock(epoch: std::time::Instant) -> Instant {
    Instant::from_millis(u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX))
}

/// A simulator's answer to a client request.
enum Answer {
    ClientEventReport(InvokeId),
    /// The whole body of QUERY_AGENT_STATE_CONF, its InvokeID first.
    QueryAgentState(Vec<u8>),
    Failure(InvokeId, StatusCode),
}

impl Answer {
    fn message(&self) -> Message<'_> {
        match self {
            Answer::ClientEventReport(id) => {
                Message::ClientEventReportConf(ClientEventReportConf {
                    invoke_id: *id,
                    floating: Floating::EMPTY,
                })
            }
            Answer::QueryAgentState(body) => Message::Unknown(RawMessage {
                message_type: MessageType(37),
                body,
            }),
            Answer::Failure(id, status) => Message::FailureConf(FailureConf {
                invoke_id: *id,
                status: *status,
                floating: Floating::EMPTY,
            }),
        }
    }
}

/// CLIENT_EVENT_REPORT_REQ and QUERY_AGENT_STATE_REQ are answered; any other request gets
/// FAILURE_CONF E_CTI_FUNCTION_NOT_AVAILABLE, since the simulator has no calls to control.
fn answer(m: &Message<'_>) -> Answer {
    let invoke_id = m.invoke_id().unwrap_or_else(|| match m {
        Message::Unknown(r) => InvokeId(
            r.body
                .first_chunk::<4>()
                .map_or(0, |b| u32::from_be_bytes(*b)),
        ),
        _ => InvokeId(0),
    });
    match m.message_type().0 {
        32 => Answer::ClientEventReport(invoke_id),
        36 => Answer::QueryAgentState(query_agent_state_conf(invoke_id)),
        _ => Answer::Failure(invoke_id, StatusCode::FUNCTION_NOT_AVAILABLE),
    }
}

/// The simulated agent.
const AGENT_ID: &str = "1001";
const AGENT_EXTENSION: &str = "1001";
const AGENT_INSTRUMENT: &str = "1001";

/// QUERY_AGENT_STATE_CONF body (spec §3.17): the agent is available, no skill groups.
fn query_agent_state_conf(invoke_id: InvokeId) -> Vec<u8> {
    body(
        |w| {
            w.u32(invoke_id.0);
            w.u16(AgentState::AVAILABLE.0);
            w.u16(0); // NumSkillGroups
            w.u32(0); // MRDID
            w.u32(0); // NumTasks
            w.u16(0); // AgentMode
            w.u32(1); // MaxTaskLimit
            w.u32(5001); // ICMAgentID
            w.u32(1); // AgentAvailabilityStatus: ICM available
        },
        &[(tag::AGENT_ID, AGENT_ID)],
        Version::V15,
    )
}

/// A fixed part being written: packed big-endian fields (spec §1.4).
struct FixedPart(Vec<u8>);

impl FixedPart {
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
}

/// A body: the fixed part written by `fixed`, then string floating fields.
fn body(
    fixed: impl FnOnce(&mut FixedPart),
    strings: &[(Tag<kind::String>, &str)],
    version: Version,
) -> Vec<u8> {
    let mut w = FixedPart(Vec::new());
    fixed(&mut w);
    let mut buf = w.0;
    let mut fbuf = [0u8; 512];
    let mut f = FloatingWriter::new(&mut fbuf, version);
    for (t, s) in strings {
        f.put(*t, Str::from(*s)).expect("scripted fields fit");
    }
    let floating = f.finish();
    buf.extend_from_slice(floating.bytes());
    buf
}

/// One scripted event.
#[derive(Clone, Copy)]
enum Step {
    /// AGENT_STATE_EVENT reporting this state.
    Agent(AgentState),
    /// BEGIN_CALL_EVENT for this ConnectionCallID.
    BeginCall(u32),
    /// END_CALL_EVENT for this ConnectionCallID.
    EndCall(u32),
}

impl fmt::Debug for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Agent(s) => write!(f, "AGENT_STATE_EVENT {s:?}"),
            Step::BeginCall(c) => write!(f, "BEGIN_CALL_EVENT call {c}"),
            Step::EndCall(c) => write!(f, "END_CALL_EVENT call {c}"),
        }
    }
}

impl Step {
    /// The event for the simulated agent on `peripheral`; its floating part goes in `buf`.
    /// `number` is the event's number on its connection (see [`Script`]).
    fn message<'b>(
        self,
        peripheral: u32,
        version: Version,
        number: usize,
        buf: &'b mut [u8],
    ) -> Result<Message<'b>, EncodeError> {
        let mut w = FloatingWriter::new(buf, version);
        Ok(match self {
            Step::Agent(state) => {
                w.put(tag::AGENT_ID, Str::from(AGENT_ID))?
                    .put(tag::AGENT_EXTENSION, Str::from(AGENT_EXTENSION))?
                    .put(tag::AGENT_INSTRUMENT, Str::from(AGENT_INSTRUMENT))?;
                Message::AgentStateEvent(AgentStateEvent {
                    monitor_id: 0, // the All Events service
                    peripheral_id: peripheral,
                    session_id: 0,
                    peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                    skill_group_state: state,
                    state_duration: 0,
                    skill_group_number: 0xFFFF_FFFF, // NULL_SKILL_GROUP
                    skill_group_id: 0,
                    skill_group_priority: 0,
                    agent_state: state,
                    // The event's number on the connection, modulo 65 536.
                    event_reason_code: number as u16,
                    mrd_id: 0,
                    num_tasks: 0,
                    agent_mode: 0,
                    max_task_limit: 1,
                    icm_agent_id: 5001,
                    agent_availability_status: AgentAvailabilityStatus::ICM_AVAILABLE,
                    // From v19 on: the scripted agent has no department (written as 0).
                    department_id: None,
                    num_flt_skill_groups: 0,
                    floating: w.finish(),
                })
            }
            Step::BeginCall(call) => {
                w.put(tag::CONNECTION_DEVID, Str::from(AGENT_INSTRUMENT))?
                    .put(tag::ANI, Str::from("5551234"))?
                    .put(tag::DNIS, Str::from("8000"))?
                    .put(tag::CALL_VAR_1, Str::from("scripted"))?;
                Message::BeginCallEvent(BeginCallEvent {
                    monitor_id: 0,
                    peripheral_id: peripheral,
                    peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                    num_cti_clients: 0,
                    num_named_variables: 0,
                    num_named_arrays: 0,
                    call_type: CallType::ACD_IN,
                    connection_device_id_type: ConnectionDeviceIdType::STATIC,
                    connection_call_id: call,
                    called_party_disposition: 0,
                    floating: w.finish(),
                })
            }
            Step::EndCall(call) => {
                w.put(tag::CONNECTION_DEVID, Str::from(AGENT_INSTRUMENT))?;
                Message::EndCallEvent(EndCallEvent {
                    monitor_id: 0,
                    peripheral_id: peripheral,
                    peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                    connection_device_id_type: ConnectionDeviceIdType::STATIC,
                    connection_call_id: call,
                    floating: w.finish(),
                })
            }
        })
    }
}

/// The scripted day of one agent: available, a call begins, talking, the call ends, wrap-up,
/// and again with the next call.
///
/// The events of a connection are numbered 1, 2, 3, … in the order they are sent, so that a
/// client can check that none is lost, doubled or reordered: AGENT_STATE_EVENT carries its
/// number (modulo 65 536) in EventReasonCode; call k (ConnectionCallID 0x100 + k) begins with
/// event 5k − 3 and ends with event 5k − 1.
#[derive(Default)]
struct Script {
    /// Events scripted so far on this connection: the number of the last one.
    step: usize,
    call_id: u32,
}

impl Script {
    fn next(&mut self) -> Step {
        let step = self.step % 5;
        self.step += 1;
        if step == 1 {
            self.call_id += 1;
        }
        let call = 0x100 + self.call_id;
        match step {
            0 => Step::Agent(AgentState::AVAILABLE),
            1 => Step::BeginCall(call),
            2 => Step::Agent(AgentState::TALKING),
            3 => Step::EndCall(call),
            _ => Step::Agent(AgentState::WORK_READY),
        }
    }
}

/// A bound on one connection's log lines, so that what a client sends cannot multiply them: at
/// most [`LogLimit::LINES_PER_SECOND`] lines a second; the lines held back are counted and the
/// count is given on the next line written.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogLimit {
    window: Option<std::time::Instant>,
    lines: u32,
    suppressed: u64,
}

impl LogLimit {
    /// Lines written per second at most, per connection.
    pub const LINES_PER_SECOND: u32 = 5;

    /// `Some(lines held back since the last line written)` if a line may be written at `now`,
    /// else `None` (and the line is counted as held back).
    pub fn allow(&mut self, now: std::time::Instant) -> Option<u64> {
        let fresh = self
            .window
            .is_none_or(|w| now.saturating_duration_since(w) >= Duration::from_secs(1));
        if fresh {
            self.window = Some(now);
            self.lines = 0;
        }
        if self.lines < Self::LINES_PER_SECOND {
            self.lines += 1;
            Some(std::mem::take(&mut self.suppressed))
        } else {
            self.suppressed += 1;
            None
        }
    }

    /// Writes `#id args` to `log` if the limit allows, with the count of lines held back.
    fn line(&mut self, log: &Log, id: u64, args: fmt::Arguments<'_>) {
        match self.allow(std::time::Instant::now()) {
            Some(0) => log.line(format_args!("#{id} {args}")),
            Some(n) => log.line(format_args!("#{id} {args} ({n} lines suppressed)")),
            None => {}
        }
    }

    /// `line` with the count of lines held back and never written, if any: for the last line
    /// of a connection, which is always written.
    fn with_suppressed(&mut self, line: String) -> String {
        match std::mem::take(&mut self.suppressed) {
            0 => line,
            n => format!("{line} ({n} lines suppressed)"),
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
        assert_eq!(
            l.allow(t0 + Duration::from_millis(999)),
            None,
            "same second"
        );
        let next = t0 + Duration::from_secs(1);
        assert_eq!(
            l.allow(next),
            Some(20_000 - 5 + 1),
            "held-back lines are reported"
        );
        assert_eq!(l.allow(next), Some(0));
        assert_eq!(l.with_suppressed("end".into()), "end");
    }
}
