//! `cti-sim --agents` as a desktop sees it over TCP: an independent client (the crate's blocking
//! driver, in this process; the simulator is the real binary) logs an agent in, makes it ready,
//! takes the call the simulator offers, holds, retrieves and releases it, and gets every
//! confirmation (spec §3.18–3.19, §4) and event with the same ConnectionCallID and device IDs
//! throughout. Without `--agents` application requests are still refused as before.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cti_proto::blocking::Client;
use cti_proto::client::request::{AnswerCall, HoldCall, ReleaseCall, RetrieveCall, SetAgentState};
use cti_proto::client::{Config, Event, Outcome};
use cti_proto::driver::ClientEvent;
use cti_proto::wire::codes::{
    AgentState, AgentStateMask, CallMsgMask, ControlFailureCode, LocalConnectionState, ServiceMask,
    StatusCode,
};
use cti_proto::wire::{Encode, Message, MessageType};

const P: u32 = 5000;

/// A running `cti-sim` on a free loopback port; killed when dropped.
struct Sim {
    child: Child,
    addr: String,
}

impl Sim {
    fn start(args: &[&str]) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cti-sim"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("CTI_PASSWORD")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("cti-sim exited").unwrap();
            if let Some((_, addr)) = line.split_once("listening on ") {
                break addr.trim().to_string();
            }
        };
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

/// What the client received, owned.
#[derive(Clone, Debug, PartialEq)]
enum Rec {
    /// A request was answered: its InvokeID, the request's type, and the confirmation's type
    /// (or the control failure code).
    Done {
        invoke_id: u32,
        request: MessageType,
        conf: Result<MessageType, String>,
    },
    /// An unsolicited event.
    Event(Ev),
}

/// The parts of an event the checks read.
#[derive(Clone, Debug, PartialEq)]
struct Ev {
    ty: MessageType,
    call: Option<u32>,
    device: Option<String>,
    state: Option<AgentState>,
    agent: Option<String>,
    connection_state: Option<LocalConnectionState>,
}

fn s(x: Option<cti_proto::wire::Str<'_>>) -> Option<String> {
    x.and_then(|s| s.to_str().ok().map(str::to_string))
}

fn ev(m: &Message<'_>) -> Ev {
    let mut e = Ev {
        ty: m.message_type(),
        call: None,
        device: None,
        state: None,
        agent: None,
        connection_state: None,
    };
    match m {
        Message::AgentStateEvent(a) => {
            e.state = Some(a.agent_state);
            e.agent = s(a.agent_id());
            e.device = s(a.agent_instrument());
        }
        Message::BeginCallEvent(c) => {
            e.call = Some(c.connection_call_id);
            e.device = s(c.connection_device_id());
        }
        Message::CallDeliveredEvent(c) => {
            e.call = Some(c.connection_call_id);
            e.device = s(c.alerting_device_id());
            e.connection_state = Some(c.local_connection_state);
        }
        Message::CallEstablishedEvent(c) => {
            e.call = Some(c.connection_call_id);
            e.device = s(c.answering_device_id());
            e.connection_state = Some(c.local_connection_state);
        }
        Message::CallHeldEvent(c) => {
            e.call = Some(c.connection_call_id);
            e.device = s(c.holding_device_id());
            e.connection_state = Some(c.local_connection_state);
        }
        Message::CallRetrievedEvent(c) => {
            e.call = Some(c.connection_call_id);
            e.device = s(c.retrieving_device_id());
            e.connection_state = Some(c.local_connection_state);
        }
        Message::CallConnectionClearedEvent(c) => {
            e.call = Some(c.connection_call_id);
            e.device = s(c.connection_device_id());
        }
        Message::CallClearedEvent(c) => e.call = Some(c.connection_call_id),
        Message::EndCallEvent(c) => e.call = Some(c.connection_call_id),
        _ => {}
    }
    e
}

/// A desktop: the blocking client and everything it has received.
struct Desk {
    client: Client<'static>,
    got: Vec<Rec>,
}

