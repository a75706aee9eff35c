//! The request builders of `client::request`: every builder encoded in v15 (one-byte floating
//! tags) and v20 (two-byte tags), decoded by the codec's catalogue and checked field by field
//! against what the spec says the request must carry (defaults and counts included); byte
//! vectors assembled by hand from the spec's layouts (and the real v15 capture of spec §9);
//! length limits; InvokeIDs assigned by a `Session`; and a round-trip property over arbitrary
//! values.

use cti_proto::client::request::{
    AnswerCall, ClearCall, ClearConnection, ConferenceCall, Connection, HoldCall, MakeCall,
    MonitorStart, MonitorStop, QueryAgentState, ReleaseCall, RequestError, RetrieveCall,
    SetAgentState, SetCallData, SkillGroup, TransferCall, MAX_LOGIN_SKILL_GROUPS,
};
use cti_proto::client::{Config, Event, Outcome, SendError, Session};
use cti_proto::wire::codes::{
    AgentState, AgentStateMask, AgentWorkMode, CallMsgMask, CallType, ConnectionDeviceIdType,
    DeviceIdType, ForcedFlag,
};
use cti_proto::wire::{
    Bool, Encode, EncodeError, InvokeId, Message, MessageType, NamedArray, NamedVar, Str, Version,
    HEADER_LEN,
};
use cti_proto::Instant;
use quickcheck::{Arbitrary, Gen, QuickCheck, TestResult};

const VERSIONS: [Version; 2] = [Version::V15, Version::V20];

/// Spec §5.11.
const NULL_CALL_ID: u32 = 0xFFFF_FFFF;

fn unhex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Encodes `m` into a buffer of exactly `encoded_len`, checking that the length written is the
/// length announced, that MessageLength counts the body, and that one byte less is refused.
fn encode<E: Encode>(m: &E, version: Version) -> Vec<u8> {
    let len = m.encoded_len(version);
    let mut out = vec![0xAA; len];
    let n = m.encode(version, &mut out).expect("encodes");
    assert_eq!(n, len, "{version:?}: encoded_len");
    let body = u32::from_be_bytes(out[0..4].try_into().unwrap()) as usize;
    assert_eq!(
        body + HEADER_LEN,
        len,
        "{version:?}: MessageLength is the body's length"
    );
    assert_eq!(
        u32::from_be_bytes(out[4..8].try_into().unwrap()),
        m.message_type().0
    );
    assert_eq!(m.invoke_id(), Some(InvokeId(0)));
    assert_eq!(out[8..12], [0, 0, 0, 0], "InvokeID left for send");
    let mut short = vec![0u8; len - 1];
    assert_eq!(
        m.encode(version, &mut short),
        Err(EncodeError::BufferTooSmall { needed: len })
    );
    out
}

/// Decodes one whole message with the catalogue, checking every floating field belongs to the
/// message type's layout.
fn decode(bytes: &[u8], version: Version) -> Message<'_> {
    let t = MessageType(u32::from_be_bytes(bytes[4..8].try_into().unwrap()));
    let m = Message::decode(t, &bytes[HEADER_LEN..], version).expect("decodes");
    let spec = m.spec().expect("known type");
    assert!(
        !matches!(m, Message::Unknown(_)),
        "{version:?}: decoded raw: {m:?}"
    );
    if let Some(floating) = floating_of(&m) {
        for f in floating.iter() {
            assert!(
                spec.floating_field(f.tag).is_some(),
                "tag {} is not in {}",
                f.tag,
                spec.name
            );
        }
    }
    m
}

fn floating_of<'a>(m: &Message<'a>) -> Option<cti_proto::wire::Floating<'a>> {
    Some(match m {
        Message::SetAgentStateReq(m) => m.floating,
        Message::QueryAgentStateReq(m) => m.floating,
        Message::MakeCallReq(m) => m.floating,
        Message::AnswerCallReq(m) => m.floating,
        Message::ClearCallReq(m) => m.floating,
        Message::ClearConnectionReq(m) => m.floating,
        Message::HoldCallReq(m) => m.floating,
        Message::RetrieveCallReq(m) => m.floating,
        Message::ReleaseCallReq(m) => m.floating,
        Message::TransferCallReq(m) => m.floating,
        Message::ConferenceCallReq(m) => m.floating,
        Message::SetCallDataReq(m) => m.floating,
        Message::MonitorStartReq(m) => m.floating,
        Message::MonitorStopReq(m) => m.floating,
        _ => return None,
    })
}

fn s(text: &str) -> Option<Str<'_>> {
    Some(Str::from(text))
}

// ----- the call data every call-placing request and SET_CALL_DATA_REQ carry -----

const VARS: &[(&str, &str)] = &[("user.account", "42-17"), ("user.lang", "")];
const ARRAYS: &[(&str, u8, &str)] = &[("user.items", 0, "apples"), ("user.items", 3, "pears")];
const UUI: &[u8] = &[0, 1, 2, 0xff];

macro_rules! with_call_data {
    ($b:expr) => {
        $b.ani("0201234567")
            .user_to_user_info(UUI)
            .dnis("8001")
            .caller_entered_digits("1#")
            .router_call_key_day(150_000)
            .router_call_key_call_id(77)
            .router_call_key_sequence_number(2)
            .call_variable(1, "first")
            .unwrap()
            .call_variable(10, "tenth")
            .unwrap()
            .call_variable(5, "fifth")
            .unwrap()
            .call_wrapup_data("sold")
            .named_variables(VARS)
            .named_arrays(ARRAYS)
    };
}

