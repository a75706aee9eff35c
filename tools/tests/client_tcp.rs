//! `cti-client` (its driver in-process, and the binary) over loopback TCP against a small
//! scripted CTI Server written here with hand-made bytes: the open, events split byte by byte, the server going
//! offline and the close, a rejected open, an oversize length and a peer that hangs up. A
//! failed session must reset the connection (linger 0). The password comes from the flag, a
//! file or `CTI_PASSWORD`, and the tool heartbeats by default.

#[path = "../../tests/client_common/mod.rs"]
mod client_common;
use cti_tools::client as driver;

use client_common::hex;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

/// Reads one whole message (header included).
fn read_message(s: &mut TcpStream) -> Vec<u8> {
    let mut header = [0u8; 8];
    s.read_exact(&mut header).unwrap();
    let len = u32::from_be_bytes(header[..4].try_into().unwrap()) as usize;
    let mut m = header.to_vec();
    m.resize(8 + len, 0);
    s.read_exact(&mut m[8..]).unwrap();
    m
}

fn word(m: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(m[at..at + 4].try_into().unwrap())
}

/// OPEN_CONF of spec §9 with the given InvokeID.
fn open_conf(invoke_id: u32) -> Vec<u8> {
    let mut m = hex(
        "00000028 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011 0009
         e402 0001 d004 00001388 e002 0000",
    );
    m[8..12].copy_from_slice(&invoke_id.to_be_bytes());
    m
}

/// Runs `script` as the server of one connection and the client with `args` (plus the
/// server's address); returns the client's exit status, its output lines, and what the
/// script returned.
fn run<T: Send + 'static>(
    args: &[&str],
    script: impl FnOnce(TcpStream) -> T + Send + 'static,
) -> (i32, Vec<String>, T) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let server = thread::spawn(move || {
        let (s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        script(s)
    });
    let mut argv: Vec<String> = vec!["--server".into(), addr];
    argv.extend(args.iter().map(|a| a.to_string()));
    let opts = driver::parse(&argv).unwrap();
    let mut out = Vec::new();
    let code = driver::run(&opts, &mut out);
    let lines = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    (code, lines, server.join().unwrap())
}

/// Waits for the client's side to go away; true if it reset the connection.
fn was_reset(s: &mut TcpStream) -> bool {
    let mut b = [0u8; 64];
    loop {
        match s.read(&mut b) {
            Ok(0) => return false,
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return true,
            Err(e) => panic!("{e}"),
        }
    }
}

