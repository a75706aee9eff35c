//! ServerSession rules on a virtual clock, with the codec playing the client: every FAILURE_CONF
//! status of the open handshake, heartbeat echo, close, the IdleTimeout to the millisecond,
//! malformed input, backpressure, and the real v15 captures of spec §9.

use cti_proto::server::{FailureReason, SendError, ServerConfig, ServerEvent, ServerSession};
use cti_proto::wire::codes::*;
use cti_proto::wire::session::*;
use cti_proto::wire::{
    tag, DecodeError, Decoder, Floating, FloatingWriter, InvokeId, Message, MessageType, Status,
    Str, Version,
};
use cti_proto::Instant;

mod client_common;

use client_common::hex;

/// Spec §9: the real OPEN_REQ of CTI OS, its OPEN_CONF and the SYSTEM_EVENT that followed.
const TRACE_OPEN_REQ: &str = "00000056 00000003 00000001 0000000f 7fffffff 00001388 001c0296
    0fffffff 000003ff 00000003 00000000 00000000 00000000
    010c 4354494f5353657276657200 020c 4354494f5353657276657200 030c 4354494f5353657276657200";
const TRACE_OPEN_CONF: &str = "00000028 00000004 00000001 001c0296 00000000 00000004 5746cc1e
    0000 0011 0009 e402 0001 d004 00001388 e002 0000";
const TRACE_SYSTEM_EVENT: &str = "0000001a 0000001f 00000004 5746cc1e 00000003 00001388
    00000000 00000000 ffff";
const TRACE_QUERY_AGENT_STATE_REQ: &str =
    "0000001b 00000024 00000002 00001388 00000000 00000000 0502 3200 0605 3130303000";

fn ms(n: u64) -> Instant {
    Instant::from_millis(n)
}

/// OPEN_REQ fields a test varies.
#[derive(Clone)]
struct Open {
    invoke_id: u32,
    version: u32,
    idle_timeout: u32,
    services: u32,
    call_mask: u32,
    agent_mask: u32,
    config_mask: u32,
    reserved: [u32; 3],
    peripheral_id: u32,
    client_id: Option<&'static str>,
    password: Option<&'static [u8]>,
    agent_id: Option<&'static str>,
}

impl Default for Open {
    fn default() -> Self {
        Open {
            invoke_id: 1,
            version: 15,
            idle_timeout: 20,
            services: ServiceMask::ALL_EVENTS.0,
            call_mask: CallMsgMask::ALL.0,
            agent_mask: AgentStateMask::ALL.0,
            config_mask: 0,
            reserved: [0; 3],
            peripheral_id: 0xFFFF_FFFF,
            client_id: Some("bridge"),
            password: Some(b"secret"),
            agent_id: None,
        }
    }
}

impl Open {
    fn bytes(&self) -> Vec<u8> {
        let version = Version(self.version);
        let mut fbuf = [0u8; 512];
        let mut w = FloatingWriter::new(&mut fbuf, version);
        w.put_opt(tag::CLIENT_ID, self.client_id.map(Str::from))
            .unwrap();
        w.put_opt(tag::CLIENT_PASSWORD, self.password).unwrap();
        w.put_opt(tag::AGENT_ID, self.agent_id.map(Str::from))
            .unwrap();
        let floating = w.finish();
        let req = OpenReq {
            invoke_id: InvokeId(self.invoke_id),
            version_number: self.version,
            idle_timeout: self.idle_timeout,
            peripheral_id: self.peripheral_id,
            services_requested: ServiceMask(self.services),
            call_msg_mask: CallMsgMask(self.call_mask),
            agent_state_mask: AgentStateMask(self.agent_mask),
            config_msg_mask: ConfigMsgMask(self.config_mask),
            reserved1: self.reserved[0],
            reserved2: self.reserved[1],
            reserved3: self.reserved[2],
            floating,
        };
        encode(&Message::OpenReq(req), version)
    }
}

fn encode(m: &Message<'_>, version: Version) -> Vec<u8> {
    let mut out = vec![0u8; m.encoded_len(version)];
    let n = m.encode(version, &mut out).unwrap();
    assert_eq!(n, out.len());
    out
}

fn heartbeat(id: u32) -> Vec<u8> {
    encode(
        &Message::HeartbeatReq(HeartbeatReq {
            invoke_id: InvokeId(id),
            floating: Floating::EMPTY,
        }),
        Version::V15,
    )
}

fn close_req(id: u32, status: StatusCode) -> Vec<u8> {
    encode(
        &Message::CloseReq(CloseReq {
            invoke_id: InvokeId(id),
            status,
            floating: Floating::EMPTY,
        }),
        Version::V15,
    )
}

