//! Requests with deadlines: every request sent with `Session::send` completes exactly once,
//! answered or timed out, so a server that never answers cannot block the session; `cancel`
//! frees a slot at once; an answer that comes too late is an ordinary message.

mod client_common;

use std::time::Duration;

use client_common::*;
use cti_proto::client::{Config, Event, Outcome, SendError, Session};
use cti_proto::server::{ServerConfig, ServerSession};
use cti_proto::wire::{InvokeId, Message, MessageType};
use cti_proto::Instant;

/// An open session (OPEN_REQ written, OPEN_CONF handed out) of `PENDING` slots at time 0.
fn open<const PENDING: usize>(config: &Config<'_>) -> Session<12_500, 8_192, PENDING> {
    let mut s = Session::<12_500, 8_192, PENDING>::with_buffers(config, Instant::ZERO).unwrap();
    let n = s.poll_transmit().unwrap().len();
    s.advance_transmit(n);
    assert_eq!(s.handle_receive(Instant::ZERO, &open_conf(1)), 34);
    assert!(matches!(s.poll_event(), Some(Event::Opened(_))));
    assert!(s.poll_event().is_none());
    s
}

/// Every event as text, draining the session.
fn drain<const P: usize>(s: &mut Session<12_500, 8_192, P>) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(e) = s.poll_event() {
        out.push(describe(&e));
    }
    out
}

fn config(request_timeout: u64) -> Config<'static> {
    sim_config(None).with_request_timeout(Duration::from_secs(request_timeout))
}

#[test]
fn the_default_request_timeout_is_30_seconds() {
    assert_eq!(
        Config::new("x", b"").request_timeout,
        Duration::from_secs(30)
    );
    let mut s = open::<32>(&sim_config(None));
    assert_eq!(
        s.poll_timeout(),
        None,
        "no heartbeats, no requests: no timer"
    );
    let id = s.send(secs(2), &report_req()).unwrap();
    assert_eq!(s.poll_timeout(), Some(secs(32)));
    s.handle_timeout(ms(31_999));
    assert_eq!(drain(&mut s), Vec::<String>::new());
    s.handle_timeout(secs(32));
    assert_eq!(
        drain(&mut s),
        [format!(
            "completed {} CLIENT_EVENT_REPORT_REQ timed_out",
            id.0
        )]
    );
    assert_eq!(s.poll_timeout(), None);
}

#[test]
fn thirty_two_unanswered_requests_stop_blocking_send_after_the_timeout() {
    let mut s = open::<32>(&config(10));
    let ids: Vec<InvokeId> = (0..32)
        .map(|i| s.send(ms(1_000 + i), &report_req()).unwrap())
        .collect();
    assert_eq!(s.send(secs(2), &report_req()), Err(SendError::PendingFull));
    assert_eq!(s.pending_requests(), 32);
    // The first deadline: 10 s after the first send, to the millisecond.
    assert_eq!(s.poll_timeout(), Some(ms(11_000)));
    s.handle_timeout(ms(10_999));
    assert!(drain(&mut s).is_empty());
    assert_eq!(
        s.send(ms(10_999), &report_req()),
        Err(SendError::PendingFull)
    );

    s.handle_timeout(ms(11_000));
    assert_eq!(
        drain(&mut s),
        [format!(
            "completed {} CLIENT_EVENT_REPORT_REQ timed_out",
            ids[0].0
        )]
    );
    assert_eq!(s.pending_requests(), 31);
    assert_eq!(s.poll_timeout(), Some(ms(11_001)));
    // The slot is free: a new request fits.
    let again = s.send(ms(11_000), &report_req()).unwrap();
    assert_eq!(
        s.send(ms(11_000), &report_req()),
        Err(SendError::PendingFull)
    );

    // Handled late, every overdue request times out at once, oldest first.
    s.handle_timeout(secs(15));
    let expected: Vec<String> = ids[1..]
        .iter()
        .map(|id| format!("completed {} CLIENT_EVENT_REPORT_REQ timed_out", id.0))
        .collect();
    assert_eq!(drain(&mut s), expected);
    assert_eq!(s.pending_requests(), 1);
    assert_eq!(s.poll_timeout(), Some(ms(21_000)), "the one sent at 11 s");
    assert_eq!(s.stats().requests_timed_out, 32);
    assert!(s.send(secs(15), &report_req()).is_ok());
    assert_ne!(again, ids[0], "InvokeIDs keep counting");
}

