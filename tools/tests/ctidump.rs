//! ctidump, run in-process: the documented JSON and text for the spec §9 captures bundled in
//! `examples/captures/session.hex`, the rendering rules, the errors with their byte offsets, and a
//! property that every catalogue type prints as valid JSON carrying its generated values.

#[path = "../../tests/common/mod.rs"]
mod common;
use cti_tools::dump;

use common::GenMessage;
use cti_proto::wire::{MessageType, Scalar, Version, MESSAGES};
use heck::ToSnakeCase;
use quickcheck::{QuickCheck, TestResult};
use serde_json::{json, Value};

const SESSION_HEX: &str = include_str!("../../examples/captures/session.hex");

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = dump::run(&args, &mut &stdin[..], &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn unhex(s: &str) -> Vec<u8> {
    dump::parse_hex(s.as_bytes()).unwrap().0
}

/// The session-management captures, exactly as documented (values from spec §9).
const SESSION_JSON: &[&str] = &[
    r#"{"type":"OPEN_REQ","type_id":3,"len":86,"fields":{"invoke_id":1,"version_number":15,"idle_timeout":2147483647,"peripheral_id":5000,"services_requested":1835670,"services_requested_names":["CTI_SERVICE_CALL_DATA_UPDATE","CTI_SERVICE_CLIENT_CONTROL","CTI_SERVICE_ALL_EVENTS","CTI_SERVICE_SUPERVISOR","CTI_SERVICE_RESERVED9","CTI_SERVICE_CONFIG_EVENTS","CTI_SERVICE_UPDATE_EVENTS","CTI_SERVICE_IGNORE_DUPLICATE_AGENT_EVENTS"],"call_msg_mask":268435455,"call_msg_mask_names":["CALL_DELIVERED_MASK","CALL_QUEUED_MASK","CALL_ESTABLISHED_MASK","CALL_HELD_MASK","CALL_RETRIEVED_MASK","CALL_CLEARED_MASK","CALL_CONNECTION_CLEARED_MASK","CALL_ORIGINATED_MASK","CALL_CONFERENCED_MASK","CALL_TRANSFERRED_MASK","CALL_DIVERTED_MASK","CALL_SERVICE_INITIATED_MASK","CALL_TRANSLATION_ROUTE_MASK","BEGIN_CALL_MASK","END_CALL_MASK","CALL_DATA_UPDATE_MASK","CALL_FAILED_MASK","CALL_REACHED_NETWORK_MASK","CALL_DEQUEUED_MASK","AGENT_PRE_CALL_MASK","AGENT_PRE_CALL_ABORT_MASK","RTP_STARTED_MASK","RTP_STOPPED_MASK","AGENT_TEAM_CONFIG_MASK","AGENT_LEGACY_PRE_CALL_MASK","CALL_ATTRIBUTE_CHANGE_MASK","CALL_TERMINATION_MASK","CALL_AGENT_GREETING_MASK"],"agent_state_mask":1023,"agent_state_mask_names":["AGENT_LOGIN_MASK","AGENT_LOGOUT_MASK","AGENT_NOT_READY_MASK","AGENT_AVAILABLE_MASK","AGENT_TALKING_MASK","AGENT_WORK_NOT_READY_MASK","AGENT_WORK_READY_MASK","AGENT_BUSY_OTHER_MASK","AGENT_RESERVED_MASK","AGENT_HOLD_MASK"],"config_msg_mask":3,"config_msg_mask_names":["CONFIG_SERVICE_MASK","CONFIG_SKILL_GROUP_MASK"],"reserved1":0,"reserved2":0,"reserved3":0,"client_id":"CTIOSServer","client_password":"4354494f5353657276657200","client_signature":"CTIOSServer"}}"#,
    r#"{"type":"OPEN_CONF","type_id":4,"len":40,"fields":{"invoke_id":1,"services_granted":1835670,"services_granted_names":["CTI_SERVICE_CALL_DATA_UPDATE","CTI_SERVICE_CLIENT_CONTROL","CTI_SERVICE_ALL_EVENTS","CTI_SERVICE_SUPERVISOR","CTI_SERVICE_RESERVED9","CTI_SERVICE_CONFIG_EVENTS","CTI_SERVICE_UPDATE_EVENTS","CTI_SERVICE_IGNORE_DUPLICATE_AGENT_EVENTS"],"monitor_id":0,"pg_status":4,"pg_status_names":["PGS_PERIPHERAL_OFFLINE"],"icm_central_controller_time":1464257566,"peripheral_online":0,"peripheral_type":17,"peripheral_type_name":"PT_ENTERPRISE_AGENT","agent_state":9,"agent_state_name":"AGENT_STATE_UNKNOWN","num_peripherals":1,"flt_peripheral_id":[5000],"multiline_agent_control":[0]}}"#,
    r#"{"type":"SYSTEM_EVENT","type_id":31,"len":26,"fields":{"pg_status":4,"pg_status_names":["PGS_PERIPHERAL_OFFLINE"],"icm_central_controller_time":1464257566,"system_event_id":3,"system_event_id_name":"SYS_PERIPHERAL_ONLINE","system_event_arg1":5000,"system_event_arg2":0,"system_event_arg3":0,"event_device_type":65535,"event_device_type_name":"DEVID_NONE"}}"#,
    r#"{"type":"CLIENT_EVENT_REPORT_REQ","type_id":32,"len":30,"fields":{"invoke_id":7,"state":0,"state_name":"NORMAL","text":"1","object_name":"CTIOS_NUM_CLIENTS"}}"#,
    r#"{"type":"CLIENT_EVENT_REPORT_CONF","type_id":33,"len":4,"fields":{"invoke_id":7}}"#,
];

/// Type and MessageLength of each capture in session.hex, in order.
const SESSION_TYPES: &[(u64, u64)] = &[
    (3, 86),
    (4, 40),
    (31, 26),
    (32, 30),
    (33, 4),
    (36, 27),
    (37, 108),
    (128, 30),
    (131, 12),
    (132, 67),
    (230, 10),
    (234, 4),
];

#[test]
fn session_capture_prints_the_documented_json() {
    let r = run(&["--json"], SESSION_HEX.as_bytes());
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.is_empty());
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines.len(), SESSION_TYPES.len());
    for (line, want) in lines.iter().zip(SESSION_JSON) {
        assert_eq!(line, want);
    }
    // The rest depend on how much of the catalogue exists: known types print their fields by
    // name, the others their body.
    for (v, &(id, len)) in json_lines(&r.out).iter().zip(SESSION_TYPES) {
        assert_eq!(v["type_id"], id);
        assert_eq!(v["len"], len);
        match MessageType(id as u32).name() {
            Some(name) => {
                assert_eq!(v["type"], name);
                let spec = MESSAGES.iter().find(|s| s.name == name).unwrap();
                // The capture is v15: fields of later layouts (DepartmentID, ...) are absent.
                for f in spec.fixed.iter().filter(|f| f.in_version(Version::V15)) {
                    assert!(
                        v["fields"][f.name.to_snake_case()].is_number(),
                        "{name}.{}",
                        f.name
                    );
                }
            }
            None => {
                assert_eq!(v["type"], "UNKNOWN");
                assert_eq!(v["body_hex"].as_str().unwrap().len() as u64, 2 * len);
            }
        }
    }
}