/// A message of any type with a raw body.
fn raw(t: u32, body: &[u8]) -> Vec<u8> {
    let mut v = (body.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(&t.to_be_bytes());
    v.extend_from_slice(body);
    v
}

/// What one input produced, owned.
#[derive(Debug, Clone, PartialEq)]
enum Ev {
    Opened {
        client_id: String,
        granted: u32,
    },
    Rejected {
        t: u32,
        invoke_id: u32,
        status: StatusCode,
    },
    Heartbeat {
        invoke_id: u32,
        answered: bool,
    },
    Request {
        t: u32,
        invoke_id: Option<u32>,
    },
    Closed(StatusCode),
    Failed(FailureReason),
}

struct Harness {
    s: ServerSession,
}

impl Harness {
    fn new(config: ServerConfig) -> Self {
        Harness {
            s: ServerSession::new(config, Instant::ZERO).unwrap(),
        }
    }

    fn recv(&mut self, now: Instant, bytes: &[u8]) -> (Vec<u8>, Vec<Ev>) {
        assert_eq!(self.s.handle_receive(now, bytes), bytes.len());
        self.drain()
    }

    fn drain(&mut self) -> (Vec<u8>, Vec<Ev>) {
        let mut out = Vec::new();
        while let Some(t) = self.s.poll_transmit() {
            // Partial writes: a few bytes at a time.
            let n = t.len().min(7);
            out.extend_from_slice(&t[..n]);
            self.s.advance_transmit(n);
        }
        let mut evs = Vec::new();
        while let Some(e) = self.s.poll_event() {
            evs.push(match e {
                ServerEvent::Opened {
                    request,
                    services_granted,
                } => Ev::Opened {
                    client_id: request.client_id().unwrap().to_string(),
                    granted: services_granted.0,
                },
                ServerEvent::Rejected {
                    message_type,
                    invoke_id,
                    status,
                } => Ev::Rejected {
                    t: message_type.0,
                    invoke_id: invoke_id.0,
                    status,
                },
                ServerEvent::Heartbeat {
                    invoke_id,
                    answered,
                } => Ev::Heartbeat {
                    invoke_id: invoke_id.0,
                    answered,
                },
                ServerEvent::Request(m) => Ev::Request {
                    t: m.message_type().0,
                    invoke_id: m.invoke_id().map(|i| i.0),
                },
                ServerEvent::Closed { status } => Ev::Closed(status),
                ServerEvent::Failed(r) => Ev::Failed(r),
                other => panic!("an event this harness does not know: {other:?}"),
            });
        }
        (out, evs)
    }

    fn open(&mut self, now: Instant, open: &Open) {
        let (out, evs) = self.recv(now, &open.bytes());
        assert!(matches!(evs.as_slice(), [Ev::Opened { .. }]), "{evs:?}");
        assert_eq!(out[4..8], 4u32.to_be_bytes(), "OPEN_CONF first");
        assert!(self.s.is_open());
    }
}

/// (type, InvokeID, FAILURE_CONF status) of every message in `bytes`.
fn decode_all(bytes: &[u8]) -> Vec<(u32, Option<u32>, Option<StatusCode>)> {
    let mut v = Vec::new();
    for m in Decoder::default().messages(bytes) {
        let m = m.unwrap();
        let status = match m {
            Message::FailureConf(f) => Some(f.status),
            _ => None,
        };
        v.push((m.message_type().0, m.invoke_id().map(|i| i.0), status));
    }
    v
}

/// Sends `open` to a fresh session and expects FAILURE_CONF(`status`) with its InvokeID.
fn expect_rejected(config: ServerConfig, open: Open, status: StatusCode) {
    let mut h = Harness::new(config);
    let (out, evs) = h.recv(ms(10), &open.bytes());
    assert_eq!(
        decode_all(&out),
        [(1, Some(open.invoke_id), Some(status))],
        "{status:?}"
    );
    assert_eq!(
        evs,
        [
            Ev::Rejected {
                t: 3,
                invoke_id: open.invoke_id,
                status
            },
            Ev::Failed(FailureReason::OpenRejected { status })
        ]
    );
    // One guess per connection: the session is over, and further input is ignored.
    assert!(!h.s.is_open() && h.s.is_terminal());
    assert_eq!(h.s.poll_timeout(), None);
    let (out, evs) = h.recv(ms(20), &open.bytes());
    assert!(out.is_empty() && evs.is_empty(), "{evs:?}");
}

#[test]
fn real_open_req_gets_the_real_open_conf_and_system_event() {
    let mut config = ServerConfig::default()
        .with_pg_status(PgStatus::PERIPHERAL_OFFLINE)
        .with_peripheral_online(false)
        .with_unix_time_at_zero(0x5746_cc1e);
    config = config
        .with_credentials("CTIOSServer", b"CTIOSServer")
        .unwrap();
    let mut h = Harness::new(config);
    let (out, evs) = h.recv(ms(999), &hex(TRACE_OPEN_REQ));
    let mut expected = hex(TRACE_OPEN_CONF);
    expected.extend(hex(TRACE_SYSTEM_EVENT));
    assert_eq!(out, expected, "OPEN_CONF and SYSTEM_EVENT byte for byte");
    assert_eq!(
        evs,
        [Ev::Opened {
            client_id: "CTIOSServer".into(),
            granted: 0x001c_0296
        }]
    );
    assert_eq!(h.s.version(), Some(Version::V15));
    // IdleTimeout 0x7FFFFFFF: about 68 years from the open.
    assert_eq!(h.s.poll_timeout(), Some(ms(999 + 0x7fff_ffff * 1000)));
}

#[test]
fn unsupported_versions_get_invalid_version() {
    // The default range is the versions the tables hold, 13 to 25.
    for v in [0, 12, 26] {
        let open = Open {
            version: v,
            invoke_id: 40 + v,
            ..Open::default()
        };
        expect_rejected(ServerConfig::default(), open, StatusCode::INVALID_VERSION);
    }
    for v in [13, 25] {
        let open = Open {
            version: v,
            invoke_id: 40 + v,
            ..Open::default()
        };
        expect_rejected(
            ServerConfig::default().with_versions(15, 15),
            open,
            StatusCode::INVALID_VERSION,
        );
    }
    // Every version in the range opens, with the masks that version defines.
    for v in [13, 14, 15, 16, 19, 20, 24, 25] {
        let mut h = Harness::new(ServerConfig::default());
        h.open(
            ms(0),
            &Open {
                version: v,
                call_mask: CallMsgMask::valid_bits(Version(v)),
                agent_mask: AgentStateMask::valid_bits(Version(v)),
                ..Open::default()
            },
        );
        assert_eq!(h.s.version(), Some(Version(v)));
    }
}

#[test]
fn idle_timeout_under_20_seconds_is_invalid() {
    for t in [0, 1, 19] {
        let open = Open {
            idle_timeout: t,
            ..Open::default()
        };
        expect_rejected(ServerConfig::default(), open, StatusCode::INVALID_TIMEOUT);
    }
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
}

#[test]
fn credentials_are_checked() {
    let config = ServerConfig::default()
        .with_credentials("bridge", b"secret")
        .unwrap();
    for (id, pw) in [
        ("bridge", &b"wrong"[..]),
        ("other", b"secret"),
        ("bridge", b""),
    ] {
        let open = Open {
            client_id: Some(id),
            password: Some(pw),
            ..Open::default()
        };
        expect_rejected(config.clone(), open, StatusCode::INVALID_PASSWORD);
    }
    // A NUL-terminated password, as CTI OS sends it, is the same password.
    let mut h = Harness::new(config);
    h.open(
        ms(0),
        &Open {
            password: Some(b"secret\0"),
            ..Open::default()
        },
    );
}

#[test]
fn missing_required_data() {
    let missing = [
        Open {
            client_id: None,
            ..Open::default()
        },
        Open {
            password: None,
            ..Open::default()
        },
        // Client Events without a peripheral, then without any agent field.
        Open {
            services: ServiceMask::CLIENT_EVENTS.0,
            agent_id: Some("1001"),
            ..Open::default()
        },
        Open {
            services: ServiceMask::CLIENT_EVENTS.0,
            peripheral_id: 5000,
            ..Open::default()
        },
    ];
    for open in missing {
        expect_rejected(
            ServerConfig::default(),
            open,
            StatusCode::REQUIRED_DATA_MISSING,
        );
    }
    // An empty password is a password (spec §3.3).
    let mut h = Harness::new(ServerConfig::default());
    h.open(
        ms(0),
        &Open {
            password: Some(b""),
            ..Open::default()
        },
    );
}

#[test]
fn client_events_need_a_known_peripheral_and_echo_the_agent() {
    let open = Open {
        services: ServiceMask::CLIENT_EVENTS.0,
        peripheral_id: 4999,
        agent_id: Some("1001"),
        ..Open::default()
    };
    expect_rejected(
        ServerConfig::default(),
        open.clone(),
        StatusCode::INVALID_PERIPHERAL_ID,
    );
    let mut h = Harness::new(ServerConfig::default());
    let (out, _) = h.recv(
        ms(0),
        &Open {
            peripheral_id: 5000,
            ..open
        }
        .bytes(),
    );
    let Ok(Status::Complete((Message::OpenConf(conf), _))) = Decoder::default().decode(&out) else {
        panic!("no OPEN_CONF")
    };
    assert_eq!(conf.agent_id(), Some(Str::from("1001")));
    assert_eq!(conf.agent_state, AgentState::NOT_READY);
    assert_eq!(conf.services_granted, ServiceMask::CLIENT_EVENTS);
    // No SYSTEM_EVENT: not an All Events session.
    assert_eq!(decode_all(&out).len(), 1);
}

#[test]
fn reserved_fields_must_be_zero() {
    for i in 0..3 {
        let mut reserved = [0; 3];
        reserved[i] = 1;
        let open = Open {
            reserved,
            ..Open::default()
        };
        expect_rejected(
            ServerConfig::default(),
            open,
            StatusCode::INVALID_RESERVED_FIELD,
        );
    }
}

#[test]
fn unnamed_mask_bits_are_refused() {
    let cases = [
        (
            Open {
                services: 0x4000,
                ..Open::default()
            },
            StatusCode::INVALID_SERVICE_MASK,
        ),
        (
            Open {
                // CTI_SERVICE_ACTIVE_STANDBY is v24+ only.
                services: 0x0200_0010,
                ..Open::default()
            },
            StatusCode::INVALID_SERVICE_MASK,
        ),
        (
            Open {
                call_mask: 0x1000_0000,
                ..Open::default()
            },
            StatusCode::INVALID_CALL_MSG_MASK,
        ),
        (
            Open {
                agent_mask: 0x400,
                ..Open::default()
            },
            StatusCode::INVALID_AGENT_STATE_MASK,
        ),
        (
            Open {
                config_mask: 32,
                ..Open::default()
            },
            StatusCode::INVALID_CONFIG_MSG_MASK,
        ),
    ];
    for (open, status) in cases {
        expect_rejected(ServerConfig::default(), open, status);
    }
}

#[test]
fn services_granted_are_requested_and_supported() {
    let config = ServerConfig::default()
        .with_services_supported(ServiceMask::ALL_EVENTS | ServiceMask::CALL_DATA_UPDATE);
    let mut h = Harness::new(config);
    let open = Open {
        services: (ServiceMask::ALL_EVENTS | ServiceMask::CLIENT_CONTROL).0,
        ..Open::default()
    };
    let (_, evs) = h.recv(ms(0), &open.bytes());
    assert_eq!(
        evs,
        [Ev::Opened {
            client_id: "bridge".into(),
            granted: ServiceMask::ALL_EVENTS.0
        }]
    );
    assert_eq!(h.s.services_granted(), Some(ServiceMask::ALL_EVENTS));
}

#[test]
fn overlong_field_is_invalid_field_length() {
    let open = Open {
        agent_id: Some("much-longer-than-twelve"),
        ..Open::default()
    };
    expect_rejected(
        ServerConfig::default(),
        open,
        StatusCode::INVALID_FIELD_LENGTH,
    );
}

#[test]
fn requests_before_open_are_refused_and_the_session_can_still_open() {
    let mut h = Harness::new(ServerConfig::default());
    let mut input = heartbeat(9);
    input.extend(hex(TRACE_QUERY_AGENT_STATE_REQ));
    input.extend(close_req(11, StatusCode::NO_ERROR));
    let (out, evs) = h.recv(ms(1), &input);
    let not_open = Some(StatusCode::SESSION_NOT_OPEN);
    assert_eq!(
        decode_all(&out),
        [
            (1, Some(9), not_open),
            (1, Some(2), not_open),
            (1, Some(11), not_open)
        ]
    );
    assert_eq!(evs.len(), 3);
    h.open(ms(2), &Open::default());
}

#[test]
fn second_open_req_is_already_open() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    let (out, evs) = h.recv(
        ms(1),
        &Open {
            invoke_id: 77,
            ..Open::default()
        }
        .bytes(),
    );
    assert_eq!(
        decode_all(&out),
        [(1, Some(77), Some(StatusCode::SESSION_ALREADY_OPEN))]
    );
    assert_eq!(evs.len(), 1);
    assert!(h.s.is_open());
}

