//! Message types as data: which ones a v15 client may send, and which mask bit lets an event
//! through to a session.

use crate::wire::codes::{AgentState, AgentStateMask, CallMsgMask};
use crate::wire::MessageType;

/// Every client-to-server message type of the v15 table (spec §2) that the session hands to the
/// application, in number order. OPEN_REQ, HEARTBEAT_REQ and CLOSE_REQ are answered by the
/// session itself. 230 and 232 (CONFIG_REQUEST_KEY_EVENT, CONFIG_REQUEST_EVENT) are listed
/// although the v15 table calls them reserved, because real v15 clients send them (spec §8 #4);
/// TEAM_CONFIG_REQ is taken at 242, the numbering of real traffic and later tables.
pub(crate) const CLIENT_REQUESTS: &[u32] = &[
    26,  // SET_CALL_DATA_REQ
    28,  // RELEASE_CALL_REQ
    32,  // CLIENT_EVENT_REPORT_REQ
    36,  // QUERY_AGENT_STATE_REQ
    38,  // SET_AGENT_STATE_REQ
    40,  // ALTERNATE_CALL_REQ
    42,  // ANSWER_CALL_REQ
    44,  // CLEAR_CALL_REQ
    46,  // CLEAR_CONNECTION_REQ
    48,  // CONFERENCE_CALL_REQ
    50,  // CONSULTATION_CALL_REQ
    52,  // DEFLECT_CALL_REQ
    54,  // HOLD_CALL_REQ
    56,  // MAKE_CALL_REQ
    58,  // MAKE_PREDICTIVE_CALL_REQ
    60,  // RECONNECT_CALL_REQ
    62,  // RETRIEVE_CALL_REQ
    64,  // TRANSFER_CALL_REQ
    78,  // QUERY_DEVICE_INFO_REQ
    82,  // SNAPSHOT_CALL_REQ
    84,  // SNAPSHOT_DEVICE_REQ
    91,  // SEND_DTMF_SIGNAL_REQ
    93,  // MONITOR_START_REQ
    95,  // MONITOR_STOP_REQ
    97,  // CHANGE_MONITOR_MASK_REQ
    101, // SESSION_MONITOR_START_REQ
    103, // SESSION_MONITOR_STOP_REQ
    107, // USER_MESSAGE_REQ
    110, // REGISTER_VARIABLES_REQ
    112, // QUERY_AGENT_STATISTICS_REQ
    114, // QUERY_SKILL_GROUP_STATISTICS_REQ
    118, // SUPERVISOR_ASSIST_REQ
    121, // EMERGENCY_CALL_REQ
    124, // SUPERVISE_CALL_REQ
    126, // AGENT_TEAM_CONFIG_REQ
    129, // SET_APP_DATA_REQ
    131, // AGENT_DESK_SETTINGS_REQ
    133, // LIST_AGENT_TEAM_REQ
    135, // MONITOR_AGENT_TEAM_START_REQ
    137, // MONITOR_AGENT_TEAM_STOP_REQ
    139, // BAD_CALL_REQ
    141, // SET_DEVICE_ATTRIBUTES_REQ
    143, // REGISTER_SERVICE_REQ
    145, // UNREGISTER_SERVICE_REQ
    147, // START_RECORDING_REQ
    149, // STOP_RECORDING_REQ
    151, // MEDIA_LOGIN_REQ
    153, // MEDIA_LOGOUT_IND
    154, // MAKE_AGENT_ROUTABLE_IND
    155, // MAKE_AGENT_NOT_ROUTABLE_REQ
    157, // MAKE_AGENT_READY_IND
    158, // MAKE_AGENT_NOT_READY_REQ
    160, // OFFER_TASK_IND
    161, // OFFER_APPLICATION_TASK_REQ
    163, // START_TASK_IND
    164, // START_APPLICATION_TASK_REQ
    166, // PAUSE_TASK_IND
    167, // RESUME_TASK_IND
    168, // WRAPUP_TASK_IND
    169, // END_TASK_IND
    172, // AGENT_INTERRUPT_ACCEPTED_IND
    173, // AGENT_INTERRUPT_UNACCEPTED_IND
    175, // AGENT_INTERRUPT_DONE_ACCEPTED_IND
    176, // CHANGE_MAX_TASK_LIMIT_REQ
    178, // OVERRIDE_LIMIT_REQ
    180, // UPDATE_TASK_CONTEXT_IND
    181, // BEGIN_AGENT_INIT_IND
    182, // AGENT_INIT_REQ
    184, // END_AGENT_INIT_IND
    185, // TASK_INIT_IND
    187, // GET_PRECALL_MESSAGES_REQ
    201, // TASK_MONITOR_START_REQ
    203, // TASK_MONITOR_STOP_REQ
    205, // CHANGE_TASK_MONITOR_MASK_REQ
    208, // SET_APP_PATH_DATA_IND
    209, // TASK_INIT_REQ
    211, // ROUTE_REGISTER_EVENT
    214, // ROUTE_SELECT
    215, // ROUTE_END
    230, // CONFIG_REQUEST_KEY_EVENT
    232, // CONFIG_REQUEST_EVENT
    242, // TEAM_CONFIG_REQ
    249, // AGENT_GREETING_CONTROL_REQ
];

