//! Fault injection: the tokio client driver talks to a real `cti-sim` process through a TCP
//! proxy (one listener for side A, one for side B) that, at random, delays and splits what it
//! forwards, stalls, resets, half-closes or refuses connections. Invariants checked:
//!
//! - nothing panics, and the simulator is still running at the end;
//! - every failure is detected within its bound: the client's open timeout for a connection
//!   stalled before OPEN_CONF, four heartbeat intervals for a peer stalled after the open (the
//!   client fails after three unconfirmed heartbeats), one second for a reset or a half-close;
//!   and no session fails without an injected fault;
//! - reconnects follow the side A / side B schedule of spec §6.1: same side, other side, then
//!   waits of 0, 15, 30, 60, 120 s (one client: no random wait), restarted by each open; each
//!   attempt reaches the proxy of its side, no earlier than its delay;
//! - each session's scripted events arrive in order with none lost or doubled (the simulator
//!   numbers them: EventReasonCode of AGENT_STATE_EVENT, ConnectionCallID of call events);
//! - memory stays flat: the simulator's resident set grows by less than [`RSS_GROWTH_BOUND`]
//!   over the run, and the proxy holds at most one read buffer per direction.
//!
//! The short run is part of `cargo test`: 12 s of faults, plus the detection of a stall after
//! the open (at most four heartbeat intervals, 20 s, running beside the rest). A longer run:
//! `CTI_FAULT_SECS=600 cargo test -p cti-tools --test fault_injection -- --nocapture`.
//! `CTI_FAULT_SEED=N` replays a run; the seed is printed on failure.
//!
//! The simulator's log limit is checked here too: a client sending thousands of rejected
//! requests gets a bounded number of log lines, with the suppressed lines counted.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cti_proto::blocking::Client as BlockingClient;
use cti_proto::client::{Config, Event, FailureReason, Side};
use cti_proto::driver::{ClientEvent, ClientOptions};
use cti_proto::tokio::Client;
use cti_proto::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask};
use cti_proto::wire::Message;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The client's heartbeat interval: the spec's minimum.
const HEARTBEAT: Duration = Duration::from_secs(5);
/// The client's open timeout.
const OPEN_TIMEOUT: Duration = Duration::from_secs(2);
/// Allowed on top of each detection bound: timers, and a machine so loaded that tasks wait
/// their turn for a second or more. That a failure was found by the right rule (end of file,
/// reset, open timeout, heartbeats) is checked by its reason, not by this margin.
const SLACK: Duration = Duration::from_millis(3000);
/// How much the simulator's resident set may grow over a run.
const RSS_GROWTH_BOUND: u64 = 4 << 20;

/// splitmix64: small, seeded, reproducible.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn millis(&mut self, lo: u64, hi: u64) -> Duration {
        Duration::from_millis(lo + self.below(hi - lo + 1))
    }
}

/// A running `cti-sim`; killed when dropped. Its log lines are kept.
struct Sim {
    child: Child,
    addr: SocketAddr,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Sim {
    fn start(args: &[&str]) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cti-sim"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("CTI_PASSWORD")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = out.next().expect("cti-sim exited").unwrap();
            if let Some((_, a)) = line.split_once("listening on ") {
                break a.trim().parse().unwrap();
            }
        };
        let lines = Arc::new(Mutex::new(Vec::new()));
        let keep = lines.clone();
        std::thread::spawn(move || {
            for l in out.map_while(Result::ok) {
                keep.lock().unwrap().push(l);
            }
        });
        Sim { child, addr, lines }
    }

    /// The resident set in bytes, from /proc (0 where there is none).
    fn rss(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmRSS:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            })
            .map_or(0, |kb| kb * 1024)
    }

    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How the proxy forwards a connection's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Mode {
    Plain,
    /// Each chunk waits 0-150 ms.
    Delay,
    /// Each chunk goes out in pieces of 1-16 bytes, a millisecond apart.
    Split,
}

/// The fault that ends a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    /// Accept, then reset at once.
    Refuse,
    /// Forward nothing at all: OPEN_REQ is never answered.
    StallBeforeOpen,
    /// Stop forwarding both ways, sockets kept open.
    Stall,
    /// Reset the client's connection (linger 0).
    Reset,
    /// Shut down the direction towards the client (it reads end of file).
    HalfClose,
}