#[test]
fn unknown_and_server_side_types_are_invalid_message_type() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    let mut input = raw(999, &[0, 0, 0, 5, 1, 2]);
    input.extend(raw(67, &[])); // reserved, formerly QUERY_MSG_WAITING_IND
    input.extend(hex("00000004 00000006 00000008")); // HEARTBEAT_CONF from the client
    let (out, evs) = h.recv(ms(1), &input);
    let invalid = Some(StatusCode::INVALID_MESSAGE_TYPE);
    assert_eq!(
        decode_all(&out),
        [
            (1, Some(5), invalid),
            (1, Some(0), invalid),
            (1, Some(8), invalid)
        ]
    );
    assert_eq!(
        evs[0],
        Ev::Rejected {
            t: 999,
            invoke_id: 5,
            status: StatusCode::INVALID_MESSAGE_TYPE
        }
    );
    assert!(h.s.is_open());
}

#[test]
fn heartbeats_are_echoed_with_their_invoke_id() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    let mut input = Vec::new();
    for id in [5, 6, 0xFFFF_FFFF] {
        input.extend(heartbeat(id));
    }
    let (out, evs) = h.recv(ms(5000), &input);
    assert_eq!(
        out,
        hex("00000004 00000006 00000005 00000004 00000006 00000006 00000004 00000006 ffffffff")
    );
    assert_eq!(evs.len(), 3);
}