#[test]
fn session_capture_as_text_binary_and_from_a_file() {
    let r = run(&[], SESSION_HEX.as_bytes());
    assert_eq!(r.code, 0);
    assert_eq!(
        r.out.lines().nth(1).unwrap(),
        "OPEN_CONF len=40 InvokeID=1 ServicesGranted=0x1c0296(CTI_SERVICE_CALL_DATA_UPDATE|\
         CTI_SERVICE_CLIENT_CONTROL|CTI_SERVICE_ALL_EVENTS|CTI_SERVICE_SUPERVISOR|\
         CTI_SERVICE_RESERVED9|CTI_SERVICE_CONFIG_EVENTS|CTI_SERVICE_UPDATE_EVENTS|\
         CTI_SERVICE_IGNORE_DUPLICATE_AGENT_EVENTS) MonitorID=0 PGStatus=0x4(PGS_PERIPHERAL_OFFLINE) \
         ICMCentralControllerTime=1464257566 PeripheralOnline=0 PeripheralType=17(PT_ENTERPRISE_AGENT) \
         AgentState=9(AGENT_STATE_UNKNOWN) NumPeripherals=1 FltPeripheralID=5000 MultilineAgentControl=0"
    );
    assert_eq!(
        r.out.lines().nth(3).unwrap(),
        r#"CLIENT_EVENT_REPORT_REQ len=30 InvokeID=7 State=0(NORMAL) Text="1" ObjectName="CTIOS_NUM_CLIENTS""#
    );
    // The same bytes as binary, detected or forced, and the bundled file by name.
    let json = run(&["--json"], SESSION_HEX.as_bytes()).out;
    let bin = unhex(SESSION_HEX);
    assert_eq!(run(&["--json"], &bin).out, json);
    assert_eq!(run(&["--binary", "--json", "-"], &bin).out, json);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/captures/session.hex"
    );
    assert_eq!(run(&["--json", path], b"").out, json);
    // Forced hex accepts comments.
    let commented = format!(
        "# the §9 captures\n{}",
        SESSION_HEX.replace('\n', " # one\n")
    );
    assert_eq!(run(&["--hex", "--json"], commented.as_bytes()).out, json);
}

