//! A live model of a contact centre, folded from the messages a CTI client receives: agents
//! with their state and skill groups, calls with their parties and call data, and per skill
//! group counts of agents by state. `no_std`, no allocation: every table has a capacity the
//! caller chooses, and what does not fit is reported, never lost in silence and never a panic.
//!
//! Feed it every received message with [`Model::apply`]; each call returns the [`Changes`] the
//! message made (an agent's state, a call starting, changing state, changing data, ending), for
//! a wallboard to redraw or a bridge to publish. Query it at any time: agents by state
//! ([`Model::agents_in`]), the calls of an agent ([`Model::calls_of`]), a call by its
//! ConnectionCallID ([`Model::call`]), skill group counts ([`Model::skill_group_counts`]) and
//! time in state ([`Agent::time_in_state`]).
//!
//! What is folded (spec §3.9–3.15): AGENT_STATE_EVENT; BEGIN_CALL_EVENT, CALL_DATA_UPDATE_EVENT
//! and END_CALL_EVENT; the call events CALL_DELIVERED, CALL_ESTABLISHED, CALL_HELD,
//! CALL_RETRIEVED, CALL_CLEARED, CALL_CONNECTION_CLEARED, CALL_ORIGINATED,
//! CALL_SERVICE_INITIATED, CALL_QUEUED, CALL_DEQUEUED, CALL_DIVERTED, CALL_FAILED,
//! CALL_REACHED_NETWORK, CALL_TRANSFERRED and CALL_CONFERENCED. Everything else (confirmations,
//! session messages) leaves the model as it is and returns no change.
//!
//! Calls are keyed by PeripheralID and ConnectionCallID ([`CallKey`]); a call is in the table
//! from the first event naming it to its END_CALL_EVENT; a CALL_DATA_UPDATE_EVENT with another
//! NewConnectionCallID moves it to that key ([`Change::CallIdChanged`]). Agents are keyed by PeripheralID and
//! the first of AgentID, AgentInstrument or AgentExtension the event carries; an agent once
//! seen keeps its [`AgentRef`] for the life of the model. The calls of an agent are the calls
//! one of whose parties is the agent's instrument or extension.
//!
//! ```
//! use cti_proto::model::{Change, Model};
//! use cti_proto::wire::agent::AgentStateEvent;
//! use cti_proto::wire::codes::{AgentAvailabilityStatus, AgentState, PeripheralType};
//! use cti_proto::wire::{tag, FloatingWriter, Message, Str, Version};
//! use cti_proto::Instant;
//!
//! // Agent 1001 on peripheral 5000 becomes available.
//! let mut buf = [0u8; 64];
//! let mut w = FloatingWriter::new(&mut buf, Version::V15);
//! w.put(tag::AGENT_ID, Str::from("1001")).unwrap();
//! w.put(tag::AGENT_INSTRUMENT, Str::from("2001")).unwrap();
//! let event = Message::AgentStateEvent(AgentStateEvent {
//!     monitor_id: 0,
//!     peripheral_id: 5000,
//!     session_id: 0,
//!     peripheral_type: PeripheralType::ENTERPRISE_AGENT,
//!     skill_group_state: AgentState::AVAILABLE,
//!     state_duration: 0,
//!     skill_group_number: 7,
//!     skill_group_id: 70,
//!     skill_group_priority: 0,
//!     agent_state: AgentState::AVAILABLE,
//!     event_reason_code: 0,
//!     mrd_id: 1,
//!     num_tasks: 0,
//!     agent_mode: 0,
//!     max_task_limit: 1,
//!     icm_agent_id: 5001,
//!     agent_availability_status: AgentAvailabilityStatus::ICM_AVAILABLE,
//!     department_id: None,
//!     num_flt_skill_groups: 0,
//!     floating: w.finish(),
//! });
//!
//! let mut model: Model = Model::new();
//! let changes = model.apply(Instant::from_secs(10), &event);
//! assert!(changes.iter().any(|c| matches!(
//!     c,
//!     Change::AgentStateChanged { to: AgentState::AVAILABLE, .. }
//! )));
//! assert_eq!(model.agents_in(AgentState::AVAILABLE).count(), 1);
//! let counts = model.skill_group_counts(5000, 7).unwrap();
//! assert_eq!(counts.get(AgentState::AVAILABLE), 1);
//! let (_, agent) = model.agent_by_id(5000, "1001").unwrap();
//! assert_eq!(agent.time_in_state(Instant::from_secs(25)).as_secs(), 15);
//! ```

