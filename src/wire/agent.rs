//! Agent events and requests (spec §3.9, §3.16–3.19, §3.21): state, queries, statistics, desk
//! settings, pre-call notices and the agent greeting.

use super::codes::{
    AgentAvailabilityStatus, AgentGreetingAction, AgentState, AgentWorkMode, ForcedFlag,
    PeripheralType,
};
use super::message::{agent_identity, call_data, group, message, same_layout};
use super::InvokeId;

group! {
    /// One of an agent's skill groups in AGENT_STATE_EVENT (NumFltSkillGroups of them).
    pub struct FltSkillGroup "FltSkillGroups" {
        flt_skill_group_number: SKILL_GROUP_NUMBER => Int "FltSkillGroupNumber",
        flt_skill_group_id: SKILL_GROUP_ID => UInt "FltSkillGroupID",
        flt_skill_group_priority: SKILL_GROUP_PRIORITY => UShort "FltSkillGroupPriority",
        flt_skill_group_state: SKILL_GROUP_STATE => UShort "FltSkillGroupState",
    }
}

message! {
    /// AGENT_STATE_EVENT (30): an agent's state changed (spec §3.9). ⚠ AgentMode's values are
    /// disputed between versions (spec §8 #6), so it is kept as the raw number.
    AgentStateEvent = AGENT_STATE_EVENT(30) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        /// The agent's Client Events session, or 0.
        session_id: u32 => "SessionID",
        peripheral_type: PeripheralType => "PeripheralType",
        /// The agent's state in this skill group.
        skill_group_state: AgentState => "SkillGroupState",
        state_duration: u32 => "StateDuration",
        /// NULL_SKILL_GROUP (0xFFFF_FFFF) when there is none.
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        /// The agent's overall state.
        agent_state: AgentState => "AgentState",
        event_reason_code: u16 => "EventReasonCode",
        mrd_id: i32 => "MRDID",
        num_tasks: u32 => "NumTasks",
        agent_mode: u16 => "AgentMode",
        max_task_limit: u32 => "MaxTaskLimit",
        /// The agent's Skill Target ID.
        icm_agent_id: i32 => "ICMAgentID",
        agent_availability_status: AgentAvailabilityStatus => "AgentAvailabilityStatus",
        /// 0: the single skill group is in the fixed part; else the number of floating groups.
        num_flt_skill_groups: u16 => "NumFltSkillGroups",
        /// The agent's department (versions sheet §3.4; V24-CH v19, V25-ALI).
        department_id: i32 => "DepartmentID" @ 19..,
    }
    floating {
        cti_client_signature: CLIENT_SIGNATURE => String "CTIClientSignature",
        agent_id: AGENT_ID => String "AgentID",
        agent_extension: AGENT_EXTENSION => String "AgentExtension",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        duration: DURATION => UInt "Duration",
        next_agent_state: EXT_AGENT_STATE => UShort "NextAgentState",
        /// The call direction, a UINT (versions sheet §3.4, §6.7).
        direction: DIRECTION => UInt "Direction" @ 16..,
        /// ⚠ The tag is disputed (versions sheet §9 #4: 303 by V25-CS).
        active_terminal: FLT_TERM_DEVICE_NAME => String "ActiveTerminal" @ 24..,
        max_beyond_task_limit: MAX_BEYOND_TASK_LIMIT => UInt "MaxBeyondTaskLimit" @ 22..,
    }
    groups {
        /// The agent's skill groups, when NumFltSkillGroups is not 0.
        flt_skill_groups: FltSkillGroup,
    }
}

group! {
    /// One of an agent's skill groups in QUERY_AGENT_STATE_CONF (NumSkillGroups of them, at most
    /// 20), in the order 62, 63, 64, 65.
    pub struct AgentSkillGroup "SkillGroups" {
        skill_group_number: SKILL_GROUP_NUMBER => Int "SkillGroupNumber",
        skill_group_id: SKILL_GROUP_ID => UInt "SkillGroupID",
        skill_group_priority: SKILL_GROUP_PRIORITY => UShort "SkillGroupPriority",
        skill_group_state: SKILL_GROUP_STATE => UShort "SkillGroupState" as AgentState,
    }
}