#[test]
fn open_events_server_offline_and_close() {
    let (code, lines, open_req) = run(
        &[
            "--client-id",
            "desk-7",
            "--password",
            "pw",
            "--services",
            "0x10",
            "--heartbeat",
            "-1",
            "--json",
            "--once",
        ],
        |mut s| {
            let open_req = read_message(&mut s);
            let id = word(&open_req, 8);
            // Byte by byte: OPEN_CONF, SYSTEM_EVENT (with a floating Text "up"),
            // FAILURE_EVENT(E_CTI_CTI_SERVER_OFFLINE).
            let mut stream = open_conf(id);
            stream.extend(hex(
                "0000001f 0000001f 00000004 5746cc1e 00000003 00001388 00000000 00000000 ffff \
                 0703 757000",
            ));
            stream.extend(hex("00000004 00000002 0000000f"));
            for b in stream {
                s.write_all(&[b]).unwrap();
            }
            let close_req = read_message(&mut s);
            assert_eq!(word(&close_req, 4), 7, "CLOSE_REQ");
            assert_eq!(word(&close_req, 12), 15, "status E_CTI_CTI_SERVER_OFFLINE");
            let mut conf = hex("00000004 00000008");
            conf.extend_from_slice(&close_req[8..12]);
            s.write_all(&conf).unwrap();
            let mut rest = Vec::new();
            let _ = s.read_to_end(&mut rest);
            open_req
        },
    );
    assert_eq!(word(&open_req, 4), 3, "OPEN_REQ first");
    assert_eq!(word(&open_req, 12), 15, "VersionNumber");
    assert_eq!(
        word(&open_req, 16),
        0xFFFF_FFFF,
        "IdleTimeout without heartbeats"
    );
    assert_eq!(word(&open_req, 24), 0x10, "ServicesRequested");
    assert_eq!(&open_req[52..], b"\x01\x07desk-7\0\x02\x02pw");
    assert_eq!(
        lines,
        [
            r#"{"event":"opened","services_granted":1835670,"pg_status":4,"monitor_id":0,"peripheral_online":false,"peripheral_type":17,"agent_state":9,"peripherals":[5000]}"#,
            // As `ctidump --json` prints them: value names, and the floating fields too.
            r#"{"event":"message","type":"SYSTEM_EVENT","type_id":31,"len":31,"fields":{"pg_status":4,"pg_status_names":["PGS_PERIPHERAL_OFFLINE"],"icm_central_controller_time":1464257566,"system_event_id":3,"system_event_id_name":"SYS_PERIPHERAL_ONLINE","system_event_arg1":5000,"system_event_arg2":0,"system_event_arg3":0,"event_device_type":65535,"event_device_type_name":"DEVID_NONE","text":"up"}}"#,
            r#"{"event":"message","type":"FAILURE_EVENT","type_id":2,"len":4,"fields":{"status":15,"status_name":"E_CTI_CTI_SERVER_OFFLINE"}}"#,
            r#"{"event":"closed"}"#,
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn rejected_open_fails_and_resets_the_connection() {
    let (code, lines, reset) = run(&["--client-id", "x", "--once"], |mut s| {
        let open_req = read_message(&mut s);
        let mut fail = hex("00000008 00000001");
        fail.extend_from_slice(&open_req[8..12]);
        fail.extend(hex("00000024")); // E_CTI_INVALID_PASSWORD
        s.write_all(&fail).unwrap();
        was_reset(&mut s)
    });
    assert_eq!(
        lines,
        ["session_failed reason=rejected detail=OPEN_REQ rejected: E_CTI_INVALID_PASSWORD"]
    );
    assert_eq!(code, 2);
    assert!(reset, "linger 0: the failed session resets the connection");
}

#[test]
fn oversize_length_fails_before_the_body_arrives() {
    let (code, lines, reset) = run(&["--client-id", "x", "--json", "--once"], |mut s| {
        let open_req = read_message(&mut s);
        s.write_all(&open_conf(word(&open_req, 8))).unwrap();
        // A header announcing 16 MB; no body follows.
        s.write_all(&hex("01000000 0000001f")).unwrap();
        was_reset(&mut s)
    });
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1],
        r#"{"event":"session_failed","reason":"oversize","detail":"message length 16777216 exceeds the limit of 12492 body bytes"}"#
    );
    assert_eq!(code, 2);
    assert!(reset);
}

#[test]
fn a_server_hanging_up_is_peer_closed() {
    let (code, lines, ()) = run(
        &["--client-id", "x", "--json", "--once", "--heartbeat", "30"],
        |mut s| {
            let open_req = read_message(&mut s);
            assert_eq!(word(&open_req, 16), 120, "IdleTimeout = 4 x 30 s");
            s.write_all(&open_conf(word(&open_req, 8))).unwrap();
        },
    );
    assert_eq!(
        lines.last().unwrap(),
        r#"{"event":"session_failed","reason":"peer_closed","detail":"peer closed the connection"}"#
    );
    assert_eq!(code, 2);
}

#[test]
fn command_line_contract() {
    let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let o = driver::parse(&args(
        "--server a:1 --server-b b:2 --client-id id --password pw --heartbeat 90 --services 0x30 --json --once",
    ))
    .unwrap();
    assert_eq!(o.server_b.as_deref(), Some("b:2"));
    assert_eq!(
        (o.heartbeat, o.services, o.json, o.once),
        (Some(90), 0x30, true, true)
    );
    assert_eq!(o.config().idle_timeout_secs(), Ok(360));
    let o = driver::parse(&args("--server a:1 --client-id id --heartbeat -1")).unwrap();
    assert_eq!(o.heartbeat, None);
    assert!(driver::parse(&args("--client-id id")).is_err());
    assert!(driver::parse(&args("--server a:1 --client-id id --bogus")).is_err());
}

/// The ClientPassword of an OPEN_REQ: the data of its floating tag 2 (after the fixed part).
fn open_req_password(m: &[u8]) -> Vec<u8> {
    let mut at = 52;
    while at + 2 <= m.len() {
        let (tag, len) = (m[at], m[at + 1] as usize);
        if tag == 2 {
            return m[at + 2..at + 2 + len].to_vec();
        }
        at += 2 + len;
    }
    panic!("no ClientPassword in {m:?}");
}

/// Runs the `cti-client` binary against one scripted connection that refuses the open
/// (FAILURE_CONF E_CTI_INVALID_PASSWORD, after recording the OPEN_REQ); returns the OPEN_REQ.
fn binary_open_req(args: &[&str], env: Option<&str>) -> Vec<u8> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_cti-client"));
    cmd.args(["--server", &addr, "--client-id", "desk-9", "--once"])
        .args(args)
        .env_remove("CTI_PASSWORD")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(v) = env {
        cmd.env("CTI_PASSWORD", v);
    }
    let mut child = cmd.spawn().unwrap();
    let (mut s, _) = listener.accept().unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let open_req = read_message(&mut s);
    let mut refusal = hex("00000008 00000001 00000000 00000007");
    refusal[8..12].copy_from_slice(&open_req[8..12]);
    s.write_all(&refusal).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "a refused open is a failure");
    open_req
}