#[test]
fn stop_heartbeats_after_n() {
    let config = ServerConfig::default().with_stop_heartbeats_after(Some(2));
    let mut h = Harness::new(config);
    h.open(ms(0), &Open::default());
    let mut answered = Vec::new();
    for id in 1..=4 {
        let (out, evs) = h.recv(ms(id * 5000), &heartbeat(id as u32));
        answered.push(!out.is_empty());
        assert_eq!(
            evs,
            [Ev::Heartbeat {
                invoke_id: id as u32,
                answered: id <= 2
            }]
        );
    }
    assert_eq!(answered, [true, true, false, false]);
    // Unanswered heartbeats still count as received: the idle timer restarted at 20 s.
    assert_eq!(h.s.poll_timeout(), Some(ms(40_000)));
}

#[test]
fn close_req_gets_close_conf_and_ends_the_session() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    let (out, evs) = h.recv(ms(10), &close_req(42, StatusCode::CTI_SERVER_OFFLINE));
    assert_eq!(out, hex("00000004 00000008 0000002a"));
    assert_eq!(evs, [Ev::Closed(StatusCode::CTI_SERVER_OFFLINE)]);
    assert!(h.s.is_terminal());
    assert_eq!(h.s.poll_timeout(), None);
    // Afterwards: input ignored, EOF is no failure, commands refused.
    assert_eq!(h.recv(ms(11), &heartbeat(1)), (vec![], vec![]));
    h.s.handle_eof(ms(12));
    h.s.handle_timeout(ms(100_000));
    assert_eq!(h.drain(), (vec![], vec![]));
    assert_eq!(
        h.s.send_failure_event(ms(13), StatusCode::CTI_SERVER_OFFLINE),
        Err(SendError::Closed)
    );
}

