//! Call events (spec §3.10–3.15): the life of a call as a bridge sees it.

use super::codes::{
    AgentGreetingEventCode, CallType, ConnectionDeviceIdType, DeviceIdType, EventCause, LineType,
    LocalConnectionState, PeripheralType,
};
use super::message::{call_data, call_event, group, message, opaque};

group! {
    /// One CTI client that has handled the call: its signature and when (BEGIN_CALL_EVENT,
    /// CALL_DATA_UPDATE_EVENT; NumCTIClients of them).
    pub struct CtiClient "CTIClients" {
        cti_client_signature: CTI_CLIENT_SIGNATURE => String "CTIClientSignature",
        cti_client_timestamp: CTI_CLIENT_TIMESTAMP => Time "CTIClientTimestamp",
    }
}

message! {
    /// BEGIN_CALL_EVENT (23): a call enters the view of the session, with its call data
    /// (spec §3.10).
    BeginCallEvent = BEGIN_CALL_EVENT(23) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        peripheral_type: PeripheralType => "PeripheralType",
        num_cti_clients: u16 => "NumCTIClients",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
        call_type: CallType => "CallType",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
        called_party_disposition: u16 => "CalledPartyDisposition",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        /// v14 and later.
        call_reference_id: CALL_REFERENCE_ID => Unspec "CallReferenceID",
    }
    with call_data;
    groups {
        /// The CTI clients that have handled the call.
        cti_clients: CtiClient,
    }
}

message! {
    /// END_CALL_EVENT (24): the call leaves the session's view (spec §3.11).
    EndCallEvent = END_CALL_EVENT(24) {
        ..call_event,
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
    }
}

message! {
    /// CALL_DATA_UPDATE_EVENT (25): the call's data changed (spec §3.15).
    CallDataUpdateEvent = CALL_DATA_UPDATE_EVENT(25) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        peripheral_type: PeripheralType => "PeripheralType",
        num_cti_clients: u16 => "NumCTIClients",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
        call_type: CallType => "CallType",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
        new_connection_device_id_type: ConnectionDeviceIdType => "NewConnectionDeviceIDType",
        new_connection_call_id: u32 => "NewConnectionCallID",
        called_party_disposition: u16 => "CalledPartyDisposition",
        campaign_id: u32 => "CampaignID",
        query_rule_id: u32 => "QueryRuleID",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        new_connection_device_id: NEW_CONNECTION_DEVID => String "NewConnectionDeviceID",
        customer_phone_number: CUSTOMER_PHONE_NUMBER => String "CustomerPhoneNumber",
        customer_account_number: CUSTOMER_ACCOUNT_NUMBER => String "CustomerAccountNumber",
        call_reference_id: CALL_REFERENCE_ID => Unspec "CallReferenceID",
    }
    with call_data;
    groups {
        /// The CTI clients that have handled the call.
        cti_clients: CtiClient,
    }
}

group! {
    /// One party of a conference or transfer (CALL_CONFERENCED_EVENT, CALL_TRANSFERRED_EVENT and
    /// the CONF of the requests; NumParties of them, at most 16).
    pub struct Party "Parties" {
        connected_party_call_id: PARTY_CALLID => UInt "ConnectedPartyCallID",
        connected_party_device_id_type: PARTY_DEVID_TYPE => UShort "ConnectedPartyDeviceIDType"
            as ConnectionDeviceIdType,
        connected_party_device_id: PARTY_DEVID => String "ConnectedPartyDeviceID",
    }
}

group! {
    /// One skill group a call is queued for (CALL_QUEUED_EVENT, CALL_DEQUEUED_EVENT;
    /// NumSkillGroups of them).
    pub struct QueuedSkillGroup "SkillGroups" {
        skill_group_number: SKILL_GROUP_NUMBER => Int "SkillGroupNumber",
        skill_group_id: SKILL_GROUP_ID => UInt "SkillGroupID",
        skill_group_priority: SKILL_GROUP_PRIORITY => UShort "SkillGroupPriority",
    }
}

