//! The crate's two roles talking to each other on a virtual clock, without sockets: the client
//! `Session` and the `ServerSession` joined by a link with a fixed latency that delivers bytes
//! in chunks. Outcomes are checked to the millisecond: heartbeat failure detection against a
//! silent server, the server's IdleTimeout against a silent client, FAILURE_EVENT leading to a
//! close, and a long healthy session.

use std::collections::VecDeque;
use std::time::Duration;

use cti_proto::client::{Config, Event, Session};
use cti_proto::server::{ServerConfig, ServerEvent, ServerSession};
use cti_proto::wire::codes::{ServiceMask, StatusCode};
use cti_proto::Instant;

/// What travels on the link.
enum Packet {
    Bytes(Vec<u8>),
    /// The sender reset the connection.
    Reset,
}

struct World {
    now: u64,
    latency: u64,
    chunk: usize,
    client: Session,
    server: ServerSession,
    to_server: VecDeque<(u64, Packet)>,
    to_client: VecDeque<(u64, Packet)>,
    /// (ms, event) as each side reported them.
    client_events: Vec<(u64, String)>,
    server_events: Vec<(u64, String)>,
    client_reset: bool,
    server_reset: bool,
}

fn at(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

impl World {
    fn new(client: &Config<'_>, server: ServerConfig, latency: u64, chunk: usize) -> World {
        World {
            now: 0,
            latency,
            chunk,
            client: Session::new(client, at(0)).unwrap(),
            server: ServerSession::new(server, at(0)).unwrap(),
            to_server: VecDeque::new(),
            to_client: VecDeque::new(),
            client_events: Vec::new(),
            server_events: Vec::new(),
            client_reset: false,
            server_reset: false,
        }
    }

    /// Moves both outputs onto the link and records the events; a side that has ended resets
    /// the connection, as the spec asks.
    fn drain(&mut self) {
        let deliver = self.now + self.latency;
        while let Some(b) = self.client.poll_transmit() {
            let b = b.to_vec();
            self.client.advance_transmit(b.len());
            self.to_server.push_back((deliver, Packet::Bytes(b)));
        }
        while let Some(e) = self.client.poll_event() {
            let line = match e {
                Event::Opened(_) => "opened".to_string(),
                Event::Message(m) => format!("message {}", m.message_type()),
                Event::Completed { request, .. } => format!("completed {request}"),
                Event::SessionFailed(r) => format!("failed {}", r.name()),
                Event::Closed => "closed".to_string(),
                other => format!("{other:?}"),
            };
            self.client_events.push((self.now, line));
        }
        while let Some(b) = self.server.poll_transmit() {
            let b = b.to_vec();
            self.server.advance_transmit(b.len());
            self.to_client.push_back((deliver, Packet::Bytes(b)));
        }
        while let Some(e) = self.server.poll_event() {
            let line = match e {
                ServerEvent::Opened { .. } => "opened".to_string(),
                ServerEvent::Rejected { status, .. } => format!("rejected {status}"),
                ServerEvent::Heartbeat { answered, .. } => format!("heartbeat answered={answered}"),
                ServerEvent::Request(m) => format!("request {}", m.message_type()),
                ServerEvent::Closed { status } => format!("closed {status}"),
                ServerEvent::Failed(r) => format!("failed {r}"),
                other => format!("{other:?}"),
            };
            self.server_events.push((self.now, line));
        }
        if self.client.is_terminal() && !self.client_reset {
            self.client_reset = true;
            self.to_server.push_back((deliver, Packet::Reset));
        }
        if self.server.is_terminal() && !self.server_reset {
            self.server_reset = true;
            self.to_client.push_back((deliver, Packet::Reset));
        }
    }

    /// Runs until both sides have ended or `limit` ms.
    fn run(&mut self, limit: u64) {
        self.drain();
        while self.now < limit && !(self.client.is_terminal() && self.server.is_terminal()) {
            let next = [
                self.client.poll_timeout().map(|t| t.as_millis()),
                self.server.poll_timeout().map(|t| t.as_millis()),
                self.to_server.front().map(|p| p.0),
                self.to_client.front().map(|p| p.0),
            ]
            .into_iter()
            .flatten()
            .min();
            let Some(next) = next else { break };
            self.now = next.max(self.now).min(limit);
            let now = at(self.now);
            while self.to_server.front().is_some_and(|p| p.0 <= self.now) {
                match self.to_server.pop_front().map(|p| p.1) {
                    Some(Packet::Bytes(b)) => {
                        for piece in b.chunks(self.chunk) {
                            assert_eq!(self.server.handle_receive(now, piece), piece.len());
                            self.drain();
                        }
                    }
                    Some(Packet::Reset) => self.server.handle_eof(now),
                    None => {}
                }
            }
            while self.to_client.front().is_some_and(|p| p.0 <= self.now) {
                match self.to_client.pop_front().map(|p| p.1) {
                    Some(Packet::Bytes(b)) => {
                        for piece in b.chunks(self.chunk) {
                            assert_eq!(self.client.handle_receive(now, piece), piece.len());
                            self.drain();
                        }
                    }
                    Some(Packet::Reset) => self.client.handle_eof(now),
                    None => {}
                }
            }
            self.client.handle_timeout(now);
            self.server.handle_timeout(now);
            self.drain();
        }
    }

    fn client_saw(&self, what: &str) -> Vec<u64> {
        self.client_events
            .iter()
            .filter(|e| e.1 == what)
            .map(|e| e.0)
            .collect()
    }

    fn server_saw(&self, what: &str) -> Vec<u64> {
        self.server_events
            .iter()
            .filter(|e| e.1 == what)
            .map(|e| e.0)
            .collect()
    }
}

fn client_config(heartbeat: Option<u64>) -> Config<'static> {
    Config::new("two-party", b"pw")
        .with_services_requested(ServiceMask::ALL_EVENTS)
        .with_heartbeat_interval(heartbeat.map(Duration::from_secs))
}

