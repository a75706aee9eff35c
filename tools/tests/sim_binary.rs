//! The `cti-sim` binary as people run it: the password it requires comes from `--password`,
//! `--password-file` or `CTI_PASSWORD`, and `--open-timeout` closes a connection that does not
//! open a session in time (15 s unless told otherwise). Clients are the crate's blocking driver
//! and a plain socket.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cti_proto::blocking::Client;
use cti_proto::client::{Config, Event, FailureReason};
use cti_proto::driver::ClientEvent;
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

// ----- versions over TCP: the drivers against `cti-sim --versions` -----

use cti_proto::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask};
use cti_proto::wire::{Message, Version};

/// What a client saw of one session: the version it opened at, its OPEN_CONF's DepartmentID and
/// SessionType, the refusals before, and the typed events and heartbeat confirmations after.
#[derive(Debug, Default)]
struct Seen {
    version: Option<Version>,
    refused: Vec<StatusCode>,
    open_conf: Option<(Option<i32>, Option<u16>)>,
    agent_events: usize,
    /// DepartmentID of each AGENT_STATE_EVENT: present (written as 0 by the simulator) from v19.
    department_ids: Vec<Option<i32>>,
    call_events: usize,
    heartbeats_confirmed: usize,
    /// Raw messages and failures after the open.
    other: Vec<String>,
}

/// Runs a blocking client with `config` against `addr` until `enough` holds or `limit` passes;
/// a session failure after the open ends it.
fn watch(config: &Config<'_>, addr: &str, limit: Duration, enough: impl Fn(&Seen) -> bool) -> Seen {
    let mut client = Client::connect(config, &[addr]).unwrap();
    let mut seen = Seen::default();
    let start = Instant::now();
    while start.elapsed() < limit && !enough(&seen) {
        let version = client.session().map(|s| s.version());
        match client.next_event().unwrap() {
            Some(ClientEvent::Session(Event::Opened(c))) => {
                seen.version = version;
                seen.open_conf = Some((c.department_id, c.session_type.map(|t| t.0)));
            }
            Some(ClientEvent::Session(Event::SessionFailed(FailureReason::Rejected {
                status,
            }))) if seen.version.is_none() => seen.refused.push(status),
            Some(ClientEvent::Session(Event::SessionFailed(reason))) => {
                seen.other.push(format!("failed {reason:?}"));
                break;
            }
            Some(ClientEvent::Session(Event::Message(m))) => match m {
                Message::AgentStateEvent(e) => {
                    seen.agent_events += 1;
                    seen.department_ids.push(e.department_id);
                }
                Message::BeginCallEvent(_) | Message::EndCallEvent(_) => seen.call_events += 1,
                // Anything raw: a layout the client could not read.
                Message::Unknown(m) => seen.other.push(format!("{m:?}")),
                _ => {}
            },
            Some(ClientEvent::HeartbeatConfirmed { .. }) => seen.heartbeats_confirmed += 1,
            Some(_) => {}
            None => break,
        }
    }
    let _ = client.close();
    seen
}

#[test]
fn a_v24_client_falls_back_to_15_against_a_13_to_15_simulator() {
    let sim = Sim::start(&["--versions", "13-15"], None);
    // Full v24 masks, as a v24 client asks: each lower version drops the bits it lacks, or
    // v15 would refuse the masks (E_CTI_INVALID_CALL_MSG_MASK) and the fallback would stop.
    let config = Config::new("probe", b"")
        .with_version(Version::V24)
        .with_services_requested(ServiceMask::ALL_EVENTS)
        .with_call_msg_mask(CallMsgMask(0xFFFF_FFFF))
        .with_agent_state_mask(AgentStateMask(0x3FFF))
        .with_version_fallback(Version::V13);
    let seen = watch(&config, &sim.addr, Duration::from_secs(20), |s| {
        s.version.is_some()
    });
    // Refused at 24, 23, …, 16, one version at a time, each retried at once; open at 15 in v15's
    // layout (no DepartmentID, no SessionType).
    assert_eq!(seen.refused, [StatusCode::INVALID_VERSION; 9], "{seen:?}");
    assert_eq!(seen.version, Some(Version::V15), "{seen:?}");
    assert_eq!(seen.open_conf, Some((None, None)));
    // Without the fallback the refusal is final for that version.
    let config = Config::new("probe", b"").with_version(Version::V24);
    let seen = watch(&config, &sim.addr, Duration::from_secs(10), |s| {
        !s.refused.is_empty()
    });
    assert_eq!(seen.refused, [StatusCode::INVALID_VERSION]);
    assert_eq!(seen.version, None);
}

#[test]
fn a_v24_client_with_full_masks_gets_v24_layouts_and_heartbeats() {
    let sim = Sim::start(&["--versions", "13-25", "--events-every", "50"], None);
    let config = Config::new("probe", b"")
        .with_version(Version::V24)
        .with_services_requested(ServiceMask::ALL_EVENTS)
        .with_call_msg_mask(CallMsgMask(0xFFFF_FFFF))
        .with_agent_state_mask(AgentStateMask(AgentStateMask::valid_bits(Version::V24)))
        .with_heartbeat_interval(Duration::from_secs(5));
    assert_eq!(config.agent_state_mask.0, 0x3FFF);
    // Two heartbeat intervals: events all along, two heartbeats confirmed.
    let seen = watch(&config, &sim.addr, Duration::from_secs(20), |s| {
        s.heartbeats_confirmed >= 2 && s.agent_events >= 20 && s.call_events >= 20
    });
    assert_eq!(seen.version, Some(Version::V24), "{seen:?}");
    assert!(seen.refused.is_empty(), "{seen:?}");
    // OPEN_CONF's v24 fixed part: DepartmentID and SessionType read from the fixed part.
    assert!(
        matches!(seen.open_conf, Some((Some(_), Some(_)))),
        "{seen:?}"
    );
    assert!(seen.heartbeats_confirmed >= 2, "{seen:?}");
    assert!(
        seen.agent_events >= 20 && seen.call_events >= 20,
        "{seen:?}"
    );
    // Every AGENT_STATE_EVENT in the v24 layout (DepartmentID at offset 58), nothing raw or
    // failed.
    assert!(
        seen.department_ids.iter().all(|d| *d == Some(0)),
        "{seen:?}"
    );
    assert!(seen.other.is_empty(), "{:?}", seen.other);
}

#[test]
fn v14_and_v15_clients_still_open_against_a_13_to_25_simulator() {
    let sim = Sim::start(&["--versions", "13-25", "--events-every", "50"], None);
    for version in [Version::V14, Version::V15] {
        let config = Config::new("probe", b"")
            .with_version(version)
            .with_services_requested(ServiceMask::ALL_EVENTS)
            .with_call_msg_mask(CallMsgMask(CallMsgMask::valid_bits(version)))
            .with_agent_state_mask(AgentStateMask(AgentStateMask::valid_bits(version)));
        let seen = watch(&config, &sim.addr, Duration::from_secs(10), |s| {
            s.agent_events >= 5 && s.call_events >= 5
        });
        assert_eq!(seen.version, Some(version), "{seen:?}");
        assert_eq!(seen.open_conf, Some((None, None)), "{version:?}");
        assert!(seen.agent_events >= 5 && seen.call_events >= 5, "{seen:?}");
        // v15's AGENT_STATE_EVENT: no DepartmentID.
        assert!(seen.department_ids.iter().all(Option::is_none), "{seen:?}");
        assert!(seen.other.is_empty(), "{:?}", seen.other);
    }
}
