//! Session management messages (spec §3.1–3.8, §3.20): open, heartbeat, close, failures, system
//! events and client event reports.

use super::codes::{
    AgentState, AgentStateMask, CallMsgMask, ClientEventReportState, ConfigMsgMask,
    ControlFailureCode, DeviceIdType, MultilineAgentControl, PeripheralType, PgStatus, ServiceMask,
    SessionType, StatusCode, SystemEventId,
};
use super::message::{group, message, opaque};
use super::{Bool, InvokeId, Time};

message! {
    /// FAILURE_CONF (1): the negative answer to any request (spec §3.1). The layout is V15's
    /// InvokeID + UINT Status; one later document shows another and is wrong (spec §8 #2).
    FailureConf = FAILURE_CONF(1) {
        invoke_id: InvokeId => "InvokeID",
        /// Why the request failed.
        status: StatusCode => "Status",
    }
}

message! {
    /// FAILURE_EVENT (2): an unsolicited failure report, e.g. the CTI Server going offline.
    FailureEvent = FAILURE_EVENT(2) {
        /// What failed.
        status: StatusCode => "Status",
    }
}

message! {
    /// OPEN_REQ (3): the first message of every session (spec §3.3).
    OpenReq = OPEN_REQ(3) {
        invoke_id: InvokeId => "InvokeID",
        /// The protocol version; 15 here. (V15's text says 13, a leftover: spec §8 #5.)
        version_number: u32 => "VersionNumber",
        /// Seconds without any message after which the server resets the connection;
        /// 0xFFFF_FFFF for none. At least 20.
        idle_timeout: u32 => "IdleTimeout",
        /// Required for Client Events; otherwise 0xFFFF_FFFF.
        peripheral_id: u32 => "PeripheralID",
        services_requested: ServiceMask => "ServicesRequested",
        call_msg_mask: CallMsgMask => "CallMsgMask",
        agent_state_mask: AgentStateMask => "AgentStateMask",
        config_msg_mask: ConfigMsgMask => "ConfigMsgMask",
        /// Must be 0.
        reserved1: u32 => "Reserved1",
        /// Must be 0.
        reserved2: u32 => "Reserved2",
        /// Must be 0.
        reserved3: u32 => "Reserved3",
    }
    floating {
        /// Required.
        client_id: CLIENT_ID => String "ClientID",
        /// Required, may be empty.
        client_password: CLIENT_PASSWORD => Unspec "ClientPassword",
        client_signature: CLIENT_SIGNATURE => String "ClientSignature",
        agent_extension: AGENT_EXTENSION => String "AgentExtension",
        agent_id: AGENT_ID => String "AgentID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        application_path_id: APP_PATH_ID => Int "ApplicationPathID",
    }
}

group! {
    /// One peripheral of OPEN_CONF's list (v14+).
    pub struct Peripheral "Peripherals" {
        flt_peripheral_id: PERIPHERAL_ID => UInt "FltPeripheralID",
        /// 0 single line, 1 multiline.
        multiline_agent_control: MULTI_LINE_AGENT_CONTROL => UShort "MultilineAgentControl",
    }
}

impl Peripheral<'_> {
    /// MultilineAgentControl as its code.
    pub fn multiline_agent_control_code(&self) -> Option<MultilineAgentControl> {
        self.multiline_agent_control().map(MultilineAgentControl)
    }
}

message! {
    /// OPEN_CONF (4): the session is open (spec §3.4). The fixed part is 26 bytes up to v18, 30
    /// from v19 (DepartmentID) and 32 from v24 (SessionType) (versions sheet §3.3).
    OpenConf = OPEN_CONF(4) {
        invoke_id: InvokeId => "InvokeID",
        /// May be fewer than requested.
        services_granted: ServiceMask => "ServicesGranted",
        /// 0 when no monitor was created.
        monitor_id: u32 => "MonitorID",
        /// Non-zero means degraded operation; the session is open all the same.
        pg_status: PgStatus => "PGStatus",
        icm_central_controller_time: Time => "ICMCentralControllerTime",
        peripheral_online: Bool => "PeripheralOnline",
        peripheral_type: PeripheralType => "PeripheralType",
        /// Client Events sessions only.
        agent_state: AgentState => "AgentState",
        /// The agent's department (versions sheet §3.3; V24-CH v19, V25-SM).
        department_id: i32 => "DepartmentID" @ 19..,
        /// Which side this server is: 0 unknown, 1 active, 2 standby (versions sheet §3.3,
        /// §4.3; V25-SM; USHORT as RS, GO and CTM read it, §9 #6).
        session_type: SessionType => "SessionType" @ 24..,
    }
    floating {
        agent_extension: AGENT_EXTENSION => String "AgentExtension",
        agent_id: AGENT_ID => String "AgentID",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        num_peripherals: NUM_PERIPHERALS => UShort "NumPeripherals",
    }
    groups {
        /// The peripherals, each with its MultilineAgentControl.
        peripherals: Peripheral,
    }
}

message! {
    /// HEARTBEAT_REQ (5): sent by the client whenever it has sent nothing for one heartbeat
    /// interval (spec §3.5, §6.3). The server never sends it.
    HeartbeatReq = HEARTBEAT_REQ(5) {
        invoke_id: InvokeId => "InvokeID",
    }
}

