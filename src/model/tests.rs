//! Folding real message views into the model.

use super::*;
use crate::wire::agent::AgentStateEvent;
use crate::wire::call::{
    BeginCallEvent, CallClearedEvent, CallConnectionClearedEvent, CallDataUpdateEvent,
    CallDeliveredEvent, CallEstablishedEvent, CallHeldEvent, CallRetrievedEvent,
    CallTransferredEvent, EndCallEvent,
};
use crate::wire::codes::{
    AgentAvailabilityStatus, DeviceIdType, EventCause, LineType, PeripheralType,
};
use crate::wire::{tag, Floating, FloatingWriter, Message, NamedVar, Str, Version};
use std::vec::Vec;

const P: u32 = 5000;

fn t(s: u64) -> Instant {
    Instant::from_secs(s)
}

/// A floating part built by `f` in a leaked buffer (tests only).
fn floating(f: impl FnOnce(&mut FloatingWriter<'_>)) -> Floating<'static> {
    let buf: &'static mut [u8] = std::vec![0u8; 2048].leak();
    let mut w = FloatingWriter::new(buf, Version::V15);
    f(&mut w);
    w.finish()
}

fn agent_event(
    id: &str,
    instrument: &str,
    state: AgentState,
    groups: &[(u32, AgentState)],
) -> Message<'static> {
    let id = std::string::String::from(id).leak();
    let instrument = std::string::String::from(instrument).leak();
    let groups: Vec<(u32, AgentState)> = groups.to_vec();
    let fl = floating(|w| {
        w.put(tag::AGENT_ID, Str::from(&*id)).unwrap();
        w.put(tag::AGENT_INSTRUMENT, Str::from(&*instrument))
            .unwrap();
        for (n, s) in &groups {
            w.put(tag::SKILL_GROUP_NUMBER, *n as i32).unwrap();
            w.put(tag::SKILL_GROUP_ID, n + 100).unwrap();
            w.put(tag::SKILL_GROUP_PRIORITY, 0).unwrap();
            w.put(tag::SKILL_GROUP_STATE, s.0).unwrap();
        }
    });
    Message::AgentStateEvent(AgentStateEvent {
        monitor_id: 0,
        peripheral_id: P,
        session_id: 0,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        skill_group_state: state,
        state_duration: 0,
        skill_group_number: 0xFFFF_FFFF,
        skill_group_id: 0,
        skill_group_priority: 0,
        agent_state: state,
        event_reason_code: 0,
        mrd_id: 1,
        num_tasks: 0,
        agent_mode: 0,
        max_task_limit: 1,
        icm_agent_id: 5001,
        agent_availability_status: AgentAvailabilityStatus::NOT_AVAILABLE,
        department_id: None,
        num_flt_skill_groups: groups.len() as u16,
        floating: fl,
    })
}

fn begin(call: u32, device: &'static str) -> Message<'static> {
    let fl = floating(|w| {
        w.put(tag::CONNECTION_DEVID, Str::from(device)).unwrap();
        w.put(tag::ANI, Str::from("5551234")).unwrap();
        w.put(tag::DNIS, Str::from("8000")).unwrap();
        w.put(tag::CALL_VAR_3, Str::from("gold")).unwrap();
        w.put(
            tag::NAMED_VARIABLE,
            NamedVar {
                name: Str::from("user.lang"),
                value: Str::from("fr"),
            },
        )
        .unwrap();
    });
    Message::BeginCallEvent(BeginCallEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        num_cti_clients: 0,
        num_named_variables: 1,
        num_named_arrays: 0,
        call_type: CallType::ACD_IN,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: call,
        called_party_disposition: 0,
        floating: fl,
    })
}

fn delivered(call: u32, device: &'static str) -> Message<'static> {
    let fl = floating(|w| {
        w.put(tag::CONNECTION_DEVID, Str::from(device)).unwrap();
        w.put(tag::ALERTING_DEVID, Str::from(device)).unwrap();
        w.put(tag::CALLING_DEVID, Str::from("5551234")).unwrap();
    });
    Message::CallDeliveredEvent(CallDeliveredEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: call,
        line_handle: 0,
        line_type: LineType::INBOUND_ACD,
        service_number: 0,
        service_id: 0,
        skill_group_number: 1,
        skill_group_id: 101,
        skill_group_priority: 0,
        alerting_device_type: DeviceIdType::DEVICE_IDENTIFIER,
        calling_device_type: DeviceIdType::EXTERNAL,
        called_device_type: DeviceIdType::DEVICE_IDENTIFIER,
        last_redirect_device_type: DeviceIdType::NONE,
        local_connection_state: LocalConnectionState::ALERTING,
        event_cause: EventCause::NEW_CALL,
        num_named_variables: 0,
        num_named_arrays: 0,
        floating: fl,
    })
}

fn established(call: u32, device: &'static str) -> Message<'static> {
    let fl = floating(|w| {
        w.put(tag::CONNECTION_DEVID, Str::from(device)).unwrap();
        w.put(tag::ANSWERING_DEVID, Str::from(device)).unwrap();
    });
    Message::CallEstablishedEvent(CallEstablishedEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: call,
        line_handle: 0,
        line_type: LineType::INBOUND_ACD,
        service_number: 0,
        service_id: 0,
        skill_group_number: 1,
        skill_group_id: 101,
        skill_group_priority: 0,
        answering_device_type: DeviceIdType::DEVICE_IDENTIFIER,
        calling_device_type: DeviceIdType::EXTERNAL,
        called_device_type: DeviceIdType::DEVICE_IDENTIFIER,
        last_redirect_device_type: DeviceIdType::NONE,
        local_connection_state: LocalConnectionState::CONNECT,
        event_cause: EventCause::NONE,
        floating: fl,
    })
}

fn held(call: u32, device: &'static str) -> Message<'static> {
    let fl = floating(|w| {
        w.put(tag::CONNECTION_DEVID, Str::from(device)).unwrap();
        w.put(tag::HOLDING_DEVID, Str::from(device)).unwrap();
    });
    Message::CallHeldEvent(CallHeldEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: call,
        holding_device_type: DeviceIdType::DEVICE_IDENTIFIER,
        local_connection_state: LocalConnectionState::HOLD,
        event_cause: EventCause::NONE,
        floating: fl,
    })
}

fn retrieved(call: u32, device: &'static str) -> Message<'static> {
    let fl = floating(|w| {
        w.put(tag::CONNECTION_DEVID, Str::from(device)).unwrap();
        w.put(tag::RETRIEVING_DEVID, Str::from(device)).unwrap();
    });
    Message::CallRetrievedEvent(CallRetrievedEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: call,
        retrieving_device_type: DeviceIdType::DEVICE_IDENTIFIER,
        local_connection_state: LocalConnectionState::CONNECT,
        event_cause: EventCause::NONE,
        floating: fl,
    })
}

fn conn_cleared(call: u32, device: &'static str) -> Message<'static> {
    let fl = floating(|w| {
        w.put(tag::CONNECTION_DEVID, Str::from(device)).unwrap();
    });
    Message::CallConnectionClearedEvent(CallConnectionClearedEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: call,
        releasing_device_type: DeviceIdType::DEVICE_IDENTIFIER,
        local_connection_state: LocalConnectionState::NULL,
        event_cause: EventCause::NONE,
        floating: fl,
    })
}

fn cleared(call: u32) -> Message<'static> {
    Message::CallClearedEvent(CallClearedEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: call,
        local_connection_state: LocalConnectionState::NULL,
        event_cause: EventCause::NONE,
        floating: Floating::EMPTY,
    })
}