impl Desk {
    fn open(addr: &str) -> Desk {
        let config = Config::new("desk", b"pw")
            .with_services_requested(ServiceMask::CLIENT_CONTROL | ServiceMask::ALL_EVENTS)
            .with_call_msg_mask(CallMsgMask::ALL)
            .with_agent_state_mask(AgentStateMask::ALL)
            .with_peripheral_id(P);
        let config: &'static Config<'static> = Box::leak(Box::new(config));
        let addr: &'static str = Box::leak(addr.to_string().into_boxed_str());
        let servers: &'static [&'static str] = Box::leak(vec![addr].into_boxed_slice());
        let mut desk = Desk {
            client: Client::connect(config, servers).unwrap(),
            got: Vec::new(),
        };
        desk.wait_for(|_| false, |e| matches!(e, Event::Opened(_)));
        desk
    }

    /// Reads until `done` holds for the records, or `opened` for a session event; panics after
    /// ten seconds.
    fn wait_for(&mut self, done: impl Fn(&[Rec]) -> bool, opened: impl Fn(&Event<'_>) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done(&self.got) {
            assert!(Instant::now() < deadline, "timed out; got {:#?}", self.got);
            let event = self.client.next_event().unwrap().expect("driver running");
            let ClientEvent::Session(e) = event else {
                continue;
            };
            if opened(&e) {
                return;
            }
            match e {
                // The server's SYSTEM_EVENTs (peripheral online) are not the centre's.
                Event::Message(Message::SystemEvent(_)) => {}
                Event::Message(m) => self.got.push(Rec::Event(ev(&m))),
                Event::Completed {
                    invoke_id,
                    request,
                    outcome,
                } => self.got.push(Rec::Done {
                    invoke_id: invoke_id.0,
                    request,
                    conf: match outcome {
                        Outcome::Conf(m) => Ok(m.message_type()),
                        Outcome::ControlFailure { code, .. } => Err(format!("{code:?}")),
                        other => Err(format!("{other:?}")),
                    },
                }),
                Event::SessionFailed(r) => panic!("session failed: {r:?}"),
                Event::Closed => panic!("session closed"),
                _ => {}
            }
        }
    }

    /// Sends `request`, waits for its answer and for `events` more events; returns the answer
    /// and those events, and clears the record.
    fn exchange<M: Encode + ?Sized>(
        &mut self,
        request: &M,
        events: usize,
    ) -> (Result<MessageType, String>, Vec<Ev>) {
        let id = self.client.send(request).unwrap().0;
        self.wait_for(
            |got| {
                got.iter()
                    .position(|r| matches!(r, Rec::Done { invoke_id, .. } if *invoke_id == id))
                    .is_some_and(|at| got.len() - at > events)
            },
            |_| false,
        );
        let got = std::mem::take(&mut self.got);
        let at = got
            .iter()
            .position(|r| matches!(r, Rec::Done { invoke_id, .. } if *invoke_id == id))
            .unwrap();
        // Nothing arrives before the answer but events of earlier traffic.
        let Rec::Done { conf, .. } = got[at].clone() else {
            unreachable!()
        };
        let evs = got[at + 1..=at + events]
            .iter()
            .map(|r| match r {
                Rec::Event(e) => e.clone(),
                other => panic!("expected an event, got {other:?}"),
            })
            .collect();
        self.got = got[at + 1 + events..].to_vec();
        (conf, evs)
    }

    /// Waits for `n` events.
    fn events(&mut self, n: usize) -> Vec<Ev> {
        self.wait_for(|got| got.len() >= n, |_| false);
        let got: Vec<Rec> = self.got.drain(..n).collect();
        got.into_iter()
            .map(|r| match r {
                Rec::Event(e) => e,
                other => panic!("expected an event, got {other:?}"),
            })
            .collect()
    }
}

/// How a CONTROL_FAILURE_CONF with `code` is recorded.
fn failed(code: ControlFailureCode) -> Result<MessageType, String> {
    Err(format!("{code:?}"))
}

fn types(evs: &[Ev]) -> Vec<MessageType> {
    evs.iter().map(|e| e.ty).collect()
}