#[test]
fn idle_timeout_fires_at_the_exact_millisecond_and_once() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(1_000), &Open::default());
    assert_eq!(h.s.poll_timeout(), Some(ms(21_000)));
    // A message restarts it; partial bytes do not.
    h.recv(ms(10_000), &heartbeat(1));
    assert_eq!(h.s.poll_timeout(), Some(ms(30_000)));
    h.recv(ms(12_000), &heartbeat(2)[..5]);
    assert_eq!(h.s.poll_timeout(), Some(ms(30_000)));
    h.s.handle_timeout(ms(29_999));
    assert_eq!(h.drain(), (vec![], vec![]));
    assert!(h.s.is_open());
    h.s.handle_timeout(ms(30_000));
    assert_eq!(
        h.drain(),
        (
            vec![],
            vec![Ev::Failed(FailureReason::IdleTimeout { seconds: 20 })]
        )
    );
    assert!(h.s.is_terminal());
    assert_eq!(h.s.poll_timeout(), None);
    h.s.handle_timeout(ms(60_000));
    h.s.handle_eof(ms(60_001));
    assert_eq!(h.drain(), (vec![], vec![]), "failure reported exactly once");
}

#[test]
fn late_bytes_do_not_rescue_an_expired_session() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    let (out, evs) = h.recv(ms(20_000), &heartbeat(1));
    assert!(out.is_empty());
    assert_eq!(
        evs,
        [Ev::Failed(FailureReason::IdleTimeout { seconds: 20 })]
    );
}

#[test]
fn no_idle_timeout_means_no_timer() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(
        ms(0),
        &Open {
            idle_timeout: 0xFFFF_FFFF,
            ..Open::default()
        },
    );
    assert_eq!(h.s.poll_timeout(), None);
    h.s.handle_timeout(ms(u64::MAX / 2));
    assert!(h.s.is_open());
}

#[test]
fn waiting_for_open_req_ends() {
    let mut h = Harness::new(ServerConfig::default());
    assert_eq!(h.s.poll_timeout(), Some(ms(15_000)), "15 s by default");
    h.s.handle_timeout(ms(14_999));
    assert!(h.drain().1.is_empty());
    h.s.handle_timeout(ms(15_000));
    assert_eq!(h.drain().1, [Ev::Failed(FailureReason::OpenTimeout)]);
}

#[test]
fn malformed_input_fails_with_the_decode_error() {
    // Oversize, from the header alone.
    let mut h = Harness::new(ServerConfig::default());
    let (_, evs) = h.recv(ms(0), &hex("00004000 00000005"));
    assert_eq!(
        evs,
        [Ev::Failed(FailureReason::Oversize {
            length: 0x4000,
            limit: 12_492
        })]
    );
    // A HEARTBEAT_REQ with a 2-byte body.
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    let (out, evs) = h.recv(ms(1), &hex("00000002 00000005 0001"));
    assert!(out.is_empty());
    assert_eq!(
        evs,
        [Ev::Failed(FailureReason::Malformed(
            DecodeError::ShortBody {
                message_type: MessageType::HEARTBEAT_REQ,
                length: 2,
                fixed: 4
            }
        ))]
    );
    // An OPEN_REQ whose ClientID has no NUL.
    let mut bytes = Open::default().bytes();
    let at = 8 + 44 + 2 + "bridge".len();
    assert_eq!(bytes[at], 0);
    bytes[at] = b'!';
    let mut h = Harness::new(ServerConfig::default());
    let (_, evs) = h.recv(ms(0), &bytes);
    assert_eq!(
        evs,
        [Ev::Failed(FailureReason::Malformed(
            DecodeError::UnterminatedString {
                offset: 8 + 44,
                tag: 1
            }
        ))]
    );
    // An OPEN_REQ shorter than its fixed part.
    let mut h = Harness::new(ServerConfig::default());
    let (_, evs) = h.recv(ms(0), &raw(3, &[0, 0, 0, 1, 0, 0, 0, 15]));
    assert!(matches!(
        evs.as_slice(),
        [Ev::Failed(FailureReason::Malformed(
            DecodeError::ShortBody { .. }
        ))]
    ));
}

