//! The library never touches the heap: decoding, encoding and a client session's whole life run
//! under a global allocator that counts every allocation made on this thread.

mod common;
mod counting_alloc;

use common::unhex as hex;
use counting_alloc::{allocations, Counting};
use cti_proto::client::{Config, Event, Session, State};
use cti_proto::wire::codes::{ClientEventReportState, StatusCode};
use cti_proto::wire::session::ClientEventReportReq;
use cti_proto::wire::{tag, Decoder, FloatingWriter, InvokeId, Message, Str, Version};
use cti_proto::Instant;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn the_counter_sees_allocations() {
    // Without this the other tests could pass with a counter that counts nothing.
    let (v, n) = allocations(|| std::hint::black_box(vec![1u8; 10]));
    assert_eq!(v.len(), 10);
    assert!(n >= 1);
}

/// Real v15 captures (spec §9): OPEN_REQ, OPEN_CONF, SYSTEM_EVENT, CLIENT_EVENT_REPORT_REQ and
/// _CONF, and a type the catalogue may not know (QUERY_AGENT_STATE_CONF), back to back.
fn captures() -> Vec<u8> {
    hex(
        "00000056 00000003 00000001 0000000f 7fffffff 00001388 001c0296 0fffffff
         000003ff 00000003 00000000 00000000 00000000
         010c 4354494f5353657276657200 020c 4354494f5353657276657200 030c 4354494f5353657276657200
         00000028 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011
         0009 e402 0001 d004 00001388 e002 0000
         0000001a 0000001f 00000004 5746cc1e 00000003 00001388 00000000 00000000 ffff
         0000001e 00000020 00000007 0000 0702 3100 4212 4354494f535f4e554d5f434c49454e545300
         00000004 00000021 00000007
         0000006c 00000025 00000002 0001 0003 00000001 00000000 0000
         00000000 0000138f 00000000 0502 3200 0405 3130303000 0605 3130303000
         3e04 0000bf71 3f04 00001388 4002 0000 4102 0001
         3e04 00000064 3f04 0000138d 4002 0000 4102 0001
         3e04 00000067 3f04 000013b6 4002 0000 4102 0001",
    )
}

/// The bridge stream when it is there (`../shared/bench/stream.bin`, or `CTI_BENCH_STREAM`),
/// else nothing.
fn bridge_stream() -> Vec<u8> {
    let path = std::env::var_os("CTI_BENCH_STREAM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/stream.bin")
        });
    std::fs::read(path).unwrap_or_default()
}

/// Decodes every message, reads every field through the typed views, re-encodes each into a
/// buffer on the stack and checks it against the input. Returns the messages seen.
fn decode_and_encode(stream: &[u8]) -> usize {
    let decoder = Decoder::default();
    let mut seen = 0;
    let mut rest = stream;
    let mut out = [0u8; 12_500];
    for m in decoder.messages(stream) {
        let m = m.expect("well-formed input");
        if let Some(floating) = floating_of(&m) {
            for f in floating.iter() {
                std::hint::black_box(f);
            }
        }
        match &m {
            Message::AgentStateEvent(e) => {
                std::hint::black_box((e.agent_id(), e.agent_extension(), e.duration()));
                for g in e.flt_skill_groups() {
                    std::hint::black_box(g.flt_skill_group_id());
                }
            }
            Message::BeginCallEvent(e) => {
                std::hint::black_box((e.ani(), e.dnis(), e.call_reference_id()));
                for v in e.named_variables() {
                    std::hint::black_box(v);
                }
                for c in e.cti_clients() {
                    std::hint::black_box(c.cti_client_timestamp());
                }
            }
            Message::OpenConf(c) => {
                for p in c.peripherals() {
                    std::hint::black_box(p.flt_peripheral_id());
                }
            }
            _ => {}
        }
        let n = m.encode(Version::V15, &mut out).expect("room");
        assert_eq!(n, m.encoded_len(Version::V15));
        assert_eq!(&out[..n], &rest[..n]);
        rest = &rest[n..];
        seen += 1;
    }
    assert!(rest.is_empty());
    seen
}

fn floating_of<'a>(m: &Message<'a>) -> Option<cti_proto::wire::Floating<'a>> {
    Some(match m {
        Message::AgentStateEvent(e) => e.floating,
        Message::BeginCallEvent(e) => e.floating,
        Message::CallDataUpdateEvent(e) => e.floating,
        Message::EndCallEvent(e) => e.floating,
        Message::SystemEvent(e) => e.floating,
        Message::OpenReq(e) => e.floating,
        Message::OpenConf(e) => e.floating,
        Message::ClientEventReportReq(e) => e.floating,
        _ => return None,
    })
}

#[test]
fn decoding_and_encoding_do_not_allocate() {
    let captures = captures();
    let (seen, n) = allocations(|| decode_and_encode(&captures));
    assert_eq!(seen, 6);
    assert_eq!(n, 0, "allocations while decoding and encoding the captures");

    let stream = bridge_stream();
    let (seen, n) = allocations(|| decode_and_encode(&stream));
    assert_eq!(
        n, 0,
        "allocations while decoding and encoding the bridge stream"
    );
    assert!(stream.is_empty() || seen == 29_292, "{seen} messages");
}