macro_rules! check_call_data {
    ($m:expr, $dialed:expr) => {{
        let m = $m;
        assert_eq!(m.ani(), s("0201234567"));
        assert_eq!(m.user_to_user_info(), Some(UUI));
        assert_eq!(m.dnis(), s("8001"));
        assert_eq!(m.dialed_number(), $dialed);
        assert_eq!(m.caller_entered_digits(), s("1#"));
        assert_eq!(m.router_call_key_day(), Some(150_000));
        assert_eq!(m.router_call_key_call_id(), Some(77));
        assert_eq!(m.router_call_key_sequence_number(), Some(2));
        assert_eq!(m.call_variable_1(), s("first"));
        for v in [
            m.call_variable_2(),
            m.call_variable_3(),
            m.call_variable_4(),
            m.call_variable_6(),
            m.call_variable_7(),
            m.call_variable_8(),
            m.call_variable_9(),
        ] {
            assert_eq!(v, None);
        }
        assert_eq!(m.call_variable_5(), s("fifth"));
        assert_eq!(m.call_variable_10(), s("tenth"));
        assert_eq!(m.call_wrapup_data(), s("sold"));
        let vars: Vec<NamedVar<'_>> = m.named_variables().collect();
        let want: Vec<NamedVar<'_>> = VARS
            .iter()
            .map(|&(name, value)| NamedVar {
                name: Str::from(name),
                value: Str::from(value),
            })
            .collect();
        assert_eq!(vars, want);
        let arrays: Vec<NamedArray<'_>> = m.named_arrays().collect();
        let want: Vec<NamedArray<'_>> = ARRAYS
            .iter()
            .map(|&(name, index, value)| NamedArray {
                index,
                name: Str::from(name),
                value: Str::from(value),
            })
            .collect();
        assert_eq!(arrays, want);
        assert_eq!(m.num_named_variables, 2);
        assert_eq!(m.num_named_arrays, 2);
    }};
}

/// A call-placing request without call data: only what the constructor put in.
macro_rules! check_no_call_data {
    ($m:expr, $dialed:expr) => {{
        let m = $m;
        assert_eq!(m.ani(), None);
        assert_eq!(m.user_to_user_info(), None);
        assert_eq!(m.dnis(), None);
        assert_eq!(m.dialed_number(), $dialed);
        assert_eq!(m.caller_entered_digits(), None);
        assert_eq!(m.router_call_key_day(), None);
        assert_eq!(m.call_variable_1(), None);
        assert_eq!(m.call_variable_10(), None);
        assert_eq!(m.call_wrapup_data(), None);
        assert_eq!(m.named_variables().count(), 0);
        assert_eq!(m.named_arrays().count(), 0);
        assert_eq!(m.num_named_variables, 0);
        assert_eq!(m.num_named_arrays, 0);
    }};
}

/// The placement fields' defaults: 0 for the enumerations and AlertRings, false for the BOOLs.
macro_rules! check_default_placement {
    ($m:expr) => {{
        let m = $m;
        assert_eq!(m.call_placement_type, 0);
        assert_eq!(m.call_manner_type, 0);
        assert_eq!(m.alert_rings, 0);
        assert_eq!(m.call_option, 0);
        assert_eq!(m.facility_type, 0);
        assert_eq!(m.answering_machine, 0);
        assert_eq!(m.priority, Bool::FALSE);
        assert_eq!(m.post_route, Bool::FALSE);
    }};
}

macro_rules! with_placement {
    ($b:expr) => {
        $b.call_placement_type(1)
            .call_manner_type(2)
            .alert_rings(4)
            .call_option(5)
            .facility_type(6)
            .answering_machine(7)
            .priority(true)
            .post_route(true)
    };
}

macro_rules! check_placement {
    ($m:expr) => {{
        let m = $m;
        assert_eq!(m.call_placement_type, 1);
        assert_eq!(m.call_manner_type, 2);
        assert_eq!(m.alert_rings, 4);
        assert_eq!(m.call_option, 5);
        assert_eq!(m.facility_type, 6);
        assert_eq!(m.answering_machine, 7);
        assert_eq!(m.priority, Bool::TRUE);
        assert_eq!(m.post_route, Bool::TRUE);
    }};
}

// ----- one test per builder -----

#[test]
fn set_agent_state_defaults() {
    for v in VERSIONS {
        let b = encode(&SetAgentState::new(5000, "1001", AgentState::LOGOUT), v);
        let Message::SetAgentStateReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.invoke_id, InvokeId(0));
        assert_eq!(m.peripheral_id, 5000);
        assert_eq!(m.agent_state, AgentState::LOGOUT);
        assert_eq!(m.agent_work_mode, AgentWorkMode::UNSPECIFIED);
        assert_eq!(m.num_skill_groups, 0);
        assert_eq!(m.event_reason_code, 0);
        assert_eq!(m.forced_flag, ForcedFlag::FALSE);
        assert_eq!(m.agent_service_req, 0);
        assert_eq!(m.agent_instrument(), s("1001"));
        assert_eq!(m.agent_id(), None);
        assert_eq!(m.agent_password(), None);
        assert_eq!(m.position_id(), None);
        assert_eq!(m.supervisor_id(), None);
        assert_eq!(m.skill_groups().count(), 0);
        assert_eq!(m.floating.iter().count(), 1);
    }
}

#[test]
fn set_agent_state_every_field() {
    let groups = [SkillGroup::new(101, 1), SkillGroup::new(-2, 0)];
    for v in VERSIONS {
        let req = SetAgentState::new(5000, "1001", AgentState::NOT_READY)
            .agent_work_mode(AgentWorkMode::MANUAL_IN)
            .event_reason_code(12)
            .forced_flag(ForcedFlag::TRUE)
            .agent_service_req(1)
            .agent_id("2001")
            .agent_password("s3cret")
            .position_id("P1")
            .supervisor_id("9000")
            .skill_groups(&groups)
            .unwrap();
        let b = encode(&req, v);
        let Message::SetAgentStateReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.peripheral_id, 5000);
        assert_eq!(m.agent_state, AgentState::NOT_READY);
        assert_eq!(m.agent_work_mode, AgentWorkMode::MANUAL_IN);
        assert_eq!(m.num_skill_groups, 2);
        assert_eq!(m.event_reason_code, 12);
        assert_eq!(m.forced_flag, ForcedFlag::TRUE);
        assert_eq!(m.agent_service_req, 1);
        assert_eq!(m.agent_instrument(), s("1001"));
        assert_eq!(m.agent_id(), s("2001"));
        assert_eq!(m.agent_password(), s("s3cret"));
        assert_eq!(m.position_id(), s("P1"));
        assert_eq!(m.supervisor_id(), s("9000"));
        let got: Vec<(Option<i32>, Option<u16>)> = m
            .skill_groups()
            .map(|g| (g.skill_group_number(), g.skill_group_priority()))
            .collect();
        assert_eq!(got, [(Some(101), Some(1)), (Some(-2), Some(0))]);
    }
}