mod apply;
#[cfg(test)]
mod tests;
mod text;

use core::time::Duration;

pub use text::Text;

use crate::wire::codes::{AgentState, CallType, ConnectionDeviceIdType, LocalConnectionState};
use crate::Instant;

/// The most skill groups one agent is kept in: MAX_NUM_SKILL_GROUPS (spec §5.11).
pub const MAX_AGENT_SKILL_GROUPS: usize = 20;
/// The most parties one call is kept with. A conference has at most 16 (MAX_NUM_PARTIES, spec
/// §5.11); the model keeps 8, and says [`Table::Parties`] is full beyond that.
pub const MAX_CALL_PARTIES: usize = 8;
/// The most changes one message makes (a conference ending a call with its parties and data).
pub const MAX_CHANGES: usize = 8;

/// AgentID: STRING 12 with its NUL (spec §4).
pub type AgentIdText = Text<11>;
/// AgentExtension: STRING 16 with its NUL (spec §4).
pub type ExtensionText = Text<15>;
/// AgentInstrument and device IDs: STRING 64 with their NUL (spec §4).
pub type DeviceText = Text<63>;
/// ANI: STRING 40 with its NUL (spec §3.10).
pub type AniText = Text<39>;
/// DNIS: STRING 32 with its NUL (spec §3.10).
pub type DnisText = Text<31>;
/// CallVariable1–10: STRING 41 with its NUL in v15 (spec §3.10).
pub type CallVariableText = Text<40>;
/// An ECC variable's name: at most 32 bytes (spec §1.4).
pub type EccNameText = Text<32>;
/// An ECC variable's value: at most 210 bytes (spec §1.4).
pub type EccValueText = Text<210>;

/// NULL_SKILL_GROUP (spec §5.11).
const NULL_SKILL_GROUP: u32 = 0xFFFF_FFFF;
/// NULL_CALL_ID (spec §5.11).
const NULL_CALL_ID: u32 = 0xFFFF_FFFF;

/// Which table had no room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Table {
    /// The agents table (`AGENTS`).
    Agents,
    /// The calls table (`CALLS`).
    Calls,
    /// The skill groups table (`GROUPS`).
    SkillGroups,
    /// One agent's skill groups ([`MAX_AGENT_SKILL_GROUPS`]).
    AgentSkillGroups,
    /// One call's parties ([`MAX_CALL_PARTIES`]).
    Parties,
    /// One call's ECC variables and array elements (`ECC`).
    NamedVariables,
    /// The changes of one message ([`MAX_CHANGES`]).
    Changes,
}

/// A table was full: what the message would have added there is not in the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ModelFull {
    /// The table that had no room.
    pub table: Table,
}

impl core::fmt::Display for ModelFull {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "model table {:?} is full", self.table)
    }
}

impl core::error::Error for ModelFull {}

/// An agent in the model: a stable index, valid for the life of the [`Model`] that gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct AgentRef(pub u16);

/// A call in the model: the peripheral and the ConnectionCallID its events carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct CallKey {
    /// PeripheralID.
    pub peripheral_id: u32,
    /// ConnectionCallID.
    pub call_id: u32,
}

/// A call's overall state, from the last call event about it (spec §3.12–3.15).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum CallState {
    /// Known from BEGIN_CALL_EVENT or CALL_DATA_UPDATE_EVENT only.
    Begun,
    /// Being placed: CALL_SERVICE_INITIATED, CALL_ORIGINATED, CALL_REACHED_NETWORK.
    Initiated,
    /// Queued: CALL_QUEUED.
    Queued,
    /// Ringing at a device: CALL_DELIVERED, CALL_DEQUEUED, CALL_DIVERTED.
    Alerting,
    /// Answered: CALL_ESTABLISHED, CALL_RETRIEVED, CALL_TRANSFERRED, CALL_CONFERENCED.
    Connected,
    /// On hold: CALL_HELD.
    Held,
    /// Could not be completed: CALL_FAILED.
    Failed,
    /// Gone from every device: CALL_CLEARED (END_CALL_EVENT then removes it).
    Cleared,
}

