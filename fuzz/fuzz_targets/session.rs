//! Drives a client `Session` with an arbitrary sequence of inputs and commands read from the
//! fuzzer's bytes, and checks the session's invariants after every step:
//! - no panic, and `handle_receive` never claims more bytes than offered;
//! - `SessionFailed` / `Closed` comes at most once and nothing follows it;
//! - after `handle_timeout(now)` the next deadline is later than `now`;
//! - a terminal session has no deadline and refuses commands.

#![no_main]

use core::time::Duration;
use cti_proto::client::{Config, Event, Session};
use cti_proto::wire::codes::StatusCode;
use cti_proto::wire::session::ClientEventReportReq;
use cti_proto::wire::{Floating, InvokeId, Message};
use cti_proto::Instant;
use libfuzzer_sys::fuzz_target;

mod input;
use input::Bytes;

/// A whole message with a 4-byte body (an InvokeID or a status), for the types the session
/// reacts to: FAILURE_CONF needs 8, the others 4.
fn message(message_type: u32, word: u32, extra: Option<u32>) -> Vec<u8> {
    let mut m = Vec::with_capacity(16);
    let len: u32 = if extra.is_some() { 8 } else { 4 };
    m.extend_from_slice(&len.to_be_bytes());
    m.extend_from_slice(&message_type.to_be_bytes());
    m.extend_from_slice(&word.to_be_bytes());
    if let Some(x) = extra {
        m.extend_from_slice(&x.to_be_bytes());
    }
    m
}

fn open_conf(id: u32) -> Vec<u8> {
    let mut m = vec![0, 0, 0, 26, 0, 0, 0, 4];
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&[0; 22]);
    m
}

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let heartbeat = input.byte().unwrap_or(0) % 2 == 1;
    let config = Config::new("fuzz", b"")
        .with_heartbeat_interval(heartbeat.then_some(Duration::from_secs(5)));
    let mut s: Session<512, 512, 4> =
        Session::with_buffers(&config, Instant::ZERO).expect("valid config");
    let request = Message::ClientEventReportReq(ClientEventReportReq {
        invoke_id: InvokeId(0),
        state: 0.into(),
        floating: Floating::EMPTY,
    });
    let mut now = 0u64;
    let mut ended = false;
    while let Some(op) = input.byte() {
        let t = Instant::from_millis(now);
        let arg = input.byte().unwrap_or(0);
        let small = u32::from(arg % 8);
        let bytes = match op % 12 {
            0 => Some(input.take(usize::from(arg)).to_vec()),
            1 => Some(open_conf(small)),
            2 => Some(message(6, small, None)), // HEARTBEAT_CONF
            3 => Some(message(1, small, Some(u32::from(arg >> 3)))), // FAILURE_CONF
            4 => Some(message(2, u32::from(arg % 20), None)), // FAILURE_EVENT
            5 => Some(message(8, small, None)), // CLOSE_CONF
            6 => Some(message(33, small, None)), // CLIENT_EVENT_REPORT_CONF
            _ => None,
        };
        match (op % 12, bytes) {
            (_, Some(b)) => {
                let took = s.handle_receive(t, &b);
                assert!(took <= b.len());
            }
            (7, None) => now += u64::from(arg) * 250,
            (8, None) => {
                s.handle_timeout(t);
                if let Some(next) = s.poll_timeout() {
                    assert!(next > s.now(), "deadline {next:?} not after {:?}", s.now());
                }
            }
            (9, None) => {
                let _ = s.send(t, &request);
            }
            (10, None) => {
                if arg % 4 == 0 {
                    s.handle_eof(t);
                } else {
                    let _ = s.close(t, StatusCode(u32::from(arg)));
                }
            }
            _ => s.advance_transmit(usize::from(arg)),
        }
        if s.is_terminal() {
            assert!(s.poll_timeout().is_none());
            assert!(s.send(t, &request).is_err());
            assert!(s.close(t, StatusCode::NO_ERROR).is_err());
        }
        // Drain only sometimes, so messages pile up in the receive buffer.
        if arg % 3 != 0 {
            while let Some(e) = s.poll_event() {
                assert!(!ended, "event after the end: {e:?}");
                ended = matches!(e, Event::SessionFailed(_) | Event::Closed);
            }
        }
    }
    while let Some(e) = s.poll_event() {
        assert!(!ended, "event after the end: {e:?}");
        ended = matches!(e, Event::SessionFailed(_) | Event::Closed);
    }
    assert_eq!(ended, s.is_terminal());
});