#[test]
fn set_agent_state_password_is_not_debug_printed() {
    let req = SetAgentState::new(5000, "1001", AgentState::LOGIN)
        .agent_id("1001")
        .agent_password("hunter2-secret");
    let shown = format!("{req:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("1001"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    // A copy sends the same bytes (the builder is `Copy`; it has no `PartialEq`, so that a
    // password is never compared in variable time).
    let copy = req;
    assert_eq!(encode(&copy, Version::V15), encode(&req, Version::V15));
}

#[test]
fn set_agent_state_skill_group_limit() {
    let groups = [SkillGroup::new(1, 0); MAX_LOGIN_SKILL_GROUPS + 1];
    let b = SetAgentState::new(1, "1", AgentState::LOGIN);
    assert!(b.skill_groups(&groups[..MAX_LOGIN_SKILL_GROUPS]).is_ok());
    assert_eq!(
        b.skill_groups(&groups).err(),
        Some(RequestError::TooManySkillGroups { count: 11 })
    );
}

#[test]
fn query_agent_state_constructors() {
    for v in VERSIONS {
        let cases = [
            (
                QueryAgentState::by_agent_id(5000, "2"),
                None,
                s("2"),
                None,
                0,
            ),
            (
                QueryAgentState::by_agent_instrument(5000, "1000"),
                None,
                None,
                s("1000"),
                0,
            ),
            (
                QueryAgentState::by_agent_extension(5000, "1000"),
                s("1000"),
                None,
                None,
                0,
            ),
            (
                QueryAgentState::by_icm_agent_id(5000, 5007),
                None,
                None,
                None,
                5007,
            ),
        ];
        for (req, ext, id, instrument, icm) in cases {
            let b = encode(&req, v);
            let Message::QueryAgentStateReq(m) = decode(&b, v) else {
                panic!()
            };
            assert_eq!(m.peripheral_id, 5000);
            assert_eq!(m.mrd_id, 0);
            assert_eq!(m.icm_agent_id, icm);
            assert_eq!(m.agent_extension(), ext);
            assert_eq!(m.agent_id(), id);
            assert_eq!(m.agent_instrument(), instrument);
        }
        let req = QueryAgentState::by_agent_id(7, "2")
            .mrd_id(4)
            .icm_agent_id(-1)
            .agent_extension("3000")
            .agent_instrument("3001");
        let b = encode(&req, v);
        let Message::QueryAgentStateReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!((m.peripheral_id, m.mrd_id, m.icm_agent_id), (7, 4, -1));
        assert_eq!(m.agent_extension(), s("3000"));
        assert_eq!(m.agent_id(), s("2"));
        assert_eq!(m.agent_instrument(), s("3001"));
    }
}

#[test]
fn make_call() {
    for v in VERSIONS {
        let b = encode(&MakeCall::new(5000, "1001", "5551234"), v);
        let Message::MakeCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.peripheral_id, 5000);
        check_default_placement!(&m);
        assert_eq!(m.agent_instrument(), s("1001"));
        check_no_call_data!(&m, s("5551234"));
        assert_eq!(m.facility_code(), None);
        assert_eq!(m.floating.iter().count(), 2);

        let req = with_call_data!(with_placement!(MakeCall::new(5000, "1001", "5551234")))
            .facility_code("9")
            .authorization_code("1234")
            .account_code("77");
        let b = encode(&req, v);
        let Message::MakeCallReq(m) = decode(&b, v) else {
            panic!()
        };
        check_placement!(&m);
        assert_eq!(m.agent_instrument(), s("1001"));
        check_call_data!(&m, s("5551234"));
        assert_eq!(m.facility_code(), s("9"));
        assert_eq!(m.authorization_code(), s("1234"));
        assert_eq!(m.account_code(), s("77"));
    }
}

macro_rules! one_call_request {
    ($name:ident, $B:ident, $View:ident) => {
        #[test]
        fn $name() {
            for v in VERSIONS {
                let b = encode(&$B::new(5000, 0x0102_0304, "1001"), v);
                let Message::$View(m) = decode(&b, v) else {
                    panic!()
                };
                assert_eq!(m.peripheral_id, 5000);
                assert_eq!(m.connection_call_id, 0x0102_0304);
                assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::STATIC);
                assert_eq!(m.connection_device_id(), s("1001"));
                assert_eq!(m.agent_instrument(), None);

                let req = $B::new(1, 2, "3")
                    .connection_device_id_type(ConnectionDeviceIdType::DYNAMIC)
                    .agent_instrument("1001");
                let b = encode(&req, v);
                let Message::$View(m) = decode(&b, v) else {
                    panic!()
                };
                assert_eq!((m.peripheral_id, m.connection_call_id), (1, 2));
                assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::DYNAMIC);
                assert_eq!(m.connection_device_id(), s("3"));
                assert_eq!(m.agent_instrument(), s("1001"));
            }
        }
    };
}

one_call_request!(answer_call, AnswerCall, AnswerCallReq);
one_call_request!(clear_call, ClearCall, ClearCallReq);
one_call_request!(clear_connection, ClearConnection, ClearConnectionReq);

#[test]
fn hold_call() {
    for v in VERSIONS {
        let b = encode(&HoldCall::new(5000, 9, "1001"), v);
        let Message::HoldCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!((m.peripheral_id, m.connection_call_id), (5000, 9));
        assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::STATIC);
        assert_eq!(m.reservation, Bool::FALSE);
        assert_eq!(m.connection_device_id(), s("1001"));
        assert_eq!(m.agent_instrument(), None);

        let req = HoldCall::new(5000, 9, "1001")
            .reservation(true)
            .connection_device_id_type(ConnectionDeviceIdType::DYNAMIC)
            .agent_instrument("1001");
        let b = encode(&req, v);
        let Message::HoldCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.reservation, Bool::TRUE);
        assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::DYNAMIC);
        assert_eq!(m.agent_instrument(), s("1001"));
    }
}

#[test]
fn retrieve_call() {
    for v in VERSIONS {
        let b = encode(&RetrieveCall::new(5000, 9, "1001"), v);
        let Message::RetrieveCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!((m.peripheral_id, m.held_connection_call_id), (5000, 9));
        assert_eq!(
            m.held_connection_device_id_type,
            ConnectionDeviceIdType::STATIC
        );
        assert_eq!(m.held_connection_device_id(), s("1001"));
        assert_eq!(m.agent_instrument(), None);

        let req = RetrieveCall::new(5000, 9, "1001")
            .held_connection_device_id_type(ConnectionDeviceIdType::DYNAMIC)
            .agent_instrument("1002");
        let b = encode(&req, v);
        let Message::RetrieveCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(
            m.held_connection_device_id_type,
            ConnectionDeviceIdType::DYNAMIC
        );
        assert_eq!(m.agent_instrument(), s("1002"));
    }
}