fn end(call: u32) -> Message<'static> {
    Message::EndCallEvent(EndCallEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: call,
        floating: Floating::EMPTY,
    })
}

fn key(call: u32) -> CallKey {
    CallKey {
        peripheral_id: P,
        call_id: call,
    }
}

fn list(c: &Changes) -> Vec<Change> {
    c.iter().copied().collect()
}

#[test]
fn agent_state_changes_are_reported_with_from_and_to() {
    let mut m: Model = Model::new();
    let c = m.apply(t(1), &agent_event("1001", "2001", AgentState::LOGIN, &[]));
    assert_eq!(
        list(&c),
        [
            Change::AgentAdded { agent: AgentRef(0) },
            Change::AgentStateChanged {
                agent: AgentRef(0),
                from: AgentState::UNKNOWN,
                to: AgentState::LOGIN
            }
        ]
    );
    let c = m.apply(
        t(5),
        &agent_event(
            "1001",
            "2001",
            AgentState::AVAILABLE,
            &[(1, AgentState::AVAILABLE), (2, AgentState::AVAILABLE)],
        ),
    );
    assert_eq!(
        list(&c),
        [
            Change::AgentStateChanged {
                agent: AgentRef(0),
                from: AgentState::LOGIN,
                to: AgentState::AVAILABLE
            },
            Change::AgentSkillGroupsChanged { agent: AgentRef(0) }
        ]
    );
    // The same state again changes nothing.
    assert!(m
        .apply(
            t(6),
            &agent_event(
                "1001",
                "2001",
                AgentState::AVAILABLE,
                &[(1, AgentState::AVAILABLE), (2, AgentState::AVAILABLE)]
            )
        )
        .is_empty());
    let (r, a) = m.agent_by_id(P, "1001").unwrap();
    assert_eq!(r, AgentRef(0));
    assert_eq!(a.instrument, "2001");
    assert_eq!(a.time_in_state(t(20)), Duration::from_secs(15));
    assert_eq!(m.agent_by_device(P, "2001").map(|(r, _)| r), Some(r));
    assert_eq!(m.agents_in(AgentState::AVAILABLE).count(), 1);
    assert_eq!(m.skill_groups().count(), 2);
    assert_eq!(
        m.skill_group_counts(P, 2)
            .unwrap()
            .get(AgentState::AVAILABLE),
        1
    );
    assert_eq!(m.skill_group_counts(P, 3), None);
    assert_eq!(m.skill_group_counts(P + 1, 1), None);
}

