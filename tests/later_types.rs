//! The message types after v15 (versions sheet §4.1, §4.2, §4.4): each is unknown before the
//! version that introduced it (kept raw, byte for byte) and known from it on; the typed layouts
//! decode field by field from bytes assembled by hand from the sheet's tables and re-encode
//! byte for byte. And the v24 session rule: a client session answers ACTIVE_MAINTENANCE_REQ_MSG
//! (278) at once with ACTIVE_MAINTENANCE_RESP_MSG (279), only from v24.

use cti_proto::client::{Config, Event, Session};
use cti_proto::wire::later::{
    NetworkRecordingFailedEvent, NetworkRecordingTargetInfoEvent, SetAgentServiceDataConf,
    SetAgentServiceDataReq,
};
use cti_proto::wire::session::ActiveMaintenanceResp;
use cti_proto::wire::{
    spec_of, type_in_version, Decoder, Message, MessageType, SessionCatalogue, Status, Version,
    MESSAGES,
};
use cti_proto::Instant;

mod common;
use common::unhex as hex;

/// Header + body.
fn framed(t: u32, body: &[u8]) -> Vec<u8> {
    let mut v = (body.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(&t.to_be_bytes());
    v.extend_from_slice(body);
    v
}

fn encode(m: &Message<'_>, version: Version) -> Vec<u8> {
    let mut out = vec![0u8; m.encoded_len(version)];
    let n = m.encode(version, &mut out).unwrap();
    out.truncate(n);
    out
}

/// (type, first version) of every type after v15, as the sheet's §4.1 dates them (with the
/// choices written in src/wire/later.rs for the ⚠ rows).
const LATER: &[(u32, u32)] = &[
    (254, 20),
    (255, 20),
    (256, 20),
    (257, 20),
    (258, 20),
    (260, 22),
    (261, 22),
    (262, 23),
    (263, 23),
    (264, 23),
    (265, 23),
    (266, 23),
    (267, 23),
    (268, 23),
    (269, 23),
    (270, 23),
    (271, 23),
    (272, 23),
    (273, 23),
    (274, 23),
    (276, 25),
    (277, 24),
    (278, 24),
    (279, 24),
    (280, 24),
    (281, 24),
    (282, 24),
    (283, 24),
    (284, 24),
];

#[test]
fn each_later_type_is_unknown_before_its_version_and_known_from_it() {
    for &(id, since) in LATER {
        let spec = spec_of(MessageType(id)).unwrap_or_else(|| panic!("{id} catalogued"));
        assert_eq!(spec.since, Version(since), "{}", spec.name);
        // A body long enough for any of the fixed parts, as raw bytes.
        let body: Vec<u8> = (0..spec.fixed_len_in(Version(since)) as u8).collect();
        for v in Version::SUPPORTED {
            let version = Version(v);
            let m = Message::decode(MessageType(id), &body, version).unwrap();
            assert_eq!(
                type_in_version(MessageType(id), version),
                v >= since,
                "{id} v{v}"
            );
            if v < since {
                assert_eq!(
                    m,
                    Message::Unknown(cti_proto::wire::RawMessage {
                        message_type: MessageType(id),
                        body: &body,
                    }),
                    "{} in v{v}",
                    spec.name
                );
            } else {
                assert!(!matches!(m, Message::Unknown(_)), "{} in v{v}", spec.name);
            }
            // Either way the message is written back as it came.
            assert_eq!(&encode(&m, version)[8..], &body[..], "{} v{v}", spec.name);
        }
    }
    // Nothing else after 250 is catalogued: 251–253, 259 and 275 stay unknown everywhere.
    let later: Vec<u32> = MESSAGES
        .iter()
        .filter(|s| s.id > 250)
        .map(|s| s.id)
        .collect();
    assert_eq!(later, LATER.iter().map(|l| l.0).collect::<Vec<_>>());
    for id in [251, 252, 253, 259, 275, 285] {
        let m = Message::decode(MessageType(id), &[1, 2], Version::V25).unwrap();
        assert!(matches!(m, Message::Unknown(_)), "{id}");
    }
}

#[test]
fn network_recording_failed_event_v23_field_by_field() {
    // §4.4: MonitorID 7, PeripheralID 5000, ConnectionCallID 0x1234, ConnectionDeviceIDType 0
    // (static), RecordingDeviceType 1, RecordFailureCause 3; floating ConnectionDeviceID (25)
    // "1001" and RecordingDeviceID (300) "rec1", two-byte tags (v20+).
    let body = hex("00000007 00001388 00001234 0000 0001 0003
         0019 0005 31303031 00
         012c 0005 72656331 00");
    let m = Message::decode(MessageType(273), &body, Version::V23).unwrap();
    let Message::NetworkRecordingFailedEvent(e) = m else {
        panic!("{m:?}")
    };
    assert_eq!(
        (e.monitor_id, e.peripheral_id, e.connection_call_id),
        (7, 5000, 0x1234)
    );
    assert_eq!(e.connection_device_id_type.0, 0);
    assert_eq!((e.recording_device_type, e.record_failure_cause), (1, 3));
    assert_eq!(
        e.connection_device_id().map(|s| s.as_bytes()),
        Some(&b"1001"[..])
    );
    assert_eq!(
        e.recording_device_id().map(|s| s.as_bytes()),
        Some(&b"rec1"[..])
    );
    assert_eq!(NetworkRecordingFailedEvent::fixed_len(Version::V23), 18);
    assert_eq!(encode(&m, Version::V23), framed(273, &body));
    // One byte short of the fixed part: an error, not a panic.
    assert!(Message::decode(MessageType(273), &body[..17], Version::V23).is_err());
}

#[test]
fn network_recording_target_info_event_has_20_fixed_bytes() {
    assert_eq!(NetworkRecordingTargetInfoEvent::fixed_len(Version::V24), 20);
    // RecordingType 2, MediaForkingDeviceType 4; RecorderURI (296) "sip:r".
    let body = hex("00000001 00000002 00000003 0000 0001 0002 0004
         0128 0006 7369703a7200");
    let m = Message::decode(MessageType(274), &body, Version::V24).unwrap();
    let Message::NetworkRecordingTargetInfoEvent(e) = m else {
        panic!("{m:?}")
    };
    assert_eq!((e.recording_type, e.media_forking_device_type), (2, 4));
    assert_eq!(e.recorder_uri().map(|s| s.as_bytes()), Some(&b"sip:r"[..]));
    assert_eq!(encode(&m, Version::V24), framed(274, &body));
}

#[test]
fn set_agent_service_data_req_and_conf_v24() {
    // §4.4: InvokeID 9, RouterCallKeyDay 150000, CallID 77, SequenceNumber 1,
    // AgentSkillTargetID 5001; NumOfEnabledServices (310) 2, FltEnabledServices (309) [1, 2],
    // NumPositiveAnswersSuggestions (312) 3.
    let body = hex("00000009 000249f0 0000004d 00000001 00001389
         0136 0002 0002
         0135 0004 0001 0002
         0138 0002 0003");
    let m = Message::decode(MessageType(283), &body, Version::V24).unwrap();
    let Message::SetAgentServiceDataReq(r) = m else {
        panic!("{m:?}")
    };
    assert_eq!(r.invoke_id.0, 9);
    assert_eq!(
        (
            r.router_call_key_day,
            r.router_call_key_call_id,
            r.router_call_key_sequence_number,
            r.agent_skill_target_id
        ),
        (150_000, 77, 1, 5001)
    );
    assert_eq!(r.num_of_enabled_services(), Some(2));
    assert_eq!(r.flt_enabled_services(), Some(&[0, 1, 0, 2][..]));
    assert_eq!(r.num_positive_answers_suggestions(), Some(3));
    assert_eq!(SetAgentServiceDataReq::fixed_len(Version::V24), 20);
    assert_eq!(m.invoke_id().map(|i| i.0), Some(9));
    assert_eq!(encode(&m, Version::V24), framed(283, &body));
    assert!(spec_of(MessageType(283)).unwrap().is_client_request());
    // In v25 tags 312 and 313 are MEDIA_TYPE and MEDIA_PROVIDER (sheet §9 #11): the layout
    // lists the answer-suggestion counts in v24 only (a floating field out of its range is
    // still kept, as an unknown tag would be).
    let spec = spec_of(MessageType(283)).unwrap();
    for tag in [312, 313] {
        let f = spec.floating.iter().find(|f| f.tag == tag).unwrap();
        assert!(
            f.in_version(Version::V24) && !f.in_version(Version::V25),
            "{tag}"
        );
    }
    let m25 = Message::decode(MessageType(283), &body, Version::V25).unwrap();
    assert!(matches!(m25, Message::SetAgentServiceDataReq(_)));
    assert_eq!(encode(&m25, Version::V25), framed(283, &body));

    let conf = hex("00000009 00000000");
    let m = Message::decode(MessageType(284), &conf, Version::V24).unwrap();
    let Message::SetAgentServiceDataConf(c) = m else {
        panic!("{m:?}")
    };
    assert_eq!((c.invoke_id.0, c.status.0), (9, 0));
    assert_eq!(SetAgentServiceDataConf::FIXED_LEN, 8);
    assert!(cti_proto::wire::is_confirmation(MessageType(284)));
}

// ----- the v24 maintenance rule (sheet §4.2, §4.3 rule 5) -----

/// OPEN_CONF with InvokeID 1 in `version`'s fixed part (26, 30 or 32 bytes), no floating part.
fn open_conf(version: Version) -> Vec<u8> {
    let fixed = cti_proto::wire::session::OpenConf::fixed_len(version);
    let mut body = vec![0u8; fixed];
    body[3] = 1;
    framed(4, &body)
}

/// Messages as (type, body).
type Sent = Vec<(u32, Vec<u8>)>;

/// The messages in `bytes`, decoded in `version`.
fn messages(bytes: &[u8], version: Version) -> Sent {
    let d = Decoder::new(version);
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match d.decode(&bytes[at..]) {
            Ok(Status::Complete((m, n))) => {
                out.push((m.message_type().0, bytes[at + 8..at + n].to_vec()));
                at += n;
            }
            other => panic!("{other:?}"),
        }
    }
    out
}

/// Runs a session of `version` that opens, receives ACTIVE_MAINTENANCE_REQ_MSG with InvokeID
/// 0x77 at 1 s, and returns what it sent after OPEN_REQ and the events it gave.
fn maintenance(config: Config<'_>) -> (Sent, Vec<String>, u64) {
    let version = config.version;
    let mut s = Session::new(&config, Instant::ZERO).unwrap();
    let open_req = s.poll_transmit().unwrap().len();
    s.advance_transmit(open_req);
    assert_eq!(
        s.handle_receive(Instant::ZERO, &open_conf(version)),
        34 + usize::from(version >= Version::V19) * 4 + usize::from(version >= Version::V24) * 2
    );
    let mut events = Vec::new();
    while let Some(e) = s.poll_event() {
        events.push(format!("{e:?}").split('(').next().unwrap().to_string());
    }
    let req = framed(278, &0x77u32.to_be_bytes());
    assert_eq!(
        s.handle_receive(Instant::from_millis(1000), &req),
        req.len()
    );
    while let Some(e) = s.poll_event() {
        if let Event::Message(m) = e {
            events.push(format!("message {}", m.message_type().0));
        }
    }
    let sent = s
        .poll_transmit()
        .map(|b| messages(b, version))
        .unwrap_or_default();
    (sent, events, s.stats().maintenance_requests_answered)
}

#[test]
fn a_v24_session_answers_active_maintenance_req_at_once() {
    let config = Config::new("desk", b"").with_version(Version::V24);
    let (sent, events, answered) = maintenance(config);
    // Answered while handling the very input that brought the request: well within 5 s.
    assert_eq!(sent, [(279, hex("00000077 0001"))]);
    assert_eq!(answered, 1);
    // The application is told as well.
    assert_eq!(events, ["Opened", "message 278"]);
    // The answer is the catalogue's ACTIVE_MAINTENANCE_RESP_MSG.
    let body = &sent[0].1;
    let m = Message::decode(MessageType(279), body, Version::V24).unwrap();
    let Message::ActiveMaintenanceResp(ActiveMaintenanceResp {
        invoke_id,
        maintenance_mode_accepted,
        floating,
        ..
    }) = m
    else {
        panic!("{m:?}")
    };
    assert_eq!(invoke_id.0, 0x77);
    assert_eq!(maintenance_mode_accepted, cti_proto::wire::Bool::TRUE);
    assert!(floating.bytes().is_empty());
}

#[test]
fn a_client_that_vetoes_maintenance_answers_rejected() {
    let config = Config::new("desk", b"")
        .with_version(Version::V25)
        .with_accept_maintenance(false);
    let (sent, _, answered) = maintenance(config);
    assert_eq!(sent, [(279, hex("00000077 0000"))]);
    assert_eq!(answered, 1);
}

#[test]
fn before_v24_type_278_is_unknown_and_unanswered() {
    for version in [Version::V15, Version::V20, Version::V23] {
        let config = Config::new("desk", b"").with_version(version);
        let (sent, events, answered) = maintenance(config);
        assert_eq!((sent, answered), (vec![], 0), "{version:?}");
        // Handed out raw, and the session stays open.
        assert_eq!(events, ["Opened", "message 278"], "{version:?}");
    }
}

#[test]
fn a_session_catalogue_answers_too() {
    // A small device's session decodes 278 raw; the rule is read from the bytes.
    let config = Config::new("desk", b"").with_version(Version::V24);
    let mut s: Session<4400, 1024, 8, SessionCatalogue> =
        Session::with_buffers(&config, Instant::ZERO).unwrap();
    let n = s.poll_transmit().unwrap().len();
    s.advance_transmit(n);
    let _ = s.handle_receive(Instant::ZERO, &open_conf(Version::V24));
    while s.poll_event().is_some() {}
    let req = framed(278, &5u32.to_be_bytes());
    let _ = s.handle_receive(Instant::from_millis(10), &req);
    let sent = messages(s.poll_transmit().unwrap(), Version::V24);
    assert_eq!(sent, [(279, hex("00000005 0001"))]);
}