group! {
    /// One skill group to log into in SET_AGENT_STATE_REQ (NumSkillGroups of them, at most 10).
    pub struct LoginSkillGroup "SkillGroups" {
        skill_group_number: SKILL_GROUP_NUMBER => Int "SkillGroupNumber",
        skill_group_priority: SKILL_GROUP_PRIORITY => UShort "SkillGroupPriority",
    }
}

message! {
    /// QUERY_AGENT_STATE_REQ (36): asks for an agent's state (spec §3.16). At least one of
    /// ICMAgentID, AgentExtension, AgentID or AgentInstrument must be given.
    QueryAgentStateReq = QUERY_AGENT_STATE_REQ(36): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        mrd_id: i32 => "MRDID",
        icm_agent_id: i32 => "ICMAgentID",
    }
    with agent_identity;
}

message! {
    /// QUERY_AGENT_STATE_CONF (37): an agent's state and skill groups (spec §3.17). ⚠ AgentMode's
    /// values are disputed (spec §8 #6): it is kept as the raw number.
    QueryAgentStateConf = QUERY_AGENT_STATE_CONF(37) {
        invoke_id: InvokeId => "InvokeID",
        agent_state: AgentState => "AgentState",
        /// At most 20.
        num_skill_groups: u16 => "NumSkillGroups",
        mrd_id: i32 => "MRDID",
        num_tasks: u32 => "NumTasks",
        agent_mode: u16 => "AgentMode",
        max_task_limit: u32 => "MaxTaskLimit",
        icm_agent_id: i32 => "ICMAgentID",
        agent_availability_status: AgentAvailabilityStatus => "AgentAvailabilityStatus",
        /// The agent's department (versions sheet §3.5; V24-CH v19, V25-ALI).
        department_id: i32 => "DepartmentID" @ 19..,
    }
    floating {
        agent_id: AGENT_ID => String "AgentID",
        agent_extension: AGENT_EXTENSION => String "AgentExtension",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        /// Reserved for internal use (versions sheet §3.5, §6.6).
        internal_agent_state: INTERNAL_AGENT_STATE => UShort "InternalAgentState" @ 19..,
        max_beyond_task_limit: MAX_BEYOND_TASK_LIMIT => UInt "MaxBeyondTaskLimit" @ 22..,
    }
    groups {
        /// The agent's skill groups.
        skill_groups: AgentSkillGroup,
    }
}

message! {
    /// SET_AGENT_STATE_REQ (38): logs an agent in or out or changes its state (spec §3.18). Success
    /// is reported by AGENT_STATE_EVENT.
    SetAgentStateReq = SET_AGENT_STATE_REQ(38): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        agent_state: AgentState => "AgentState",
        agent_work_mode: AgentWorkMode => "AgentWorkMode",
        /// At most 10.
        num_skill_groups: u16 => "NumSkillGroups",
        event_reason_code: u16 => "EventReasonCode",
        forced_flag: ForcedFlag => "ForcedFlag",
        /// Bit 0: outbound support.
        agent_service_req: u32 => "AgentServiceReq",
    }
    floating {
        /// Required.
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        agent_id: AGENT_ID => String "AgentID",
        agent_password: AGENT_PASSWORD => String "AgentPassword",
        position_id: POSITION_ID => String "PositionID",
        supervisor_id: SUPERVISOR_ID => String "SupervisorID",
        /// 0 disabled, 1 enabled; with LOGIN (versions sheet §3.7).
        sso_enabled: SSO_ENABLED => UShort "SSOEnabled" @ 20..,
        /// ⚠ The tag is disputed (versions sheet §9 #4: 303 by V25-CS).
        active_terminal: FLT_TERM_DEVICE_NAME => String "ActiveTerminal" @ 24..,
    }
    groups {
        /// The skill groups to log into.
        skill_groups: LoginSkillGroup,
    }
}

same_layout! {
    /// SET_AGENT_STATE_CONF (39): the request was accepted (spec §3.19).
    SetAgentStateConf = SET_AGENT_STATE_CONF(39);
    /// AGENT_GREETING_CONTROL_CONF (250): the greeting request was accepted.
    AgentGreetingControlConf = AGENT_GREETING_CONTROL_CONF(250);
    => {
        {
            invoke_id: InvokeId => "InvokeID",
        }
    }
}