/// One change a message made to the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Change {
    /// An agent was seen for the first time.
    AgentAdded {
        /// The agent.
        agent: AgentRef,
    },
    /// An agent's overall state changed (a new agent changes from UNKNOWN).
    AgentStateChanged {
        /// The agent.
        agent: AgentRef,
        /// The state before.
        from: AgentState,
        /// The state now.
        to: AgentState,
    },
    /// An agent's skill groups or its state in one of them changed.
    AgentSkillGroupsChanged {
        /// The agent.
        agent: AgentRef,
    },
    /// A call entered the model.
    CallStarted {
        /// The call.
        call: CallKey,
    },
    /// A call's state changed.
    CallStateChanged {
        /// The call.
        call: CallKey,
        /// The state before.
        from: CallState,
        /// The state now.
        to: CallState,
    },
    /// A call's parties changed (one joined, left or changed connection state).
    CallPartiesChanged {
        /// The call.
        call: CallKey,
    },
    /// A call's data (call type, ANI, DNIS, call variables, ECC) changed.
    CallDataChanged {
        /// The call.
        call: CallKey,
    },
    /// A call took a new ConnectionCallID (CALL_DATA_UPDATE_EVENT's NewConnectionCallID).
    CallIdChanged {
        /// The key before.
        from: CallKey,
        /// The key now.
        to: CallKey,
    },
    /// A call left the model (END_CALL_EVENT).
    CallEnded {
        /// The call.
        call: CallKey,
    },
    /// Something the message carried did not fit: the model lacks it from now on.
    Dropped(ModelFull),
}

/// The changes one message made, in order: at most [`MAX_CHANGES`]. When more would have been
/// made, the last is [`Change::Dropped`] with [`Table::Changes`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    list: heapless::Vec<Change, MAX_CHANGES>,
}

impl Changes {
    /// The changes, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, Change> {
        self.list.iter()
    }

    /// True when the message changed nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many changes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The first table found full while folding the message, if any.
    #[must_use]
    pub fn full(&self) -> Option<ModelFull> {
        self.list.iter().find_map(|c| match c {
            Change::Dropped(f) => Some(*f),
            _ => None,
        })
    }

    fn push(&mut self, c: Change) {
        if self.list.is_full() {
            if let Some(last) = self.list.last_mut() {
                *last = Change::Dropped(ModelFull {
                    table: Table::Changes,
                });
            }
        } else {
            let _ = self.list.push(c);
        }
    }
}

impl<'c> IntoIterator for &'c Changes {
    type Item = &'c Change;
    type IntoIter = core::slice::Iter<'c, Change>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// One of an agent's skill groups and the agent's state in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct AgentSkill {
    /// SkillGroupNumber.
    pub number: u32,
    /// SkillGroupID.
    pub id: u32,
    /// SkillGroupPriority.
    pub priority: u16,
    /// The agent's state in this skill group (SkillGroupState).
    pub state: AgentState,
}

/// An agent, as its AGENT_STATE_EVENTs describe it (spec §3.9).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Agent {
    /// PeripheralID.
    pub peripheral_id: u32,
    /// AgentID, empty until an event carries it.
    pub agent_id: AgentIdText,
    /// AgentExtension, empty until an event carries it.
    pub extension: ExtensionText,
    /// AgentInstrument, empty until an event carries it.
    pub instrument: DeviceText,
    /// ICMAgentID (the Skill Target ID).
    pub icm_agent_id: i32,
    /// The overall state (AgentState).
    pub state: AgentState,
    /// When the state last changed (the `now` of the message that changed it).
    pub since: Instant,
    /// EventReasonCode of the last state change.
    pub reason_code: u16,
    skills: heapless::Vec<AgentSkill, MAX_AGENT_SKILL_GROUPS>,
}

impl Agent {
    /// The agent's skill groups, in the order first seen.
    #[must_use]
    pub fn skill_groups(&self) -> &[AgentSkill] {
        &self.skills
    }

    /// How long the agent has been in its state at `now`.
    #[must_use]
    pub fn time_in_state(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.since)
    }

    /// True when `device` is this agent's instrument or extension.
    #[must_use]
    pub fn has_device(&self, device: &[u8]) -> bool {
        (!self.instrument.is_empty() && self.instrument.eq_bytes(device))
            || (!self.extension.is_empty() && self.extension.eq_bytes(device))
    }
}