#[test]
fn a_desk_takes_an_offered_call_through_hold_retrieve_and_release() {
    // One agent; a call offered every 20 ms finds it once it is ready. Long talk and ring
    // times: the desk, not the timer, ends the call.
    let sim = Sim::start(&[
        "--agents",
        "1",
        "--call-rate",
        "3000",
        "--talk-time",
        "600",
        "--ring-time",
        "600",
    ]);
    let mut d = Desk::open(&sim.addr);
    let login = SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("1001");
    let (conf, evs) = d.exchange(&login, 2);
    assert_eq!(conf, Ok(MessageType::SET_AGENT_STATE_CONF));
    assert_eq!(types(&evs), [MessageType::AGENT_STATE_EVENT; 2]);
    assert_eq!(
        evs.iter().map(|e| e.state.unwrap()).collect::<Vec<_>>(),
        [AgentState::LOGIN, AgentState::NOT_READY]
    );
    for e in &evs {
        assert_eq!(e.agent.as_deref(), Some("1001"));
        assert_eq!(e.device.as_deref(), Some("2001"));
    }

    // Logging in twice is illegal: CONTROL_FAILURE_CONF CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON
    // (spec §5.13) and no event.
    let (conf, _) = d.exchange(&login, 0);
    assert_eq!(
        conf,
        failed(ControlFailureCode::SPECIFIED_AGENT_ALREADY_SIGNED_ON)
    );

    let ready = SetAgentState::new(P, "2001", AgentState::AVAILABLE).agent_id("1001");
    let (conf, evs) = d.exchange(&ready, 1);
    assert_eq!(conf, Ok(MessageType::SET_AGENT_STATE_CONF));
    assert_eq!(evs[0].state, Some(AgentState::AVAILABLE));

    // The offered call: BEGIN_CALL, CALL_DELIVERED alerting at 2001, RESERVED.
    let evs = d.events(3);
    assert_eq!(
        types(&evs),
        [
            MessageType::BEGIN_CALL_EVENT,
            MessageType::CALL_DELIVERED_EVENT,
            MessageType::AGENT_STATE_EVENT
        ]
    );
    let call = evs[0].call.unwrap();
    assert_eq!(evs[0].device.as_deref(), Some("2001"));
    assert_eq!(evs[1].call, Some(call));
    assert_eq!(evs[1].device.as_deref(), Some("2001"));
    assert_eq!(
        evs[1].connection_state,
        Some(LocalConnectionState::ALERTING)
    );
    assert_eq!(evs[2].state, Some(AgentState::RESERVED));

    // Holding a call that is only alerting is illegal.
    let (conf, _) = d.exchange(&HoldCall::new(P, call, "2001"), 0);
    assert_eq!(conf, failed(ControlFailureCode::NO_ACTIVE_CALL));

    let (conf, evs) = d.exchange(&AnswerCall::new(P, call, "2001"), 2);
    assert_eq!(conf, Ok(MessageType::ANSWER_CALL_CONF));
    assert_eq!(
        types(&evs),
        [
            MessageType::CALL_ESTABLISHED_EVENT,
            MessageType::AGENT_STATE_EVENT
        ]
    );
    assert_eq!(
        (
            evs[0].call,
            evs[0].device.as_deref(),
            evs[0].connection_state
        ),
        (
            Some(call),
            Some("2001"),
            Some(LocalConnectionState::CONNECT)
        )
    );
    assert_eq!(evs[1].state, Some(AgentState::TALKING));

    // Answering it again: the call is not alerting any more.
    let (conf, _) = d.exchange(&AnswerCall::new(P, call, "2001"), 0);
    assert_eq!(conf, failed(ControlFailureCode::NO_CALL_TO_ANSWER));

    let (conf, evs) = d.exchange(&HoldCall::new(P, call, "2001"), 2);
    assert_eq!(conf, Ok(MessageType::HOLD_CALL_CONF));
    assert_eq!(
        types(&evs),
        [MessageType::CALL_HELD_EVENT, MessageType::AGENT_STATE_EVENT]
    );
    assert_eq!(
        (
            evs[0].call,
            evs[0].device.as_deref(),
            evs[0].connection_state
        ),
        (Some(call), Some("2001"), Some(LocalConnectionState::HOLD))
    );
    assert_eq!(evs[1].state, Some(AgentState::HOLD));

    let (conf, evs) = d.exchange(&RetrieveCall::new(P, call, "2001"), 2);
    assert_eq!(conf, Ok(MessageType::RETRIEVE_CALL_CONF));
    assert_eq!(
        types(&evs),
        [
            MessageType::CALL_RETRIEVED_EVENT,
            MessageType::AGENT_STATE_EVENT
        ]
    );
    assert_eq!(
        (
            evs[0].call,
            evs[0].device.as_deref(),
            evs[0].connection_state
        ),
        (
            Some(call),
            Some("2001"),
            Some(LocalConnectionState::CONNECT)
        )
    );
    assert_eq!(evs[1].state, Some(AgentState::TALKING));

    let (conf, evs) = d.exchange(&ReleaseCall::new(P, call, "2001"), 4);
    assert_eq!(conf, Ok(MessageType::RELEASE_CALL_CONF));
    assert_eq!(
        types(&evs),
        [
            MessageType::CALL_CONNECTION_CLEARED_EVENT,
            MessageType::CALL_CLEARED_EVENT,
            MessageType::END_CALL_EVENT,
            MessageType::AGENT_STATE_EVENT
        ]
    );
    assert_eq!(evs[0].device.as_deref(), Some("2001"));
    for e in &evs[..3] {
        assert_eq!(e.call, Some(call));
    }
    assert_eq!(evs[3].state, Some(AgentState::AVAILABLE));
}