message! {
    /// AGENT_PRE_CALL_EVENT (105): the call data of a call about to be routed to an agent.
    AgentPreCallEvent = AGENT_PRE_CALL_EVENT(105) {
        monitor_id: u32 => "MonitorID",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
        service_number: u32 => "ServiceNumber",
        service_id: u32 => "ServiceID",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
        skill_group_priority: u16 => "SkillGroupPriority",
        mrd_id: i32 => "MRDID",
        /// The agent's Skill Target ID (versions sheet §3.6; V24-CH v20, V25-ALI).
        agent_skill_target_id: u32 => "AgentSkillTargetID" @ 20..,
    }
    floating {
        /// The agent the call is routed to.
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        call_type_id: CALL_TYPE_ID => Num "FltCallTypeID",
        pre_call_invoke_id: PRE_CALL_INVOKE_ID => UInt "PreCallInvokeID",
        agent_id: AGENT_ID => String "AgentID" @ 20..,
        /// ⚠ STRING 40 here, 64 in NETWORK_RECORDING_TARGET_INFO_EVENT (versions sheet §9 #20).
        protocol_reference_guid: PROTOCOL_REFERENCE_GUID => String "ProtocolReferenceGUID" @ 24..,
        num_of_enabled_services: NUM_OF_ENABLED_SERVICES => UShort "NumOfEnabledServices" @ 24..,
        /// ⚠ One field holding NumOfEnabledServices USHORTs (versions sheet §3.6, inference).
        flt_enabled_services: FLT_ENABLED_SERVICES => Unspec "FltEnabledServices" @ 24..,
        ccai_config_id: CCAI_CONFIG_ID => String "CcaiConfigId" @ 24..,
    }
    with call_data;
}

message! {
    /// AGENT_PRE_CALL_ABORT_EVENT (106): a routed call announced by AGENT_PRE_CALL_EVENT will not
    /// arrive.
    AgentPreCallAbortEvent = AGENT_PRE_CALL_ABORT_EVENT(106) {
        monitor_id: u32 => "MonitorID",
        mrd_id: i32 => "MRDID",
    }
    floating {
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        router_call_key_day: ROUTER_CALL_KEY_DAY => UInt "RouterCallKeyDay",
        router_call_key_call_id: ROUTER_CALL_KEY_CALLID => UInt "RouterCallKeyCallID",
        router_call_key_sequence_number: ROUTER_CALL_KEY_SEQUENCE_NUM => UInt "RouterCallKeySequenceNumber",
    }
}

message! {
    /// QUERY_AGENT_STATISTICS_REQ (112): asks for an agent's statistics.
    QueryAgentStatisticsReq = QUERY_AGENT_STATISTICS_REQ(112): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
    }
    with agent_identity;
}