/// One party of a call: a device and its connection's state.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Party {
    /// The device ID (ConnectionDeviceID, AlertingDeviceID, CallingDeviceID, …).
    pub device_id: DeviceText,
    /// The connection's state at that device (LCS_NONE when no event gave one).
    pub state: LocalConnectionState,
}

/// One ECC variable (NAMEDVAR) or array element (NAMEDARRAY) of a call.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NamedValue {
    /// The name.
    pub name: EccNameText,
    /// The array index, for an array element.
    pub index: Option<u8>,
    /// The value.
    pub value: EccValueText,
}

/// A call, as its events describe it (spec §3.10–3.15).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Call<const ECC: usize = 8> {
    /// PeripheralID and ConnectionCallID.
    pub key: CallKey,
    /// ConnectionDeviceIDType of the first event.
    pub device_id_type: ConnectionDeviceIdType,
    /// The overall state.
    pub state: CallState,
    /// When the call entered the model.
    pub started: Instant,
    /// When the state last changed.
    pub since: Instant,
    /// CallType (NULL_CALLTYPE until an event gives one).
    pub call_type: CallType,
    /// ANI.
    pub ani: AniText,
    /// DNIS.
    pub dnis: DnisText,
    /// DialedNumber.
    pub dialed_number: AniText,
    /// CallerEnteredDigits.
    pub caller_entered_digits: AniText,
    variables: [Option<CallVariableText>; 10],
    named: heapless::Vec<NamedValue, ECC>,
    parties: heapless::Vec<Party, MAX_CALL_PARTIES>,
}

impl<const ECC: usize> Call<ECC> {
    /// CallVariable`n`, for `n` in 1–10; `None` if unset or out of range.
    #[must_use]
    pub fn call_variable(&self, n: usize) -> Option<&CallVariableText> {
        self.variables.get(n.checked_sub(1)?)?.as_ref()
    }

    /// The ECC variables and array elements, in the order first set.
    #[must_use]
    pub fn named_values(&self) -> &[NamedValue] {
        &self.named
    }

    /// The ECC variable `name` (not an array element).
    #[must_use]
    pub fn named_variable(&self, name: &str) -> Option<&EccValueText> {
        self.named
            .iter()
            .find(|n| n.index.is_none() && n.name == name)
            .map(|n| &n.value)
    }

    /// The parties, in the order first seen.
    #[must_use]
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    /// The party at `device`, if any.
    #[must_use]
    pub fn party(&self, device: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.device_id == device)
    }

    /// How long the call has been in its state at `now`.
    #[must_use]
    pub fn time_in_state(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.since)
    }
}

/// A skill group seen in an agent's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct SkillGroup {
    /// PeripheralID.
    pub peripheral_id: u32,
    /// SkillGroupNumber.
    pub number: u32,
    /// SkillGroupID.
    pub id: u32,
}

/// How many agents of a skill group are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct StateCounts {
    counts: [u32; STATES],
}

/// AgentState values 0–14 are counted one by one (spec §5.8); others count as UNKNOWN.
const STATES: usize = 15;

impl StateCounts {
    /// Agents in `state`.
    #[must_use]
    pub fn get(&self, state: AgentState) -> u32 {
        self.counts.get(usize::from(state.0)).copied().unwrap_or(0)
    }

    /// Agents in the group in any state but LOGOUT.
    #[must_use]
    pub fn logged_in(&self) -> u32 {
        self.total() - self.get(AgentState::LOGOUT)
    }

    /// Agents in the group.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    fn add(&mut self, state: AgentState) {
        let i = usize::from(state.0);
        let i = if i < STATES {
            i
        } else {
            usize::from(AgentState::UNKNOWN.0)
        };
        if let Some(c) = self.counts.get_mut(i) {
            *c += 1;
        }
    }
}

/// The live model: agents, calls and skill groups, each in a table of fixed capacity.
///
/// `AGENTS`, `CALLS` and `GROUPS` bound the three tables; `ECC` bounds the ECC variables and
/// array elements kept per call. The defaults suit a desktop or a small team; a wallboard over
/// a whole peripheral chooses larger ones. The model is plain data of fixed size, about 450
/// bytes an agent and 3.8 KB a call (with `ECC` 8; the defaults come to about 136 KB): box it,
/// or make it `static`, rather than keeping a large one on a small stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model<
    const AGENTS: usize = 32,
    const CALLS: usize = 32,
    const GROUPS: usize = 16,
    const ECC: usize = 8,