#[test]
fn skill_group_counts_follow_each_agents_group_state() {
    let mut m: Model = Model::new();
    m.apply(
        t(1),
        &agent_event(
            "1",
            "11",
            AgentState::AVAILABLE,
            &[(1, AgentState::AVAILABLE)],
        ),
    );
    m.apply(
        t(1),
        &agent_event(
            "2",
            "12",
            AgentState::TALKING,
            &[(1, AgentState::TALKING), (2, AgentState::TALKING)],
        ),
    );
    m.apply(
        t(1),
        &agent_event(
            "3",
            "13",
            AgentState::NOT_READY,
            &[(2, AgentState::NOT_READY)],
        ),
    );
    let g1 = m.skill_group_counts(P, 1).unwrap();
    assert_eq!(
        (
            g1.get(AgentState::AVAILABLE),
            g1.get(AgentState::TALKING),
            g1.total()
        ),
        (1, 1, 2)
    );
    let g2 = m.skill_group_counts(P, 2).unwrap();
    assert_eq!(
        (
            g2.get(AgentState::NOT_READY),
            g2.get(AgentState::TALKING),
            g2.logged_in()
        ),
        (1, 1, 2)
    );
    m.apply(
        t(2),
        &agent_event(
            "2",
            "12",
            AgentState::LOGOUT,
            &[(1, AgentState::LOGOUT), (2, AgentState::LOGOUT)],
        ),
    );
    let g2 = m.skill_group_counts(P, 2).unwrap();
    assert_eq!(
        (g2.get(AgentState::TALKING), g2.logged_in(), g2.total()),
        (0, 1, 2)
    );
}

#[test]
fn a_call_lives_from_its_first_event_to_end_call_event() {
    let mut m: Model = Model::new();
    m.apply(
        t(0),
        &agent_event("1001", "2001", AgentState::AVAILABLE, &[]),
    );
    let c = m.apply(t(1), &begin(7, "2001"));
    assert_eq!(
        list(&c),
        [
            Change::CallStarted { call: key(7) },
            Change::CallPartiesChanged { call: key(7) },
            Change::CallDataChanged { call: key(7) }
        ]
    );
    let call = m.call(key(7)).unwrap();
    assert_eq!(
        (call.state, call.call_type),
        (CallState::Begun, CallType::ACD_IN)
    );
    assert_eq!(
        (call.ani.as_str(), call.dnis.as_str()),
        (Some("5551234"), Some("8000"))
    );
    assert_eq!(call.call_variable(3).unwrap(), "gold");
    assert_eq!(call.call_variable(1), None);
    assert_eq!(call.call_variable(11), None);
    assert_eq!(call.named_variable("user.lang").unwrap(), "fr");

    let c = m.apply(t(2), &delivered(7, "2001"));
    assert_eq!(
        list(&c),
        [
            Change::CallStateChanged {
                call: key(7),
                from: CallState::Begun,
                to: CallState::Alerting
            },
            Change::CallPartiesChanged { call: key(7) },
        ]
    );
    let call = m.call(key(7)).unwrap();
    assert_eq!(
        call.party("2001").unwrap().state,
        LocalConnectionState::ALERTING
    );
    assert_eq!(
        call.party("5551234").unwrap().state,
        LocalConnectionState::NONE
    );
    assert_eq!(m.calls_of(AgentRef(0)).count(), 1);

    m.apply(t(3), &established(7, "2001"));
    assert_eq!(
        m.call(key(7)).unwrap().party("2001").unwrap().state,
        LocalConnectionState::CONNECT
    );
    let c = m.apply(t(4), &held(7, "2001"));
    assert_eq!(
        list(&c)[0],
        Change::CallStateChanged {
            call: key(7),
            from: CallState::Connected,
            to: CallState::Held
        }
    );
    assert_eq!(
        m.call(key(7)).unwrap().time_in_state(t(10)),
        Duration::from_secs(6)
    );
    m.apply(t(5), &retrieved(7, "2001"));
    assert_eq!(m.call(key(7)).unwrap().state, CallState::Connected);
    let c = m.apply(t(6), &conn_cleared(7, "5551234"));
    assert_eq!(list(&c), [Change::CallPartiesChanged { call: key(7) }]);
    assert_eq!(m.call(key(7)).unwrap().parties().len(), 1);
    m.apply(t(6), &cleared(7));
    assert_eq!(m.call(key(7)).unwrap().state, CallState::Cleared);
    assert_eq!(m.calls_of(AgentRef(0)).count(), 0);
    let c = m.apply(t(7), &end(7));
    assert_eq!(list(&c), [Change::CallEnded { call: key(7) }]);
    assert_eq!(m.call_count(), 0);
    // Events about a call no longer known change nothing.
    assert!(m.apply(t(8), &end(7)).is_empty());
    assert!(m.apply(t(8), &cleared(7)).is_empty());
}