message! {
    /// CALL_DELIVERED_EVENT (9): a call arrives at a device, typically alerting an agent phone
    /// (spec §3.12). The floating list past DialedNumber is from the later guide (⚠ V15 p67 ends
    /// there).
    CallDeliveredEvent = CALL_DELIVERED_EVENT(9) {
        ..call_event,
        line_handle: u16 => "LineHandle",
        line_type: LineType => "LineType",
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        alerting_device_type: DeviceIdType => "AlertingDeviceType",
        calling_device_type: DeviceIdType => "CallingDeviceType",
        called_device_type: DeviceIdType => "CalledDeviceType",
        last_redirect_device_type: DeviceIdType => "LastRedirectDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        alerting_device_id: ALERTING_DEVID => String "AlertingDeviceID",
        calling_device_id: CALLING_DEVID => String "CallingDeviceID",
        called_device_id: CALLED_DEVID => String "CalledDeviceID",
        last_redirect_device_id: LAST_REDIRECT_DEVID => String "LastRedirectDeviceID",
        trunk_number: TRUNK_NUMBER => UInt "TrunkNumber",
        trunk_group_number: TRUNK_GROUP_NUMBER => UInt "TrunkGroupNumber",
        secondary_connection_call_id: SECONDARY_CONNECTION_CALL_ID => UInt "SecondaryConnectionCallID",
        ani_ii: ANI_II => String "ANI_II",
        call_reference_id: CALL_REFERENCE_ID => Unspec "CallReferenceID",
    }
    with call_data;
}

message! {
    /// CALL_ESTABLISHED_EVENT (10): a call is answered (spec §3.15).
    CallEstablishedEvent = CALL_ESTABLISHED_EVENT(10) {
        ..call_event,
        line_handle: u16 => "LineHandle",
        line_type: LineType => "LineType",
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        answering_device_type: DeviceIdType => "AnsweringDeviceType",
        calling_device_type: DeviceIdType => "CallingDeviceType",
        called_device_type: DeviceIdType => "CalledDeviceType",
        last_redirect_device_type: DeviceIdType => "LastRedirectDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        answering_device_id: ANSWERING_DEVID => String "AnsweringDeviceID",
        calling_device_id: CALLING_DEVID => String "CallingDeviceID",
        called_device_id: CALLED_DEVID => String "CalledDeviceID",
        last_redirect_device_id: LAST_REDIRECT_DEVID => String "LastRedirectDeviceID",
        trunk_number: TRUNK_NUMBER => UInt "TrunkNumber",
        trunk_group_number: TRUNK_GROUP_NUMBER => UInt "TrunkGroupNumber",
    }
}

message! {
    /// CALL_HELD_EVENT (11): a call is put on hold (spec §3.15).
    CallHeldEvent = CALL_HELD_EVENT(11) {
        ..call_event,
        holding_device_type: DeviceIdType => "HoldingDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        holding_device_id: HOLDING_DEVID => String "HoldingDeviceID",
    }
}

message! {
    /// CALL_RETRIEVED_EVENT (12): a held call is taken back (spec §3.15).
    CallRetrievedEvent = CALL_RETRIEVED_EVENT(12) {
        ..call_event,
        retrieving_device_type: DeviceIdType => "RetrievingDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        retrieving_device_id: RETRIEVING_DEVID => String "RetrievingDeviceID",
    }
}

message! {
    /// CALL_CLEARED_EVENT (13): the call is gone from every device (spec §3.13).
    CallClearedEvent = CALL_CLEARED_EVENT(13) {
        ..call_event,
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
    }
}

message! {
    /// CALL_CONNECTION_CLEARED_EVENT (14): one party leaves the call (spec §3.14).
    CallConnectionClearedEvent = CALL_CONNECTION_CLEARED_EVENT(14) {
        ..call_event,
        releasing_device_type: DeviceIdType => "ReleasingDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        releasing_device_id: RELEASING_DEVID => String "ReleasingDeviceID",
    }
}

message! {
    /// CALL_ORIGINATED_EVENT (15): a device starts an outgoing call (spec §3.15).
    CallOriginatedEvent = CALL_ORIGINATED_EVENT(15) {
        ..call_event,
        line_handle: u16 => "LineHandle",
        line_type: LineType => "LineType",
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        calling_device_type: DeviceIdType => "CallingDeviceType",
        called_device_type: DeviceIdType => "CalledDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        calling_device_id: CALLING_DEVID => String "CallingDeviceID",
        called_device_id: CALLED_DEVID => String "CalledDeviceID",
    }
}