#[test]
fn masks_are_honoured_and_a_second_desk_sees_the_same_events() {
    let sim = Sim::start(&["--agents", "2"]);
    let mut a = Desk::open(&sim.addr);
    // A session that asks for agent events but only NOT_READY ones.
    let config = Config::new("wallboard", b"pw")
        .with_services_requested(ServiceMask::ALL_EVENTS)
        .with_agent_state_mask(AgentStateMask::NOT_READY)
        .with_peripheral_id(P);
    let config: &'static Config<'static> = Box::leak(Box::new(config));
    let addr: &'static str = Box::leak(sim.addr.clone().into_boxed_str());
    let servers: &'static [&'static str] = Box::leak(vec![addr].into_boxed_slice());
    let mut b = Desk {
        client: Client::connect(config, servers).unwrap(),
        got: Vec::new(),
    };
    b.wait_for(|_| false, |e| matches!(e, Event::Opened(_)));

    let login = SetAgentState::new(P, "2002", AgentState::LOGIN).agent_id("1002");
    let (conf, evs) = a.exchange(&login, 2);
    assert_eq!(conf, Ok(MessageType::SET_AGENT_STATE_CONF));
    assert_eq!(evs[1].state, Some(AgentState::NOT_READY));
    let ready = SetAgentState::new(P, "2002", AgentState::AVAILABLE).agent_id("1002");
    let (_, evs) = a.exchange(&ready, 1);
    assert_eq!(evs[0].state, Some(AgentState::AVAILABLE));
    let not_ready = SetAgentState::new(P, "2002", AgentState::NOT_READY).agent_id("1002");
    let (_, evs) = a.exchange(&not_ready, 1);
    assert_eq!(evs[0].state, Some(AgentState::NOT_READY));

    // The wallboard got exactly the two NOT_READY events, for agent 1002.
    let evs = b.events(2);
    for e in &evs {
        assert_eq!(e.ty, MessageType::AGENT_STATE_EVENT);
        assert_eq!(e.state, Some(AgentState::NOT_READY));
        assert_eq!(e.agent.as_deref(), Some("1002"));
    }
    // And nothing else arrives (LOGIN and AVAILABLE were masked out).
    let _ = b
        .client
        .send(&SetAgentState::new(P, "2002", AgentState::LOGIN).agent_id("1002"));
    b.wait_for(
        |got| got.iter().any(|r| matches!(r, Rec::Done { .. })),
        |_| false,
    );
    assert!(
        b.got.iter().all(|r| matches!(r, Rec::Done { .. })),
        "masked events arrived: {:?}",
        b.got
    );
}

#[test]
fn without_agents_control_requests_are_not_available() {
    let sim = Sim::start(&[]);
    let mut d = Desk::open(&sim.addr);
    let id = d
        .client
        .send(&SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("1001"))
        .unwrap()
        .0;
    d.wait_for(|got| !got.is_empty(), |_| false);
    let Rec::Done {
        invoke_id, conf, ..
    } = &d.got[0]
    else {
        panic!("{:?}", d.got)
    };
    assert_eq!(*invoke_id, id);
    assert_eq!(
        conf,
        &Err(format!(
            "{:?}",
            Outcome::Failure(StatusCode::FUNCTION_NOT_AVAILABLE)
        ))
    );
}

#[test]
fn help_documents_the_agent_list_and_the_talk_time() {
    let out = Command::new(env!("CARGO_BIN_EXE_cti-sim"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "--agents <N>",
        "--agents-file <FILE>",
        "`AGENT_ID EXTENSION INSTRUMENT SKILL_GROUPS`",
        "--call-rate <PER_MIN>",
        "--talk-time <SECS>",
        "[default: 30]",
        "--login-all",
    ] {
        assert!(help.contains(want), "{want} missing from: {help}");
    }
}

#[test]
fn agents_come_from_a_file() {
    let dir = std::env::temp_dir();
    let good = dir.join(format!("cti-sim-agents-{}", std::process::id()));
    std::fs::write(&good, "# id ext instrument groups\n\n7001 3001 3001 5,6\n").unwrap();
    let sim = Sim::start(&["--agents-file", good.to_str().unwrap()]);
    let mut d = Desk::open(&sim.addr);
    let login = SetAgentState::new(P, "3001", AgentState::LOGIN).agent_id("7001");
    let (conf, evs) = d.exchange(&login, 2);
    assert_eq!(conf, Ok(MessageType::SET_AGENT_STATE_CONF));
    assert_eq!(evs[1].state, Some(AgentState::NOT_READY));
    assert_eq!(evs[1].agent.as_deref(), Some("7001"));
    assert_eq!(evs[1].device.as_deref(), Some("3001"));
    // An agent the file does not name cannot log in.
    let other = SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("1001");
    let (conf, _) = d.exchange(&other, 0);
    assert!(conf.is_err(), "{conf:?}");
    drop(sim);

    // A malformed line: the simulator does not start, and says which line.
    let bad = dir.join(format!("cti-sim-agents-bad-{}", std::process::id()));
    std::fs::write(&bad, "7001 3001 3001 5\n7002 3002\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cti-sim"))
        .args(["--listen", "127.0.0.1:0", "--agents-file"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    let _ = std::fs::remove_file(good);
    let _ = std::fs::remove_file(bad);
}