#[test]
fn call_data_update_merges_and_a_full_ecc_table_is_reported() {
    let mut m: Model<4, 4, 4, 1> = Model::new();
    m.apply(t(1), &begin(9, "2001"));
    let fl = floating(|w| {
        w.put(tag::CALL_VAR_1, Str::from("one")).unwrap();
        w.put(
            tag::NAMED_VARIABLE,
            NamedVar {
                name: Str::from("user.lang"),
                value: Str::from("de"),
            },
        )
        .unwrap();
        w.put(
            tag::NAMED_VARIABLE,
            NamedVar {
                name: Str::from("user.other"),
                value: Str::from("x"),
            },
        )
        .unwrap();
    });
    let update = Message::CallDataUpdateEvent(CallDataUpdateEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        num_cti_clients: 0,
        num_named_variables: 2,
        num_named_arrays: 0,
        call_type: CallType::ACD_IN,
        connection_device_id_type: ConnectionDeviceIdType::STATIC,
        connection_call_id: 9,
        new_connection_device_id_type: ConnectionDeviceIdType::STATIC,
        new_connection_call_id: 9,
        called_party_disposition: 0,
        campaign_id: 0,
        query_rule_id: 0,
        floating: fl,
    });
    let c = m.apply(t(2), &update);
    assert_eq!(
        list(&c),
        [
            Change::CallDataChanged { call: key(9) },
            Change::Dropped(ModelFull {
                table: Table::NamedVariables
            })
        ]
    );
    assert_eq!(
        c.full(),
        Some(ModelFull {
            table: Table::NamedVariables
        })
    );
    let call = m.call(key(9)).unwrap();
    assert_eq!(call.call_variable(1).unwrap(), "one");
    assert_eq!(call.call_variable(3).unwrap(), "gold");
    assert_eq!(call.named_variable("user.lang").unwrap(), "de");
    assert_eq!(call.named_values().len(), 1);
}

#[test]
fn full_tables_are_reported_never_silent() {
    let mut m: Model<1, 1, 1, 1> = Model::new();
    m.apply(
        t(1),
        &agent_event(
            "1",
            "11",
            AgentState::AVAILABLE,
            &[(1, AgentState::AVAILABLE)],
        ),
    );
    let c = m.apply(t(1), &agent_event("2", "12", AgentState::AVAILABLE, &[]));
    assert_eq!(
        c.full(),
        Some(ModelFull {
            table: Table::Agents
        })
    );
    let c = m.apply(
        t(1),
        &agent_event(
            "1",
            "11",
            AgentState::AVAILABLE,
            &[(2, AgentState::AVAILABLE)],
        ),
    );
    assert_eq!(
        c.full(),
        Some(ModelFull {
            table: Table::SkillGroups
        })
    );
    assert!(m.apply(t(1), &begin(1, "11")).full().is_none());
    let c = m.apply(t(1), &begin(2, "11"));
    assert_eq!(
        list(&c),
        [Change::Dropped(ModelFull {
            table: Table::Calls
        })]
    );
    assert_eq!(m.call_count(), 1);
}