#[test]
fn release_call() {
    for v in VERSIONS {
        let req = ReleaseCall::new(5000, 9, "1001");
        let b = encode(&req, v);
        let Message::ReleaseCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!((m.peripheral_id, m.connection_call_id), (5000, 9));
        assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::STATIC);
        assert_eq!(m.connection_device_id(), s("1001"));
        let b = encode(
            &req.connection_device_id_type(ConnectionDeviceIdType::DYNAMIC),
            v,
        );
        let Message::ReleaseCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::DYNAMIC);
    }
}

#[test]
fn transfer_call() {
    let active = Connection::new(11, "1001").device_id_type(ConnectionDeviceIdType::DYNAMIC);
    let held = Connection::new(10, "1001");
    for v in VERSIONS {
        let b = encode(&TransferCall::new(5000, active, held), v);
        let Message::TransferCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.peripheral_id, 5000);
        assert_eq!(m.active_connection_call_id, 11);
        assert_eq!(m.held_connection_call_id, 10);
        assert_eq!(
            m.active_connection_device_id_type,
            ConnectionDeviceIdType::DYNAMIC
        );
        assert_eq!(
            m.held_connection_device_id_type,
            ConnectionDeviceIdType::STATIC
        );
        assert_eq!(m.active_connection_device_id(), s("1001"));
        assert_eq!(m.held_connection_device_id(), s("1001"));
        assert_eq!(m.agent_instrument(), None);
        check_default_placement!(&m);
        check_no_call_data!(&m, None);

        // Single step: no held call (NULL_CALL_ID, CONNECTION_ID_NONE, spec §5.11).
        let req = with_call_data!(with_placement!(TransferCall::single_step(
            5000, active, "5550000"
        )))
        .agent_instrument("1001")
        .account_code("8");
        let b = encode(&req, v);
        let Message::TransferCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.active_connection_call_id, 11);
        assert_eq!(m.held_connection_call_id, NULL_CALL_ID);
        assert_eq!(
            m.held_connection_device_id_type,
            ConnectionDeviceIdType::NONE
        );
        assert_eq!(m.held_connection_device_id(), None);
        assert_eq!(m.agent_instrument(), s("1001"));
        check_placement!(&m);
        check_call_data!(&m, s("5550000"));
        assert_eq!(m.account_code(), s("8"));
    }
}

#[test]
fn conference_call() {
    let active = Connection::new(11, "1001");
    let held = Connection::new(10, "2002").device_id_type(ConnectionDeviceIdType::DYNAMIC);
    for v in VERSIONS {
        let b = encode(&ConferenceCall::new(5000, active, held), v);
        let Message::ConferenceCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.peripheral_id, 5000);
        assert_eq!(m.held_connection_call_id, 10);
        assert_eq!(m.active_connection_call_id, 11);
        assert_eq!(
            m.held_connection_device_id_type,
            ConnectionDeviceIdType::DYNAMIC
        );
        assert_eq!(
            m.active_connection_device_id_type,
            ConnectionDeviceIdType::STATIC
        );
        assert_eq!(m.held_connection_device_id(), s("2002"));
        assert_eq!(m.active_connection_device_id(), s("1001"));
        check_default_placement!(&m);
        check_no_call_data!(&m, None);

        let req = with_call_data!(with_placement!(ConferenceCall::single_step(
            5000, active, "5550000"
        )))
        .agent_instrument("1001")
        .facility_code("0");
        let b = encode(&req, v);
        let Message::ConferenceCallReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.held_connection_call_id, NULL_CALL_ID);
        assert_eq!(
            m.held_connection_device_id_type,
            ConnectionDeviceIdType::NONE
        );
        assert_eq!(m.held_connection_device_id(), None);
        assert_eq!(m.active_connection_device_id(), s("1001"));
        assert_eq!(m.agent_instrument(), s("1001"));
        check_placement!(&m);
        check_call_data!(&m, s("5550000"));
        assert_eq!(m.facility_code(), s("0"));
    }
}

#[test]
fn set_call_data() {
    for v in VERSIONS {
        let b = encode(&SetCallData::new(5000, 9, "1001"), v);
        let Message::SetCallDataReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.peripheral_id, 5000);
        assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::STATIC);
        assert_eq!(m.connection_call_id, 9);
        assert_eq!(m.call_type, CallType(0xFFFF), "NULL_CALLTYPE, spec §5.11");
        assert_eq!(m.called_party_disposition, 0);
        assert_eq!(m.campaign_id, 0);
        assert_eq!(m.query_rule_id, 0);
        assert_eq!(m.connection_device_id(), s("1001"));
        assert_eq!(m.customer_phone_number(), None);
        assert_eq!(m.customer_account_number(), None);
        check_no_call_data!(&m, None);
        assert_eq!(m.floating.iter().count(), 1);

        let req = with_call_data!(SetCallData::new(5000, 9, "1001"))
            .dialed_number("8000")
            .connection_device_id_type(ConnectionDeviceIdType::DYNAMIC)
            .call_type(CallType::ACD_IN)
            .called_party_disposition(3)
            .campaign_id(44)
            .query_rule_id(45)
            .customer_phone_number("0201234567")
            .customer_account_number("A-1");
        let b = encode(&req, v);
        let Message::SetCallDataReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::DYNAMIC);
        assert_eq!(m.call_type, CallType::ACD_IN);
        assert_eq!(m.called_party_disposition, 3);
        assert_eq!((m.campaign_id, m.query_rule_id), (44, 45));
        assert_eq!(m.customer_phone_number(), s("0201234567"));
        assert_eq!(m.customer_account_number(), s("A-1"));
        check_call_data!(&m, s("8000"));
    }
}

