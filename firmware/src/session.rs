//! Part two: a whole client session on the virtual clock, against a scripted server that answers
//! with the real v15 captures. The firmware drives the `Session` as any event loop would: after
//! every input, write out `poll_transmit`, drain `poll_event`, then "sleep" until `poll_timeout`
//! (the virtual clock jumps there).
//!
//! The script, with a 5 s heartbeat interval:
//! - 0 s: OPEN_REQ goes out and is checked field by field; OPEN_CONF (the capture) arrives in two
//!   pieces; `Opened`. Then four captured events arrive in one read and come out in order.
//! - 5 s, 10 s: HEARTBEAT_REQ (nothing else was sent for an interval), each confirmed at once.
//! - 12 s: CLIENT_EVENT_REPORT_REQ (the capture) is sent and answered: `Completed`. Sending it
//!   restarts the heartbeat interval.
//! - The server goes silent: HEARTBEAT_REQs at 17, 22 and 27 s stay unconfirmed and the fourth
//!   falls due at 32 s with three outstanding: `SessionFailed(HeartbeatTimeout)`, exactly then
//!   and exactly once, four intervals after the last confirmation (spec §6.3, DESIGN.md).

use core::time::Duration;

use cti_proto::client::{Config, Event, FailureReason, Outcome, Session};
use cti_proto::wire::codes::ServiceMask;
use cti_proto::wire::session::HeartbeatConf;
use cti_proto::wire::{Decoder, Floating, InvokeId, Message, MessageType, Status, Version};
use cti_proto::Instant;

use crate::captures;
use crate::check::{check, check_eq};
use crate::clock;

const HEARTBEAT: Duration = Duration::from_secs(5);
const CLIENT_ID: &str = "CTIOSServer";
const PASSWORD: &[u8] = b"CTIOSServer\0";
/// A session sized for a small device: one v15 message of the largest documented size (4329
/// bytes) received at a time, 1 KiB to send, 8 requests outstanding.
type Client = Session<4400, 1024, 8>;

/// When the client sends its request, and so when the server is last heard from.
const REQUEST_AT: Instant = Instant::from_secs(12);

/// Runs the session script. Not inlined, so its stack is measured on its own.
#[inline(never)]
pub fn run() {
    defmt::info!("part 2: a client session on a virtual clock, heartbeat every 5 s");
    let mut config = Config::new(CLIENT_ID, PASSWORD);
    config.client_signature = Some(CLIENT_ID);
    config.heartbeat_interval = Some(HEARTBEAT);
    config.peripheral_id = 5000;
    config.services_requested = ServiceMask::CLIENT_CONTROL | ServiceMask::ALL_EVENTS;

    // Used in place rather than moved out of the `Result`: a move would be one more 5.8 KB copy
    // on the stack.
    let mut started = Client::with_buffers(&config, clock::set(Instant::ZERO));
    let session = match &mut started {
        Ok(session) => session,
        Err(e) => {
            defmt::error!("Session::new: {}", e);
            check(false, "the configuration is valid");
            return;
        }
    };
    defmt::info!(
        "Session<4400, 1024, 8>: {=usize} bytes, buffers included (the default Session: {=usize})",
        core::mem::size_of_val(session),
        core::mem::size_of::<Session>()
    );

    let Some(open_id) = open(session) else {
        return;
    };
    events(session);
    let mut last_id = open_id;
    for at in [5, 10] {
        last_id = heartbeat(session, Instant::from_secs(at), last_id, true);
    }
    request(session, last_id);
    silence(session);
}

