//! Client session benchmarks. `cargo bench --bench session`.
//!
//! - `session_step`: an open session receives one event of the bridge stream
//!   (`../shared/bench/stream.bin` or `CTI_BENCH_STREAM=FILE`; every message but its
//!   HEARTBEAT_CONFs, which answer heartbeats this session never sent) and its outputs are
//!   drained: `poll_event` until `None`, `poll_transmit`, `poll_timeout`. One item is one step.
//! - `heartbeat_round_100k`: 100 000 open sessions with a 5 s heartbeat interval; a round
//!   advances the clock one interval and, for every session, handles the timeout, writes out the
//!   HEARTBEAT_REQ it queued, receives the server's HEARTBEAT_CONF and drains the events. One
//!   item is one session's heartbeat.

#[path = "common/stream.rs"]
mod stream;

use cti_proto::client::{Config, Event, Session, State};
use cti_proto::wire::{Decoder, MessageType, Status};
use cti_proto::Instant;
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use std::time::Duration;

fn main() {
    divan::main();
}

/// A real v15 OPEN_CONF (spec §9) answering InvokeID 1, without floating fields.
const OPEN_CONF: [u8; 34] = [
    0x00, 0x00, 0x00, 0x1a, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x57, 0x46, 0xcc, 0x1e, 0x00, 0x01, 0x00, 0x11,
    0x00, 0x09,
];

/// Sessions in the heartbeat benchmark.
const SESSIONS: usize = 100_000;
/// A small session: a receive buffer for the stream's largest message, room for OPEN_REQ and
/// the heartbeats, four requests outstanding. 100 000 of the default size would take 2 GB.
type SmallSession = Session<1024, 512, 4>;

/// A session that has sent OPEN_REQ and received OPEN_CONF at `now`.
fn open_session<const RX: usize, const TX: usize, const P: usize>(
    config: &Config<'_>,
    now: Instant,
) -> Session<RX, TX, P> {
    let mut s = Session::with_buffers(config, now).expect("valid config");
    let n = s.poll_transmit().map_or(0, <[u8]>::len);
    s.advance_transmit(n);
    assert_eq!(s.handle_receive(now, &OPEN_CONF), OPEN_CONF.len());
    while s.poll_event().is_some() {}
    assert_eq!(s.state(), State::Open);
    s
}

#[divan::bench]
fn session_step(bencher: Bencher) {
    let stream = stream::read();
    // The stream's events, one frame each.
    let mut events: Vec<&[u8]> = Vec::new();
    let mut rest = &stream[..];
    while let Ok(Status::Complete(f)) = Decoder::default().frame(rest) {
        let (frame, tail) = rest.split_at(f.total_len());
        if f.header.message_type != MessageType::HEARTBEAT_CONF {
            events.push(frame);
        }
        rest = tail;
    }
    let bytes: usize = events.iter().map(|e| e.len()).sum();
    let config = Config::new("bench", b"");
    let now = Instant::from_secs(1);
    let mut session: Session = open_session(&config, now);
    bencher
        .counter(ItemsCount::new(events.len()))
        .counter(BytesCount::new(bytes))
        .bench_local(|| {
            let mut handed_out = 0usize;
            for e in &events {
                let taken = session.handle_receive(now, black_box(e));
                debug_assert_eq!(taken, e.len());
                while let Some(ev) = session.poll_event() {
                    handed_out += matches!(ev, Event::Message(_)) as usize;
                    black_box(&ev);
                }
                black_box(session.poll_transmit());
                black_box(session.poll_timeout());
            }
            assert_eq!(handed_out, events.len());
        });
}

#[divan::bench]
fn heartbeat_round_100k(bencher: Bencher) {
    let interval = Duration::from_secs(5);
    let mut config = Config::new("bench", b"");
    config.heartbeat_interval = Some(interval);
    let mut now = Instant::from_secs(1);
    let mut sessions: Vec<SmallSession> =
        (0..SESSIONS).map(|_| open_session(&config, now)).collect();
    bencher.counter(ItemsCount::new(SESSIONS)).bench_local(|| {
        now = now + interval;
        for s in sessions.iter_mut() {
            debug_assert_eq!(s.poll_timeout(), Some(now));
            s.handle_timeout(now);
            // The HEARTBEAT_REQ just queued: its InvokeID goes back in the CONF.
            let mut conf = [0, 0, 0, 4, 0, 0, 0, 6, 0, 0, 0, 0];
            let req = s.poll_transmit().expect("heartbeat queued");
            conf[8..].copy_from_slice(&req[8..12]);
            let n = req.len();
            s.advance_transmit(n);
            let _ = s.handle_receive(now, &conf);
            while let Some(ev) = s.poll_event() {
                black_box(&ev);
            }
            black_box(s.poll_timeout());
        }
    });
    assert!(sessions.iter().all(|s| s.state() == State::Open));
}
