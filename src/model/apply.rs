//! Folding one received message into the model: [`Model::apply`].

use super::{
    Agent, AgentRef, AgentSkill, Call, CallKey, CallState, Change, Changes, DeviceText, Model,
    ModelFull, NamedValue, Party, SkillGroup, Table, Text, NULL_CALL_ID, NULL_SKILL_GROUP,
};
use crate::wire::agent::AgentStateEvent;
use crate::wire::codes::{AgentState, CallType, ConnectionDeviceIdType, LocalConnectionState};
use crate::wire::{tag, Floating, Message, Str};
use crate::Instant;

/// The tags of CallVariable1–10, in order.
const CALL_VARIABLES: [crate::wire::Tag<crate::wire::kind::String>; 10] = [
    tag::CALL_VAR_1,
    tag::CALL_VAR_2,
    tag::CALL_VAR_3,
    tag::CALL_VAR_4,
    tag::CALL_VAR_5,
    tag::CALL_VAR_6,
    tag::CALL_VAR_7,
    tag::CALL_VAR_8,
    tag::CALL_VAR_9,
    tag::CALL_VAR_10,
];

/// What one call event says, in the terms the model keeps.
struct CallFacts<'m, 'a> {
    peripheral_id: u32,
    call_id: u32,
    device_id_type: ConnectionDeviceIdType,
    /// ConnectionDeviceID and the LocalConnectionState of that connection.
    connection: (Option<Str<'a>>, LocalConnectionState),
    /// Other devices the event names, with the state their connection is now known to be in.
    others: [(Option<Str<'a>>, LocalConnectionState); 2],
    /// The call's state after the event.
    state: Option<CallState>,
    /// The call data the event carries.
    data: Option<&'m Floating<'a>>,
    /// CallType, for the events that carry it.
    call_type: Option<CallType>,
}

impl<'a> CallFacts<'_, 'a> {
    fn new(
        peripheral_id: u32,
        call_id: u32,
        device_id_type: ConnectionDeviceIdType,
        connection: Option<Str<'a>>,
        lcs: LocalConnectionState,
        state: CallState,
    ) -> Self {
        CallFacts {
            peripheral_id,
            call_id,
            device_id_type,
            connection: (connection, lcs),
            others: [(None, LocalConnectionState::NONE); 2],
            state: Some(state),
            data: None,
            call_type: None,
        }
    }
}

const NONE: LocalConnectionState = LocalConnectionState::NONE;

/// The facts every call event with a ConnectionCallID and a LocalConnectionState carries, the
/// same fields in each message type, read from event `e`.
macro_rules! facts {
    ($e:ident, $state:expr) => {
        CallFacts::new(
            $e.peripheral_id,
            $e.connection_call_id,
            $e.connection_device_id_type,
            $e.connection_device_id(),
            $e.local_connection_state,
            $state,
        )
    };
}

impl<const AGENTS: usize, const CALLS: usize, const GROUPS: usize, const ECC: usize>
    Model<AGENTS, CALLS, GROUPS, ECC>
{
    /// Folds one received message into the model at `now` and says what changed.
    ///
    /// Messages the model does not fold change nothing. A table without room for what the
    /// message adds is reported as [`Change::Dropped`]; the rest of the message is still
    /// folded. Never panics.
    pub fn apply(&mut self, now: Instant, message: &Message<'_>) -> Changes {
        let mut ch = Changes::default();
        match message {
            Message::AgentStateEvent(e) => self.agent_state(now, e, &mut ch),
            Message::BeginCallEvent(e) => {
                let mut f = CallFacts::new(
                    e.peripheral_id,
                    e.connection_call_id,
                    e.connection_device_id_type,
                    e.connection_device_id(),
                    NONE,
                    CallState::Begun,
                );
                f.state = None;
                f.data = Some(&e.floating);
                f.call_type = Some(e.call_type);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallDataUpdateEvent(e) => {
                let mut f = CallFacts::new(
                    e.peripheral_id,
                    e.connection_call_id,
                    e.connection_device_id_type,
                    e.connection_device_id(),
                    NONE,
                    CallState::Begun,
                );
                f.state = None;
                f.data = Some(&e.floating);
                f.call_type = Some(e.call_type);
                self.call_event(now, &f, &mut ch);
                let from = CallKey {
                    peripheral_id: e.peripheral_id,
                    call_id: e.connection_call_id,
                };
                let to = CallKey {
                    call_id: e.new_connection_call_id,
                    ..from
                };
                if to != from && to.call_id != NULL_CALL_ID && self.call(to).is_none() {
                    if let Some(call) = self.calls.iter_mut().find(|c| c.key == from) {
                        call.key = to;
                        call.device_id_type = e.new_connection_device_id_type;
                        ch.push(Change::CallIdChanged { from, to });
                    }
                }
            }
            Message::CallDeliveredEvent(e) => {
                let mut f = facts!(e, CallState::Alerting);
                f.others = [
                    (e.alerting_device_id(), LocalConnectionState::ALERTING),
                    (e.calling_device_id(), NONE),
                ];
                f.data = Some(&e.floating);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallEstablishedEvent(e) => {
                let mut f = facts!(e, CallState::Connected);
                f.others = [
                    (e.answering_device_id(), LocalConnectionState::CONNECT),
                    (e.calling_device_id(), NONE),
                ];
                self.call_event(now, &f, &mut ch);
            }
            Message::CallHeldEvent(e) => {
                let mut f = facts!(e, CallState::Held);
                f.others[0] = (e.holding_device_id(), LocalConnectionState::HOLD);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallRetrievedEvent(e) => {
                let mut f = facts!(e, CallState::Connected);
                f.others[0] = (e.retrieving_device_id(), LocalConnectionState::CONNECT);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallOriginatedEvent(e) => {
                let mut f = facts!(e, CallState::Initiated);
                f.others = [(e.calling_device_id(), NONE), (e.called_device_id(), NONE)];
                self.call_event(now, &f, &mut ch);
            }
            Message::CallServiceInitiatedEvent(e) => {
                let mut f = facts!(e, CallState::Initiated);
                f.others[0] = (e.calling_device_id(), NONE);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallReachedNetworkEvent(e) => {
                let mut f = facts!(e, CallState::Initiated);
                f.others[0] = (e.called_device_id(), NONE);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallQueuedEvent(e) => {
                let f = facts!(e, CallState::Queued);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallDequeuedEvent(e) => {
                let f = facts!(e, CallState::Alerting);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallDivertedEvent(e) => {
                let mut f = facts!(e, CallState::Alerting);
                f.others[0] = (e.called_device_id(), LocalConnectionState::ALERTING);
                self.call_event(now, &f, &mut ch);
                let key = CallKey {
                    peripheral_id: e.peripheral_id,
                    call_id: e.connection_call_id,
                };
                if let Some(d) = e.diverting_device_id() {
                    self.remove_party(key, d, &mut ch);
                }
            }
            Message::CallFailedEvent(e) => {
                let f = facts!(e, CallState::Failed);
                self.call_event(now, &f, &mut ch);
            }
            Message::CallConnectionClearedEvent(e) => {
                let key = CallKey {
                    peripheral_id: e.peripheral_id,
                    call_id: e.connection_call_id,
                };
                if let Some(d) = e.connection_device_id() {
                    self.remove_party(key, d, &mut ch);
                }
            }
            Message::CallClearedEvent(e) => {
                let key = CallKey {
                    peripheral_id: e.peripheral_id,
                    call_id: e.connection_call_id,
                };
                if let Some(call) = self.calls.iter_mut().find(|c| c.key == key) {
                    set_state(call, now, CallState::Cleared, &mut ch);
                    if !call.parties.is_empty() {
                        call.parties.clear();
                        ch.push(Change::CallPartiesChanged { call: key });
                    }
                }
            }
            Message::EndCallEvent(e) => {
                let key = CallKey {
                    peripheral_id: e.peripheral_id,
                    call_id: e.connection_call_id,
                };
                if let Some(i) = self.calls.iter().position(|c| c.key == key) {
                    self.calls.remove(i);
                    ch.push(Change::CallEnded { call: key });
                }
            }
            Message::CallTransferredEvent(e) => {
                let parties = e.parties().filter_map(|p| p.connected_party_device_id());
                self.joined(
                    now,
                    e.peripheral_id,
                    e.primary_call_id,
                    e.primary_device_id_type,
                    parties,
                    &mut ch,
                );
            }
            Message::CallConferencedEvent(e) => {
                let parties = e.parties().filter_map(|p| p.connected_party_device_id());
                self.joined(
                    now,
                    e.peripheral_id,
                    e.primary_call_id,
                    e.primary_device_id_type,
                    parties,
                    &mut ch,
                );
            }
            _ => {}
        }
        ch
    }

    fn agent_state(&mut self, now: Instant, e: &AgentStateEvent<'_>, ch: &mut Changes) {
        let id = e.agent_id().filter(|s| !s.is_empty());
        let instrument = e.agent_instrument().filter(|s| !s.is_empty());
        let extension = e.agent_extension().filter(|s| !s.is_empty());
        let found = self.agents.iter().position(|a| {
            a.peripheral_id == e.peripheral_id
                && match (id, instrument, extension) {
                    (Some(id), _, _) if !a.agent_id.is_empty() => {
                        a.agent_id.eq_bytes(id.as_bytes())
                    }
                    (_, Some(i), _) if !a.instrument.is_empty() => {
                        a.instrument.eq_bytes(i.as_bytes())
                    }
                    (_, _, Some(x)) if !a.extension.is_empty() => {
                        a.extension.eq_bytes(x.as_bytes())
                    }
                    _ => false,
                }
        });
        let index = match found {
            Some(i) => i,
            None => {
                if id.is_none() && instrument.is_none() && extension.is_none() {
                    return;
                }
                let agent = Agent {
                    peripheral_id: e.peripheral_id,
                    agent_id: Text::new(),
                    extension: Text::new(),
                    instrument: Text::new(),
                    icm_agent_id: e.icm_agent_id,
                    state: AgentState::UNKNOWN,
                    since: now,
                    reason_code: 0,
                    skills: heapless::Vec::new(),
                };
                if self.agents.push(agent).is_err() {
                    ch.push(Change::Dropped(ModelFull {
                        table: Table::Agents,
                    }));
                    return;
                }
                let i = self.agents.len() - 1;
                ch.push(Change::AgentAdded {
                    agent: AgentRef(u16::try_from(i).unwrap_or(u16::MAX)),
                });
                i
            }
        };
        let r = AgentRef(u16::try_from(index).unwrap_or(u16::MAX));
        let Some(agent) = self.agents.get_mut(index) else {
            return;
        };
        if let Some(id) = id {
            agent.agent_id = Text::from_str_view(id);
        }
        if let Some(i) = instrument {
            agent.instrument = Text::from_str_view(i);
        }
        if let Some(x) = extension {
            agent.extension = Text::from_str_view(x);
        }
        agent.icm_agent_id = e.icm_agent_id;
        if agent.state != e.agent_state {
            let from = agent.state;
            agent.state = e.agent_state;
            agent.since = now;
            agent.reason_code = e.event_reason_code;
            ch.push(Change::AgentStateChanged {
                agent: r,
                from,
                to: e.agent_state,
            });
        }
        let mut skills_changed = false;
        let mut full = None;
        let mut seen: heapless::Vec<(u32, u32), { super::MAX_AGENT_SKILL_GROUPS }> =
            heapless::Vec::new();
        let mut upsert = |agent: &mut Agent, s: AgentSkill| {
            match agent.skills.iter_mut().find(|k| k.number == s.number) {
                Some(k) if *k == s => {}
                Some(k) => {
                    *k = s;
                    skills_changed = true;
                }
                None => {
                    if agent.skills.push(s).is_err() {
                        full = Some(Table::AgentSkillGroups);
                        return;
                    }
                    skills_changed = true;
                }
            }
            let _ = seen.push((s.number, s.id));
        };
        if e.num_flt_skill_groups == 0 {
            if e.skill_group_number != NULL_SKILL_GROUP {
                upsert(
                    agent,
                    AgentSkill {
                        number: e.skill_group_number,
                        id: e.skill_group_id,
                        priority: e.skill_group_priority,
                        state: e.skill_group_state,
                    },
                );
            }
        } else {
            for g in e.flt_skill_groups() {
                let Some(number) = g.flt_skill_group_number() else {
                    continue;
                };
                upsert(
                    agent,
                    AgentSkill {
                        number: number as u32,
                        id: g.flt_skill_group_id().unwrap_or(0),
                        priority: g.flt_skill_group_priority().unwrap_or(0),
                        state: g.flt_skill_group_state().map_or(e.agent_state, AgentState),
                    },
                );
            }
        }
        if skills_changed {
            ch.push(Change::AgentSkillGroupsChanged { agent: r });
        }
        if let Some(table) = full {
            ch.push(Change::Dropped(ModelFull { table }));
        }
        for (number, id) in seen {
            let known = self
                .groups
                .iter()
                .any(|g| g.peripheral_id == e.peripheral_id && g.number == number);
            if !known
                && self
                    .groups
                    .push(SkillGroup {
                        peripheral_id: e.peripheral_id,
                        number,
                        id,
                    })
                    .is_err()
            {
                ch.push(Change::Dropped(ModelFull {
                    table: Table::SkillGroups,
                }));
                break;
            }
        }
    }

    /// The call `key`, added if new (reporting [`Change::CallStarted`] or, without room,
    /// [`Change::Dropped`]).
    fn call_or_insert(
        &mut self,
        now: Instant,
        key: CallKey,
        device_id_type: ConnectionDeviceIdType,
        ch: &mut Changes,
    ) -> Option<&mut Call<ECC>> {
        if key.call_id == NULL_CALL_ID {
            return None;
        }
        let i = match self.calls.iter().position(|c| c.key == key) {
            Some(i) => i,
            None => {
                let call = Call {
                    key,
                    device_id_type,
                    state: CallState::Begun,
                    started: now,
                    since: now,
                    call_type: CallType::NONE,
                    ani: Text::new(),
                    dnis: Text::new(),
                    dialed_number: Text::new(),
                    caller_entered_digits: Text::new(),
                    variables: Default::default(),
                    named: heapless::Vec::new(),
                    parties: heapless::Vec::new(),
                };
                if self.calls.push(call).is_err() {
                    ch.push(Change::Dropped(ModelFull {
                        table: Table::Calls,
                    }));
                    return None;
                }
                ch.push(Change::CallStarted { call: key });
                self.calls.len() - 1
            }
        };
        self.calls.get_mut(i)
    }

    fn call_event(&mut self, now: Instant, f: &CallFacts<'_, '_>, ch: &mut Changes) {
        let key = CallKey {
            peripheral_id: f.peripheral_id,
            call_id: f.call_id,
        };
        let Some(call) = self.call_or_insert(now, key, f.device_id_type, ch) else {
            return;
        };
        let mut parties_changed = false;
        let mut full = false;
        for (device, lcs) in core::iter::once(&f.connection).chain(f.others.iter()) {
            if let Some(d) = device {
                match set_party(call, *d, *lcs) {
                    Ok(changed) => parties_changed |= changed,
                    Err(()) => full = true,
                }
            }
        }
        if let Some(state) = f.state {
            set_state(call, now, state, ch);
        }
        if parties_changed {
            ch.push(Change::CallPartiesChanged { call: key });
        }
        if full {
            ch.push(Change::Dropped(ModelFull {
                table: Table::Parties,
            }));
        }
        let mut data_changed = false;
        if let Some(t) = f.call_type {
            if t != call.call_type {
                call.call_type = t;
                data_changed = true;
            }
        }
        let mut ecc_full = false;
        if let Some(data) = f.data {
            let (changed, full) = merge_data(call, data);
            data_changed |= changed;
            ecc_full = full;
        }
        if data_changed {
            ch.push(Change::CallDataChanged { call: key });
        }
        if ecc_full {
            ch.push(Change::Dropped(ModelFull {
                table: Table::NamedVariables,
            }));
        }
    }

    fn remove_party(&mut self, key: CallKey, device: Str<'_>, ch: &mut Changes) {
        if let Some(call) = self.calls.iter_mut().find(|c| c.key == key) {
            if let Some(i) = call
                .parties
                .iter()
                .position(|p| p.device_id.eq_bytes(device.as_bytes()))
            {
                call.parties.remove(i);
                ch.push(Change::CallPartiesChanged { call: key });
            }
        }
    }

    /// A transfer or conference: the primary call is connected and has the listed parties.
    fn joined<'a>(
        &mut self,
        now: Instant,
        peripheral_id: u32,
        call_id: u32,
        device_id_type: ConnectionDeviceIdType,
        parties: impl Iterator<Item = Str<'a>>,
        ch: &mut Changes,
    ) {
        let key = CallKey {
            peripheral_id,
            call_id,
        };
        let Some(call) = self.call_or_insert(now, key, device_id_type, ch) else {
            return;
        };
        let mut list: heapless::Vec<Party, { super::MAX_CALL_PARTIES }> = heapless::Vec::new();
        let mut full = false;
        for d in parties {
            let state = call
                .parties
                .iter()
                .find(|p| p.device_id.eq_bytes(d.as_bytes()))
                .map_or(LocalConnectionState::CONNECT, |p| {
                    if p.state == LocalConnectionState::HOLD {
                        LocalConnectionState::CONNECT
                    } else {
                        p.state
                    }
                });
            if list
                .push(Party {
                    device_id: DeviceText::from_str_view(d),
                    state,
                })
                .is_err()
            {
                full = true;
            }
        }
        set_state(call, now, CallState::Connected, ch);
        if call.parties != list {
            call.parties = list;
            ch.push(Change::CallPartiesChanged { call: key });
        }
        if full {
            ch.push(Change::Dropped(ModelFull {
                table: Table::Parties,
            }));
        }
    }
}

fn set_state<const ECC: usize>(
    call: &mut Call<ECC>,
    now: Instant,
    state: CallState,
    ch: &mut Changes,
) {
    if call.state != state {
        let from = call.state;
        call.state = state;
        call.since = now;
        ch.push(Change::CallStateChanged {
            call: call.key,
            from,
            to: state,
        });
    }
}

/// Adds or updates the party at `device`; `Ok(true)` when something changed, `Err` when the
/// party list is full.
fn set_party<const ECC: usize>(
    call: &mut Call<ECC>,
    device: Str<'_>,
    lcs: LocalConnectionState,
) -> Result<bool, ()> {
    if device.is_empty() {
        return Ok(false);
    }
    if let Some(p) = call
        .parties
        .iter_mut()
        .find(|p| p.device_id.eq_bytes(device.as_bytes()))
    {
        if lcs != LocalConnectionState::NONE && p.state != lcs {
            p.state = lcs;
            return Ok(true);
        }
        return Ok(false);
    }
    call.parties
        .push(Party {
            device_id: DeviceText::from_str_view(device),
            state: lcs,
        })
        .map(|()| true)
        .map_err(|_| ())
}

/// Copies the call data fields `data` carries into `call`: (changed, ECC table full).
fn merge_data<const ECC: usize>(call: &mut Call<ECC>, data: &Floating<'_>) -> (bool, bool) {
    let mut changed = false;
    fn put<const N: usize>(slot: &mut Text<N>, v: Option<Str<'_>>, changed: &mut bool) {
        if let Some(v) = v {
            let t = Text::from_str_view(v);
            if *slot != t {
                *slot = t;
                *changed = true;
            }
        }
    }
    put(&mut call.ani, data.get(tag::ANI), &mut changed);
    put(&mut call.dnis, data.get(tag::DNIS), &mut changed);
    put(
        &mut call.dialed_number,
        data.get(tag::DIALED_NUMBER),
        &mut changed,
    );
    put(
        &mut call.caller_entered_digits,
        data.get(tag::CED),
        &mut changed,
    );
    for (slot, t) in call.variables.iter_mut().zip(CALL_VARIABLES) {
        if let Some(v) = data.get(t) {
            let v = Text::from_str_view(v);
            if slot.as_ref() != Some(&v) {
                *slot = Some(v);
                changed = true;
            }
        }
    }
    let mut full = false;
    let vars = data
        .all(tag::NAMED_VARIABLE)
        .map(|v| (v.name, None, v.value));
    let arrays = data
        .all(tag::NAMED_ARRAY)
        .map(|v| (v.name, Some(v.index), v.value));
    for (name, index, value) in vars.chain(arrays) {
        let value = Text::from_str_view(value);
        match call
            .named
            .iter_mut()
            .find(|n| n.index == index && n.name.eq_bytes(name.as_bytes()))
        {
            Some(n) if n.value == value => {}
            Some(n) => {
                n.value = value;
                changed = true;
            }
            None => {
                let entry = NamedValue {
                    name: Text::from_str_view(name),
                    index,
                    value,
                };
                if call.named.push(entry).is_err() {
                    full = true;
                } else {
                    changed = true;
                }
            }
        }
    }
    (changed, full)
}
