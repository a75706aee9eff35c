//! Monitors, client sessions and the other session-level services (spec §3.21): call and agent
//! monitors, the client-monitor service, user messages, variable registration, RTP events and
//! server-side recording.

use super::codes::{
    AgentStateMask, CallMsgMask, ConnectionDeviceIdType, DeviceIdType, ServiceMask, StatusCode,
};
use super::message::{agent_identity, message, same_layout};
use super::{Bool, InvokeId, Time};

message! {
    /// MONITOR_START_REQ (93): starts a monitor on a call or a device.
    MonitorStartReq = MONITOR_START_REQ(93): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        connection_call_id: u32 => "ConnectionCallID",
        call_msg_mask: CallMsgMask => "CallMsgMask",
        agent_state_mask: AgentStateMask => "AgentStateMask",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        monitored_device_type: DeviceIdType => "MonitoredDeviceType",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        monitored_device_id: MONITORED_DEVID => String "MonitoredDeviceID",
    }
}

same_layout! {
    /// MONITOR_START_CONF (94): the new monitor.
    MonitorStartConf = MONITOR_START_CONF(94);
    /// MONITOR_STOP_REQ (95): stops a monitor.
    MonitorStopReq = MONITOR_STOP_REQ(95): CLIENT_REQUEST;
    /// SESSION_MONITOR_START_CONF (102): the new monitor.
    SessionMonitorStartConf = SESSION_MONITOR_START_CONF(102);
    => {
        {
            invoke_id: InvokeId => "InvokeID",
            monitor_id: u32 => "MonitorID",
        }
    }
}

same_layout! {
    /// MONITOR_STOP_CONF (96): the monitor is stopped.
    MonitorStopConf = MONITOR_STOP_CONF(96);
    /// CHANGE_MONITOR_MASK_CONF (98): the masks are changed.
    ChangeMonitorMaskConf = CHANGE_MONITOR_MASK_CONF(98);
    /// SESSION_MONITOR_STOP_CONF (104): the session monitor is stopped.
    SessionMonitorStopConf = SESSION_MONITOR_STOP_CONF(104);
    /// USER_MESSAGE_CONF (108): the message was sent.
    UserMessageConf = USER_MESSAGE_CONF(108);
    /// REGISTER_VARIABLES_CONF (111; V15 p146 misprints 118, spec §8 #11).
    RegisterVariablesConf = REGISTER_VARIABLES_CONF(111);
    /// UNREGISTER_SERVICE_CONF (146): the registration is ended.
    UnregisterServiceConf = UNREGISTER_SERVICE_CONF(146);
    /// STOP_RECORDING_CONF (150): the recording is stopped.
    StopRecordingConf = STOP_RECORDING_CONF(150);
    => {
        {
            invoke_id: InvokeId => "InvokeID",
        }
    }
}

message! {
    /// CHANGE_MONITOR_MASK_REQ (97): changes which events a monitor reports.
    ChangeMonitorMaskReq = CHANGE_MONITOR_MASK_REQ(97): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        monitor_id: u32 => "MonitorID",
        call_msg_mask: CallMsgMask => "CallMsgMask",
        agent_state_mask: AgentStateMask => "AgentStateMask",
    }
}

message! {
    /// CLIENT_SESSION_OPENED_EVENT (99): another client opened a session (client-monitor service).
    /// ⚠ The floating details were not checked against the v15 pages (spec §8).
    // Inferred: floating part unchecked against v15.
    ClientSessionOpenedEvent = CLIENT_SESSION_OPENED_EVENT(99): INFERRED {
        session_id: u32 => "SessionID",
        peripheral_id: u32 => "PeripheralID",
        services_granted: ServiceMask => "ServicesGranted",
        call_msg_mask: CallMsgMask => "CallMsgMask",
        agent_state_mask: AgentStateMask => "AgentStateMask",
        client_port: u32 => "ClientPort",
    }
    floating {
        client_id: CLIENT_ID => String "ClientID",
        client_signature: CLIENT_SIGNATURE => String "ClientSignature",
        /// STRING 16 in v15.
        client_address: CLIENT_ADDRESS => String "ClientAddress",
        /// Versions 14–18 only.
        client_address_ipv6: CLIENT_ADDRESS_IPV6 => String "ClientAddressIPV6",
    }
    with agent_identity;
}

message! {
    /// CLIENT_SESSION_CLOSED_EVENT (100): another client's session closed. ⚠ As for 99.
    // Inferred: floating part unchecked against v15.
    ClientSessionClosedEvent = CLIENT_SESSION_CLOSED_EVENT(100): INFERRED {
        session_id: u32 => "SessionID",
        peripheral_id: u32 => "PeripheralID",
        status: StatusCode => "Status",
        client_port: u32 => "ClientPort",
    }
    floating {
        client_id: CLIENT_ID => String "ClientID",
        client_signature: CLIENT_SIGNATURE => String "ClientSignature",
        /// STRING 16 in v15.
        client_address: CLIENT_ADDRESS => String "ClientAddress",
        /// Versions 14–18 only.
        client_address_ipv6: CLIENT_ADDRESS_IPV6 => String "ClientAddressIPV6",
    }
    with agent_identity;
}

same_layout! {
    /// SESSION_MONITOR_START_REQ (101): monitors another client's session.
    SessionMonitorStartReq = SESSION_MONITOR_START_REQ(101): CLIENT_REQUEST;
    /// SESSION_MONITOR_STOP_REQ (103): stops monitoring a session.
    SessionMonitorStopReq = SESSION_MONITOR_STOP_REQ(103): CLIENT_REQUEST;
    => {
        {
            invoke_id: InvokeId => "InvokeID",
            session_id: u32 => "SessionID",
        }
    }
}