#[derive(Clone, Copy, Debug)]
struct Plan {
    mode: Mode,
    fault: Option<(Duration, Kind)>,
}

/// A fault as injected: on the lane's connection `conn`, at `at`.
#[derive(Clone, Copy, Debug)]
struct Injected {
    kind: Kind,
    at: Instant,
}

/// One client's proxies and what they did.
struct Lane {
    name: &'static str,
    rng: Mutex<Rng>,
    /// Connections accepted so far (over both sides): the k-th is the client's k-th.
    accepted: AtomicUsize,
    faults: Mutex<HashMap<usize, Injected>>,
    modes: Mutex<HashMap<Mode, u64>>,
    /// No new faults from then on.
    end: Instant,
    /// Stalls after the open are injected only when their detection fits before `end`.
    forced_first: Option<Plan>,
    /// The blocking driver instead of the tokio one.
    blocking: bool,
    upstream: SocketAddr,
}

impl Lane {
    fn plan(&self, conn: usize) -> Plan {
        if conn == 0 {
            if let Some(p) = self.forced_first {
                return p;
            }
        }
        let mut rng = self.rng.lock().unwrap();
        let mode = [Mode::Plain, Mode::Delay, Mode::Split][rng.below(3) as usize];
        let left = self.end.saturating_duration_since(Instant::now());
        let at = rng.millis(200, 1500);
        let stall_fits = left > at + 4 * HEARTBEAT + SLACK;
        let fault = match rng.below(10) {
            _ if left < at + SLACK => None,
            0 => Some((Duration::ZERO, Kind::Refuse)),
            1 => Some((Duration::ZERO, Kind::StallBeforeOpen)),
            2 if stall_fits => Some((at, Kind::Stall)),
            2..=5 => Some((at, Kind::Reset)),
            _ => Some((at, Kind::HalfClose)),
        };
        Plan { mode, fault }
    }

    async fn listen(self: Arc<Self>) -> SocketAddr {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((s, _)) = l.accept().await {
                let conn = self.accepted.fetch_add(1, Ordering::SeqCst);
                let plan = self.plan(conn);
                *self.modes.lock().unwrap().entry(plan.mode).or_default() += 1;
                let seed = self.rng.lock().unwrap().next();
                tokio::spawn(self.clone().serve(conn, s, plan, seed));
            }
        });
        addr
    }

    fn injected(&self, conn: usize, kind: Kind) {
        let at = Instant::now();
        if std::env::var_os("CTI_FAULT_TRACE").is_some() {
            eprintln!("{} {at:?} proxy: {kind:?} on connection {conn}", self.name);
        }
        self.faults
            .lock()
            .unwrap()
            .insert(conn, Injected { kind, at });
    }

    async fn serve(self: Arc<Self>, conn: usize, client: TcpStream, plan: Plan, seed: u64) {
        let fault = plan.fault;
        if let Some((_, Kind::Refuse)) = fault {
            self.injected(conn, Kind::Refuse);
            let _ = socket2::SockRef::from(&client).set_linger(Some(Duration::ZERO));
            return;
        }
        let Ok(up) = TcpStream::connect(self.upstream).await else {
            return;
        };
        let (mut cr, mut cw) = client.into_split();
        let (mut ur, mut uw) = up.into_split();
        let at = match fault {
            Some((_, Kind::StallBeforeOpen)) => {
                self.injected(conn, Kind::StallBeforeOpen);
                return drain(&mut cr).await;
            }
            Some((at, _)) => tokio::time::sleep(at),
            None => tokio::time::sleep(Duration::from_secs(3600)),
        };
        {
            let to_sim = pump(&mut cr, &mut uw, plan.mode, Rng(seed));
            let to_client = pump(&mut ur, &mut cw, plan.mode, Rng(!seed));
            tokio::select! {
                _ = async { tokio::join!(to_sim, to_client) } => return,
                () = at => {}
            }
        }
        let Some((_, kind)) = fault else { return };
        self.injected(conn, kind);
        match kind {
            Kind::Reset => {
                // Whole again, so that closing sends RST alone (a dropped write half would
                // send FIN first).
                if let Ok(s) = cr.reunite(cw) {
                    let _ = socket2::SockRef::from(&s).set_linger(Some(Duration::ZERO));
                }
            }
            Kind::HalfClose => {
                let _ = cw.shutdown().await;
                drain(&mut cr).await;
            }
            _ => drain(&mut cr).await,
        }
    }
}