#[test]
fn eof_without_close_is_a_failure() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    // A CLOSE_REQ that arrived with the EOF is still honoured.
    let mut h2 = Harness::new(ServerConfig::default());
    h2.open(ms(0), &Open::default());
    h.s.handle_eof(ms(5));
    assert_eq!(h.drain().1, [Ev::Failed(FailureReason::PeerClosed)]);
    let close = close_req(3, StatusCode::NO_ERROR);
    assert_eq!(h2.s.handle_receive(ms(5), &close), close.len());
    h2.s.handle_eof(ms(5));
    assert_eq!(h2.drain().1, [Ev::Closed(StatusCode::NO_ERROR)]);
}

#[test]
fn requests_are_handed_to_the_application() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    assert!(h.s.handle_receive(ms(1), &hex(TRACE_QUERY_AGENT_STATE_REQ)) > 0);
    assert_eq!(h.s.poll_transmit(), None, "the session does not answer it");
    let Some(ServerEvent::Request(m)) = h.s.poll_event() else {
        panic!("no request")
    };
    assert_eq!(m.message_type(), MessageType(36));
    let body = match m {
        Message::Unknown(r) => r.body.to_vec(),
        other => {
            // Once the catalogue knows QUERY_AGENT_STATE_REQ it comes typed.
            assert_eq!(other.invoke_id(), Some(InvokeId(2)));
            hex(TRACE_QUERY_AGENT_STATE_REQ)[8..].to_vec()
        }
    };
    assert_eq!(body, hex(TRACE_QUERY_AGENT_STATE_REQ)[8..]);
    assert!(h.s.poll_event().is_none());
    // The application answers.
    let conf = Message::ClientEventReportConf(ClientEventReportConf {
        invoke_id: InvokeId(2),
        floating: Floating::EMPTY,
    });
    h.s.send(ms(2), &conf).unwrap();
    assert_eq!(h.drain().0, hex("00000004 00000021 00000002"));
}

#[test]
fn commands_before_open_are_refused() {
    let mut h = Harness::new(ServerConfig::default());
    assert_eq!(
        h.s.send_system_event(ms(0), SystemEventId::TEXT_FYI, [0; 3], Some("hi")),
        Err(SendError::NotOpen)
    );
}

#[test]
fn system_and_failure_events() {
    let config = ServerConfig::default().with_unix_time_at_zero(1_000_000);
    let mut h = Harness::new(config);
    h.open(ms(0), &Open::default());
    h.s.send_system_event(ms(2_500), SystemEventId::TEXT_FYI, [1, 2, 3], Some("hello"))
        .unwrap();
    h.s.send_failure_event(ms(2_600), StatusCode::CTI_SERVER_OFFLINE)
        .unwrap();
    let (out, _) = h.drain();
    let msgs: Vec<_> = Decoder::default()
        .messages(&out)
        .map(|m| format!("{:?}", m.unwrap()))
        .collect();
    assert_eq!(msgs.len(), 2);
    assert_eq!(
        out,
        hex(
            "00000022 0000001f 00000000 000f4242 00000005 00000001 00000002 00000003 ffff
             0706 68656c6c6f00
             00000004 00000002 0000000f"
        )
    );
}

#[test]
fn wants_follows_the_masks() {
    let mut h = Harness::new(ServerConfig::default());
    assert!(!h.s.wants(MessageType(23)));
    h.open(
        ms(0),
        &Open {
            call_mask: CallMsgMask::BEGIN_CALL.0,
            agent_mask: AgentStateMask::TALKING.0,
            ..Open::default()
        },
    );
    assert!(h.s.wants(MessageType(23)));
    assert!(!h.s.wants(MessageType(24)));
    assert!(h.s.wants(MessageType::SYSTEM_EVENT));
    assert!(h.s.wants_agent_state(AgentState::TALKING));
    assert!(!h.s.wants_agent_state(AgentState::AVAILABLE));
}

/// The whole conversation, fed in every possible two-piece split and byte by byte, gives the
/// same bytes out and the same events.
#[test]
fn any_split_of_the_input_gives_the_same_result() {
    let mut input = hex(TRACE_QUERY_AGENT_STATE_REQ); // refused: not open
    input.extend(Open::default().bytes());
    input.extend(heartbeat(1));
    input.extend(hex(TRACE_QUERY_AGENT_STATE_REQ));
    input.extend(raw(999, &[0, 0, 0, 4]));
    input.extend(heartbeat(2));
    input.extend(close_req(3, StatusCode::NO_ERROR));
    let run = |cuts: &[usize]| {
        let mut h = Harness::new(ServerConfig::default());
        let mut out = Vec::new();
        let mut evs = Vec::new();
        let mut at = 0;
        for &c in cuts.iter().chain([input.len()].iter()) {
            let (o, e) = h.recv(ms(at as u64), &input[at..c]);
            out.extend(o);
            evs.extend(e);
            at = c;
        }
        (out, evs)
    };
    let whole = run(&[]);
    assert_eq!(whole.1.len(), 7, "{:?}", whole.1);
    assert_eq!(whole.1.last(), Some(&Ev::Closed(StatusCode::NO_ERROR)));
    for cut in 0..=input.len() {
        assert_eq!(run(&[cut]), whole, "split at {cut}");
    }
    let every: Vec<usize> = (1..input.len()).collect();
    assert_eq!(run(&every), whole, "byte by byte");
}