#[test]
fn monitor_start() {
    for v in VERSIONS {
        let b = encode(&MonitorStart::call(5000, 9, "1001"), v);
        let Message::MonitorStartReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!((m.peripheral_id, m.connection_call_id), (5000, 9));
        assert_eq!(m.call_msg_mask, CallMsgMask(0x0FFF_FFFF), "spec §5.3");
        assert_eq!(m.agent_state_mask, AgentStateMask(0x3FF), "spec §5.4");
        assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::STATIC);
        assert_eq!(m.monitored_device_type, DeviceIdType::NONE);
        assert_eq!(m.connection_device_id(), s("1001"));
        assert_eq!(m.monitored_device_id(), None);

        let req = MonitorStart::device(5000, "1001")
            .call_msg_mask(CallMsgMask::CALL_DELIVERED | CallMsgMask::CALL_CLEARED)
            .agent_state_mask(AgentStateMask::EMPTY)
            .monitored_device_type(DeviceIdType::AGENT_DEVICE);
        let b = encode(&req, v);
        let Message::MonitorStartReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.connection_call_id, NULL_CALL_ID);
        assert_eq!(m.call_msg_mask, CallMsgMask(0x21));
        assert_eq!(m.agent_state_mask, AgentStateMask(0));
        assert_eq!(m.connection_device_id_type, ConnectionDeviceIdType::NONE);
        assert_eq!(m.monitored_device_type, DeviceIdType::AGENT_DEVICE);
        assert_eq!(m.connection_device_id(), None);
        assert_eq!(m.monitored_device_id(), s("1001"));

        let b = encode(&MonitorStart::device(1, "2"), v);
        let Message::MonitorStartReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.monitored_device_type, DeviceIdType::DEVICE_IDENTIFIER);
    }
}

#[test]
fn monitor_stop() {
    for v in VERSIONS {
        let b = encode(&MonitorStop::new(0xDEAD_BEEF), v);
        let Message::MonitorStopReq(m) = decode(&b, v) else {
            panic!()
        };
        assert_eq!(m.monitor_id, 0xDEAD_BEEF);
        assert!(m.floating.is_empty());
    }
}

// ----- byte vectors assembled from the spec's layouts -----

#[test]
fn set_agent_state_bytes_v15() {
    // Spec §3.18: fixed body 21, then tag/length/data per field (§1.3); strings end in NUL.
    let want = unhex(
        "00000032 00000026
         00000000 00001388 0003 0002 0001 0007 01 00000001
         06 05 3130303100
         05 05 3230303100
         31 03 707700
         3e 04 00000065
         40 02 0002",
    );
    let groups = [SkillGroup::new(101, 2)];
    let req = SetAgentState::new(5000, "1001", AgentState::AVAILABLE)
        .agent_work_mode(AgentWorkMode::MANUAL_IN)
        .event_reason_code(7)
        .forced_flag(ForcedFlag::TRUE)
        .agent_service_req(1)
        .agent_id("2001")
        .agent_password("pw")
        .skill_groups(&groups)
        .unwrap();
    assert_eq!(encode(&req, Version::V15), want);
}

#[test]
fn answer_call_bytes_v20() {
    // Spec §3.21 fixed part; from v20 a floating field has a two-byte tag and length.
    let want = unhex(
        "00000020 0000002a
         00000000 00001388 00000009 0001
         0019 0005 3130303100
         0006 0005 3130303200",
    );
    let req = AnswerCall::new(5000, 9, "1001")
        .connection_device_id_type(ConnectionDeviceIdType::DYNAMIC)
        .agent_instrument("1002");
    assert_eq!(encode(&req, Version::V20), want);
}

#[test]
fn set_call_data_bytes_v15() {
    // Spec §3.21 fixed part (30 bytes); CallVariable2 (tag 14), a NAMEDVAR (82) and a
    // NAMEDARRAY (83) as spec §1.4 lays them out; counts 1 and 1; CallType NULL_CALLTYPE.
    let want = unhex(
        "00000033 0000001a
         00000000 00001388 0000 00000009 0001 0001 ffff 0000 00000000 00000000
         19 02 3100
         0e 02 7800
         52 04 6100 6200
         53 05 03 6300 6400",
    );
    let req = SetCallData::new(5000, 9, "1")
        .call_variable(2, "x")
        .unwrap()
        .named_variables(&[("a", "b")])
        .named_arrays(&[("c", 3, "d")]);
    assert_eq!(encode(&req, Version::V15), want);
}

#[test]
fn monitor_stop_bytes() {
    // Spec §3.21: InvokeID, MonitorID; no floating part, so v15 and v20 agree.
    let want = unhex("00000008 0000005f 00000000 0000002a");
    for v in VERSIONS {
        assert_eq!(encode(&MonitorStop::new(42), v), want);
    }
}

const OPEN_CONF: &str = "00000028 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011
    0009 e402 0001 d004 00001388 e002 0000";

fn open_session() -> Session {
    let mut s = Session::new(&Config::new("desk", b""), Instant::ZERO).unwrap();
    let n = s.poll_transmit().unwrap().len();
    s.advance_transmit(n);
    let conf = unhex(OPEN_CONF);
    assert_eq!(s.handle_receive(Instant::from_millis(5), &conf), conf.len());
    assert!(matches!(s.poll_event(), Some(Event::Opened(_))));
    s
}

#[test]
fn query_agent_state_is_the_v15_capture() {
    // Spec §9: CTI OS's QUERY_AGENT_STATE_REQ, InvokeID 2 (the first request after OPEN_REQ).
    let capture =
        unhex("0000001b 00000024 00000002 00001388 00000000 00000000 05 02 3200 06 05 3130303000");
    let mut s = open_session();
    let req = QueryAgentState::by_agent_id(5000, "2").agent_instrument("1000");
    let id = s.send(Instant::from_millis(6), &req).unwrap();
    assert_eq!(id, InvokeId(2));
    assert_eq!(s.poll_transmit().unwrap(), &capture[..]);
}

// ----- sending -----

/// Sends one request through a session.
type Sender<'a> = Box<dyn Fn(&mut Session) -> Result<InvokeId, SendError> + 'a>;