message! {
    /// CALL_FAILED_EVENT (16): a call cannot be completed (spec §3.15). ⚠ One implementation omits
    /// MonitorID; this follows the spec, the later guide and the other implementation, which have
    /// it.
    // Inferred: MonitorID missing in one implementation.
    CallFailedEvent = CALL_FAILED_EVENT(16): INFERRED {
        ..call_event,
        failing_device_type: DeviceIdType => "FailingDeviceType",
        called_device_type: DeviceIdType => "CalledDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        failing_device_id: FAILING_DEVID => String "FailingDeviceID",
        called_device_id: CALLED_DEVID => String "CalledDeviceID",
    }
}

message! {
    /// CALL_CONFERENCED_EVENT (17): two calls are joined into a conference (spec §3.15).
    CallConferencedEvent = CALL_CONFERENCED_EVENT(17) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        peripheral_type: PeripheralType => "PeripheralType",
        primary_device_id_type: ConnectionDeviceIdType => "PrimaryDeviceIDType",
        primary_call_id: u32 => "PrimaryCallID",
        line_handle: u16 => "LineHandle",
        line_type: LineType => "LineType",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        /// At most 16.
        num_parties: u16 => "NumParties",
        secondary_device_id_type: ConnectionDeviceIdType => "SecondaryDeviceIDType",
        secondary_call_id: u32 => "SecondaryCallID",
        controller_device_type: DeviceIdType => "ControllerDeviceType",
        added_party_device_type: DeviceIdType => "AddedPartyDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        primary_device_id: PRIMARY_DEVID => String "PrimaryDeviceID",
        secondary_device_id: SECONDARY_DEVID => String "SecondaryDeviceID",
        controller_device_id: CONTROLLER_DEVID => String "ControllerDeviceID",
        added_party_device_id: ADDED_PARTY_DEVID => String "AddedPartyDeviceID",
    }
    groups {
        /// The parties of the conference.
        parties: Party,
    }
}

message! {
    /// CALL_TRANSFERRED_EVENT (18): a call is transferred (spec §3.15).
    CallTransferredEvent = CALL_TRANSFERRED_EVENT(18) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        peripheral_type: PeripheralType => "PeripheralType",
        primary_device_id_type: ConnectionDeviceIdType => "PrimaryDeviceIDType",
        primary_call_id: u32 => "PrimaryCallID",
        line_handle: u16 => "LineHandle",
        line_type: LineType => "LineType",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        /// At most 16.
        num_parties: u16 => "NumParties",
        secondary_device_id_type: ConnectionDeviceIdType => "SecondaryDeviceIDType",
        secondary_call_id: u32 => "SecondaryCallID",
        transferring_device_type: DeviceIdType => "TransferringDeviceType",
        transferred_device_type: DeviceIdType => "TransferredDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        primary_device_id: PRIMARY_DEVID => String "PrimaryDeviceID",
        secondary_device_id: SECONDARY_DEVID => String "SecondaryDeviceID",
        transferring_device_id: TRANSFERRING_DEVID => String "TransferringDeviceID",
        transferred_device_id: TRANSFERRED_DEVID => String "TransferredDeviceID",
    }
    groups {
        /// The parties of the call after the transfer.
        parties: Party,
    }
}

message! {
    /// CALL_DIVERTED_EVENT (19): a call is redirected away from a device (spec §3.15).
    CallDivertedEvent = CALL_DIVERTED_EVENT(19) {
        ..call_event,
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        diverting_device_type: DeviceIdType => "DivertingDeviceType",
        called_device_type: DeviceIdType => "CalledDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        diverting_device_id: DIVERTING_DEVID => String "DivertingDeviceID",
        called_device_id: CALLED_DEVID => String "CalledDeviceID",
    }
}

message! {
    /// CALL_SERVICE_INITIATED_EVENT (20): a device goes off hook to place a call (spec §3.15).
    CallServiceInitiatedEvent = CALL_SERVICE_INITIATED_EVENT(20) {
        ..call_event,
        line_handle: u16 => "LineHandle",
        line_type: LineType => "LineType",
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        calling_device_type: DeviceIdType => "CallingDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        calling_device_id: CALLING_DEVID => String "CallingDeviceID",
    }
}

