//! Message types introduced after protocol version 15 (versions sheet §4.1), each with the
//! version that brought it: configuration events above 250, task messages, network recording
//! (v23) and agent services (v24). The v24 active/standby set (277–281) is in
//! [`session`](super::session).
//!
//! One table, as for every other type: a session of an older version does not know these
//! numbers, and [`Message::decode`](super::Message::decode) keeps them raw there. Where a
//! source gives the fixed part (network recording, agent service data: V25-ALI, versions sheet
//! §4.4) the type has a typed view. The record-based configuration events (a NumRecords count
//! followed by records of floating fields, some with tags no source gives) and the types whose
//! layout no source at hand gives (255–258, 262–270; sheet §9 "Not found") are kept opaque:
//! known name and number, raw body.
//!
//! ⚠ Numbers and versions in dispute, and the choice followed (sheet §4.1, §9):
//! - NETWORK_RECORDING_*_EVENT: 271–274 as V24-MC and RS number them; V25-ALI's tables say
//!   272–275 (§9 #2, whose recommendation is 271–274).
//! - CONFIG_MRD_EVENT: 254 (V24-MC), not V25-ALI's 245 (§9 #3).
//! - 255–258 and 262–266 are dated "≤20" and "≤23" by the sheet: the version of the change list
//!   that names them (20 and 23) is taken as their first.
//! - CONFIG_TERMINAL_EVENT (276) appears in V25-ALI only: 25 is taken as its first version,
//!   although it may already be in v24 (sheet §7).

use super::codes::{ConnectionDeviceIdType, StatusCode};
use super::message::{message, opaque};
use super::InvokeId;

opaque! {
    /// CONFIG_MRD_EVENT (254, S→C, v20): media routing domain records (NumRecords, then
    /// RecordType, FltMRDomainID, FltEnterpriseName, FltDescription, FltMaxTaskDuration,
    /// FltInterruptible per record: V25-ALI). Record-based: kept raw.
    ConfigMrdEvent = CONFIG_MRD_EVENT(254) @ 20..;
    /// GET_AGENT_TASKS_REQ (255, C→S, v20 ⚠): no layout in any source at hand.
    GetAgentTasksReq = GET_AGENT_TASKS_REQ(255) @ 20..: CLIENT_REQUEST;
    /// AGENT_TASKS_RESP (256, S→C, v20 ⚠): no layout in any source at hand.
    AgentTasksResp = AGENT_TASKS_RESP(256) @ 20..;
    /// SNAPSHOT_TASK_REQ (257, C→S, v20 ⚠): no layout in any source at hand.
    SnapshotTaskReq = SNAPSHOT_TASK_REQ(257) @ 20..: CLIENT_REQUEST;
    /// SNAPSHOT_TASK_RESP (258, S→C, v20 ⚠): no layout in any source at hand.
    SnapshotTaskResp = SNAPSHOT_TASK_RESP(258) @ 20..;
    /// CONFIG_PERIPHERAL_EVENT (260, S→C, v22): peripheral records (NumRecords, then
    /// RecordType, ConfigPeripheralID, DefaultAgentDeskSettingsID: V25-ALI). Record-based.
    ConfigPeripheralEvent = CONFIG_PERIPHERAL_EVENT(260) @ 22..;
    /// CONFIG_AGENT_DESK_SETTINGS_EVENT (261, S→C, v22): desk settings records (V25-ALI).
    /// Record-based.
    ConfigAgentDeskSettingsEvent = CONFIG_AGENT_DESK_SETTINGS_EVENT(261) @ 22..;
    /// AGENT_TASKS_EVENT (262, S→C, v23 ⚠): no layout in any source at hand.
    AgentTasksEvent = AGENT_TASKS_EVENT(262) @ 23..;
    /// SNAPSHOT_TASK_EVENT (263, S→C, v23 ⚠): no layout in any source at hand.
    SnapshotTaskEvent = SNAPSHOT_TASK_EVENT(263) @ 23..;
    /// AGENT_TASKS_REQUEST_EVENT (264, S→C, v23 ⚠): no layout in any source at hand.
    AgentTasksRequestEvent = AGENT_TASKS_REQUEST_EVENT(264) @ 23..;
    /// AGENT_TASKS_END_EVENT (265, S→C, v23 ⚠): no layout in any source at hand.
    AgentTasksEndEvent = AGENT_TASKS_END_EVENT(265) @ 23..;
    /// DESKTOP_CONNECTED_IND (266, sent by the CTI Server per V24-MC, v23 ⚠): no layout in
    /// any source at hand.
    DesktopConnectedInd = DESKTOP_CONNECTED_IND(266) @ 23..;
    /// START_NETWORK_RECORDING_REQ (267, C→S, v23): no layout in any source at hand.
    StartNetworkRecordingReq = START_NETWORK_RECORDING_REQ(267) @ 23..: CLIENT_REQUEST;
    /// START_NETWORK_RECORDING_CONF (268, S→C, v23): no layout in any source at hand.
    StartNetworkRecordingConf = START_NETWORK_RECORDING_CONF(268) @ 23..;
    /// STOP_NETWORK_RECORDING_REQ (269, C→S, v23): no layout in any source at hand.
    StopNetworkRecordingReq = STOP_NETWORK_RECORDING_REQ(269) @ 23..: CLIENT_REQUEST;
    /// STOP_NETWORK_RECORDING_CONF (270, S→C, v23): no layout in any source at hand.
    StopNetworkRecordingConf = STOP_NETWORK_RECORDING_CONF(270) @ 23..;
    /// CONFIG_TERMINAL_EVENT (276, S→C, v25 ⚠: V25-ALI only): terminal records (NumRecords,
    /// then RecordType, TerminalType, TerminalDeviceName, TerminalTypeName, NumInstruments and
    /// Instruments, whose tag no source gives). Record-based.
    ConfigTerminalEvent = CONFIG_TERMINAL_EVENT(276) @ 25..;
    /// CONFIG_AGENT_SERVICE_EVENT (282, S→C, v24): agent service records (NumRecords, then
    /// AgentSkillTargetID, NumOfEnabledServices, FltEnabledServices, RecordType: V25-ALI; the
    /// record's AgentSkillTargetID tag is not given). Record-based.
    ConfigAgentServiceEvent = CONFIG_AGENT_SERVICE_EVENT(282) @ 24..;
}

