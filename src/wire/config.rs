//! Configuration events (spec §2 230–245, §3.21): the PG's configuration (skill groups, agents,
//! services, devices, call types) sent to clients granted CTI_SERVICE_CONFIG_EVENTS.
//!
//! ⚠ The v15 table calls 216–235 reserved and puts TEAM_CONFIG_* at 236–238, but real v15
//! traffic carries CONFIG_* in 230–237; this follows the traffic and the later guide (spec §8
//! #4). The fixed parts are not documented for v15: those seen in real traffic (230–234, 236,
//! 237) have the shape of the captures, with the field names said to be inferred on each; the
//! others are kept whole. A record's fields are exposed as groups in wire order.

use super::codes::ConfigMsgMask;
use super::message::{config_keys, group, message, opaque};

group! {
    /// One skill group record of CONFIG_SKILL_GROUP_EVENT, in the order seen in real traffic. A
    /// record starts at its RecordType.
    pub struct SkillGroupRecord "SkillGroupRecords" {
        /// 0 add, 1 change, 2 delete ([`RecordType`](super::codes::RecordType)).
        record_type: RECORD_TYPE => Num "RecordType",
        peripheral_id: PERIPHERAL_ID => UInt "PeripheralID",
        peripheral_number: PERIPHERAL_NUMBER => Num "PeripheralNumber",
        skill_group_priority: SKILL_GROUP_PRIORITY => UShort "SkillGroupPriority",
        skill_group_skill_target_id: SKILL_GROUP_SKILL_TARGET_ID => Num "SkillGroupSkillTargetID",
        /// ⚠ Two bytes in real traffic, four elsewhere (spec §8 #20): read by its length.
        agent_skill_target_id: CONFIG_AGENT_SKILL_TARGET_ID => Num "AgentSkillTargetID",
        extension: EXTENSION => String "Extension",
        /// The skill group's name (e.g. "SG_2").
        peripheral_name: PERIPHERAL_NAME => String "PeripheralName",
        description: DESCRIPTION => String "Description",
        mr_domain_id: MR_DOMAIN_ID => UInt "MRDomainID",
        config_param: CONFIG_PARAM => String "ConfigParam",
    }
}

group! {
    /// One agent record of CONFIG_AGENT_EVENT, in the order seen in real traffic. The record's
    /// skill groups follow it; see [`ConfigAgentEvent::skills`].
    pub struct AgentRecord "AgentRecords" {
        /// 0 add, 1 change, 2 delete ([`RecordType`](super::codes::RecordType)).
        record_type: RECORD_TYPE => Num "RecordType",
        peripheral_id: PERIPHERAL_ID => UInt "PeripheralID",
        /// ⚠ Two bytes in real traffic (value 2 seen).
        agent_type: AGENT_TYPE => Num "AgentType",
        login_id: LOGIN_ID => String "LoginID",
        login_name: LOGIN_NAME => String "LoginName",
        last_name: LAST_NAME => String "LastName",
        first_name: FIRST_NAME => String "FirstName",
        extension: EXTENSION => String "Extension",
        description: DESCRIPTION => String "Description",
        agent_skill_target_id: AGENT_SKILL_TARGET_ID => Num "AgentSkillTargetID",
        num_skills: NUM_SKILLS => Num "NumSkills",
    }
}

group! {
    /// One skill group membership of an agent record (NumSkills of them after each record).
    pub struct AgentSkill "Skills" {
        skill_group_number: SKILL_GROUP_NUMBER => Int "SkillGroupNumber",
        skill_group_priority: SKILL_GROUP_PRIORITY => UShort "SkillGroupPriority",
    }
}

message! {
    /// CONFIG_REQUEST_KEY_EVENT (230, C→S): asks for the current configuration keys. ⚠ The one
    /// fixed UINT holds the PG's PeripheralID (5000) in real traffic; its name is inferred.
    // Inferred: undocumented for v15.
    ConfigRequestKeyEvent = CONFIG_REQUEST_KEY_EVENT(230): CLIENT_REQUEST | INFERRED {
        peripheral_id: u32 => "PeripheralID",
    }
    floating {
        customer_id: CUSTOMER_ID => UInt "CustomerID",
    }
}