message! {
    /// QUERY_AGENT_STATISTICS_CONF (113): an agent's statistics: 84 UINT counters for the session
    /// and the day, in the order of the one implementation that lists them (spec §2).
    QueryAgentStatisticsConf = QUERY_AGENT_STATISTICS_CONF(113) {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
    }
    counters(84) {
        avail_time_session => "AvailTimeSession",
        logged_on_time_session => "LoggedOnTimeSession",
        not_ready_time_session => "NotReadyTimeSession",
        icm_available_time_session => "ICMAvailableTimeSession",
        routable_time_session => "RoutableTimeSession",
        agent_out_calls_session => "AgentOutCallsSession",
        agent_out_calls_talk_time_session => "AgentOutCallsTalkTimeSession",
        agent_out_calls_time_session => "AgentOutCallsTimeSession",
        agent_out_calls_held_session => "AgentOutCallsHeldSession",
        agent_out_calls_held_time_session => "AgentOutCallsHeldTimeSession",
        handled_calls_session => "HandledCallsSession",
        handled_calls_talk_time_session => "HandledCallsTalkTimeSession",
        handled_calls_after_call_time_session => "HandledCallsAfterCallTimeSession",
        handled_calls_time_session => "HandledCallsTimeSession",
        incoming_calls_held_session => "IncomingCallsHeldSession",
        incoming_calls_held_time_session => "IncomingCallsHeldTimeSession",
        internal_calls_session => "InternalCallsSession",
        internal_calls_time_session => "InternalCallsTimeSession",
        internal_calls_rcvd_session => "InternalCallsRcvdSession",
        internal_calls_rcvd_time_session => "InternalCallsRcvdTimeSession",
        internal_calls_held_session => "InternalCallsHeldSession",
        internal_calls_held_time_session => "InternalCallsHeldTimeSession",
        auto_out_calls_session => "AutoOutCallsSession",
        auto_out_calls_talk_time_session => "AutoOutCallsTalkTimeSession",
        auto_out_calls_time_session => "AutoOutCallsTimeSession",
        auto_out_calls_held_session => "AutoOutCallsHeldSession",
        auto_out_calls_held_time_session => "AutoOutCallsHeldTimeSession",
        preview_calls_session => "PreviewCallsSession",
        preview_calls_talk_time_session => "PreviewCallsTalkTimeSession",
        preview_calls_time_session => "PreviewCallsTimeSession",
        preview_calls_held_session => "PreviewCallsHeldSession",
        preview_calls_held_time_session => "PreviewCallsHeldTimeSession",
        reservation_calls_session => "ReservationCallsSession",
        reservation_calls_talk_time_session => "ReservationCallsTalkTimeSession",
        reservation_calls_time_session => "ReservationCallsTimeSession",
        reservation_calls_held_session => "ReservationCallsHeldSession",
        reservation_calls_held_time_session => "ReservationCallsHeldTimeSession",
        barge_in_calls_session => "BargeInCallsSession",
        intercept_calls_session => "InterceptCallsSession",
        monitor_calls_session => "MonitorCallsSession",
        whisper_calls_session => "WhisperCallsSession",
        emergency_calls_session => "EmergencyCallsSession",
        avail_time_today => "AvailTimeToday",
        logged_on_time_today => "LoggedOnTimeToday",
        not_ready_time_today => "NotReadyTimeToday",
        icm_available_time_today => "ICMAvailableTimeToday",
        routable_time_today => "RoutableTimeToday",
        agent_out_calls_today => "AgentOutCallsToday",
        agent_out_calls_talk_time_today => "AgentOutCallsTalkTimeToday",
        agent_out_calls_time_today => "AgentOutCallsTimeToday",
        agent_out_calls_held_today => "AgentOutCallsHeldToday",
        agent_out_calls_held_time_today => "AgentOutCallsHeldTimeToday",
        handled_calls_today => "HandledCallsToday",
        handled_calls_talk_time_today => "HandledCallsTalkTimeToday",
        handled_calls_after_call_time_today => "HandledCallsAfterCallTimeToday",
        handled_calls_time_today => "HandledCallsTimeToday",
        incoming_calls_held_today => "IncomingCallsHeldToday",
        incoming_calls_held_time_today => "IncomingCallsHeldTimeToday",
        internal_calls_today => "InternalCallsToday",
        internal_calls_time_today => "InternalCallsTimeToday",
        internal_calls_rcvd_today => "InternalCallsRcvdToday",
        internal_calls_rcvd_time_today => "InternalCallsRcvdTimeToday",
        internal_calls_held_today => "InternalCallsHeldToday",
        internal_calls_held_time_today => "InternalCallsHeldTimeToday",
        auto_out_calls_today => "AutoOutCallsToday",
        auto_out_calls_talk_time_today => "AutoOutCallsTalkTimeToday",
        auto_out_calls_time_today => "AutoOutCallsTimeToday",
        auto_out_calls_held_today => "AutoOutCallsHeldToday",
        auto_out_calls_held_time_today => "AutoOutCallsHeldTimeToday",
        preview_calls_today => "PreviewCallsToday",
        preview_calls_talk_time_today => "PreviewCallsTalkTimeToday",
        preview_calls_time_today => "PreviewCallsTimeToday",
        preview_calls_held_today => "PreviewCallsHeldToday",
        preview_calls_held_time_today => "PreviewCallsHeldTimeToday",
        reservation_calls_today => "ReservationCallsToday",
        reservation_calls_talk_time_today => "ReservationCallsTalkTimeToday",
        reservation_calls_time_today => "ReservationCallsTimeToday",
        reservation_calls_held_today => "ReservationCallsHeldToday",
        reservation_calls_held_time_today => "ReservationCallsHeldTimeToday",
        barge_in_calls_today => "BargeInCallsToday",
        intercept_calls_today => "InterceptCallsToday",
        monitor_calls_today => "MonitorCallsToday",
        whisper_calls_today => "WhisperCallsToday",
        emergency_calls_today => "EmergencyCallsToday",
    }
    with agent_identity;
}

message! {
    /// QUERY_SKILL_GROUP_STATISTICS_REQ (114): asks for a skill group's statistics.
    QuerySkillGroupStatisticsReq = QUERY_SKILL_GROUP_STATISTICS_REQ(114): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
    }
}

