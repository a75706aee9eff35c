//! One client session on the tokio driver, `cti_proto::tokio::Client`, with a command channel
//! and one line per event for people. Shared by the `tokio-client` and `demo` binaries and the loopback tests.

use std::io;
use std::time::Duration;

use cti_proto::client::{Config, Event, FailureReason, Outcome};
use cti_proto::driver::{ClientEvent, ClientOptions};
use cti_proto::tokio::Client;
use cti_proto::wire::codes::StatusCode;
use cti_proto::wire::{Decoder, Message, Status, Version};
use tokio::sync::mpsc;

/// What the application asks of a running session.
#[derive(Clone, Debug)]
pub enum Command {
    /// Send this encoded request (header included); the session gives it a fresh InvokeID.
    Send(Vec<u8>),
    /// Close with CLOSE_REQ carrying this status.
    Close(StatusCode),
}

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// CLOSE_CONF (or the close timeout) after our CLOSE_REQ.
    Closed,
    /// `SessionFailed(reason)`.
    Failed(FailureReason),
}

/// What `run_session` reports as it goes: the session's events, and the heartbeats it sends
/// and sees confirmed (which the session handles silently).
#[derive(Debug)]
pub enum Note<'e, 'a> {
    /// An event from `poll_event`.
    Event(&'e Event<'a>),
    /// A HEARTBEAT_REQ went out; `unconfirmed` now outstanding.
    HeartbeatSent { unconfirmed: usize },
    /// Outstanding heartbeats were confirmed by HEARTBEAT_CONF.
    HeartbeatConfirmed { rtt: Option<Duration> },
}

/// One session's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Report {
    /// OPEN_CONF arrived.
    pub opened: bool,
    /// How it ended.
    pub ended: Ended,
    /// Heartbeats the session sent.
    pub heartbeats_sent: u64,
}

/// Runs one session with `server` until it closes or fails (a connection that cannot be made
/// fails too, e.g. with `connection refused`), calling `note` for every event. The driver,
/// `cti_proto::tokio::Client`, owns the socket: TCP_NODELAY, and a reset (linger 0) after a
/// failure, as the spec asks of a client.
pub async fn run_session(
    server: &str,
    config: &Config<'_>,
    commands: &mut mpsc::UnboundedReceiver<Command>,
    mut note: impl FnMut(Note<'_, '_>),
) -> io::Result<Report> {
    let mut client = Client::with_options(config, &[server], ClientOptions::default())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
    let mut opened = false;
    let mut heartbeats_sent = 0;
    loop {
        let mut command = None;
        let mut ended = None;
        tokio::select! {
            event = client.next_event() => {
                let event = event.map_err(|e| io::Error::other(e.to_string()))?;
                match event {
                    None => ended = Some(Ended::Closed),
                    Some(ClientEvent::Connecting { .. } | ClientEvent::Connected { .. }) => {}
                    Some(ClientEvent::HeartbeatSent { unconfirmed }) => {
                        heartbeats_sent += 1;
                        note(Note::HeartbeatSent { unconfirmed });
                    }
                    Some(ClientEvent::HeartbeatConfirmed { rtt }) => {
                        note(Note::HeartbeatConfirmed { rtt })
                    }
                    Some(ClientEvent::Session(event)) => {
                        note(Note::Event(&event));
                        match event {
                            Event::Opened(_) => opened = true,
                            Event::Closed => ended = Some(Ended::Closed),
                            Event::SessionFailed(reason) => ended = Some(Ended::Failed(reason)),
                            _ => {}
                        }
                    }
                    // Driver events added later are of no concern to this demo client.
                    Some(_) => {}
                }
            }
            Some(c) = commands.recv() => command = Some(c),
        }
        match command {
            Some(Command::Send(bytes)) => {
                let version = client.session().map_or(Version::V15, |s| s.version());
                if let Ok(Status::Complete((m, _))) = Decoder::new(version).decode(&bytes) {
                    if let Err(e) = client.send(&m).await {
                        eprintln!("cannot send {}: {e}", m.message_type());
                    }
                }
            }
            Some(Command::Close(status)) => {
                let _ = client.close_with(status).await;
                note(Note::Event(&Event::Closed));
                ended = Some(Ended::Closed);
            }
            None => {}
        }
        if let Some(ended) = ended {
            return Ok(Report {
                opened,
                ended,
                heartbeats_sent,
            });
        }
    }
}

/// One line describing a note, for people.
pub fn describe(note: &Note<'_, '_>) -> String {
    match note {
        Note::Event(e) => describe_event(e),
        Note::HeartbeatSent { unconfirmed } => {
            format!("HEARTBEAT_REQ sent ({unconfirmed} unconfirmed)")
        }
        Note::HeartbeatConfirmed { rtt } => match rtt {
            Some(rtt) => format!(
                "HEARTBEAT_CONF received (round trip {} ms)",
                rtt.as_millis()
            ),
            None => "HEARTBEAT_CONF received".to_string(),
        },
    }
}

/// One line describing an event, for people.
pub fn describe_event(event: &Event<'_>) -> String {
    match event {
        Event::Opened(conf) => format!(
            "OPEN_CONF: session open, granted {:?}, PGStatus {:?}, {} peripheral(s)",
            conf.services_granted,
            conf.pg_status,
            conf.num_peripherals().unwrap_or(0)
        ),
        Event::Message(m) => describe_message(m),
        Event::Completed {
            invoke_id,
            request,
            outcome,
        } => {
            let answer = match outcome {
                Outcome::Conf(m) => m.message_type().to_string(),
                Outcome::Failure(status) => format!("FAILURE_CONF {status}"),
                Outcome::ControlFailure {
                    code,
                    peripheral_error,
                } => format!("CONTROL_FAILURE_CONF {code} (peripheral error {peripheral_error})"),
                Outcome::TimedOut => "nothing before the request timeout".to_string(),
                other => format!("{other:?}"),
            };
            format!(
                "{request} (InvokeID {}) answered with {answer}",
                invoke_id.0
            )
        }
        Event::SessionFailed(reason) => format!("SESSION FAILED: {reason}"),
        Event::Closed => "session closed".to_string(),
        other => format!("{other:?}"),
    }
}

/// A received message in a few words.
pub fn describe_message(m: &Message<'_>) -> String {
    match m {
        Message::SystemEvent(e) => format!(
            "SYSTEM_EVENT {:?} (arg1 {})",
            e.system_event_id, e.system_event_arg1
        ),
        Message::FailureEvent(e) => format!("FAILURE_EVENT {:?}", e.status),
        Message::AgentStateEvent(e) => format!(
            "AGENT_STATE_EVENT agent {} now {:?}",
            e.agent_id().map(|s| s.to_string()).unwrap_or_default(),
            e.agent_state
        ),
        Message::BeginCallEvent(e) => format!(
            "BEGIN_CALL_EVENT call {} from ANI {} to DNIS {}",
            e.connection_call_id,
            e.ani().map(|s| s.to_string()).unwrap_or_default(),
            e.dnis().map(|s| s.to_string()).unwrap_or_default()
        ),
        Message::EndCallEvent(e) => format!("END_CALL_EVENT call {}", e.connection_call_id),
        Message::Unknown(raw) => format!("{} ({} bytes)", raw.message_type, raw.body.len()),
        other => format!("{}", other.message_type()),
    }
}
