//! Golden vectors per protocol version, hand-assembled from the versions fact sheet's offsets
//! (`spec/cti-protocol-versions.md` §3.3 OPEN_CONF, §3.4 AGENT_STATE_EVENT, §5 DIRECTION), each
//! decoded field by field and re-encoded byte for byte.

use cti_proto::wire::agent::AgentStateEvent;
use cti_proto::wire::codes::{Direction, SessionType};
use cti_proto::wire::session::OpenConf;
use cti_proto::wire::{tag, Message, MessageType, Version, MESSAGES};

/// Hex with whitespace to bytes.
fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// OPEN_CONF's 26 bytes common to every version (§3.3 off 0–25): InvokeID 1, ServicesGranted
/// 0x10, MonitorID 0, PGStatus 0, ICMCentralControllerTime 0x5746cc1e, PeripheralOnline 1,
/// PeripheralType 17, AgentState 9.
const OPEN_CONF_V15_FIXED: &str = "00000001 00000010 00000000 00000000 5746cc1e 0001 0011 0009";

fn open_conf(body: &[u8], version: Version) -> OpenConf<'_> {
    let m = OpenConf::decode(body, version).expect("decodes");
    assert_eq!(m.invoke_id.0, 1);
    assert_eq!(m.services_granted.0, 0x10);
    assert_eq!(m.icm_central_controller_time.0, 0x5746_cc1e);
    assert_eq!(m.peripheral_type.0, 17);
    assert_eq!(m.agent_state.0, 9);
    let mut out = vec![0u8; m.encoded_len(version)];
    m.encode(version, &mut out).unwrap();
    assert_eq!(&out[8..], body, "{version:?} re-encodes byte for byte");
    m
}

#[test]
fn open_conf_v15_has_26_fixed_bytes() {
    // NumPeripherals (228) = 1 in v15's one-byte tag format.
    let body = hex(&format!("{OPEN_CONF_V15_FIXED} e4 02 0001"));
    let m = open_conf(&body, Version::V15);
    assert_eq!((m.department_id, m.session_type), (None, None));
    assert_eq!(m.num_peripherals(), Some(1));
    assert_eq!(OpenConf::fixed_len(Version::V15), 26);
    assert_eq!(OpenConf::fixed_len(Version::V18), 26);
}

#[test]
fn open_conf_v19_and_v20_add_department_id_at_26() {
    // v19: DepartmentID INT at 26 (here -2), one-byte tags.
    let body = hex(&format!("{OPEN_CONF_V15_FIXED} fffffffe e4 02 0001"));
    let m = open_conf(&body, Version::V19);
    assert_eq!((m.department_id, m.session_type), (Some(-2), None));
    assert_eq!(m.num_peripherals(), Some(1));
    // v20: the same fixed part, two-byte tags and lengths.
    let body = hex(&format!("{OPEN_CONF_V15_FIXED} 00000007 00e4 0002 0001"));
    let m = open_conf(&body, Version::V20);
    assert_eq!((m.department_id, m.session_type), (Some(7), None));
    assert_eq!(m.num_peripherals(), Some(1));
    assert_eq!(OpenConf::fixed_len(Version::V20), 30);
    // A v20 body read with the v15 layout would take DepartmentID for floating fields.
    assert!(OpenConf::decode(&body, Version::V15).is_err());
}

#[test]
fn open_conf_v24_ends_with_session_type_at_30() {
    let body = hex(&format!(
        "{OPEN_CONF_V15_FIXED} 00000007 0002 00e4 0002 0001"
    ));
    let m = open_conf(&body, Version::V24);
    assert_eq!(m.department_id, Some(7));
    assert_eq!(m.session_type, Some(SessionType::STANDBY));
    assert_eq!(OpenConf::fixed_len(Version::V24), 32);
    assert_eq!(OpenConf::fixed_len(Version::V25), 32);
}

/// AGENT_STATE_EVENT's 58 bytes common to every version (v15 sheet §3.9, versions sheet §3.4).
const ASE_V15_FIXED: &str = "00000000 00001388 00000000 0011 0003 0000000a 00000001 00000002 0001
     0003 0000 00000000 00000001 0000 00000001 00001234 00000000 0000";

