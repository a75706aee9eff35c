//! The drivers against real sockets: both clients against the simulator (built on the tokio
//! server driver), refused, reset and closed connections, heartbeats under a silent server,
//! backpressure, and the server driver's bounds on clients that do not read.

use cti_tools::sim;

use std::io::Write;
use std::net::TcpListener as StdListener;
use std::time::Duration;

use cti_proto::blocking;
use cti_proto::client::{Config, Event, FailureReason, Session, Side};
use cti_proto::driver::ClientEvent;
use cti_proto::server::{FailureReason as ServerFailure, ServerConfig, ServerEvent};
use cti_proto::tokio::{Client, Connection, ConnectionEvent, Cut, Server, ServerOptions};
use cti_proto::wire::codes::{DeviceIdType, PgStatus, SystemEventId};
use cti_proto::wire::session::SystemEvent;
use cti_proto::wire::{Floating, Message};
use cti_proto::Instant;
use sim::{Sim, SimConfig, Stats};

fn config() -> Config<'static> {
    Config::new("drivers-test", b"")
}

/// An address where nothing listens: bound, then released.
fn closed_port() -> String {
    let l = StdListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    drop(l);
    addr
}

/// The kind of a client event, without borrows, for comparisons.
#[derive(Clone, Debug, PartialEq)]
enum Seen {
    Connecting(Side, String),
    Connected(Side, String),
    Opened,
    Message,
    Failed(FailureReason),
    Closed,
    Other,
}

fn seen(e: &ClientEvent<'_>) -> Seen {
    match e {
        ClientEvent::Connecting { side, server, .. } => Seen::Connecting(*side, server.to_string()),
        ClientEvent::Connected { side, server, .. } => Seen::Connected(*side, server.to_string()),
        ClientEvent::Session(Event::Opened(_)) => Seen::Opened,
        ClientEvent::Session(Event::Message(_)) => Seen::Message,
        ClientEvent::Session(Event::SessionFailed(r)) => Seen::Failed(*r),
        ClientEvent::Session(Event::Closed) => Seen::Closed,
        _ => Seen::Other,
    }
}

