//! The session's catalogue parameter: a `Session` that decodes only the session-management set
//! still answers every request by its InvokeID, handing the other types out raw, while the
//! default session hands out the same bytes typed. Driven with the real v15 captures of spec §9.

use cti_proto::client::{Config, Event, Outcome, Session};
use cti_proto::wire::{
    Catalogue, Decoder, FullCatalogue, Message, MessageType, SessionCatalogue, Status,
};
use cti_proto::Instant;

fn bytes(hex: &str) -> Vec<u8> {
    let s: String = hex.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

const OPEN_CONF: &str = "00000028 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011
    0009 e402 0001 d004 00001388 e002 0000";
const SYSTEM_EVENT: &str = "0000001a 0000001f 00000004 5746cc1e 00000003 00001388 00000000
    00000000 ffff";
const QUERY_AGENT_STATE_REQ: &str =
    "0000001b 00000024 00000002 00001388 00000000 00000000 0502 3200 0605 3130303000";
const QUERY_AGENT_STATE_CONF: &str = "0000006c 00000025 00000002 0001 0003 00000001 00000000 0000
    00000000 0000138f 00000000 0502 3200 0405 3130303000 0605 3130303000
    3e04 0000bf71 3f04 00001388 4002 0000 4102 0001
    3e04 00000064 3f04 0000138d 4002 0000 4102 0001
    3e04 00000067 3f04 000013b6 4002 0000 4102 0001";

/// Opens a session, sends the captured QUERY_AGENT_STATE_REQ, feeds the captured SYSTEM_EVENT
/// and the captured QUERY_AGENT_STATE_CONF (with the InvokeID the session chose) and checks
/// what comes out; `typed` says whether the CONF is expected as a typed view.
fn query_agent_state<C: Catalogue>(typed: bool) {
    let config = Config::new("bridge", b"");
    let mut s: Session<12_500, 8_192, 32, C> =
        Session::with_buffers(&config, Instant::ZERO).unwrap();
    let open_req = s.poll_transmit().unwrap().len();
    s.advance_transmit(open_req);
    let now = Instant::from_millis(10);
    let conf = bytes(OPEN_CONF);
    assert_eq!(s.handle_receive(now, &conf), conf.len());
    assert!(matches!(s.poll_event(), Some(Event::Opened(c)) if c.num_peripherals() == Some(1)));

    let req_bytes = bytes(QUERY_AGENT_STATE_REQ);
    let Ok(Status::Complete((req, _))) = Decoder::default().decode(&req_bytes) else {
        panic!("capture decodes")
    };
    let id = s.send(now, &req).unwrap();
    let sent = s.poll_transmit().unwrap().to_vec();
    assert_eq!(sent[..8], req_bytes[..8]);
    assert_eq!(sent[8..12], id.0.to_be_bytes());
    assert_eq!(
        sent[12..],
        req_bytes[12..],
        "only the InvokeID is rewritten"
    );
    s.advance_transmit(sent.len());

    let mut input = bytes(SYSTEM_EVENT);
    let mut answer = bytes(QUERY_AGENT_STATE_CONF);
    answer[8..12].copy_from_slice(&id.0.to_be_bytes());
    input.extend_from_slice(&answer);
    assert_eq!(s.handle_receive(now, &input), input.len());

    // SYSTEM_EVENT is in the session set: typed either way.
    match s.poll_event() {
        Some(Event::Message(Message::SystemEvent(e))) => assert_eq!(e.system_event_arg1, 5000),
        other => panic!("{other:?}"),
    }
    match s.poll_event() {
        Some(Event::Completed {
            invoke_id,
            request,
            outcome: Outcome::Conf(m),
        }) => {
            assert_eq!(invoke_id, id);
            assert_eq!(request, MessageType::QUERY_AGENT_STATE_REQ);
            assert_eq!(m.message_type(), MessageType::QUERY_AGENT_STATE_CONF);
            match (typed, m) {
                (true, Message::QueryAgentStateConf(c)) => assert_eq!(c.icm_agent_id, 5007),
                (false, Message::Unknown(raw)) => assert_eq!(raw.body, &answer[8..]),
                (_, other) => panic!("typed {typed}: {other:?}"),
            }
        }
        other => panic!("{other:?}"),
    }
    assert!(s.poll_event().is_none());
    assert_eq!(s.pending_requests(), 0);
}

#[test]
fn the_full_catalogue_hands_out_the_confirmation_typed() {
    query_agent_state::<FullCatalogue>(true);
}

#[test]
fn the_session_catalogue_completes_the_request_with_the_raw_confirmation() {
    query_agent_state::<SessionCatalogue>(false);
}