/// OPEN_REQ out, OPEN_CONF in, `Opened`. Returns OPEN_REQ's InvokeID.
fn open(session: &mut Client) -> Option<InvokeId> {
    let now = clock::set(Instant::ZERO);
    let mut out = [0u8; 256];
    let Some((ty, len)) = transmit(session, &mut out) else {
        check(false, "OPEN_REQ is queued at once");
        return None;
    };
    check_eq(
        ty,
        MessageType::OPEN_REQ,
        "the first message sent is OPEN_REQ",
    );
    let Ok(Status::Complete((Message::OpenReq(req), _))) = Decoder::default().decode(&out[..len])
    else {
        check(false, "OPEN_REQ decodes");
        return None;
    };
    check_eq(req.version_number, 15, "OPEN_REQ VersionNumber");
    // IdleTimeout defaults to four heartbeat intervals (spec §6.3).
    check_eq(req.idle_timeout, 20, "OPEN_REQ IdleTimeout is 4 intervals");
    check_eq(req.peripheral_id, 5000, "OPEN_REQ PeripheralID");
    check_eq(
        req.services_requested,
        ServiceMask::CLIENT_CONTROL | ServiceMask::ALL_EVENTS,
        "OPEN_REQ ServicesRequested",
    );
    check(
        req.client_id().is_some_and(|id| id == CLIENT_ID),
        "OPEN_REQ ClientID",
    );
    check(
        req.client_password() == Some(PASSWORD),
        "OPEN_REQ ClientPassword",
    );
    check(
        req.client_signature().is_some_and(|s| s == CLIENT_ID),
        "OPEN_REQ ClientSignature",
    );
    defmt::info!("OPEN_REQ sent and checked: {}", req);
    let open_id = req.invoke_id;

    // The captured OPEN_CONF, answering this OPEN_REQ's InvokeID, in two reads.
    let Some(Message::OpenConf(mut conf)) = captured("OPEN_CONF") else {
        return None;
    };
    conf.invoke_id = open_id;
    let mut bytes = [0u8; 64];
    let Ok(n) = conf.encode(Version::V15, &mut bytes) else {
        check(false, "OPEN_CONF encodes");
        return None;
    };
    let now = clock::set(now + Duration::from_millis(100));
    let (first, second) = bytes[..n].split_at(n / 2);
    receive(session, now, first);
    check(
        session.poll_event().is_none(),
        "half an OPEN_CONF is no event",
    );
    receive(session, now, second);
    let opened = match session.poll_event() {
        Some(Event::Opened(conf)) => {
            check_eq(conf.invoke_id, open_id, "OPEN_CONF answers OPEN_REQ");
            check_eq(
                conf.peripherals()
                    .next()
                    .and_then(|p| p.flt_peripheral_id()),
                Some(5000),
                "OPEN_CONF peripheral 5000",
            );
            defmt::info!("Opened: {}", conf);
            true
        }
        other => {
            defmt::error!("expected Opened, got {=str}", kind(&other));
            false
        }
    };
    check(opened, "OPEN_CONF opens the session");
    check(session.poll_event().is_none(), "one event for OPEN_CONF");
    // OPEN_REQ was the last message sent: the first heartbeat is due one interval after it.
    check_eq(
        session.poll_timeout(),
        Some(Instant::ZERO + HEARTBEAT),
        "first heartbeat due one interval after OPEN_REQ",
    );
    Some(open_id)
}

/// Four captured unsolicited events in one read come out as `Event::Message`, in order.
fn events(session: &mut Client) {
    const EVENTS: [&str; 4] = [
        "SYSTEM_EVENT",
        "AGENT_TEAM_CONFIG_EVENT",
        "CONFIG_REQUEST_KEY_EVENT",
        "CONFIG_END_EVENT",
    ];
    let mut stream = [0u8; 256];
    let mut len = 0;
    for name in EVENTS {
        let bytes = captures::bytes(name);
        let Some(slot) = stream.get_mut(len..len + bytes.len()) else {
            check(false, "events fit the stream buffer");
            return;
        };
        slot.copy_from_slice(bytes);
        len += bytes.len();
    }
    let now = clock::set(Instant::from_secs(1));
    receive(session, now, &stream[..len]);
    for name in EVENTS {
        let expected = captured(name).map(|m| m.message_type());
        let ok = match session.poll_event() {
            Some(Event::Message(m)) => {
                defmt::info!("event: {}", m.message_type());
                Some(m.message_type()) == expected
            }
            other => {
                defmt::error!("expected {=str}, got {=str}", name, kind(&other));
                false
            }
        };
        check(ok, "a captured event comes out as Event::Message, in order");
    }
    check(session.poll_event().is_none(), "no more events");
}

