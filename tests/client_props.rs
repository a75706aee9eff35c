//! Properties of the client session, checked with quickcheck on arbitrary inputs (with real
//! shrinking, so a failure is reported as a minimal sequence):
//! - the session ends at most once, with `SessionFailed` or `Closed` as its last event;
//! - after `handle_timeout(now)` the next deadline is later than `now`;
//! - a server that answers heartbeats in time never causes a heartbeat failure;
//! - events do not depend on how the received bytes are split;
//! - every request completes at most once, and, unless cancelled or the session ended, exactly
//!   once by its deadline.

mod client_common;

use std::time::Duration;

use client_common::*;
use cti_proto::client::{Session, State};
use cti_proto::wire::codes::StatusCode;
use cti_proto::wire::InvokeId;
use cti_proto::Instant;
use quickcheck::{Arbitrary, Gen, TestResult};
use quickcheck_macros::quickcheck;

/// Something the server may send. InvokeIDs are small so they often match the client's.
#[derive(Clone, Debug)]
enum Chunk {
    OpenConf(u8),
    HeartbeatConf(u8),
    FailureConf(u8, bool),
    CloseConf(u8),
    FailureEvent(bool),
    SystemEvent,
    Unknown,
    ReportConf(u8),
    ControlFailureConf(u8),
    /// Any bytes at all.
    Garbage(Vec<u8>),
}

impl Chunk {
    fn bytes(&self) -> Vec<u8> {
        let status = |offline: bool| {
            if offline {
                StatusCode::CTI_SERVER_OFFLINE
            } else {
                StatusCode::INVALID_PASSWORD
            }
        };
        match *self {
            Chunk::OpenConf(id) => open_conf(id.into()),
            Chunk::HeartbeatConf(id) => heartbeat_conf(id.into()),
            Chunk::FailureConf(id, offline) => failure_conf(id.into(), status(offline)),
            Chunk::CloseConf(id) => close_conf(id.into()),
            Chunk::FailureEvent(offline) => failure_event(status(offline)),
            Chunk::SystemEvent => system_event(),
            Chunk::Unknown => unknown_message(),
            Chunk::ReportConf(id) => report_conf(id.into()),
            Chunk::ControlFailureConf(id) => control_failure_conf(id.into(), 1, 2),
            Chunk::Garbage(ref b) => b.clone(),
        }
    }
}