message! {
    /// QUERY_SKILL_GROUP_STATISTICS_CONF (115): a skill group's statistics: 145 UINT counters (now,
    /// to five minutes, to the half hour, today), in the order of the one implementation that lists
    /// them.
    QuerySkillGroupStatisticsConf = QUERY_SKILL_GROUP_STATISTICS_CONF(115) {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        skill_group_number: u32 => "SkillGroupNumber",
        skill_group_id: u32 => "SkillGroupID",
    }
    counters(145) {
        agents_logged_on => "AgentsLoggedOn",
        agents_avail => "AgentsAvail",
        agents_not_ready => "AgentsNotReady",
        agents_ready => "AgentsReady",
        agents_talking_in => "AgentsTalkingIn",
        agents_talking_out => "AgentsTalkingOut",
        agents_talking_other => "AgentsTalkingOther",
        agents_work_not_ready => "AgentsWorkNotReady",
        agents_work_ready => "AgentsWorkReady",
        agents_busy_other => "AgentsBusyOther",
        agents_reserved => "AgentsReserved",
        agents_hold => "AgentsHold",
        agents_icm_available => "AgentsICMAvailable",
        agents_application_available => "AgentsApplicationAvailable",
        agents_talking_auto_out => "AgentsTalkingAutoOut",
        agents_talking_preview => "AgentsTalkingPreview",
        agents_talking_reservation => "AgentsTalkingReservation",
        router_calls_q_now => "RouterCallsQNow",
        longest_router_call_q_now => "LongestRouterCallQNow",
        calls_q_now => "CallsQNow",
        calls_q_time_now => "CallsQTimeNow",
        longest_call_q_now => "LongestCallQNow",
        avail_time_to5 => "AvailTimeTo5",
        logged_on_time_to5 => "LoggedOnTimeTo5",
        not_ready_time_to5 => "NotReadyTimeTo5",
        agent_out_calls_to5 => "AgentOutCallsTo5",
        agent_out_calls_talk_time_to5 => "AgentOutCallsTalkTimeTo5",
        agent_out_calls_time_to5 => "AgentOutCallsTimeTo5",
        agent_out_calls_held_to5 => "AgentOutCallsHeldTo5",
        agent_out_calls_held_time_to5 => "AgentOutCallsHeldTimeTo5",
        handled_calls_to5 => "HandledCallsTo5",
        handled_calls_talk_time_to5 => "HandledCallsTalkTimeTo5",
        handled_calls_after_call_time_to5 => "HandledCallsAfterCallTimeTo5",
        handled_calls_time_to5 => "HandledCallsTimeTo5",
        incoming_calls_held_to5 => "IncomingCallsHeldTo5",
        incoming_calls_held_time_to5 => "IncomingCallsHeldTimeTo5",
        internal_calls_rcvd_to5 => "InternalCallsRcvdTo5",
        internal_calls_rcvd_time_to5 => "InternalCallsRcvdTimeTo5",
        internal_calls_held_to5 => "InternalCallsHeldTo5",
        internal_calls_held_time_to5 => "InternalCallsHeldTimeTo5",
        auto_out_calls_to5 => "AutoOutCallsTo5",
        auto_out_calls_talk_time_to5 => "AutoOutCallsTalkTimeTo5",
        auto_out_calls_time_to5 => "AutoOutCallsTimeTo5",
        auto_out_calls_held_to5 => "AutoOutCallsHeldTo5",
        auto_out_calls_held_time_to5 => "AutoOutCallsHeldTimeTo5",
        preview_calls_to5 => "PreviewCallsTo5",
        preview_calls_talk_time_to5 => "PreviewCallsTalkTimeTo5",
        preview_calls_time_to5 => "PreviewCallsTimeTo5",
        preview_calls_held_to5 => "PreviewCallsHeldTo5",
        preview_calls_held_time_to5 => "PreviewCallsHeldTimeTo5",
        reservation_calls_to5 => "ReservationCallsTo5",
        reservation_calls_talk_time_to5 => "ReservationCallsTalkTimeTo5",
        reservation_calls_time_to5 => "ReservationCallsTimeTo5",
        reservation_calls_held_to5 => "ReservationCallsHeldTo5",
        reservation_calls_held_time_to5 => "ReservationCallsHeldTimeTo5",
        barge_in_calls_to5 => "BargeInCallsTo5",
        intercept_calls_to5 => "InterceptCallsTo5",
        monitor_calls_to5 => "MonitorCallsTo5",
        whisper_calls_to5 => "WhisperCallsTo5",
        emergency_calls_to5 => "EmergencyCallsTo5",
        calls_q5 => "CallsQ5",
        calls_q_time5 => "CallsQTime5",
        longest_call_q5 => "LongestCallQ5",
        avail_time_to_half => "AvailTimeToHalf",
        logged_on_time_to_half => "LoggedOnTimeToHalf",
        not_ready_time_to_half => "NotReadyTimeToHalf",
        agent_out_calls_to_half => "AgentOutCallsToHalf",
        agent_out_calls_talk_time_to_half => "AgentOutCallsTalkTimeToHalf",
        agent_out_calls_time_to_half => "AgentOutCallsTimeToHalf",
        agent_out_calls_held_to_half => "AgentOutCallsHeldToHalf",
        agent_out_calls_held_time_to_half => "AgentOutCallsHeldTimeToHalf",
        handled_calls_to_half => "HandledCallsToHalf",
        handled_calls_talk_time_to_half => "HandledCallsTalkTimeToHalf",
        handled_calls_after_call_time_to_half => "HandledCallsAfterCallTimeToHalf",
        handled_calls_time_to_half => "HandledCallsTimeToHalf",
        incoming_calls_held_to_half => "IncomingCallsHeldToHalf",
        incoming_calls_held_time_to_half => "IncomingCallsHeldTimeToHalf",
        internal_calls_rcvd_to_half => "InternalCallsRcvdToHalf",
        internal_calls_rcvd_time_to_half => "InternalCallsRcvdTimeToHalf",
        internal_calls_held_to_half => "InternalCallsHeldToHalf",
        internal_calls_held_time_to_half => "InternalCallsHeldTimeToHalf",
        auto_out_calls_to_half => "AutoOutCallsToHalf",
        auto_out_calls_talk_time_to_half => "AutoOutCallsTalkTimeToHalf",
        auto_out_calls_time_to_half => "AutoOutCallsTimeToHalf",
        auto_out_calls_held_to_half => "AutoOutCallsHeldToHalf",
        auto_out_calls_held_time_to_half => "AutoOutCallsHeldTimeToHalf",
        preview_calls_to_half => "PreviewCallsToHalf",
        preview_calls_talk_time_to_half => "PreviewCallsTalkTimeToHalf",
        preview_calls_time_to_half => "PreviewCallsTimeToHalf",
        preview_calls_held_to_half => "PreviewCallsHeldToHalf",
        preview_calls_held_time_to_half => "PreviewCallsHeldTimeToHalf",
        reservation_calls_to_half => "ReservationCallsToHalf",
        reservation_calls_talk_time_to_half => "ReservationCallsTalkTimeToHalf",
        reservation_calls_time_to_half => "ReservationCallsTimeToHalf",
        reservation_calls_held_to_half => "ReservationCallsHeldToHalf",
        reservation_calls_held_time_to_half => "ReservationCallsHeldTimeToHalf",
        barge_in_calls_to_half => "BargeInCallsToHalf",
        intercept_calls_to_half => "InterceptCallsToHalf",
        monitor_calls_to_half => "MonitorCallsToHalf",
        whisper_calls_to_half => "WhisperCallsToHalf",
        emergency_calls_to_half => "EmergencyCallsToHalf",
        calls_q_half => "CallsQHalf",
        calls_q_time_half => "CallsQTimeHalf",
        longest_call_q_half => "LongestCallQHalf",
        avail_time_today => "AvailTimeToday",
        logged_on_time_today => "LoggedOnTimeToday",
        not_ready_time_today => "NotReadyTimeToday",
        agent_out_calls_today => "AgentOutCallsToday",
        agent_out_calls_talk_time_today => "AgentOutCallsTalkTimeToday",
        agent_out_calls_time_today => "AgentOutCallsTimeToday",
        agent_out_calls_held_today => "AgentOutCallsHeldToday",
        agent_out_calls_held_time_today => "AgentOutCallsHeldTimeToday",
        handled_calls_today => "HandledCallsToday",
        handled_calls_talk_time_today => "HandledCallsTalkTimeToday",
        handled_calls_after_call_time_today => "HandledCallsAfterCallTimeToday",
        handled_calls_time_today => "HandledCallsTimeToday",
        incoming_calls_held_today => "IncomingCallsHeldToday",
        incoming_calls_held_time_today => "IncomingCallsHeldTimeToday",
        internal_calls_rcvd_today => "InternalCallsRcvdToday",
        internal_calls_rcvd_time_today => "InternalCallsRcvdTimeToday",
        internal_calls_held_today => "InternalCallsHeldToday",
        internal_calls_held_time_today => "InternalCallsHeldTimeToday",
        auto_out_calls_today => "AutoOutCallsToday",
        auto_out_calls_talk_time_today => "AutoOutCallsTalkTimeToday",
        auto_out_calls_time_today => "AutoOutCallsTimeToday",
        auto_out_calls_held_today => "AutoOutCallsHeldToday",
        auto_out_calls_held_time_today => "AutoOutCallsHeldTimeToday",
        preview_calls_today => "PreviewCallsToday",
        preview_calls_talk_time_today => "PreviewCallsTalkTimeToday",
        preview_calls_time_today => "PreviewCallsTimeToday",
        preview_calls_held_today => "PreviewCallsHeldToday",
        preview_calls_held_time_today => "PreviewCallsHeldTimeToday",
        reservation_calls_today => "ReservationCallsToday",
        reservation_calls_talk_time_today => "ReservationCallsTalkTimeToday",
        reservation_calls_time_today => "ReservationCallsTimeToday",
        reservation_calls_held_today => "ReservationCallsHeldToday",
        reservation_calls_held_time_today => "ReservationCallsHeldTimeToday",
        barge_in_calls_today => "BargeInCallsToday",
        intercept_calls_today => "InterceptCallsToday",
        monitor_calls_today => "MonitorCallsToday",
        whisper_calls_today => "WhisperCallsToday",
        emergency_calls_today => "EmergencyCallsToday",
        calls_q_today => "CallsQToday",
        calls_q_time_today => "CallsQTimeToday",
        longest_call_q_today => "LongestCallQToday",
    }
}

