//! The simulator over real loopback TCP, with the codec playing an independent client: open
//! with good and bad versions, timeouts and passwords, heartbeats, close, silence past the
//! IdleTimeout, fault switches, and a bounded load test of hundreds of concurrent sessions.
//! Every connection goes to 127.0.0.1 only.

use cti_tools::sim;

use std::sync::atomic::Ordering;
use std::time::Duration;

use cti_proto::server::ServerConfig;
use cti_proto::wire::codes::*;
use cti_proto::wire::session::*;
use cti_proto::wire::{
    tag, Decoder, Floating, FloatingWriter, InvokeId, Message, Status, Str, Version,
};
use sim::{Sim, SimConfig, Stats};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Bound on any single wait, so that a broken server fails a test instead of hanging it.
const WAIT: Duration = Duration::from_secs(30);

async fn start(config: SimConfig) -> Sim {
    Sim::start_local(config).await
}

fn open_req(invoke_id: u32, version: u32, idle_timeout: u32, password: &[u8]) -> Vec<u8> {
    let mut fbuf = [0u8; 256];
    let mut w = FloatingWriter::new(&mut fbuf, Version(version));
    w.put(tag::CLIENT_ID, Str::from("loopback")).unwrap();
    w.put(tag::CLIENT_PASSWORD, password).unwrap();
    let req = OpenReq {
        invoke_id: InvokeId(invoke_id),
        version_number: version,
        idle_timeout,
        peripheral_id: 0xFFFF_FFFF,
        services_requested: ServiceMask::ALL_EVENTS,
        call_msg_mask: CallMsgMask::ALL,
        agent_state_mask: AgentStateMask::ALL,
        config_msg_mask: ConfigMsgMask::EMPTY,
        reserved1: 0,
        reserved2: 0,
        reserved3: 0,
        floating: w.finish(),
    };
    bytes(&Message::OpenReq(req))
}

fn bytes(m: &Message<'_>) -> Vec<u8> {
    let mut out = vec![0u8; m.encoded_len(Version::V15)];
    m.encode(Version::V15, &mut out).unwrap();
    out
}

fn heartbeat(id: u32) -> Vec<u8> {
    bytes(&Message::HeartbeatReq(HeartbeatReq {
        invoke_id: InvokeId(id),
        floating: Floating::EMPTY,
    }))
}

fn close_req(id: u32) -> Vec<u8> {
    bytes(&Message::CloseReq(CloseReq {
        invoke_id: InvokeId(id),
        status: StatusCode::NO_ERROR,
        floating: Floating::EMPTY,
    }))
}

/// A received message, reduced to what the tests check.
#[derive(Debug, Clone, PartialEq)]
struct Got {
    t: u32,
    invoke_id: Option<u32>,
    status: Option<StatusCode>,
    /// The body's first four bytes: the InvokeID of a CONF the codec does not know yet.
    head: Option<u32>,
}