#[test]
fn list_types_prints_the_catalogue_of_the_version() {
    // The default is v15's catalogue; `--version N` gives N's: a type is listed from the
    // version that introduced it.
    for (args, version) in [
        (&["--list-types"][..], Version::V15),
        (&["--list-types", "--version", "13"][..], Version::V13),
        (&["--list-types", "--version", "23"][..], Version::V23),
        (&["--list-types", "--version", "24"][..], Version::V24),
        (&["--version", "25", "--list-types"][..], Version::V25),
    ] {
        let r = run(args, b"");
        assert_eq!(r.code, 0, "{args:?}: {}", r.err);
        let mut want: Vec<(u32, String)> = MESSAGES
            .iter()
            .filter(|s| s.in_version(version))
            .map(|s| (s.id, format!("{} {}", s.id, s.name)))
            .collect();
        want.sort_by_key(|(id, _)| *id);
        let want: Vec<&str> = want.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(r.out.lines().collect::<Vec<_>>(), want, "{args:?}");
        assert!(r.out.contains("\n4 OPEN_CONF\n"), "{args:?}");
        let has_278 = r.out.lines().any(|l| l == "278 ACTIVE_MAINTENANCE_REQ_MSG");
        assert_eq!(has_278, version >= Version::V24, "{args:?}");
    }
    // v15's catalogue has none of the later types; v25's has more than v15's.
    let v15 = run(&["--list-types"], b"").out;
    let v25 = run(&["--list-types", "--version", "25"], b"").out;
    assert!(!v15.lines().any(|l| l.starts_with("277 ")));
    assert!(v25.lines().count() > v15.lines().count());
}

#[test]
fn versions_outside_the_tables_are_refused_clearly() {
    for v in ["12", "26", "0"] {
        let r = run(&["--version", v, "--list-types"], b"");
        assert_eq!(r.code, 2, "{v}");
        assert!(r.err.contains("versions 13 to 25"), "{v}: {}", r.err);
    }
}

#[test]
fn v20_two_byte_tags() {
    // OPEN_CONF of the §9 capture rewritten in v20's layout: DepartmentID (here 7) after
    // AgentState (versions sheet §3.3), and two-byte tags and lengths.
    let h = "00000032 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011 0009
             00000007 00e4 0002 0001 00d0 0004 00001388 00e0 0002 0000";
    let r = run(&["--version", "20", "--json"], h.as_bytes());
    assert_eq!(r.code, 0, "{}", r.err);
    let v = &json_lines(&r.out)[0];
    assert_eq!(v["len"], 50);
    assert_eq!(v["fields"]["department_id"], 7);
    assert_eq!(v["fields"]["num_peripherals"], 1);
    assert_eq!(v["fields"]["flt_peripheral_id"], json!([5000]));
    // Read as v15 the same bytes are nonsense, and say so.
    let r = run(&["--json"], h.as_bytes());
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty());
}

