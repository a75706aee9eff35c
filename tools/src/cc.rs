//! A modelled contact centre for the simulator: agents, skill groups and calls on one
//! peripheral, answering agent and call control requests the way a peripheral does and offering
//! inbound calls at a configured rate. Sans-IO: requests and the clock go in, owned encoded
//! messages come out.
//!
//! # Using it
//! - [`ContactCentre::new`] from a [`CcConfig`]: agents generated ([`AgentSpec::generated`]) or
//!   read from a file ([`AgentSpec::parse_list`], format below).
//! - [`ContactCentre::handle_request`] takes a decoded client request and returns the
//!   confirmation first (the CONF the spec gives, or CONTROL_FAILURE_CONF / FAILURE_CONF), then
//!   the events the peripheral produces, in order; `None` for a request it does not handle.
//! - [`ContactCentre::tick`] at or after [`ContactCentre::next_deadline`]: offers inbound
//!   calls, ends calls whose talk time is over, takes back calls ringing unanswered.
//! - [`ContactCentre::login_all`] logs every agent in and makes it available, for unattended
//!   runs.
//!
//! Every [`Output`] is an encoded message (header included) in the configured version. The
//! confirmation goes to the client that sent the request; events go to every client. Honouring
//! each client's services and masks is the caller's business: before sending an event to a
//! session, check `ServerSession::wants(output.message_type())` and, for AGENT_STATE_EVENT,
//! `ServerSession::wants_agent_state(state)`. Send [`Output::message`] through
//! `ServerSession::send`, so the crate's encoder validates every message once more.
//!
//! The engine keeps its own state in a `cti_proto::model::Model`, to which it applies every
//! event it emits (decoded back from the bytes it sends), so what it says and what it knows
//! cannot drift apart; a client folding the same events into its own model ends up with the
//! same tables.
//!
//! # Agent list format
//! One agent a line: `AGENT_ID EXTENSION INSTRUMENT SKILL_GROUPS`, separated by blanks, where
//! SKILL_GROUPS is a comma-separated list of skill group numbers (at least one). Blank lines and
//! lines starting with `#` are ignored. AgentID is at most 11 characters, the extension 15 and
//! the instrument 63 (spec §4 field sizes, without the NUL).
//! ```text
//! # id   ext   instrument  groups
//! 1001   2001  2001        1,2
//! 1002   2002  2002        2
//! ```
//!
//! # How the peripheral behaves
//! - Agents start logged out. SET_AGENT_STATE_REQ LOGIN gives AGENT_STATE_EVENT LOGIN then
//!   NOT_READY; NOT_READY, AVAILABLE, WORK_READY and WORK_NOT_READY are accepted while the agent
//!   has no call; LOGOUT too. After its last call an agent returns to the state it was in
//!   before the call; after a ring-no-answer it goes NOT_READY.
//! - An inbound call is offered to the available agent that has been available longest:
//!   BEGIN_CALL_EVENT, CALL_DELIVERED_EVENT (alerting at the agent's instrument) and
//!   AGENT_STATE_EVENT RESERVED. ANSWER_CALL_REQ (or auto-answer) gives CALL_ESTABLISHED_EVENT and
//!   TALKING. When the talk time is over the caller hangs up: CALL_CONNECTION_CLEARED_EVENT,
//!   CALL_CLEARED_EVENT, END_CALL_EVENT and the agent's AGENT_STATE_EVENT. With no agent
//!   available the call is counted as blocked and produces no event.
//! - MAKE_CALL_REQ places a call that the far end answers at once (SERVICE_INITIATED,
//!   ORIGINATED, DELIVERED, ESTABLISHED); with a held call it is the consult call for
//!   TRANSFER_CALL_REQ or CONFERENCE_CALL_REQ (consultative only: a single-step request, with
//!   no held call, gets CF_INVALID_FEATURE). Internal calls are not routed to agents: every
//!   dialed number is a far party.
//! - RELEASE_CALL_REQ drops the requester's connection like CLEAR_CONNECTION_REQ (or the whole
//!   call when its device is not on the call), so a desktop's Release button works either way.
//! - MONITOR_START_REQ / MONITOR_STOP_REQ are confirmed; the events carry MonitorID 0 (the
//!   all-events monitor) and the caller filters them.
//!
//! # Failure codes (CONTROL_FAILURE_CONF, spec §3.20 and §5.13)
//! | condition | code |
//! |---|---|
//! | AgentID not configured (SET_AGENT_STATE_REQ, QUERY_AGENT_STATE_REQ) | 256 CF_INVALID_AGENT_ID_SPECIFIED |
//! | instrument not the agent's, or unknown | 260 CF_INVALID_LOGON_DEVICE_SPECIFIED |
//! | LOGIN while logged in | 259 CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON |
//! | a skill group the agent does not have | 262 CF_INVALID_SKILL_GROUP_SPECIFIED |
//! | AgentWorkMode beyond 4 | 265 CF_INVALID_AGENT_WORKMODE |
//! | an AgentState a client cannot set (TALKING, HOLD, …) | 3 CF_VALUE_OUT_OF_RANGE |
//! | a state change while logged out or on a call; a call request by an agent in the wrong state | 22 CF_INVALID_OBJECT_STATE |
//! | MAKE_CALL_REQ from an instrument no agent has | 5 CF_INVALID_CALLING_DEVICE |
//! | MAKE_CALL_REQ without a dialed number | 14 CF_INVALID_DESTINATION |
//! | a ConnectionCallID not known | 11 CF_INVALID_CSTA_CALL_IDENTIFIER |
//! | a known call without that device | 13 CF_INVALID_CSTA_CONNECTION_IDENTIFIER |
//! | ANSWER_CALL_REQ on a call not alerting there | 28 CF_NO_CALL_TO_ANSWER |
//! | HOLD_CALL_REQ on a call not connected there (held already, alerting) | 24 CF_NO_ACTIVE_CALL |
//! | RETRIEVE_CALL_REQ on a call not held there; transfer/conference without a held call | 25 CF_NO_HELD_CALL |
//! | CLEAR_CALL_REQ on a call not known | 26 CF_NO_CALL_TO_CLEAR |
//! | CLEAR_CONNECTION_REQ on a connection not known | 27 CF_NO_CONNECTION_TO_CLEAR |
//! | single-step transfer or conference | 15 CF_INVALID_FEATURE |
//! | MONITOR_STOP_REQ with a MonitorID not started | 17 CF_INVALID_CROSS_REF_ID |
//!
//! A request for another PeripheralID gets FAILURE_CONF E_CTI_INVALID_PERIPHERAL_ID (spec §5.1).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::Duration;

use cti_proto::model::{CallKey, CallState, Model};
use cti_proto::wire::agent::{
    AgentStateEvent, QueryAgentStateConf, QueryAgentStateReq, SetAgentStateConf, SetAgentStateReq,
};
use cti_proto::wire::call::{
    BeginCallEvent, CallClearedEvent, CallConferencedEvent, CallConnectionClearedEvent,
    CallDataUpdateEvent, CallDeliveredEvent, CallEstablishedEvent, CallHeldEvent,
    CallOriginatedEvent, CallRetrievedEvent, CallServiceInitiatedEvent, CallTransferredEvent,
    EndCallEvent,
};
use cti_proto::wire::codes::{
    AgentAvailabilityStatus, AgentState, CallType, ConnectionDeviceIdType, ControlFailureCode,
    DeviceIdType, EventCause, LineType, LocalConnectionState, PeripheralType, StatusCode,
};
use cti_proto::wire::control::{
    AnswerCallConf, ClearCallConf, ClearConnectionConf, ConferenceCallConf, ConferenceCallReq,
    HoldCallConf, MakeCallConf, MakeCallReq, ReleaseCallConf, RetrieveCallConf, SetCallDataConf,
    SetCallDataReq, TransferCallConf, TransferCallReq,
};
use cti_proto::wire::monitor::{MonitorStartConf, MonitorStopConf};
use cti_proto::wire::session::{ControlFailureConf, FailureConf};
use cti_proto::wire::{
    kind, tag, Encode, EncodeError, Floating, FloatingWriter, InvokeId, Message, MessageType, Str,
    Tag, Version, HEADER_LEN,
};
use cti_proto::Instant;

/// The most agents a contact centre has.
pub const MAX_AGENTS: usize = 128;

