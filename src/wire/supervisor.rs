//! Supervisor and team messages (spec §3.21): assistance and emergency calls, supervising a
//! call, agent team configuration and team monitors.

use super::codes::{AgentFlags, AgentState, ConfigOperation, ConnectionDeviceIdType, LineType};
use super::message::{agent_identity, call_request, group, message, opaque, same_layout};
use super::{Bool, InvokeId};

group! {
    /// One agent of a team (AGENT_TEAM_CONFIG_EVENT; NumberOfAgents of them, at most 64).
    pub struct AtcAgent "Agents" {
        atc_agent_id: ATC_AGENT_ID => String "ATCAgentID",
        agent_flags: AGENT_FLAGS => UShort "AgentFlags" as AgentFlags,
        atc_agent_state: ATC_AGENT_STATE => UShort "ATCAgentState" as AgentState,
        atc_state_duration: ATC_STATE_DURATION => UInt "ATCStateDuration",
    }
}

group! {
    /// One team in LIST_AGENT_TEAM_CONF (NumberOfAgentTeams of them).
    pub struct ListedTeam "Teams" {
        list_team_id: LIST_TEAM_ID => UInt "TeamID",
    }
}

same_layout! {
    /// SUPERVISOR_ASSIST_REQ (118): an agent calls its supervisor for help.
    SupervisorAssistReq = SUPERVISOR_ASSIST_REQ(118): CLIENT_REQUEST;
    /// EMERGENCY_CALL_REQ (121): an agent places an emergency call to its supervisor.
    EmergencyCallReq = EMERGENCY_CALL_REQ(121): CLIENT_REQUEST;
    => {
        {
            ..call_request,
        }
        floating {
            connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
            /// Required.
            agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        }
    }
}

same_layout! {
    /// SUPERVISOR_ASSIST_CONF (119): the assistance call.
    SupervisorAssistConf = SUPERVISOR_ASSIST_CONF(119);
    /// EMERGENCY_CALL_CONF (122): the emergency call.
    EmergencyCallConf = EMERGENCY_CALL_CONF(122);
    => {
        {
            invoke_id: InvokeId => "InvokeID",
            connection_call_id: u32 => "ConnectionCallID",
            connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
            line_handle: u16 => "LineHandle",
            line_type: LineType => "LineType",
        }
        floating {
            connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        }
    }
}

message! {
    /// EMERGENCY_CALL_EVENT (123): an agent placed an emergency call.
    EmergencyCallEvent = EMERGENCY_CALL_EVENT(123) {
        peripheral_id: u32 => "PeripheralID",
        connection_call_id: u32 => "ConnectionCallID",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        session_id: u32 => "SessionID",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        client_id: CLIENT_ID => String "ClientID",
        client_address: CLIENT_ADDRESS => String "ClientAddress",
    }
    with agent_identity;
}

message! {
    /// SUPERVISE_CALL_REQ (124): a supervisor monitors, barges into or intercepts an agent's call.
    // Inferred: SupervisoryAction's size.
    SuperviseCallReq = SUPERVISE_CALL_REQ(124): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        agent_connection_call_id: u32 => "AgentConnectionCallID",
        supervisor_connection_call_id: u32 => "SupervisorConnectionCallID",
        agent_connection_device_id_type: ConnectionDeviceIdType => "AgentConnectionDeviceIDType",
        supervisor_connection_device_id_type: ConnectionDeviceIdType => "SupervisorConnectionDeviceIDType",
        /// Clear, monitor, whisper, barge in or intercept.
        supervisory_action: u16 => "SupervisoryAction",
    }
    floating {
        agent_connection_device_id: AGENT_CONNECTION_DEVID => String "AgentConnectionDeviceID",
        supervisor_connection_device_id: SUPERVISOR_CONNECTION_DEVID => String "SupervisorConnectionDeviceID",
        /// The supervisor's instrument.
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
    }
}

