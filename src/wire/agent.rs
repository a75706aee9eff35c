//! Agent events and requests (spec §3.9, §3.16–3.19).

use super::codes::{AgentAvailabilityStatus, AgentState, PeripheralType};
use super::message::{group, message};

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
    }
    floating {
        cti_client_signature: CLIENT_SIGNATURE => String "CTIClientSignature",
        agent_id: AGENT_ID => String "AgentID",
        agent_extension: AGENT_EXTENSION => String "AgentExtension",
        agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
        duration: DURATION => UInt "Duration",
        next_agent_state: EXT_AGENT_STATE => UShort "NextAgentState",
    }
    groups {
        /// The agent's skill groups, when NumFltSkillGroups is not 0.
        flt_skill_groups: FltSkillGroup,
    }
}