#[test]
fn floating_fields_by_type_and_layout() {
    // HEARTBEAT_CONF has no floating layout: every field here is outside it.
    // Tags: 82 NAMEDVAR twice, 83 NAMEDARRAY, 97 APP_PATH_ID (INT) = -2, 7 TEXT with a quote and
    // a byte that is not UTF-8, 240 unknown, 2 CLIENT_PASSWORD (UNSPEC).
    let h = "0000002d 00000006 00000001
             5204 610062 00 5204 630064 00 5305 02 6500 6600 6104 fffffffe
             0705 22 ff 41 0a 00 f002 beef 0203 010203";
    let r = run(&["--json"], h.as_bytes());
    assert_eq!(r.code, 0, "{}", r.err);
    let v = &json_lines(&r.out)[0];
    assert_eq!(
        v["fields"],
        json!({
            "invoke_id": 1,
            "named_variable": [{"name": "a", "value": "b"}, {"name": "c", "value": "d"}],
            "named_array": {"index": 2, "name": "e", "value": "f"},
            "app_path_id": -2,
            "text": "\"\u{fffd}A\n",
            "tag_240": "beef",
            "client_password": "010203",
        })
    );
    // Group members are arrays even when they occur once; others only when repeated.
    let h = "00000028 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011 0009
             d004 00001388 0502 3100 0502 3200";
    let v = &json_lines(&run(&["--json"], h.as_bytes()).out)[0];
    assert_eq!(v["fields"]["flt_peripheral_id"], json!([5000]));
    assert_eq!(v["fields"]["agent_id"], json!(["1", "2"]));
    // Text mode keeps one line and quotes strings.
    let r = run(&[], "0000000a 00000006 00000001 0704 610a6200".as_bytes());
    assert_eq!(r.out, "HEARTBEAT_CONF len=10 InvokeID=1 TEXT=\"a\\nb\"\n");
}

#[test]
fn unknown_types_print_their_body() {
    let r = run(&["--json"], "00000003 0000ffff 010203".as_bytes());
    assert_eq!(
        r.out,
        "{\"type\":\"UNKNOWN\",\"type_id\":65535,\"len\":3,\"body_hex\":\"010203\"}\n"
    );
    let r = run(&[], "00000000 0000ffff".as_bytes());
    assert_eq!(r.out, "UNKNOWN(65535) len=0 body=\n");
}

#[test]
fn bodies_kept_whole_print_their_type_and_body() {
    // ROUTE_REQUEST_EVENT: no v15 layout is known.
    let r = run(&["--json"], "00000003 000000d5 010203".as_bytes());
    assert_eq!(
        r.out,
        "{\"type\":\"ROUTE_REQUEST_EVENT\",\"type_id\":213,\"len\":3,\"body_hex\":\"010203\"}\n"
    );
    // CALL_FAILED_EVENT's layout is inferred: a body too short for it is kept whole too.
    let r = run(&[], "00000002 00000010 0102".as_bytes());
    assert_eq!(
        (r.code, r.out.as_str()),
        (0, "CALL_FAILED_EVENT len=2 body=0102\n")
    );
}

const CLOSE_CONF: &str = "00000004 00000008 00000007 ";

#[test]
fn truncated_input_prints_what_came_before_then_the_offset() {
    // A whole CLOSE_CONF, then 11 of OPEN_CONF's 48 bytes.
    let h = format!("{CLOSE_CONF} 00000028 00000004 000000");
    let r = run(&[], h.as_bytes());
    assert_eq!(r.code, 1);
    assert_eq!(r.out, "CLOSE_CONF len=4 InvokeID=7\n");
    assert_eq!(
        r.err,
        "ctidump: error at byte offset 12: truncated OPEN_CONF message: the input ends after \
         11 of its 48 bytes (37 missing)\n"
    );
    // Shorter than a header.
    let r = run(&["--json"], "000000".as_bytes());
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty());
    assert!(r
        .err
        .starts_with("ctidump: error at byte offset 0: truncated message header"));
    assert!(r.err.contains("(5 missing)"), "{}", r.err);
    // A lone hex digit at the end.
    let r = run(&[], format!("{CLOSE_CONF}0").as_bytes());
    assert_eq!((r.code, r.out.lines().count()), (1, 1));
    assert!(r.err.contains("byte offset 12") && r.err.contains("lone digit"));
}

#[test]
fn oversize_is_reported_from_the_header_alone() {
    let h = format!("{CLOSE_CONF} 7fffffff 00000004");
    let r = run(&["--json"], h.as_bytes());
    assert_eq!(r.code, 1);
    assert_eq!(r.out.lines().count(), 1);
    assert_eq!(
        r.err,
        "ctidump: error at byte offset 12 (offset 0 of the malformed OPEN_CONF message starting \
         at byte offset 12): message length 2147483647 exceeds the limit of 12492 body bytes\n"
    );
}

