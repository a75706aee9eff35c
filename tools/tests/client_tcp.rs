//! The `cti-client` example's driver over loopback TCP against a small scripted CTI Server
//! written here with hand-made bytes: the open, events split byte by byte, the server going
//! offline and the close, a rejected open, an oversize length and a peer that hangs up. A
//! failed session must reset the connection (linger 0).

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
            "--json",
            "--once",
        ],
        |mut s| {
            let open_req = read_message(&mut s);
            let id = word(&open_req, 8);
            // Byte by byte: OPEN_CONF, SYSTEM_EVENT, FAILURE_EVENT(E_CTI_CTI_SERVER_OFFLINE).
            let mut stream = open_conf(id);
            stream.extend(hex(
                "0000001a 0000001f 00000004 5746cc1e 00000003 00001388 00000000 00000000 ffff",
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
            r#"{"event":"message","type":"SYSTEM_EVENT","type_id":31,"fields":{"pg_status":4,"icm_central_controller_time":1464257566,"system_event_id":3,"system_event_arg1":5000,"system_event_arg2":0,"system_event_arg3":0,"event_device_type":65535}}"#,
            r#"{"event":"message","type":"FAILURE_EVENT","type_id":2,"fields":{"status":15}}"#,
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
    for (name, snake) in [
        ("InvokeID", "invoke_id"),
        ("PGStatus", "pg_status"),
        ("ICMCentralControllerTime", "icm_central_controller_time"),
        ("SystemEventArg1", "system_event_arg1"),
    ] {
        assert_eq!(driver::snake_case(name), snake);
    }
    assert!(driver::parse(&args("--server a:1 --client-id id --bogus")).is_err());
}
