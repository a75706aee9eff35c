//! Message types as data: which ones a v15 client may send, and which mask bit lets an event
//! through to a session.

use crate::wire::codes::{AgentState, AgentStateMask, CallMsgMask};
use crate::wire::MessageType;

/// True if a v15 client may send `t` as a request the application answers.
/// The message table says which types these are ([`MessageSpec::is_client_request`]).
///
/// [`MessageSpec::is_client_request`]: crate::wire::MessageSpec::is_client_request
pub(crate) fn is_client_request(t: MessageType) -> bool {
    crate::wire::spec_of(t).is_some_and(|s| s.is_client_request())
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
    fn requests_exclude_session_and_server_types() {
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
        assert_eq!(all, CallMsgMask::valid_bits(crate::wire::Version::V15));
    }

    #[test]
    fn every_agent_state_mask_bit_has_exactly_one_state() {
        let all = AGENT_STATE_MASKS.iter().fold(0, |a, (_, m)| a | m.0);
        assert_eq!(all, AgentStateMask::valid_bits(crate::wire::Version::V15));
        assert_eq!(
            agent_state_mask(AgentState::HOLD),
            Some(AgentStateMask::HOLD)
        );
        assert_eq!(agent_state_mask(AgentState::UNKNOWN), None);
    }
}