message! {
    /// AGENT_DESK_SETTINGS_REQ (131): asks for an agent's desk settings (spec §3.21).
    AgentDeskSettingsReq = AGENT_DESK_SETTINGS_REQ(131): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
    }
    floating {
        /// Required.
        agent_id: AGENT_ID => String "AgentID",
    }
}

message! {
    /// AGENT_DESK_SETTINGS_CONF (132): an agent's desk settings (spec §3.21).
    AgentDeskSettingsConf = AGENT_DESK_SETTINGS_CONF(132) {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        desk_settings_mask: u32 => "DeskSettingsMask",
        wrapup_data_incoming_mode: u32 => "WrapupDataIncomingMode",
        wrapup_data_outgoing_mode: u32 => "WrapupDataOutgoingMode",
        logout_non_activity_time: u32 => "LogoutNonActivityTime",
        quality_recording_rate: u32 => "QualityRecordingRate",
        ring_no_answer_time: u32 => "RingNoAnswerTime",
        silent_monitor_warning_message: u32 => "SilentMonitorWarningMessage",
        silent_monitor_audible_indication: u32 => "SilentMonitorAudibleIndication",
        supervisor_assist_call_method: u32 => "SupervisorAssistCallMethod",
        emergency_call_method: u32 => "EmergencyCallMethod",
        auto_record_on_emergency: u32 => "AutoRecordOnEmergency",
        recording_mode: u32 => "RecordingMode",
        work_mode_timer: u32 => "WorkModeTimer",
        ring_no_answer_dn: u32 => "RingNoAnswerDN",
    }
    floating {
        default_device_port_address: DEFAULT_DEVICE_PORT_ADDRESS => String "DefaultDevicePortAddress",
    }
}

message! {
    /// AGENT_GREETING_CONTROL_REQ (249, new in v15): stops, disables or enables an agent's greeting
    /// (spec §3.21). There is no AgentInstrument field (spec §8 #16).
    AgentGreetingControlReq = AGENT_GREETING_CONTROL_REQ(249): CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        peripheral_id: u32 => "PeripheralID",
        agent_action: AgentGreetingAction => "AgentAction",
    }
    floating {
        /// Required.
        agent_id: AGENT_ID => String "AgentID",
    }
}