message! {
    /// HEARTBEAT_CONF (6): the server's immediate answer, with the request's InvokeID.
    HeartbeatConf = HEARTBEAT_CONF(6) {
        invoke_id: InvokeId => "InvokeID",
    }
}

message! {
    /// CLOSE_REQ (7): the client ends the session (spec §3.6).
    CloseReq = CLOSE_REQ(7) {
        invoke_id: InvokeId => "InvokeID",
        /// Normally E_CTI_NO_ERROR; E_CTI_CTI_SERVER_OFFLINE or E_CTI_TIMEOUT when closing
        /// because of those.
        status: StatusCode => "Status",
    }
}

message! {
    /// CLOSE_CONF (8): the server agrees; the client then resets the connection.
    CloseConf = CLOSE_CONF(8) {
        invoke_id: InvokeId => "InvokeID",
    }
}

message! {
    /// SYSTEM_EVENT (31): a change in the system's state (spec §3.7).
    SystemEvent = SYSTEM_EVENT(31) {
        pg_status: PgStatus => "PGStatus",
        icm_central_controller_time: Time => "ICMCentralControllerTime",
        system_event_id: SystemEventId => "SystemEventID",
        /// The PeripheralID for peripheral events.
        system_event_arg1: u32 => "SystemEventArg1",
        system_event_arg2: u32 => "SystemEventArg2",
        system_event_arg3: u32 => "SystemEventArg3",
        /// DEVID_NONE when there is no device.
        event_device_type: DeviceIdType => "EventDeviceType",
    }
    floating {
        text: TEXT => String "Text",
        event_device_id: EVENT_DEVICE_ID => String "EventDeviceID",
    }
}

message! {
    /// CLIENT_EVENT_REPORT_REQ (32): the client reports an event to be logged (spec §3.8).
    ClientEventReportReq = CLIENT_EVENT_REPORT_REQ(32): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        state: ClientEventReportState => "State",
    }
    floating {
        object_name: OBJECT_NAME => String "ObjectName",
        text: TEXT => String "Text",
    }
}

message! {
    /// CLIENT_EVENT_REPORT_CONF (33).
    ClientEventReportConf = CLIENT_EVENT_REPORT_CONF(33) {
        invoke_id: InvokeId => "InvokeID",
    }
}

message! {
    /// CONTROL_FAILURE_CONF (35): a call or agent control request failed at the peripheral
    /// (spec §3.20). ⚠ The v15 page was not retrieved; the layout agrees across the other
    /// sources. A Text field some products add is kept in the floating part.
    ControlFailureConf = CONTROL_FAILURE_CONF(35) {
        invoke_id: InvokeId => "InvokeID",
        failure_code: ControlFailureCode => "FailureCode",
        /// Peripheral-specific; 0 if none.
        peripheral_error_code: u32 => "PeripheralErrorCode",
    }
    floating {
        text: TEXT => String "Text",
    }
}

opaque! {
    /// STANDBY_ACTIVE_EVENT_MSG (277, v24): the standby CTI Server has become active (versions
    /// sheet §4.2, §4.3 rule 6). ⚠ No field table is given.
    StandbyActiveEvent = STANDBY_ACTIVE_EVENT_MSG(277) @ 24..;
    /// STOPPING_REQUESTS_TO_THIS_SIDE_IND (281, v24): sent by the client to the side going into
    /// maintenance after 277; that side then closes the socket. ⚠ No field table is given
    /// (versions sheet §9 #8: send it with an empty body).
    StoppingRequestsToThisSideInd = STOPPING_REQUESTS_TO_THIS_SIDE_IND(281) @ 24..;
}

message! {
    /// ACTIVE_MAINTENANCE_REQ_MSG (278, v24): the active server asks whether it may go into
    /// maintenance; a client that requested CTI_SERVICE_ACTIVE_STANDBY answers with 279
    /// within 5 s, and no answer counts as a rejection (versions sheet §4.2, §4.3 rule 5).
    ActiveMaintenanceReq = ACTIVE_MAINTENANCE_REQ_MSG(278) @ 24.. {
        invoke_id: InvokeId => "InvokeID",
    }
}

message! {
    /// ACTIVE_MAINTENANCE_RESP_MSG (279, v24): the client's answer to 278, with its InvokeID
    /// (inference, versions sheet §4.2).
    ActiveMaintenanceResp = ACTIVE_MAINTENANCE_RESP_MSG(279) @ 24.. {
        invoke_id: InvokeId => "InvokeID",
        /// 1 accepted, 0 rejected.
        maintenance_mode_accepted: Bool => "MaintenanceModeAccepted",
    }
}

message! {
    /// ACTIVE_MAINTENANCE_EVENT_MSG (280, v24): the server's decision (versions sheet §4.2).
    ActiveMaintenanceEvent = ACTIVE_MAINTENANCE_EVENT_MSG(280) @ 24.. {
        /// 1 maintenance continues, 0 it is cancelled.
        maintenance_mode_status: Bool => "MaintenanceModeStatus",
    }
}