message! {
    /// SUPERVISE_CALL_CONF (125): the supervisor's call.
    SuperviseCallConf = SUPERVISE_CALL_CONF(125) {
        invoke_id: InvokeId => "InvokeID",
        connection_call_id: u32 => "ConnectionCallID",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
    }
}

message! {
    /// AGENT_TEAM_CONFIG_EVENT (128): a team's members (spec §3.21). v15 has no team-name field
    /// (AGENT_TEAM_NAME, tag 243, is v16).
    AgentTeamConfigEvent = AGENT_TEAM_CONFIG_EVENT(128) {
        peripheral_id: u32 => "PeripheralID",
        team_id: u32 => "TeamID",
        /// At most 64.
        number_of_agents: u16 => "NumberOfAgents",
        config_operation: ConfigOperation => "ConfigOperation",
        /// The team's department (versions sheet §3.9; V24-CH v19, V25-ALI).
        department_id: i32 => "DepartmentID" @ 19..,
    }
    floating {
        agent_team_name: AGENT_TEAM_NAME => String "AgentTeamName" @ 16..,
    }
    groups {
        /// The team's agents.
        agents: AtcAgent,
    }
}

message! {
    /// LIST_AGENT_TEAM_REQ (133): asks for a supervisor's teams.
    // Inferred: SupervisorID's type.
    ListAgentTeamReq = LIST_AGENT_TEAM_REQ(133): CLIENT_REQUEST | INFERRED {
        invoke_id: InvokeId => "InvokeID",
        supervisor_id: u32 => "SupervisorID",
    }
}

message! {
    /// LIST_AGENT_TEAM_CONF (134): a supervisor's teams, possibly in several segments.
    // Inferred: field sizes inferred.
    ListAgentTeamConf = LIST_AGENT_TEAM_CONF(134): INFERRED {
        invoke_id: InvokeId => "InvokeID",
        number_of_agent_teams: u16 => "NumberOfAgentTeams",
        segment_number: u16 => "SegmentNumber",
        /// More segments follow.
        more: Bool => "More",
    }
    groups {
        /// The teams.
        teams: ListedTeam,
    }
}

message! {
    /// MONITOR_AGENT_TEAM_START_REQ (135): monitors a team's agents.
    MonitorAgentTeamStartReq = MONITOR_AGENT_TEAM_START_REQ(135): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        team_id: u32 => "TeamID",
    }
}

same_layout! {
    /// MONITOR_AGENT_TEAM_START_CONF (136): the team monitor.
    MonitorAgentTeamStartConf = MONITOR_AGENT_TEAM_START_CONF(136);
    /// MONITOR_AGENT_TEAM_STOP_REQ (137): stops a team monitor.
    MonitorAgentTeamStopReq = MONITOR_AGENT_TEAM_STOP_REQ(137): CLIENT_REQUEST;
    => {
        {
            invoke_id: InvokeId => "InvokeID",
            monitor_id: u32 => "MonitorID",
        }
    }
}

message! {
    /// MONITOR_AGENT_TEAM_STOP_CONF (138): the team monitor is stopped.
    MonitorAgentTeamStopConf = MONITOR_AGENT_TEAM_STOP_CONF(138) {
        invoke_id: InvokeId => "InvokeID",
    }
}

opaque! {
    /// SUPERVISOR_ASSIST_EVENT (120): for internal use by the server (spec §2).
    SupervisorAssistEvent = SUPERVISOR_ASSIST_EVENT(120);
    /// AGENT_TEAM_CONFIG_REQ (126): for internal use by the server.
    AgentTeamConfigReq = AGENT_TEAM_CONFIG_REQ(126): CLIENT_REQUEST;
    /// AGENT_TEAM_CONFIG_CONF (127): answers AGENT_TEAM_CONFIG_REQ.
    AgentTeamConfigConf = AGENT_TEAM_CONFIG_CONF(127);
}