/// At `at` (one interval after the last send) a HEARTBEAT_REQ goes out with a fresh InvokeID;
/// when `answer`, the server confirms it at once. Returns the heartbeat's InvokeID.
fn heartbeat(session: &mut Client, at: Instant, previous: InvokeId, answer: bool) -> InvokeId {
    check_eq(session.poll_timeout(), Some(at), "heartbeat deadline");
    // An early wake-up is harmless: nothing is sent a millisecond before the deadline.
    let early = clock::set(Instant::from_millis(at.as_millis() - 1));
    session.handle_timeout(early);
    let mut out = [0u8; 64];
    check(
        transmit(session, &mut out).is_none(),
        "nothing is sent before the heartbeat is due",
    );
    let now = clock::set(at);
    session.handle_timeout(now);
    let Some((ty, len)) = transmit(session, &mut out) else {
        check(false, "a heartbeat is sent when due");
        return previous;
    };
    check_eq(ty, MessageType::HEARTBEAT_REQ, "HEARTBEAT_REQ when due");
    let id = invoke_id(&out[..len]);
    check(id != previous, "each HEARTBEAT_REQ has a fresh InvokeID");
    defmt::info!("HEARTBEAT_REQ {=u32}", id.0);
    if answer {
        let conf = Message::HeartbeatConf(HeartbeatConf {
            invoke_id: id,
            floating: Floating::EMPTY,
        });
        server_sends(session, now, &conf);
        check(
            session.poll_event().is_none(),
            "a HEARTBEAT_CONF is no event",
        );
        defmt::info!("HEARTBEAT_CONF {=u32}", id.0);
    }
    check_eq(
        session.poll_timeout(),
        Some(at + HEARTBEAT),
        "next heartbeat one interval later",
    );
    id
}

/// The captured CLIENT_EVENT_REPORT_REQ goes out with a fresh InvokeID, byte for byte the
/// capture otherwise, and the captured CONF completes it.
fn request(session: &mut Client, previous: InvokeId) {
    let now = clock::set(REQUEST_AT);
    session.handle_timeout(now);
    let Some(req) = captured("CLIENT_EVENT_REPORT_REQ") else {
        return;
    };
    let id = match session.send(now, &req) {
        Ok(id) => id,
        Err(e) => {
            defmt::error!("send: {}", e);
            check(false, "CLIENT_EVENT_REPORT_REQ is accepted");
            return;
        }
    };
    check(id != previous, "the request gets a fresh InvokeID");
    let mut out = [0u8; 64];
    let sent = transmit(session, &mut out);
    let mut expected = [0u8; 64];
    let same = match req {
        Message::ClientEventReportReq(mut m) => {
            m.invoke_id = id;
            match (m.encode(Version::V15, &mut expected), sent) {
                (Ok(n), Some((_, len))) => expected[..n] == out[..len],
                _ => false,
            }
        }
        _ => false,
    };
    check(
        same,
        "the request goes out as the capture, with its InvokeID",
    );
    defmt::info!("CLIENT_EVENT_REPORT_REQ {=u32} sent", id.0);

    let Some(Message::ClientEventReportConf(mut conf)) = captured("CLIENT_EVENT_REPORT_CONF")
    else {
        check(false, "CLIENT_EVENT_REPORT_CONF capture decodes");
        return;
    };
    conf.invoke_id = id;
    server_sends(session, now, &Message::ClientEventReportConf(conf));
    let completed = match session.poll_event() {
        Some(Event::Completed {
            invoke_id,
            request,
            outcome: Outcome::Conf(Message::ClientEventReportConf(_)),
        }) => invoke_id == id && request == MessageType::CLIENT_EVENT_REPORT_REQ,
        other => {
            defmt::error!("expected Completed, got {=str}", kind(&other));
            false
        }
    };
    check(completed, "CLIENT_EVENT_REPORT_CONF completes the request");
    defmt::info!("CLIENT_EVENT_REPORT_CONF {=u32}: Completed", id.0);
    // Any message sent restarts the heartbeat interval (spec §6.3).
    check_eq(
        session.poll_timeout(),
        Some(REQUEST_AT + HEARTBEAT),
        "sending the request restarts the heartbeat interval",
    );
}