#[test]
fn send_assigns_increasing_invoke_ids() {
    let mut s = open_session();
    let now = Instant::from_millis(6);
    let active = Connection::new(11, "1001");
    let groups = [SkillGroup::new(1, 1)];
    let requests: Vec<Sender<'_>> = vec![
        Box::new(|s| s.send(now, &SetAgentState::new(5000, "1001", AgentState::LOGIN))),
        Box::new(|s| {
            let r = SetAgentState::new(5000, "1001", AgentState::LOGIN)
                .skill_groups(&groups)
                .unwrap();
            s.send(now, &r)
        }),
        Box::new(|s| s.send(now, &MakeCall::new(5000, "1001", "123"))),
        Box::new(|s| s.send(now, &AnswerCall::new(5000, 1, "1001"))),
        Box::new(|s| s.send(now, &ClearCall::new(5000, 1, "1001"))),
        Box::new(|s| s.send(now, &ClearConnection::new(5000, 1, "1001"))),
        Box::new(|s| s.send(now, &HoldCall::new(5000, 1, "1001"))),
        Box::new(|s| s.send(now, &RetrieveCall::new(5000, 1, "1001"))),
        Box::new(|s| s.send(now, &ReleaseCall::new(5000, 1, "1001"))),
        Box::new(|s| s.send(now, &TransferCall::single_step(5000, active, "9"))),
        Box::new(|s| s.send(now, &ConferenceCall::single_step(5000, active, "9"))),
        Box::new(|s| s.send(now, &SetCallData::new(5000, 1, "1001"))),
        Box::new(|s| s.send(now, &QueryAgentState::by_agent_id(5000, "1"))),
        Box::new(|s| s.send(now, &MonitorStart::device(5000, "1001"))),
        Box::new(|s| s.send(now, &MonitorStop::new(3))),
    ];
    let mut last = 1; // OPEN_REQ's
    for send in &requests {
        let id = send(&mut s).unwrap();
        assert!(id.0 > last, "{} after {last}", id.0);
        last = id.0;
        let bytes = s.poll_transmit().unwrap().to_vec();
        assert_eq!(
            bytes[8..12],
            id.0.to_be_bytes(),
            "the InvokeID is in the bytes"
        );
        let m = decode(&bytes, Version::V15);
        assert_eq!(m.invoke_id(), Some(id));
        s.advance_transmit(bytes.len());
    }

    // A confirmation completes the request with the InvokeID send returned.
    let mut conf = unhex("00000004 00000060 00000000"); // MONITOR_STOP_CONF
    conf[8..].copy_from_slice(&last.to_be_bytes());
    assert_eq!(s.handle_receive(Instant::from_millis(7), &conf), conf.len());
    match s.poll_event() {
        Some(Event::Completed {
            invoke_id,
            request,
            outcome: Outcome::Conf(_),
        }) => {
            assert_eq!(invoke_id, InvokeId(last));
            assert_eq!(request, MessageType::MONITOR_STOP_REQ);
        }
        other => panic!("{other:?}"),
    }
}

// ----- limits -----

fn too_long<E: Encode>(req: &E, tag: u16, length: usize) {
    for v in VERSIONS {
        let mut out = vec![0u8; req.encoded_len(v) + 16];
        assert_eq!(
            req.encode(v, &mut out),
            Err(EncodeError::FieldTooLong { tag, length }),
            "{v:?}"
        );
    }
}

#[test]
fn strings_at_their_maximum_are_sent_one_more_is_an_error() {
    let id11 = "a".repeat(11);
    let id12 = "a".repeat(12);
    let s40 = "v".repeat(40);
    let s41 = "v".repeat(41);
    let s63 = "d".repeat(63);
    let s64 = "d".repeat(64);
    for v in VERSIONS {
        // AgentID: STRING 12, the NUL included (spec §3.18, §4).
        let ok = SetAgentState::new(1, &s63, AgentState::LOGIN)
            .agent_id(&id11)
            .agent_password(&s63);
        decode(&encode(&ok, v), v);
        // CallVariable: STRING 41 (spec §8 #10).
        let ok = SetCallData::new(1, 2, &s63).call_variable(3, &s40).unwrap();
        decode(&encode(&ok, v), v);
    }
    too_long(
        &SetAgentState::new(1, "1", AgentState::LOGIN).agent_id(&id12),
        5,
        13,
    );
    too_long(&SetAgentState::new(1, &s64, AgentState::LOGIN), 6, 65);
    too_long(
        &SetAgentState::new(1, "1", AgentState::LOGIN).agent_password(&s64),
        49,
        65,
    );
    too_long(
        &SetCallData::new(1, 2, "3").call_variable(3, &s41).unwrap(),
        15,
        42,
    );
    too_long(&AnswerCall::new(1, 2, &s64), 25, 65);
    too_long(&MakeCall::new(1, "1001", &s41), 11, 42);
    too_long(&MonitorStart::device(1, &s64), 76, 65);
    too_long(
        &QueryAgentState::by_agent_extension(1, &"7".repeat(16)),
        4,
        17,
    );
    too_long(
        &SetCallData::new(1, 2, "3").customer_phone_number(&"1".repeat(20)),
        95,
        21,
    );
    // UserToUserInfo: UNSPEC 131.
    let uui = [7u8; 132];
    too_long(&SetCallData::new(1, 2, "3").user_to_user_info(&uui), 9, 132);
    decode(
        &encode(
            &SetCallData::new(1, 2, "3").user_to_user_info(&uui[..131]),
            Version::V15,
        ),
        Version::V15,
    );
}

#[test]
fn a_nul_inside_a_string_is_an_error() {
    too_long(&AnswerCall::new(1, 2, "10\u{0}01"), 25, 6);
    too_long(
        &SetCallData::new(1, 2, "3").named_variables(&[("a\u{0}b", "c")]),
        82,
        6,
    );
}

#[test]
fn named_variable_limits() {
    let name32 = "n".repeat(32);
    let name33 = "n".repeat(33);
    let value210 = "v".repeat(210);
    let value211 = "v".repeat(211);
    // ECC names up to 32 characters, values up to 210 (spec §1.4).
    let vars = [(name32.as_str(), value210.as_str())];
    for v in VERSIONS {
        let req = SetCallData::new(1, 2, "3").named_variables(&vars);
        let bytes = encode(&req, v);
        let Message::SetCallDataReq(m) = decode(&bytes, v) else {
            panic!()
        };
        assert_eq!(m.named_variables().count(), 1);
    }
    let vars = [(name33.as_str(), "x")];
    too_long(&SetCallData::new(1, 2, "3").named_variables(&vars), 82, 36);
    let vars = [("x", value211.as_str())];
    too_long(&SetCallData::new(1, 2, "3").named_variables(&vars), 82, 214);
    let arrays = [(name33.as_str(), 0, "x")];
    too_long(&MakeCall::new(1, "2", "3").named_arrays(&arrays), 83, 37);

    // At most 2000 bytes of named data a message (spec §1.4): 8 fields of 244 bytes are 1952;
    // a ninth crosses the limit.
    let vars = vec![(name32.as_str(), value210.as_str()); 9];
    for v in VERSIONS {
        let req = SetCallData::new(1, 2, "3").named_variables(&vars[..8]);
        let bytes = encode(&req, v);
        let Message::SetCallDataReq(m) = decode(&bytes, v) else {
            panic!()
        };
        assert_eq!(m.num_named_variables, 8);
    }
    too_long(
        &SetCallData::new(1, 2, "3").named_variables(&vars),
        82,
        9 * 244,
    );
    // Arrays count towards the same total.
    let arrays = [("a", 0, "b")];
    too_long(
        &SetCallData::new(1, 2, "3")
            .named_variables(&vars[..8])
            .named_arrays(&[(name32.as_str(), 1, value210.as_str())]),
        83,
        8 * 244 + 245,
    );
    let req = SetCallData::new(1, 2, "3")
        .named_variables(&vars[..8])
        .named_arrays(&arrays);
    decode(&encode(&req, Version::V15), Version::V15);
}

