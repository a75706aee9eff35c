//! The tokio adapter for the client `Session`: one task drives one session with
//! `tokio::select!` over the socket, the session's next deadline and a command channel.
//! Shared by `examples/tokio-client.rs`, `examples/demo.rs` and the loopback tests.

#![allow(dead_code)]

use std::io;
use std::time::Duration;

use cti_proto::client::{Config, Event, FailureReason, Outcome, Session};
use cti_proto::wire::codes::StatusCode;
use cti_proto::wire::{Decoder, Message, Status};
use cti_proto::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
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

/// Milliseconds since `epoch`: the session's clock.
pub fn clock(epoch: tokio::time::Instant) -> Instant {
    Instant::from_millis(u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX))
}

/// Connects with the socket options of spec §6.1: TCP_NODELAY; linger 0 is set when the
/// session ends, so that dropping the stream resets the connection.
pub async fn connect(addr: &str) -> io::Result<TcpStream> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Runs one session over `stream` until it closes or fails, calling `on_event` for every
/// event. Deadlines are on the timeline that starts at `epoch`. The connection is reset
/// (linger 0) at the end, as the spec asks of a client.
pub async fn run_session(
    mut stream: TcpStream,
    config: &Config<'_>,
    epoch: tokio::time::Instant,
    commands: &mut mpsc::UnboundedReceiver<Command>,
    mut note: impl FnMut(Note<'_, '_>),
) -> io::Result<Report> {
    let mut session: Box<Session> = Box::new(
        Session::new(config, clock(epoch))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?,
    );
    let mut opened = false;
    let mut ended = None;
    let mut heartbeats_sent = 0;
    let mut unconfirmed = 0;
    let mut buf = vec![0u8; 16 * 1024];
    // Bytes read but not yet taken: the session takes no more than it can hold.
    let mut unread: Vec<u8> = Vec::new();
    loop {
        // The driving rule: write out, drain the events, then sleep until the deadline or data.
        while let Some(bytes) = session.poll_transmit() {
            let n = stream.write(bytes).await?;
            if n == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            session.advance_transmit(n);
        }
        let stats = session.stats();
        if stats.heartbeats_sent > heartbeats_sent {
            heartbeats_sent = stats.heartbeats_sent;
            unconfirmed = session.unconfirmed_heartbeats();
            note(Note::HeartbeatSent { unconfirmed });
        } else if session.unconfirmed_heartbeats() < unconfirmed && !session.is_terminal() {
            unconfirmed = session.unconfirmed_heartbeats();
            note(Note::HeartbeatConfirmed {
                rtt: stats.heartbeat_rtt,
            });
        }
        while let Some(event) = session.poll_event() {
            note(Note::Event(&event));
            match event {
                Event::Opened(_) => opened = true,
                Event::Closed => ended = Some(Ended::Closed),
                Event::SessionFailed(reason) => ended = Some(Ended::Failed(reason)),
                _ => {}
            }
        }
        if let Some(ended) = ended {
            stream.set_zero_linger()?;
            return Ok(Report {
                opened,
                ended,
                heartbeats_sent: session.stats().heartbeats_sent,
            });
        }
        if !unread.is_empty() {
            let n = session.handle_receive(clock(epoch), &unread);
            unread.drain(..n);
            if n > 0 {
                continue;
            }
        }
        let deadline = session.poll_timeout();
        let sleep = async {
            match deadline {
                Some(t) => {
                    tokio::time::sleep_until(epoch + Duration::from_millis(t.as_millis())).await
                }
                None => std::future::pending().await,
            }
        };
        let can_read = unread.is_empty();
        tokio::select! {
            r = stream.read(&mut buf), if can_read => {
                let now = clock(epoch);
                match r {
                    Ok(0) => session.handle_eof(now),
                    Ok(n) => {
                        let taken = session.handle_receive(now, &buf[..n]);
                        unread.extend_from_slice(&buf[taken..n]);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => session.handle_eof(now),
                }
            }
            _ = sleep => session.handle_timeout(clock(epoch)),
            Some(command) = commands.recv() => {
                let now = clock(epoch);
                match command {
                    Command::Send(bytes) => {
                        if let Ok(Status::Complete((m, _))) = Decoder::new(session.version()).decode(&bytes) {
                            if let Err(e) = session.send(now, &m) {
                                eprintln!("cannot send {}: {e}", m.message_type());
                            }
                        }
                    }
                    Command::Close(status) => {
                        let _ = session.close(now, status);
                    }
                }
            }
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
