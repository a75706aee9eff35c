//! The `cti-sim` binary as people run it: the password it requires comes from `--password`,
//! `--password-file` or `CTI_PASSWORD`, and `--open-timeout` closes a connection that does not
//! open a session in time (15 s unless told otherwise). Clients are the crate's blocking driver
//! and a plain socket.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cti_proto::blocking::{Client, ClientEvent};
use cti_proto::client::{Config, Event, FailureReason};
use cti_proto::wire::codes::StatusCode;

/// A running `cti-sim` on a free loopback port; killed when dropped.
struct Sim {
    child: Child,
    addr: String,
}

impl Sim {
    fn start(args: &[&str], env_password: Option<&str>) -> Sim {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cti-sim"));
        cmd.args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("CTI_PASSWORD")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(v) = env_password {
            cmd.env("CTI_PASSWORD", v);
        }
        let mut child = cmd.spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("cti-sim exited").unwrap();
            if let Some((_, addr)) = line.split_once("listening on ") {
                break addr.trim().to_string();
            }
        };
        // Keep reading its log so it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Sim { child, addr }
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens a session with `password`: `Ok(())` when opened, else the failure.
fn open(addr: &str, password: &[u8]) -> Result<(), FailureReason> {
    let config = Config::new("probe", password);
    let mut client = Client::connect(&config, &[addr]).unwrap();
    loop {
        match client.next_event().unwrap() {
            Some(ClientEvent::Session(Event::Opened(_))) => return Ok(()),
            Some(ClientEvent::Session(Event::SessionFailed(reason))) => return Err(reason),
            Some(_) => {}
            None => panic!("the driver stopped"),
        }
    }
}

const INVALID_PASSWORD: Result<(), FailureReason> = Err(FailureReason::Rejected {
    status: StatusCode::INVALID_PASSWORD,
});

#[test]
fn password_from_the_environment() {
    let sim = Sim::start(&[], Some("env-secret"));
    assert_eq!(open(&sim.addr, b"env-secret"), Ok(()));
    assert_eq!(open(&sim.addr, b"other"), INVALID_PASSWORD);
}

#[test]
fn password_from_a_file_wins_over_the_environment() {
    let file = std::env::temp_dir().join(format!("cti-sim-pw-{}", std::process::id()));
    std::fs::write(&file, "file-secret\r\n").unwrap();
    let sim = Sim::start(
        &["--password-file", file.to_str().unwrap()],
        Some("env-secret"),
    );
    assert_eq!(open(&sim.addr, b"file-secret"), Ok(()));
    assert_eq!(open(&sim.addr, b"env-secret"), INVALID_PASSWORD);
    drop(sim);
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn password_flag_wins_over_the_environment() {
    let sim = Sim::start(&["--password", "flag-secret"], Some("env-secret"));
    assert_eq!(open(&sim.addr, b"flag-secret"), Ok(()));
    assert_eq!(open(&sim.addr, b"env-secret"), INVALID_PASSWORD);
}

#[test]
fn without_a_password_any_is_accepted() {
    let sim = Sim::start(&[], None);
    assert_eq!(open(&sim.addr, b"anything"), Ok(()));
}

/// How long the simulator keeps a connection that sends nothing.
fn idle_connection_lifetime(sim: &Sim) -> Duration {
    let mut s = TcpStream::connect(&sim.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let start = Instant::now();
    let mut b = [0u8; 64];
    match s.read(&mut b) {
        Ok(0) => start.elapsed(),
        Ok(_) => panic!("nothing was asked"),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => start.elapsed(),
        Err(e) => panic!("still open after {:?}: {e}", start.elapsed()),
    }
}

#[test]
fn open_timeout_cuts_an_idle_connection() {
    let sim = Sim::start(&["--open-timeout", "1"], None);
    let lived = idle_connection_lifetime(&sim);
    assert!(
        lived >= Duration::from_millis(900) && lived < Duration::from_secs(4),
        "cut after {lived:?}"
    );
    // A connection that opens in time is kept.
    assert_eq!(open(&sim.addr, b""), Ok(()));
}

#[test]
fn open_timeout_is_15_s_by_default() {
    let out = Command::new(env!("CARGO_BIN_EXE_cti-sim"))
        .arg("--help")
        .output()
        .unwrap();
    // Help may be wrapped to the terminal's width: compare with single spaces.
    let help = String::from_utf8(out.stdout).unwrap();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("--open-timeout <SECS>") && help.contains("[default: 15]"),
        "{help}"
    );
    assert!(help.contains("Visible to other local users"), "{help}");
    let sim = Sim::start(&[], None);
    let lived = idle_connection_lifetime(&sim);
    assert!(
        lived >= Duration::from_millis(14_500) && lived < Duration::from_secs(18),
        "cut after {lived:?}"
    );
}

#[test]
fn versions_outside_13_to_25_are_refused_with_a_clear_error() {
    for bad in ["12", "26", "13-26", "9-15", "x-15"] {
        let out = Command::new(env!("CARGO_BIN_EXE_cti-sim"))
            .args(["--listen", "127.0.0.1:0", "--versions", bad])
            .env_remove("CTI_PASSWORD")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--versions"), "{bad}: {err}");
        if !bad.starts_with('x') {
            assert!(err.contains("versions 13 to 25"), "{bad}: {err}");
        }
    }
}