#[test]
fn malformed_input_names_the_absolute_offset() {
    // After CLOSE_CONF: a SYSTEM_EVENT whose Text field runs past its body (field at 34).
    let h = format!(
        "{CLOSE_CONF} 0000001f 0000001f 00000004 5746cc1e 00000003 00001388 00000000 00000000 \
         ffff 070a 310032 {CLOSE_CONF}"
    );
    let r = run(&[], h.as_bytes());
    assert_eq!(r.code, 1);
    assert_eq!(r.out, "CLOSE_CONF len=4 InvokeID=7\n");
    assert!(
        r.err.starts_with(
            "ctidump: error at byte offset 46 (offset 34 of the malformed SYSTEM_EVENT message \
             starting at byte offset 12): "
        ),
        "{}",
        r.err
    );
    // A short body: the error points at the body.
    let r = run(
        &[],
        format!("{CLOSE_CONF}00000002 00000008 0000").as_bytes(),
    );
    assert!(
        r.err.starts_with("ctidump: error at byte offset 20 "),
        "{}",
        r.err
    );
}

#[test]
fn bad_usage_and_bad_hex() {
    let r = run(&["--frobnicate"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.err.contains("'--frobnicate'") && r.err.contains("Usage: ctidump"),
        "{}",
        r.err
    );
    assert_eq!(run(&["--version", "x"], b"").code, 2);
    assert_eq!(run(&["a", "b"], b"").code, 2);
    let r = run(&["--hex"], b"0000\n00zz");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("line 2, column 3"), "{}", r.err);
    let r = run(&["/nonexistent/capture.hex"], b"");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("cannot read /nonexistent/capture.hex"));
    assert_eq!(run(&["--help"], b"").code, 0);
    // Nothing at all is no message and no error.
    let r = run(&[], b"\n");
    assert_eq!((r.code, r.out.as_str(), r.err.as_str()), (0, "", ""));
}

/// Every catalogue type prints as one valid JSON object holding each fixed field with its value
/// and one value per floating field; and as one line of text. In a version older than the type
/// it is unknown there, and printed as such.
fn json_carries_the_values(m: &GenMessage) -> Result<(), String> {
    let spec = m.spec();
    let versions = [
        (Version::V15, "15"),
        (Version::V20, "20"),
        (Version::V24, "24"),
        (Version::V25, "25"),
    ];
    for (version, flag) in versions {
        let bytes = m.encode(version);
        let r = run(&["--binary", "--json", "--version", flag], &bytes);
        if r.code != 0 || r.out.lines().count() != 1 {
            return Err(format!(
                "{flag}: exit {} out {} err {}",
                r.code, r.out, r.err
            ));
        }
        let v: Value = serde_json::from_str(&r.out).map_err(|e| format!("{e}: {}", r.out))?;
        if !spec.in_version(version) {
            if v["type"] != "UNKNOWN" || v["body_hex"] != common::hex(&bytes[8..]) {
                return Err(format!("{flag}: newer than the version, yet {v}"));
            }
            continue;
        }
        if v["type"] != spec.name || v["type_id"] != spec.id || v["len"] != bytes.len() - 8 {
            return Err(format!("header: {v}"));
        }
        if spec.is_opaque() {
            // No v15 layout is known: the body is shown as it came.
            if v["body_hex"] != common::hex(&bytes[8..]) || v.get("fields").is_some() {
                return Err(format!("kept whole: {v}"));
            }
            continue;
        }
        let fields = v["fields"].as_object().ok_or("no fields")?;
        let mut fixed_keys = Vec::new();
        for (f, &value) in spec.fixed.iter().zip(&m.fixed) {
            // A field the version's layout lacks is not on the wire, and not printed.
            if !f.in_version(version) {
                continue;
            }
            let key = f.name.to_snake_case();
            let want = match f.kind.scalar {
                Scalar::I32 => json!(value as i32),
                _ => json!(value),
            };
            if fields.get(&key) != Some(&want) {
                return Err(format!("{key}: {:?}, want {want}", fields.get(&key)));
            }
            fixed_keys.extend([format!("{key}_name"), format!("{key}_names"), key]);
        }
        let floating: usize = fields
            .iter()
            .filter(|(k, _)| !fixed_keys.contains(k))
            .map(|(_, v)| v.as_array().map_or(1, Vec::len))
            .sum();
        if floating != m.floating.len() {
            return Err(format!("{floating} floating values in {v}"));
        }
        let text = run(&["--binary", "--version", flag], &bytes).out;
        if text.lines().count() != 1 || !text.starts_with(spec.name) {
            return Err(format!("text: {text}"));
        }
    }
    Ok(())
}