#[test]
fn a_transfer_gives_the_primary_call_the_listed_parties() {
    let mut m: Model = Model::new();
    m.apply(t(1), &delivered(1, "2001"));
    m.apply(t(2), &held(1, "2001"));
    let fl = floating(|w| {
        for d in ["5551234", "9000"] {
            w.put(tag::PARTY_CALLID, 1).unwrap();
            w.put(tag::PARTY_DEVID_TYPE, 0).unwrap();
            w.put(tag::PARTY_DEVID, Str::from(d)).unwrap();
        }
    });
    let e = Message::CallTransferredEvent(CallTransferredEvent {
        monitor_id: 0,
        peripheral_id: P,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        primary_device_id_type: ConnectionDeviceIdType::STATIC,
        primary_call_id: 1,
        line_handle: 0,
        line_type: LineType::INBOUND_ACD,
        skill_group_number: 1,
        skill_group_id: 101,
        skill_group_priority: 0,
        num_parties: 2,
        secondary_device_id_type: ConnectionDeviceIdType::STATIC,
        secondary_call_id: 2,
        transferring_device_type: DeviceIdType::DEVICE_IDENTIFIER,
        transferred_device_type: DeviceIdType::EXTERNAL,
        local_connection_state: LocalConnectionState::CONNECT,
        event_cause: EventCause::NONE,
        floating: fl,
    });
    let c = m.apply(t(3), &e);
    assert!(c
        .iter()
        .any(|c| *c == Change::CallPartiesChanged { call: key(1) }));
    let call = m.call(key(1)).unwrap();
    assert_eq!(call.state, CallState::Connected);
    let devices: Vec<_> = call
        .parties()
        .iter()
        .map(|p| p.device_id.as_str().unwrap())
        .collect();
    assert_eq!(devices, ["5551234", "9000"]);
}

#[test]
fn text_longer_than_its_bound_is_kept_cut_and_marked() {
    let t: Text<4> = Text::from_bytes(b"123456");
    assert_eq!(t.as_bytes(), b"1234");
    assert!(t.is_truncated());
    assert!(t != "1234", "a cut text equals no full value");
    let t: Text<4> = Text::from_bytes(b"12");
    assert!(!t.is_truncated());
    assert_eq!(t, "12");
}

#[test]
fn messages_the_model_does_not_fold_change_nothing() {
    let mut m: Model = Model::new();
    let conf = Message::SetAgentStateConf(crate::wire::agent::SetAgentStateConf {
        invoke_id: crate::wire::InvokeId(1),
        floating: Floating::EMPTY,
    });
    assert!(m.apply(t(1), &conf).is_empty());
    assert_eq!(m, Model::new());
}

#[test]
fn call_data_update_with_a_new_call_id_rekeys_the_call() {
    let mut m: Model = Model::new();
    m.apply(t(1), &begin(9, "2001"));
    m.apply(t(1), &begin(10, "2002"));
    let update = |new: u32| {
        Message::CallDataUpdateEvent(CallDataUpdateEvent {
            monitor_id: 0,
            peripheral_id: P,
            peripheral_type: PeripheralType::ENTERPRISE_AGENT,
            num_cti_clients: 0,
            num_named_variables: 0,
            num_named_arrays: 0,
            call_type: CallType::ACD_IN,
            connection_device_id_type: ConnectionDeviceIdType::STATIC,
            connection_call_id: 9,
            new_connection_device_id_type: ConnectionDeviceIdType::DYNAMIC,
            new_connection_call_id: new,
            called_party_disposition: 0,
            campaign_id: 0,
            query_rule_id: 0,
            floating: Floating::EMPTY,
        })
    };
    // A NewConnectionCallID already in use, or NULL_CALL_ID, leaves the key alone.
    assert!(m.apply(t(2), &update(10)).is_empty());
    assert!(m.apply(t(2), &update(0xFFFF_FFFF)).is_empty());
    let c = m.apply(t(2), &update(11));
    assert_eq!(
        list(&c),
        [Change::CallIdChanged {
            from: key(9),
            to: key(11)
        }]
    );
    assert!(m.call(key(9)).is_none());
    let call = m.call(key(11)).unwrap();
    assert_eq!(call.device_id_type, ConnectionDeviceIdType::DYNAMIC);
    assert_eq!(call.call_variable(3).unwrap(), "gold");
}