message! {
    /// CONFIG_KEY_EVENT (231, S→C): the configuration keys, answering 230 (⚠ direction, spec
    /// §8 #18). ⚠ The meaning of the one fixed UINT is not known.
    // Inferred: undocumented for v15.
    ConfigKeyEvent = CONFIG_KEY_EVENT(231): INFERRED {
        /// Not documented.
        arg1: u32 => "Arg1",
    }
    with config_keys;
}

message! {
    /// CONFIG_REQUEST_EVENT (232, C→S): asks for configuration. ⚠ The first UINT (6 in real
    /// traffic) is plausibly the ConfigInformation mask (skill groups and agents, which is what
    /// follows), the second the PeripheralID; both names are inferred.
    // Inferred: undocumented for v15.
    ConfigRequestEvent = CONFIG_REQUEST_EVENT(232): CLIENT_REQUEST | INFERRED {
        config_information: ConfigMsgMask => "ConfigInformation",
        peripheral_id: u32 => "PeripheralID",
    }
    floating {
        customer_id: CUSTOMER_ID => UInt "CustomerID",
    }
    with config_keys;
}

message! {
    /// CONFIG_BEGIN_EVENT (233, S→C): configuration records follow. ⚠ The USHORT (1 in real
    /// traffic) is not documented; the UINT (6) is taken as the ConfigInformation mask.
    // Inferred: undocumented for v15.
    ConfigBeginEvent = CONFIG_BEGIN_EVENT(233): INFERRED {
        /// Not documented.
        config_kind: u16 => "ConfigKind",
        config_information: ConfigMsgMask => "ConfigInformation",
    }
    with config_keys;
}

message! {
    /// CONFIG_END_EVENT (234, S→C): the configuration records are complete. ⚠ The meaning of the
    /// one fixed UINT (0 in real traffic) is not known.
    // Inferred: undocumented for v15.
    ConfigEndEvent = CONFIG_END_EVENT(234): INFERRED {
        /// Not documented.
        arg1: u32 => "Arg1",
    }
}

message! {
    /// CONFIG_SKILL_GROUP_EVENT (236, S→C): skill group records (the V15 table puts
    /// TEAM_CONFIG_REQ here; real traffic does not, spec §8 #4).
    // Inferred: undocumented for v15.
    ConfigSkillGroupEvent = CONFIG_SKILL_GROUP_EVENT(236): INFERRED {
        /// Records in this message (⚠ name inferred).
        num_records: u16 => "NumRecords",
    }
    groups {
        /// The records.
        records: SkillGroupRecord,
    }
}

message! {
    /// CONFIG_AGENT_EVENT (237, S→C): agent records, each followed by its skill groups (the V15
    /// table puts TEAM_CONFIG_EVENT here; real traffic does not, spec §8 #4).
    // Inferred: one implementation only.
    ConfigAgentEvent = CONFIG_AGENT_EVENT(237): INFERRED {
        /// Records in this message (⚠ name inferred).
        num_records: u16 => "NumRecords",
    }
    groups {
        /// The records.
        records: AgentRecord,
        /// Every record's skill groups, in wire order: the first NumSkills belong to the first
        /// record, and so on.
        skills: AgentSkill,
    }
}

opaque! {
    /// CONFIG_SERVICE_EVENT (235, S→C): service records (later guide; not seen in v15 traffic).
    ConfigServiceEvent = CONFIG_SERVICE_EVENT(235);
    /// CONFIG_DEVICE_EVENT (238, S→C): device records (later guide; the V15 table puts
    /// TEAM_CONFIG_CONF here, spec §8 #4).
    ConfigDeviceEvent = CONFIG_DEVICE_EVENT(238);
    /// TEAM_CONFIG_REQ (242): numbered as in the later guide (236 in the V15 table).
    TeamConfigReq = TEAM_CONFIG_REQ(242): CLIENT_REQUEST;
    /// TEAM_CONFIG_EVENT (243): numbered as in the later guide (237 in the V15 table).
    TeamConfigEvent = TEAM_CONFIG_EVENT(243);
    /// TEAM_CONFIG_CONF (244): numbered as in the later guide (238 in the V15 table).
    TeamConfigConf = TEAM_CONFIG_CONF(244);
    /// CONFIG_CALL_TYPE_EVENT (245, S→C): call type records (later guide).
    ConfigCallTypeEvent = CONFIG_CALL_TYPE_EVENT(245);
}
