//! The whole life of a CTI session in about half a minute, simulator and client in one process
//! over loopback:
//!
//! 1. the client opens a session (OPEN_REQ → OPEN_CONF, then the peripheral's SYSTEM_EVENT),
//!    sends a request and gets its answer;
//! 2. the simulator streams a scripted agent's day: AGENT_STATE_EVENT, BEGIN_CALL_EVENT,
//!    END_CALL_EVENT;
//! 3. the client heartbeats every 5 s (the spec's minimum) and the first heartbeat is answered;
//! 4. then the simulator goes silent (its `stop_heartbeats_after` fault switch), the client
//!    counts three unconfirmed heartbeats and declares the session failed when the fourth falls
//!    due, 20 s after the last confirmation, and resets the connection;
//! 5. the client reconnects, opens again, and closes cleanly (CLOSE_REQ → CLOSE_CONF).
//!
//! ```text
//! cargo run --bin demo
//! ```

use cti_tools::{sim, tokio_client};

use std::time::Duration;

use cti_proto::client::Config;
use cti_proto::server::ServerConfig;
use cti_proto::wire::codes::{
    AgentStateMask, CallMsgMask, ClientEventReportState, ServiceMask, StatusCode,
};
use cti_proto::wire::session::ClientEventReportReq;
use cti_proto::wire::{tag, FloatingWriter, InvokeId, Message, Str, Version};
use tokio_client::{Command, Ended, Note};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let log = sim::Log::new("sim   ", true);
    let client_log = sim::Log {
        prefix: "client",
        ..log.clone()
    };
    let say = |line: &str| client_log.line(format_args!("{line}"));

    println!(
        "cti-proto demo: a CTI Server simulator and a client, protocol version 15, over loopback."
    );
    println!("The simulator answers one heartbeat per session, then goes silent.\n");

    let config = sim::SimConfig {
        server: ServerConfig::default()
            .with_stop_heartbeats_after(Some(1))
            .with_unix_time_at_zero(unix_now()),
        events_every: Some(Duration::from_millis(1_800)),
        verbose: true,
        ..sim::SimConfig::default()
    };
    let sim = sim::Sim::start("127.0.0.1:0".parse()?, config, log.clone()).await?;
    let addr = sim.addr.to_string();
    say(&format!(
        "demo-client connecting to {addr}: heartbeat every 5 s, IdleTimeout 20 s"
    ));

    let client = Config::new("demo-client", b"demo")
        .with_services_requested(ServiceMask::ALL_EVENTS)
        .with_call_msg_mask(CallMsgMask::BEGIN_CALL | CallMsgMask::END_CALL)
        .with_agent_state_mask(AgentStateMask::ALL)
        .with_heartbeat_interval(Duration::from_secs(5));

    // First session: opens, works, then loses its server to silence.
    let (commands, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let report_request = client_event_report()?;
    let first = tokio_client::run_session(&addr, &client, &mut rx, |n| {
        say(&tokio_client::describe(&n));
        if let Note::Event(cti_proto::client::Event::Opened(_)) = n {
            let _ = commands.send(Command::Send(report_request.clone()));
        }
    })
    .await?;
    say(&format!(
        "first session ended: {:?}; reconnecting in 1 s",
        first.ended
    ));

    // Second session: opens again and closes cleanly.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (commands, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let closer = commands.clone();
    let close = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(2_500)).await;
        let _ = closer.send(Command::Close(StatusCode::NO_ERROR));
    });
    let second = tokio_client::run_session(&addr, &client, &mut rx, |n| {
        say(&tokio_client::describe(&n))
    })
    .await?;
    close.await?;
    drop(commands);
    // Let the simulator log the end of the connection.
    tokio::time::sleep(Duration::from_millis(100)).await;
    sim.stop();

    let failed_as_expected = matches!(
        first.ended,
        Ended::Failed(cti_proto::client::FailureReason::HeartbeatTimeout)
    );
    println!();
    println!(
        "summary: first session {} after {} heartbeats; second session {}.",
        if failed_as_expected {
            "failed on three unconfirmed heartbeats"
        } else {
            "ended unexpectedly"
        },
        first.heartbeats_sent,
        if second.ended == Ended::Closed {
            "closed cleanly"
        } else {
            "did not close cleanly"
        }
    );
    if !(first.opened && failed_as_expected && second.opened && second.ended == Ended::Closed) {
        return Err("the demo did not go as scripted".into());
    }
    Ok(())
}

/// CLIENT_EVENT_REPORT_REQ (spec §3.8): a request the simulator answers with its CONF.
fn client_event_report() -> Result<Vec<u8>, cti_proto::wire::EncodeError> {
    let mut fbuf = [0u8; 64];
    let mut w = FloatingWriter::new(&mut fbuf, Version::V15);
    w.put(tag::TEXT, Str::from("demo started"))?;
    let m = Message::ClientEventReportReq(ClientEventReportReq {
        invoke_id: InvokeId(0),
        state: ClientEventReportState::NORMAL,
        floating: w.finish(),
    });
    let mut out = vec![0u8; m.encoded_len(Version::V15)];
    m.encode(Version::V15, &mut out)?;
    Ok(out)
}

/// Seconds since 1970, for ICMCentralControllerTime.
fn unix_now() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX))
}