#[test]
fn password_from_the_environment_a_file_or_the_flag() {
    let req = binary_open_req(&[], Some("from-env"));
    assert_eq!(open_req_password(&req), b"from-env");

    let file = std::env::temp_dir().join(format!("cti-client-pw-{}", std::process::id()));
    std::fs::write(&file, "from-file\nnot this line\n").unwrap();
    let path = file.to_str().unwrap();
    // The file wins over the environment, the flag over both.
    let req = binary_open_req(&["--password-file", path], Some("from-env"));
    assert_eq!(open_req_password(&req), b"from-file");
    let req = binary_open_req(&["--password", "from-flag"], Some("from-env"));
    assert_eq!(open_req_password(&req), b"from-flag");
    std::fs::remove_file(&file).unwrap();

    // In-process, with the environment's value handed in.
    let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let o = driver::parse_with_env(&args("--server a:1 --client-id id"), Some(b"e".to_vec()));
    assert_eq!(o.unwrap().password.0, b"e");
    let o = driver::parse_with_env(&args("--server a:1 --client-id id"), None).unwrap();
    assert_eq!(o.password.0, b"", "no password at all is an empty one");
    // Both flags at once is a usage error.
    assert!(driver::parse_with_env(
        &args("--server a:1 --client-id id --password x --password-file y"),
        None
    )
    .is_err());
}

#[test]
fn help_documents_the_password_sources_and_the_heartbeat_default() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cti-client"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    // Help may be wrapped to the terminal's width: compare with single spaces.
    let help = String::from_utf8(out.stdout).unwrap();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Visible to other local users",
        "--password-file <FILE>",
        "CTI_PASSWORD",
        "[default: 30]",
        "-1 turns heartbeats off",
    ] {
        assert!(help.contains(want), "{want:?} not in:\n{help}");
    }
}

/// Without `--heartbeat` the tool heartbeats every 30 s: the OPEN_REQ's IdleTimeout is four
/// intervals (spec §6.1: 120 s), and a HEARTBEAT_REQ arrives 30 s after the open.
#[test]
fn heartbeats_by_default_every_30_s() {
    let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let o = driver::parse(&args("--server a:1 --client-id id")).unwrap();
    assert_eq!(o.heartbeat, Some(30));

    let (code, lines, (open_req, heartbeat, after)) =
        run(&["--client-id", "hb", "--json", "--once"], |mut s| {
            s.set_read_timeout(Some(Duration::from_secs(45))).unwrap();
            let open_req = read_message(&mut s);
            s.write_all(&open_conf(word(&open_req, 8))).unwrap();
            let opened = std::time::Instant::now();
            let heartbeat = read_message(&mut s);
            let after = opened.elapsed();
            // Answer it, then take the server offline: the client closes.
            let mut conf = hex("00000004 00000006");
            conf.extend_from_slice(&heartbeat[8..12]);
            s.write_all(&conf).unwrap();
            s.write_all(&hex("00000004 00000002 0000000f")).unwrap();
            let close_req = read_message(&mut s);
            let mut conf = hex("00000004 00000008");
            conf.extend_from_slice(&close_req[8..12]);
            s.write_all(&conf).unwrap();
            let mut rest = Vec::new();
            let _ = s.read_to_end(&mut rest);
            (open_req, heartbeat, after)
        });
    assert_eq!(
        word(&open_req, 16),
        120,
        "IdleTimeout: four heartbeat intervals"
    );
    assert_eq!(word(&heartbeat, 4), 5, "HEARTBEAT_REQ");
    assert!(
        after >= Duration::from_millis(29_500) && after < Duration::from_secs(35),
        "first heartbeat {after:?} after the open"
    );
    assert_eq!(
        lines.last().map(String::as_str),
        Some(r#"{"event":"closed"}"#)
    );
    assert_eq!(code, 0);
}