#[test]
fn a_confirmation_after_the_timeout_is_a_plain_message() {
    let mut s = open::<4>(&config(5));
    let id = s.send(secs(1), &report_req()).unwrap();
    s.handle_timeout(secs(6));
    match s.poll_event() {
        Some(Event::Completed {
            invoke_id,
            request,
            outcome: Outcome::TimedOut,
        }) => {
            assert_eq!(invoke_id, id);
            assert_eq!(request, MessageType::CLIENT_EVENT_REPORT_REQ);
        }
        other => panic!("{other:?}"),
    }
    assert!(s.poll_event().is_none());
    assert_eq!(s.handle_receive(secs(7), &report_conf(id.0)), 12);
    match s.poll_event() {
        Some(Event::Message(Message::ClientEventReportConf(c))) => assert_eq!(c.invoke_id, id),
        other => panic!("{other:?}"),
    }
    assert!(s.poll_event().is_none());
}

#[test]
fn an_answer_in_time_completes_once_and_never_times_out() {
    let mut s = open::<4>(&config(5));
    let id = s.send(secs(1), &report_req()).unwrap();
    assert_eq!(s.handle_receive(ms(5_999), &report_conf(id.0)), 12);
    assert_eq!(s.poll_timeout(), None, "answered: no deadline left");
    s.handle_timeout(secs(100));
    assert_eq!(
        drain(&mut s),
        [format!(
            "completed {} CLIENT_EVENT_REPORT_REQ conf CLIENT_EVENT_REPORT_CONF",
            id.0
        )]
    );
}

#[test]
fn a_timeout_comes_after_what_was_received_before_it_and_before_what_came_after() {
    let mut s = open::<4>(&config(5));
    let id = s.send(secs(1), &report_req()).unwrap();
    assert_eq!(s.handle_receive(secs(2), &system_event()), 34);
    s.handle_timeout(secs(6));
    assert_eq!(s.handle_receive(secs(7), &unknown_message()), 11);
    assert_eq!(
        drain(&mut s),
        [
            "message SYSTEM_EVENT".to_string(),
            format!("completed {} CLIENT_EVENT_REPORT_REQ timed_out", id.0),
            "message UNKNOWN(9999)".to_string(),
        ]
    );
}

#[test]
fn cancel_frees_a_slot_and_the_late_answer_is_a_plain_message() {
    let mut s = open::<2>(&config(30));
    let a = s.send(secs(1), &report_req()).unwrap();
    let b = s.send(secs(1), &report_req()).unwrap();
    assert_eq!(s.send(secs(1), &report_req()), Err(SendError::PendingFull));
    assert!(s.cancel(secs(2), a));
    assert!(!s.cancel(secs(2), a), "already cancelled");
    assert!(!s.cancel(secs(2), InvokeId(999)), "never sent");
    assert_eq!(s.pending_requests(), 1);
    let c = s.send(secs(2), &report_req()).unwrap();
    assert_eq!(s.poll_timeout(), Some(secs(31)), "b's deadline");

    // The answer to `a` arrives anyway: nobody waits for it.
    assert_eq!(s.handle_receive(secs(3), &report_conf(a.0)), 12);
    // `b` is answered, then cancelled before its answer is handed out.
    assert_eq!(s.handle_receive(secs(3), &report_conf(b.0)), 12);
    assert!(s.cancel(secs(3), b));
    assert_eq!(
        drain(&mut s),
        [
            "message CLIENT_EVENT_REPORT_CONF",
            "message CLIENT_EVENT_REPORT_CONF"
        ]
    );
    assert_eq!(s.pending_requests(), 1);
    assert!(s.cancel(secs(4), c));
    assert_eq!(s.poll_timeout(), None, "nothing left to wait for");
}

#[test]
fn the_request_deadline_joins_the_other_timers() {
    let config = sim_config(Some(30)).with_request_timeout(Duration::from_secs(10));
    let mut s = open::<4>(&config);
    assert_eq!(s.poll_timeout(), Some(secs(30)), "the heartbeat");
    s.send(secs(5), &report_req()).unwrap();
    assert_eq!(s.poll_timeout(), Some(secs(15)), "the request comes first");
    s.handle_timeout(secs(15));
    assert_eq!(drain(&mut s).len(), 1);
    assert_eq!(
        s.poll_timeout(),
        Some(secs(35)),
        "the heartbeat, one interval after the request was sent"
    );
}

#[test]
fn a_zero_request_timeout_is_refused() {
    let c = Config::new("x", b"").with_request_timeout(Duration::ZERO);
    assert_eq!(
        Session::new(&c, Instant::ZERO).unwrap_err(),
        cti_proto::client::ConfigError::ZeroTimeout {
            field: "request_timeout"
        }
    );
}

#[test]
fn new_needs_no_type_annotation() {
    let config = Config::new("bridge-1", b"secret");
    let client = Session::new(&config, Instant::ZERO).unwrap();
    assert_eq!(
        client.poll_transmit().map(|b| b[7]),
        Some(3),
        "OPEN_REQ queued"
    );
    let server = ServerSession::new(ServerConfig::default(), Instant::ZERO).unwrap();
    assert!(!server.is_open());
    let small = Session::<2_048, 1_024, 4>::with_buffers(&config, Instant::ZERO).unwrap();
    assert_eq!(small.pending_requests(), 0);
}
