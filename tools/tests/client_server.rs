//! The crate's client `Session` (driven by the tools' tokio adapter) against the
//! simulator built on `ServerSession`, over loopback TCP: open, requests, events, heartbeats,
//! failure detection against a silent server, FAILURE_EVENT, and a bounded load test of
//! hundreds of heartbeating sessions. Every connection goes to 127.0.0.1 only.

use cti_tools::{sim, tokio_client};

use std::time::Duration;

use cti_proto::client::{Config, Event, FailureReason, Outcome};
use cti_proto::server::ServerConfig;
use cti_proto::wire::codes::{
    AgentStateMask, CallMsgMask, ClientEventReportState, ServiceMask, StatusCode,
};
use cti_proto::wire::session::ClientEventReportReq;
use cti_proto::wire::{Floating, InvokeId, Message, MessageType, Version};
use sim::{Sim, SimConfig, Stats};
use tokio::sync::mpsc;
use tokio_client::{Command, Ended, Note};

async fn start(config: SimConfig) -> Sim {
    Sim::start_local(config).await
}

fn config(heartbeat: Option<u64>) -> Config<'static> {
    Config::new("it", b"pw")
        .with_services_requested(ServiceMask::ALL_EVENTS)
        .with_call_msg_mask(CallMsgMask::ALL)
        .with_agent_state_mask(AgentStateMask::ALL)
        .with_heartbeat_interval(heartbeat.map(Duration::from_secs))
}

fn report_req() -> Vec<u8> {
    let m = Message::ClientEventReportReq(ClientEventReportReq {
        invoke_id: InvokeId(0),
        state: ClientEventReportState::NORMAL,
        floating: Floating::EMPTY,
    });
    let mut out = vec![0u8; m.encoded_len(Version::V15)];
    m.encode(Version::V15, &mut out).unwrap();
    out
}

/// What a session saw, owned.
#[derive(Debug, Default)]
struct Seen {
    opened: bool,
    types: Vec<u32>,
    completed: Vec<(MessageType, String)>,
    heartbeats_confirmed: usize,
}

async fn run(
    sim: &Sim,
    config: &Config<'_>,
    commands: &mut mpsc::UnboundedReceiver<Command>,
    on_open: Option<(mpsc::UnboundedSender<Command>, Command)>,
    limit: Duration,
) -> (tokio_client::Report, Seen) {
    let mut on_open = on_open;
    let addr = sim.addr.to_string();
    let mut seen = Seen::default();
    let run = tokio_client::run_session(&addr, config, commands, |n| match n {
        Note::Event(Event::Opened(_)) => {
            seen.opened = true;
            if let Some((tx, command)) = on_open.take() {
                tx.send(command).unwrap();
            }
        }
        Note::Event(Event::Message(m)) => seen.types.push(m.message_type().0),
        Note::Event(Event::Completed {
            request, outcome, ..
        }) => seen.completed.push((
            *request,
            match outcome {
                Outcome::Conf(m) => m.message_type().to_string(),
                other => format!("{other:?}"),
            },
        )),
        Note::HeartbeatConfirmed { .. } => seen.heartbeats_confirmed += 1,
        _ => {}
    });
    let report = tokio::time::timeout(limit, run)
        .await
        .expect("the session ends in time")
        .unwrap();
    (report, seen)
}

#[tokio::test]
async fn open_request_events_close() {
    let sim = start(SimConfig {
        events_every: Some(Duration::from_millis(30)),
        ..SimConfig::default()
    })
    .await;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let closer = tx.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(400)).await;
        closer.send(Command::Close(StatusCode::NO_ERROR)).unwrap();
    });
    let request = Some((tx.clone(), Command::Send(report_req())));
    let (report, seen) = run(
        &sim,
        &config(None),
        &mut rx,
        request,
        Duration::from_secs(10),
    )
    .await;
    assert!(report.opened && seen.opened);
    assert_eq!(report.ended, Ended::Closed);
    assert_eq!(seen.types.first(), Some(&31), "SYSTEM_EVENT first");
    // The scripted day, in order: agent available, call begins, talking, call ends, ...
    let script: Vec<u32> = seen.types[1..].iter().copied().take(4).collect();
    assert_eq!(script, [30, 23, 30, 24]);
    assert_eq!(
        seen.completed,
        [(MessageType(32), "CLIENT_EVENT_REPORT_CONF".to_string())]
    );
    assert_eq!(Stats::get(&sim.stats.closed), 1);
}