/// True if a v15 client may send `t` as a request the application answers.
pub(crate) fn is_client_request(t: MessageType) -> bool {
    CLIENT_REQUESTS.binary_search(&t.0).is_ok()
}

/// Call events and the CallMsgMask bit that selects each (spec §5.3).
const CALL_EVENT_MASKS: &[(u32, CallMsgMask)] = &[
    (9, CallMsgMask::CALL_DELIVERED),
    (10, CallMsgMask::CALL_ESTABLISHED),
    (11, CallMsgMask::CALL_HELD),
    (12, CallMsgMask::CALL_RETRIEVED),
    (13, CallMsgMask::CALL_CLEARED),
    (14, CallMsgMask::CALL_CONNECTION_CLEARED),
    (15, CallMsgMask::CALL_ORIGINATED),
    (16, CallMsgMask::CALL_FAILED),
    (17, CallMsgMask::CALL_CONFERENCED),
    (18, CallMsgMask::CALL_TRANSFERRED),
    (19, CallMsgMask::CALL_DIVERTED),
    (20, CallMsgMask::CALL_SERVICE_INITIATED),
    (21, CallMsgMask::CALL_QUEUED),
    (22, CallMsgMask::CALL_TRANSLATION_ROUTE),
    (23, CallMsgMask::BEGIN_CALL),
    (24, CallMsgMask::END_CALL),
    (25, CallMsgMask::CALL_DATA_UPDATE),
    (34, CallMsgMask::CALL_REACHED_NETWORK),
    (86, CallMsgMask::CALL_DEQUEUED),
    (105, CallMsgMask::AGENT_PRE_CALL),
    (106, CallMsgMask::AGENT_PRE_CALL_ABORT),
    (116, CallMsgMask::RTP_STARTED),
    (117, CallMsgMask::RTP_STOPPED),
    (128, CallMsgMask::AGENT_TEAM_CONFIG),
    (189, CallMsgMask::AGENT_LEGACY_PRE_CALL),
    (240, CallMsgMask::CALL_ATTRIBUTE_CHANGE),
    (247, CallMsgMask::CALL_TERMINATION),
    (248, CallMsgMask::CALL_AGENT_GREETING),
];

/// The CallMsgMask bit that selects call event `t`, or `None` if `t` is not a masked call event.
pub(crate) fn call_event_mask(t: MessageType) -> Option<CallMsgMask> {
    CALL_EVENT_MASKS
        .iter()
        .find(|(id, _)| *id == t.0)
        .map(|(_, m)| *m)
}

/// Agent states and the AgentStateMask bit that selects each (spec §5.4). States without a bit
/// (UNKNOWN, the task states 11–14) are never masked out.
const AGENT_STATE_MASKS: &[(AgentState, AgentStateMask)] = &[
    (AgentState::LOGIN, AgentStateMask::LOGIN),
    (AgentState::LOGOUT, AgentStateMask::LOGOUT),
    (AgentState::NOT_READY, AgentStateMask::NOT_READY),
    (AgentState::AVAILABLE, AgentStateMask::AVAILABLE),
    (AgentState::TALKING, AgentStateMask::TALKING),
    (AgentState::WORK_NOT_READY, AgentStateMask::WORK_NOT_READY),
    (AgentState::WORK_READY, AgentStateMask::WORK_READY),
    (AgentState::BUSY_OTHER, AgentStateMask::BUSY_OTHER),
    (AgentState::RESERVED, AgentStateMask::RESERVED),
    (AgentState::HOLD, AgentStateMask::HOLD),
];

/// The AgentStateMask bit for `state`, if it has one.
pub(crate) fn agent_state_mask(state: AgentState) -> Option<AgentStateMask> {
    AGENT_STATE_MASKS
        .iter()
        .find(|(s, _)| *s == state)
        .map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_table_is_sorted_and_excludes_session_and_server_types() {
        assert!(CLIENT_REQUESTS.windows(2).all(|w| w[0] < w[1]));
        for t in [3, 4, 5, 6, 7, 8, 1, 2, 31, 37] {
            assert!(!is_client_request(MessageType(t)), "{t}");
        }
        assert!(is_client_request(MessageType(36)));
    }

    #[test]
    fn every_call_mask_bit_has_exactly_one_event() {
        let mut all = 0u32;
        for (_, m) in CALL_EVENT_MASKS {
            assert_eq!(m.0.count_ones(), 1);
            assert_eq!(all & m.0, 0, "bit used twice");
            all |= m.0;
        }
        assert_eq!(all, CallMsgMask::ALL.0);
    }

    #[test]
    fn every_agent_state_mask_bit_has_exactly_one_state() {
        let all = AGENT_STATE_MASKS.iter().fold(0, |a, (_, m)| a | m.0);
        assert_eq!(all, AgentStateMask::ALL.0);
        assert_eq!(
            agent_state_mask(AgentState::HOLD),
            Some(AgentStateMask::HOLD)
        );
        assert_eq!(agent_state_mask(AgentState::UNKNOWN), None);
    }
}