#[test]
fn every_catalogue_type_prints_valid_json_with_its_values() {
    fn prop(all: common::EveryType) -> TestResult {
        match all.0.iter().try_for_each(json_carries_the_values) {
            Ok(()) => TestResult::passed(),
            Err(e) => TestResult::error(e),
        }
    }
    // Each case prints one message of every type four ways; the catalogue grows to ~250 types.
    QuickCheck::new()
        .tests(25)
        .quickcheck(prop as fn(common::EveryType) -> TestResult);
}

/// Input that arrives in pieces of `piece` bytes, as from a pipe.
struct Trickle<'a> {
    data: &'a [u8],
    piece: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.piece.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn input_split_anywhere_prints_the_same() {
    let bin = unhex(SESSION_HEX);
    let whole = run(&["--json"], &bin);
    assert_eq!(whole.code, 0, "{}", whole.err);
    for piece in [1, 3, 8, 13, 100] {
        for (input, flag) in [(&bin[..], "--binary"), (SESSION_HEX.as_bytes(), "--hex")] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let mut r = Trickle { data: input, piece };
            let code = dump::run(["--json", flag], &mut r, &mut out, &mut err);
            assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
            assert_eq!(
                String::from_utf8(out).unwrap(),
                whole.out,
                "{flag} in {piece}s"
            );
        }
    }
}

/// Standard output shared with the input, so the input can see what was printed so far.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Hands out one message per read, and on each read checks that every message handed out
/// before has been printed: ctidump prints as it reads, it does not wait for the end.
struct Live {
    messages: Vec<Vec<u8>>,
    given: usize,
    out: Shared,
}

impl std::io::Read for Live {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let printed = self.out.0.borrow().iter().filter(|&&b| b == b'\n').count();
        assert_eq!(printed, self.given, "messages read but not printed yet");
        let Some(m) = self.messages.get(self.given) else {
            return Ok(0);
        };
        buf[..m.len()].copy_from_slice(m);
        self.given += 1;
        Ok(m.len())
    }
}

#[test]
fn each_message_is_printed_before_more_input_is_read() {
    let close_conf = unhex(CLOSE_CONF);
    let out = Shared::default();
    let mut input = Live {
        messages: vec![close_conf; 5],
        given: 0,
        out: out.clone(),
    };
    let mut writer = out.clone();
    let mut err = Vec::new();
    let code = dump::run(Vec::<String>::new(), &mut input, &mut writer, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_eq!(input.given, 5);
    assert_eq!(
        String::from_utf8(out.0.borrow().clone()).unwrap(),
        "CLOSE_CONF len=4 InvokeID=7\n".repeat(5)
    );
}

#[test]
fn offsets_are_absolute_across_chunks() {
    // More than two read chunks of CLOSE_CONFs, then a truncated OPEN_CONF header.
    let count = 2 * dump::CHUNK / 12 + 7;
    let mut bin = unhex(CLOSE_CONF).repeat(count);
    bin.extend_from_slice(&unhex("00000028 00000004 000000"));
    let r = run(&["--binary"], &bin);
    assert_eq!((r.code, r.out.lines().count()), (1, count));
    assert_eq!(
        r.err,
        format!(
            "ctidump: error at byte offset {}: truncated OPEN_CONF message: the input ends after \
             11 of its 48 bytes (37 missing)\n",
            12 * count
        )
    );
    // A malformed message far into the stream: the offset counts every byte before it.
    let mut bin = unhex(CLOSE_CONF).repeat(count);
    bin.extend_from_slice(&unhex("00000002 00000008 0000"));
    let r = run(&["--binary"], &bin);
    assert_eq!((r.code, r.out.lines().count()), (1, count));
    assert!(
        r.err.starts_with(&format!(
            "ctidump: error at byte offset {} ",
            12 * count + 8
        )),
        "{}",
        r.err
    );
}
