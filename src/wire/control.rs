//! Call control requests and their confirmations (spec §3.21): what a client asks the
//! peripheral to do with a call, and the snapshots and device queries around them. A failure
//! comes back as FAILURE_CONF or CONTROL_FAILURE_CONF with the request's InvokeID.

use super::call::{CtiClient, Party};
use super::codes::{
    CallType, ConnectionDeviceIdType, DeviceIdType, LineType, LocalConnectionState, PeripheralType,
};
use super::message::{
    call_data, call_placement, call_request, dial_codes, group, message, same_layout,
};
use super::{Bool, InvokeId};

group! {
    /// One line of a device (QUERY_DEVICE_INFO_CONF; NumLines of them).
    pub struct DeviceLine "Lines" {
        line_handle: LINE_HANDLE => UShort "LineHandle",
        line_type: LINE_TYPE => UShort "LineType",
    }
}

group! {
    /// One device on a call (SNAPSHOT_CALL_CONF; NumCallDevices of them).
    pub struct CallDevice "CallDevices" {
        call_device_id_type: CALL_DEVID_TYPE => UShort "CallDeviceIDType" as DeviceIdType,
        call_device_id: CALL_DEVID => String "CallDeviceID",
        call_device_connection_state: CALL_DEV_CONN_STATE => UShort "CallDeviceConnectionState"
            as LocalConnectionState,
    }
}

group! {
    /// One call at a device (SNAPSHOT_DEVICE_CONF; NumCalls of them).
    pub struct DeviceCall "Calls" {
        call_connection_call_id: CALL_CONN_CALLID => UInt "CallConnectionCallID",
        call_connection_device_id_type: CALL_CONN_DEVID_TYPE => UShort "CallConnectionDeviceIDType"
            as ConnectionDeviceIdType,
        call_connection_device_id: CALL_CONN_DEVID => String "CallConnectionDeviceID",
        call_state: CALL_STATE => UShort "CallState" as LocalConnectionState,
    }
}

message! {
    /// SET_CALL_DATA_REQ (26): sets a call's call variables and expanded call context.
    SetCallDataReq = SET_CALL_DATA_REQ(26): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
        call_type: CallType => "CallType",
        called_party_disposition: u16 => "CalledPartyDisposition",
        campaign_id: u32 => "CampaignID",
        query_rule_id: u32 => "QueryRuleID",
    }
    floating {
        /// Identifies the call.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        customer_phone_number: CUSTOMER_PHONE_NUMBER => String "CustomerPhoneNumber",
        customer_account_number: CUSTOMER_ACCOUNT_NUMBER => String "CustomerAccountNumber",
    }
    with call_data;
}

same_layout! {
    /// SET_CALL_DATA_CONF (27): SET_CALL_DATA_REQ succeeded.
    SetCallDataConf = SET_CALL_DATA_CONF(27);
    /// RELEASE_CALL_CONF (29): RELEASE_CALL_REQ succeeded.
    ReleaseCallConf = RELEASE_CALL_CONF(29);
    /// ALTERNATE_CALL_CONF (41): ALTERNATE_CALL_REQ succeeded.
    AlternateCallConf = ALTERNATE_CALL_CONF(41);
    /// ANSWER_CALL_CONF (43): ANSWER_CALL_REQ succeeded.
    AnswerCallConf = ANSWER_CALL_CONF(43);
    /// CLEAR_CALL_CONF (45): CLEAR_CALL_REQ succeeded.
    ClearCallConf = CLEAR_CALL_CONF(45);
    /// CLEAR_CONNECTION_CONF (47): CLEAR_CONNECTION_REQ succeeded.
    ClearConnectionConf = CLEAR_CONNECTION_CONF(47);
    /// DEFLECT_CALL_CONF (53): DEFLECT_CALL_REQ succeeded.
    DeflectCallConf = DEFLECT_CALL_CONF(53);
    /// HOLD_CALL_CONF (55): HOLD_CALL_REQ succeeded.
    HoldCallConf = HOLD_CALL_CONF(55);
    /// RECONNECT_CALL_CONF (61): RECONNECT_CALL_REQ succeeded.
    ReconnectCallConf = RECONNECT_CALL_CONF(61);
    /// RETRIEVE_CALL_CONF (63): RETRIEVE_CALL_REQ succeeded.
    RetrieveCallConf = RETRIEVE_CALL_CONF(63);
    /// SEND_DTMF_SIGNAL_CONF (92): SEND_DTMF_SIGNAL_REQ succeeded.
    SendDtmfSignalConf = SEND_DTMF_SIGNAL_CONF(92);
    /// SET_APP_DATA_CONF (130): SET_APP_DATA_REQ succeeded.
    SetAppDataConf = SET_APP_DATA_CONF(130);
    /// BAD_CALL_CONF (140): BAD_CALL_REQ succeeded.
    BadCallConf = BAD_CALL_CONF(140);
    /// SET_DEVICE_ATTRIBUTES_CONF (142): SET_DEVICE_ATTRIBUTES_REQ succeeded.
    SetDeviceAttributesConf = SET_DEVICE_ATTRIBUTES_CONF(142);
    => {
        {
            invoke_id: InvokeId => "InvokeID",
        }
    }
}

