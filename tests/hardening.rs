//! The tokio drivers against hostile peers: a client that floods requests and never reads, one
//! that guesses passwords, idle sockets that fill the connection limit, and deadlines at the
//! far end of the clock. Each test prints the figure it measures.
#![cfg(feature = "tokio")]

use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

use cti_proto::client::{Config, Event, Session};
use cti_proto::driver::{ClientEvent, ClientOptions};
use cti_proto::server::{ServerConfig, ServerEvent};
use cti_proto::tokio::{Client, ConnectionEvent, Server, ServerOptions};
use cti_proto::wire::codes::{DeviceIdType, PgStatus, SystemEventId};
use cti_proto::wire::session::SystemEvent;
use cti_proto::wire::{Floating, Message};
use cti_proto::Instant;

/// A raw client with a tiny receive buffer that never reads; it writes `bytes`, then holds the
/// connection for `hold`. Returns how it saw the connection end, if it did.
fn deaf_client(
    addr: SocketAddr,
    bytes: Vec<u8>,
    hold: Duration,
) -> std::thread::JoinHandle<std::net::TcpStream> {
    std::thread::spawn(move || {
        let sock =
            socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        sock.set_recv_buffer_size(2048).unwrap();
        sock.connect(&addr.into()).unwrap();
        let mut stream: std::net::TcpStream = sock.into();
        stream.set_write_timeout(Some(hold)).unwrap();
        let _ = stream.write_all(&bytes);
        std::thread::sleep(hold);
        stream
    })
}

/// A HEARTBEAT_REQ, InvokeID 1.
const HEARTBEAT_REQ: [u8; 12] = [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 1];

fn open_req(password: &[u8], heartbeat: Option<u64>) -> Vec<u8> {
    let config = Config::new("hostile", password)
        .with_heartbeat_interval(heartbeat.map(Duration::from_secs));
    let s: Session = Session::new(&config, Instant::ZERO).unwrap();
    s.poll_transmit().unwrap().to_vec()
}

fn repeat(one: &[u8], n: usize) -> Vec<u8> {
    one.iter().copied().cycle().take(one.len() * n).collect()
}

fn system_event(i: u32) -> Message<'static> {
    Message::SystemEvent(SystemEvent {
        pg_status: PgStatus::EMPTY,
        icm_central_controller_time: cti_proto::wire::Time(0),
        system_event_id: SystemEventId(1),
        system_event_arg1: i,
        system_event_arg2: 0,
        system_event_arg3: 0,
        event_device_type: DeviceIdType::NONE,
        floating: Floating::EMPTY,
    })
}

