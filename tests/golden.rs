//! The real v15 captures of spec §9: each decodes to the documented values and re-encodes to the
//! same bytes.

use cti_proto::wire::codes::*;
use cti_proto::wire::{Decoder, Message, MessageType, Status, Version};

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

const OPEN_REQ: &str = "00000056 00000003 00000001 0000000f 7fffffff 00001388 001c0296 0fffffff
    000003ff 00000003 00000000 00000000 00000000
    010c 4354494f5353657276657200 020c 4354494f5353657276657200 030c 4354494f5353657276657200";
const OPEN_CONF: &str = "00000028 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011
    0009 e402 0001 d004 00001388 e002 0000";
const SYSTEM_EVENT: &str = "0000001a 0000001f 00000004 5746cc1e 00000003 00001388 00000000
    00000000 ffff";
const CLIENT_EVENT_REPORT_REQ: &str =
    "0000001e 00000020 00000007 0000 0702 3100 4212 4354494f535f4e554d5f434c49454e545300";
const CLIENT_EVENT_REPORT_CONF: &str = "00000004 00000021 00000007";
const QUERY_AGENT_STATE_REQ: &str =
    "0000001b 00000024 00000002 00001388 00000000 00000000 0502 3200 0605 3130303000";
const QUERY_AGENT_STATE_CONF: &str = "0000006c 00000025 00000002 0001 0003 00000001 00000000 0000
    00000000 0000138f 00000000 0502 3200 0405 3130303000 0605 3130303000
    3e04 0000bf71 3f04 00001388 4002 0000 4102 0001
    3e04 00000064 3f04 0000138d 4002 0000 4102 0001
    3e04 00000067 3f04 000013b6 4002 0000 4102 0001";
const AGENT_TEAM_CONFIG_EVENT: &str =
    "0000001e 00000080 00001388 00001388 0001 0001 5602 3100 5702 0001 5802 0001 5904 001b8a05";
const AGENT_DESK_SETTINGS_REQ: &str = "0000000c 00000083 00000001 00001388 0502 3200";
const AGENT_DESK_SETTINGS_CONF: &str = "00000043 00000084 00000001 00001388 00000200 00000001
    00000001 ffffffff ffffffff ffffffff 00000000 00000000 00000000 00000000 00000000 00000000
    00001c20 00000000 5d01 00";
const CONFIG_REQUEST_KEY_EVENT: &str = "0000000a 000000e6 00001388 8304 00000000";
const CONFIG_END_EVENT: &str = "00000004 000000ea 00000000";

/// Every capture of spec §9.
pub const CAPTURES: &[(&str, u32, &str)] = &[
    ("OPEN_REQ", 3, OPEN_REQ),
    ("OPEN_CONF", 4, OPEN_CONF),
    ("SYSTEM_EVENT", 31, SYSTEM_EVENT),
    ("CLIENT_EVENT_REPORT_REQ", 32, CLIENT_EVENT_REPORT_REQ),
    ("CLIENT_EVENT_REPORT_CONF", 33, CLIENT_EVENT_REPORT_CONF),
    ("QUERY_AGENT_STATE_REQ", 36, QUERY_AGENT_STATE_REQ),
    ("QUERY_AGENT_STATE_CONF", 37, QUERY_AGENT_STATE_CONF),
    ("AGENT_TEAM_CONFIG_EVENT", 128, AGENT_TEAM_CONFIG_EVENT),
    ("AGENT_DESK_SETTINGS_REQ", 131, AGENT_DESK_SETTINGS_REQ),
    ("AGENT_DESK_SETTINGS_CONF", 132, AGENT_DESK_SETTINGS_CONF),
    ("CONFIG_REQUEST_KEY_EVENT", 230, CONFIG_REQUEST_KEY_EVENT),
    ("CONFIG_END_EVENT", 234, CONFIG_END_EVENT),
];

fn decode(bytes: &[u8]) -> Message<'_> {
    match Decoder::default().decode(bytes) {
        Ok(Status::Complete((m, used))) => {
            assert_eq!(used, bytes.len(), "the capture is exactly one message");
            m
        }
        other => panic!("capture did not decode: {other:?}"),
    }
}

