//! A two-party simulation on a virtual clock: a client [`Session`] talking to a scripted CTI
//! Server through a link that can delay, re-chunk, drop and corrupt what the server sends.
//!
//! Everything is recorded with its virtual time in milliseconds, so tests can assert exact
//! times: what the client wrote (`sent`), and every event it reported (`events`).

#![allow(dead_code)]

use std::collections::VecDeque;
use std::time::Duration;

use cti_proto::client::{Config, Event, Outcome, Session};
use cti_proto::wire::codes::*;
use cti_proto::wire::session::*;
use cti_proto::wire::{Bool, Decoder, Floating, InvokeId, Message, Status, Time, Version};
use cti_proto::Instant;

/// Encodes a message in v15 format.
pub fn enc<'a>(m: impl Into<Message<'a>>) -> Vec<u8> {
    let m = m.into();
    let mut out = vec![0u8; m.encoded_len(Version::V15)];
    let n = m.encode(Version::V15, &mut out).expect("encodable");
    out.truncate(n);
    out
}

pub fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

pub fn secs(s: u64) -> Instant {
    Instant::from_secs(s)
}

pub fn ms(m: u64) -> Instant {
    Instant::from_millis(m)
}

pub fn open_conf(invoke_id: u32) -> Vec<u8> {
    enc(OpenConf {
        invoke_id: InvokeId(invoke_id),
        services_granted: ServiceMask::ALL_EVENTS,
        monitor_id: 0,
        pg_status: PgStatus(4),
        icm_central_controller_time: Time(0x5746_cc1e),
        peripheral_online: Bool::FALSE,
        peripheral_type: PeripheralType(17),
        agent_state: AgentState(9),
        department_id: None,
        session_type: None,
        floating: Floating::EMPTY,
    })
}

pub fn failure_conf(invoke_id: u32, status: StatusCode) -> Vec<u8> {
    enc(FailureConf {
        invoke_id: InvokeId(invoke_id),
        status,
        floating: Floating::EMPTY,
    })
}

pub fn failure_event(status: StatusCode) -> Vec<u8> {
    enc(FailureEvent {
        status,
        floating: Floating::EMPTY,
    })
}

pub fn heartbeat_conf(invoke_id: u32) -> Vec<u8> {
    enc(HeartbeatConf {
        invoke_id: InvokeId(invoke_id),
        floating: Floating::EMPTY,
    })
}

pub fn close_conf(invoke_id: u32) -> Vec<u8> {
    enc(CloseConf {
        invoke_id: InvokeId(invoke_id),
        floating: Floating::EMPTY,
    })
}

/// The real SYSTEM_EVENT of spec §9.
pub fn system_event() -> Vec<u8> {
    hex("0000001a 0000001f 00000004 5746cc1e 00000003 00001388 00000000 00000000 ffff")
}

/// A message of a type no catalogue knows.
pub fn unknown_message() -> Vec<u8> {
    hex("00000003 0000270f 010203")
}

pub fn report_conf(invoke_id: u32) -> Vec<u8> {
    enc(ClientEventReportConf {
        invoke_id: InvokeId(invoke_id),
        floating: Floating::EMPTY,
    })
}

pub fn control_failure_conf(invoke_id: u32, code: u16, peripheral_error: u32) -> Vec<u8> {
    enc(ControlFailureConf {
        invoke_id: InvokeId(invoke_id),
        failure_code: ControlFailureCode(code),
        peripheral_error_code: peripheral_error,
        floating: Floating::EMPTY,
    })
}

/// A CLIENT_EVENT_REPORT_REQ, the request the tests send (its InvokeID is replaced by `send`).
pub fn report_req() -> Message<'static> {
    Message::ClientEventReportReq(ClientEventReportReq {
        invoke_id: InvokeId(0),
        state: ClientEventReportState(0),
        floating: Floating::EMPTY,
    })
}

/// The test config: ALL_EVENTS, a heartbeat interval of `hb` seconds.
pub fn sim_config(hb: Option<u64>) -> Config<'static> {
    Config::new("sim", b"pw")
        .with_heartbeat_interval(hb.map(Duration::from_secs))
        .with_services_requested(ServiceMask::ALL_EVENTS)
}

/// How the scripted server answers OPEN_REQ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OpenReply {
    Conf,
    Failure(StatusCode),
    Silent,
}

/// How the scripted server answers HEARTBEAT_REQ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum HeartbeatReply {
    Conf,
    Silent,
    /// Answers heartbeats received before this time, then falls silent.
    SilentFrom(Instant),
    Failure(StatusCode),
}

/// How the scripted server answers other requests.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RequestReply {
    Conf,
    Failure(StatusCode),
    ControlFailure(u16, u32),
    Silent,
}