/// An independent client: raw TCP plus the codec.
struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    async fn connect(sim: &Sim) -> Client {
        let stream = TcpStream::connect(sim.addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        Client {
            stream,
            buf: Vec::new(),
        }
    }

    async fn send(&mut self, b: &[u8]) {
        self.stream.write_all(b).await.unwrap();
    }

    /// The next message, or `None` at EOF or reset.
    async fn next(&mut self) -> Option<Got> {
        loop {
            match Decoder::default().decode(&self.buf).unwrap() {
                Status::Complete((m, used)) => {
                    let got = Got {
                        t: m.message_type().0,
                        invoke_id: m.invoke_id().map(|i| i.0),
                        status: match m {
                            Message::FailureConf(f) => Some(f.status),
                            Message::FailureEvent(f) => Some(f.status),
                            _ => None,
                        },
                        head: self
                            .buf
                            .get(8..12)
                            .map(|b| u32::from_be_bytes(b.try_into().unwrap())),
                    };
                    self.buf.drain(..used);
                    return Some(got);
                }
                Status::Partial { .. } => {
                    let mut chunk = [0u8; 4096];
                    let n = tokio::time::timeout(WAIT, self.stream.read(&mut chunk))
                        .await
                        .expect("the simulator answers in time")
                        .unwrap_or(0);
                    if n == 0 {
                        return None;
                    }
                    self.buf.extend_from_slice(&chunk[..n]);
                }
            }
        }
    }

    /// Opens with defaults: OPEN_CONF, then one SYSTEM_EVENT for peripheral 5000.
    async fn open(&mut self, invoke_id: u32) {
        self.send(&open_req(invoke_id, 15, 20, b"pw")).await;
        assert_eq!(
            self.next().await.map(|g| (g.t, g.invoke_id)),
            Some((4, Some(invoke_id)))
        );
        assert_eq!(self.next().await.map(|g| g.t), Some(31));
    }

    async fn heartbeats(&mut self, ids: std::ops::Range<u32>) {
        for id in ids {
            self.send(&heartbeat(id)).await;
            assert_eq!(
                self.next().await.map(|g| (g.t, g.invoke_id)),
                Some((6, Some(id)))
            );
        }
    }

    async fn close(&mut self, id: u32) {
        self.send(&close_req(id)).await;
        assert_eq!(
            self.next().await.map(|g| (g.t, g.invoke_id)),
            Some((8, Some(id)))
        );
        assert_eq!(
            self.next().await,
            None,
            "the server closes after CLOSE_CONF"
        );
    }
}

fn failure(t: u32, invoke_id: u32, status: StatusCode) -> Option<Got> {
    Some(Got {
        t,
        invoke_id: Some(invoke_id),
        status: Some(status),
        head: Some(invoke_id),
    })
}

#[tokio::test]
async fn open_heartbeat_close() {
    let sim = start(SimConfig::default()).await;
    let mut c = Client::connect(&sim).await;
    c.open(1).await;
    c.heartbeats(2..5).await;
    c.close(5).await;
    assert_eq!(Stats::get(&sim.stats.heartbeats_answered), 3);
    assert_eq!(Stats::get(&sim.stats.closed), 1);
}

#[tokio::test]
async fn bad_opens_get_the_spec_status_and_a_good_one_still_works() {
    let config = SimConfig {
        server: ServerConfig::default()
            .with_credentials("loopback", b"pw")
            .unwrap(),
        ..SimConfig::default()
    };
    let sim = start(config).await;
    let mut c = Client::connect(&sim).await;
    c.send(&heartbeat(1)).await;
    assert_eq!(c.next().await, failure(1, 1, StatusCode::SESSION_NOT_OPEN));
    // A rejected OPEN_REQ ends the session: FAILURE_CONF, then the server closes the
    // connection, and the next attempt needs a new one.
    let bad = [
        (
            open_req(2, 12, 20, b"pw"),
            failure(1, 2, StatusCode::INVALID_VERSION),
        ),
        (
            open_req(3, 26, 20, b"pw"),
            failure(1, 3, StatusCode::INVALID_VERSION),
        ),
        (
            open_req(4, 15, 19, b"pw"),
            failure(1, 4, StatusCode::INVALID_TIMEOUT),
        ),
        (
            open_req(5, 15, 20, b"nope"),
            failure(1, 5, StatusCode::INVALID_PASSWORD),
        ),
    ];
    for (req, expected) in bad {
        c.send(&req).await;
        assert_eq!(c.next().await, expected);
        assert_eq!(c.next().await, None, "closed after the rejection");
        c = Client::connect(&sim).await;
    }
    c.open(6).await;
    c.send(&open_req(7, 15, 20, b"pw")).await;
    assert_eq!(
        c.next().await,
        failure(1, 7, StatusCode::SESSION_ALREADY_OPEN)
    );
    c.send(&[0, 0, 0, 4, 0, 0, 3, 0xe7, 0, 0, 0, 8]).await; // type 999
    assert_eq!(
        c.next().await,
        failure(1, 8, StatusCode::INVALID_MESSAGE_TYPE)
    );
    c.close(9).await;
    assert_eq!(Stats::get(&sim.stats.rejected), 7);
}