#[test]
fn every_capture_has_header_length_equal_to_body_and_reencodes_exactly() {
    for &(name, ty, h) in CAPTURES {
        let bytes = hex(h);
        let len = u32::from_be_bytes(bytes[0..4].try_into().unwrap()) as usize;
        assert_eq!(
            bytes.len(),
            8 + len,
            "{name}: MessageLength counts the body only"
        );
        let m = decode(&bytes);
        assert_eq!(m.message_type(), MessageType(ty), "{name}");
        let mut out = [0u8; 512];
        let n = m.encode(Version::V15, &mut out).unwrap();
        assert_eq!(&out[..n], &bytes[..], "{name} re-encodes byte for byte");
        assert_eq!(m.encoded_len(Version::V15), bytes.len(), "{name}");
    }
}

#[test]
fn open_req_capture() {
    let bytes = hex(OPEN_REQ);
    let Message::OpenReq(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.invoke_id.0, 1);
    assert_eq!(m.version_number, 15);
    assert_eq!(m.idle_timeout, 0x7fff_ffff);
    assert_eq!(m.peripheral_id, 5000);
    assert_eq!(
        m.services_requested,
        ServiceMask::CALL_DATA_UPDATE
            | ServiceMask::CLIENT_CONTROL
            | ServiceMask::ALL_EVENTS
            | ServiceMask::SUPERVISOR
            | ServiceMask::RESERVED9
            | ServiceMask::CONFIG_EVENTS
            | ServiceMask::UPDATE_EVENTS
            | ServiceMask::IGNORE_DUPLICATE_AGENT_EVENTS
    );
    assert_eq!(m.call_msg_mask, CallMsgMask(0x0fff_ffff));
    assert_eq!(m.call_msg_mask.0, CallMsgMask::valid_bits(Version::V15));
    assert_eq!(
        m.agent_state_mask.0,
        AgentStateMask::valid_bits(Version::V15)
    );
    assert_eq!(m.config_msg_mask, ConfigMsgMask(3));
    assert_eq!((m.reserved1, m.reserved2, m.reserved3), (0, 0, 0));
    assert_eq!(m.client_id().unwrap(), "CTIOSServer");
    assert_eq!(m.client_password().unwrap(), b"CTIOSServer\0");
    assert_eq!(m.client_signature().unwrap(), "CTIOSServer");
    assert_eq!(m.agent_id(), None);
}

#[test]
fn open_conf_capture() {
    let bytes = hex(OPEN_CONF);
    let Message::OpenConf(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.invoke_id.0, 1);
    assert_eq!(m.services_granted.0, 0x001c_0296);
    assert_eq!(m.monitor_id, 0);
    assert_eq!(m.pg_status, PgStatus::PERIPHERAL_OFFLINE);
    assert_eq!(m.icm_central_controller_time.0, 0x5746_cc1e);
    assert!(!m.peripheral_online.get());
    assert_eq!(m.peripheral_type, PeripheralType::ENTERPRISE_AGENT);
    assert_eq!(m.agent_state, AgentState::UNKNOWN);
    assert_eq!(m.num_peripherals(), Some(1));
    let p: Vec<_> = m.peripherals().collect();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].flt_peripheral_id(), Some(5000));
    assert_eq!(p[0].multiline_agent_control(), Some(0));
}

#[test]
fn system_event_capture() {
    let bytes = hex(SYSTEM_EVENT);
    let Message::SystemEvent(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.pg_status, PgStatus(4));
    assert_eq!(m.system_event_id, SystemEventId::PERIPHERAL_ONLINE);
    assert_eq!(m.system_event_arg1, 5000);
    assert_eq!(m.event_device_type, DeviceIdType::NONE);
    assert!(m.floating.is_empty());
}

#[test]
fn client_event_report_capture() {
    let bytes = hex(CLIENT_EVENT_REPORT_REQ);
    let Message::ClientEventReportReq(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.invoke_id.0, 7);
    assert_eq!(m.state, ClientEventReportState::NORMAL);
    assert_eq!(m.text().unwrap(), "1");
    assert_eq!(m.object_name().unwrap(), "CTIOS_NUM_CLIENTS");
    let bytes = hex(CLIENT_EVENT_REPORT_CONF);
    let Message::ClientEventReportConf(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.invoke_id.0, 7);
}