/// A flood larger than the transmit buffer is taken in part, and everything is answered once
/// the caller drains and offers the rest: nothing is lost.
#[test]
fn backpressure_loses_nothing() {
    let mut s: ServerSession<256, 1024> =
        ServerSession::with_buffers(ServerConfig::default(), Instant::ZERO).unwrap();
    let _ = s.handle_receive(ms(0), &Open::default().bytes());
    while let Some(t) = s.poll_transmit() {
        let n = t.len();
        s.advance_transmit(n);
    }
    while s.poll_event().is_some() {}
    let mut input = Vec::new();
    for id in 0..500u32 {
        input.extend(heartbeat(id));
    }
    let mut at = 0;
    let mut out = Vec::new();
    let mut events = 0;
    let mut rounds = 0;
    while at < input.len() || s.poll_timeout() == Some(ms(1)) {
        rounds += 1;
        assert!(rounds < 10_000);
        if s.poll_timeout() == Some(ms(1)) {
            s.handle_timeout(ms(1));
        } else {
            at += s.handle_receive(ms(1), &input[at..]);
        }
        while let Some(t) = s.poll_transmit() {
            out.extend_from_slice(t);
            let n = t.len();
            s.advance_transmit(n);
        }
        while s.poll_event().is_some() {
            events += 1;
        }
    }
    let ids: Vec<_> = decode_all(&out).iter().map(|m| m.1.unwrap()).collect();
    assert_eq!(ids, (0..500).collect::<Vec<_>>());
    assert_eq!(events, 500);
    assert!(rounds > 2, "the small buffers did push back");
}

#[test]
fn bad_configs_are_refused() {
    let c = ServerConfig::default().with_versions(16, 15);
    assert!(ServerSession::<DEFAULT_RX_FOR_TEST, 1024>::with_buffers(c, Instant::ZERO).is_err());
    assert!(ServerSession::<DEFAULT_RX_FOR_TEST, 512>::with_buffers(
        ServerConfig::default(),
        Instant::ZERO
    )
    .is_err());
    assert!(ServerConfig::default()
        .with_credentials(&"x".repeat(65), b"")
        .is_err());
}

const DEFAULT_RX_FOR_TEST: usize = 4096;

/// Whatever bytes arrive, in whatever pieces and at whatever times: no panic, every input is
/// taken once the outputs are drained, at most one failure is reported and nothing follows it,
/// and a terminated session has no timer.
#[quickcheck_macros::quickcheck]
fn garbage_never_panics(prefix_open: bool, chunks: Vec<(Vec<u8>, u16)>) -> bool {
    let mut h = Harness::new(ServerConfig::default());
    let mut now = 0u64;
    if prefix_open {
        h.open(ms(0), &Open::default());
    }
    let mut failures = 0;
    let mut after_end = 0;
    for (chunk, dt) in chunks {
        now += u64::from(dt);
        let mut at = 0;
        for _ in 0..100 {
            at += h.s.handle_receive(ms(now), &chunk[at..]);
            let ended = h.s.is_terminal();
            let (out, evs) = h.drain();
            if ended && failures > 0 && !(out.is_empty() && evs.is_empty()) {
                after_end += 1;
            }
            failures += evs.iter().filter(|e| matches!(e, Ev::Failed(_))).count();
            if h.s.poll_timeout() == Some(ms(now)) {
                h.s.handle_timeout(ms(now));
            }
            if at == chunk.len() {
                break;
            }
        }
        if at != chunk.len() {
            return false;
        }
        h.s.handle_timeout(ms(now));
        failures += h
            .drain()
            .1
            .iter()
            .filter(|e| matches!(e, Ev::Failed(_)))
            .count();
    }
    failures <= 1 && after_end == 0 && (!h.s.is_terminal() || h.s.poll_timeout().is_none())
}