/// The engine's model: [`MAX_AGENTS`] agents, two calls each, 32 skill groups, 8 ECC values a
/// call. About a megabyte: create the engine on a thread with a large stack (a program's main
/// thread), since a debug build builds it on the stack before boxing it.
pub type CcModel = Model<MAX_AGENTS, { 2 * MAX_AGENTS }, 32, 8>;

/// NULL_CALL_ID (spec §5.11).
const NULL_CALL_ID: u32 = 0xFFFF_FFFF;
/// Room for one message's floating part (v15 messages are at most 4329 bytes, spec §1.5).
const FLOATING_ROOM: usize = 4329;

/// One configured agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentSpec {
    /// AgentID (at most 11 characters).
    pub agent_id: String,
    /// AgentExtension (at most 15).
    pub extension: String,
    /// AgentInstrument (at most 63).
    pub instrument: String,
    /// The skill group numbers the agent belongs to (at least one).
    pub skill_groups: Vec<u32>,
}

impl AgentSpec {
    /// `n` agents: AgentIDs 1001…, extensions and instruments 2001…, spread over `groups`
    /// skill groups numbered from 1 (agent `i` in group `i % groups + 1`).
    pub fn generated(n: usize, groups: u32) -> Vec<AgentSpec> {
        let groups = groups.max(1);
        (0..n)
            .map(|i| {
                let i32_ = u32::try_from(i).unwrap_or(u32::MAX);
                AgentSpec {
                    agent_id: format!("{}", 1001 + i),
                    extension: format!("{}", 2001 + i),
                    instrument: format!("{}", 2001 + i),
                    skill_groups: vec![i32_ % groups + 1],
                }
            })
            .collect()
    }

    /// Reads an agent list in the format of the module docs; the error names the line.
    pub fn parse_list(text: &str) -> Result<Vec<AgentSpec>, String> {
        let mut out: Vec<AgentSpec> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [id, ext, inst, groups] = fields[..] else {
                return Err(format!(
                    "line {n}: expected AGENT_ID EXTENSION INSTRUMENT SKILL_GROUPS, got {} fields",
                    fields.len()
                ));
            };
            for (what, v, max) in [
                ("AgentID", id, 11),
                ("extension", ext, 15),
                ("instrument", inst, 63),
            ] {
                if v.len() > max {
                    return Err(format!("line {n}: {what} {v:?} is longer than {max}"));
                }
            }
            let skill_groups = groups
                .split(',')
                .map(|g| {
                    g.parse::<u32>()
                        .map_err(|_| format!("line {n}: skill group {g:?} is not a number"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            if out.iter().any(|a| a.agent_id == id) {
                return Err(format!("line {n}: AgentID {id} given twice"));
            }
            if out
                .iter()
                .any(|a| a.instrument == inst || a.extension == ext)
            {
                return Err(format!("line {n}: device {inst}/{ext} already taken"));
            }
            out.push(AgentSpec {
                agent_id: id.to_string(),
                extension: ext.to_string(),
                instrument: inst.to_string(),
                skill_groups,
            });
        }
        Ok(out)
    }
}

/// What the contact centre is and does.
#[derive(Clone, Debug)]
pub struct CcConfig {
    /// The peripheral's PeripheralID.
    pub peripheral_id: u32,
    /// The agents.
    pub agents: Vec<AgentSpec>,
    /// Inbound calls offered per minute (0: none).
    pub call_rate_per_min: u32,
    /// How long an answered inbound call lasts before the caller hangs up.
    pub talk_time: Duration,
    /// How long an offered call rings unanswered before it is taken back (ring no answer).
    pub ring_time: Duration,
    /// Answer offered calls at once, for unattended runs.
    pub auto_answer: bool,
    /// The DNIS inbound calls carry.
    pub dnis: String,
    /// The protocol version messages are encoded in.
    pub version: Version,
}

impl Default for CcConfig {
    fn default() -> Self {
        CcConfig {
            peripheral_id: 5000,
            agents: AgentSpec::generated(10, 2),
            call_rate_per_min: 0,
            talk_time: Duration::from_secs(30),
            ring_time: Duration::from_secs(15),
            auto_answer: false,
            dnis: "8000".to_string(),
            version: Version::V15,
        }
    }
}

/// One encoded message the engine produced (header included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    bytes: Vec<u8>,
    version: Version,
}

impl Output {
    /// The encoded message, header included.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Its MessageType.
    pub fn message_type(&self) -> MessageType {
        MessageType(
            self.bytes
                .get(4..8)
                .and_then(|b| b.try_into().ok())
                .map_or(0, u32::from_be_bytes),
        )
    }

    /// The message as a view, to send with `ServerSession::send` (which encodes it again).
    pub fn message(&self) -> Message<'_> {
        let body = self.bytes.get(HEADER_LEN..).unwrap_or_default();
        // The engine only keeps messages that decoded when it made them.
        Message::decode(self.message_type(), body, self.version).unwrap_or(Message::Unknown(
            cti_proto::wire::RawMessage {
                message_type: self.message_type(),
                body,
            },
        ))
    }
}

/// What the engine has done, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CcStats {
    /// Inbound calls delivered to an agent.
    pub offered: u64,
    /// Calls answered at an agent's device (inbound, by request or auto-answer).
    pub answered: u64,
    /// Inbound calls that found no available agent (no events).
    pub blocked: u64,
    /// Inbound calls taken back after ringing unanswered.
    pub ring_no_answer: u64,
    /// Calls placed by MAKE_CALL_REQ.
    pub made: u64,
    /// Calls that began (BEGIN_CALL_EVENT sent).
    pub begun: u64,
    /// Calls that ended (END_CALL_EVENT sent).
    pub ended: u64,
    /// Transfers completed.
    pub transferred: u64,
    /// Conferences completed.
    pub conferenced: u64,
    /// Requests answered with CONTROL_FAILURE_CONF or FAILURE_CONF.
    pub rejected: u64,
    /// Messages that could not be encoded and were left out (a request's data too long).
    pub encode_errors: u64,
}

/// The engine's own facts about a call, beside the model's.
#[derive(Clone, Debug)]
struct CallInfo {
    /// The agent (index into the configuration) whose instrument is on the call.
    agent: Option<usize>,
    /// The far party: the caller's ANI, or the number dialed.
    far: String,
    /// The caller hangs up at this time.
    ends_at: Option<Instant>,
    /// Taken back if still ringing at this time.
    rings_until: Option<Instant>,
}

/// The contact centre.
pub struct ContactCentre {
    config: CcConfig,
    model: Box<CcModel>,
    /// Per configured agent: the state to return to when its last call ends.
    resume: Vec<AgentState>,
    calls: BTreeMap<u32, CallInfo>,
    next_call_id: u32,
    next_offer: Option<Instant>,
    next_monitor_id: u32,
    monitors: Vec<u32>,
    stats: CcStats,
    caller_seq: u32,
}

type Out = Vec<Output>;

impl ContactCentre {
    /// A contact centre with every agent logged out; the first inbound call is offered one
    /// interval after `now`. At most [`MAX_AGENTS`] agents in at most 32 skill groups.
    pub fn new(config: CcConfig, now: Instant) -> Result<Self, String> {
        if config.agents.len() > MAX_AGENTS {
            return Err(format!(
                "{} agents configured, at most {MAX_AGENTS} supported",
                config.agents.len()
            ));
        }
        let mut groups: Vec<u32> = config
            .agents
            .iter()
            .flat_map(|a| a.skill_groups.clone())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        if groups.len() > 32 {
            return Err(format!(
                "{} skill groups configured, at most 32 supported",
                groups.len()
            ));
        }
        if config
            .agents
            .iter()
            .any(|a| a.skill_groups.is_empty() || a.skill_groups.len() > 20)
        {
            return Err("every agent needs 1 to 20 skill groups".to_string());
        }
        let next_offer = offer_interval(config.call_rate_per_min).map(|i| now + i);
        Ok(ContactCentre {
            resume: vec![AgentState::NOT_READY; config.agents.len()],
            config,
            model: Box::default(),
            calls: BTreeMap::new(),
            next_call_id: 0x0100_0001,
            next_offer,
            next_monitor_id: 1,
            monitors: Vec::new(),
            stats: CcStats::default(),
            caller_seq: 0,
        })
    }

    /// The engine's model of its own floor.
    pub fn model(&self) -> &CcModel {
        &self.model
    }

    /// The configuration.
    pub fn config(&self) -> &CcConfig {
        &self.config
    }