/// Faults on the server-to-client link.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    /// Added to every message's delivery time.
    pub delay: Duration,
    /// If set, the delay applies to messages of this type only.
    pub delay_only: Option<u32>,
    /// Deliver in pieces of this many bytes (0: each message whole).
    pub chunk: usize,
    /// Message types whose messages are lost.
    pub drop_types: Vec<u32>,
    /// Flip the byte at `.1` of the `.0`-th message sent (0-based), XOR `.2`.
    pub corrupt: Option<(usize, usize, u8)>,
}

/// The scripted CTI Server.
#[derive(Clone, Debug)]
pub struct Server {
    pub open: OpenReply,
    pub heartbeat: HeartbeatReply,
    pub close: bool,
    pub request: RequestReply,
    /// Every message received from the client: (ms, type, InvokeID or 0, bytes).
    pub received: Vec<(u64, u32, u32, Vec<u8>)>,
    /// Bytes of an incomplete message from the client.
    pub buf: Vec<u8>,
}

impl Default for Server {
    fn default() -> Self {
        Server {
            open: OpenReply::Conf,
            heartbeat: HeartbeatReply::Conf,
            close: true,
            request: RequestReply::Conf,
            received: Vec::new(),
            buf: Vec::new(),
        }
    }
}

impl Server {
    /// Takes the client's bytes; returns the server's answers, one message each.
    fn receive(&mut self, now: Instant, data: &[u8]) -> Vec<Vec<u8>> {
        self.buf.extend_from_slice(data);
        let mut out = Vec::new();
        let decoder = Decoder::default();
        while let Status::Complete((msg, used)) =
            decoder.decode(&self.buf).expect("client sent valid bytes")
        {
            let id = msg.invoke_id().map_or(0, |i| i.0);
            self.received.push((
                now.as_millis(),
                msg.message_type().0,
                id,
                self.buf[..used].to_vec(),
            ));
            match msg {
                Message::OpenReq(_) => match self.open {
                    OpenReply::Conf => out.push(open_conf(id)),
                    OpenReply::Failure(s) => out.push(failure_conf(id, s)),
                    OpenReply::Silent => {}
                },
                Message::HeartbeatReq(_) => match self.heartbeat {
                    HeartbeatReply::Conf => out.push(heartbeat_conf(id)),
                    HeartbeatReply::SilentFrom(t) if now < t => out.push(heartbeat_conf(id)),
                    HeartbeatReply::Failure(s) => out.push(failure_conf(id, s)),
                    HeartbeatReply::Silent | HeartbeatReply::SilentFrom(_) => {}
                },
                Message::CloseReq(_) => {
                    if self.close {
                        out.push(close_conf(id))
                    }
                }
                _ => match self.request {
                    RequestReply::Conf => out.push(report_conf(id)),
                    RequestReply::Failure(s) => out.push(failure_conf(id, s)),
                    RequestReply::ControlFailure(c, p) => out.push(control_failure_conf(id, c, p)),
                    RequestReply::Silent => {}
                },
            }
            self.buf.drain(..used);
        }
        out
    }

    /// Messages of `message_type` received: (ms, InvokeID).
    pub fn got(&self, message_type: u32) -> Vec<(u64, u32)> {
        self.received
            .iter()
            .filter(|r| r.1 == message_type)
            .map(|r| (r.0, r.2))
            .collect()
    }
}

/// An event as text: owned, comparable, and printed on failure.
pub fn describe(e: &Event<'_>) -> String {
    match e {
        Event::Opened(c) => format!("opened services={:#x}", c.services_granted.0),
        Event::Message(m) => format!("message {}", m.message_type()),
        Event::Completed {
            invoke_id,
            request,
            outcome,
        } => {
            let o = match outcome {
                Outcome::Conf(m) => format!("conf {}", m.message_type()),
                Outcome::Failure(s) => format!("failure {s}"),
                Outcome::ControlFailure {
                    code,
                    peripheral_error,
                } => format!("control_failure {} {peripheral_error}", code.0),
                Outcome::TimedOut => "timed_out".to_string(),
                other => format!("{other:?}"),
            };
            format!("completed {} {request} {o}", invoke_id.0)
        }
        Event::SessionFailed(r) => format!("failed {r:?}"),
        Event::Closed => "closed".to_string(),
        other => format!("{other:?}"),
    }
}

