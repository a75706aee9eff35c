//! The simulator's contact centre, end to end through the codec: every request is encoded by
//! the crate's builders and decoded as a server would, every message the engine produces is
//! decoded from its bytes as a client would and folded into a client-side model, which must
//! agree with the engine's own model and with what the engine says it did.

use cti_proto::client::request::{
    AnswerCall, ClearCall, ClearConnection, ConferenceCall, Connection, HoldCall, MakeCall,
    MonitorStart, MonitorStop, QueryAgentState, ReleaseCall, RetrieveCall, SetAgentState,
    SetCallData, TransferCall,
};
use cti_proto::model::{CallKey, CallState, Change};
use cti_proto::wire::codes::{
    AgentState, CallType, ControlFailureCode, LocalConnectionState, StatusCode,
};
use cti_proto::wire::{Decoder, Encode, Message, MessageType, Status, HEADER_LEN};
use cti_proto::Instant;
use cti_tools::cc::{AgentSpec, CcConfig, CcModel, ContactCentre, Output};
use quickcheck::{Arbitrary, Gen, QuickCheck};
use std::time::Duration;

const P: u32 = 5000;

/// Runs `f` on a thread with room for the engine's and the client's models (a debug build
/// makes them on the stack before boxing them).
fn big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

/// A client: sends requests with fresh InvokeIDs and folds what comes back into its model.
struct Desk {
    cc: ContactCentre,
    model: Box<CcModel>,
    next_invoke: u32,
    now: Instant,
    /// Changes the client model reported, all along.
    started: u64,
    ended: u64,
}

impl Desk {
    fn new(config: CcConfig) -> Desk {
        Desk {
            cc: ContactCentre::new(config, Instant::ZERO).unwrap(),
            model: Box::default(),
            next_invoke: 1,
            now: Instant::ZERO,
            started: 0,
            ended: 0,
        }
    }

    /// Encodes `request` as a client would, with a fresh InvokeID, and hands the server's
    /// decoding of it to the engine; folds the answer. Returns the InvokeID and the messages.
    fn send(&mut self, request: &impl Encode) -> (u32, Vec<Output>) {
        let invoke = self.next_invoke;
        self.next_invoke += 1;
        let mut bytes = vec![0; request.encoded_len(cti_proto::wire::Version::V15)];
        request
            .encode(cti_proto::wire::Version::V15, &mut bytes)
            .unwrap();
        bytes[HEADER_LEN..HEADER_LEN + 4].copy_from_slice(&invoke.to_be_bytes());
        let Ok(Status::Complete((message, used))) = Decoder::default().decode(&bytes) else {
            panic!("request does not decode");
        };
        assert_eq!(used, bytes.len());
        let out = self
            .cc
            .handle_request(self.now, &message)
            .expect("the engine handles this request");
        self.fold(&out);
        (invoke, out)
    }

    fn tick(&mut self, now: Instant) -> Vec<Output> {
        self.now = now;
        let out = self.cc.tick(now);
        self.fold(&out);
        out
    }

    /// Decodes each message from its bytes, as a client receives it, and folds it.
    fn fold(&mut self, out: &[Output]) {
        for o in out {
            let Ok(Status::Complete((m, used))) = Decoder::default().decode(o.bytes()) else {
                panic!("engine output does not decode: {:?}", o.message_type());
            };
            assert_eq!(used, o.bytes().len());
            assert!(!matches!(m, Message::Unknown(_)), "{m:?}");
            for c in &self.model.apply(self.now, &m) {
                match c {
                    Change::CallStarted { .. } => self.started += 1,
                    Change::CallEnded { .. } => self.ended += 1,
                    Change::Dropped(f) => panic!("client model full: {f:?}"),
                    _ => {}
                }
            }
        }
    }

    fn agree(&self) {
        assert!(
            *self.model == *self.cc.model(),
            "client and engine models differ"
        );
    }
}

fn types(out: &[Output]) -> Vec<MessageType> {
    out.iter().map(Output::message_type).collect()
}

fn invoke_of(m: &Message<'_>) -> u32 {
    m.invoke_id().unwrap().0
}

/// The CONTROL_FAILURE_CONF answering `invoke`: its FailureCode.
fn control_failure(out: &[Output], invoke: u32) -> ControlFailureCode {
    assert_eq!(
        out.len(),
        1,
        "a failed request produces no event: {:?}",
        types(out)
    );
    match out[0].message() {
        Message::ControlFailureConf(c) => {
            assert_eq!(c.invoke_id.0, invoke);
            assert_eq!(c.peripheral_error_code, 0);
            c.failure_code
        }
        other => panic!("not CONTROL_FAILURE_CONF: {other:?}"),
    }
}