/// Reads and drops what the client sends until it closes (or a minute passes).
async fn drain(r: &mut tokio::net::tcp::OwnedReadHalf) {
    let mut buf = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_secs(60), async {
        while let Ok(n) = r.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
}

/// Forwards one direction through a fixed buffer until end of file, then passes the end on.
async fn pump(
    r: &mut tokio::net::tcp::OwnedReadHalf,
    w: &mut tokio::net::tcp::OwnedWriteHalf,
    mode: Mode,
    mut rng: Rng,
) {
    let mut buf = [0u8; 4096];
    loop {
        let n = match r.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let ok = match mode {
            Mode::Plain => w.write_all(&buf[..n]).await.is_ok(),
            Mode::Delay => {
                tokio::time::sleep(rng.millis(0, 150)).await;
                w.write_all(&buf[..n]).await.is_ok()
            }
            Mode::Split => {
                let mut rest = &buf[..n];
                let mut ok = true;
                while !rest.is_empty() && ok {
                    let k = (1 + rng.below(16) as usize).min(rest.len());
                    ok = w.write_all(&rest[..k]).await.is_ok();
                    rest = &rest[k..];
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
                ok
            }
        };
        if !ok {
            break;
        }
    }
    let _ = w.shutdown().await;
}

/// The reconnect schedule of spec §6.1 for one client, written out: attempt `n` (from 0) after
/// the last open, or from the start.
fn expected_attempt(same: Side, n: u32) -> (Side, Duration) {
    let side = if n.is_multiple_of(2) {
        same
    } else {
        same.other()
    };
    let secs = match (n % 2, n / 2) {
        (1, _) | (_, 0) | (_, 1) => 0,
        (_, p) => [15, 30, 60, 120][(p as usize - 2).min(3)],
    };
    (side, Duration::from_secs(secs))
}

/// The number the simulator gave a scripted event (see cti-sim's README).
fn event_number(m: &Message<'_>) -> Option<Num> {
    match m {
        Message::AgentStateEvent(e) => Some(Num::Low16(e.event_reason_code)),
        Message::BeginCallEvent(e) => {
            Some(Num::Full(5 * u64::from(e.connection_call_id - 0x100) - 3))
        }
        Message::EndCallEvent(e) => {
            Some(Num::Full(5 * u64::from(e.connection_call_id - 0x100) - 1))
        }
        _ => None,
    }
}

enum Num {
    Low16(u16),
    Full(u64),
}

/// What one lane saw.
#[derive(Default, Debug)]
struct Figures {
    connections: usize,
    opened: u64,
    events: u64,
    attempts: u64,
    /// Per fault kind: how many were injected and detected, and the longest detection time
    /// against its bound.
    detected: HashMap<Kind, (u64, Duration, Duration)>,
    violations: Vec<String>,
}

/// What the client must say about each fault: a reset or refused connection is
/// `ConnectionReset` (or, where the driver's socket setup saw the reset first, an `Io` error);
/// end of file is `PeerClosed`; a stall before OPEN_CONF is `OpenTimeout`; a stall after it is
/// `HeartbeatTimeout`. A `Stall` injected while the open was still under way counts as one
/// before OPEN_CONF.
fn reason_fits(p: Injected, opened_at: Option<Instant>, reason: &FailureReason) -> bool {
    let kind = match p.kind {
        Kind::Stall if opened_at.is_none_or(|o| o > p.at) => Kind::StallBeforeOpen,
        k => k,
    };
    match kind {
        Kind::Refuse => matches!(
            reason,
            FailureReason::ConnectionReset | FailureReason::Io { .. } | FailureReason::PeerClosed
        ),
        Kind::Reset => matches!(reason, FailureReason::ConnectionReset),
        Kind::HalfClose => matches!(reason, FailureReason::PeerClosed),
        Kind::StallBeforeOpen => matches!(reason, FailureReason::OpenTimeout),
        Kind::Stall => matches!(reason, FailureReason::HeartbeatTimeout),
    }
}

/// Runs the client against `lane` until its end, checking every invariant.
async fn run_client(lane: Arc<Lane>, side_a: SocketAddr, side_b: SocketAddr) -> Figures {
    let mut f = Figures::default();
    let (a, b) = (side_a.to_string(), side_b.to_string());
    let config = Config::new("fault", b"")
        .with_services_requested(ServiceMask::ALL_EVENTS)
        .with_call_msg_mask(CallMsgMask::ALL)
        .with_agent_state_mask(AgentStateMask::ALL)
        .with_heartbeat_interval(HEARTBEAT)
        .with_open_timeout(OPEN_TIMEOUT);
    let options = ClientOptions::default()
        .with_connect_timeout(Duration::from_secs(2))
        .with_seed(Some(1));
    // The driver runs in a task of its own and is never cancelled; what it hands out is
    // stamped on arrival and checked here.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let driver = if lane.blocking {
        Driver::Thread(std::thread::spawn(move || {
            let servers = [a.as_str(), b.as_str()];
            let mut client = BlockingClient::with_options(&config, &servers, options).unwrap();
            loop {
                let seen = Seen::of_result(client.next_event()).with_side(client.side());
                if !Seen::forward(&tx, seen) {
                    return;
                }
            }
        }))
    } else {
        Driver::Task(tokio::spawn(async move {
            let servers = [a.as_str(), b.as_str()];
            let mut client = Client::with_options(&config, &servers, options).unwrap();
            loop {
                let seen = Seen::of_result(client.next_event().await).with_side(client.side());
                if !Seen::forward(&tx, seen) {
                    return;
                }
            }
        }))
    };
    let mut same = Side::A;
    let mut n = 0u32;
    let mut connecting: Option<(Instant, Side, Duration)> = None;
    let mut conn: Option<usize> = None;
    let mut started = Instant::now();
    let mut opened_at: Option<Instant> = None;
    let mut seq = 0u64;
    let mut failed = true;
    let mut attempting = false;
    let mut v = Vec::new();
    loop {
        let now = Instant::now();
        // A fault on the current connection that should have been seen by now.
        let pending = conn
            .and_then(|k| lane.faults.lock().unwrap().get(&k).copied())
            .filter(|_| !failed);
        if let (Some(k), Some(p)) = (conn, pending) {
            let bound = bound_of(p, started, opened_at);
            if now > p.at + bound + SLACK {
                v.push(format!(
                    "{}: {:?} on connection {k} not detected within {bound:?}",
                    lane.name, p.kind
                ));
                break;
            }
        }
        if now >= lane.end && pending.is_none() {
            break;
        }
        let (now, ev) = match tokio::time::timeout(Duration::from_millis(100), rx.recv()).await {
            Err(_) => continue,
            Ok(Some(x)) => x,
            Ok(None) => {
                v.push(format!("{}: the driver's task ended", lane.name));
                break;
            }
        };
        if std::env::var_os("CTI_FAULT_TRACE").is_some() {
            eprintln!("{} {:?} conn {conn:?} {}", lane.name, now, ev.brief());
        }
        match ev {
            Seen::Stopped(why) => {
                v.push(format!("{}: the driver stopped: {why}", lane.name));
                break;
            }
            Seen::Connecting { side, delay } => {
                f.attempts += 1;
                let want = expected_attempt(same, n);
                if (side, delay) != want {
                    v.push(format!("{}: attempt {n} after the open on {same:?}: {side:?} after {delay:?}, want {want:?}", lane.name));
                }
                n += 1;
                connecting = Some((now, side, delay));
                attempting = true;
            }
            Seen::Connected { side, addr } => {
                attempting = false;
                let k = f.connections;
                f.connections += 1;
                conn = Some(k);
                started = now;
                opened_at = None;
                seq = 0;
                failed = false;
                let port = if side == Side::A { side_a } else { side_b };
                if addr != port {
                    v.push(format!(
                        "{}: side {side:?} connected to {addr}, its proxy is {port}",
                        lane.name
                    ));
                }
                match connecting {
                    Some((t, s, d)) if s == side => {
                        let waited = now - t;
                        if waited + Duration::from_millis(20) < d || waited > d + SLACK {
                            v.push(format!(
                                "{}: attempt waited {waited:?}, the schedule says {d:?}",
                                lane.name
                            ));
                        }
                    }
                    other => v.push(format!(
                        "{}: connected to {side:?} after {other:?}",
                        lane.name
                    )),
                }
            }
            Seen::Opened(side) => {
                f.opened += 1;
                opened_at = Some(now);
                same = side.unwrap_or(same);
                n = 0;
            }
            Seen::Numbered(num, m) => {
                f.events += 1;
                // The number in full: the next one, or where the stream resumes after a gap.
                let got = match num {
                    Num::Low16(x) => seq + 1 + u64::from(x.wrapping_sub((seq + 1) as u16)),
                    Num::Full(x) => x,
                };
                let ok = got == seq + 1;
                if !ok {
                    v.push(format!(
                        "{}: connection {conn:?}: event after number {seq} is {m:?}",
                        lane.name
                    ));
                }
                seq = got;
            }
            Seen::Failed(reason) => {
                failed = true;
                if attempting {
                    // The attempt failed before `Connected`: the proxy refused it at once
                    // (the driver's socket setup saw the reset), which used up a connection.
                    attempting = false;
                    if lane.accepted.load(Ordering::SeqCst) > f.connections {
                        conn = Some(f.connections);
                        f.connections += 1;
                        started = now;
                        opened_at = None;
                    } else {
                        v.push(format!(
                            "{}: an attempt failed before reaching the proxy: {reason:?}",
                            lane.name
                        ));
                        continue;
                    }
                }
                let k = conn.unwrap_or(usize::MAX);
                match lane.faults.lock().unwrap().get(&k).copied() {
                    None => v.push(format!(
                        "{}: connection {k} failed without a fault: {reason:?}",
                        lane.name
                    )),
                    Some(p) => {
                        let took = now.saturating_duration_since(p.at);
                        let bound = bound_of(p, started, opened_at);
                        let e = f.detected.entry(p.kind).or_default();
                        e.0 += 1;
                        e.1 = e.1.max(took);
                        e.2 = bound;
                        if !reason_fits(p, opened_at, &reason) {
                            v.push(format!(
                                "{}: {:?} on connection {k} ended it with {reason:?}",
                                lane.name, p.kind
                            ));
                        }
                        if took > bound + SLACK {
                            v.push(format!("{}: {:?} on connection {k} detected after {took:?}, bound {bound:?}: {reason:?}", lane.name, p.kind));
                        }
                    }
                }
            }
            Seen::Closed => v.push(format!("{}: closed unasked", lane.name)),
            _ => {}
        }
        if v.len() > 20 {
            break;
        }
    }
    // Every TCP connection the proxies accepted was one the driver reported (the last may be
    // under way).
    let accepted = lane.accepted.load(Ordering::SeqCst);
    if accepted > f.connections + 1 || accepted < f.connections {
        v.push(format!(
            "{}: the proxies accepted {accepted} connections, the driver reported {}",
            lane.name, f.connections
        ));
    }
    match driver {
        Driver::Task(t) if t.is_finished() => {
            if let Err(e) = t.await {
                v.push(format!("{}: the driver's task failed: {e}", lane.name));
            }
        }
        Driver::Task(t) => t.abort(),
        // A blocking driver ends at its next event, when the channel is gone.
        Driver::Thread(t) if t.is_finished() => {
            if t.join().is_err() {
                v.push(format!("{}: the driver's thread panicked", lane.name));
            }
        }
        Driver::Thread(_) => {}
    }
    f.violations = v;
    f
}

/// What the driver handed out, owned.
enum Seen {
    Connecting {
        side: Side,
        delay: Duration,
    },
    Connected {
        side: Side,
        addr: SocketAddr,
    },
    /// With the side the driver says it is connected to.
    Opened(Option<Side>),
    /// A scripted event, its number and its text.
    Numbered(Num, String),
    Failed(FailureReason),
    Closed,
    Other,
    Stopped(String),
}

/// Where a lane's driver runs.
enum Driver {
    Task(tokio::task::JoinHandle<()>),
    Thread(std::thread::JoinHandle<()>),
}

type Sender = tokio::sync::mpsc::UnboundedSender<(Instant, Seen)>;

impl Seen {
    /// A few words for the trace.
    fn brief(&self) -> String {
        match self {
            Seen::Connecting { side, delay } => format!("connecting {side:?} after {delay:?}"),
            Seen::Connected { side, addr } => format!("connected {side:?} {addr}"),
            Seen::Opened(s) => format!("opened {s:?}"),
            Seen::Numbered(..) => "event".into(),
            Seen::Failed(r) => format!("failed {r:?}"),
            Seen::Closed => "closed".into(),
            Seen::Other => "other".into(),
            Seen::Stopped(w) => format!("stopped {w}"),
        }
    }

    fn of_result(r: Result<Option<ClientEvent<'_>>, cti_proto::driver::Error>) -> Seen {
        match r {
            Ok(Some(ev)) => Seen::of(&ev),
            other => Seen::Stopped(format!("{:?}", other.map(|e| e.is_some()))),
        }
    }

    /// `Opened` gets the side the driver says it is on.
    fn with_side(self, side: Option<Side>) -> Seen {
        match self {
            Seen::Opened(_) => Seen::Opened(side),
            s => s,
        }
    }

    /// Stamps and passes on `seen`; false when the driver should stop.
    fn forward(tx: &Sender, seen: Seen) -> bool {
        let stop = matches!(seen, Seen::Stopped(_));
        tx.send((Instant::now(), seen)).is_ok() && !stop
    }

    fn of(ev: &ClientEvent<'_>) -> Seen {
        match ev {
            ClientEvent::Connecting { side, delay, .. } => Seen::Connecting {
                side: *side,
                delay: *delay,
            },
            ClientEvent::Connected { side, addr, .. } => Seen::Connected {
                side: *side,
                addr: *addr,
            },
            ClientEvent::Session(Event::Opened(_)) => Seen::Opened(None),
            ClientEvent::Session(Event::Message(m)) => match event_number(m) {
                Some(n) => Seen::Numbered(n, format!("{m:?}")),
                None => Seen::Other,
            },
            ClientEvent::Session(Event::SessionFailed(r)) => Seen::Failed(*r),
            ClientEvent::Session(Event::Closed) => Seen::Closed,
            _ => Seen::Other,
        }
    }
}

/// How long a fault may take to be detected, from its injection.
fn bound_of(p: Injected, started: Instant, opened_at: Option<Instant>) -> Duration {
    match p.kind {
        Kind::Refuse | Kind::Reset | Kind::HalfClose => Duration::ZERO,
        Kind::Stall if opened_at.is_some_and(|o| o <= p.at) => 4 * HEARTBEAT,
        // Stalled before OPEN_CONF: the open timeout, counted from the connection.
        _ => (started + OPEN_TIMEOUT).saturating_duration_since(p.at),
    }
}

fn seed() -> u64 {
    std::env::var("CTI_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_are_detected_and_sessions_stay_consistent() {
    let secs: u64 = std::env::var("CTI_FAULT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let seed = seed();
    let mut sim = Sim::start(&["--events-every", "20", "--open-timeout", "3"]);
    let start = Instant::now();
    let end = start + Duration::from_secs(secs);
    let lane = |name, s: u64, forced_first, blocking| {
        Arc::new(Lane {
            name,
            rng: Mutex::new(Rng(s)),
            accepted: AtomicUsize::new(0),
            faults: Mutex::new(HashMap::new()),
            modes: Mutex::new(HashMap::new()),
            end,
            forced_first,
            blocking,
            upstream: sim.addr,
        })
    };
    // One lane of random faults; one whose first session stalls after the open, so that the
    // heartbeat bound is exercised in the short run too.
    let mixed = lane("mixed", seed, None, false);
    let stall = Plan {
        mode: Mode::Plain,
        fault: Some((Duration::from_millis(500), Kind::Stall)),
    };
    let stalled = lane("stalled", seed ^ 0x5555, Some(stall), false);
    // The blocking driver, random faults too.
    let blocking = lane("blocking", seed ^ 0xAAAA, None, true);
    let mut runs = Vec::new();
    for l in [mixed.clone(), stalled.clone(), blocking.clone()] {
        let a = l.clone().listen().await;
        let b = l.clone().listen().await;
        runs.push(tokio::spawn(run_client(l, a, b)));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_before = sim.rss();
    let mut all = Vec::new();
    for r in runs {
        all.push(r.await.expect("no panic in the client task"));
    }
    let rss_after = sim.rss();
    let mut violations = Vec::new();
    for (l, f) in [&mixed, &stalled, &blocking].iter().zip(&all) {
        println!(
            "{}: {} connections, {} attempts, {} opened, {} events in order; modes {:?}",
            l.name,
            f.connections,
            f.attempts,
            f.opened,
            f.events,
            l.modes.lock().unwrap()
        );
        for (k, (count, worst, bound)) in &f.detected {
            println!("  {k:?}: {count} detected, slowest {worst:?} (bound {bound:?} + {SLACK:?})");
        }
        violations.extend(f.violations.iter().cloned());
        let injected = l.faults.lock().unwrap().len();
        let detected: u64 = f.detected.values().map(|d| d.0).sum();
        if (detected as usize) < injected.saturating_sub(1) {
            violations.push(format!(
                "{}: {injected} faults injected, {detected} detected",
                l.name
            ));
        }
    }
    println!(
        "{:?} in all; cti-sim RSS {} KiB before, {} KiB after",
        start.elapsed(),
        rss_before / 1024,
        rss_after / 1024
    );
    if !sim.running() {
        violations.push("cti-sim exited".into());
    }
    if rss_after > rss_before + RSS_GROWTH_BOUND {
        violations.push(format!(
            "cti-sim grew from {rss_before} to {rss_after} bytes"
        ));
    }
    if all[0].opened < 2 || all[2].opened < 2 || !all[1].detected.contains_key(&Kind::Stall) {
        violations.push("too few sessions or faults to check anything".into());
    }
    assert!(
        violations.is_empty(),
        "seed {seed} (CTI_FAULT_SEED={seed} replays it):\n{}",
        violations.join("\n")
    );
}

/// A frame of an unknown type before the open: the simulator rejects it with FAILURE_CONF
/// and keeps the session.
fn unknown_request(invoke_id: u32) -> [u8; 12] {
    let mut f = [0u8; 12];
    f[..4].copy_from_slice(&4u32.to_be_bytes());
    f[4..8].copy_from_slice(&9999u32.to_be_bytes());
    f[8..].copy_from_slice(&invoke_id.to_be_bytes());
    f
}

#[test]
fn rejected_requests_give_a_bounded_log_with_the_rest_counted() {
    const N: u32 = 20_000;
    let help = Command::new(env!("CARGO_BIN_EXE_cti-sim"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("at most 5 lines a second"), "{help}");
    assert!(
        help.contains("AGENT_STATE_EVENT carries the number"),
        "{help}"
    );
    let sim = Sim::start(&[]);
    let mut s = std::net::TcpStream::connect(sim.addr).unwrap();
    let mut r = s.try_clone().unwrap();
    // Read every FAILURE_CONF (8-byte header + InvokeID + Status), so that the simulator never
    // waits for the socket.
    let reader = std::thread::spawn(move || {
        let mut total = 0usize;
        let mut buf = [0u8; 65536];
        while let Ok(n) = r.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    });
    let t0 = Instant::now();
    let mut all = Vec::with_capacity(12 * N as usize);
    for i in 0..N {
        all.extend_from_slice(&unknown_request(i));
    }
    s.write_all(&all).unwrap();
    // Wait until the simulator has answered them all, then end the connection.
    let lines = || sim.lines.lock().unwrap().clone();
    std::thread::sleep(Duration::from_millis(500));
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let answered = reader.join().unwrap();
    let took = t0.elapsed();
    assert!(answered >= 16 * N as usize, "{answered} bytes answered");
    let deadline = Instant::now() + Duration::from_secs(5);
    let log = loop {
        let l = lines();
        if l.iter().any(|l| l.contains("disconnected")) || Instant::now() > deadline {
            break l;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let refused = log.iter().filter(|l| l.contains("refused")).count() as u64;
    // The connection's own lines: its refusals and the failure of its session (end of file).
    let written = log
        .iter()
        .filter(|l| l.contains("#1 ") && !l.contains("connected"))
        .count() as u64;
    let suppressed: u64 = log
        .iter()
        .filter_map(|l| {
            l.rsplit_once(" (")?
                .1
                .strip_suffix(" lines suppressed)")?
                .parse::<u64>()
                .ok()
        })
        .sum();
    let seconds = took.as_secs() + 1;
    assert!(
        refused <= 5 * (seconds + 1),
        "{refused} lines in {took:?}:\n{}",
        log.join("\n")
    );
    assert!(log.len() < 40, "{} lines", log.len());
    assert_eq!(
        written + suppressed,
        u64::from(N) + 1,
        "every rejection written or counted:\n{}",
        log.join("\n")
    );
}