message! {
    /// RELEASE_CALL_REQ (28): the client is done with a call's data.
    ReleaseCallReq = RELEASE_CALL_REQ(28): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
    }
    floating {
        /// Identifies the call.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
    }
}

message! {
    /// ALTERNATE_CALL_REQ (40): holds the active call and retrieves the held one.
    AlternateCallReq = ALTERNATE_CALL_REQ(40): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        active_connection_call_id: u32 => "ActiveConnectionCallID",
        other_connection_call_id: u32 => "OtherConnectionCallID",
        active_connection_device_id_type: ConnectionDeviceIdType => "ActiveConnectionDeviceIDType",
        other_connection_device_id_type: ConnectionDeviceIdType => "OtherConnectionDeviceIDType",
    }
    floating {
        active_connection_device_id: ACTIVE_CONN_DEVID => String "ActiveConnectionDeviceID",
        other_connection_device_id: OTHER_CONN_DEVID => String "OtherConnectionDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

same_layout! {
    /// ANSWER_CALL_REQ (42): answers an alerting call.
    AnswerCallReq = ANSWER_CALL_REQ(42): CLIENT_REQUEST;
    /// CLEAR_CALL_REQ (44): releases every party of a call.
    ClearCallReq = CLEAR_CALL_REQ(44): CLIENT_REQUEST;
    /// CLEAR_CONNECTION_REQ (46): releases one party of a call.
    ClearConnectionReq = CLEAR_CONNECTION_REQ(46): CLIENT_REQUEST;
    => {
        {
            ..call_request,
        }
        floating {
            /// Required.
            connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
            agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        }
    }
}

message! {
    /// CONFERENCE_CALL_REQ (48): joins a held and an active call, or places a single-step
    /// conference.
    ConferenceCallReq = CONFERENCE_CALL_REQ(48): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        held_connection_call_id: u32 => "HeldConnectionCallID",
        active_connection_call_id: u32 => "ActiveConnectionCallID",
        held_connection_device_id_type: ConnectionDeviceIdType => "HeldConnectionDeviceIDType",
        active_connection_device_id_type: ConnectionDeviceIdType => "ActiveConnectionDeviceIDType",
        ..call_placement
    }
    floating {
        held_connection_device_id: HELD_CONN_DEVID => String "HeldConnectionDeviceID",
        active_connection_device_id: ACTIVE_CONN_DEVID => String "ActiveConnectionDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
    with call_data, dial_codes;
}

same_layout! {
    /// CONFERENCE_CALL_CONF (49): the conference call and its parties.
    ConferenceCallConf = CONFERENCE_CALL_CONF(49);
    /// TRANSFER_CALL_CONF (65): the call after the transfer and its parties.
    TransferCallConf = TRANSFER_CALL_CONF(65);
    => {
        {
            invoke_id: InvokeId => "InvokeID",
            new_connection_call_id: u32 => "NewConnectionCallID",
            new_connection_device_id_type: ConnectionDeviceIdType => "NewConnectionDeviceIDType",
            num_parties: u16 => "NumParties",
            line_handle: u16 => "LineHandle",
            line_type: LineType => "LineType",
        }
        floating {
            new_connection_device_id: NEW_CONNECTION_DEVID => String "NewConnectionDeviceID",
        }
        groups {
            /// The parties of the call.
            parties: Party,
        }
    }
}

message! {
    /// CONSULTATION_CALL_REQ (50): holds the active call and calls a consult destination.
    ConsultationCallReq = CONSULTATION_CALL_REQ(50): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        active_connection_call_id: u32 => "ActiveConnectionCallID",
        active_connection_device_id_type: ConnectionDeviceIdType => "ActiveConnectionDeviceIDType",
        call_placement_type: u16 => "CallPlacementType",
        call_manner_type: u16 => "CallMannerType",
        consult_type: u16 => "ConsultType",
        alert_rings: u16 => "AlertRings",
        call_option: u16 => "CallOption",
        facility_type: u16 => "FacilityType",
        answering_machine: u16 => "AnsweringMachine",
        priority: Bool => "Priority",
        post_route: Bool => "PostRoute",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
    }
    floating {
        active_connection_device_id: ACTIVE_CONN_DEVID => String "ActiveConnectionDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
    with call_data, dial_codes;
}

same_layout! {
    /// CONSULTATION_CALL_CONF (51): the new consult call.
    ConsultationCallConf = CONSULTATION_CALL_CONF(51);
    /// MAKE_CALL_CONF (57): the new call.
    MakeCallConf = MAKE_CALL_CONF(57);
    /// MAKE_PREDICTIVE_CALL_CONF (59): the new call.
    MakePredictiveCallConf = MAKE_PREDICTIVE_CALL_CONF(59);
    => {
        {
            invoke_id: InvokeId => "InvokeID",
            new_connection_call_id: u32 => "NewConnectionCallID",
            new_connection_device_id_type: ConnectionDeviceIdType => "NewConnectionDeviceIDType",
            line_handle: u16 => "LineHandle",
            line_type: LineType => "LineType",
        }
        floating {
            new_connection_device_id: NEW_CONNECTION_DEVID => String "NewConnectionDeviceID",
        }
    }
}

message! {
    /// DEFLECT_CALL_REQ (52): sends an alerting call elsewhere.
    DeflectCallReq = DEFLECT_CALL_REQ(52): CLIENT_REQUEST {
        ..call_request,
        called_device_type: DeviceIdType => "CalledDeviceType",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        called_device_id: CALLED_DEVID => String "CalledDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// HOLD_CALL_REQ (54): puts a call on hold.
    HoldCallReq = HOLD_CALL_REQ(54): CLIENT_REQUEST {
        ..call_request,
        reservation: Bool => "Reservation",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// MAKE_CALL_REQ (56): places a call from an agent's phone (spec §3.21). The fixed part ends
    /// with a SkillGroupNumber UINT from v14 on: 28 bytes in v13, 32 from v14 (versions sheet
    /// §3.8: V24-CH's v14 changes, V25-ALI and SCALA agree; this settles the v15 sheet's ⚠).
    MakeCallReq = MAKE_CALL_REQ(56): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        call_placement_type: u16 => "CallPlacementType",
        call_manner_type: u16 => "CallMannerType",
        alert_rings: u16 => "AlertRings",
        call_option: u16 => "CallOption",
        facility_type: u16 => "FacilityType",
        answering_machine: u16 => "AnsweringMachine",
        priority: Bool => "Priority",
        post_route: Bool => "PostRoute",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
        /// The skill group the call is attributed to.
        skill_group_number: u32 => "SkillGroupNumber" @ 14..,
    }
    floating {
        /// Required.
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
    with call_data, dial_codes;
}

message! {
    /// MAKE_PREDICTIVE_CALL_REQ (58): places a call that is connected to an agent once answered.
    // Inferred: field sizes inferred.
    MakePredictiveCallReq = MAKE_PREDICTIVE_CALL_REQ(58): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        call_placement_type: u16 => "CallPlacementType",
        call_manner_type: u16 => "CallMannerType",
        alert_rings: u16 => "AlertRings",
        call_option: u16 => "CallOption",
        facility_type: u16 => "FacilityType",
        answering_machine: u16 => "AnsweringMachine",
        priority: Bool => "Priority",
        allocation_state: u16 => "AllocationState",
        destination_country: u16 => "DestinationCountry",
        answer_detect_mode: u16 => "AnswerDetectMode",
        answer_detect_time: u16 => "AnswerDetectTime",
        answer_detect_control1: u32 => "AnswerDetectControl1",
        answer_detect_control2: u32 => "AnswerDetectControl2",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
    }
    floating {
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
    with call_data, dial_codes;
}

message! {
    /// RECONNECT_CALL_REQ (60): clears the active call and retrieves the held one.
    ReconnectCallReq = RECONNECT_CALL_REQ(60): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        active_connection_call_id: u32 => "ActiveConnectionCallID",
        held_connection_call_id: u32 => "HeldConnectionCallID",
        active_connection_device_id_type: ConnectionDeviceIdType => "ActiveConnectionDeviceIDType",
        held_connection_device_id_type: ConnectionDeviceIdType => "HeldConnectionDeviceIDType",
    }
    floating {
        active_connection_device_id: ACTIVE_CONN_DEVID => String "ActiveConnectionDeviceID",
        held_connection_device_id: HELD_CONN_DEVID => String "HeldConnectionDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// RETRIEVE_CALL_REQ (62): takes a call off hold.
    RetrieveCallReq = RETRIEVE_CALL_REQ(62): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        held_connection_call_id: u32 => "HeldConnectionCallID",
        held_connection_device_id_type: ConnectionDeviceIdType => "HeldConnectionDeviceIDType",
    }
    floating {
        /// Required.
        held_connection_device_id: HELD_CONN_DEVID => String "HeldConnectionDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// TRANSFER_CALL_REQ (64): transfers a call to the consulted party, or places a single-step
    /// transfer.
    TransferCallReq = TRANSFER_CALL_REQ(64): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        active_connection_call_id: u32 => "ActiveConnectionCallID",
        held_connection_call_id: u32 => "HeldConnectionCallID",
        active_connection_device_id_type: ConnectionDeviceIdType => "ActiveConnectionDeviceIDType",
        held_connection_device_id_type: ConnectionDeviceIdType => "HeldConnectionDeviceIDType",
        ..call_placement
    }
    floating {
        active_connection_device_id: ACTIVE_CONN_DEVID => String "ActiveConnectionDeviceID",
        held_connection_device_id: HELD_CONN_DEVID => String "HeldConnectionDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
    with call_data, dial_codes;
}

message! {
    /// QUERY_DEVICE_INFO_REQ (78): asks what a device can do. ⚠ The reserved field is taken as
    /// the 4-byte Reserved1 of the one implementation that lists it.
    // Inferred: the reserved field's size.
    QueryDeviceInfoReq = QUERY_DEVICE_INFO_REQ(78): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        /// Must be 0.
        reserved1: u32 => "Reserved1",
    }
    floating {
        /// Required.
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// QUERY_DEVICE_INFO_CONF (79): the device's type, lines and supported features.
    // Inferred: field sizes inferred.
    QueryDeviceInfoConf = QUERY_DEVICE_INFO_CONF(79): INFERRED {
        invoke_id: InvokeId => "InvokeID",
        peripheral_type: PeripheralType => "PeripheralType",
        type_of_device: u16 => "TypeOfDevice",
        class_of_device: u16 => "ClassOfDevice",
        num_lines: u16 => "NumLines",
        /// Must be 0.
        reserved: u16 => "Reserved",
        max_active_calls: u16 => "MaxActiveCalls",
        max_held_calls: u16 => "MaxHeldCalls",
        max_devices_in_conference: u16 => "MaxDevicesInConference",
        make_call_setup: u32 => "MakeCallSetup",
        transfer_conference_setup: u32 => "TransferConferenceSetup",
        call_events_supported: u32 => "CallEventsSupported",
        call_control_supported: u32 => "CallControlSupported",
        other_features_supported: u32 => "OtherFeaturesSupported",
    }
    groups {
        /// The device's lines.
        lines: DeviceLine,
    }
}

message! {
    /// SNAPSHOT_CALL_REQ (82): asks for a call's current data and devices.
    SnapshotCallReq = SNAPSHOT_CALL_REQ(82): CLIENT_REQUEST {
        ..call_request,
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
    }
}

message! {
    /// SNAPSHOT_CALL_CONF (83): a call's data, its CTI clients and its devices.
    SnapshotCallConf = SNAPSHOT_CALL_CONF(83) {
        invoke_id: InvokeId => "InvokeID",
        call_type: CallType => "CallType",
        num_cti_clients: u16 => "NumCTIClients",
        num_call_devices: u16 => "NumCallDevices",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
        called_party_disposition: u16 => "CalledPartyDisposition",
    }
    floating {
        customer_phone_number: CUSTOMER_PHONE_NUMBER => String "CustomerPhoneNumber",
        customer_account_number: CUSTOMER_ACCOUNT_NUMBER => String "CustomerAccountNumber",
        call_reference_id: CALL_REFERENCE_ID => Unspec "CallReferenceID",
    }
    with call_data;
    groups {
        /// The CTI clients that have handled the call.
        cti_clients: CtiClient,
        /// The devices on the call.
        call_devices: CallDevice,
    }
}

message! {
    /// SNAPSHOT_DEVICE_REQ (84): asks for the calls at a device. The device ID is kept in the raw
    /// floating part (⚠ its tag is not given by the sources at hand).
    // Inferred: the device ID's tag.
    SnapshotDeviceReq = SNAPSHOT_DEVICE_REQ(84): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        snapshot_device_type: DeviceIdType => "SnapshotDeviceType",
    }
    floating {
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// SNAPSHOT_DEVICE_CONF (85): the calls at a device.
    SnapshotDeviceConf = SNAPSHOT_DEVICE_CONF(85) {
        invoke_id: InvokeId => "InvokeID",
        num_calls: u16 => "NumCalls",
    }
    groups {
        /// The calls at the device.
        calls: DeviceCall,
    }
}

message! {
    /// SEND_DTMF_SIGNAL_REQ (91): plays DTMF tones on a call.
    // Inferred: the durations' sizes.
    SendDtmfSignalReq = SEND_DTMF_SIGNAL_REQ(91): CLIENT_REQUEST | INFERRED {
        ..call_request,
        tone_duration: u32 => "ToneDuration",
        pause_duration: u32 => "PauseDuration",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        /// Required.
        dtmf_string: DTMF_STRING => String "DTMFString",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// SET_APP_DATA_REQ (129): sets call data through the application path. ⚠ Only the InvokeID
    /// is fixed in the one implementation that lists it; the fields follow as floating call data.
    // Inferred: only the InvokeID is known fixed.
    SetAppDataReq = SET_APP_DATA_REQ(129): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
    }
    with call_data;
}

message! {
    /// BAD_CALL_REQ (139): reports a call with bad line quality.
    BadCallReq = BAD_CALL_REQ(139): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// SET_DEVICE_ATTRIBUTES_REQ (141): sets the default service and skill group of a device.
    SetDeviceAttributesReq = SET_DEVICE_ATTRIBUTES_REQ(141): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        call_type: CallType => "CallType",
        calling_device_type: DeviceIdType => "CallingDeviceType",
    }
    floating {
        calling_device_id: CALLING_DEVID => String "CallingDeviceID",
    }
}
