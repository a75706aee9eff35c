//! `wire::MessageDump` through serde (feature `serde`): the JSON object `ctidump --json` prints.
//! String escaping, one message of each family against JSON written from its layout in the
//! spec, and every message of a sample of the bridge stream as JSON that parses back whole.

#![cfg(feature = "serde")]

use std::fmt;

use cti_proto::wire::{Decoder, Status, Version, HEADER_LEN};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// Hex digits and spaces to bytes.
fn bytes(hex: &str) -> Vec<u8> {
    let digits: Vec<u8> = hex.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

/// The JSON of the one whole message in `msg`, read in `version`.
fn json_in(msg: &[u8], version: Version) -> String {
    let Ok(Status::Complete((m, used))) = Decoder::new(version).decode(msg) else {
        panic!("not one whole message: {msg:02x?}");
    };
    assert_eq!(used, msg.len());
    serde_json::to_string(&m.dump(&msg[HEADER_LEN..], version)).unwrap()
}

fn json(hex: &str) -> String {
    json_in(&bytes(hex), Version::V15)
}

#[test]
fn strings_are_escaped_and_bytes_that_are_not_utf8_replaced() {
    // HEARTBEAT_CONF with fields outside its layout: TEXT (7) holding a quote, a backslash,
    // control characters, DEL, é, a lone 0xff and a cut-off UTF-8 sequence; NAMED_VARIABLE
    // (82) and NAMED_ARRAY (83) with quotes and backslashes; APP_PATH_ID (97, INT) = -2.
    let out = json(
        "0000002d 00000006 00000001
         0710 225c01080c0a090d1f7fc3a9ffc34100
         5206 71220008 5c00
         5307 03 5c6100 0a6200
         6104 fffffffe",
    );
    let want = concat!(
        r#"{"type":"HEARTBEAT_CONF","type_id":6,"len":45,"fields":{"invoke_id":1,"#,
        r#""text":"\"\\\u0001\b\f\n\t\r\u001f"#,
        "\u{7f}é\u{fffd}\u{fffd}A",
        r#"","named_variable":{"name":"q\"","value":"\b\\"},"#,
        r#""named_array":{"index":3,"name":"\\a","value":"\nb"},"app_path_id":-2}}"#,
    );
    assert_eq!(out, want);
    // The same text as `String::from_utf8_lossy` makes of the bytes.
    let v: Value = serde_json::from_str(&out).unwrap();
    let raw = bytes("225c01080c0a090d1f7fc3a9ffc341");
    assert_eq!(v["fields"]["text"], String::from_utf8_lossy(&raw).as_ref());
}

#[test]
fn one_message_of_each_family_as_its_layout_reads() {
    let cases: &[(&str, &str)] = &[
        // Session: the OPEN_CONF of spec §9. ServicesGranted 0x1c0296 has bits 0x2, 0x4, 0x10,
        // 0x80, 0x200, 0x40000, 0x80000, 0x100000; PGStatus 4; PeripheralType 17; AgentState 9;
        // NUM_PERIPHERALS (228), then the group's FLT_PERIPHERAL_ID (208) and
        // MULTILINE_AGENT_CONTROL (224): group members are arrays.
        (
            "00000028 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011 0009
             e402 0001 d004 00001388 e002 0000",
            concat!(
                r#"{"type":"OPEN_CONF","type_id":4,"len":40,"fields":{"invoke_id":1,"#,
                r#""services_granted":1835670,"services_granted_names":["#,
                r#""CTI_SERVICE_CALL_DATA_UPDATE","CTI_SERVICE_CLIENT_CONTROL","#,
                r#""CTI_SERVICE_ALL_EVENTS","CTI_SERVICE_SUPERVISOR","CTI_SERVICE_RESERVED9","#,
                r#""CTI_SERVICE_CONFIG_EVENTS","CTI_SERVICE_UPDATE_EVENTS","#,
                r#""CTI_SERVICE_IGNORE_DUPLICATE_AGENT_EVENTS"],"monitor_id":0,"#,
                r#""pg_status":4,"pg_status_names":["PGS_PERIPHERAL_OFFLINE"],"#,
                r#""icm_central_controller_time":1464257566,"peripheral_online":0,"#,
                r#""peripheral_type":17,"peripheral_type_name":"PT_ENTERPRISE_AGENT","#,
                r#""agent_state":9,"agent_state_name":"AGENT_STATE_UNKNOWN","#,
                r#""num_peripherals":1,"flt_peripheral_id":[5000],"#,
                r#""multiline_agent_control":[0]}}"#,
            ),
        ),
        // Call events: END_CALL_EVENT, the call event prefix (MonitorID, PeripheralID,
        // PeripheralType, ConnectionDeviceIDType, ConnectionCallID) and CONNECTION_DEVID (25).
        (
            "00000017 00000018 00000000 00001388 0011 0001 00000010 1905 6465763100",
            concat!(
                r#"{"type":"END_CALL_EVENT","type_id":24,"len":23,"fields":{"monitor_id":0,"#,
                r#""peripheral_id":5000,"peripheral_type":17,"#,
                r#""peripheral_type_name":"PT_ENTERPRISE_AGENT","#,
                r#""connection_device_id_type":1,"#,
                r#""connection_device_id_type_name":"CONNECTION_ID_DYNAMIC","#,
                r#""connection_call_id":16,"connection_device_id":"dev1"}}"#,
            ),
        ),
        // Call control: HOLD_CALL_REQ, the call request prefix and Reservation (BOOL), then
        // CONNECTION_DEVID (25) and AGENT_INSTRUMENT (6).
        (
            "0000001e 00000036 00000005 00001388 00001234 0000 0001
             1905 3130303000 0605 3130303100",
            concat!(
                r#"{"type":"HOLD_CALL_REQ","type_id":54,"len":30,"fields":{"invoke_id":5,"#,
                r#""peripheral_id":5000,"connection_call_id":4660,"#,
                r#""connection_device_id_type":0,"#,
                r#""connection_device_id_type_name":"CONNECTION_ID_STATIC","reservation":1,"#,
                r#""connection_device_id":"1000","agent_instrument":"1001"}}"#,
            ),
        ),
        // Agent: QUERY_AGENT_STATE_REQ with MRDID -1 (INT), AGENT_ID (5); PERIPHERAL_ID (208)
        // is outside the layout and named as the fixed PeripheralID, so it takes `flt_`;
        // SKILL_GROUP_NUMBER (62, INT) is outside it too.
        (
            "00000020 00000024 00000002 00001388 ffffffff 0000138f
             0502 3200 d004 00001389 3e04 fffffffb",
            concat!(
                r#"{"type":"QUERY_AGENT_STATE_REQ","type_id":36,"len":32,"fields":{"#,
                r#""invoke_id":2,"peripheral_id":5000,"mrdid":-1,"icm_agent_id":5007,"#,
                r#""agent_id":"2","flt_peripheral_id":5001,"skill_group_number":-5}}"#,
            ),
        ),
        // Monitor: MONITOR_START_REQ. CallMsgMask 3 (delivered, queued); AgentStateMask
        // 0x80000003 (login, logout, and a bit without a name, which is not listed);
        // ConnectionDeviceIDType 0xffff; MonitoredDeviceType 0x4242 has no name, so no
        // `_name`; MONITORED_DEVID (76).
        (
            "0000001f 0000005d 00000009 00001388 00000000 00000003 80000003 ffff 4242
             4c05 3130303000",
            concat!(
                r#"{"type":"MONITOR_START_REQ","type_id":93,"len":31,"fields":{"#,
                r#""invoke_id":9,"peripheral_id":5000,"connection_call_id":0,"#,
                r#""call_msg_mask":3,"call_msg_mask_names":["CALL_DELIVERED_MASK","#,
                r#""CALL_QUEUED_MASK"],"agent_state_mask":2147483651,"#,
                r#""agent_state_mask_names":["AGENT_LOGIN_MASK","AGENT_LOGOUT_MASK"],"#,
                r#""connection_device_id_type":65535,"#,
                r#""connection_device_id_type_name":"CONNECTION_ID_NONE","#,
                r#""monitored_device_type":16962,"monitored_device_id":"1000"}}"#,
            ),
        ),
        // Supervisor: MONITOR_AGENT_TEAM_STOP_CONF with tag 240, which no table names, twice:
        // `tag_240`, an array because it occurs twice, its data as hex.
        (
            "0000000b 0000008a 00000003 f002beef f00101",
            concat!(
                r#"{"type":"MONITOR_AGENT_TEAM_STOP_CONF","type_id":138,"len":11,"#,
                r#""fields":{"invoke_id":3,"tag_240":["beef","01"]}}"#,
            ),
        ),
        // Configuration: CONFIG_END_EVENT's inferred layout (one UINT), and a body that does
        // not fit it, shown as bytes under its type's name.
        (
            "00000004 000000ea 00000000",
            r#"{"type":"CONFIG_END_EVENT","type_id":234,"len":4,"fields":{"arg1":0}}"#,
        ),
        (
            "00000003 000000ea 010203",
            r#"{"type":"CONFIG_END_EVENT","type_id":234,"len":3,"body_hex":"010203"}"#,
        ),
        // Agent reporting: MEDIA_LOGIN_REQ has no known v15 layout; its body is kept whole.
        (
            "00000002 00000097 0a0b",
            r#"{"type":"MEDIA_LOGIN_REQ","type_id":151,"len":2,"body_hex":"0a0b"}"#,
        ),
        // Routing: ROUTE_SELECT, likewise, with an empty body.
        (
            "00000000 000000d6",
            r#"{"type":"ROUTE_SELECT","type_id":214,"len":0,"body_hex":""}"#,
        ),
        // A type the catalogue does not know.
        (
            "00000001 0000ffff 01",
            r#"{"type":"UNKNOWN","type_id":65535,"len":1,"body_hex":"01"}"#,
        ),
    ];
    for (hex, want) in cases {
        assert_eq!(&json(hex), want, "{hex}");
    }
}

#[test]
fn v20_reads_two_byte_tags_and_the_later_fixed_fields() {
    // OPEN_CONF in v20's layout: DepartmentID (INT, here -7) after AgentState, and two-byte
    // tags and lengths.
    let msg = bytes(
        "00000032 00000004 00000001 00000010 00000000 00000000 00000000 0000 0011 0002
         fffffff9 00e4 0002 0001 00d0 0004 00001388 00e0 0002 0000",
    );
    let want = concat!(
        r#"{"type":"OPEN_CONF","type_id":4,"len":50,"fields":{"invoke_id":1,"#,
        r#""services_granted":16,"services_granted_names":["CTI_SERVICE_ALL_EVENTS"],"#,
        r#""monitor_id":0,"pg_status":0,"pg_status_names":[],"#,
        r#""icm_central_controller_time":0,"peripheral_online":0,"peripheral_type":17,"#,
        r#""peripheral_type_name":"PT_ENTERPRISE_AGENT","agent_state":2,"#,
        r#""agent_state_name":"AGENT_STATE_NOT_READY","department_id":-7,"#,
        r#""num_peripherals":1,"flt_peripheral_id":[5000],"multiline_agent_control":[0]}}"#,
    );
    assert_eq!(json_in(&msg, Version::V20), want);
}

/// A JSON object's keys in order, and those of its `fields` member; a key that occurs twice
/// in either is an error.
#[derive(Default)]
struct Keys {
    keys: Vec<String>,
    fields: Option<Box<Keys>>,
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut out = Keys::default();
                while let Some(k) = map.next_key::<String>()? {
                    if out.keys.contains(&k) {
                        return Err(serde::de::Error::custom(format!("key {k} twice")));
                    }
                    if k == "fields" {
                        out.fields = Some(Box::new(map.next_value()?));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                    out.keys.push(k);
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// How many messages of the bridge stream the sample takes from its start: every type and
/// shape of its calls, few enough for a debug build to take about a second.
const SAMPLE: usize = 600;

/// How many messages of each type the sample takes at least, wherever they are.
const PER_TYPE: usize = 20;

/// A sample of the bridge stream when it is there (`../shared/bench/stream.bin`, or
/// `CTI_BENCH_STREAM`): its first [`SAMPLE`] messages and the first [`PER_TYPE`] of each type;
/// and every message of the bundled capture.
fn sample() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = std::env::var_os("CTI_BENCH_STREAM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.join("../shared/bench/stream.bin"));
    let stream = std::fs::read(path).unwrap_or_default();
    let capture = std::fs::read_to_string(dir.join("examples/captures/session.hex")).unwrap();
    let capture: Vec<u8> = capture
        .lines()
        .flat_map(|l| bytes(l.split('#').next().unwrap_or_default()))
        .collect();
    let mut out = Vec::new();
    for (input, first) in [(&stream, SAMPLE), (&capture, usize::MAX)] {
        let mut per_type = std::collections::HashMap::new();
        let mut rest = &input[..];
        let mut i = 0;
        while let Ok(Status::Complete((m, used))) = Decoder::default().decode(rest) {
            let seen = per_type.entry(m.message_type()).or_insert(0);
            *seen += 1;
            if i < first || *seen <= PER_TYPE {
                out.push(rest[..used].to_vec());
            }
            rest = &rest[used..];
            i += 1;
        }
    }
    out
}

#[test]
fn a_sample_of_the_bridge_stream_is_json_that_parses_back_whole() {
    let sample = sample();
    assert!(sample.len() >= 13, "the capture alone has 13 messages");
    for msg in &sample {
        let Ok(Status::Complete((m, _))) = Decoder::default().decode(msg) else {
            unreachable!("cut from a decoded stream")
        };
        let dump = m.dump(&msg[HEADER_LEN..], Version::V15);
        let text = serde_json::to_string(&dump).unwrap();
        // Valid JSON, and the same value serde_json builds from the view directly.
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, serde_json::to_value(dump).unwrap(), "{text}");
        // No key twice, at the top or among the fields.
        let keys: Keys = serde_json::from_str(&text).unwrap();
        assert_eq!(keys.keys[..3], ["type", "type_id", "len"]);
        assert_eq!(parsed["type_id"], m.message_type().0);
        assert_eq!(parsed["len"], msg.len() - HEADER_LEN);
        match keys.fields {
            // Every field of the message has its key among them.
            Some(fields) => {
                for f in dump.fields() {
                    let key = f.key().to_string();
                    assert!(fields.keys.contains(&key), "{key} in {text}");
                }
            }
            None => assert!(dump.is_raw() && parsed["body_hex"].is_string(), "{text}"),
        }
        // A message re-encoded from the view reads the same.
        let mut again = vec![0; m.encoded_len(Version::V15)];
        let n = m.encode(Version::V15, &mut again).unwrap();
        assert_eq!(json_in(&again[..n], Version::V15), text);
    }
}