impl Arbitrary for Chunk {
    fn arbitrary(g: &mut Gen) -> Self {
        let id = u8::arbitrary(g) % 12;
        match u8::arbitrary(g) % 10 {
            0 => Chunk::OpenConf(id),
            1 => Chunk::HeartbeatConf(id),
            2 => Chunk::FailureConf(id, bool::arbitrary(g)),
            3 => Chunk::CloseConf(id),
            4 => Chunk::FailureEvent(bool::arbitrary(g)),
            5 => Chunk::SystemEvent,
            6 => Chunk::Unknown,
            7 => Chunk::ReportConf(id),
            8 => Chunk::ControlFailureConf(id),
            _ => Chunk::Garbage(Vec::arbitrary(g)),
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        match self {
            Chunk::Garbage(b) => Box::new(b.shrink().map(Chunk::Garbage)),
            Chunk::SystemEvent => Box::new(std::iter::empty()),
            _ => Box::new(std::iter::once(Chunk::SystemEvent)),
        }
    }
}

/// One step of a caller driving the session.
#[derive(Clone, Debug)]
enum Op {
    Receive(Chunk),
    /// Advance the clock by this many tenths of a second (backwards when negative: clamped).
    Advance(i16),
    Timeout,
    Eof,
    Send,
    /// Cancel the request sent this many sends ago.
    Cancel(u8),
    Close,
    /// Write out this many transmit bytes.
    Transmit(u8),
    Drain,
}

impl Arbitrary for Op {
    fn arbitrary(g: &mut Gen) -> Self {
        match u8::arbitrary(g) % 16 {
            0..=5 => Op::Receive(Chunk::arbitrary(g)),
            6..=8 => Op::Advance(i16::arbitrary(g) % 400),
            9 => Op::Timeout,
            10 => Op::Eof,
            11 => Op::Send,
            12 => {
                if bool::arbitrary(g) {
                    Op::Send
                } else {
                    Op::Cancel(u8::arbitrary(g) % 4)
                }
            }
            13 => Op::Close,
            14 => Op::Transmit(u8::arbitrary(g)),
            _ => Op::Drain,
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        match self {
            Op::Receive(c) => Box::new(c.shrink().map(Op::Receive)),
            Op::Advance(d) => Box::new(d.shrink().map(Op::Advance)),
            Op::Transmit(n) => Box::new(n.shrink().map(Op::Transmit)),
            Op::Cancel(n) => Box::new(n.shrink().map(Op::Cancel)),
            Op::Timeout => Box::new(std::iter::empty()),
            _ => Box::new(std::iter::once(Op::Timeout)),
        }
    }
}

/// Drains events, checking that nothing follows the end (`SessionFailed` or `Closed`).
fn drain<const RX: usize, const TX: usize, const P: usize>(
    s: &mut Session<RX, TX, P>,
    events: &mut Vec<String>,
    ended: &mut bool,
) -> Result<(), String> {
    while let Some(e) = s.poll_event() {
        let d = describe(&e);
        if *ended {
            return Err(format!("{d} after the end; before: {events:?}"));
        }
        *ended = d.starts_with("failed") || d == "closed";
        events.push(d);
    }
    Ok(())
}

/// Checks the invariants while running `ops`; returns a description of the first violation.
fn check_ops(ops: &[Op], heartbeat: bool, drain_always: bool) -> Result<(), String> {
    check_ops_from(ops, heartbeat, drain_always, false)
}

/// [`check_ops`], from an open session if `open_first`.
fn check_ops_from(
    ops: &[Op],
    heartbeat: bool,
    drain_always: bool,
    open_first: bool,
) -> Result<(), String> {
    let config = sim_config(heartbeat.then_some(5)).with_request_timeout(Duration::from_secs(3));
    let mut s: Session<2_048, 1_024, 4> = Session::with_buffers(&config, Instant::ZERO).unwrap();
    let mut now = 0i64;
    let mut ended = false;
    let mut events = Vec::new();
    // InvokeIDs returned by `send`, and those cancelled.
    let mut sent: Vec<u32> = Vec::new();
    let mut cancelled: Vec<u32> = Vec::new();
    if open_first {
        let conf = open_conf(1);
        if s.handle_receive(Instant::ZERO, &conf) != conf.len() || s.state() != State::Open {
            return Err("OPEN_CONF did not open".into());
        }
    }
    for op in ops {
        let t = Instant::from_millis(now as u64);
        match op {
            Op::Receive(c) => {
                let b = c.bytes();
                let took = s.handle_receive(t, &b);
                if took > b.len() {
                    return Err(format!("took {took} of {}", b.len()));
                }
            }
            Op::Advance(d) => now = (now + i64::from(*d) * 100).max(0),
            Op::Timeout => {
                s.handle_timeout(t);
                let seen = s.now();
                if let Some(next) = s.poll_timeout() {
                    if next <= seen {
                        return Err(format!("deadline {next:?} not after {seen:?}"));
                    }
                }
            }
            Op::Eof => s.handle_eof(t),
            Op::Send => {
                let r = s.send(t, &report_req());
                if r.is_ok() != (s.state() == State::Open) && r.is_ok() {
                    return Err("sent while not open".into());
                }
                if let Ok(id) = r {
                    sent.push(id.0);
                }
            }
            Op::Cancel(back) => {
                if let Some(&id) = sent.iter().rev().nth(usize::from(*back)) {
                    if s.cancel(t, InvokeId(id)) {
                        cancelled.push(id);
                    }
                }
            }
            Op::Close => {
                let _ = s.close(t, StatusCode::NO_ERROR);
            }
            Op::Transmit(n) => s.advance_transmit(usize::from(*n)),
            Op::Drain => {}
        }
        if s.is_terminal() {
            if s.poll_timeout().is_some() {
                return Err("terminal session with a deadline".into());
            }
            if s.send(t, &report_req()).is_ok() || s.close(t, StatusCode::NO_ERROR).is_ok() {
                return Err("command accepted after the end".into());
            }
        }
        if drain_always || matches!(op, Op::Drain) {
            drain(&mut s, &mut events, &mut ended)?;
        }
    }
    drain(&mut s, &mut events, &mut ended)?;
    if ended != s.is_terminal() {
        return Err(format!("ended {ended} but state {:?}", s.state()));
    }
    // Past every request deadline: each request sent and not cancelled has completed, unless
    // the session ended first.
    // The session's clock, which ignores the steps back the test's clock may take.
    let later = s.now() + Duration::from_millis(3_001);
    s.handle_timeout(later);
    drain(&mut s, &mut events, &mut ended)?;
    let mut completed: Vec<u32> = events
        .iter()
        .filter_map(|e| e.strip_prefix("completed "))
        .filter_map(|e| e.split(' ').next()?.parse().ok())
        .collect();
    if let Some(id) = completed.iter().find(|id| !sent.contains(id)) {
        return Err(format!("completed {id}, never sent; {events:?}"));
    }
    completed.sort_unstable();
    if completed.windows(2).any(|w| w[0] == w[1]) {
        return Err(format!("a request completed twice: {events:?}"));
    }
    if !ended {
        let missing: Vec<_> = sent
            .iter()
            .filter(|id| !cancelled.contains(id) && completed.binary_search(id).is_err())
            .collect();
        if !missing.is_empty() {
            return Err(format!("{missing:?} never completed; {events:?}"));
        }
        if s.pending_requests() != 0 {
            return Err(format!("{} still pending", s.pending_requests()));
        }
    }
    Ok(())
}

#[quickcheck]
fn the_end_comes_at_most_once_and_last(ops: Vec<Op>, heartbeat: bool) -> TestResult {
    match check_ops(&ops, heartbeat, true) {
        Ok(()) => TestResult::passed(),
        Err(e) => TestResult::error(e),
    }
}

#[quickcheck]
fn invariants_hold_when_events_are_drained_late(ops: Vec<Op>, heartbeat: bool) -> TestResult {
    match check_ops(&ops, heartbeat, false) {
        Ok(()) => TestResult::passed(),
        Err(e) => TestResult::error(e),
    }
}

#[quickcheck]
fn every_request_completes_once_by_its_deadline(ops: Vec<Op>, heartbeat: bool) -> TestResult {
    match check_ops_from(&ops, heartbeat, false, true) {
        Ok(()) => TestResult::passed(),
        Err(e) => TestResult::error(e),
    }
}

#[quickcheck]
fn a_server_answering_in_time_never_causes_a_heartbeat_failure(
    interval: u8,
    delay: u16,
    chunk: u8,
    sends: Vec<u16>,
) -> bool {
    // Interval 5..=68 s; every HEARTBEAT_CONF arrives within three intervals.
    let hb = 5 + u64::from(interval % 64);
    let delay = Duration::from_millis(u64::from(delay) * 1000 * 3 * hb / 65_536);
    let faults = Faults {
        delay,
        delay_only: Some(6),
        chunk: usize::from(chunk % 9),
        ..Faults::default()
    };
    let mut s: Sim = Sim::new(&sim_config(Some(hb)), Server::default(), faults);
    let mut times: Vec<u64> = sends.iter().map(|&t| u64::from(t) * 20).collect();
    times.sort_unstable();
    for t in times {
        s.run_until(Instant::from_millis(t));
        let _ = s.send(&report_req());
    }
    s.run_until(Instant::from_secs(hb * 20 + 1400));
    s.client.state() == State::Open && s.events.iter().all(|(_, e)| !e.starts_with("failed"))
}

/// Feeds `bytes` in pieces of the given sizes (cycled), re-offering what was not taken;
/// returns every event and the bytes the client wrote.
fn feed(bytes: &[u8], sizes: &[u8]) -> (Vec<String>, Vec<u8>, State) {
    let config = sim_config(Some(5));
    let mut s: Session<256, 1_024, 4> = Session::with_buffers(&config, Instant::ZERO).unwrap();
    let mut events = Vec::new();
    let mut written = Vec::new();
    let mut drain = |s: &mut Session<256, 1_024, 4>, events: &mut Vec<String>| {
        while let Some(e) = s.poll_event() {
            events.push(describe(&e));
        }
        if let Some(tx) = s.poll_transmit() {
            written.extend_from_slice(tx);
            let n = tx.len();
            s.advance_transmit(n);
        }
    };
    drain(&mut s, &mut events);
    let mut rest = bytes;
    let mut i = 0;
    while !rest.is_empty() {
        let size = match sizes {
            [] => rest.len(),
            _ => usize::from(sizes[i % sizes.len()]).max(1),
        };
        i += 1;
        let mut piece = &rest[..size.min(rest.len())];
        rest = &rest[piece.len()..];
        while !piece.is_empty() {
            let n = s.handle_receive(Instant::ZERO, piece);
            piece = &piece[n..];
            drain(&mut s, &mut events);
        }
    }
    drain(&mut s, &mut events);
    (events, written, s.state())
}

#[quickcheck]
fn events_do_not_depend_on_how_bytes_are_split(chunks: Vec<Chunk>, sizes: Vec<u8>) -> TestResult {
    let mut stream = open_conf(1);
    for c in &chunks {
        stream.extend(c.bytes());
    }
    let whole = feed(&stream, &[]);
    let split = feed(&stream, &sizes);
    let bytewise = feed(&stream, &[1]);
    // Events, the final state and what the client writes are the same however the bytes are
    // split.
    let same = |other: &(Vec<String>, Vec<u8>, State)| *other == whole;
    if !same(&split) || !same(&bytewise) {
        return TestResult::error(format!(
            "whole {whole:?}\nsplit {split:?}\nbyte by byte {bytewise:?}"
        ));
    }
    TestResult::passed()
}

/// A start time: anywhere, but often within a few minutes of the end of the timeline.
#[derive(Clone, Copy, Debug)]
struct Start(u64);

impl Arbitrary for Start {
    fn arbitrary(g: &mut Gen) -> Self {
        let x = u64::arbitrary(g);
        Start(match x % 3 {
            0 => x,
            1 => u64::MAX - (x >> 2) % 300_000,
            _ => (x >> 2) % 300_000,
        })
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        Box::new(self.0.shrink().map(Start))
    }
}

/// HEARTBEAT_REQs (type 5) in `bytes`.
fn heartbeat_reqs(bytes: &[u8]) -> usize {
    cti_proto::wire::Decoder::default()
        .messages(bytes)
        .filter(|m| matches!(m, Ok(m) if m.message_type().0 == 5))
        .count()
}

/// A silent server, at any point of the timeline (the end of `Instant` included): every
/// `handle_timeout` sends at most one HEARTBEAT_REQ, however late; the session fails only once
/// three are unconfirmed, and it does fail wherever the timeline leaves room for four
/// intervals. Where it does not, a deadline past the end is never reached: no burst, no
/// failure at once.
#[quickcheck]
fn one_heartbeat_per_timeout_anywhere_on_the_timeline(start: Start, steps: Vec<u16>) -> TestResult {
    let config = sim_config(Some(5));
    let start = Instant::from_millis(start.0);
    let mut s = Session::new(&config, start).unwrap();
    let open_req = s.poll_transmit().unwrap().to_vec();
    s.advance_transmit(open_req.len());
    let id = u32::from_be_bytes(open_req[8..12].try_into().unwrap());
    let conf = open_conf(id);
    assert_eq!(s.handle_receive(start, &conf), conf.len());
    while s.poll_event().is_some() {}
    if s.state() != State::Open {
        // Only at the very end of the timeline, where the open timer cannot be armed.
        return TestResult::error(format!("not open at {start:?}: {:?}", s.state()));
    }
    let mut now = start;
    let mut sent = 0;
    let mut step_to =
        |now: Instant, step: Duration, s: &mut Session| -> Result<Option<bool>, String> {
            s.handle_timeout(now + step);
            let mut out = Vec::new();
            while let Some(t) = s.poll_transmit() {
                out.extend_from_slice(t);
                let n = t.len();
                s.advance_transmit(n);
            }
            let n = heartbeat_reqs(&out);
            if n > 1 {
                return Err(format!("{n} HEARTBEAT_REQs at {:?}", now + step));
            }
            sent += n;
            while let Some(e) = s.poll_event() {
                if let cti_proto::client::Event::SessionFailed(r) = e {
                    if r != cti_proto::client::FailureReason::HeartbeatTimeout || sent < 4 - 1 {
                        return Err(format!("{r:?} after {sent} heartbeats"));
                    }
                    return Ok(Some(true));
                }
            }
            Ok(None)
        };
    for &ms in &steps {
        let step = Duration::from_millis(u64::from(ms) * 10);
        match step_to(now, step, &mut s) {
            Err(e) => return TestResult::error(e),
            Ok(Some(_)) => return TestResult::passed(),
            Ok(None) => now = now + step,
        }
    }
    // Then a minute at a time: the failure must come, unless the timeline ends first.
    let room = u64::MAX - now.as_millis() > 20 * 60_000;
    let tail = if room {
        Duration::from_secs(60)
    } else {
        Duration::MAX
    };
    for _ in 0..10 {
        match step_to(now, tail, &mut s) {
            Err(e) => return TestResult::error(e),
            Ok(Some(_)) => return TestResult::passed(),
            Ok(None) => now = now + tail,
        }
    }
    if room {
        TestResult::error(format!("no failure by {now:?}"))
    } else {
        TestResult::passed()
    }
}