#[test]
fn call_variable_index_is_one_to_ten() {
    let b = SetCallData::new(1, 2, "3");
    assert_eq!(
        b.call_variable(0, "x"),
        Err(RequestError::CallVariableIndex { index: 0 })
    );
    assert_eq!(
        b.call_variable(11, "x"),
        Err(RequestError::CallVariableIndex { index: 11 })
    );
    assert!(MakeCall::new(1, "2", "3").call_variable(10, "x").is_ok());
}

#[test]
fn send_reports_a_field_too_long() {
    let mut s = open_session();
    let long = "9".repeat(41);
    let before = s.poll_transmit().map(<[u8]>::len);
    assert_eq!(
        s.send(Instant::from_millis(6), &MakeCall::new(5000, "1001", &long)),
        Err(SendError::Encode(EncodeError::FieldTooLong {
            tag: 11,
            length: 42
        }))
    );
    assert_eq!(s.poll_transmit().map(<[u8]>::len), before, "nothing queued");
    // The session goes on.
    let id = s
        .send(Instant::from_millis(7), &MakeCall::new(5000, "1001", "9"))
        .unwrap();
    assert_eq!(id, InvokeId(2));
}

// ----- property: arbitrary values round-trip -----

/// Text without NUL, up to `max` bytes (any other byte, as a `char` below 0x80 keeps it one
/// byte).
fn text(g: &mut Gen, max: usize) -> String {
    let n = usize::arbitrary(g) % (max + 1);
    (0..n)
        .map(|_| match u8::arbitrary(g) % 0x80 {
            0 => '0',
            b => char::from(b),
        })
        .collect()
}

#[derive(Clone, Debug)]
struct Values {
    peripheral_id: u32,
    call_id: u32,
    device: String,
    instrument: String,
    agent_id: String,
    password: String,
    dialed: String,
    ani: String,
    vars: Vec<(u8, String)>,
    named: Vec<(String, String)>,
    arrays: Vec<(String, u8, String)>,
    flag: bool,
    number: u16,
    /// Over-long strings (by this many bytes) to see them refused.
    overflow: usize,
}