#[test]
fn malformed_input_does_not_allocate() {
    let mut bad = captures();
    // OPEN_REQ's ClientID (data at 54..66) no longer ends in NUL.
    assert_eq!(bad[65], 0);
    bad[65] = b'x';
    let (r, n) = allocations(|| Decoder::default().decode(&bad).map(|_| ()));
    assert!(r.is_err());
    assert_eq!(n, 0);
}

/// A real v15 OPEN_CONF (spec §9) answering InvokeID 1, without floating fields.
const OPEN_CONF: [u8; 34] = [
    0x00, 0x00, 0x00, 0x1a, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x57, 0x46, 0xcc, 0x1e, 0x00, 0x01, 0x00, 0x11,
    0x00, 0x09,
];

/// OPEN_REQ → OPEN_CONF → events → heartbeat and its CONF → a request and its CONF →
/// CLOSE_REQ → CLOSE_CONF, with every output drained after every input.
fn session_life(events: &[u8]) -> (usize, State) {
    let mut config = Config::new("bridge", b"secret");
    config.heartbeat_interval = Some(Duration::from_secs(5));
    let mut now = Instant::from_secs(1);
    let mut session = Session::new(&config, now).expect("valid config");
    let mut handed_out = 0;
    let mut wire = [0u8; 64];

    let drain = |s: &mut Session, handed_out: &mut usize| -> Option<[u8; 4]> {
        let mut invoke = None;
        if let Some(t) = s.poll_transmit() {
            let mut id = [0u8; 4];
            id.copy_from_slice(&t[8..12]);
            invoke = Some(id);
            let n = t.len();
            s.advance_transmit(n);
        }
        while let Some(ev) = s.poll_event() {
            std::hint::black_box(&ev);
            *handed_out += 1;
        }
        std::hint::black_box(s.poll_timeout());
        invoke
    };

    drain(&mut session, &mut handed_out);
    let _ = session.handle_receive(now, &OPEN_CONF);
    drain(&mut session, &mut handed_out);
    assert_eq!(session.state(), State::Open);

    let mut rest = events;
    while !rest.is_empty() {
        let n = session.handle_receive(now, rest);
        rest = &rest[n..];
        drain(&mut session, &mut handed_out);
    }

    // A heartbeat falls due and is confirmed.
    now = now + Duration::from_secs(5);
    session.handle_timeout(now);
    let id = drain(&mut session, &mut handed_out).expect("HEARTBEAT_REQ");
    wire[..8].copy_from_slice(&[0, 0, 0, 4, 0, 0, 0, 6]);
    wire[8..12].copy_from_slice(&id);
    let _ = session.handle_receive(now, &wire[..12]);
    drain(&mut session, &mut handed_out);
    assert_eq!(session.unconfirmed_heartbeats(), 0);

    // A request and its confirmation.
    let mut buf = [0u8; 64];
    let mut w = FloatingWriter::new(&mut buf, Version::V15);
    w.put(tag::TEXT, Str::from("1")).expect("room");
    let req = ClientEventReportReq {
        invoke_id: InvokeId(0),
        state: ClientEventReportState::NORMAL,
        floating: w.finish(),
    };
    let invoke = session.send(now, &req).expect("sent");
    drain(&mut session, &mut handed_out);
    wire[..8].copy_from_slice(&[0, 0, 0, 4, 0, 0, 0, 33]);
    wire[8..12].copy_from_slice(&invoke.0.to_be_bytes());
    let _ = session.handle_receive(now, &wire[..12]);
    let mut completed = false;
    while let Some(ev) = session.poll_event() {
        completed |= matches!(ev, Event::Completed { .. });
        handed_out += 1;
    }
    assert!(completed);

    // Close.
    session.close(now, StatusCode::NO_ERROR).expect("open");
    let id = drain(&mut session, &mut handed_out).expect("CLOSE_REQ");
    wire[..8].copy_from_slice(&[0, 0, 0, 4, 0, 0, 0, 8]);
    wire[8..12].copy_from_slice(&id);
    let _ = session.handle_receive(now, &wire[..12]);
    drain(&mut session, &mut handed_out);
    (handed_out, session.state())
}

#[test]
fn a_whole_client_session_does_not_allocate() {
    // The inputs are prepared outside the counted region; the session's life uses only the
    // stack. Events: the bridge stream when it is there, less its HEARTBEAT_CONFs (this session
    // sent no such heartbeats); else the SYSTEM_EVENT capture.
    let stream = bridge_stream();
    let mut events = Vec::new();
    let mut count = 0;
    let decoder = Decoder::default();
    let mut rest = &stream[..];
    while let Ok(cti_proto::wire::Status::Complete(f)) = decoder.frame(rest) {
        let (frame, tail) = rest.split_at(f.total_len());
        if f.header.message_type != cti_proto::wire::MessageType::HEARTBEAT_CONF {
            events.extend_from_slice(frame);
            count += 1;
        }
        rest = tail;
    }
    if events.is_empty() {
        events =
            hex("0000001a 0000001f 00000004 5746cc1e 00000003 00001388 00000000 00000000 ffff");
        count = 1;
    }
    let ((handed_out, state), n) = allocations(|| session_life(&events));
    assert_eq!(state, State::Closed);
    // Opened, every event, Completed and Closed at least (the heartbeat's CONF is not an event).
    assert!(
        handed_out >= count + 3,
        "{handed_out} events for {count} messages"
    );
    assert_eq!(n, 0, "allocations during a session's life");
}