/// Runs one connection to its end: its failure reason (or a cut), how many FAILURE_CONFs it
/// sent (Rejected events), and the time it took.
async fn run_to_end(
    conn: &mut cti_proto::tokio::Connection,
    mut on_open: impl FnMut(&mut cti_proto::tokio::Connection),
) -> (String, usize, Duration) {
    let start = std::time::Instant::now();
    let mut rejected = 0;
    let mut end = String::from("no end");
    loop {
        let opened = match conn.next_event().await.unwrap() {
            None => break,
            Some(ConnectionEvent::Session(ServerEvent::Rejected { .. })) => {
                rejected += 1;
                false
            }
            Some(ConnectionEvent::Session(ServerEvent::Failed(r))) => {
                end = format!("failed: {r:?}");
                false
            }
            Some(ConnectionEvent::Session(ServerEvent::Opened { .. }))
            | Some(ConnectionEvent::Wakeup) => true,
            Some(ConnectionEvent::Cut(c)) => {
                end = format!("cut: {c:?}");
                false
            }
            Some(_) => false,
        };
        if opened {
            on_open(conn);
        }
    }
    (end, rejected, start.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_before_open_req_from_a_client_that_never_reads_ends_on_time() {
    let open_wait = Duration::from_secs(2);
    let config = ServerConfig::default().with_open_wait(Some(open_wait));
    let server = Server::bind("127.0.0.1:0", config)
        .await
        .unwrap()
        .with_options(ServerOptions::default().with_send_buffer(Some(4096)));
    // 200 000 requests before any OPEN_REQ: each is answered with a FAILURE_CONF nobody reads.
    let client = deaf_client(
        server.local_addr().unwrap(),
        repeat(&HEARTBEAT_REQ, 200_000),
        Duration::from_secs(8),
    );
    let mut conn = server.accept().await.unwrap();
    let run = run_to_end(&mut conn, |_| {});
    let (end, rejected, took) = tokio::time::timeout(Duration::from_secs(20), run)
        .await
        .expect("the connection ends");
    println!("flood before OPEN_REQ: {end} after {took:?}, {rejected} FAILURE_CONFs queued");
    // Either bound may end it, whichever comes first; both are bounds, neither is "never".
    assert!(
        end == "failed: OpenTimeout" || end.starts_with("cut: OutputLimit"),
        "{end}"
    );
    assert!(took < open_wait + Duration::from_secs(5), "{took:?}");
    drop(conn);
    client.join().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_client_that_stops_reading_and_sending_ends_at_its_idle_timeout() {
    let server = Server::bind("127.0.0.1:0", ServerConfig::default())
        .await
        .unwrap()
        .with_options(
            ServerOptions::default()
                .with_send_buffer(Some(4096))
                .with_max_unsent(64 << 20),
        );
    // IdleTimeout 20 s (heartbeat 5 s), then silence; the server's events pile up unread.
    let client = deaf_client(
        server.local_addr().unwrap(),
        open_req(b"", Some(5)),
        Duration::from_secs(30),
    );
    let mut conn = server.accept().await.unwrap();
    let mut sent = 0;
    let run = run_to_end(&mut conn, |c| {
        for _ in 0..50 {
            let _ = c.send(&system_event(sent));
            sent += 1;
        }
        let next = c.now() + Duration::from_millis(5);
        c.set_wakeup(Some(next));
    });
    let (end, _, took) = tokio::time::timeout(Duration::from_secs(40), run)
        .await
        .expect("the connection ends");
    println!("open client, silent and not reading: {end} after {took:?}");
    assert_eq!(end, "failed: IdleTimeout { seconds: 20 }");
    assert!(took >= Duration::from_secs(20), "{took:?}");
    assert!(took < Duration::from_secs(30), "{took:?}");
    drop(conn);
    client.join().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_password_guesses_get_one_answer_and_a_closed_connection() {
    let config = ServerConfig::default()
        .with_credentials("hostile", b"right")
        .unwrap();
    let server = Server::bind("127.0.0.1:0", config).await.unwrap();
    let addr = server.local_addr().unwrap();
    let guesses = repeat(&open_req(b"wrong", None), 20_000);
    let client = std::thread::spawn(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = s.write_all(&guesses);
        // What comes back before the end of the stream: FAILURE_CONFs only.
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match std::io::Read::read(&mut s, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
        got
    });
    let mut conn = server.accept().await.unwrap();
    let (end, rejected, took) = run_to_end(&mut conn, |_| {}).await;
    println!("20 000 wrong OPEN_REQs on one connection: {rejected} answered, {end}, {took:?}");
    assert_eq!(rejected, 1);
    assert_eq!(
        end,
        "failed: OpenRejected { status: E_CTI_INVALID_PASSWORD }"
    );
    let got = client.join().unwrap();
    assert!(
        got.len() <= 16,
        "at most one FAILURE_CONF: {} bytes",
        got.len()
    );
}

/// Accepts and runs every connection, answering nothing itself.
fn serve(server: Server) {
    tokio::spawn(async move {
        loop {
            let Ok(mut conn) = server.accept().await else {
                return;
            };
            tokio::spawn(async move { while let Ok(Some(_)) = conn.next_event().await {} });
        }
    });
}

async fn opens(addr: SocketAddr) -> Result<Duration, String> {
    let config = Config::new("real", b"");
    let addr = addr.to_string();
    let mut client = Client::with_options(
        &config,
        &[&addr],
        ClientOptions::default().with_seed(Some(1)),
    )
    .unwrap();
    let start = std::time::Instant::now();
    let run = async {
        loop {
            match client.next_event().await {
                Ok(Some(ClientEvent::Session(Event::Opened(_)))) => return Ok(start.elapsed()),
                Ok(Some(ClientEvent::Session(Event::SessionFailed(r)))) => {
                    return Err(format!("{r:?}"))
                }
                Ok(Some(_)) => {}
                other => return Err(format!("{other:?}")),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(5), run)
        .await
        .unwrap_or_else(|_| Err("no open in 5 s".into()))
}

/// A server with default settings but at most `limit` connections, served in the background.
async fn serve_limited(limit: usize) -> std::net::SocketAddr {
    let server = Server::bind("127.0.0.1:0", ServerConfig::default())
        .await
        .unwrap()
        .with_options(ServerOptions::default().with_max_connections(limit));
    let addr = server.local_addr().unwrap();
    serve(server);
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sockets_at_the_connection_limit_give_way_to_a_real_client() {
    const LIMIT: usize = 50;
    let addr = serve_limited(LIMIT).await;
    // Twice the limit of idle sockets: connected, silent.
    let mut idle = Vec::new();
    for _ in 0..2 * LIMIT {
        idle.push(tokio::net::TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let took = opens(addr).await.expect("a real client opens");
    println!(
        "{} idle sockets, limit {LIMIT}: a real client opened in {took:?}",
        idle.len()
    );
    // The oldest idle sockets were closed to make room.
    let mut closed = 0;
    for s in &idle {
        let mut b = [0u8; 1];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_millis(20), s.peek(&mut b)).await
        {
            closed += 1;
        }
    }
    println!("idle sockets closed: {closed}");
    assert!(closed > LIMIT, "{closed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authenticated_connections_are_never_evicted() {
    const LIMIT: usize = 3;
    let addr = serve_limited(LIMIT).await;
    let config = Config::new("real", b"");
    let addr_s = addr.to_string();
    let mut clients = Vec::new();
    for _ in 0..LIMIT {
        let mut c = Client::connect(&config, &[&addr_s]).await.unwrap();
        loop {
            if let Some(ClientEvent::Session(Event::Opened(_))) = c.next_event().await.unwrap() {
                break;
            }
        }
        clients.push(c);
    }
    // All slots authenticated: a newcomer is refused, the open sessions are untouched.
    let refused = opens(addr).await;
    println!("limit {LIMIT}, all authenticated: newcomer {refused:?}");
    assert!(refused.is_err(), "{refused:?}");
    for c in &mut clients {
        assert!(c
            .session()
            .is_some_and(|s| s.state() == cti_proto::client::State::Open));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deadlines_at_the_far_end_of_the_clock_do_not_break_the_drivers() {
    let far = Duration::from_millis(u64::MAX / 2);
    let config = ServerConfig::default().with_open_wait(Some(far));
    let server = Server::bind("127.0.0.1:0", config).await.unwrap();
    let addr = server.local_addr().unwrap().to_string();
    let client_config = Config::new("far", b"").with_open_timeout(far);
    let mut client = Client::connect(&client_config, &[&addr]).await.unwrap();
    let mut conn = None;
    let run = async {
        let c = server.accept().await.unwrap();
        conn = Some(c);
        let conn = conn.as_mut().unwrap();
        tokio::join!(
            async { while let Ok(Some(_)) = client.next_event().await {} },
            async { while let Ok(Some(_)) = conn.next_event().await {} },
        )
    };
    // Nothing ends within the second; what matters is that nothing panicked.
    assert!(tokio::time::timeout(Duration::from_secs(1), run)
        .await
        .is_err());
}