message! {
    /// CALL_QUEUED_EVENT (21): a call is queued for skill groups (spec §3.15).
    CallQueuedEvent = CALL_QUEUED_EVENT(21) {
        ..call_event,
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        queue_device_type: DeviceIdType => "QueueDeviceType",
        calling_device_type: DeviceIdType => "CallingDeviceType",
        called_device_type: DeviceIdType => "CalledDeviceType",
        last_redirect_device_type: DeviceIdType => "LastRedirectDeviceType",
        num_queued: u16 => "NumQueued",
        num_skill_groups: u16 => "NumSkillGroups",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        queue_device_id: QUEUE_DEVID => String "QueueDeviceID",
        calling_device_id: CALLING_DEVID => String "CallingDeviceID",
        called_device_id: CALLED_DEVID => String "CalledDeviceID",
        last_redirect_device_id: LAST_REDIRECT_DEVID => String "LastRedirectDeviceID",
    }
    groups {
        /// The skill groups the call is queued for.
        skill_groups: QueuedSkillGroup,
    }
}

message! {
    /// CALL_TRANSLATION_ROUTE_EVENT (22): call data for a translation-routed call (spec §3.15).
    CallTranslationRouteEvent = CALL_TRANSLATION_ROUTE_EVENT(22) {
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
    }
    with call_data;
}

message! {
    /// CALL_REACHED_NETWORK_EVENT (34): an outbound call leaves the switch for the network (spec
    /// §3.15).
    CallReachedNetworkEvent = CALL_REACHED_NETWORK_EVENT(34) {
        ..call_event,
        line_handle: u16 => "LineHandle",
        line_type: LineType => "LineType",
        trunk_used_device_type: DeviceIdType => "TrunkUsedDeviceType",
        called_device_type: DeviceIdType => "CalledDeviceType",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        trunk_used_device_id: TRUNK_USED_DEVID => String "TrunkUsedDeviceID",
        called_device_id: CALLED_DEVID => String "CalledDeviceID",
    }
}

message! {
    /// CALL_DEQUEUED_EVENT (86): a call leaves a queue (spec §3.15).
    CallDequeuedEvent = CALL_DEQUEUED_EVENT(86) {
        ..call_event,
        queue_device_type: DeviceIdType => "QueueDeviceType",
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        num_queued: u16 => "NumQueued",
        num_skill_groups: u16 => "NumSkillGroups",
        local_connection_state: LocalConnectionState => "LocalConnectionState",
        event_cause: EventCause => "EventCause",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        queue_device_id: QUEUE_DEVID => String "QueueDeviceID",
        /// ⚠ Size not found; read by its length.
        dequeue_type: DEQUEUE_TYPE => Num "DequeueType",
    }
    groups {
        /// The skill groups the call left.
        skill_groups: QueuedSkillGroup,
    }
}

message! {
    /// CALL_ATTRIBUTE_CHANGE_EVENT (240, v14+): a call's call type or service changed. ⚠ Fixed part
    /// from the one implementation that lists it (no ConnectionCallID there); the v15 page was not
    /// seen.
    // Inferred: one implementation only.
    CallAttributeChangeEvent = CALL_ATTRIBUTE_CHANGE_EVENT(240): INFERRED {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        peripheral_type: PeripheralType => "PeripheralType",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        call_type_id: u32 => "CallTypeID",
        service_number: u32 => "ServiceNumber",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
    }
}

message! {
    /// CALL_AGENT_GREETING_EVENT (248, new in v15): an agent greeting started, ended or failed
    /// (spec §3.15). ⚠ GreetingType (STRING 32, required) has no known tag number: it stays in the
    /// raw floating part.
    CallAgentGreetingEvent = CALL_AGENT_GREETING_EVENT(248) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
        event_code: AgentGreetingEventCode => "EventCode",
        /// Only for EventCode 2 (failed); else 0.
        peripheral_error_code: u32 => "PeripheralErrorCode",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        /// Required.
        agent_id: AGENT_ID => String "AgentID",
    }
}

opaque! {
    /// CALL_TERMINATION_EVENT (247): "not supported by CTI Server" (spec §2); reserved in later
    /// guides.
    CallTerminationEvent = CALL_TERMINATION_EVENT(247);
}