/// The server says nothing more: three unconfirmed heartbeats, then the failure.
fn silence(session: &mut Client) {
    defmt::info!("the server goes silent");
    let mut id = InvokeId(0);
    for n in 1..=3u32 {
        id = heartbeat(session, REQUEST_AT + HEARTBEAT * n, id, false);
        check_eq(
            session.unconfirmed_heartbeats(),
            n as usize,
            "unconfirmed heartbeats",
        );
        defmt::info!(
            "{=u32} unconfirmed, {=u64} s after the last confirmation",
            n,
            (HEARTBEAT * n).as_secs()
        );
    }
    let fail_at = REQUEST_AT + HEARTBEAT * 4;
    check_eq(
        session.poll_timeout(),
        Some(fail_at),
        "the fourth heartbeat falls due four intervals after the last confirmation",
    );
    let early = clock::set(Instant::from_millis(fail_at.as_millis() - 1));
    session.handle_timeout(early);
    check(
        session.poll_event().is_none(),
        "no failure a millisecond before it is due",
    );
    let now = clock::set(fail_at);
    session.handle_timeout(now);
    let failed = matches!(
        session.poll_event(),
        Some(Event::SessionFailed(FailureReason::HeartbeatTimeout))
    );
    if check(
        failed,
        "SessionFailed(HeartbeatTimeout) four intervals after the last confirmation",
    ) {
        defmt::info!(
            "SessionFailed(HeartbeatTimeout), {=u64} s after the last confirmation",
            (fail_at - REQUEST_AT).as_secs()
        );
    }
    let mut out = [0u8; 64];
    check(
        transmit(session, &mut out).is_none(),
        "nothing is sent once failed",
    );
    // Exactly once: later timeouts and input change nothing.
    let later = clock::set(fail_at + HEARTBEAT * 10);
    session.handle_timeout(later);
    receive(session, later, captures::bytes("SYSTEM_EVENT"));
    check(
        session.poll_event().is_none(),
        "SessionFailed comes exactly once, the session stays terminal",
    );
}

/// Feeds the server's bytes as a TCP read would, and checks they were all taken.
fn receive(session: &mut Client, now: Instant, bytes: &[u8]) {
    let mut rest = bytes;
    while !rest.is_empty() {
        let took = session.handle_receive(now, rest);
        if took == 0 {
            break;
        }
        rest = rest.get(took..).unwrap_or_default();
    }
    check(rest.is_empty(), "the session takes the server's bytes");
}

/// The scripted server encodes `msg` and the session receives it.
fn server_sends(session: &mut Client, now: Instant, msg: &Message<'_>) {
    let mut bytes = [0u8; 256];
    match msg.encode(Version::V15, &mut bytes) {
        Ok(n) => receive(session, now, &bytes[..n]),
        Err(e) => {
            defmt::error!("server cannot encode {}: {}", msg.message_type(), e);
            check(false, "the server's message encodes");
        }
    }
}

/// Takes one whole message from the session's transmit queue into `out`: (type, length).
fn transmit(session: &mut Client, out: &mut [u8]) -> Option<(MessageType, usize)> {
    let pending = session.poll_transmit()?;
    let frame = match Decoder::default().frame(pending) {
        Ok(Status::Complete(frame)) => frame,
        _ => {
            check(false, "the session transmits whole messages");
            return None;
        }
    };
    let len = frame.total_len();
    let ty = frame.header.message_type;
    let slot = out.get_mut(..len)?;
    slot.copy_from_slice(pending.get(..len)?);
    session.advance_transmit(len);
    Some((ty, len))
}

/// The InvokeID of a sent message.
fn invoke_id(bytes: &[u8]) -> InvokeId {
    match Decoder::default().decode(bytes) {
        Ok(Status::Complete((m, _))) => m.invoke_id().unwrap_or(InvokeId(0)),
        _ => InvokeId(0),
    }
}

/// The capture called `name`, decoded.
fn captured(name: &str) -> Option<Message<'static>> {
    match Decoder::default().decode(captures::bytes(name)) {
        Ok(Status::Complete((m, _))) => Some(m),
        _ => {
            defmt::error!("capture {=str} does not decode", name);
            check(false, "the capture decodes");
            None
        }
    }
}

/// What kind of event `e` is, for the log. Formatting whole events would link the defmt
/// formatting of every message type in the catalogue, about 12 KB of flash.
fn kind(e: &Option<Event<'_>>) -> &'static str {
    match e {
        None => "no event",
        Some(Event::Opened(_)) => "Opened",
        Some(Event::Message(_)) => "Message",
        Some(Event::Completed { .. }) => "Completed",
        Some(Event::SessionFailed(_)) => "SessionFailed",
        Some(_) => "another event",
    }
}