#[tokio::test]
async fn rejected_open_fails_the_client_with_the_status() {
    let sim = start(SimConfig {
        server: ServerConfig::default()
            .with_credentials("it", b"other")
            .unwrap(),
        ..SimConfig::default()
    })
    .await;
    let (_tx, mut rx) = mpsc::unbounded_channel();
    let (report, _) = run(&sim, &config(None), &mut rx, None, Duration::from_secs(10)).await;
    assert_eq!(
        report.ended,
        Ended::Failed(FailureReason::Rejected {
            status: StatusCode::INVALID_PASSWORD
        })
    );
}

/// A server that stops answering heartbeats is detected when a heartbeat falls due with three
/// unconfirmed: 4 intervals (20 s at the 5 s minimum) after the last confirmation.
#[tokio::test]
async fn silent_server_is_detected_after_three_unconfirmed_heartbeats() {
    let sim = start(SimConfig {
        server: ServerConfig::default().with_stop_heartbeats_after(Some(0)),
        ..SimConfig::default()
    })
    .await;
    let (_tx, mut rx) = mpsc::unbounded_channel();
    let started = tokio::time::Instant::now();
    let (report, seen) = run(
        &sim,
        &config(Some(5)),
        &mut rx,
        None,
        Duration::from_secs(40),
    )
    .await;
    let took = started.elapsed();
    assert_eq!(report.ended, Ended::Failed(FailureReason::HeartbeatTimeout));
    assert_eq!(report.heartbeats_sent, 3);
    assert_eq!(seen.heartbeats_confirmed, 0);
    assert!(
        took >= Duration::from_secs(20) && took < Duration::from_secs(25),
        "{took:?}"
    );
    assert_eq!(Stats::get(&sim.stats.heartbeats_ignored), 3);
}

#[tokio::test]
async fn failure_event_offline_makes_the_client_close_with_that_status() {
    let sim = start(SimConfig {
        failure_event_after: Some(Duration::from_millis(100)),
        ..SimConfig::default()
    })
    .await;
    let (_tx, mut rx) = mpsc::unbounded_channel();
    let (report, seen) = run(&sim, &config(None), &mut rx, None, Duration::from_secs(10)).await;
    assert!(seen.types.contains(&2), "FAILURE_EVENT received");
    assert_eq!(report.ended, Ended::Closed);
    assert_eq!(
        *sim.stats.close_statuses.lock().unwrap(),
        [StatusCode::CTI_SERVER_OFFLINE]
    );
}

/// Hundreds of client `Session`s heartbeating against one simulator at the 5 s minimum, all at
/// once: every session opens, has its heartbeats confirmed, and closes; nothing fails or is
/// lost. Bounded: 200 sessions, each closing after its second confirmed heartbeat (about
/// 10 s), and a time limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_200_heartbeating_sessions() {
    const SESSIONS: usize = 200;
    let sim = start(SimConfig {
        events_every: Some(Duration::from_millis(500)),
        ..SimConfig::default()
    })
    .await;
    let addr = sim.addr;
    let mut tasks = Vec::new();
    for _ in 0..SESSIONS {
        tasks.push(tokio::spawn(async move {
            let (tx, mut rx) = mpsc::unbounded_channel();
            let mut confirmed = 0;
            let mut events = 0;
            let cfg = config(Some(5));
            let report = tokio_client::run_session(&addr.to_string(), &cfg, &mut rx, |n| match n {
                // Close once two heartbeats (at 5 s and 10 s) are confirmed.
                Note::HeartbeatConfirmed { .. } => {
                    confirmed += 1;
                    if confirmed == 2 {
                        tx.send(Command::Close(StatusCode::NO_ERROR)).unwrap();
                    }
                }
                Note::Event(Event::Message(_)) => events += 1,
                _ => {}
            })
            .await
            .unwrap();
            (report, confirmed, events)
        }));
    }
    let mut heartbeats = 0;
    let mut events = 0;
    for t in tasks {
        let (report, confirmed, n) = tokio::time::timeout(Duration::from_secs(40), t)
            .await
            .expect("every session ends in time")
            .unwrap();
        assert!(report.opened);
        assert_eq!(report.ended, Ended::Closed);
        assert_eq!(confirmed, 2, "both heartbeats confirmed");
        assert_eq!(report.heartbeats_sent, 2);
        heartbeats += report.heartbeats_sent;
        events += n;
    }
    let s = &sim.stats;
    assert_eq!(Stats::get(&s.opened), SESSIONS as u64);
    assert_eq!(Stats::get(&s.heartbeats_answered), heartbeats);
    assert_eq!(Stats::get(&s.closed), SESSIONS as u64);
    assert_eq!(Stats::get(&s.failed), 0);
    println!(
        "load: {SESSIONS} client sessions, {heartbeats} heartbeats answered, {events} events received"
    );
}