#[test]
fn a_rejected_open_req_ends_the_session_however_many_guesses_follow() {
    let config = ServerConfig::default()
        .with_credentials("bridge", b"right")
        .unwrap();
    let mut h = Harness::new(config);
    let guess = Open {
        password: Some(b"wrong"),
        ..Open::default()
    }
    .bytes();
    let flood: Vec<u8> = guess
        .iter()
        .copied()
        .cycle()
        .take(guess.len() * 20_000)
        .collect();
    // However the guesses arrive, one is answered and the session ends.
    let mut out = Vec::new();
    let mut evs = Vec::new();
    for chunk in flood.chunks(4_096) {
        let (o, e) = h.recv(ms(5), chunk);
        out.extend(o);
        evs.extend(e);
    }
    assert_eq!(
        decode_all(&out),
        [(1, Some(1), Some(StatusCode::INVALID_PASSWORD))],
        "one FAILURE_CONF"
    );
    assert_eq!(
        evs.last(),
        Some(&Ev::Failed(FailureReason::OpenRejected {
            status: StatusCode::INVALID_PASSWORD
        }))
    );
    let rejected = evs
        .iter()
        .filter(|e| matches!(e, Ev::Rejected { .. }))
        .count();
    assert_eq!(rejected, 1, "{evs:?}");
    assert!(h.s.is_terminal());
}

#[test]
fn the_idle_timeout_counts_from_arrival_even_while_the_message_waits() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    assert_eq!(h.s.poll_timeout(), Some(ms(20_000)));
    // The client never reads: the transmit buffer fills up.
    let mut n = 0;
    while h
        .s
        .send_system_event(ms(1), SystemEventId(1), [0; 3], Some("x"))
        .is_ok()
    {
        n += 1;
    }
    let small = Message::HeartbeatConf(HeartbeatConf {
        invoke_id: InvokeId(1),
        floating: Floating::EMPTY,
    });
    while h.s.send(ms(1), &small).is_ok() {
        n += 1;
    }
    assert!(n > 0);
    // A HEARTBEAT_REQ arrives at 5 s; its HEARTBEAT_CONF has no room, so it waits.
    let hb = heartbeat(9);
    assert_eq!(h.s.handle_receive(ms(5_000), &hb), hb.len());
    assert_eq!(h.s.poll_timeout(), Some(ms(25_000)), "counted at arrival");
    // Room at 24 s: it is handled now, but it arrived at 5 s.
    let (out, _) = h.drain();
    assert!(!out.is_empty());
    h.s.handle_timeout(ms(24_000));
    let (out, evs) = h.drain();
    assert_eq!(decode_all(&out), [(6, Some(9), None)], "HEARTBEAT_CONF");
    assert_eq!(
        evs,
        [Ev::Heartbeat {
            invoke_id: 9,
            answered: true
        }]
    );
    assert_eq!(h.s.poll_timeout(), Some(ms(25_000)));
    h.s.handle_timeout(ms(24_999));
    assert!(h.drain().1.is_empty());
    h.s.handle_timeout(ms(25_000));
    assert_eq!(
        h.drain().1,
        [Ev::Failed(FailureReason::IdleTimeout { seconds: 20 })]
    );
}

#[test]
fn the_idle_timeout_counts_from_the_now_the_bytes_came_with() {
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &Open::default());
    let hb = heartbeat(3);
    // The last byte arrives at 7 s: the message arrived then, not at 2 s.
    assert_eq!(h.s.handle_receive(ms(2_000), &hb[..5]), 5);
    assert_eq!(
        h.s.poll_timeout(),
        Some(ms(20_000)),
        "a partial message does not count"
    );
    assert_eq!(h.s.handle_receive(ms(7_000), &hb[5..]), hb.len() - 5);
    assert_eq!(h.s.poll_timeout(), Some(ms(27_000)));
    h.drain();
    // Bytes a driver read at 8 s and offers at 12 s (the session's clock) arrived at 8 s.
    h.s.handle_timeout(ms(12_000));
    assert_eq!(h.s.handle_receive(ms(8_000), &heartbeat(4)), 12);
    assert_eq!(h.s.poll_timeout(), Some(ms(28_000)));
    h.drain();
    h.s.handle_timeout(ms(27_999));
    assert!(h.drain().1.is_empty());
    h.s.handle_timeout(ms(28_000));
    assert_eq!(
        h.drain().1,
        [Ev::Failed(FailureReason::IdleTimeout { seconds: 20 })]
    );
}

/// A v24 client's masks (versions sheet §6.2, §6.3: CallMsgMask up to 0xFFFF_FFFF from v23,
/// AgentStateMask up to 0x3FFF in v24) open a v24 session and are refused in v15.
#[test]
fn masks_are_validated_by_the_opened_version() {
    let v24 = Open {
        version: 24,
        call_mask: 0xFFFF_FFFF,
        agent_mask: 0x3FFF,
        ..Open::default()
    };
    let mut h = Harness::new(ServerConfig::default());
    h.open(ms(0), &v24);
    assert_eq!(h.s.version(), Some(Version(24)));
    let v15 = Open {
        version: 15,
        ..v24.clone()
    };
    expect_rejected(
        ServerConfig::default(),
        v15,
        StatusCode::INVALID_CALL_MSG_MASK,
    );
    let v15_agent = Open {
        version: 15,
        agent_mask: 0x3FFF,
        ..Open::default()
    };
    expect_rejected(
        ServerConfig::default(),
        v15_agent,
        StatusCode::INVALID_AGENT_STATE_MASK,
    );
}