impl Arbitrary for Values {
    fn arbitrary(g: &mut Gen) -> Self {
        let n_named = usize::arbitrary(g) % 7;
        let n_arrays = usize::arbitrary(g) % 7;
        let n_vars = usize::arbitrary(g) % 4;
        // Now and then long ECC values, so that the 2000-byte total is crossed.
        let big = u8::arbitrary(g) % 3 == 0;
        let value = |g: &mut Gen| {
            if big {
                let n = 200 + usize::arbitrary(g) % 11;
                "v".repeat(n)
            } else {
                text(g, 210)
            }
        };
        Values {
            peripheral_id: u32::arbitrary(g),
            call_id: u32::arbitrary(g),
            device: text(g, 63),
            instrument: text(g, 63),
            agent_id: text(g, 11),
            password: text(g, 63),
            dialed: text(g, 39),
            ani: text(g, 39),
            vars: (0..n_vars)
                .map(|_| (u8::arbitrary(g) % 10 + 1, text(g, 40)))
                .collect(),
            named: (0..n_named).map(|_| (text(g, 32), value(g))).collect(),
            arrays: (0..n_arrays)
                .map(|_| (text(g, 32), u8::arbitrary(g), value(g)))
                .collect(),
            flag: bool::arbitrary(g),
            number: u16::arbitrary(g),
            overflow: if u8::arbitrary(g) % 4 == 0 {
                1 + usize::arbitrary(g) % 8
            } else {
                0
            },
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        let me = self.clone();
        let mut out = Vec::new();
        let strings: [fn(&mut Values) -> &mut String; 6] = [
            |v| &mut v.device,
            |v| &mut v.instrument,
            |v| &mut v.agent_id,
            |v| &mut v.password,
            |v| &mut v.dialed,
            |v| &mut v.ani,
        ];
        for field in strings {
            let mut v = me.clone();
            let s = field(&mut v);
            if !s.is_empty() {
                s.truncate(s.len() / 2);
                out.push(v);
            }
        }
        if !me.vars.is_empty() {
            let mut v = me.clone();
            v.vars.pop();
            out.push(v);
        }
        if !me.named.is_empty() {
            let mut v = me.clone();
            v.named.pop();
            out.push(v);
        }
        if !me.arrays.is_empty() {
            let mut v = me.clone();
            v.arrays.pop();
            out.push(v);
        }
        if me.overflow > 0 {
            let mut v = me.clone();
            v.overflow = 0;
            out.push(v);
        }
        if me.peripheral_id != 0 || me.call_id != 0 || me.number != 0 {
            let mut v = me.clone();
            (v.peripheral_id, v.call_id, v.number) = (0, 0, 0);
            out.push(v);
        }
        Box::new(out.into_iter())
    }
}

fn round_trip(v: Values) -> TestResult {
    // With `overflow`, AgentID is longer than its 11 characters.
    let agent_id = if v.overflow > 0 {
        "i".repeat(11 + v.overflow)
    } else {
        v.agent_id.clone()
    };
    let named: Vec<(&str, &str)> = v
        .named
        .iter()
        .map(|(n, x)| (n.as_str(), x.as_str()))
        .collect();
    let arrays: Vec<(&str, u8, &str)> = v
        .arrays
        .iter()
        .map(|(n, i, x)| (n.as_str(), *i, x.as_str()))
        .collect();
    let mut call_vars: [Option<&str>; 10] = [None; 10];
    let mut make = MakeCall::new(v.peripheral_id, &v.instrument, &v.dialed)
        .ani(&v.ani)
        .alert_rings(v.number)
        .priority(v.flag)
        .named_variables(&named)
        .named_arrays(&arrays);
    let mut data = SetCallData::new(v.peripheral_id, v.call_id, &v.device)
        .called_party_disposition(v.number)
        .named_variables(&named)
        .named_arrays(&arrays);
    for (i, x) in &v.vars {
        make = make.call_variable(*i, x).unwrap();
        data = data.call_variable(*i, x).unwrap();
        call_vars[usize::from(*i) - 1] = Some(x);
    }
    let agent = SetAgentState::new(v.peripheral_id, &v.instrument, AgentState(v.number))
        .agent_id(&agent_id)
        .agent_password(&v.password)
        .event_reason_code(v.number);
    let named_total: usize = named
        .iter()
        .map(|(n, x)| n.len() + x.len() + 2)
        .sum::<usize>()
        + arrays
            .iter()
            .map(|(n, _, x)| n.len() + x.len() + 3)
            .sum::<usize>();

    for version in VERSIONS {
        // SET_AGENT_STATE_REQ: refused exactly when AgentID is too long.
        let mut out = vec![0u8; agent.encoded_len(version)];
        match agent.encode(version, &mut out) {
            Err(EncodeError::FieldTooLong { tag: 5, length }) if v.overflow > 0 => {
                assert_eq!(length, 12 + v.overflow);
            }
            Ok(n) if v.overflow == 0 => {
                let Message::SetAgentStateReq(m) = decode(&out[..n], version) else {
                    return TestResult::error("not SET_AGENT_STATE_REQ");
                };
                assert_eq!(m.peripheral_id, v.peripheral_id);
                assert_eq!(m.agent_state, AgentState(v.number));
                assert_eq!(m.event_reason_code, v.number);
                assert_eq!(m.agent_instrument(), s(&v.instrument));
                assert_eq!(m.agent_id(), s(&agent_id));
                assert_eq!(m.agent_password(), s(&v.password));
            }
            other => return TestResult::error(format!("{version:?}: {other:?}")),
        }

        for (which, bytes) in [
            ("make", try_encode(&make, version)),
            ("data", try_encode(&data, version)),
        ] {
            let bytes = match bytes {
                Err(EncodeError::FieldTooLong { tag, length })
                    if named_total > 2000 && (tag == 82 || tag == 83) && length > 2000 =>
                {
                    continue
                }
                Err(e) => return TestResult::error(format!("{version:?} {which}: {e}")),
                Ok(b) if named_total > 2000 => {
                    return TestResult::error(format!("{version:?} {which}: {} bytes", b.len()))
                }
                Ok(b) => b,
            };
            let m = decode(&bytes, version);
            macro_rules! check {
                ($m:expr) => {{
                    let m = $m;
                    assert_eq!(m.ani(), if which == "make" { s(&v.ani) } else { None });
                    let got = [
                        m.call_variable_1(),
                        m.call_variable_2(),
                        m.call_variable_3(),
                        m.call_variable_4(),
                        m.call_variable_5(),
                        m.call_variable_6(),
                        m.call_variable_7(),
                        m.call_variable_8(),
                        m.call_variable_9(),
                        m.call_variable_10(),
                    ];
                    assert_eq!(got, call_vars.map(|x| x.map(Str::from)));
                    let got: Vec<(Str<'_>, Str<'_>)> =
                        m.named_variables().map(|n| (n.name, n.value)).collect();
                    let want: Vec<(Str<'_>, Str<'_>)> = named
                        .iter()
                        .map(|&(n, x)| (Str::from(n), Str::from(x)))
                        .collect();
                    assert_eq!(got, want);
                    let got: Vec<(Str<'_>, u8, Str<'_>)> = m
                        .named_arrays()
                        .map(|n| (n.name, n.index, n.value))
                        .collect();
                    let want: Vec<(Str<'_>, u8, Str<'_>)> = arrays
                        .iter()
                        .map(|&(n, i, x)| (Str::from(n), i, Str::from(x)))
                        .collect();
                    assert_eq!(got, want);
                    assert_eq!(usize::from(m.num_named_variables), named.len());
                    assert_eq!(usize::from(m.num_named_arrays), arrays.len());
                    assert_eq!(m.peripheral_id, v.peripheral_id);
                }};
            }
            match m {
                Message::MakeCallReq(m) => {
                    check!(&m);
                    assert_eq!(m.agent_instrument(), s(&v.instrument));
                    assert_eq!(m.dialed_number(), s(&v.dialed));
                    assert_eq!(m.alert_rings, v.number);
                    assert_eq!(m.priority, Bool::from(v.flag));
                }
                Message::SetCallDataReq(m) => {
                    check!(&m);
                    assert_eq!(m.connection_call_id, v.call_id);
                    assert_eq!(m.connection_device_id(), s(&v.device));
                    assert_eq!(m.called_party_disposition, v.number);
                }
                other => return TestResult::error(format!("{other:?}")),
            }
        }
    }
    TestResult::passed()
}

fn try_encode<E: Encode>(m: &E, version: Version) -> Result<Vec<u8>, EncodeError> {
    let mut out = vec![0u8; m.encoded_len(version)];
    let n = m.encode(version, &mut out)?;
    assert_eq!(n, out.len());
    Ok(out)
}

#[test]
fn arbitrary_values_round_trip() {
    QuickCheck::new()
        .tests(300)
        .quickcheck(round_trip as fn(Values) -> TestResult);
}

// ----- footprint -----

/// Builders are small values: no temporary the size of a message is needed to send one (the
/// largest, with its call-data block, is a few hundred bytes even with 64-bit pointers), and
/// they are `Copy`.
#[test]
fn builders_are_small_copy_values() {
    fn copy<T: Copy>() {}
    copy::<SetAgentState<'_>>();
    copy::<MakeCall<'_>>();
    copy::<TransferCall<'_>>();
    copy::<ConferenceCall<'_>>();
    copy::<SetCallData<'_>>();
    copy::<MonitorStart<'_>>();
    copy::<MonitorStop>();
    let sizes = [
        size_of::<SetAgentState<'_>>(),
        size_of::<QueryAgentState<'_>>(),
        size_of::<MakeCall<'_>>(),
        size_of::<AnswerCall<'_>>(),
        size_of::<HoldCall<'_>>(),
        size_of::<RetrieveCall<'_>>(),
        size_of::<ReleaseCall<'_>>(),
        size_of::<TransferCall<'_>>(),
        size_of::<ConferenceCall<'_>>(),
        size_of::<SetCallData<'_>>(),
        size_of::<MonitorStart<'_>>(),
    ];
    assert!(sizes.iter().all(|&n| n <= 512), "{sizes:?}");
}