/// The tokio client's events up to and including the first one `stop` accepts.
async fn until(client: &mut Client<'_>, stop: impl Fn(&Seen) -> bool) -> Vec<Seen> {
    let mut all = Vec::new();
    let run = async {
        loop {
            let e = client.next_event().await.unwrap().expect("not closed");
            let s = seen(&e);
            let done = stop(&s);
            all.push(s);
            if done {
                return;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(30), run)
        .await
        .expect("in time");
    all
}

/// The same for the blocking client.
fn until_blocking(client: &mut blocking::Client<'_>, stop: impl Fn(&Seen) -> bool) -> Vec<Seen> {
    let mut all = Vec::new();
    loop {
        let e = client.next_event().unwrap().expect("not closed");
        let s = seen(&e);
        let done = stop(&s);
        all.push(s);
        if done {
            return all;
        }
    }
}

fn relevant(events: Vec<Seen>) -> Vec<Seen> {
    events.into_iter().filter(|s| *s != Seen::Other).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_clients_open_against_the_simulator_and_close() {
    let sim = Sim::start_local(SimConfig::default()).await;
    let addr = sim.addr.to_string();

    let mut client = Client::connect(&config(), &[&addr]).await.unwrap();
    let got = until(&mut client, |s| *s == Seen::Opened).await;
    assert_eq!(
        got,
        [
            Seen::Connecting(Side::A, addr.clone()),
            Seen::Connected(Side::A, addr.clone()),
            Seen::Opened
        ]
    );
    assert_eq!(client.side(), Some(Side::A));
    client.close().await.unwrap();
    assert!(client.next_event().await.unwrap().is_none());

    let a = addr.clone();
    let got = tokio::task::spawn_blocking(move || {
        let config = config();
        let mut client = blocking::Client::connect(&config, &[&a]).unwrap();
        let got = until_blocking(&mut client, |s| *s == Seen::Opened);
        client.close().unwrap();
        assert!(client.next_event().unwrap().is_none());
        got
    })
    .await
    .unwrap();
    assert_eq!(
        got,
        [
            Seen::Connecting(Side::A, addr.clone()),
            Seen::Connected(Side::A, addr.clone()),
            Seen::Opened
        ]
    );
    // Both closed with CLOSE_REQ, answered with CLOSE_CONF.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(Stats::get(&sim.stats.opened), 2);
    assert_eq!(Stats::get(&sim.stats.closed), 2);
}

/// `start_close` hands out every message that arrives before CLOSE_CONF: with an event every
/// millisecond and the client not reading for 50 ms, dozens wait in the socket when CLOSE_REQ
/// goes out, and the client still sees exactly as many as the simulator sent (`close` drops
/// them).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_close_keeps_the_messages_that_arrive_before_close_conf() {
    use cti_proto::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask, StatusCode};
    let sim = Sim::start_local(SimConfig {
        events_every: Some(Duration::from_millis(1)),
        ..SimConfig::default()
    })
    .await;
    let addr = sim.addr.to_string();
    let config = config()
        .with_services_requested(ServiceMask(0x10))
        .with_call_msg_mask(CallMsgMask::ALL)
        .with_agent_state_mask(AgentStateMask::ALL);
    let mut client = Client::connect(&config, &[&addr]).await.unwrap();
    let scripted = |e: &ClientEvent<'_>| {
        matches!(
            e,
            ClientEvent::Session(Event::Message(
                Message::AgentStateEvent(_) | Message::BeginCallEvent(_) | Message::EndCallEvent(_)
            ))
        )
    };
    let mut received = 0u64;
    while received < 50 {
        let e = client.next_event().await.unwrap().unwrap();
        received += u64::from(scripted(&e));
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    client.start_close(StatusCode::NO_ERROR);
    let mut last = Seen::Other;
    while let Some(e) = client.next_event().await.unwrap() {
        received += u64::from(scripted(&e));
        last = seen(&e);
    }
    assert_eq!(last, Seen::Closed);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(Stats::get(&sim.stats.closed), 1);
    assert_eq!(received, Stats::get(&sim.stats.events_sent));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connect_fails_and_the_next_attempt_is_side_b() {
    let sim = Sim::start_local(SimConfig::default()).await;
    let b = sim.addr.to_string();
    let a = closed_port();
    let want = vec![
        Seen::Connecting(Side::A, a.clone()),
        Seen::Failed(FailureReason::ConnectionRefused),
        Seen::Connecting(Side::B, b.clone()),
        Seen::Connected(Side::B, b.clone()),
        Seen::Opened,
    ];

    let mut client = Client::connect(&config(), &[&a, &b]).await.unwrap();
    let got = until(&mut client, |s| *s == Seen::Opened).await;
    assert_eq!(relevant(got), want);
    assert_eq!(client.side(), Some(Side::B));

    let (a2, b2) = (a.clone(), b.clone());
    let got = tokio::task::spawn_blocking(move || {
        let config = config();
        let mut client = blocking::Client::connect(&config, &[&a2, &b2]).unwrap();
        until_blocking(&mut client, |s| *s == Seen::Opened)
    })
    .await
    .unwrap();
    assert_eq!(relevant(got), want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_by_the_server_is_connection_reset() {
    let sim = Sim::start_local(SimConfig {
        reset_after: Some(Duration::from_millis(300)),
        ..SimConfig::default()
    })
    .await;
    let addr = sim.addr.to_string();
    let mut client = Client::connect(&config(), &[&addr]).await.unwrap();
    let got = until(&mut client, |s| matches!(s, Seen::Failed(_))).await;
    assert_eq!(
        &relevant(got)[2..],
        [Seen::Opened, Seen::Failed(FailureReason::ConnectionReset)]
    );
    // The schedule goes on: same side first.
    let next = until(&mut client, |s| matches!(s, Seen::Connecting(..))).await;
    assert_eq!(next, [Seen::Connecting(Side::A, addr.clone())]);

    let got = tokio::task::spawn_blocking(move || {
        let config = config();
        let mut client = blocking::Client::connect(&config, &[&addr]).unwrap();
        until_blocking(&mut client, |s| matches!(s, Seen::Failed(_)))
    })
    .await
    .unwrap();
    assert_eq!(
        got.last(),
        Some(&Seen::Failed(FailureReason::ConnectionReset))
    );
}

/// A server that opens one session, then closes the connection gracefully.
async fn closing_server() -> String {
    let server = Server::bind("127.0.0.1:0", ServerConfig::default())
        .await
        .unwrap();
    let addr = server.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        loop {
            let mut conn = server.accept().await.unwrap();
            tokio::spawn(async move {
                while let Ok(Some(e)) = conn.next_event().await {
                    if matches!(e, ConnectionEvent::Session(ServerEvent::Opened { .. })) {
                        break;
                    }
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                conn.shutdown().await;
            });
        }
    });
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_close_by_the_server_is_peer_closed() {
    let addr = closing_server().await;
    let mut client = Client::connect(&config(), &[&addr]).await.unwrap();
    let got = until(&mut client, |s| matches!(s, Seen::Failed(_))).await;
    assert!(got.contains(&Seen::Opened));
    assert_eq!(got.last(), Some(&Seen::Failed(FailureReason::PeerClosed)));

    let got = tokio::task::spawn_blocking(move || {
        let config = config();
        let mut client = blocking::Client::connect(&config, &[&addr]).unwrap();
        until_blocking(&mut client, |s| matches!(s, Seen::Failed(_)))
    })
    .await
    .unwrap();
    assert!(got.contains(&Seen::Opened));
    assert_eq!(got.last(), Some(&Seen::Failed(FailureReason::PeerClosed)));
}

/// Spec §6.3: with a silent server, the fourth heartbeat finds three unconfirmed: the session
/// fails 4 intervals after the last confirmation (here the open). 5 s is the shortest interval.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_server_is_a_heartbeat_timeout_after_four_intervals() {
    let sim = Sim::start_local(SimConfig {
        server: {
            let mut c = ServerConfig::default();
            c.stop_heartbeats_after = Some(0);
            c
        },
        ..SimConfig::default()
    })
    .await;
    let addr = sim.addr.to_string();
    let hb = config().with_heartbeat_interval(Duration::from_secs(5));
    let tokio_run = async {
        let mut client = Client::connect(&hb, &[&addr]).await.unwrap();
        until(&mut client, |s| *s == Seen::Opened).await;
        let opened = std::time::Instant::now();
        let got = until(&mut client, |s| matches!(s, Seen::Failed(_))).await;
        (opened.elapsed(), got)
    };
    let a = addr.clone();
    let blocking_run = tokio::task::spawn_blocking(move || {
        let hb = config().with_heartbeat_interval(Duration::from_secs(5));
        let mut client = blocking::Client::connect(&hb, &[&a]).unwrap();
        until_blocking(&mut client, |s| *s == Seen::Opened);
        let opened = std::time::Instant::now();
        let got = until_blocking(&mut client, |s| matches!(s, Seen::Failed(_)));
        (opened.elapsed(), got)
    });
    let (t1, got1) = tokio_run.await;
    let (t2, got2) = blocking_run.await.unwrap();
    for (t, got) in [(t1, got1), (t2, got2)] {
        assert_eq!(
            got.last(),
            Some(&Seen::Failed(FailureReason::HeartbeatTimeout))
        );
        assert!(
            t >= Duration::from_millis(19_500) && t <= Duration::from_millis(20_500),
            "{t:?}"
        );
    }
}

fn system_event(i: u32) -> Message<'static> {
    Message::SystemEvent(SystemEvent {
        pg_status: PgStatus(0),
        icm_central_controller_time: cti_proto::wire::Time(0),
        system_event_id: SystemEventId::TEXT_FYI,
        system_event_arg1: i,
        system_event_arg2: 0,
        system_event_arg3: 0,
        event_device_type: DeviceIdType::NONE,
        floating: Floating::EMPTY,
    })
}

/// A server that sends `n` numbered SYSTEM_EVENTs right after the open, then serves on.
async fn flooding_server(n: u32) -> String {
    let server = Server::bind("127.0.0.1:0", ServerConfig::default())
        .await
        .unwrap()
        .with_options(ServerOptions::default().with_max_unsent(64 << 20));
    let addr = server.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        loop {
            let mut conn = server.accept().await.unwrap();
            tokio::spawn(async move {
                loop {
                    let opened = match conn.next_event().await {
                        Ok(Some(e)) => {
                            matches!(e, ConnectionEvent::Session(ServerEvent::Opened { .. }))
                        }
                        _ => return,
                    };
                    if opened {
                        for i in 0..n {
                            conn.send(&system_event(i)).unwrap();
                        }
                    }
                }
            });
        }
    });
    addr
}