#[test]
fn healthy_session_heartbeats_for_ten_minutes() {
    let mut w = World::new(&client_config(Some(5)), ServerConfig::default(), 3, 5);
    w.run(600_000);
    assert_eq!(w.client_saw("opened"), [6]);
    assert_eq!(w.server_saw("opened"), [3]);
    let answered = w.server_saw("heartbeat answered=true");
    assert_eq!(answered.len(), 119, "every 5 s from 5 s to 595 s");
    assert_eq!(answered[0], 5_003);
    assert!(w.client_saw("failed heartbeat_timeout").is_empty());
    assert!(!w.client.is_terminal() && w.server.is_open());
}

/// The server answers one heartbeat, then none: the client fails when a heartbeat falls due
/// with three unconfirmed, four intervals after the confirmed one was sent, and resets; the
/// server then sees the reset.
#[test]
fn silent_server_fails_the_client_after_three_unconfirmed_heartbeats() {
    let server = ServerConfig::default().with_stop_heartbeats_after(Some(1));
    let mut w = World::new(&client_config(Some(5)), server, 3, 7);
    w.run(120_000);
    assert_eq!(w.server_saw("heartbeat answered=true"), [5_003]);
    assert_eq!(
        w.server_saw("heartbeat answered=false"),
        [10_003, 15_003, 20_003]
    );
    assert_eq!(w.client_saw("failed heartbeat_timeout"), [25_000]);
    assert_eq!(
        w.server_saw("failed the client closed the connection"),
        [25_003]
    );
}

/// A client that sends nothing after the open is dropped by the server exactly IdleTimeout
/// after its last message.
#[test]
fn silent_client_fails_the_server_at_the_idle_timeout() {
    let client = client_config(None).with_idle_timeout(Duration::from_secs(20));
    let mut w = World::new(&client, ServerConfig::default(), 3, 64);
    w.run(120_000);
    assert_eq!(
        w.server_saw("failed no message received for the IdleTimeout of 20 s"),
        [20_003]
    );
    assert_eq!(w.client_saw("failed peer_closed"), [20_006]);
}

/// FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE: the client closes with that status (spec §6.4).
#[test]
fn failure_event_offline_leads_to_close_with_that_status() {
    let mut w = World::new(&client_config(Some(5)), ServerConfig::default(), 3, 9);
    w.run(1_000);
    w.server
        .send_failure_event(at(1_000), StatusCode::CTI_SERVER_OFFLINE)
        .unwrap();
    w.run(10_000);
    assert_eq!(w.client_saw("message FAILURE_EVENT"), [1_003]);
    assert_eq!(
        w.server_saw(&format!("closed {}", StatusCode::CTI_SERVER_OFFLINE)),
        [1_006]
    );
    assert_eq!(w.client_saw("closed"), [1_009]);
}

/// A rejected open: the server's status reaches the client, which resets; the server's session
/// ended with the rejection (one guess per connection), so the reset is no second failure.
#[test]
fn rejected_open_reaches_the_client() {
    let server = ServerConfig::default()
        .with_credentials("two-party", b"other")
        .unwrap();
    let mut w = World::new(&client_config(Some(5)), server, 3, 4);
    w.run(60_000);
    assert_eq!(w.server_saw("rejected E_CTI_INVALID_PASSWORD"), [3]);
    assert_eq!(
        w.server_saw("failed OPEN_REQ rejected: E_CTI_INVALID_PASSWORD"),
        [3]
    );
    assert_eq!(w.client_saw("failed rejected"), [6]);
    assert_eq!(
        w.server_saw("failed the client closed the connection"),
        [] as [u64; 0]
    );
}