#[test]
fn query_agent_state_captures() {
    use cti_proto::wire::agent::QueryAgentStateConf;
    let bytes = hex(QUERY_AGENT_STATE_REQ);
    let Message::QueryAgentStateReq(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.invoke_id.0, 2);
    assert_eq!(m.peripheral_id, 5000);
    assert_eq!((m.mrd_id, m.icm_agent_id), (0, 0));
    assert_eq!(m.agent_id().unwrap(), "2");
    assert_eq!(m.agent_instrument().unwrap(), "1000");
    assert_eq!(m.agent_extension(), None);

    let bytes = hex(QUERY_AGENT_STATE_CONF);
    let Message::QueryAgentStateConf(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(QueryAgentStateConf::FIXED_LEN, 30);
    assert_eq!(m.invoke_id.0, 2);
    assert_eq!(m.agent_state, AgentState::LOGOUT);
    assert_eq!(m.num_skill_groups, 3);
    assert_eq!(m.mrd_id, 1);
    assert_eq!(m.num_tasks, 0);
    assert_eq!(m.agent_mode, 0);
    assert_eq!(m.max_task_limit, 0);
    assert_eq!(m.icm_agent_id, 5007);
    assert_eq!(
        m.agent_availability_status,
        AgentAvailabilityStatus::NOT_AVAILABLE
    );
    assert_eq!(m.agent_id().unwrap(), "2");
    assert_eq!(m.agent_extension().unwrap(), "1000");
    assert_eq!(m.agent_instrument().unwrap(), "1000");
    let groups: Vec<_> = m
        .skill_groups()
        .map(|g| {
            (
                g.skill_group_number().unwrap(),
                g.skill_group_id().unwrap(),
                g.skill_group_priority().unwrap(),
                g.skill_group_state().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            (0xbf71, 5000, 0, AgentState::LOGOUT),
            (100, 5005, 0, AgentState::LOGOUT),
            (103, 5046, 0, AgentState::LOGOUT)
        ]
    );
}

#[test]
fn agent_team_config_capture() {
    let bytes = hex(AGENT_TEAM_CONFIG_EVENT);
    let Message::AgentTeamConfigEvent(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.peripheral_id, 5000);
    assert_eq!(m.team_id, 5000);
    assert_eq!(m.number_of_agents, 1);
    assert_eq!(m.config_operation, ConfigOperation::ADD_AGENT);
    let agents: Vec<_> = m.agents().collect();
    assert_eq!(agents.len(), 1);
    assert_eq!(agents[0].atc_agent_id().unwrap(), "1");
    assert_eq!(
        agents[0].agent_flags(),
        Some(AgentFlags::PRIMARY_SUPERVISOR)
    );
    assert_eq!(agents[0].atc_agent_state(), Some(AgentState::LOGOUT));
    assert_eq!(agents[0].atc_state_duration(), Some(0x001b_8a05));
}

#[test]
fn agent_desk_settings_captures() {
    let bytes = hex(AGENT_DESK_SETTINGS_REQ);
    let Message::AgentDeskSettingsReq(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!((m.invoke_id.0, m.peripheral_id), (1, 5000));
    assert_eq!(m.agent_id().unwrap(), "2");

    let bytes = hex(AGENT_DESK_SETTINGS_CONF);
    let Message::AgentDeskSettingsConf(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!((m.invoke_id.0, m.peripheral_id), (1, 5000));
    assert_eq!(m.desk_settings_mask, 0x200);
    assert_eq!(m.wrapup_data_incoming_mode, 1);
    assert_eq!(m.wrapup_data_outgoing_mode, 1);
    assert_eq!(m.logout_non_activity_time, 0xffff_ffff);
    assert_eq!(m.quality_recording_rate, 0xffff_ffff);
    assert_eq!(m.ring_no_answer_time, 0xffff_ffff);
    assert_eq!(m.silent_monitor_warning_message, 0);
    assert_eq!(m.recording_mode, 0);
    assert_eq!(m.work_mode_timer, 0x1c20);
    assert_eq!(m.ring_no_answer_dn, 0);
    assert_eq!(m.default_device_port_address().unwrap(), "");
}

#[test]
fn config_captures() {
    let bytes = hex(CONFIG_REQUEST_KEY_EVENT);
    let Message::ConfigRequestKeyEvent(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.peripheral_id, 5000);
    assert_eq!(m.customer_id(), Some(0));

    let bytes = hex(CONFIG_END_EVENT);
    let Message::ConfigEndEvent(m) = decode(&bytes) else {
        panic!()
    };
    assert_eq!(m.arg1, 0);
    assert!(m.floating.is_empty());
}

#[test]
fn open_conf_peripheral_is_single_line() {
    let bytes = hex(OPEN_CONF);
    let Message::OpenConf(m) = decode(&bytes) else {
        panic!()
    };
    let p = m.peripherals().next().unwrap();
    assert_eq!(
        p.multiline_agent_control_code(),
        Some(MultilineAgentControl::SINGLE_LINE)
    );
}