#[tokio::test]
async fn silent_client_is_dropped_after_idle_timeout() {
    let sim = start(SimConfig::default()).await;
    let mut c = Client::connect(&sim).await;
    let started = tokio::time::Instant::now();
    c.open(1).await;
    assert_eq!(c.next().await, None, "the server resets the connection");
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(20), "{waited:?}");
    assert_eq!(Stats::get(&sim.stats.failed), 1);
}

#[tokio::test]
async fn malformed_input_resets_the_connection() {
    let sim = start(SimConfig::default()).await;
    let mut c = Client::connect(&sim).await;
    c.open(1).await;
    c.send(&[0xff, 0xff, 0xff, 0xff, 0, 0, 0, 5]).await; // oversize length
    assert_eq!(c.next().await, None);
    assert_eq!(Stats::get(&sim.stats.failed), 1);
}

#[tokio::test]
async fn fault_switches() {
    let config = SimConfig {
        server: ServerConfig::default().with_stop_heartbeats_after(Some(2)),
        failure_event_after: Some(Duration::from_millis(300)),
        ..SimConfig::default()
    };
    let sim = start(config).await;
    let mut c = Client::connect(&sim).await;
    c.open(1).await;
    c.heartbeats(2..4).await;
    // The third heartbeat goes unanswered; the next thing is the FAILURE_EVENT.
    c.send(&heartbeat(4)).await;
    assert_eq!(
        c.next().await,
        Some(Got {
            t: 2,
            invoke_id: None,
            status: Some(StatusCode::CTI_SERVER_OFFLINE),
            head: Some(15),
        })
    );
    c.close(5).await;
    assert_eq!(Stats::get(&sim.stats.heartbeats_ignored), 1);

    let sim = start(SimConfig {
        reset_after: Some(Duration::from_millis(200)),
        ..SimConfig::default()
    })
    .await;
    let mut c = Client::connect(&sim).await;
    c.open(1).await;
    assert_eq!(c.next().await, None, "reset by --reset-after");
}

#[tokio::test]
async fn scripted_events_follow_the_masks_and_requests_are_answered() {
    let sim = start(SimConfig {
        events_every: Some(Duration::from_millis(20)),
        ..SimConfig::default()
    })
    .await;
    let mut c = Client::connect(&sim).await;
    c.open(1).await;
    let mut types = Vec::new();
    while types.len() < 5 {
        types.push(c.next().await.unwrap().t);
    }
    assert_eq!(types, [30, 23, 30, 24, 30]);
    // QUERY_AGENT_STATE_REQ (spec §9) is answered with its InvokeID, other requests with
    // FAILURE_CONF E_CTI_FUNCTION_NOT_AVAILABLE.
    let query = [
        0, 0, 0, 0x1b, 0, 0, 0, 0x24, 0, 0, 0, 0x63, 0, 0, 0x13, 0x88, 0, 0, 0, 0, 0, 0, 0, 0, 5,
        2, 0x32, 0, 6, 5, 0x31, 0x30, 0x30, 0x30, 0,
    ];
    c.send(&query).await;
    c.send(&[0, 0, 0, 8, 0, 0, 0, 0x5f, 0, 0, 0, 0x64, 0, 0, 0, 1])
        .await; // MONITOR_STOP_REQ
    let mut answers = Vec::new();
    while answers.len() < 2 {
        let g = c.next().await.unwrap();
        if ![23, 24, 30].contains(&g.t) {
            answers.push(g);
        }
    }
    assert_eq!(answers[0].t, 37);
    assert_eq!(
        answers[0].head,
        Some(0x63),
        "QUERY_AGENT_STATE_CONF carries the InvokeID"
    );
    assert_eq!(
        answers[1],
        failure(1, 100, StatusCode::FUNCTION_NOT_AVAILABLE).unwrap()
    );
}