/// A NETWORK_RECORDING_*_EVENT (v23): the fixed fields and floating fields all four share
/// (versions sheet §4.4; V25-ALI), then `fixed` and `floating`, the event's own.
macro_rules! network_recording_event {
    (
        $(#[$doc:meta])*
        $Name:ident = $CONST:ident($id:literal) { $($fixed:tt)* } floating { $($floating:tt)* }
    ) => {
        message! {
            $(#[$doc])*
            $Name = $CONST($id) @ 23.. {
                monitor_id: u32 => "MonitorID",
                peripheral_id: u32 => "PeripheralID",
                connection_call_id: u32 => "ConnectionCallID",
                connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
                /// The recording device's type (no value list in the sources).
                recording_device_type: u16 => "RecordingDeviceType",
                $($fixed)*
            }
            floating {
                connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
                recording_device_id: RECORDING_DEVICE_ID => String "RecordingDeviceID",
                $($floating)*
            }
        }
    };
}

network_recording_event! {
    /// NETWORK_RECORDING_STARTED_EVENT (271, S→C, v23): network recording of a call started
    /// (numbered as V24-MC and RS, versions sheet §9 #2).
    NetworkRecordingStartedEvent = NETWORK_RECORDING_STARTED_EVENT(271) {} floating {}
}

network_recording_event! {
    /// NETWORK_RECORDING_ENDED_EVENT (272, S→C, v23): network recording of a call ended
    /// (numbered as V24-MC and RS, versions sheet §9 #2).
    NetworkRecordingEndedEvent = NETWORK_RECORDING_ENDED_EVENT(272) {} floating {}
}

network_recording_event! {
    /// NETWORK_RECORDING_FAILED_EVENT (273, S→C, v23): network recording of a call failed
    /// (numbered as V24-MC and RS, versions sheet §9 #2).
    NetworkRecordingFailedEvent = NETWORK_RECORDING_FAILED_EVENT(273) {
        /// Why recording failed (no value list in the sources).
        record_failure_cause: u16 => "RecordFailureCause",
    } floating {}
}

network_recording_event! {
    /// NETWORK_RECORDING_TARGET_INFO_EVENT (274, S→C, v23): where a call is recorded (versions
    /// sheet §5, tags 291–300; numbered as V24-MC and RS, §9 #2).
    NetworkRecordingTargetInfoEvent = NETWORK_RECORDING_TARGET_INFO_EVENT(274) {
        /// The kind of recording (no value list in the sources).
        recording_type: u16 => "RecordingType",
        /// The media forking device's type (no value list in the sources).
        media_forking_device_type: u16 => "MediaForkingDeviceType",
    } floating {
        recorder_address: RECORDER_ADDRESS => String "RecorderAddress",
        terminal_name: TERMINAL_NAME => String "TerminalName",
        media_forking_device_name: MEDIA_FORKING_DEVICE_NAME => String "MediaForkingDeviceName",
        protocol_reference_guid: PROTOCOL_REFERENCE_GUID => String "ProtocolReferenceGUID",
        media_forking_cluster_id: MEDIA_FORKING_CLUSTER_ID => String "MediaForkingClusterID",
        recorder_uri: RECORDER_URI => String "RecorderURI",
        recorder_error_msg: RECORDER_ERROR_MSG => String "RecorderErrorMsg",
        recorder_type: RECORDER_TYPE => UShort "RecorderType",
        recorder_status: RECORDER_STATUS => UShort "RecorderStatus",
    }
}

message! {
    /// SET_AGENT_SERVICE_DATA_REQ (283, C→S, v24): the services (agent answers, call
    /// transcription) in use on a call (versions sheet §4.4; V25-ALI gives the number, V24-CH
    /// the name). The answer-suggestion counts use tags 312 and 313, which v25 gives to
    /// MEDIA_TYPE and MEDIA_PROVIDER (§9 #11): they are in the v24 layout only.
    /// ⚠ TotalAnswersSuggestion has no documented tag and is not listed.
    SetAgentServiceDataReq = SET_AGENT_SERVICE_DATA_REQ(283) @ 24..: CLIENT_REQUEST {
        invoke_id: InvokeId => "InvokeID",
        router_call_key_day: u32 => "RouterCallKeyDay",
        router_call_key_call_id: u32 => "RouterCallKeyCallID",
        router_call_key_sequence_number: u32 => "RouterCallKeySequenceNumber",
        agent_skill_target_id: u32 => "AgentSkillTargetID",
    }
    floating {
        num_of_enabled_services: NUM_OF_ENABLED_SERVICES => UShort "NumOfEnabledServices",
        /// USHORT × NumOfEnabledServices in one field (1 Agent_Answers, 2
        /// Agent_Call_Transcription; sheet §6.7 ⚠).
        flt_enabled_services: FLT_ENABLED_SERVICES => Unspec "FltEnabledServices",
        num_positive_answers_suggestions: NUM_POSITIVE_ANSWERS_SUGGESTIONS => UShort
            "NumPositiveAnswersSuggestions" @ 24..25,
        num_negative_answers_suggestions: NUM_NEGATIVE_ANSWERS_SUGGESTIONS => UShort
            "NumNegativeAnswersSuggestions" @ 24..25,
    }
}

message! {
    /// SET_AGENT_SERVICE_DATA_CONF (284, S→C, v24): the answer to 283 (versions sheet §4.4;
    /// V25-ALI names the first field "NumInvokeID", read here as the InvokeID every
    /// confirmation starts with).
    SetAgentServiceDataConf = SET_AGENT_SERVICE_DATA_CONF(284) @ 24.. {
        invoke_id: InvokeId => "InvokeID",
        /// The outcome.
        status: StatusCode => "Status",
    }
}