message! {
    /// USER_MESSAGE_REQ (107): sends a text to other clients.
    // Inferred: Distribution's size.
    UserMessageReq = USER_MESSAGE_REQ(107): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        /// To a client, a team, or every client.
        distribution: u16 => "Distribution",
    }
    floating {
        client_id: CLIENT_ID => String "ClientID",
        /// Required.
        text: TEXT => String "Text",
    }
    with agent_identity;
}

message! {
    /// USER_MESSAGE_EVENT (109): a text from another client.
    // Inferred: Distribution's size.
    UserMessageEvent = USER_MESSAGE_EVENT(109): INFERRED {
        icm_central_controller_time: Time => "ICMCentralControllerTime",
        distribution: u16 => "Distribution",
    }
    floating {
        client_id: CLIENT_ID => String "ClientID",
        /// Required.
        text: TEXT => String "Text",
    }
}

message! {
    /// REGISTER_VARIABLES_REQ (110): names the call variables and expanded call context the client
    /// wants. ⚠ The sources do not say whether the names come as NAMEDVAR/NAMEDARRAY fields with
    /// empty values or as bare strings; they are read as NAMEDVAR/NAMEDARRAY (tags 82 and 83).
    // Inferred: how the names are sent.
    RegisterVariablesReq = REGISTER_VARIABLES_REQ(110): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        call_variable_mask: u16 => "CallVariableMask",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
    }
    repeated {
        /// The expanded call context variables to receive.
        named_variables: NAMED_VARIABLE => NamedVar "NamedVariable",
        /// The expanded call context arrays to receive.
        named_arrays: NAMED_ARRAY => NamedArray "NamedArray",
    }
}

message! {
    /// RTP_STARTED_EVENT (116): a media stream started at an agent phone.
    // Inferred: field sizes inferred.
    RtpStartedEvent = RTP_STARTED_EVENT(116): INFERRED {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        client_port: u32 => "ClientPort",
        rtp_direction: u16 => "RTPDirection",
        rtp_type: u16 => "RTPType",
        bit_rate: u32 => "BitRate",
        echo_cancellation: Bool => "EchoCancellation",
        packet_size: u32 => "PacketSize",
        payload_type: u16 => "PayloadType",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        sending_address: SENDING_ADDRESS => String "SendingAddress",
        sending_port: SENDING_PORT => UInt "SendingPort",
    }
    with agent_identity;
}

message! {
    /// RTP_STOPPED_EVENT (117): a media stream stopped.
    // Inferred: field sizes inferred.
    RtpStoppedEvent = RTP_STOPPED_EVENT(117): INFERRED {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        client_port: u32 => "ClientPort",
        rtp_direction: u16 => "RTPDirection",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        sending_address: SENDING_ADDRESS => String "SendingAddress",
        sending_port: SENDING_PORT => UInt "SendingPort",
    }
    with agent_identity;
}

message! {
    /// REGISTER_SERVICE_REQ (143): registers the client as a server for a service (e.g.
    /// recording). ⚠ ServerMode is taken as a UINT.
    // Inferred: ServerMode's size.
    RegisterServiceReq = REGISTER_SERVICE_REQ(143): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        server_mode: u32 => "ServerMode",
    }
    floating {
        /// Required.
        service_name: SERVICE_NAME => String "ServiceName",
    }
}

same_layout! {
    /// REGISTER_SERVICE_CONF (144): the registration's ID.
    RegisterServiceConf = REGISTER_SERVICE_CONF(144);
    /// UNREGISTER_SERVICE_REQ (145): ends a registration.
    UnregisterServiceReq = UNREGISTER_SERVICE_REQ(145): CLIENT_REQUEST;
    => {
        {
            invoke_id: InvokeId => "InvokeID",
            registered_service_id: u32 => "RegisteredServiceID",
        }
    }
}

message! {
    /// START_RECORDING_REQ (147): asks a recording server to record a call.
    // Inferred: field sizes inferred.
    StartRecordingReq = START_RECORDING_REQ(147): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        connection_call_id: u32 => "ConnectionCallID",
        client_port: u32 => "ClientPort",
        bit_rate: u32 => "BitRate",
        packet_size: u32 => "PacketSize",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        rtp_direction: u16 => "RTPDirection",
        rtp_type: u16 => "RTPType",
        echo_cancellation: Bool => "EchoCancellation",
        payload_type: u16 => "PayloadType",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        client_address: CLIENT_ADDRESS => String "ClientAddress",
    }
    with agent_identity;
}

message! {
    /// START_RECORDING_CONF (148): the recording session.
    // Inferred: ServerData's size.
    StartRecordingConf = START_RECORDING_CONF(148): INFERRED {
        invoke_id: InvokeId => "InvokeID",
        session_id: u32 => "SessionID",
        server_data: u32 => "ServerData",
    }
}

message! {
    /// STOP_RECORDING_REQ (149): stops a recording.
    // Inferred: ServerData's size.
    StopRecordingReq = STOP_RECORDING_REQ(149): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        connection_call_id: u32 => "ConnectionCallID",
        client_port: u32 => "ClientPort",
        session_id: u32 => "SessionID",
        server_data: u32 => "ServerData",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        rtp_direction: u16 => "RTPDirection",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        client_address: CLIENT_ADDRESS => String "ClientAddress",
    }
    with agent_identity;
}
