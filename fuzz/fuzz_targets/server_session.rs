//! Drives a `ServerSession` with an arbitrary sequence of inputs and commands read from the
//! fuzzer's bytes, and checks its invariants after every step:
//! - no panic, and `handle_receive` never claims more bytes than offered;
//! - `Failed` comes at most once, and nothing follows `Failed` or `Closed`;
//! - with drained outputs, after `handle_timeout(now)` the next deadline is later than `now`;
//! - a terminal session has no deadline, no output, and refuses commands.

#![no_main]

use cti_proto::server::{ServerConfig, ServerEvent, ServerSession};
use cti_proto::wire::codes::{StatusCode, SystemEventId};
use cti_proto::Instant;
use libfuzzer_sys::fuzz_target;

mod input;
use input::Bytes;

/// A whole message of `message_type` with `body`.
fn message(message_type: u32, body: &[u8]) -> Vec<u8> {
    let mut m = (body.len() as u32).to_be_bytes().to_vec();
    m.extend_from_slice(&message_type.to_be_bytes());
    m.extend_from_slice(body);
    m
}

/// OPEN_REQ with the given version, IdleTimeout and one varied field, ClientID and password.
fn open_req(version: u32, idle: u32, vary: u8) -> Vec<u8> {
    let mut b = Vec::new();
    let reserved = if vary & 1 == 1 { 1u32 } else { 0 };
    let services = if vary & 2 == 2 { 0x4000u32 } else { 0x10 };
    for w in [
        1,
        version,
        idle,
        0xFFFF_FFFF,
        services,
        0,
        0,
        0,
        reserved,
        0,
        0,
    ] {
        b.extend_from_slice(&w.to_be_bytes());
    }
    if vary & 4 == 0 {
        b.extend_from_slice(&[1, 5, b'f', b'u', b'z', b'z', 0, 2, 0]);
    }
    message(3, &b)
}

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let config = ServerConfig::default()
        .with_stop_heartbeats_after(input.byte().map(|b| u32::from(b % 4)).filter(|n| *n < 3));
    let mut s: ServerSession<256, 1024> =
        ServerSession::with_buffers(config, Instant::ZERO).expect("valid config");
    let mut now = 0u64;
    let mut ended = false;
    while let Some(op) = input.byte() {
        let t = Instant::from_millis(now);
        let arg = input.byte().unwrap_or(0);
        let id = u32::from(arg);
        let bytes = match op % 12 {
            0 => Some(input.take(usize::from(arg)).to_vec()),
            1 => Some(open_req(
                14 + u32::from(arg % 3),
                15 + u32::from(arg % 8),
                arg >> 3,
            )),
            2 => Some(message(5, &id.to_be_bytes())), // HEARTBEAT_REQ
            3 => Some(message(7, &[0, 0, 0, 9, 0, 0, 0, arg % 20])), // CLOSE_REQ
            4 => Some(message(
                36,
                &[0, 0, 0, arg, 0, 0, 0x13, 0x88, 0, 0, 0, 0, 0, 0, 0, 0],
            )),
            5 => Some(message(
                u32::from(arg) * 3,
                input.take(usize::from(arg % 16)),
            )),
            6 => {
                now += u64::from(arg) * 250;
                None
            }
            7 => {
                s.handle_timeout(t);
                None
            }
            8 => {
                s.handle_eof(t);
                None
            }
            9 => {
                let r = s.send_system_event(t, SystemEventId::TEXT_FYI, [id, 0, 0], Some("fuzz"));
                assert!(!(ended && r.is_ok()), "command accepted after the end");
                None
            }
            10 => {
                let r = s.send_failure_event(t, StatusCode::CTI_SERVER_OFFLINE);
                assert!(!(ended && r.is_ok()), "command accepted after the end");
                None
            }
            _ => {
                // Partial write.
                if let Some(b) = s.poll_transmit() {
                    let n = b.len().min(usize::from(arg));
                    s.advance_transmit(n);
                }
                None
            }
        };
        if let Some(b) = bytes {
            let mut at = 0;
            for _ in 0..64 {
                let n = s.handle_receive(t, &b[at..]);
                assert!(n <= b.len() - at, "took more than offered");
                at += n;
                if at == b.len() {
                    break;
                }
                drain(&mut s, &mut ended);
                if s.poll_timeout() == Some(t) {
                    s.handle_timeout(t);
                }
            }
        }
        drain(&mut s, &mut ended);
        if ended {
            assert!(s.is_terminal());
            assert_eq!(s.poll_timeout(), None);
        }
        s.handle_timeout(t);
        drain(&mut s, &mut ended);
        if let Some(next) = s.poll_timeout() {
            assert!(next > t, "deadline {next:?} not after {t:?}");
        }
    }
});

/// Writes out everything and drains the events, checking their order.
fn drain(s: &mut ServerSession<256, 1024>, ended: &mut bool) {
    while let Some(b) = s.poll_transmit() {
        assert!(!*ended, "bytes to send after the end");
        let n = b.len();
        s.advance_transmit(n);
    }
    while let Some(e) = s.poll_event() {
        assert!(!*ended, "event after the end: {e:?}");
        if matches!(e, ServerEvent::Failed(_) | ServerEvent::Closed { .. }) {
            *ended = true;
        }
    }
}