#[tokio::test]
async fn max_clients_refuses_the_extra_connection() {
    let sim = start(SimConfig {
        max_clients: 2,
        ..SimConfig::default()
    })
    .await;
    let mut a = Client::connect(&sim).await;
    let mut b = Client::connect(&sim).await;
    a.open(1).await;
    b.open(1).await;
    let mut c = Client::connect(&sim).await;
    assert_eq!(c.next().await, None);
    assert_eq!(sim.refused(), 1);
    assert_eq!(sim.evicted(), 0);
}

/// Idle sockets that fill `max_clients` give way to a client that opens: the oldest
/// unauthenticated connection is closed for the new one.
#[tokio::test]
async fn idle_connections_at_max_clients_give_way_to_a_real_client() {
    let sim = start(SimConfig {
        max_clients: 3,
        ..SimConfig::default()
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(Client::connect(&sim).await);
    }
    // Wait until the simulator holds all three, so the next ones meet a full house.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while Stats::get(&sim.stats.accepted) < 3 {
        assert!(
            std::time::Instant::now() < deadline,
            "idle sockets not accepted"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut real = Vec::new();
    for n in 0..3 {
        let mut c = Client::connect(&sim).await;
        c.open(1).await;
        assert_eq!(sim.evicted(), n + 1, "client {n}");
        real.push(c);
    }
    assert_eq!(sim.refused(), 0);
    // Now every connection has opened: a fourth is refused, and no open session gives way.
    let mut extra = Client::connect(&sim).await;
    assert_eq!(extra.next().await, None);
    assert_eq!((sim.refused(), sim.evicted()), (1, 3));
    // The idle sockets were closed for them, oldest first.
    for mut c in idle {
        assert_eq!(c.next().await, None);
    }
}

/// Hundreds of sessions at once against one simulator: every one opens, every heartbeat is
/// answered with its own InvokeID, every session closes; nothing is lost. Bounded: a fixed
/// count of sessions and messages, and a time limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_hundreds_of_concurrent_sessions() {
    const SESSIONS: u32 = 250;
    const HEARTBEATS: u32 = 10;
    let sim = start(SimConfig::default()).await;
    let started = std::time::Instant::now();
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(SESSIONS as usize));
    let mut tasks = Vec::new();
    for n in 0..SESSIONS {
        let addr = sim.addr;
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            let stream = TcpStream::connect(addr).await.unwrap();
            let mut c = Client {
                stream,
                buf: Vec::new(),
            };
            c.open(n).await;
            // Every session is open before any heartbeats.
            barrier.wait().await;
            let base = n * 1000;
            c.heartbeats(base..base + HEARTBEATS).await;
            c.close(base + 999).await;
        }));
    }
    let all = async {
        for t in tasks {
            t.await.unwrap();
        }
    };
    tokio::time::timeout(Duration::from_secs(120), all)
        .await
        .expect("the load test finishes in time");
    let s = &sim.stats;
    assert_eq!(Stats::get(&s.opened), u64::from(SESSIONS));
    assert_eq!(
        Stats::get(&s.heartbeats_answered),
        u64::from(SESSIONS * HEARTBEATS)
    );
    assert_eq!(Stats::get(&s.closed), u64::from(SESSIONS));
    assert_eq!(Stats::get(&s.failed), 0);
    assert_eq!(Stats::get(&s.rejected), 0);
    println!(
        "load: {SESSIONS} concurrent sessions, {} heartbeats answered, in {:?}",
        SESSIONS * HEARTBEATS,
        started.elapsed()
    );
    // Let the connection tasks finish their bookkeeping.
    for _ in 0..100 {
        if s.active.load(Ordering::Relaxed) == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(s.active.load(Ordering::Relaxed), 0);
}