#[test]
fn agent_state_event_grows_by_department_id_in_v19() {
    let v15 = hex(&format!("{ASE_V15_FIXED} 05 05 3130303100"));
    let m = AgentStateEvent::decode(&v15, Version::V15).unwrap();
    assert_eq!(m.peripheral_id, 5000);
    assert_eq!(m.icm_agent_id, 0x1234);
    assert_eq!(m.department_id, None);
    assert_eq!(m.agent_id().unwrap(), "1001");
    assert_eq!(AgentStateEvent::fixed_len(Version::V15), 58);

    let v19 = hex(&format!("{ASE_V15_FIXED} 0000002a 05 05 3130303100"));
    let m = AgentStateEvent::decode(&v19, Version::V19).unwrap();
    assert_eq!(m.department_id, Some(42));
    assert_eq!(m.agent_id().unwrap(), "1001");

    // v20: two-byte tags, and Direction (244) as a UINT of 4 bytes.
    let v20 = hex(&format!(
        "{ASE_V15_FIXED} 0000002a 0005 0005 3130303100 00f4 0004 00000002"
    ));
    let m = AgentStateEvent::decode(&v20, Version::V20).unwrap();
    assert_eq!(m.department_id, Some(42));
    assert_eq!(m.direction(), Some(Direction::OUT.0));
    assert_eq!(AgentStateEvent::fixed_len(Version::V24), 62);
    let mut out = vec![0u8; m.encoded_len(Version::V20)];
    m.encode(Version::V20, &mut out).unwrap();
    assert_eq!(&out[8..], &v20[..]);
    // Read in v15's layout, the v20 sample fails: the v15 layout cannot describe it.
    assert!(AgentStateEvent::decode(&v20, Version::V15).is_err());
}

#[test]
fn direction_is_four_bytes() {
    // V25-ALI, HS, SCALA, RS, GO: UINT 4 (versions sheet §9 #1).
    let spec = tag::spec(tag::DIRECTION.id).unwrap();
    assert_eq!((spec.ty, spec.max), (tag::FloatType::UInt, 4));
    let two = hex(&format!("{ASE_V15_FIXED} 0000002a f4 02 0002"));
    assert!(
        AgentStateEvent::decode(&two, Version::V19).is_err(),
        "a 2-byte DIRECTION is malformed"
    );
}

#[test]
fn make_call_req_has_skill_group_number_from_v14() {
    let spec = MESSAGES.iter().find(|s| s.id == 56).unwrap();
    assert_eq!(spec.fixed_len_in(Version::V13), 28);
    assert_eq!(spec.fixed_len_in(Version::V14), 32);
    assert_eq!(spec.fixed_len_in(Version::V25), 32);
}

#[test]
fn versions_and_sizes() {
    assert!(Version::SUPPORTED
        .clone()
        .all(|v| Version(v).is_supported()));
    assert!(!Version(12).is_supported() && !Version(26).is_supported());
    assert_eq!(Version::V15.max_send_len(), 4329);
    assert_eq!(Version::V24.max_send_len(), 12_500);
    assert_eq!(Version::V15.max_receive_len(), 12_500);
    // Tags 312/313 change meaning in v25 (versions sheet §9 #11).
    assert_eq!(
        tag::spec_in(312, Version::V24).unwrap().name,
        "NUM_POSITIVE_ANSWERS_SUGGESTIONS"
    );
    assert_eq!(tag::spec_in(312, Version::V25).unwrap().name, "MEDIA_TYPE");
    let body = hex(OPEN_CONF_V15_FIXED);
    let m = Message::decode(MessageType(4), &body, Version::V13).unwrap();
    assert!(matches!(m, Message::OpenConf(_)));
}

#[test]
fn client_falls_back_one_version_at_a_time_on_invalid_version() {
    use cti_proto::client::Config;
    use cti_proto::wire::codes::StatusCode;
    let c = Config::new("c", b"").with_version(Version::V25);
    assert!(
        c.fallback(StatusCode::INVALID_VERSION).is_none(),
        "off by default"
    );
    let c = c.with_version_fallback(Version::V24);
    let next = c.fallback(StatusCode::INVALID_VERSION).unwrap();
    assert_eq!(next.version, Version::V24);
    assert!(
        next.fallback(StatusCode::INVALID_VERSION).is_none(),
        "not below the minimum"
    );
    assert!(
        c.fallback(StatusCode::INVALID_PASSWORD).is_none(),
        "only for the version"
    );
}

/// Versions sheet §6: a server refuses mask bits its version lacks with a mask error, so a
/// fallback keeps only the bits of the version it falls back to.
#[test]
fn fallback_drops_the_mask_bits_the_lower_version_lacks() {
    use cti_proto::client::Config;
    use cti_proto::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask, StatusCode};
    let mut c = Config::new("c", b"")
        .with_version(Version::V24)
        .with_services_requested(ServiceMask(ServiceMask::valid_bits(Version::V24)))
        .with_call_msg_mask(CallMsgMask(0xFFFF_FFFF))
        .with_agent_state_mask(AgentStateMask(0x3FFF))
        .with_version_fallback(Version::V15);
    while c.version > Version::V15 {
        c = c.fallback(StatusCode::INVALID_VERSION).unwrap();
    }
    // v15's full masks (fact sheet §5.2–5.4): CallMsgMask 0x0FFFFFFF, AgentStateMask 0x3FF,
    // and no CTI_SERVICE_ACTIVE_STANDBY (0x02000000, v24).
    assert_eq!(c.call_msg_mask.0, 0x0FFF_FFFF);
    assert_eq!(c.agent_state_mask.0, 0x3FF);
    assert_eq!(c.services_requested.0 & 0x0200_0000, 0);
    assert_eq!(c.services_requested.invalid_bits(Version::V15), 0);
}