fn numbered(e: &ClientEvent<'_>) -> Option<u32> {
    match e {
        ClientEvent::Session(Event::Message(Message::SystemEvent(s)))
            if s.system_event_id == SystemEventId::TEXT_FYI =>
        {
            Some(s.system_event_arg1)
        }
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_application_loses_no_event() {
    const N: u32 = 10_000;
    let addr = flooding_server(N).await;
    let mut client = Client::connect(&config(), &[&addr]).await.unwrap();
    let mut next = 0;
    let run = async {
        while next < N {
            let e = client.next_event().await.unwrap().unwrap();
            if let Some(i) = numbered(&e) {
                assert_eq!(i, next, "in order, none lost");
                next += 1;
                // Slow: the server's events pile up in the session's receive buffer.
                if i % 500 == 0 {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            } else {
                assert!(!matches!(e, ClientEvent::Session(Event::SessionFailed(_))));
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(30), run)
        .await
        .unwrap();
    client.close().await.unwrap();

    let got = tokio::task::spawn_blocking(move || {
        let config = config();
        let mut client = blocking::Client::connect(&config, &[&addr]).unwrap();
        let mut next = 0;
        while next < N {
            let e = client.next_event().unwrap().unwrap();
            if let Some(i) = numbered(&e) {
                assert_eq!(i, next, "in order, none lost");
                next += 1;
                if i % 500 == 0 {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        }
        next
    })
    .await
    .unwrap();
    assert_eq!(got, N);
}

/// A raw client with a tiny receive buffer that never reads; `bytes` are what it writes.
fn deaf_client(addr: std::net::SocketAddr, bytes: Vec<u8>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let sock =
            socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        sock.set_recv_buffer_size(2048).unwrap();
        sock.connect(&addr.into()).unwrap();
        let mut stream: std::net::TcpStream = sock.into();
        stream
            .set_write_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let _ = stream.write_all(&bytes);
        // Never reads; keeps the connection until the server cuts it.
        std::thread::sleep(Duration::from_secs(6));
    })
}

/// A HEARTBEAT_REQ, InvokeID 1.
fn heartbeat_req() -> Vec<u8> {
    vec![0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 1]
}

fn open_req(password: &[u8]) -> Vec<u8> {
    let config = Config::new("deaf", password);
    let s: Session = Session::new(&config, Instant::ZERO).unwrap();
    s.poll_transmit().unwrap().to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_cut_off_at_the_output_bound() {
    const BOUND: usize = 256 << 10;
    let server = Server::bind("127.0.0.1:0", ServerConfig::default())
        .await
        .unwrap()
        .with_options(
            ServerOptions::default()
                .with_max_unsent(BOUND)
                .with_send_buffer(Some(4096)),
        );
    let addr = server.local_addr().unwrap();
    let client = deaf_client(addr, open_req(b""));
    let mut conn: Connection = server.accept().await.unwrap();
    let mut sent = 0u32;
    let run = async {
        loop {
            let now = conn.now();
            match conn.next_event().await.unwrap() {
                Some(ConnectionEvent::Session(ServerEvent::Opened { .. }))
                | Some(ConnectionEvent::Wakeup) => {
                    // A few events every millisecond: faster than nobody reads.
                    for _ in 0..50 {
                        conn.send(&system_event(sent)).unwrap();
                        sent += 1;
                    }
                    conn.set_wakeup(Some(now + Duration::from_millis(1)));
                }
                Some(ConnectionEvent::Cut(cut)) => return cut,
                Some(other) => panic!("{other:?}"),
                None => panic!("ended without a cut"),
            }
        }
    };
    let cut = tokio::time::timeout(Duration::from_secs(20), run)
        .await
        .expect("cut off in time");
    let Cut::OutputLimit { unsent } = cut else {
        panic!("{cut:?}")
    };
    assert!(unsent > BOUND);
    assert!(conn.next_event().await.unwrap().is_none());
    client.join().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_open_timeout_fires_while_a_write_is_blocked() {
    // Requests before any OPEN_REQ: each is answered with FAILURE_CONF E_CTI_SESSION_NOT_OPEN,
    // which nobody reads.
    let server_config = {
        let mut c = ServerConfig::default();
        c.open_wait = Some(Duration::from_millis(1500));
        c
    }
    .with_credentials("deaf", b"right")
    .unwrap();
    let server = Server::bind("127.0.0.1:0", server_config)
        .await
        .unwrap()
        .with_options(
            ServerOptions::default()
                .with_max_unsent(64 << 20)
                .with_send_buffer(Some(4096)),
        );
    let addr = server.local_addr().unwrap();
    let one = heartbeat_req();
    let flood: Vec<u8> = one
        .iter()
        .copied()
        .cycle()
        .take(one.len() * 20_000)
        .collect();
    let client = deaf_client(addr, flood);
    let mut conn = server.accept().await.unwrap();
    let start = std::time::Instant::now();
    let mut rejected = 0;
    let run = async {
        loop {
            let unsent = conn.unsent();
            match conn.next_event().await.unwrap() {
                Some(ConnectionEvent::Session(ServerEvent::Rejected { .. })) => rejected += 1,
                Some(ConnectionEvent::Session(ServerEvent::Failed(reason))) => {
                    return (reason, unsent)
                }
                other => panic!("{other:?}"),
            }
        }
    };
    let (reason, unsent) = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("the open timeout fires");
    let t = start.elapsed();
    assert_eq!(reason, ServerFailure::OpenTimeout);
    assert!(t < Duration::from_millis(2500), "{t:?}");
    assert!(rejected > 1000, "{rejected}");
    assert!(unsent > 0, "the write was blocked");
    client.join().unwrap();
}

/// A raw server that reads the OPEN_REQ, answers with a header claiming a 1 MB body, then
/// reports how its socket ended: the client must reset (linger 0, spec §6.1), not close.
fn oversize_then_watch(listener: StdListener) -> std::thread::JoinHandle<std::io::ErrorKind> {
    use std::io::Read;
    std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut head = [0u8; 8];
        s.read_exact(&mut head).unwrap();
        let len = u32::from_be_bytes(head[..4].try_into().unwrap()) as usize;
        let mut body = vec![0u8; len];
        s.read_exact(&mut body).unwrap();
        // MessageLength 1 000 000, type OPEN_CONF: far over any CTI message.
        s.write_all(&[0, 0x0F, 0x42, 0x40, 0, 0, 0, 4]).unwrap();
        let mut rest = [0u8; 64];
        loop {
            match s.read(&mut rest) {
                Ok(0) => return std::io::ErrorKind::UnexpectedEof,
                Ok(_) => {}
                Err(e) => return e.kind(),
            }
        }
    })
}

/// After a failure both client drivers reset the connection (linger 0) rather than close it:
/// the server reads ECONNRESET, not an orderly end of stream.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_failure_both_clients_reset_the_connection() {
    let listener = StdListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let server = oversize_then_watch(listener);
    let mut client = Client::connect(&config(), &[&addr]).await.unwrap();
    let got = until(&mut client, |s| matches!(s, Seen::Failed(_))).await;
    assert!(
        matches!(
            got.last(),
            Some(Seen::Failed(FailureReason::Oversize { .. }))
        ),
        "{got:?}"
    );
    drop(client);
    assert_eq!(server.join().unwrap(), std::io::ErrorKind::ConnectionReset);

    let listener = StdListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let server = oversize_then_watch(listener);
    let got = tokio::task::spawn_blocking(move || {
        let config = config();
        let mut client = blocking::Client::connect(&config, &[&addr]).unwrap();
        until_blocking(&mut client, |s| matches!(s, Seen::Failed(_)))
    })
    .await
    .unwrap();
    assert!(
        matches!(
            got.last(),
            Some(Seen::Failed(FailureReason::Oversize { .. }))
        ),
        "{got:?}"
    );
    assert_eq!(server.join().unwrap(), std::io::ErrorKind::ConnectionReset);
}