    /// What it has done so far.
    pub fn stats(&self) -> CcStats {
        self.stats
    }

    /// The earliest time [`Self::tick`] has something to do.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.calls
            .values()
            .flat_map(|c| [c.ends_at, c.rings_until])
            .flatten()
            .chain(self.next_offer)
            .min()
    }

    /// Logs every logged-out agent in and makes it AVAILABLE (AGENT_STATE_EVENTs).
    pub fn login_all(&mut self, now: Instant) -> Out {
        let mut out = Vec::new();
        for i in 0..self.config.agents.len() {
            if self.agent_state(i) == AgentState::LOGOUT {
                self.set_agent(now, &mut out, i, AgentState::LOGIN, 0);
                self.set_agent(now, &mut out, i, AgentState::AVAILABLE, 0);
                self.resume[i] = AgentState::AVAILABLE;
            }
        }
        out
    }

    /// Everything due at or before `now`, in the order it fell due: calls ending, calls taken
    /// back after ringing, calls offered. The events are stamped `now`, when they are sent.
    pub fn tick(&mut self, now: Instant) -> Out {
        let mut out = Vec::new();
        // Each round does one due thing; bounded by what can be due (calls and offers).
        let mut rounds = self.calls.len() * 2 + 1_000_000;
        while rounds > 0 {
            rounds -= 1;
            let due_call = self
                .calls
                .iter()
                .flat_map(|(id, c)| {
                    [(c.rings_until, *id, true), (c.ends_at, *id, false)]
                        .into_iter()
                        .filter_map(|(t, id, ring)| t.map(|t| (t, id, ring)))
                })
                .min();
            let offer = self.next_offer.filter(|t| *t <= now);
            match (due_call.filter(|(t, ..)| *t <= now), offer) {
                (Some((t, id, ring)), o) if o.is_none_or(|o| t <= o) => {
                    if ring {
                        self.ring_no_answer(now, &mut out, id);
                    } else {
                        self.caller_hangs_up(now, &mut out, id);
                    }
                }
                (_, Some(t)) => {
                    self.next_offer = offer_interval(self.config.call_rate_per_min).map(|i| t + i);
                    self.offer(now, &mut out);
                }
                _ => break,
            }
        }
        out
    }

    /// Answers a client request: the confirmation first, then the events; `None` for a request
    /// the engine does not handle.
    pub fn handle_request(&mut self, now: Instant, request: &Message<'_>) -> Option<Out> {
        let mut out = Vec::new();
        let p = self.config.peripheral_id;
        let peripheral = match request {
            Message::SetAgentStateReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::QueryAgentStateReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::MakeCallReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::AnswerCallReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::HoldCallReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::RetrieveCallReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::ClearCallReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::ClearConnectionReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::ReleaseCallReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::TransferCallReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::ConferenceCallReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::SetCallDataReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::MonitorStartReq(r) => Some((r.invoke_id, r.peripheral_id)),
            Message::MonitorStopReq(r) => Some((r.invoke_id, p)),
            _ => None,
        };
        let (invoke_id, peripheral_id) = peripheral?;
        if peripheral_id != p {
            self.stats.rejected += 1;
            self.emit(
                now,
                &mut out,
                &FailureConf {
                    invoke_id,
                    status: StatusCode::INVALID_PERIPHERAL_ID,
                    floating: Floating::EMPTY,
                },
            );
            return Some(out);
        }
        let result = match request {
            Message::SetAgentStateReq(r) => self.set_agent_state(now, &mut out, r),
            Message::QueryAgentStateReq(r) => self.query_agent_state(now, &mut out, r),
            Message::MakeCallReq(r) => self.make_call(now, &mut out, r),
            Message::AnswerCallReq(r) => self.answer_call(
                now,
                &mut out,
                r.invoke_id,
                r.connection_call_id,
                r.connection_device_id(),
            ),
            Message::HoldCallReq(r) => self.hold_call(
                now,
                &mut out,
                r.invoke_id,
                r.connection_call_id,
                r.connection_device_id(),
            ),
            Message::RetrieveCallReq(r) => self.retrieve_call(
                now,
                &mut out,
                r.invoke_id,
                r.held_connection_call_id,
                r.held_connection_device_id(),
            ),
            Message::ClearCallReq(r) => {
                self.clear_call(now, &mut out, r.invoke_id, r.connection_call_id)
            }
            Message::ClearConnectionReq(r) => self.clear_connection(
                now,
                &mut out,
                r.invoke_id,
                r.connection_call_id,
                r.connection_device_id(),
            ),
            Message::ReleaseCallReq(r) => self.release_call(
                now,
                &mut out,
                r.invoke_id,
                r.connection_call_id,
                r.connection_device_id(),
            ),
            Message::TransferCallReq(r) => self.transfer(now, &mut out, r),
            Message::ConferenceCallReq(r) => self.conference(now, &mut out, r),
            Message::SetCallDataReq(r) => self.set_call_data(now, &mut out, r),
            Message::MonitorStartReq(r) => {
                let monitor_id = self.next_monitor_id;
                self.next_monitor_id = self.next_monitor_id.wrapping_add(1).max(1);
                self.monitors.push(monitor_id);
                self.emit(
                    now,
                    &mut out,
                    &MonitorStartConf {
                        invoke_id: r.invoke_id,
                        monitor_id,
                        floating: Floating::EMPTY,
                    },
                );
                Ok(())
            }
            Message::MonitorStopReq(r) => {
                match self.monitors.iter().position(|m| *m == r.monitor_id) {
                    Some(i) => {
                        self.monitors.remove(i);
                        self.emit(
                            now,
                            &mut out,
                            &MonitorStopConf {
                                invoke_id: r.invoke_id,
                                floating: Floating::EMPTY,
                            },
                        );
                        Ok(())
                    }
                    None => Err(ControlFailureCode::INVALID_CROSS_REF_ID),
                }
            }
            _ => return None,
        };
        if let Err(code) = result {
            self.stats.rejected += 1;
            self.emit(
                now,
                &mut out,
                &ControlFailureConf {
                    invoke_id,
                    failure_code: code,
                    peripheral_error_code: 0,
                    floating: Floating::EMPTY,
                },
            );
        }
        Some(out)
    }

    // ----- agents -----

    fn agent_state(&self, i: usize) -> AgentState {
        let Some(spec) = self.config.agents.get(i) else {
            return AgentState::LOGOUT;
        };
        self.model
            .agent_by_id(self.config.peripheral_id, &spec.agent_id)
            .map_or(AgentState::LOGOUT, |(_, a)| a.state)
    }

    fn agent_by_instrument(&self, device: &[u8]) -> Option<usize> {
        self.config
            .agents
            .iter()
            .position(|a| a.instrument.as_bytes() == device)
    }

    fn calls_of(&self, i: usize) -> impl Iterator<Item = (u32, CallState)> + '_ {
        self.calls
            .iter()
            .filter(move |(_, c)| c.agent == Some(i))
            .map(|(id, _)| (*id, self.call_state(*id)))
    }

    fn call_state(&self, id: u32) -> CallState {
        self.model
            .call(self.key(id))
            .map_or(CallState::Cleared, |c| c.state)
    }

    fn key(&self, call_id: u32) -> CallKey {
        CallKey {
            peripheral_id: self.config.peripheral_id,
            call_id,
        }
    }

    fn set_agent_state(
        &mut self,
        now: Instant,
        out: &mut Out,
        r: &SetAgentStateReq<'_>,
    ) -> Result<(), ControlFailureCode> {
        let instrument = r
            .agent_instrument()
            .map(|s| s.as_bytes())
            .unwrap_or_default();
        let i = match r.agent_id().filter(|s| !s.is_empty()) {
            Some(id) => {
                let i = self
                    .config
                    .agents
                    .iter()
                    .position(|a| a.agent_id.as_bytes() == id.as_bytes())
                    .ok_or(ControlFailureCode::INVALID_AGENT_ID_SPECIFIED)?;
                if self.config.agents[i].instrument.as_bytes() != instrument {
                    return Err(ControlFailureCode::INVALID_LOGON_DEVICE_SPECIFIED);
                }
                i
            }
            None => self
                .agent_by_instrument(instrument)
                .ok_or(ControlFailureCode::INVALID_LOGON_DEVICE_SPECIFIED)?,
        };
        if r.agent_work_mode.0 > 4 {
            return Err(ControlFailureCode::INVALID_AGENT_WORKMODE);
        }
        let current = self.agent_state(i);
        let logged_in = current != AgentState::LOGOUT;
        let on_call = self.calls_of(i).next().is_some();
        let wanted = r.agent_state;
        match wanted {
            AgentState::LOGIN => {
                if logged_in {
                    return Err(ControlFailureCode::SPECIFIED_AGENT_ALREADY_SIGNED_ON);
                }
                let groups = &self.config.agents[i].skill_groups;
                if r.skill_groups().any(|g| {
                    g.skill_group_number()
                        .is_none_or(|n| !groups.iter().any(|k| i64::from(*k) == i64::from(n)))
                }) {
                    return Err(ControlFailureCode::INVALID_SKILL_GROUP_SPECIFIED);
                }
                self.conf_set_agent_state(now, out, r.invoke_id);
                self.set_agent(now, out, i, AgentState::LOGIN, r.event_reason_code);
                self.set_agent(now, out, i, AgentState::NOT_READY, r.event_reason_code);
                self.resume[i] = AgentState::NOT_READY;
            }
            AgentState::LOGOUT
            | AgentState::NOT_READY
            | AgentState::AVAILABLE
            | AgentState::WORK_READY
            | AgentState::WORK_NOT_READY => {
                if !logged_in || on_call {
                    return Err(ControlFailureCode::INVALID_OBJECT_STATE);
                }
                self.conf_set_agent_state(now, out, r.invoke_id);
                if wanted != current {
                    self.set_agent(now, out, i, wanted, r.event_reason_code);
                }
                self.resume[i] = wanted;
            }
            _ => return Err(ControlFailureCode::VALUE_OUT_OF_RANGE),
        }
        Ok(())
    }

    fn conf_set_agent_state(&mut self, now: Instant, out: &mut Out, invoke_id: InvokeId) {
        self.emit(
            now,
            out,
            &SetAgentStateConf {
                invoke_id,
                floating: Floating::EMPTY,
            },
        );
    }

    fn query_agent_state(
        &mut self,
        now: Instant,
        out: &mut Out,
        r: &QueryAgentStateReq<'_>,
    ) -> Result<(), ControlFailureCode> {
        let by = |f: &dyn Fn(&AgentSpec) -> bool| self.config.agents.iter().position(f);
        let i = if let Some(id) = r.agent_id().filter(|s| !s.is_empty()) {
            by(&|a| a.agent_id.as_bytes() == id.as_bytes())
        } else if let Some(d) = r.agent_instrument().filter(|s| !s.is_empty()) {
            by(&|a| a.instrument.as_bytes() == d.as_bytes())
        } else if let Some(d) = r.agent_extension().filter(|s| !s.is_empty()) {
            by(&|a| a.extension.as_bytes() == d.as_bytes())
        } else {
            usize::try_from(r.icm_agent_id.wrapping_sub(5001))
                .ok()
                .filter(|i| *i < self.config.agents.len())
        }
        .ok_or(ControlFailureCode::INVALID_AGENT_ID_SPECIFIED)?;
        let spec = self.config.agents[i].clone();
        let state = self.agent_state(i);
        let skills: Vec<_> = self
            .model
            .agent_by_id(self.config.peripheral_id, &spec.agent_id)
            .map(|(_, a)| a.skill_groups().to_vec())
            .unwrap_or_default();
        let mut buf = vec![0u8; FLOATING_ROOM];
        let fl = build(&mut buf, self.config.version, |w| {
            w.put(tag::AGENT_ID, Str::from(spec.agent_id.as_str()))?;
            w.put(tag::AGENT_EXTENSION, Str::from(spec.extension.as_str()))?;
            w.put(tag::AGENT_INSTRUMENT, Str::from(spec.instrument.as_str()))?;
            for s in &skills {
                w.put(tag::SKILL_GROUP_NUMBER, s.number as i32)?;
                w.put(tag::SKILL_GROUP_ID, s.id)?;
                w.put(tag::SKILL_GROUP_PRIORITY, s.priority)?;
                w.put(tag::SKILL_GROUP_STATE, s.state.0)?;
            }
            Ok(())
        });
        let Ok(floating) = fl else {
            self.stats.encode_errors += 1;
            return Ok(());
        };
        let conf = QueryAgentStateConf {
            invoke_id: r.invoke_id,
            agent_state: state,
            num_skill_groups: u16::try_from(skills.len()).unwrap_or(u16::MAX),
            mrd_id: 1,
            num_tasks: 0,
            agent_mode: 0,
            max_task_limit: 1,
            icm_agent_id: icm_agent_id(i),
            agent_availability_status: availability(state),
            // From v19 on: simulated agents belong to no department (written as 0).
            department_id: None,
            floating,
        };
        let bytes = encode(&conf, self.config.version);
        self.push_encoded(now, out, bytes);
        Ok(())
    }

    /// AGENT_STATE_EVENT: agent `i` is now in `state`, in each of its skill groups.
    fn set_agent(&mut self, now: Instant, out: &mut Out, i: usize, state: AgentState, reason: u16) {
        let Some(spec) = self.config.agents.get(i).cloned() else {
            return;
        };
        let mut buf = vec![0u8; FLOATING_ROOM];
        let fl = build(&mut buf, self.config.version, |w| {
            w.put(tag::AGENT_ID, Str::from(spec.agent_id.as_str()))?;
            w.put(tag::AGENT_EXTENSION, Str::from(spec.extension.as_str()))?;
            w.put(tag::AGENT_INSTRUMENT, Str::from(spec.instrument.as_str()))?;
            for g in &spec.skill_groups {
                w.put(tag::SKILL_GROUP_NUMBER, *g as i32)?;
                w.put(tag::SKILL_GROUP_ID, *g)?;
                w.put(tag::SKILL_GROUP_PRIORITY, 0)?;
                w.put(tag::SKILL_GROUP_STATE, state.0)?;
            }
            Ok(())
        });
        let Ok(floating) = fl else {
            self.stats.encode_errors += 1;
            return;
        };
        let event = AgentStateEvent {
            monitor_id: 0,
            peripheral_id: self.config.peripheral_id,
            session_id: 0,
            peripheral_type: PeripheralType::ENTERPRISE_AGENT,
            skill_group_state: state,
            state_duration: 0,
            skill_group_number: 0xFFFF_FFFF,
            skill_group_id: 0,
            skill_group_priority: 0,
            agent_state: state,
            event_reason_code: reason,
            mrd_id: 1,
            num_tasks: u32::from(state == AgentState::TALKING || state == AgentState::HOLD),
            agent_mode: 0,
            max_task_limit: 1,
            icm_agent_id: icm_agent_id(i),
            agent_availability_status: availability(state),
            department_id: None,
            num_flt_skill_groups: u16::try_from(spec.skill_groups.len()).unwrap_or(u16::MAX),
            floating,
        };
        let bytes = encode(&event, self.config.version);
        self.push_encoded(now, out, bytes);
    }

    /// After a call change: the agent's state from its calls (TALKING with a connected call,
    /// HOLD with only held ones, RESERVED while one rings), or the state it returns to.
    fn settle(&mut self, now: Instant, out: &mut Out, i: usize) {
        let states: Vec<CallState> = self.calls_of(i).map(|(_, s)| s).collect();
        let wanted = if states.contains(&CallState::Connected) {
            AgentState::TALKING
        } else if states.contains(&CallState::Held) {
            AgentState::HOLD
        } else if states.contains(&CallState::Alerting) {
            AgentState::RESERVED
        } else if states.is_empty() {
            self.resume[i]
        } else {
            AgentState::TALKING
        };
        if self.agent_state(i) != wanted && self.agent_state(i) != AgentState::LOGOUT {
            self.set_agent(now, out, i, wanted, 0);
        }
    }

    // ----- inbound traffic -----

    fn offer(&mut self, now: Instant, out: &mut Out) {
        let busy: Vec<usize> = self.calls.values().filter_map(|c| c.agent).collect();
        let p = self.config.peripheral_id;
        let pick = self
            .config
            .agents
            .iter()
            .enumerate()
            .filter(|(i, _)| !busy.contains(i))
            .filter_map(|(i, a)| {
                let (_, m) = self.model.agent_by_id(p, &a.agent_id)?;
                (m.state == AgentState::AVAILABLE).then_some((m.since, i))
            })
            .min();
        let Some((_, i)) = pick else {
            self.stats.blocked += 1;
            return;
        };
        self.caller_seq += 1;
        let ani = format!("555{:07}", self.caller_seq);
        let id = self.new_call_id();
        let spec = self.config.agents[i].clone();
        let dnis = self.config.dnis.clone();
        let group = spec.skill_groups.first().copied().unwrap_or(0xFFFF_FFFF);
        self.calls.insert(
            id,
            CallInfo {
                agent: Some(i),
                far: ani.clone(),
                ends_at: None,
                rings_until: Some(now + self.config.ring_time),
            },
        );
        self.resume[i] = AgentState::AVAILABLE;
        let seq = format!("offered call {}", self.caller_seq);
        self.begin_call(
            now,
            out,
            id,
            &spec.instrument,
            CallType::ACD_IN,
            &ani,
            &dnis,
            Some(&seq),
        );
        self.delivered(
            now,
            out,
            id,
            &spec.instrument,
            LocalConnectionState::ALERTING,
            &spec.instrument,
            &ani,
            &dnis,
            group,
            LineType::INBOUND_ACD,
        );
        self.stats.offered += 1;
        self.settle(now, out, i);
        if self.config.auto_answer {
            self.answer(now, out, id, i);
        }
    }

    fn answer(&mut self, now: Instant, out: &mut Out, id: u32, i: usize) {
        let instrument = self.config.agents[i].instrument.clone();
        let far = self
            .calls
            .get(&id)
            .map(|c| c.far.clone())
            .unwrap_or_default();
        if let Some(c) = self.calls.get_mut(&id) {
            c.rings_until = None;
            c.ends_at = Some(now + self.config.talk_time);
        }
        self.established(now, out, id, &instrument, &instrument, &far);
        self.stats.answered += 1;
        self.settle(now, out, i);
    }

    fn caller_hangs_up(&mut self, now: Instant, out: &mut Out, id: u32) {
        let far = self
            .calls
            .get(&id)
            .map(|c| c.far.clone())
            .unwrap_or_default();
        self.connection_cleared(now, out, id, &far);
        self.end(now, out, id);
    }

    fn ring_no_answer(&mut self, now: Instant, out: &mut Out, id: u32) {
        let agent = self.calls.get(&id).and_then(|c| c.agent);
        if let Some(i) = agent {
            self.resume[i] = AgentState::NOT_READY;
        }
        self.stats.ring_no_answer += 1;
        self.end(now, out, id);
    }

    /// CALL_CLEARED_EVENT and END_CALL_EVENT; the agent settles.
    fn end(&mut self, now: Instant, out: &mut Out, id: u32) {
        self.cleared(now, out, id);
        self.end_call(now, out, id);
        if let Some(i) = self.calls.remove(&id).and_then(|c| c.agent) {
            self.settle(now, out, i);
        }
    }

    fn new_call_id(&mut self) -> u32 {
        let id = self.next_call_id;
        self.next_call_id = self.next_call_id.wrapping_add(1).max(1);
        id
    }

    // ----- call control -----

    /// The call `id` and the agent whose instrument `device` is, checked: the call must be
    /// known (else 11) and the device on it (else 13).
    fn connection(
        &self,
        id: u32,
        device: Option<Str<'_>>,
    ) -> Result<Option<usize>, ControlFailureCode> {
        let call = self
            .model
            .call(self.key(id))
            .ok_or(ControlFailureCode::INVALID_CSTA_CALL_IDENTIFIER)?;
        let device = device.map(|d| d.as_bytes()).unwrap_or_default();
        if !call.parties().iter().any(|p| p.device_id.eq_bytes(device)) {
            return Err(ControlFailureCode::INVALID_CSTA_CONNECTION_IDENTIFIER);
        }
        Ok(self.agent_by_instrument(device))
    }

    fn party_state(&self, id: u32, device: Option<Str<'_>>) -> LocalConnectionState {
        let device = device.map(|d| d.as_bytes()).unwrap_or_default();
        self.model
            .call(self.key(id))
            .and_then(|c| c.parties().iter().find(|p| p.device_id.eq_bytes(device)))
            .map_or(LocalConnectionState::NONE, |p| p.state)
    }

    fn make_call(
        &mut self,
        now: Instant,
        out: &mut Out,
        r: &MakeCallReq<'_>,
    ) -> Result<(), ControlFailureCode> {
        let instrument = r
            .agent_instrument()
            .map(|s| s.as_bytes())
            .unwrap_or_default();
        let i = self
            .agent_by_instrument(instrument)
            .ok_or(ControlFailureCode::INVALID_CALLING_DEVICE)?;
        let dialed = r
            .dialed_number()
            .filter(|d| !d.is_empty())
            .and_then(|d| d.to_str().ok().map(str::to_string))
            .ok_or(ControlFailureCode::INVALID_DESTINATION)?;
        let state = self.agent_state(i);
        let calls: Vec<CallState> = self.calls_of(i).map(|(_, s)| s).collect();
        let consult = calls == [CallState::Held];
        if state == AgentState::LOGOUT || !(calls.is_empty() || consult) {
            return Err(ControlFailureCode::INVALID_OBJECT_STATE);
        }
        let id = self.new_call_id();
        self.emit(
            now,
            out,
            &MakeCallConf {
                invoke_id: r.invoke_id,
                new_connection_call_id: id,
                new_connection_device_id_type: ConnectionDeviceIdType::STATIC,
                line_handle: 0,
                line_type: LineType::OUTBOUND,
                floating: Floating::EMPTY,
            },
        );
        if calls.is_empty() {
            self.resume[i] = state;
        }
        self.calls.insert(
            id,
            CallInfo {
                agent: Some(i),
                far: dialed.clone(),
                ends_at: None,
                rings_until: None,
            },
        );
        let spec = self.config.agents[i].clone();
        let call_type = if consult {
            CallType::CONSULT
        } else {
            CallType::AGENT_OUT
        };
        self.begin_call(
            now,
            out,
            id,
            &spec.instrument,
            call_type,
            &spec.instrument,
            &dialed,
            None,
        );
        self.originated(now, out, id, &spec.instrument, &dialed);
        let group = spec.skill_groups.first().copied().unwrap_or(0xFFFF_FFFF);
        self.delivered(
            now,
            out,
            id,
            &spec.instrument,
            LocalConnectionState::CONNECT,
            &dialed,
            &spec.instrument,
            &dialed,
            group,
            LineType::OUTBOUND,
        );
        self.established(now, out, id, &spec.instrument, &dialed, &spec.instrument);
        self.stats.made += 1;
        self.settle(now, out, i);
        Ok(())
    }

    fn answer_call(
        &mut self,
        now: Instant,
        out: &mut Out,
        invoke_id: InvokeId,
        id: u32,
        device: Option<Str<'_>>,
    ) -> Result<(), ControlFailureCode> {
        let agent = self.connection(id, device)?;
        let i = agent.ok_or(ControlFailureCode::NO_CALL_TO_ANSWER)?;
        if self.party_state(id, device) != LocalConnectionState::ALERTING {
            return Err(ControlFailureCode::NO_CALL_TO_ANSWER);
        }
        self.emit(
            now,
            out,
            &AnswerCallConf {
                invoke_id,
                floating: Floating::EMPTY,
            },
        );
        self.answer(now, out, id, i);
        Ok(())
    }

    fn hold_call(
        &mut self,
        now: Instant,
        out: &mut Out,
        invoke_id: InvokeId,
        id: u32,
        device: Option<Str<'_>>,
    ) -> Result<(), ControlFailureCode> {
        let i = self
            .connection(id, device)?
            .ok_or(ControlFailureCode::NO_ACTIVE_CALL)?;
        if self.party_state(id, device) != LocalConnectionState::CONNECT {
            return Err(ControlFailureCode::NO_ACTIVE_CALL);
        }
        self.emit(
            now,
            out,
            &HoldCallConf {
                invoke_id,
                floating: Floating::EMPTY,
            },
        );
        let instrument = self.config.agents[i].instrument.clone();
        self.held(now, out, id, &instrument);
        self.settle(now, out, i);
        Ok(())
    }

    fn retrieve_call(
        &mut self,
        now: Instant,
        out: &mut Out,
        invoke_id: InvokeId,
        id: u32,
        device: Option<Str<'_>>,
    ) -> Result<(), ControlFailureCode> {
        let i = self
            .connection(id, device)?
            .ok_or(ControlFailureCode::NO_HELD_CALL)?;
        if self.party_state(id, device) != LocalConnectionState::HOLD {
            return Err(ControlFailureCode::NO_HELD_CALL);
        }
        if self.calls_of(i).any(|(_, s)| s == CallState::Connected) {
            return Err(ControlFailureCode::INVALID_OBJECT_STATE);
        }
        self.emit(
            now,
            out,
            &RetrieveCallConf {
                invoke_id,
                floating: Floating::EMPTY,
            },
        );
        let instrument = self.config.agents[i].instrument.clone();
        self.retrieved(now, out, id, &instrument);
        self.settle(now, out, i);
        Ok(())
    }

    fn clear_call(
        &mut self,
        now: Instant,
        out: &mut Out,
        invoke_id: InvokeId,
        id: u32,
    ) -> Result<(), ControlFailureCode> {
        if !self.calls.contains_key(&id) {
            return Err(ControlFailureCode::NO_CALL_TO_CLEAR);
        }
        self.emit(
            now,
            out,
            &ClearCallConf {
                invoke_id,
                floating: Floating::EMPTY,
            },
        );
        self.end(now, out, id);
        Ok(())
    }

    fn clear_connection(
        &mut self,
        now: Instant,
        out: &mut Out,
        invoke_id: InvokeId,
        id: u32,
        device: Option<Str<'_>>,
    ) -> Result<(), ControlFailureCode> {
        if !self.calls.contains_key(&id) {
            return Err(ControlFailureCode::NO_CONNECTION_TO_CLEAR);
        }
        self.connection(id, device)
            .map_err(|_| ControlFailureCode::NO_CONNECTION_TO_CLEAR)?;
        self.emit(
            now,
            out,
            &ClearConnectionConf {
                invoke_id,
                floating: Floating::EMPTY,
            },
        );
        self.drop_connection(now, out, id, device);
        Ok(())
    }

    /// CALL_CONNECTION_CLEARED_EVENT for `device`; the call ends unless two parties remain.
    fn drop_connection(&mut self, now: Instant, out: &mut Out, id: u32, device: Option<Str<'_>>) {
        let d = device
            .and_then(|d| d.to_str().ok())
            .unwrap_or_default()
            .to_string();
        self.connection_cleared(now, out, id, &d);
        let remaining = self
            .model
            .call(self.key(id))
            .map_or(0, |c| c.parties().len());
        if remaining >= 2 {
            let agent = self.agent_by_instrument(d.as_bytes());
            if let Some(c) = self.calls.get_mut(&id) {
                if c.agent.is_some() && c.agent == agent {
                    c.agent = None;
                    if c.ends_at.is_none() {
                        c.ends_at = Some(now + self.config.talk_time);
                    }
                }
            }
            if let Some(i) = agent {
                self.settle(now, out, i);
            }
        } else {
            self.end(now, out, id);
        }
    }

    fn release_call(
        &mut self,
        now: Instant,
        out: &mut Out,
        invoke_id: InvokeId,
        id: u32,
        device: Option<Str<'_>>,
    ) -> Result<(), ControlFailureCode> {
        if !self.calls.contains_key(&id) {
            return Err(ControlFailureCode::INVALID_CSTA_CALL_IDENTIFIER);
        }
        self.emit(
            now,
            out,
            &ReleaseCallConf {
                invoke_id,
                floating: Floating::EMPTY,
            },
        );
        if self.connection(id, device).is_ok() {
            self.drop_connection(now, out, id, device);
        } else {
            self.end(now, out, id);
        }
        Ok(())
    }

    /// The checks transfer and conference share: (held call, active call, agent).
    fn consult_pair(
        &self,
        held: u32,
        held_device: Option<Str<'_>>,
        active: u32,
        active_device: Option<Str<'_>>,
    ) -> Result<(u32, u32, usize), ControlFailureCode> {
        if held == NULL_CALL_ID {
            return Err(ControlFailureCode::INVALID_FEATURE);
        }
        let i = self
            .connection(held, held_device)?
            .ok_or(ControlFailureCode::NO_HELD_CALL)?;
        let j = self
            .connection(active, active_device)?
            .ok_or(ControlFailureCode::NO_ACTIVE_CALL)?;
        if self.party_state(held, held_device) != LocalConnectionState::HOLD {
            return Err(ControlFailureCode::NO_HELD_CALL);
        }
        if self.party_state(active, active_device) != LocalConnectionState::CONNECT {
            return Err(ControlFailureCode::NO_ACTIVE_CALL);
        }
        if i != j || held == active {
            return Err(ControlFailureCode::INVALID_OBJECT_STATE);
        }
        Ok((held, active, i))
    }

    fn transfer(
        &mut self,
        now: Instant,
        out: &mut Out,
        r: &TransferCallReq<'_>,
    ) -> Result<(), ControlFailureCode> {
        let (held, active, i) = self.consult_pair(
            r.held_connection_call_id,
            r.held_connection_device_id(),
            r.active_connection_call_id,
            r.active_connection_device_id(),
        )?;
        let customer = self
            .calls
            .get(&held)
            .map(|c| c.far.clone())
            .unwrap_or_default();
        let target = self
            .calls
            .get(&active)
            .map(|c| c.far.clone())
            .unwrap_or_default();
        let instrument = self.config.agents[i].instrument.clone();
        let parties = [customer.as_str(), target.as_str()];
        self.joined_conf(now, out, r.invoke_id, held, &parties, true);
        self.joined_event(now, out, held, active, &parties, &instrument, &target, true);
        self.end_call(now, out, active);
        self.calls.remove(&active);
        if let Some(c) = self.calls.get_mut(&held) {
            c.agent = None;
            c.far = target;
            if c.ends_at.is_none() {
                c.ends_at = Some(now + self.config.talk_time);
            }
        }
        self.stats.transferred += 1;
        self.settle(now, out, i);
        Ok(())
    }

    fn conference(
        &mut self,
        now: Instant,
        out: &mut Out,
        r: &ConferenceCallReq<'_>,
    ) -> Result<(), ControlFailureCode> {
        let (held, active, i) = self.consult_pair(
            r.held_connection_call_id,
            r.held_connection_device_id(),
            r.active_connection_call_id,
            r.active_connection_device_id(),
        )?;
        let customer = self
            .calls
            .get(&held)
            .map(|c| c.far.clone())
            .unwrap_or_default();
        let target = self
            .calls
            .get(&active)
            .map(|c| c.far.clone())
            .unwrap_or_default();
        let instrument = self.config.agents[i].instrument.clone();
        let parties = [customer.as_str(), instrument.as_str(), target.as_str()];
        self.joined_conf(now, out, r.invoke_id, held, &parties, false);
        self.joined_event(
            now,
            out,
            held,
            active,
            &parties,
            &instrument,
            &target,
            false,
        );
        self.end_call(now, out, active);
        self.calls.remove(&active);
        self.stats.conferenced += 1;
        self.settle(now, out, i);
        Ok(())
    }

    fn set_call_data(
        &mut self,
        now: Instant,
        out: &mut Out,
        r: &SetCallDataReq<'_>,
    ) -> Result<(), ControlFailureCode> {
        let call = self
            .model
            .call(self.key(r.connection_call_id))
            .ok_or(ControlFailureCode::INVALID_CSTA_CALL_IDENTIFIER)?;
        let call_type = if r.call_type == CallType::NONE {
            call.call_type
        } else {
            r.call_type
        };
        let device = call
            .parties()
            .first()
            .and_then(|p| p.device_id.as_str())
            .unwrap_or_default()
            .to_string();
        self.emit(
            now,
            out,
            &SetCallDataConf {
                invoke_id: r.invoke_id,
                floating: Floating::EMPTY,
            },
        );
        let data_tags: Vec<u16> = [
            tag::ANI.id,
            tag::DNIS.id,
            tag::DIALED_NUMBER.id,
            tag::CED.id,
            tag::CALL_WRAPUP_DATA.id,
            tag::NAMED_VARIABLE.id,
            tag::NAMED_ARRAY.id,
        ]
        .into_iter()
        .chain(tag::CALL_VAR_1.id..=tag::CALL_VAR_1.id + 9)
        .collect();
        let mut buf = vec![0u8; FLOATING_ROOM];
        let fl = build(&mut buf, self.config.version, |w| {
            w.put(tag::CONNECTION_DEVID, Str::from(device.as_str()))?;
            for f in r.floating.iter().filter(|f| data_tags.contains(&f.tag)) {
                w.put_raw(f.tag, f.data)?;
            }
            Ok(())
        });
        let Ok(floating) = fl else {
            self.stats.encode_errors += 1;
            return Ok(());
        };
        let event = CallDataUpdateEvent {
            monitor_id: 0,
            peripheral_id: self.config.peripheral_id,
            peripheral_type: PeripheralType::ENTERPRISE_AGENT,
            num_cti_clients: 0,
            num_named_variables: u16::try_from(r.named_variables().count()).unwrap_or(0),
            num_named_arrays: u16::try_from(r.named_arrays().count()).unwrap_or(0),
            call_type,
            connection_device_id_type: ConnectionDeviceIdType::STATIC,
            connection_call_id: r.connection_call_id,
            new_connection_device_id_type: ConnectionDeviceIdType::STATIC,
            new_connection_call_id: r.connection_call_id,
            called_party_disposition: r.called_party_disposition,
            campaign_id: r.campaign_id,
            query_rule_id: r.query_rule_id,
            floating,
        };
        let bytes = encode(&event, self.config.version);
        self.push_encoded(now, out, bytes);
        Ok(())
    }

    // ----- the events -----

    #[allow(clippy::too_many_arguments)]
    fn begin_call(
        &mut self,
        now: Instant,
        out: &mut Out,
        id: u32,
        device: &str,
        call_type: CallType,
        ani: &str,
        dnis_or_dialed: &str,
        variable_1: Option<&str>,
    ) {
        let v = self.config.version;
        let mut buf = vec![0u8; FLOATING_ROOM];
        let fl = build(&mut buf, v, |w| {
            w.put(tag::CONNECTION_DEVID, Str::from(device))?;
            w.put(tag::ANI, Str::from(ani))?;
            if call_type == CallType::ACD_IN {
                w.put(tag::DNIS, Str::from(dnis_or_dialed))?;
            } else {
                w.put(tag::DIALED_NUMBER, Str::from(dnis_or_dialed))?;
            }
            if let Some(v1) = variable_1 {
                w.put(tag::CALL_VAR_1, Str::from(v1))?;
            }
            Ok(())
        });
        let Ok(floating) = fl else {
            self.stats.encode_errors += 1;
            return;
        };
        let event = BeginCallEvent {
            monitor_id: 0,
            peripheral_id: self.config.peripheral_id,
            peripheral_type: PeripheralType::ENTERPRISE_AGENT,
            num_cti_clients: 0,
            num_named_variables: 0,
            num_named_arrays: 0,
            call_type,
            connection_device_id_type: ConnectionDeviceIdType::STATIC,
            connection_call_id: id,
            called_party_disposition: 0,
            floating,
        };
        self.stats.begun += 1;
        let bytes = encode(&event, v);
        self.push_encoded(now, out, bytes);
    }

    #[allow(clippy::too_many_arguments)]
    fn delivered(
        &mut self,
        now: Instant,
        out: &mut Out,
        id: u32,
        device: &str,
        lcs: LocalConnectionState,
        alerting: &str,
        calling: &str,
        called: &str,
        group: u32,
        line_type: LineType,
    ) {
        let peripheral_id = self.config.peripheral_id;
        let devices = [
            (tag::CONNECTION_DEVID, device),
            (tag::ALERTING_DEVID, alerting),
            (tag::CALLING_DEVID, calling),
            (tag::CALLED_DEVID, called),
        ];
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &CallDeliveredEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                line_handle: 0,
                line_type,
                service_number: 0,
                service_id: 0,
                skill_group_number: group,
                skill_group_id: group,
                skill_group_priority: 0,
                alerting_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                calling_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                called_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                last_redirect_device_type: DeviceIdType::NONE,
                local_connection_state: lcs,
                event_cause: EventCause::NEW_CALL,
                num_named_variables: 0,
                num_named_arrays: 0,
                floating,
            },
        );
    }

    fn established(
        &mut self,
        now: Instant,
        out: &mut Out,
        id: u32,
        device: &str,
        answering: &str,
        calling: &str,
    ) {
        let peripheral_id = self.config.peripheral_id;
        let devices = [
            (tag::CONNECTION_DEVID, device),
            (tag::ANSWERING_DEVID, answering),
            (tag::CALLING_DEVID, calling),
        ];
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &CallEstablishedEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                line_handle: 0,
                line_type: LineType::INBOUND_ACD,
                service_number: 0,
                service_id: 0,
                skill_group_number: 0xFFFF_FFFF,
                skill_group_id: 0,
                skill_group_priority: 0,
                answering_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                calling_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                called_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                last_redirect_device_type: DeviceIdType::NONE,
                local_connection_state: LocalConnectionState::CONNECT,
                event_cause: EventCause::NONE,
                floating,
            },
        );
    }

    /// CALL_SERVICE_INITIATED_EVENT (the agent's phone goes off hook), then
    /// CALL_ORIGINATED_EVENT (the number is dialed).
    fn originated(&mut self, now: Instant, out: &mut Out, id: u32, device: &str, called: &str) {
        let peripheral_id = self.config.peripheral_id;
        let devices = [
            (tag::CONNECTION_DEVID, device),
            (tag::CALLING_DEVID, device),
        ];
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &CallServiceInitiatedEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                line_handle: 0,
                line_type: LineType::OUTBOUND,
                service_number: 0,
                service_id: 0,
                skill_group_number: 0xFFFF_FFFF,
                skill_group_id: 0,
                skill_group_priority: 0,
                calling_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                local_connection_state: LocalConnectionState::INITIATE,
                event_cause: EventCause::NEW_CALL,
                floating,
            },
        );
        let devices = [
            (tag::CONNECTION_DEVID, device),
            (tag::CALLING_DEVID, device),
            (tag::CALLED_DEVID, called),
        ];
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &CallOriginatedEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                line_handle: 0,
                line_type: LineType::OUTBOUND,
                service_number: 0,
                service_id: 0,
                skill_group_number: 0xFFFF_FFFF,
                skill_group_id: 0,
                skill_group_priority: 0,
                calling_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                called_device_type: DeviceIdType::EXTERNAL,
                local_connection_state: LocalConnectionState::CONNECT,
                event_cause: EventCause::NEW_CALL,
                floating,
            },
        );
    }

    fn held(&mut self, now: Instant, out: &mut Out, id: u32, device: &str) {
        let peripheral_id = self.config.peripheral_id;
        let devices = [
            (tag::CONNECTION_DEVID, device),
            (tag::HOLDING_DEVID, device),
        ];
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &CallHeldEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                holding_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                local_connection_state: LocalConnectionState::HOLD,
                event_cause: EventCause::NONE,
                floating,
            },
        );
    }

    fn retrieved(&mut self, now: Instant, out: &mut Out, id: u32, device: &str) {
        let peripheral_id = self.config.peripheral_id;
        let devices = [
            (tag::CONNECTION_DEVID, device),
            (tag::RETRIEVING_DEVID, device),
        ];
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &CallRetrievedEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                retrieving_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                local_connection_state: LocalConnectionState::CONNECT,
                event_cause: EventCause::NONE,
                floating,
            },
        );
    }

    fn connection_cleared(&mut self, now: Instant, out: &mut Out, id: u32, device: &str) {
        let peripheral_id = self.config.peripheral_id;
        let devices = [
            (tag::CONNECTION_DEVID, device),
            (tag::RELEASING_DEVID, device),
        ];
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &CallConnectionClearedEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                releasing_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                local_connection_state: LocalConnectionState::NULL,
                event_cause: EventCause::NONE,
                floating,
            },
        );
    }

    fn cleared(&mut self, now: Instant, out: &mut Out, id: u32) {
        let device = self.call_device(id);
        let peripheral_id = self.config.peripheral_id;
        let devices = [(tag::CONNECTION_DEVID, device.as_str())];
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &CallClearedEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                local_connection_state: LocalConnectionState::NULL,
                event_cause: EventCause::NONE,
                floating,
            },
        );
    }

    fn end_call(&mut self, now: Instant, out: &mut Out, id: u32) {
        let device = self.call_device(id);
        let peripheral_id = self.config.peripheral_id;
        let devices = [(tag::CONNECTION_DEVID, device.as_str())];
        self.stats.ended += 1;
        let mut buf = vec![0u8; FLOATING_ROOM];
        let Some(floating) = self.devices(&mut buf, &devices) else {
            return;
        };
        self.emit(
            now,
            out,
            &EndCallEvent {
                monitor_id: 0,
                peripheral_id,
                peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                connection_device_id_type: ConnectionDeviceIdType::STATIC,
                connection_call_id: id,
                floating,
            },
        );
    }

    /// The device a call-wide event names: the agent's instrument, else the far party.
    fn call_device(&self, id: u32) -> String {
        match self.calls.get(&id) {
            Some(CallInfo { agent: Some(i), .. }) => self.config.agents[*i].instrument.clone(),
            Some(c) => c.far.clone(),
            None => String::new(),
        }
    }

    fn joined_conf(
        &mut self,
        now: Instant,
        out: &mut Out,
        invoke_id: InvokeId,
        call: u32,
        parties: &[&str],
        transfer: bool,
    ) {
        let v = self.config.version;
        let mut buf = vec![0u8; FLOATING_ROOM];
        let fl = build(&mut buf, v, |w| {
            w.put(
                tag::NEW_CONNECTION_DEVID,
                Str::from(parties.first().copied().unwrap_or_default()),
            )?;
            for p in parties {
                w.put(tag::PARTY_CALLID, call)?;
                w.put(tag::PARTY_DEVID_TYPE, ConnectionDeviceIdType::STATIC.0)?;
                w.put(tag::PARTY_DEVID, Str::from(*p))?;
            }
            Ok(())
        });
        let Ok(floating) = fl else {
            self.stats.encode_errors += 1;
            return;
        };
        let num_parties = u16::try_from(parties.len()).unwrap_or(0);
        let bytes = if transfer {
            encode(
                &TransferCallConf {
                    invoke_id,
                    new_connection_call_id: call,
                    new_connection_device_id_type: ConnectionDeviceIdType::STATIC,
                    num_parties,
                    line_handle: 0,
                    line_type: LineType::INBOUND_ACD,
                    floating,
                },
                v,
            )
        } else {
            encode(
                &ConferenceCallConf {
                    invoke_id,
                    new_connection_call_id: call,
                    new_connection_device_id_type: ConnectionDeviceIdType::STATIC,
                    num_parties,
                    line_handle: 0,
                    line_type: LineType::INBOUND_ACD,
                    floating,
                },
                v,
            )
        };
        self.push_encoded(now, out, bytes);
    }

    #[allow(clippy::too_many_arguments)]
    fn joined_event(
        &mut self,
        now: Instant,
        out: &mut Out,
        primary: u32,
        secondary: u32,
        parties: &[&str],
        controller: &str,
        added: &str,
        transfer: bool,
    ) {
        let v = self.config.version;
        let mut buf = vec![0u8; FLOATING_ROOM];
        let fl = build(&mut buf, v, |w| {
            w.put(tag::PRIMARY_DEVID, Str::from(controller))?;
            w.put(tag::SECONDARY_DEVID, Str::from(controller))?;
            if transfer {
                w.put(tag::TRANSFERRING_DEVID, Str::from(controller))?;
                w.put(tag::TRANSFERRED_DEVID, Str::from(added))?;
            } else {
                w.put(tag::CONTROLLER_DEVID, Str::from(controller))?;
                w.put(tag::ADDED_PARTY_DEVID, Str::from(added))?;
            }
            for p in parties {
                w.put(tag::PARTY_CALLID, primary)?;
                w.put(tag::PARTY_DEVID_TYPE, ConnectionDeviceIdType::STATIC.0)?;
                w.put(tag::PARTY_DEVID, Str::from(*p))?;
            }
            Ok(())
        });
        let Ok(floating) = fl else {
            self.stats.encode_errors += 1;
            return;
        };
        let num_parties = u16::try_from(parties.len()).unwrap_or(0);
        let p = self.config.peripheral_id;
        let bytes = if transfer {
            encode(
                &CallTransferredEvent {
                    monitor_id: 0,
                    peripheral_id: p,
                    peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                    primary_device_id_type: ConnectionDeviceIdType::STATIC,
                    primary_call_id: primary,
                    line_handle: 0,
                    line_type: LineType::INBOUND_ACD,
                    skill_group_number: 0xFFFF_FFFF,
                    skill_group_id: 0,
                    skill_group_priority: 0,
                    num_parties,
                    secondary_device_id_type: ConnectionDeviceIdType::STATIC,
                    secondary_call_id: secondary,
                    transferring_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                    transferred_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                    local_connection_state: LocalConnectionState::CONNECT,
                    event_cause: EventCause::NONE,
                    floating,
                },
                v,
            )
        } else {
            encode(
                &CallConferencedEvent {
                    monitor_id: 0,
                    peripheral_id: p,
                    peripheral_type: PeripheralType::ENTERPRISE_AGENT,
                    primary_device_id_type: ConnectionDeviceIdType::STATIC,
                    primary_call_id: primary,
                    line_handle: 0,
                    line_type: LineType::INBOUND_ACD,
                    skill_group_number: 0xFFFF_FFFF,
                    skill_group_id: 0,
                    skill_group_priority: 0,
                    num_parties,
                    secondary_device_id_type: ConnectionDeviceIdType::STATIC,
                    secondary_call_id: secondary,
                    controller_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                    added_party_device_type: DeviceIdType::DEVICE_IDENTIFIER,
                    local_connection_state: LocalConnectionState::CONNECT,
                    event_cause: EventCause::NONE,
                    floating,
                },
                v,
            )
        };
        self.push_encoded(now, out, bytes);
    }

    // ----- output -----

    /// A floating part of device IDs (tag, device) in order, written into `buf`: the shape of
    /// most call events. One that does not fit is counted as an encode error (`None`).
    fn devices<'b>(
        &mut self,
        buf: &'b mut [u8],
        devices: &[(Tag<kind::String>, &str)],
    ) -> Option<Floating<'b>> {
        let fl = build(buf, self.config.version, |w| {
            for (t, d) in devices {
                w.put(*t, Str::from(*d))?;
            }
            Ok(())
        });
        if fl.is_err() {
            self.stats.encode_errors += 1;
        }
        fl.ok()
    }

    fn emit<M: Encode>(&mut self, now: Instant, out: &mut Out, m: &M) {
        let bytes = encode(m, self.config.version);
        self.push_encoded(now, out, bytes);
    }

    /// Decodes `bytes` back (so only messages the codec reads are sent), folds the message
    /// into the engine's model and queues it.
    fn push_encoded(&mut self, now: Instant, out: &mut Out, bytes: Option<Vec<u8>>) {
        let Some(bytes) = bytes else {
            self.stats.encode_errors += 1;
            return;
        };
        let output = Output {
            bytes,
            version: self.config.version,
        };
        let message_type = output.message_type();
        let body = output.bytes.get(HEADER_LEN..).unwrap_or_default();
        match Message::decode(message_type, body, self.config.version) {
            Ok(m) if !matches!(m, Message::Unknown(_)) => {
                let changes = self.model.apply(now, &m);
                if changes.full().is_some() {
                    self.stats.encode_errors += 1;
                }
            }
            _ => {
                self.stats.encode_errors += 1;
                return;
            }
        }
        out.push(output);
    }
}