/// The two parties, the link and the clock.
pub struct Sim<const RX: usize = 12_500, const TX: usize = 8_192, const P: usize = 32> {
    pub now: Instant,
    pub client: Session<RX, TX, P>,
    pub server: Server,
    pub faults: Faults,
    /// Bytes on their way to the client: (delivery time, bytes).
    link: VecDeque<(Instant, Vec<u8>)>,
    server_messages: usize,
    /// Every event: (ms, description).
    pub events: Vec<(u64, String)>,
    pub eof_at: Option<Instant>,
    /// How late the caller handles the client's deadlines (a loaded host oversleeping).
    pub late: Duration,
}

impl<const RX: usize, const TX: usize, const P: usize> Sim<RX, TX, P> {
    pub fn new(config: &Config<'_>, server: Server, faults: Faults) -> Self {
        let client = Session::with_buffers(config, Instant::ZERO).expect("valid config");
        let mut sim = Sim {
            now: Instant::ZERO,
            client,
            server,
            faults,
            link: VecDeque::new(),
            server_messages: 0,
            events: Vec::new(),
            eof_at: None,
            late: Duration::ZERO,
        };
        sim.flush();
        sim
    }

    /// Queues bytes from the server at the current time (plus the link delay).
    pub fn inject(&mut self, bytes: Vec<u8>) {
        self.push_from_server(bytes);
    }

    fn push_from_server(&mut self, mut bytes: Vec<u8>) {
        let n = self.server_messages;
        self.server_messages += 1;
        if let Some(t) = bytes.get(4..8) {
            let t = u32::from_be_bytes(t.try_into().unwrap());
            if self.faults.drop_types.contains(&t) {
                return;
            }
        }
        if let Some((which, at, xor)) = self.faults.corrupt {
            if which == n {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= xor;
                }
            }
        }
        let t = bytes
            .get(4..8)
            .map(|t| u32::from_be_bytes(t.try_into().unwrap()));
        let delayed = self.faults.delay_only.is_none_or(|only| Some(only) == t);
        let at = if delayed {
            self.now + self.faults.delay
        } else {
            self.now
        };
        let i = self.link.partition_point(|l| l.0 <= at);
        self.link.insert(i, (at, bytes));
    }

    /// Writes out what the client has to send (the server answers at once) and drains events.
    pub fn flush(&mut self) {
        loop {
            self.drain_events();
            let Some(tx) = self.client.poll_transmit() else {
                break;
            };
            let tx = tx.to_vec();
            self.client.advance_transmit(tx.len());
            for answer in self.server.receive(self.now, &tx) {
                self.push_from_server(answer);
            }
        }
        self.drain_events();
    }

    pub fn drain_events(&mut self) {
        while let Some(e) = self.client.poll_event() {
            let d = describe(&e);
            self.events.push((self.now.as_millis(), d));
        }
    }

    /// Delivers bytes to the client, in chunks if asked, re-offering what it did not take.
    fn deliver(&mut self, bytes: &[u8]) {
        let chunk = if self.faults.chunk == 0 {
            bytes.len().max(1)
        } else {
            self.faults.chunk
        };
        for piece in bytes.chunks(chunk) {
            let mut off = 0;
            while off < piece.len() {
                let n = self.client.handle_receive(self.now, &piece[off..]);
                off += n;
                self.flush();
                if n == 0 {
                    assert!(
                        self.client.poll_event().is_none(),
                        "took nothing with no events waiting"
                    );
                }
            }
        }
        self.flush();
    }

    /// Runs the clock forward to `end`, firing timers and delivering link traffic on time.
    pub fn run_until(&mut self, end: Instant) {
        loop {
            self.flush();
            let next = [
                self.client.poll_timeout().map(|t| t + self.late),
                self.link.front().map(|l| l.0),
                self.eof_at,
            ]
            .into_iter()
            .flatten()
            .min();
            let Some(t) = next.filter(|&t| t <= end) else {
                break;
            };
            self.now = t;
            while self.link.front().is_some_and(|l| l.0 <= t) {
                let (_, bytes) = self.link.pop_front().unwrap();
                self.deliver(&bytes);
            }
            if self.eof_at.is_some_and(|e| e <= t) {
                self.eof_at = None;
                self.client.handle_eof(t);
            }
            self.client.handle_timeout(t);
            let after = self.client.poll_timeout();
            assert!(
                after.is_none_or(|a| a > t),
                "deadline {after:?} not after {t:?}"
            );
        }
        self.now = self.now.max(end);
        self.flush();
    }

    /// Sends a request at the current time.
    pub fn send(&mut self, m: &Message<'_>) -> Result<InvokeId, cti_proto::client::SendError> {
        let r = self.client.send(self.now, m);
        self.flush();
        r
    }

    /// Events as (seconds with millis, text) for readable assertions.
    pub fn log(&self) -> Vec<(u64, &str)> {
        self.events.iter().map(|(t, s)| (*t, s.as_str())).collect()
    }
}