fn agent_state_of(o: &Output) -> AgentState {
    match o.message() {
        Message::AgentStateEvent(e) => e.agent_state,
        other => panic!("not AGENT_STATE_EVENT: {other:?}"),
    }
}

fn two_agents(rate: u32) -> CcConfig {
    CcConfig {
        peripheral_id: P,
        agents: AgentSpec::generated(2, 1),
        call_rate_per_min: rate,
        ..CcConfig::default()
    }
}

#[test]
fn a_desk_logs_in_takes_a_call_holds_retrieves_and_releases() {
    big_stack(|| {
        let mut d = Desk::new(two_agents(1));

        // Log in: SET_AGENT_STATE_CONF, then AGENT_STATE_EVENT LOGIN and NOT_READY (§3.18–3.19).
        let login = SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("1001");
        let (id, out) = d.send(&login);
        assert_eq!(
            types(&out),
            [
                MessageType::SET_AGENT_STATE_CONF,
                MessageType::AGENT_STATE_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        assert_eq!(invoke_of(&out[0].message()), id);
        let Message::AgentStateEvent(e) = out[1].message() else {
            unreachable!()
        };
        assert_eq!((e.peripheral_id, e.agent_state), (P, AgentState::LOGIN));
        assert_eq!(e.agent_id().unwrap(), "1001");
        assert_eq!(e.agent_instrument().unwrap(), "2001");
        assert_eq!(e.agent_extension().unwrap(), "2001");
        assert_eq!(e.num_flt_skill_groups, 1);
        let g = e.flt_skill_groups().next().unwrap();
        assert_eq!(
            (g.flt_skill_group_number(), g.flt_skill_group_state()),
            (Some(1), Some(0))
        );
        assert_eq!(agent_state_of(&out[2]), AgentState::NOT_READY);
        d.agree();

        // Ready.
        let (id, out) =
            d.send(&SetAgentState::new(P, "2001", AgentState::AVAILABLE).agent_id("1001"));
        assert_eq!(
            types(&out),
            [
                MessageType::SET_AGENT_STATE_CONF,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        assert_eq!(invoke_of(&out[0].message()), id);
        assert_eq!(agent_state_of(&out[1]), AgentState::AVAILABLE);
        assert_eq!(
            d.model
                .skill_group_counts(P, 1)
                .unwrap()
                .get(AgentState::AVAILABLE),
            1
        );

        // A call is offered a minute in: BEGIN_CALL, CALL_DELIVERED alerting at 2001, RESERVED.
        assert_eq!(d.cc.next_deadline(), Some(Instant::from_secs(60)));
        let out = d.tick(Instant::from_secs(60));
        assert_eq!(
            types(&out),
            [
                MessageType::BEGIN_CALL_EVENT,
                MessageType::CALL_DELIVERED_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        let Message::BeginCallEvent(b) = out[0].message() else {
            unreachable!()
        };
        let call = b.connection_call_id;
        assert_eq!((b.peripheral_id, b.call_type), (P, CallType::ACD_IN));
        assert_eq!(b.connection_device_id().unwrap(), "2001");
        assert_eq!(b.dnis().unwrap(), "8000");
        let ani = b.ani().unwrap().to_str().unwrap().to_string();
        let Message::CallDeliveredEvent(e) = out[1].message() else {
            unreachable!()
        };
        assert_eq!(e.connection_call_id, call);
        assert_eq!(e.connection_device_id().unwrap(), "2001");
        assert_eq!(e.alerting_device_id().unwrap(), "2001");
        assert_eq!(e.calling_device_id().unwrap(), ani.as_str());
        assert_eq!(e.local_connection_state, LocalConnectionState::ALERTING);
        assert_eq!(agent_state_of(&out[2]), AgentState::RESERVED);
        let key = CallKey {
            peripheral_id: P,
            call_id: call,
        };
        assert_eq!(d.model.call(key).unwrap().state, CallState::Alerting);
        let (agent, _) = d.model.agent_by_id(P, "1001").unwrap();
        assert_eq!(d.model.calls_of(agent).count(), 1);
        d.agree();

        // Answer: ANSWER_CALL_CONF, CALL_ESTABLISHED, TALKING.
        d.now = Instant::from_secs(62);
        let (id, out) = d.send(&AnswerCall::new(P, call, "2001"));
        assert_eq!(
            types(&out),
            [
                MessageType::ANSWER_CALL_CONF,
                MessageType::CALL_ESTABLISHED_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        assert_eq!(invoke_of(&out[0].message()), id);
        let Message::CallEstablishedEvent(e) = out[1].message() else {
            unreachable!()
        };
        assert_eq!(
            (e.connection_call_id, e.local_connection_state),
            (call, LocalConnectionState::CONNECT)
        );
        assert_eq!(e.answering_device_id().unwrap(), "2001");
        assert_eq!(agent_state_of(&out[2]), AgentState::TALKING);
        assert_eq!(d.cc.stats().answered, 1);

        // Hold and retrieve.
        let (id, out) = d.send(&HoldCall::new(P, call, "2001"));
        assert_eq!(
            types(&out),
            [
                MessageType::HOLD_CALL_CONF,
                MessageType::CALL_HELD_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        assert_eq!(invoke_of(&out[0].message()), id);
        let Message::CallHeldEvent(e) = out[1].message() else {
            unreachable!()
        };
        assert_eq!(
            (e.connection_call_id, e.local_connection_state),
            (call, LocalConnectionState::HOLD)
        );
        assert_eq!(e.holding_device_id().unwrap(), "2001");
        assert_eq!(agent_state_of(&out[2]), AgentState::HOLD);
        assert_eq!(d.model.call(key).unwrap().state, CallState::Held);

        let (id, out) = d.send(&RetrieveCall::new(P, call, "2001"));
        assert_eq!(
            types(&out),
            [
                MessageType::RETRIEVE_CALL_CONF,
                MessageType::CALL_RETRIEVED_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        assert_eq!(invoke_of(&out[0].message()), id);
        let Message::CallRetrievedEvent(e) = out[1].message() else {
            unreachable!()
        };
        assert_eq!(
            (e.connection_call_id, e.local_connection_state),
            (call, LocalConnectionState::CONNECT)
        );
        assert_eq!(e.retrieving_device_id().unwrap(), "2001");
        assert_eq!(agent_state_of(&out[2]), AgentState::TALKING);
        d.agree();

        // Release: the agent's connection clears, the call clears and ends, the agent is ready.
        let (id, out) = d.send(&ReleaseCall::new(P, call, "2001"));
        assert_eq!(
            types(&out),
            [
                MessageType::RELEASE_CALL_CONF,
                MessageType::CALL_CONNECTION_CLEARED_EVENT,
                MessageType::CALL_CLEARED_EVENT,
                MessageType::END_CALL_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        assert_eq!(invoke_of(&out[0].message()), id);
        let Message::CallConnectionClearedEvent(e) = out[1].message() else {
            unreachable!()
        };
        assert_eq!(e.connection_call_id, call);
        assert_eq!(e.connection_device_id().unwrap(), "2001");
        let Message::CallClearedEvent(e) = out[2].message() else {
            unreachable!()
        };
        assert_eq!(e.connection_call_id, call);
        let Message::EndCallEvent(e) = out[3].message() else {
            unreachable!()
        };
        assert_eq!(e.connection_call_id, call);
        assert_eq!(agent_state_of(&out[4]), AgentState::AVAILABLE);
        assert_eq!(d.model.call_count(), 0);
        assert_eq!((d.started, d.ended), (1, 1));
        d.agree();
    });
}

#[test]
fn illegal_requests_get_the_control_failure_code_of_spec_5_13() {
    big_stack(|| {
        let mut d = Desk::new(two_agents(1));
        let before = d.cc.model().clone();

        let (id, out) = d.send(&SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("9999"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_AGENT_ID_SPECIFIED
        );
        let (id, out) = d.send(&SetAgentState::new(P, "2002", AgentState::LOGIN).agent_id("1001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_LOGON_DEVICE_SPECIFIED
        );
        let (id, out) =
            d.send(&SetAgentState::new(P, "2001", AgentState::AVAILABLE).agent_id("1001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_OBJECT_STATE
        );
        let groups = [cti_proto::client::request::SkillGroup::new(7, 0)];
        let login7 = SetAgentState::new(P, "2001", AgentState::LOGIN)
            .agent_id("1001")
            .skill_groups(&groups)
            .unwrap();
        let (id, out) = d.send(&login7);
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_SKILL_GROUP_SPECIFIED
        );
        let (id, out) = d.send(&QueryAgentState::by_agent_id(P, "9999"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_AGENT_ID_SPECIFIED
        );
        assert!(*d.cc.model() == before, "failed requests change nothing");

        // Logged in twice.
        d.send(&SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("1001"));
        let (id, out) = d.send(&SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("1001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::SPECIFIED_AGENT_ALREADY_SIGNED_ON
        );
        let (id, out) =
            d.send(&SetAgentState::new(P, "2001", AgentState::TALKING).agent_id("1001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::VALUE_OUT_OF_RANGE
        );

        // Call requests about calls that do not exist.
        let (id, out) = d.send(&AnswerCall::new(P, 42, "2001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_CSTA_CALL_IDENTIFIER
        );
        let (id, out) = d.send(&ClearCall::new(P, 42, "2001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::NO_CALL_TO_CLEAR
        );
        let (id, out) = d.send(&ClearConnection::new(P, 42, "2001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::NO_CONNECTION_TO_CLEAR
        );
        let (id, out) = d.send(&MakeCall::new(P, "7777", "0123"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_CALLING_DEVICE
        );
        let (id, out) = d.send(&MonitorStop::new(99));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_CROSS_REF_ID
        );

        // A call in the wrong state for the request.
        d.send(&SetAgentState::new(P, "2001", AgentState::AVAILABLE).agent_id("1001"));
        let out = d.tick(Instant::from_secs(60));
        let Message::BeginCallEvent(b) = out[0].message() else {
            panic!()
        };
        let call = b.connection_call_id;
        let (id, out) = d.send(&HoldCall::new(P, call, "2001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::NO_ACTIVE_CALL,
            "hold while alerting"
        );
        let (id, out) = d.send(&AnswerCall::new(P, call, "2002"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_CSTA_CONNECTION_IDENTIFIER
        );
        d.send(&AnswerCall::new(P, call, "2001"));
        let (id, out) = d.send(&AnswerCall::new(P, call, "2001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::NO_CALL_TO_ANSWER,
            "answer twice"
        );
        let (id, out) = d.send(&RetrieveCall::new(P, call, "2001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::NO_HELD_CALL,
            "retrieve a connected call"
        );
        let (id, out) =
            d.send(&SetAgentState::new(P, "2001", AgentState::NOT_READY).agent_id("1001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_OBJECT_STATE,
            "not ready on a call"
        );
        d.send(&HoldCall::new(P, call, "2001"));
        let (id, out) = d.send(&HoldCall::new(P, call, "2001"));
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::NO_ACTIVE_CALL,
            "hold a held call"
        );
        let single = TransferCall::single_step(P, Connection::new(call, "2001"), "0123");
        let (id, out) = d.send(&single);
        assert_eq!(
            control_failure(&out, id),
            ControlFailureCode::INVALID_FEATURE
        );

        // Another peripheral: FAILURE_CONF E_CTI_INVALID_PERIPHERAL_ID (§5.1).
        let (id, out) = d.send(&AnswerCall::new(P + 1, call, "2001"));
        let Message::FailureConf(f) = out[0].message() else {
            panic!()
        };
        assert_eq!(
            (f.invoke_id.0, f.status, out.len()),
            (id, StatusCode::INVALID_PERIPHERAL_ID, 1)
        );
        assert_eq!(d.cc.stats().rejected, 20);
        d.agree();
    });
}

#[test]
fn consultation_transfer_and_conference_keep_call_ids_consistent() {
    big_stack(|| {
        let mut d = Desk::new(two_agents(1));
        d.send(&SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("1001"));
        d.send(&SetAgentState::new(P, "2001", AgentState::AVAILABLE).agent_id("1001"));
        let out = d.tick(Instant::from_secs(60));
        let Message::BeginCallEvent(b) = out[0].message() else {
            panic!()
        };
        let customer_call = b.connection_call_id;
        let ani = b.ani().unwrap().to_str().unwrap().to_string();
        d.send(&AnswerCall::new(P, customer_call, "2001"));

        // Call data set by the desk reaches every client's model.
        let set = SetCallData::new(P, customer_call, "2001")
            .call_variable(2, "account 77")
            .unwrap()
            .named_variables(&[("user.tier", "gold")]);
        let (id, out) = d.send(&set);
        assert_eq!(
            types(&out),
            [
                MessageType::SET_CALL_DATA_CONF,
                MessageType::CALL_DATA_UPDATE_EVENT
            ]
        );
        assert_eq!(invoke_of(&out[0].message()), id);
        let key = CallKey {
            peripheral_id: P,
            call_id: customer_call,
        };
        let call = d.model.call(key).unwrap();
        assert_eq!(call.call_variable(2).unwrap(), "account 77");
        assert_eq!(call.named_variable("user.tier").unwrap(), "gold");
        assert_eq!(
            call.call_variable(1).unwrap(),
            "offered call 1",
            "earlier data is kept"
        );

        // Hold, consult, transfer.
        d.send(&HoldCall::new(P, customer_call, "2001"));
        let (id, out) = d.send(&MakeCall::new(P, "2001", "0123"));
        assert_eq!(
            types(&out),
            [
                MessageType::MAKE_CALL_CONF,
                MessageType::BEGIN_CALL_EVENT,
                MessageType::CALL_SERVICE_INITIATED_EVENT,
                MessageType::CALL_ORIGINATED_EVENT,
                MessageType::CALL_DELIVERED_EVENT,
                MessageType::CALL_ESTABLISHED_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        let Message::MakeCallConf(conf) = out[0].message() else {
            panic!()
        };
        assert_eq!(conf.invoke_id.0, id);
        let consult = conf.new_connection_call_id;
        assert_ne!(consult, customer_call);
        for o in &out[1..6] {
            let m = o.message();
            let call_id = match m {
                Message::BeginCallEvent(e) => {
                    assert_eq!(e.call_type, CallType::CONSULT);
                    e.connection_call_id
                }
                Message::CallServiceInitiatedEvent(e) => e.connection_call_id,
                Message::CallOriginatedEvent(e) => {
                    assert_eq!(e.called_device_id().unwrap(), "0123");
                    e.connection_call_id
                }
                Message::CallDeliveredEvent(e) => e.connection_call_id,
                Message::CallEstablishedEvent(e) => {
                    assert_eq!(e.answering_device_id().unwrap(), "0123");
                    e.connection_call_id
                }
                other => panic!("{other:?}"),
            };
            assert_eq!(call_id, consult);
        }
        assert_eq!(agent_state_of(&out[6]), AgentState::TALKING);

        let transfer = TransferCall::new(
            P,
            Connection::new(consult, "2001"),
            Connection::new(customer_call, "2001"),
        );
        let (id, out) = d.send(&transfer);
        assert_eq!(
            types(&out),
            [
                MessageType::TRANSFER_CALL_CONF,
                MessageType::CALL_TRANSFERRED_EVENT,
                MessageType::END_CALL_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        let Message::TransferCallConf(conf) = out[0].message() else {
            panic!()
        };
        assert_eq!(
            (
                conf.invoke_id.0,
                conf.new_connection_call_id,
                conf.num_parties
            ),
            (id, customer_call, 2)
        );
        let Message::CallTransferredEvent(e) = out[1].message() else {
            panic!()
        };
        assert_eq!(
            (e.primary_call_id, e.secondary_call_id),
            (customer_call, consult)
        );
        let parties: Vec<String> = e
            .parties()
            .map(|p| {
                p.connected_party_device_id()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(parties, [ani.clone(), "0123".to_string()]);
        let Message::EndCallEvent(e) = out[2].message() else {
            panic!()
        };
        assert_eq!(e.connection_call_id, consult);
        assert_eq!(agent_state_of(&out[3]), AgentState::AVAILABLE);
        let (agent, _) = d.model.agent_by_id(P, "1001").unwrap();
        assert_eq!(
            d.model.calls_of(agent).count(),
            0,
            "the agent has left the call"
        );
        assert_eq!(d.model.call(key).unwrap().state, CallState::Connected);
        assert_eq!(d.cc.stats().transferred, 1);
        d.agree();

        // The transferred call ends when its talk time is over.
        d.tick(Instant::from_secs(62 + 30));
        assert_eq!(d.model.call_count(), 0);

        // A conference: the agent stays on the call with both far parties.
        let out = d.tick(Instant::from_secs(120));
        let Message::BeginCallEvent(b) = out[0].message() else {
            panic!("{:?}", types(&out))
        };
        let second = b.connection_call_id;
        d.send(&AnswerCall::new(P, second, "2001"));
        d.send(&HoldCall::new(P, second, "2001"));
        let (_, out) = d.send(&MakeCall::new(P, "2001", "0456"));
        let Message::MakeCallConf(conf) = out[0].message() else {
            panic!()
        };
        let consult = conf.new_connection_call_id;
        let conference = ConferenceCall::new(
            P,
            Connection::new(consult, "2001"),
            Connection::new(second, "2001"),
        );
        let (id, out) = d.send(&conference);
        assert_eq!(
            types(&out),
            [
                MessageType::CONFERENCE_CALL_CONF,
                MessageType::CALL_CONFERENCED_EVENT,
                MessageType::END_CALL_EVENT
            ]
        );
        let Message::ConferenceCallConf(conf) = out[0].message() else {
            panic!()
        };
        assert_eq!((conf.invoke_id.0, conf.num_parties), (id, 3));
        let key = CallKey {
            peripheral_id: P,
            call_id: second,
        };
        assert_eq!(d.model.call(key).unwrap().parties().len(), 3);
        assert_eq!(
            d.model.agent_by_id(P, "1001").unwrap().1.state,
            AgentState::TALKING
        );
        assert_eq!(d.cc.stats().conferenced, 1);
        d.agree();

        // The agent hangs up: two parties remain, so the call goes on without the agent.
        let (_, out) = d.send(&ClearConnection::new(P, second, "2001"));
        assert_eq!(
            types(&out),
            [
                MessageType::CLEAR_CONNECTION_CONF,
                MessageType::CALL_CONNECTION_CLEARED_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        assert_eq!(d.model.call(key).unwrap().parties().len(), 2);
        let (_, out) = d.send(&ClearCall::new(P, second, "0456"));
        assert_eq!(
            types(&out),
            [
                MessageType::CLEAR_CALL_CONF,
                MessageType::CALL_CLEARED_EVENT,
                MessageType::END_CALL_EVENT
            ]
        );
        assert_eq!(d.model.call_count(), 0);
        d.agree();

        // Queries and monitors.
        let (id, out) = d.send(&QueryAgentState::by_agent_instrument(P, "2001"));
        let Message::QueryAgentStateConf(q) = out[0].message() else {
            panic!()
        };
        assert_eq!(
            (q.invoke_id.0, q.agent_state, q.num_skill_groups),
            (id, AgentState::AVAILABLE, 1)
        );
        assert_eq!(q.agent_id().unwrap(), "1001");
        let (id, out) = d.send(&MonitorStart::device(P, "2001"));
        let Message::MonitorStartConf(m) = out[0].message() else {
            panic!()
        };
        assert_eq!(m.invoke_id.0, id);
        let (_, out) = d.send(&MonitorStop::new(m.monitor_id));
        assert_eq!(types(&out), [MessageType::MONITOR_STOP_CONF]);
    });
}

#[test]
fn ring_no_answer_takes_the_call_back_and_makes_the_agent_not_ready() {
    big_stack(|| {
        let mut d = Desk::new(two_agents(1));
        d.send(&SetAgentState::new(P, "2001", AgentState::LOGIN).agent_id("1001"));
        d.send(&SetAgentState::new(P, "2001", AgentState::AVAILABLE).agent_id("1001"));
        d.tick(Instant::from_secs(60));
        let out = d.tick(Instant::from_secs(75));
        assert_eq!(
            types(&out),
            [
                MessageType::CALL_CLEARED_EVENT,
                MessageType::END_CALL_EVENT,
                MessageType::AGENT_STATE_EVENT
            ]
        );
        assert_eq!(agent_state_of(&out[2]), AgentState::NOT_READY);
        assert_eq!(d.cc.stats().ring_no_answer, 1);
        // No agent is available at the next offer: blocked, no events.
        assert!(d.tick(Instant::from_secs(120)).is_empty());
        assert_eq!(d.cc.stats().blocked, 1);
        d.agree();
    });
}

#[test]
fn agent_lists_parse_and_bad_lines_are_named() {
    let agents =
        AgentSpec::parse_list("# floor\n\n1001 2001 2001 1,2\n1002  2002\t2002 2\n").unwrap();
    assert_eq!(agents.len(), 2);
    assert_eq!(agents[0].skill_groups, [1, 2]);
    assert_eq!(agents[1].instrument, "2002");
    let e = AgentSpec::parse_list("1001 2001 2001\n").unwrap_err();
    assert!(e.starts_with("line 1:"), "{e}");
    let e = AgentSpec::parse_list("1001 2001 2001 1\n1001 2002 2002 x\n").unwrap_err();
    assert!(e.starts_with("line 2:"), "{e}");
    let e = AgentSpec::parse_list("123456789012 2001 2001 1\n").unwrap_err();
    assert!(e.contains("longer than 11"), "{e}");
    let e = AgentSpec::parse_list("1 2001 2001 1\n2 2001 2001 1\n").unwrap_err();
    assert!(e.starts_with("line 2:"), "{e}");
    assert!(ContactCentre::new(
        CcConfig {
            agents: AgentSpec::generated(cti_tools::cc::MAX_AGENTS + 1, 1),
            ..CcConfig::default()
        },
        Instant::ZERO
    )
    .is_err());
}

// ----- properties -----

/// One step of a random desk session.
#[derive(Clone, Debug)]
enum Op {
    Login(u8),
    State(u8, u8),
    Answer(u8),
    Hold(u8),
    Retrieve(u8),
    Release(u8),
    ClearCall(u8),
    ClearConnection(u8),
    Make(u8),
    /// Hold the agent's connected call, then call a consult destination.
    Consult(u8),
    Transfer(u8),
    Conference(u8),
    SetData(u8),
    Query(u8),
    /// A request about a call that may not exist.
    Stray(u8, u32),
    Tick(u8),
}

impl Arbitrary for Op {
    /// Weighted towards the steps that lead somewhere (answer, hold, consult, transfer), so
    /// that runs of a few dozen steps reach transfers and conferences.
    fn arbitrary(g: &mut Gen) -> Op {
        let a = u8::arbitrary(g) % 3; // agent 2 does not exist
        let states = [
            AgentState::AVAILABLE,
            AgentState::AVAILABLE,
            AgentState::NOT_READY,
            AgentState::LOGOUT,
            AgentState::WORK_READY,
            AgentState::TALKING,
        ];
        match u8::arbitrary(g) % 32 {
            0 => Op::Login(a),
            1..=3 => Op::State(
                a,
                states[usize::from(u8::arbitrary(g)) % states.len()].0 as u8,
            ),
            4..=7 => Op::Answer(a),
            8..=10 => Op::Hold(a),
            11 | 12 => Op::Retrieve(a),
            13 | 14 => Op::Release(a),
            15 => Op::ClearCall(a),
            16 | 17 => Op::ClearConnection(a),
            18 => Op::Make(a),
            19 | 20 => Op::Consult(a),
            21..=23 => Op::Transfer(a),
            24..=26 => Op::Conference(a),
            27 => Op::SetData(a),
            28 => Op::Query(a),
            29 => Op::Stray(a, u32::arbitrary(g) % 4 + 0x0100_0000),
            _ => Op::Tick(u8::arbitrary(g) % 20),
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Op>> {
        match *self {
            Op::Tick(s) if s > 0 => Box::new(std::iter::once(Op::Tick(s / 2))),
            _ => Box::new(std::iter::empty()),
        }
    }
}

fn instrument(a: u8) -> String {
    format!("{}", 2001 + u32::from(a))
}

/// The agent's calls in the engine's model, oldest first: (call id, its state).
fn calls_of(d: &Desk, a: u8) -> Vec<(u32, CallState)> {
    let Some((r, _)) = d.cc.model().agent_by_device(P, &instrument(a)) else {
        return Vec::new();
    };
    d.cc.model()
        .calls_of(r)
        .map(|c| (c.key.call_id, c.state))
        .collect()
}

fn run(ops: &[Op], auto_answer: bool, start_ready: bool) {
    let mut d = Desk::new(CcConfig {
        peripheral_id: P,
        agents: AgentSpec::generated(2, 2),
        call_rate_per_min: 12,
        auto_answer,
        ..CcConfig::default()
    });
    if start_ready {
        let out = d.cc.login_all(d.now);
        d.fold(&out);
    }
    let mut answered_events = 0u64;
    let mut begin_inbound = 0u64;
    for op in ops {
        let inst = |a: u8| instrument(a);
        let first = |d: &Desk, a: u8, s: Option<CallState>| {
            calls_of(d, a)
                .into_iter()
                .find(|(_, st)| s.is_none_or(|s| s == *st))
                .map_or(0x00FF_FFFF, |(id, _)| id)
        };
        let out: Vec<Output> = match *op {
            Op::Login(a) => {
                d.send(
                    &SetAgentState::new(P, &inst(a), AgentState::LOGIN)
                        .agent_id(&format!("{}", 1001 + u32::from(a))),
                )
                .1
            }
            Op::State(a, s) => {
                d.send(&SetAgentState::new(P, &inst(a), AgentState(u16::from(s))))
                    .1
            }
            Op::Answer(a) => {
                let c = first(&d, a, Some(CallState::Alerting));
                d.send(&AnswerCall::new(P, c, &inst(a))).1
            }
            Op::Hold(a) => {
                let c = first(&d, a, None);
                d.send(&HoldCall::new(P, c, &inst(a))).1
            }
            Op::Retrieve(a) => {
                let c = first(&d, a, Some(CallState::Held));
                d.send(&RetrieveCall::new(P, c, &inst(a))).1
            }
            Op::Release(a) => {
                let c = first(&d, a, None);
                d.send(&ReleaseCall::new(P, c, &inst(a))).1
            }
            Op::ClearCall(a) => {
                let c = first(&d, a, None);
                d.send(&ClearCall::new(P, c, &inst(a))).1
            }
            Op::ClearConnection(a) => {
                let c = first(&d, a, None);
                d.send(&ClearConnection::new(P, c, &inst(a))).1
            }
            Op::Make(a) => d.send(&MakeCall::new(P, &inst(a), "0123")).1,
            Op::Consult(a) => {
                let c = first(&d, a, Some(CallState::Connected));
                let (_, hold) = d.send(&HoldCall::new(P, c, &inst(a)));
                // The hold's answer is checked here, the call's below.
                assert_eq!(
                    hold[0].message().invoke_id().map(|i| i.0),
                    Some(d.next_invoke - 1)
                );
                d.send(&MakeCall::new(P, &inst(a), "0456")).1
            }
            Op::Transfer(a) | Op::Conference(a) => {
                let held = first(&d, a, Some(CallState::Held));
                let active = first(&d, a, Some(CallState::Connected));
                let device = inst(a);
                let (h, x) = (
                    Connection::new(held, &device),
                    Connection::new(active, &device),
                );
                if matches!(op, Op::Transfer(_)) {
                    d.send(&TransferCall::new(P, x, h)).1
                } else {
                    d.send(&ConferenceCall::new(P, x, h)).1
                }
            }
            Op::SetData(a) => {
                let c = first(&d, a, None);
                d.send(
                    &SetCallData::new(P, c, &inst(a))
                        .call_variable(5, "v")
                        .unwrap(),
                )
                .1
            }
            Op::Query(a) => d.send(&QueryAgentState::by_agent_instrument(P, &inst(a))).1,
            Op::Stray(a, c) => d.send(&AnswerCall::new(P, c, &inst(a))).1,
            Op::Tick(s) => {
                let now = d.now + Duration::from_secs(u64::from(s));
                d.tick(now)
            }
        };
        // A request is answered first, by one confirmation carrying its InvokeID.
        if !matches!(op, Op::Tick(_)) {
            let first = out.first().expect("every request is answered").message();
            assert_eq!(first.invoke_id().map(|i| i.0), Some(d.next_invoke - 1));
            assert!(
                out[1..].iter().all(|o| o.message().invoke_id().is_none()),
                "then events only"
            );
        }
        for o in &out {
            match o.message() {
                Message::CallEstablishedEvent(e)
                    if e.answering_device_id() == e.connection_device_id() =>
                {
                    answered_events += 1
                }
                Message::BeginCallEvent(e) if e.call_type == CallType::ACD_IN => begin_inbound += 1,
                _ => {}
            }
        }
        d.agree();
        let s = d.cc.stats();
        assert_eq!(
            (d.started, d.ended),
            (s.begun, s.ended),
            "calls begun and ended"
        );
        assert_eq!(d.model.call_count() as u64, s.begun - s.ended);
        assert_eq!((begin_inbound, answered_events), (s.offered, s.answered));
        // Every agent on a connected call is TALKING; every call of an agent is in the model.
        for (_, a) in d.model.agents() {
            let r = d
                .model
                .agent_by_id(P, a.agent_id.as_str().unwrap())
                .unwrap()
                .0;
            let states: Vec<CallState> = d.model.calls_of(r).map(|c| c.state).collect();
            if states.contains(&CallState::Connected) {
                assert_eq!(a.state, AgentState::TALKING, "{states:?}");
            }
        }
    }
}

#[test]
fn random_desk_sessions_keep_client_and_engine_models_equal() {
    big_stack(|| {
        fn prop(ops: Vec<Op>, auto_answer: bool, start_ready: bool) -> bool {
            run(&ops, auto_answer, start_ready);
            true
        }
        QuickCheck::new()
            .tests(300)
            .max_tests(600)
            .quickcheck(prop as fn(Vec<Op>, bool, bool) -> bool);
    });
}

#[test]
fn ten_virtual_minutes_with_a_call_every_second() {
    big_stack(|| {
        let mut d = Desk::new(CcConfig {
            peripheral_id: P,
            agents: AgentSpec::generated(40, 4),
            call_rate_per_min: 60,
            talk_time: Duration::from_secs(25),
            auto_answer: true,
            ..CcConfig::default()
        });
        let out = d.cc.login_all(Instant::ZERO);
        d.fold(&out);
        assert_eq!(d.model.count_in(AgentState::AVAILABLE), 40);
        // The figures, minute by minute (shown with `--nocapture`): what the engine says it
        // did next to what the client's model holds; `agree` checks the whole tables.
        eprintln!("minute offered answered ended | engine calls | model calls talking available");
        for s in 1..=600 {
            d.tick(Instant::from_secs(s));
            if s % 60 == 0 {
                d.agree();
                let st = d.cc.stats();
                eprintln!(
                    "{:>6} {:>7} {:>8} {:>5} | {:>12} | {:>11} {:>7} {:>9}",
                    s / 60,
                    st.offered,
                    st.answered,
                    st.ended,
                    d.cc.model().call_count(),
                    d.model.call_count(),
                    d.model.count_in(AgentState::TALKING),
                    d.model.count_in(AgentState::AVAILABLE),
                );
            }
            // Agents TALKING are exactly those on the calls in progress.
            let talking = d.model.count_in(AgentState::TALKING);
            let connected = d
                .model
                .calls()
                .filter(|c| c.state == CallState::Connected)
                .count();
            assert_eq!(talking, connected, "at {s} s");
            let per_group: u32 = d
                .model
                .skill_groups()
                .map(|g| {
                    d.model
                        .skill_group_counts(P, g.number)
                        .unwrap()
                        .get(AgentState::TALKING)
                })
                .sum();
            assert_eq!(per_group as usize, talking);
        }
        let s = d.cc.stats();
        assert_eq!(
            s.offered + s.blocked,
            600,
            "one call a second for ten minutes"
        );
        assert_eq!(
            s.blocked, 0,
            "40 agents carry 25-second calls arriving every second"
        );
        assert_eq!(s.answered, s.offered);
        assert_eq!(s.ended, d.ended);
        assert_eq!(d.started, 600);
        // Calls still talking at the end: those offered in the last 25 seconds.
        assert_eq!(d.model.call_count(), 25);
        assert_eq!(s.offered - s.ended, 25);
        assert_eq!(s.encode_errors, 0);
        d.agree();
    });
}