> {
    agents: heapless::Vec<Agent, AGENTS>,
    calls: heapless::Vec<Call<ECC>, CALLS>,
    groups: heapless::Vec<SkillGroup, GROUPS>,
}

impl<const AGENTS: usize, const CALLS: usize, const GROUPS: usize, const ECC: usize> Default
    for Model<AGENTS, CALLS, GROUPS, ECC>
{
    fn default() -> Self {
        Self::new()
    }
}

impl<const AGENTS: usize, const CALLS: usize, const GROUPS: usize, const ECC: usize>
    Model<AGENTS, CALLS, GROUPS, ECC>
{
    /// An empty model.
    #[must_use]
    pub const fn new() -> Self {
        Model {
            agents: heapless::Vec::new(),
            calls: heapless::Vec::new(),
            groups: heapless::Vec::new(),
        }
    }

    // ----- queries -----

    /// Every agent, in the order first seen.
    pub fn agents(&self) -> impl Iterator<Item = (AgentRef, &Agent)> + '_ {
        self.agents
            .iter()
            .enumerate()
            .map(|(i, a)| (AgentRef(u16::try_from(i).unwrap_or(u16::MAX)), a))
    }

    /// The agent `r`.
    #[must_use]
    pub fn agent(&self, r: AgentRef) -> Option<&Agent> {
        self.agents.get(usize::from(r.0))
    }

    /// The agents whose overall state is `state`.
    pub fn agents_in(&self, state: AgentState) -> impl Iterator<Item = (AgentRef, &Agent)> + '_ {
        self.agents().filter(move |(_, a)| a.state == state)
    }

    /// The agent with AgentID `agent_id` on `peripheral_id`.
    #[must_use]
    pub fn agent_by_id(&self, peripheral_id: u32, agent_id: &str) -> Option<(AgentRef, &Agent)> {
        self.agents()
            .find(|(_, a)| a.peripheral_id == peripheral_id && a.agent_id == agent_id)
    }

    /// The agent whose instrument or extension is `device` on `peripheral_id`.
    #[must_use]
    pub fn agent_by_device(&self, peripheral_id: u32, device: &str) -> Option<(AgentRef, &Agent)> {
        self.agents()
            .find(|(_, a)| a.peripheral_id == peripheral_id && a.has_device(device.as_bytes()))
    }

    /// Every call, in the order first seen.
    pub fn calls(&self) -> impl Iterator<Item = &Call<ECC>> + '_ {
        self.calls.iter()
    }

    /// The call `key`.
    #[must_use]
    pub fn call(&self, key: CallKey) -> Option<&Call<ECC>> {
        self.calls.iter().find(|c| c.key == key)
    }

    /// The calls with a party at the agent's instrument or extension.
    pub fn calls_of(&self, r: AgentRef) -> impl Iterator<Item = &Call<ECC>> + '_ {
        let agent = self.agent(r);
        self.calls.iter().filter(move |c| {
            agent.is_some_and(|a| {
                a.peripheral_id == c.key.peripheral_id
                    && c.parties
                        .iter()
                        .any(|p| a.has_device(p.device_id.as_bytes()))
            })
        })
    }

    /// Every skill group seen, in the order first seen.
    pub fn skill_groups(&self) -> impl Iterator<Item = &SkillGroup> + '_ {
        self.groups.iter()
    }

    /// How many agents of skill group `number` on `peripheral_id` are in each state (their
    /// SkillGroupState), or `None` for a group not seen.
    #[must_use]
    pub fn skill_group_counts(&self, peripheral_id: u32, number: u32) -> Option<StateCounts> {
        self.groups
            .iter()
            .find(|g| g.peripheral_id == peripheral_id && g.number == number)?;
        let mut counts = StateCounts::default();
        for a in self
            .agents
            .iter()
            .filter(|a| a.peripheral_id == peripheral_id)
        {
            for s in a.skills.iter().filter(|s| s.number == number) {
                counts.add(s.state);
            }
        }
        Some(counts)
    }

    /// How many agents are in `state`.
    #[must_use]
    pub fn count_in(&self, state: AgentState) -> usize {
        self.agents.iter().filter(|a| a.state == state).count()
    }

    /// How many calls are in the table.
    #[must_use]
    pub fn call_count(&self) -> usize {
        self.calls.len()
    }
}