fn encode<M: Encode>(m: &M, version: Version) -> Option<Vec<u8>> {
    let mut bytes = vec![0u8; m.encoded_len(version)];
    let n = m.encode(version, &mut bytes).ok()?;
    bytes.truncate(n);
    (n <= version.max_send_len()).then_some(bytes)
}

/// A floating part written by `f` into `buf`.
fn build<'b>(
    buf: &'b mut [u8],
    version: Version,
    f: impl FnOnce(&mut FloatingWriter<'b>) -> Result<(), EncodeError>,
) -> Result<Floating<'b>, EncodeError> {
    let mut w = FloatingWriter::new(buf, version);
    f(&mut w)?;
    Ok(w.finish())
}

fn offer_interval(per_min: u32) -> Option<Duration> {
    (per_min > 0)
        .then(|| Duration::from_millis(60_000 / u64::from(per_min)).max(Duration::from_millis(1)))
}

fn icm_agent_id(i: usize) -> i32 {
    5001 + i32::try_from(i).unwrap_or(0)
}

fn availability(state: AgentState) -> AgentAvailabilityStatus {
    if state == AgentState::AVAILABLE {
        AgentAvailabilityStatus::ICM_AVAILABLE
    } else {
        AgentAvailabilityStatus::NOT_AVAILABLE
    }
}
