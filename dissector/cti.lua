-- Wireshark dissector for the Cisco CTI Server protocol (GED-188).
-- Generated from the cti-proto codec tables by `cargo run --example gen-dissector`;
-- do not edit: a test fails when this file differs from the tables.
-- 16 message types (87 fixed and 82 floating fields), 178 tags, 230 filterable
-- fields and 90 flag bits.

local cti = Proto("cti", "Cisco CTI Server Protocol")

cti.prefs.version = Pref.uint("Protocol version", 15,
  "Protocol version of the session (OPEN_REQ VersionNumber): below 20 floating fields have a "
  .. "one-byte tag and length, from 20 on two-byte ones")
cti.prefs.tcp_ports = Pref.range("TCP ports", "42027,43027",
  "TCP ports of the CTI Server (side A and side B)", 65535)

-- The Rust decoder's receive limit for MessageLength.
local MAX_BODY_LEN = 12492

-- Enumeration names (spec §5).
local VS = {}
VS[1] = { [0] = "E_CTI_NO_ERROR", [1] = "E_CTI_INVALID_VERSION", [2] = "E_CTI_INVALID_MESSAGE_TYPE", [3] = "E_CTI_INVALID_FIELD_TAG", [4] = "E_CTI_SESSION_NOT_OPEN", [5] = "E_CTI_SESSION_ALREADY_OPEN", [6] = "E_CTI_REQUIRED_DATA_MISSING", [7] = "E_CTI_INVALID_PERIPHERAL_ID", [8] = "E_CTI_INVALID_AGENT_DATA", [9] = "E_CTI_AGENT_NOT_LOGGED_ON", [10] = "E_CTI_DEVICE_IN_USE", [11] = "E_CTI_NEW_SESSION_OPENED", [12] = "E_CTI_FUNCTION_NOT_AVAILABLE", [13] = "E_CTI_INVALID_CALLID", [14] = "E_CTI_PROTECTED_VARIABLE", [15] = "E_CTI_CTI_SERVER_OFFLINE", [16] = "E_CTI_TIMEOUT", [17] = "E_CTI_UNSPECIFIED_FAILURE", [18] = "E_CTI_INVALID_TIMEOUT", [19] = "E_CTI_INVALID_SERVICE_MASK", [20] = "E_CTI_INVALID_CALL_MSG_MASK", [21] = "E_CTI_INVALID_AGENT_STATE_MASK", [22] = "E_CTI_INVALID_RESERVED_FIELD", [23] = "E_CTI_INVALID_FIELD_LENGTH", [24] = "E_CTI_INVALID_DIGITS", [25] = "E_CTI_BAD_MESSAGE_FORMAT", [26] = "E_CTI_INVALID_TAG_FOR_MSG_TYPE", [27] = "E_CTI_INVALID_DEVICE_ID_TYPE", [28] = "E_CTI_INVALID_LCL_CONN_STATE", [29] = "E_CTI_INVALID_EVENT_CAUSE", [30] = "E_CTI_INVALID_NUM_PARTIES", [31] = "E_CTI_INVALID_SYS_EVENT_ID", [32] = "E_CTI_INCONSISTENT_AGENT_DATA", [33] = "E_CTI_INVALID_CONNECTION_ID_TYPE", [34] = "E_CTI_INVALID_CALL_TYPE", [35] = "E_CTI_NOT_CALL_PARTY", [36] = "E_CTI_INVALID_PASSWORD", [37] = "E_CTI_CLIENT_DISCONNECTED", [38] = "E_CTI_INVALID_OBJECT_STATE", [39] = "E_CTI_INVALID_NUM_SKILL_GROUPS", [40] = "E_CTI_INVALID_NUM_LINES", [41] = "E_CTI_INVALID_LINE_TYPE", [42] = "E_CTI_INVALID_ALLOCATION_STATE", [43] = "E_CTI_INVALID_ANSWERING_MACHINE", [44] = "E_CTI_INVALID_CALL_MANNER_TYPE", [45] = "E_CTI_INVALID_CALL_PLACEMENT_TYPE", [46] = "E_CTI_INVALID_CONSULT_TYPE", [47] = "E_CTI_INVALID_FACILITY_TYPE", [48] = "E_CTI_INVALID_MSG_TYPE_FOR_VERSION", [49] = "E_CTI_INVALID_TAG_FOR_VERSION", [50] = "E_CTI_INVALID_AGENT_WORK_MODE", [51] = "E_CTI_INVALID_CALL_OPTION", [52] = "E_CTI_INVALID_DESTINATION_COUNTRY", [53] = "E_CTI_INVALID_ANSWER_DETECT_MODE", [54] = "E_CTI_MUTUALLY_EXCLUS_DEVICEID_TYPES", [55] = "E_CTI_INVALID_MONITORID", [56] = "E_CTI_SESSION_MONITOR_ALREADY_EXISTS", [57] = "E_CTI_SESSION_MONITOR_IS_CLIENTS", [58] = "E_CTI_INVALID_CALL_CONTROL_MASK", [59] = "E_CTI_INVALID_FEATURE_MASK", [60] = "E_CTI_INVALID_TRANSFER_CONFERENCE_SETUP_MASK", [61] = "E_CTI_INVALID_ARRAY_INDEX", [62] = "E_CTI_INVALID_CHARACTER", [63] = "E_CTI_CLIENT_NOT_FOUND", [64] = "E_CTI_SUPERVISOR_NOT_FOUND", [65] = "E_CTI_TEAM_NOT_FOUND", [66] = "E_CTI_NO_CALL_ACTIVE", [67] = "E_CTI_NAMED_VARIABLE_NOT_CONFIGURED", [68] = "E_CTI_NAMED_ARRAY_NOT_CONFIGURED", [69] = "E_CTI_INVALID_CALL_VARIABLE_MASK", [70] = "E_CTI_ELEMENT_NOT_FOUND", [71] = "E_CTI_INVALID_DISTRIBUTION_TYPE", [72] = "E_CTI_INVALID_SKILL_GROUP", [73] = "E_CTI_TOO_MUCH_DATA", [74] = "E_CTI_VALUE_TOO_LONG", [75] = "E_CTI_SCALAR_FUNCTION_ON_ARRAY", [76] = "E_CTI_ARRAY_FUNCTION_ON_SCALAR", [77] = "E_CTI_INVALID_NUM_NAMED_VARIABLES", [78] = "E_CTI_INVALID_NUM_NAMED_ARRAYS", [79] = "E_CTI_INVALID_RTP_DIRECTION", [80] = "E_CTI_INVALID_RTP_TYPE", [81] = "E_CTI_CALLED_PARTY_DISPOSITION", [82] = "E_CTI_INVALID_SUPERVISORY_ACTION", [83] = "E_CTI_AGENT_TEAM_MONITOR_ALREADY_EXISTS", [84] = "E_CTI_INVALID_SERVICE", [85] = "E_CTI_SERVICE_CONFLICT", [86] = "E_CTI_SKILL_GROUP_CONFLICT", [87] = "E_CTI_INVALID_DEVICE", [88] = "E_CTI_INVALID_MR_DOMAIN", [89] = "E_CTI_MONITOR_ALREADY_EXISTS", [90] = "E_CTI_MONITOR_TERMINATED", [91] = "E_CTI_INVALID_TASK_MSG_MASK", [92] = "E_CTI_SERVER_NOT_MASTER", [93] = "E_CTI_INVALID_CSD", [94] = "E_CTI_JTAPI_CCM_PROBLEM", [95] = "E_INVALID_CONFIG_MSG_MASK", [96] = "E_CTI_AUTO_CONFIG_RESET", [97] = "E_CTI_INVALID_MONITOR_STATUS", [98] = "E_CTI_INVALID_REQUEST_TYPE", }
VS[7] = { [0] = "false", [1] = "true", }
VS[8] = { [1] = "PT_ASPECT", [2] = "PT_MERIDIAN", [3] = "PT_G2", [4] = "PT_DEFINITY_ECS_NON_EAS", [5] = "PT_DEFINITY_ECS_EAS", [6] = "PT_GALAXY", [7] = "PT_SPECTRUM", [8] = "PT_VRU", [9] = "PT_VRU_POLLED", [10] = "PT_DMS100", [11] = "PT_SIEMENS_9006", [12] = "PT_SIEMENS_9005", [13] = "PT_ALCATEL", [14] = "PT_NEC_NEAX_2x00", [15] = "PT_ACP_1000", [16] = "PT_SYMPOSIUM", [17] = "PT_ENTERPRISE_AGENT", [18] = "PT_MD110", [19] = "PT_MEDIA_ROUTING", [20] = "PT_GENERIC", [21] = "PT_ACMI_CRS", [22] = "PT_ACMI_IPCC", [23] = "PT_SIMPLIFIED_IPCC", [24] = "PT_ARS", [25] = "PT_ACMI_ERS", [26] = "PT_ACMI_EXPERT_ADVISOR", [65535] = "PT_NONE", }
VS[9] = { [0] = "AGENT_STATE_LOGIN", [1] = "AGENT_STATE_LOGOUT", [2] = "AGENT_STATE_NOT_READY", [3] = "AGENT_STATE_AVAILABLE", [4] = "AGENT_STATE_TALKING", [5] = "AGENT_STATE_WORK_NOT_READY", [6] = "AGENT_STATE_WORK_READY", [7] = "AGENT_STATE_BUSY_OTHER", [8] = "AGENT_STATE_RESERVED", [9] = "AGENT_STATE_UNKNOWN", [10] = "AGENT_STATE_HOLD", [11] = "AGENT_STATE_ACTIVE", [12] = "AGENT_STATE_PAUSED", [13] = "AGENT_STATE_INTERRUPTED", [14] = "AGENT_STATE_NOT_ACTIVE", }
VS[10] = { [1] = "CALLTYPE_ACD_IN", [2] = "CALLTYPE_PREROUTE_ACD_IN", [3] = "CALLTYPE_PREROUTE_DIRECT_AGENT", [4] = "CALLTYPE_TRANSFER_IN", [5] = "CALLTYPE_OVERFLOW_IN", [6] = "CALLTYPE_OTHER_IN", [7] = "CALLTYPE_AUTO_OUT", [8] = "CALLTYPE_AGENT_OUT", [9] = "CALLTYPE_OUT", [10] = "CALLTYPE_AGENT_INSIDE", [11] = "CALLTYPE_OFFERED", [12] = "CALLTYPE_CONSULT", [13] = "CALLTYPE_CONSULT_OFFERED", [14] = "CALLTYPE_CONSULT_CONFERENCE", [15] = "CALLTYPE_CONFERENCE", [16] = "CALLTYPE_UNMONITORED", [17] = "CALLTYPE_PREVIEW", [18] = "CALLTYPE_RESERVATION", [19] = "CALLTYPE_ASSIST", [20] = "CALLTYPE_EMERGENCY", [21] = "CALLTYPE_SUPERVISOR_MONITOR", [22] = "CALLTYPE_SUPERVISOR_WHISPER", [23] = "CALLTYPE_SUPERVISOR_BARGEIN", [24] = "CALLTYPE_SUPERVISOR_INTERCEPT", [25] = "CALLTYPE_TASK_ROUTED_BY_ICM", [26] = "CALLTYPE_TASK_ROUTED_BY_APPLICATION", [38] = "CALLTYPE_NON_ACD", [39] = "CALLTYPE_PLAY_AGENT_GREETING", [40] = "CALLTYPE_RECORD_AGENT_GREETING", [41] = "CALLTYPE_VOICE_CALL_BACK", [65535] = "NULL_CALLTYPE", }
VS[11] = { [0] = "CONNECTION_ID_STATIC", [1] = "CONNECTION_ID_DYNAMIC", [65535] = "CONNECTION_ID_NONE", }
VS[12] = { [0] = "NOT_AVAILABLE", [1] = "ICM_AVAILABLE", [2] = "APPLICATION_AVAILABLE", }
VS[13] = { [1] = "SYS_CENTRAL_CONTROLLER_ONLINE", [2] = "SYS_CENTRAL_CONTROLLER_OFFLINE", [3] = "SYS_PERIPHERAL_ONLINE", [4] = "SYS_PERIPHERAL_OFFLINE", [5] = "SYS_TEXT_FYI", [6] = "SYS_PERIPHERAL_GATEWAY_OFFLINE", [7] = "SYS_CTI_SERVER_OFFLINE", [8] = "SYS_CTI_SERVER_ONLINE", [9] = "SYS_HALF_HOUR_CHANGE", [10] = "SYS_INSTRUMENT_OUT_OF_SERVICE", [11] = "SYS_INSTRUMENT_BACK_IN_SERVICE", }
VS[14] = { [0] = "DEVID_DEVICE_IDENTIFIER", [70] = "DEVID_TRUNK_IDENTIFIER", [71] = "DEVID_TRUNK_GROUP_IDENTIFIER", [72] = "DEVID_IP_PHONE_MAC_IDENTIFIER", [73] = "DEVID_CTI_PORT", [74] = "DEVID_ROUTE_POINT", [75] = "DEVID_EXTERNAL", [76] = "DEVID_AGENT_DEVICE", [77] = "DEVID_QUEUE", [78] = "DEVID_NON_ACD_DEVICE_IDENTIFIER", [79] = "DEVID_SHARED_DEVICE_IDENTIFIER", [65535] = "DEVID_NONE", }
VS[15] = { [0] = "NORMAL", [1] = "WARNING", [2] = "ERROR", }
VS[16] = { [0] = "CF_GENERIC_UNSPECIFIED", [1] = "CF_GENERIC_OPERATION", [2] = "CF_REQUEST_INCOMPATIBLE_WITH_OBJECT", [3] = "CF_VALUE_OUT_OF_RANGE", [4] = "CF_OBJECT_NOT_KNOWN", [256] = "CF_INVALID_AGENT_ID_SPECIFIED", [257] = "CF_INVALID_PASSWORD_SPECIFIED", [259] = "CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON", [265] = "CF_INVALID_AGENT_WORKMODE", [266] = "CF_INVALID_AGENT_REASON_CODE", [281] = "CF_REASON_CODE_REQUIRED", [1016] = "CF_AGENT_GREETING_CONTROL_OPERATION_FAILURE", }
-- Mask bits in the codec's order, for the text after a mask's value.
local VM = {}
VM[2] = { { 0x1, "CTI_SERVICE_CLIENT_EVENTS" }, { 0x2, "CTI_SERVICE_CALL_DATA_UPDATE" }, { 0x4, "CTI_SERVICE_CLIENT_CONTROL" }, { 0x8, "CTI_SERVICE_CONNECTION_MONITOR" }, { 0x10, "CTI_SERVICE_ALL_EVENTS" }, { 0x20, "CTI_SERVICE_PERIPHERAL_MONITOR" }, { 0x40, "CTI_SERVICE_CLIENT_MONITOR" }, { 0x80, "CTI_SERVICE_SUPERVISOR" }, { 0x100, "CTI_SERVICE_SERVER" }, { 0x200, "CTI_SERVICE_RESERVED9" }, { 0x400, "CTI_SERVICE_AGENT_REPORTING" }, { 0x800, "CTI_SERVICE_ALL_TASK_EVENTS" }, { 0x1000, "CTI_SERVICE_TASK_MONITOR" }, { 0x2000, "CTI_AGENT_STATE_CONTROL_ONLY" }, { 0x8000, "CTI_DEVICE_STATE_CONTROL" }, { 0x40000, "CTI_SERVICE_CONFIG_EVENTS" }, { 0x80000, "CTI_SERVICE_UPDATE_EVENTS" }, { 0x100000, "CTI_SERVICE_IGNORE_DUPLICATE_AGENT_EVENTS" }, { 0x200000, "CTI_SERVICE_IGNORE_CONF" }, { 0x400000, "CTI_SERVICE_ACD_LINE_ONLY" }, { 0x80000000, "CTI_SERVICE_DEBUG" }, }
VM[3] = { { 0x1, "CALL_DELIVERED_MASK" }, { 0x2, "CALL_QUEUED_MASK" }, { 0x4, "CALL_ESTABLISHED_MASK" }, { 0x8, "CALL_HELD_MASK" }, { 0x10, "CALL_RETRIEVED_MASK" }, { 0x20, "CALL_CLEARED_MASK" }, { 0x40, "CALL_CONNECTION_CLEARED_MASK" }, { 0x80, "CALL_ORIGINATED_MASK" }, { 0x100, "CALL_CONFERENCED_MASK" }, { 0x200, "CALL_TRANSFERRED_MASK" }, { 0x400, "CALL_DIVERTED_MASK" }, { 0x800, "CALL_SERVICE_INITIATED_MASK" }, { 0x1000, "CALL_TRANSLATION_ROUTE_MASK" }, { 0x2000, "BEGIN_CALL_MASK" }, { 0x4000, "END_CALL_MASK" }, { 0x8000, "CALL_DATA_UPDATE_MASK" }, { 0x10000, "CALL_FAILED_MASK" }, { 0x20000, "CALL_REACHED_NETWORK_MASK" }, { 0x40000, "CALL_DEQUEUED_MASK" }, { 0x80000, "AGENT_PRE_CALL_MASK" }, { 0x100000, "AGENT_PRE_CALL_ABORT_MASK" }, { 0x200000, "RTP_STARTED_MASK" }, { 0x400000, "RTP_STOPPED_MASK" }, { 0x800000, "AGENT_TEAM_CONFIG_MASK" }, { 0x1000000, "AGENT_LEGACY_PRE_CALL_MASK" }, { 0x2000000, "CALL_ATTRIBUTE_CHANGE_MASK" }, { 0x4000000, "CALL_TERMINATION_MASK" }, { 0x8000000, "CALL_AGENT_GREETING_MASK" }, }
VM[4] = { { 0x1, "AGENT_LOGIN_MASK" }, { 0x2, "AGENT_LOGOUT_MASK" }, { 0x4, "AGENT_NOT_READY_MASK" }, { 0x8, "AGENT_AVAILABLE_MASK" }, { 0x10, "AGENT_TALKING_MASK" }, { 0x20, "AGENT_WORK_NOT_READY_MASK" }, { 0x40, "AGENT_WORK_READY_MASK" }, { 0x80, "AGENT_BUSY_OTHER_MASK" }, { 0x100, "AGENT_RESERVED_MASK" }, { 0x200, "AGENT_HOLD_MASK" }, }
VM[5] = { { 0x1, "CONFIG_SERVICE_MASK" }, { 0x2, "CONFIG_SKILL_GROUP_MASK" }, { 0x4, "CONFIG_AGENT_MASK" }, { 0x8, "CONFIG_DEVICE_MASK" }, { 0x10, "CONFIG_CALL_TYPE_MASK" }, }
VM[6] = { { 0x1, "PGS_OPC_DOWN" }, { 0x2, "PGS_CC_DOWN" }, { 0x4, "PGS_PERIPHERAL_OFFLINE" }, { 0x8, "PGS_CTI_SERVER_OFFLINE" }, { 0x10, "PGS_LIMITED_FUNCTION" }, }

local MESSAGE_NAMES = {
  [1] = "FAILURE_CONF",
  [2] = "FAILURE_EVENT",
  [3] = "OPEN_REQ",
  [4] = "OPEN_CONF",
  [5] = "HEARTBEAT_REQ",
  [6] = "HEARTBEAT_CONF",
  [7] = "CLOSE_REQ",
  [8] = "CLOSE_CONF",
  [23] = "BEGIN_CALL_EVENT",
  [24] = "END_CALL_EVENT",
  [25] = "CALL_DATA_UPDATE_EVENT",
  [30] = "AGENT_STATE_EVENT",
  [31] = "SYSTEM_EVENT",
  [32] = "CLIENT_EVENT_REPORT_REQ",
  [33] = "CLIENT_EVENT_REPORT_CONF",
  [35] = "CONTROL_FAILURE_CONF",
}

local TAG_NAMES = {
  [1] = "CLIENT_ID",
  [2] = "CLIENT_PASSWORD",
  [3] = "CLIENT_SIGNATURE",
  [4] = "AGENT_EXTENSION",
  [5] = "AGENT_ID",
  [6] = "AGENT_INSTRUMENT",
  [7] = "TEXT",
  [8] = "ANI",
  [9] = "UUI",
  [10] = "DNIS",
  [11] = "DIALED_NUMBER",
  [12] = "CED",
  [13] = "CALL_VAR_1",
  [14] = "CALL_VAR_2",
  [15] = "CALL_VAR_3",
  [16] = "CALL_VAR_4",
  [17] = "CALL_VAR_5",
  [18] = "CALL_VAR_6",
  [19] = "CALL_VAR_7",
  [20] = "CALL_VAR_8",
  [21] = "CALL_VAR_9",
  [22] = "CALL_VAR_10",
  [23] = "CTI_CLIENT_SIGNATURE",
  [24] = "CTI_CLIENT_TIMESTAMP",
  [25] = "CONNECTION_DEVID",
  [26] = "ALERTING_DEVID",
  [27] = "CALLING_DEVID",
  [28] = "CALLED_DEVID",
  [29] = "LAST_REDIRECT_DEVID",
  [30] = "ANSWERING_DEVID",
  [31] = "HOLDING_DEVID",
  [32] = "RETRIEVING_DEVID",
  [33] = "RELEASING_DEVID",
  [34] = "FAILING_DEVID",
  [35] = "PRIMARY_DEVID",
  [36] = "SECONDARY_DEVID",
  [37] = "CONTROLLER_DEVID",
  [38] = "ADDED_PARTY_DEVID",
  [39] = "PARTY_CALLID",
  [40] = "PARTY_DEVID_TYPE",
  [41] = "PARTY_DEVID",
  [42] = "TRANSFERRING_DEVID",
  [43] = "TRANSFERRED_DEVID",
  [44] = "DIVERTING_DEVID",
  [45] = "QUEUE_DEVID",
  [46] = "CALL_WRAPUP_DATA",
  [47] = "NEW_CONNECTION_DEVID",
  [48] = "TRUNK_USED_DEVID",
  [49] = "AGENT_PASSWORD",
  [50] = "ACTIVE_CONN_DEVID",
  [51] = "FACILITY_CODE",
  [52] = "OTHER_CONN_DEVID",
  [53] = "HELD_CONN_DEVID",
  [56] = "CALL_CONN_CALLID",
  [57] = "CALL_CONN_DEVID_TYPE",
  [58] = "CALL_CONN_DEVID",
  [59] = "CALL_DEVID_TYPE",
  [60] = "CALL_DEVID",
  [61] = "CALL_DEV_CONN_STATE",
  [62] = "SKILL_GROUP_NUMBER",
  [63] = "SKILL_GROUP_ID",
  [64] = "SKILL_GROUP_PRIORITY",
  [65] = "SKILL_GROUP_STATE",
  [66] = "OBJECT_NAME",
  [67] = "DTMF_STRING",
  [68] = "POSITION_ID",
  [69] = "SUPERVISOR_ID",
  [70] = "LINE_HANDLE",
  [71] = "LINE_TYPE",
  [72] = "ROUTER_CALL_KEY_DAY",
  [73] = "ROUTER_CALL_KEY_CALLID",
  [75] = "CALL_STATE",
  [76] = "MONITORED_DEVID",
  [77] = "AUTHORIZATION_CODE",
  [78] = "ACCOUNT_CODE",
  [79] = "ORIGINATING_DEVID",
  [80] = "ORIGINATING_LINE_ID",
  [81] = "CLIENT_ADDRESS",
  [82] = "NAMED_VARIABLE",
  [83] = "NAMED_ARRAY",
  [84] = "CALL_CONTROL_TABLE",
  [85] = "SUPERVISOR_INSTRUMENT",
  [86] = "ATC_AGENT_ID",
  [87] = "AGENT_FLAGS",
  [88] = "ATC_AGENT_STATE",
  [89] = "ATC_STATE_DURATION",
  [90] = "AGENT_CONNECTION_DEVID",
  [91] = "SUPERVISOR_CONNECTION_DEVID",
  [92] = "LIST_TEAM_ID",
  [93] = "DEFAULT_DEVICE_PORT_ADDRESS",
  [94] = "SERVICE_NAME",
  [95] = "CUSTOMER_PHONE_NUMBER",
  [96] = "CUSTOMER_ACCOUNT_NUMBER",
  [97] = "APP_PATH_ID",
  [99] = "SCRIPT_SELECTOR",
  [100] = "APPLICATION_STRING1",
  [101] = "APPLICATION_STRING2",
  [110] = "ROUTER_CALL_KEY_SEQUENCE_NUM",
  [121] = "TRUNK_NUMBER",
  [122] = "TRUNK_GROUP_NUMBER",
  [123] = "EXT_AGENT_STATE",
  [124] = "DEQUEUE_TYPE",
  [125] = "SENDING_ADDRESS",
  [126] = "SENDING_PORT",
  [129] = "MAX_QUEUED",
  [130] = "QUEUE_ID",
  [131] = "CUSTOMER_ID",
  [132] = "SERVICE_SKILL_TARGET_ID",
  [133] = "PERIPHERAL_NAME",
  [134] = "DESCRIPTION",
  [135] = "SERVICE_MEMBER_ID",
  [136] = "SERVICE_MEMBER_PRIORITY",
  [137] = "FIRST_NAME",
  [138] = "LAST_NAME",
  [139] = "SKILL_GROUP",
  [141] = "AGENT_SKILL_TARGET_ID",
  [142] = "SERVICE",
  [150] = "DURATION",
  [173] = "EXTENSION",
  [174] = "SERVICE_LEVEL_THRESHOLD",
  [175] = "SERVICE_LEVEL_TYPE",
  [176] = "CONFIG_PARAM",
  [177] = "SERVICE_CONFIG_KEY",
  [178] = "SKILL_GROUP_CONFIG_KEY",
  [179] = "AGENT_CONFIG_KEY",
  [180] = "DEVICE_CONFIG_KEY",
  [183] = "RECORD_TYPE",
  [184] = "PERIPHERAL_NUMBER",
  [185] = "CONFIG_AGENT_SKILL_TARGET_ID",
  [186] = "NUM_SERVICE_MEMBERS",
  [187] = "SERVICE_MEMBER",
  [188] = "SERVICE_PRIORITY",
  [189] = "AGENT_TYPE",
  [190] = "LOGIN_ID",
  [191] = "NUM_SKILLS",
  [192] = "SKILL_GROUP_SKILL_TARGET_ID",
  [193] = "SERVICE_ID",
  [194] = "AGENT_ID_LONG",
  [195] = "DEVICE_TYPE",
  [198] = "ENABLE",
  [199] = "DEVICEID",
  [200] = "TIMEOUT",
  [201] = "CURRENT_ROUTE",
  [202] = "SECONDARY_CONNECTION_CALL_ID",
  [203] = "PRIORITY_QUEUE_NUMBER",
  [204] = "TEAM_NAME",
  [205] = "MEMBER_TYPE",
  [206] = "EVENT_DEVICE_ID",
  [207] = "LOGIN_NAME",
  [208] = "PERIPHERAL_ID",
  [209] = "CALL_TYPE_KEY_CONFIG",
  [210] = "CALL_TYPE_ID",
  [211] = "CUSTOMER_DEFINITION_ID",
  [212] = "ENTERPRISE_NAME",
  [213] = "OLD_PERIPHERAL_NUMBER",
  [214] = "CUR_LOGIN_ID",
  [215] = "ANI_II",
  [216] = "MR_DOMAIN_ID",
  [217] = "CTIOS_CIL_CLIENT_ID",
  [218] = "SILENT_MONITOR_STATUS",
  [219] = "REQUESTING_DEVICE_ID",
  [220] = "REQUESTING_DEVICE_ID_TYPE",
  [221] = "PRE_CALL_INVOKE_ID",
  [222] = "ENTERPRISE_QUEUE_TIME",
  [223] = "CALL_REFERENCE_ID",
  [224] = "MULTI_LINE_AGENT_CONTROL",
  [225] = "NETWORK_CONTROLLED",
  [226] = "CLIENT_ADDRESS_IPV6",
  [227] = "SENDING_ADDRESS_IPV6",
  [228] = "NUM_PERIPHERALS",
  [229] = "COC_CONNECTION_CALL_ID",
  [230] = "COC_CONNECTION_DEVICE_ID_TYPE",
  [231] = "COC_CONNECTION_DEVICE_ID",
  [232] = "CALL_ORIGINATED_FROM",
  [233] = "SET_APPDATA_CALLID",
  [234] = "CLIENT_SHARE_KEY",
  [243] = "AGENT_TEAM_NAME",
  [244] = "DIRECTION",
}

-- Fields, one per spec field name.
local F = {}
F[1] = ProtoField.uint32("cti.invoke_id", "InvokeID", base.DEC)
F[2] = ProtoField.uint32("cti.status", "Status", base.DEC, VS[1])
F[3] = ProtoField.uint32("cti.version_number", "VersionNumber", base.DEC)
F[4] = ProtoField.uint32("cti.idle_timeout", "IdleTimeout", base.DEC)
F[5] = ProtoField.uint32("cti.peripheral_id", "PeripheralID", base.DEC)
F[6] = ProtoField.uint32("cti.services_requested", "ServicesRequested", base.HEX)
F[7] = ProtoField.uint32("cti.call_msg_mask", "CallMsgMask", base.HEX)
F[8] = ProtoField.uint32("cti.agent_state_mask", "AgentStateMask", base.HEX)
F[9] = ProtoField.uint32("cti.config_msg_mask", "ConfigMsgMask", base.HEX)
F[10] = ProtoField.uint32("cti.reserved1", "Reserved1", base.DEC)
F[11] = ProtoField.uint32("cti.reserved2", "Reserved2", base.DEC)
F[12] = ProtoField.uint32("cti.reserved3", "Reserved3", base.DEC)
F[13] = ProtoField.string("cti.client_id", "ClientID")
F[14] = ProtoField.bytes("cti.client_password", "ClientPassword")
F[15] = ProtoField.string("cti.client_signature", "ClientSignature")
F[16] = ProtoField.string("cti.agent_extension", "AgentExtension")
F[17] = ProtoField.string("cti.agent_id", "AgentID")
F[18] = ProtoField.string("cti.agent_instrument", "AgentInstrument")
F[19] = ProtoField.int32("cti.application_path_id", "ApplicationPathID", base.DEC)
F[20] = ProtoField.uint32("cti.services_granted", "ServicesGranted", base.HEX)
F[21] = ProtoField.uint32("cti.monitor_id", "MonitorID", base.DEC)
F[22] = ProtoField.uint32("cti.pg_status", "PGStatus", base.HEX)
F[23] = ProtoField.uint32("cti.icm_central_controller_time", "ICMCentralControllerTime", base.DEC)
F[24] = ProtoField.uint16("cti.peripheral_online", "PeripheralOnline", base.DEC, VS[7])
F[25] = ProtoField.uint16("cti.peripheral_type", "PeripheralType", base.DEC, VS[8])
F[26] = ProtoField.uint16("cti.agent_state", "AgentState", base.DEC, VS[9])
F[27] = ProtoField.uint16("cti.num_peripherals", "NumPeripherals", base.DEC)
F[28] = ProtoField.uint32("cti.flt_peripheral_id", "FltPeripheralID", base.DEC)
F[29] = ProtoField.uint16("cti.multiline_agent_control", "MultilineAgentControl", base.DEC)
F[30] = ProtoField.uint16("cti.num_cti_clients", "NumCTIClients", base.DEC)
F[31] = ProtoField.uint16("cti.num_named_variables", "NumNamedVariables", base.DEC)
F[32] = ProtoField.uint16("cti.num_named_arrays", "NumNamedArrays", base.DEC)
F[33] = ProtoField.uint16("cti.call_type", "CallType", base.DEC, VS[10])
F[34] = ProtoField.uint16("cti.connection_device_id_type", "ConnectionDeviceIDType", base.DEC, VS[11])
F[35] = ProtoField.uint32("cti.connection_call_id", "ConnectionCallID", base.DEC)
F[36] = ProtoField.uint16("cti.called_party_disposition", "CalledPartyDisposition", base.DEC)
F[37] = ProtoField.string("cti.connection_device_id", "ConnectionDeviceID")
F[38] = ProtoField.string("cti.ani", "ANI")
F[39] = ProtoField.bytes("cti.user_to_user_info", "UserToUserInfo")
F[40] = ProtoField.string("cti.dnis", "DNIS")
F[41] = ProtoField.string("cti.dialed_number", "DialedNumber")
F[42] = ProtoField.string("cti.caller_entered_digits", "CallerEnteredDigits")
F[43] = ProtoField.uint32("cti.router_call_key_day", "RouterCallKeyDay", base.DEC)
F[44] = ProtoField.uint32("cti.router_call_key_call_id", "RouterCallKeyCallID", base.DEC)
F[45] = ProtoField.uint32("cti.router_call_key_sequence_number", "RouterCallKeySequenceNumber", base.DEC)
F[46] = ProtoField.string("cti.call_variable1", "CallVariable1")
F[47] = ProtoField.string("cti.call_variable2", "CallVariable2")
F[48] = ProtoField.string("cti.call_variable3", "CallVariable3")
F[49] = ProtoField.string("cti.call_variable4", "CallVariable4")
F[50] = ProtoField.string("cti.call_variable5", "CallVariable5")
F[51] = ProtoField.string("cti.call_variable6", "CallVariable6")
F[52] = ProtoField.string("cti.call_variable7", "CallVariable7")
F[53] = ProtoField.string("cti.call_variable8", "CallVariable8")
F[54] = ProtoField.string("cti.call_variable9", "CallVariable9")
F[55] = ProtoField.string("cti.call_variable10", "CallVariable10")
F[56] = ProtoField.string("cti.call_wrapup_data", "CallWrapupData")
F[57] = ProtoField.bytes("cti.call_reference_id", "CallReferenceID")
F[58] = ProtoField.string("cti.named_variable", "NamedVariable")
F[59] = ProtoField.string("cti.named_array", "NamedArray")
F[60] = ProtoField.string("cti.cti_client_signature", "CTIClientSignature")
F[61] = ProtoField.uint32("cti.cti_client_timestamp", "CTIClientTimestamp", base.DEC)
F[62] = ProtoField.uint16("cti.new_connection_device_id_type", "NewConnectionDeviceIDType", base.DEC, VS[11])
F[63] = ProtoField.uint32("cti.new_connection_call_id", "NewConnectionCallID", base.DEC)
F[64] = ProtoField.uint32("cti.campaign_id", "CampaignID", base.DEC)
F[65] = ProtoField.uint32("cti.query_rule_id", "QueryRuleID", base.DEC)
F[66] = ProtoField.string("cti.new_connection_device_id", "NewConnectionDeviceID")
F[67] = ProtoField.string("cti.customer_phone_number", "CustomerPhoneNumber")
F[68] = ProtoField.string("cti.customer_account_number", "CustomerAccountNumber")
F[69] = ProtoField.uint32("cti.session_id", "SessionID", base.DEC)
F[70] = ProtoField.uint16("cti.skill_group_state", "SkillGroupState", base.DEC, VS[9])
F[71] = ProtoField.uint32("cti.state_duration", "StateDuration", base.DEC)
F[72] = ProtoField.uint32("cti.skill_group_number", "SkillGroupNumber", base.DEC)
F[73] = ProtoField.uint32("cti.skill_group_id", "SkillGroupID", base.DEC)
F[74] = ProtoField.uint16("cti.skill_group_priority", "SkillGroupPriority", base.DEC)
F[75] = ProtoField.uint16("cti.event_reason_code", "EventReasonCode", base.DEC)
F[76] = ProtoField.int32("cti.mrdid", "MRDID", base.DEC)
F[77] = ProtoField.uint32("cti.num_tasks", "NumTasks", base.DEC)
F[78] = ProtoField.uint16("cti.agent_mode", "AgentMode", base.DEC)
F[79] = ProtoField.uint32("cti.max_task_limit", "MaxTaskLimit", base.DEC)
F[80] = ProtoField.int32("cti.icm_agent_id", "ICMAgentID", base.DEC)
F[81] = ProtoField.uint32("cti.agent_availability_status", "AgentAvailabilityStatus", base.DEC, VS[12])
F[82] = ProtoField.uint16("cti.num_flt_skill_groups", "NumFltSkillGroups", base.DEC)
F[83] = ProtoField.uint32("cti.duration", "Duration", base.DEC)
F[84] = ProtoField.uint16("cti.next_agent_state", "NextAgentState", base.DEC)
F[85] = ProtoField.int32("cti.flt_skill_group_number", "FltSkillGroupNumber", base.DEC)
F[86] = ProtoField.uint32("cti.flt_skill_group_id", "FltSkillGroupID", base.DEC)
F[87] = ProtoField.uint16("cti.flt_skill_group_priority", "FltSkillGroupPriority", base.DEC)
F[88] = ProtoField.uint16("cti.flt_skill_group_state", "FltSkillGroupState", base.DEC)
F[89] = ProtoField.uint32("cti.system_event_id", "SystemEventID", base.DEC, VS[13])
F[90] = ProtoField.uint32("cti.system_event_arg1", "SystemEventArg1", base.DEC)
F[91] = ProtoField.uint32("cti.system_event_arg2", "SystemEventArg2", base.DEC)
F[92] = ProtoField.uint32("cti.system_event_arg3", "SystemEventArg3", base.DEC)
F[93] = ProtoField.uint16("cti.event_device_type", "EventDeviceType", base.DEC, VS[14])
F[94] = ProtoField.string("cti.text", "Text")
F[95] = ProtoField.string("cti.event_device_id", "EventDeviceID")
F[96] = ProtoField.uint16("cti.state", "State", base.DEC, VS[15])
F[97] = ProtoField.string("cti.object_name", "ObjectName")
F[98] = ProtoField.uint16("cti.failure_code", "FailureCode", base.DEC, VS[16])
F[99] = ProtoField.uint32("cti.peripheral_error_code", "PeripheralErrorCode", base.DEC)
F[100] = ProtoField.string("cti.alerting_devid", "ALERTING_DEVID")
F[101] = ProtoField.string("cti.calling_devid", "CALLING_DEVID")
F[102] = ProtoField.string("cti.called_devid", "CALLED_DEVID")
F[103] = ProtoField.string("cti.last_redirect_devid", "LAST_REDIRECT_DEVID")
F[104] = ProtoField.string("cti.answering_devid", "ANSWERING_DEVID")
F[105] = ProtoField.string("cti.holding_devid", "HOLDING_DEVID")
F[106] = ProtoField.string("cti.retrieving_devid", "RETRIEVING_DEVID")
F[107] = ProtoField.string("cti.releasing_devid", "RELEASING_DEVID")
F[108] = ProtoField.string("cti.failing_devid", "FAILING_DEVID")
F[109] = ProtoField.string("cti.primary_devid", "PRIMARY_DEVID")
F[110] = ProtoField.string("cti.secondary_devid", "SECONDARY_DEVID")
F[111] = ProtoField.string("cti.controller_devid", "CONTROLLER_DEVID")
F[112] = ProtoField.string("cti.added_party_devid", "ADDED_PARTY_DEVID")
F[113] = ProtoField.uint32("cti.party_callid", "PARTY_CALLID", base.DEC)
F[114] = ProtoField.uint16("cti.party_devid_type", "PARTY_DEVID_TYPE", base.DEC)
F[115] = ProtoField.string("cti.party_devid", "PARTY_DEVID")
F[116] = ProtoField.string("cti.transferring_devid", "TRANSFERRING_DEVID")
F[117] = ProtoField.string("cti.transferred_devid", "TRANSFERRED_DEVID")
F[118] = ProtoField.string("cti.diverting_devid", "DIVERTING_DEVID")
F[119] = ProtoField.string("cti.queue_devid", "QUEUE_DEVID")
F[120] = ProtoField.string("cti.trunk_used_devid", "TRUNK_USED_DEVID")
F[121] = ProtoField.string("cti.agent_password", "AGENT_PASSWORD")
F[122] = ProtoField.string("cti.active_conn_devid", "ACTIVE_CONN_DEVID")
F[123] = ProtoField.string("cti.facility_code", "FACILITY_CODE")
F[124] = ProtoField.string("cti.other_conn_devid", "OTHER_CONN_DEVID")
F[125] = ProtoField.string("cti.held_conn_devid", "HELD_CONN_DEVID")
F[126] = ProtoField.uint32("cti.call_conn_callid", "CALL_CONN_CALLID", base.DEC)
F[127] = ProtoField.uint16("cti.call_conn_devid_type", "CALL_CONN_DEVID_TYPE", base.DEC)
F[128] = ProtoField.string("cti.call_conn_devid", "CALL_CONN_DEVID")
F[129] = ProtoField.uint16("cti.call_devid_type", "CALL_DEVID_TYPE", base.DEC)
F[130] = ProtoField.string("cti.call_devid", "CALL_DEVID")
F[131] = ProtoField.uint16("cti.call_dev_conn_state", "CALL_DEV_CONN_STATE", base.DEC)
F[132] = ProtoField.string("cti.dtmf_string", "DTMF_STRING")
F[133] = ProtoField.string("cti.position_id", "POSITION_ID")
F[134] = ProtoField.string("cti.supervisor_id", "SUPERVISOR_ID")
F[135] = ProtoField.uint16("cti.line_handle", "LINE_HANDLE", base.DEC)
F[136] = ProtoField.uint16("cti.line_type", "LINE_TYPE", base.DEC)
F[137] = ProtoField.uint16("cti.call_state", "CALL_STATE", base.DEC)
F[138] = ProtoField.string("cti.monitored_devid", "MONITORED_DEVID")
F[139] = ProtoField.string("cti.authorization_code", "AUTHORIZATION_CODE")
F[140] = ProtoField.string("cti.account_code", "ACCOUNT_CODE")
F[141] = ProtoField.string("cti.originating_devid", "ORIGINATING_DEVID")
F[142] = ProtoField.string("cti.originating_line_id", "ORIGINATING_LINE_ID")
F[143] = ProtoField.string("cti.client_address", "CLIENT_ADDRESS")
F[144] = ProtoField.string("cti.call_control_table", "CALL_CONTROL_TABLE")
F[145] = ProtoField.string("cti.supervisor_instrument", "SUPERVISOR_INSTRUMENT")
F[146] = ProtoField.string("cti.atc_agent_id", "ATC_AGENT_ID")
F[147] = ProtoField.uint16("cti.agent_flags", "AGENT_FLAGS", base.DEC)
F[148] = ProtoField.uint16("cti.atc_agent_state", "ATC_AGENT_STATE", base.DEC)
F[149] = ProtoField.uint32("cti.atc_state_duration", "ATC_STATE_DURATION", base.DEC)
F[150] = ProtoField.string("cti.agent_connection_devid", "AGENT_CONNECTION_DEVID")
F[151] = ProtoField.string("cti.supervisor_connection_devid", "SUPERVISOR_CONNECTION_DEVID")
F[152] = ProtoField.uint32("cti.list_team_id", "LIST_TEAM_ID", base.DEC)
F[153] = ProtoField.string("cti.default_device_port_address", "DEFAULT_DEVICE_PORT_ADDRESS")
F[154] = ProtoField.string("cti.service_name", "SERVICE_NAME")
F[155] = ProtoField.string("cti.script_selector", "SCRIPT_SELECTOR")
F[156] = ProtoField.string("cti.application_string1", "APPLICATION_STRING1")
F[157] = ProtoField.string("cti.application_string2", "APPLICATION_STRING2")
F[158] = ProtoField.uint32("cti.trunk_number", "TRUNK_NUMBER", base.DEC)
F[159] = ProtoField.uint32("cti.trunk_group_number", "TRUNK_GROUP_NUMBER", base.DEC)
F[160] = ProtoField.uint32("cti.dequeue_type", "DEQUEUE_TYPE", base.DEC)
F[161] = ProtoField.string("cti.sending_address", "SENDING_ADDRESS")
F[162] = ProtoField.uint32("cti.sending_port", "SENDING_PORT", base.DEC)
F[163] = ProtoField.uint32("cti.max_queued", "MAX_QUEUED", base.DEC)
F[164] = ProtoField.uint32("cti.queue_id", "QUEUE_ID", base.DEC)
F[165] = ProtoField.uint32("cti.customer_id", "CUSTOMER_ID", base.DEC)
F[166] = ProtoField.uint32("cti.service_skill_target_id", "SERVICE_SKILL_TARGET_ID", base.DEC)
F[167] = ProtoField.string("cti.peripheral_name", "PERIPHERAL_NAME")
F[168] = ProtoField.string("cti.description", "DESCRIPTION")
F[169] = ProtoField.uint32("cti.service_member_id", "SERVICE_MEMBER_ID", base.DEC)
F[170] = ProtoField.uint32("cti.service_member_priority", "SERVICE_MEMBER_PRIORITY", base.DEC)
F[171] = ProtoField.string("cti.first_name", "FIRST_NAME")
F[172] = ProtoField.string("cti.last_name", "LAST_NAME")
F[173] = ProtoField.uint32("cti.skill_group", "SKILL_GROUP", base.DEC)
F[174] = ProtoField.uint32("cti.agent_skill_target_id", "AGENT_SKILL_TARGET_ID", base.DEC)
F[175] = ProtoField.uint32("cti.service", "SERVICE", base.DEC)
F[176] = ProtoField.string("cti.extension", "EXTENSION")
F[177] = ProtoField.uint32("cti.service_level_threshold", "SERVICE_LEVEL_THRESHOLD", base.DEC)
F[178] = ProtoField.uint32("cti.service_level_type", "SERVICE_LEVEL_TYPE", base.DEC)
F[179] = ProtoField.string("cti.config_param", "CONFIG_PARAM")
F[180] = ProtoField.bytes("cti.service_config_key", "SERVICE_CONFIG_KEY")
F[181] = ProtoField.bytes("cti.skill_group_config_key", "SKILL_GROUP_CONFIG_KEY")
F[182] = ProtoField.bytes("cti.agent_config_key", "AGENT_CONFIG_KEY")
F[183] = ProtoField.bytes("cti.device_config_key", "DEVICE_CONFIG_KEY")
F[184] = ProtoField.uint32("cti.record_type", "RECORD_TYPE", base.DEC)
F[185] = ProtoField.uint32("cti.peripheral_number", "PERIPHERAL_NUMBER", base.DEC)
F[186] = ProtoField.uint32("cti.config_agent_skill_target_id", "CONFIG_AGENT_SKILL_TARGET_ID", base.DEC)
F[187] = ProtoField.uint32("cti.num_service_members", "NUM_SERVICE_MEMBERS", base.DEC)
F[188] = ProtoField.uint32("cti.service_member", "SERVICE_MEMBER", base.DEC)
F[189] = ProtoField.uint32("cti.service_priority", "SERVICE_PRIORITY", base.DEC)
F[190] = ProtoField.uint32("cti.agent_type", "AGENT_TYPE", base.DEC)
F[191] = ProtoField.string("cti.login_id", "LOGIN_ID")
F[192] = ProtoField.uint32("cti.num_skills", "NUM_SKILLS", base.DEC)
F[193] = ProtoField.uint32("cti.skill_group_skill_target_id", "SKILL_GROUP_SKILL_TARGET_ID", base.DEC)
F[194] = ProtoField.uint32("cti.service_id", "SERVICE_ID", base.DEC)
F[195] = ProtoField.string("cti.agent_id_long", "AGENT_ID_LONG")
F[196] = ProtoField.uint32("cti.device_type", "DEVICE_TYPE", base.DEC)
F[197] = ProtoField.uint32("cti.enable", "ENABLE", base.DEC)
F[198] = ProtoField.string("cti.deviceid", "DEVICEID")
F[199] = ProtoField.uint32("cti.timeout", "TIMEOUT", base.DEC)
F[200] = ProtoField.uint32("cti.current_route", "CURRENT_ROUTE", base.DEC)
F[201] = ProtoField.uint32("cti.secondary_connection_call_id", "SECONDARY_CONNECTION_CALL_ID", base.DEC)
F[202] = ProtoField.uint32("cti.priority_queue_number", "PRIORITY_QUEUE_NUMBER", base.DEC)
F[203] = ProtoField.string("cti.team_name", "TEAM_NAME")
F[204] = ProtoField.uint32("cti.member_type", "MEMBER_TYPE", base.DEC)
F[205] = ProtoField.string("cti.login_name", "LOGIN_NAME")
F[206] = ProtoField.bytes("cti.call_type_key_config", "CALL_TYPE_KEY_CONFIG")
F[207] = ProtoField.uint32("cti.call_type_id", "CALL_TYPE_ID", base.DEC)
F[208] = ProtoField.uint32("cti.customer_definition_id", "CUSTOMER_DEFINITION_ID", base.DEC)
F[209] = ProtoField.string("cti.enterprise_name", "ENTERPRISE_NAME")
F[210] = ProtoField.uint32("cti.old_peripheral_number", "OLD_PERIPHERAL_NUMBER", base.DEC)
F[211] = ProtoField.string("cti.cur_login_id", "CUR_LOGIN_ID")
F[212] = ProtoField.string("cti.ani_ii", "ANI_II")
F[213] = ProtoField.uint32("cti.mr_domain_id", "MR_DOMAIN_ID", base.DEC)
F[214] = ProtoField.string("cti.ctios_cil_client_id", "CTIOS_CIL_CLIENT_ID")
F[215] = ProtoField.uint16("cti.silent_monitor_status", "SILENT_MONITOR_STATUS", base.DEC)
F[216] = ProtoField.string("cti.requesting_device_id", "REQUESTING_DEVICE_ID")
F[217] = ProtoField.uint16("cti.requesting_device_id_type", "REQUESTING_DEVICE_ID_TYPE", base.DEC)
F[218] = ProtoField.uint32("cti.pre_call_invoke_id", "PRE_CALL_INVOKE_ID", base.DEC)
F[219] = ProtoField.uint32("cti.enterprise_queue_time", "ENTERPRISE_QUEUE_TIME", base.DEC)
F[220] = ProtoField.uint32("cti.network_controlled", "NETWORK_CONTROLLED", base.DEC)
F[221] = ProtoField.string("cti.client_address_ipv6", "CLIENT_ADDRESS_IPV6")
F[222] = ProtoField.string("cti.sending_address_ipv6", "SENDING_ADDRESS_IPV6")
F[223] = ProtoField.uint32("cti.coc_connection_call_id", "COC_CONNECTION_CALL_ID", base.DEC)
F[224] = ProtoField.uint16("cti.coc_connection_device_id_type", "COC_CONNECTION_DEVICE_ID_TYPE", base.DEC)
F[225] = ProtoField.string("cti.coc_connection_device_id", "COC_CONNECTION_DEVICE_ID")
F[226] = ProtoField.uint8("cti.call_originated_from", "CALL_ORIGINATED_FROM", base.DEC)
F[227] = ProtoField.bytes("cti.set_appdata_callid", "SET_APPDATA_CALLID")
F[228] = ProtoField.bytes("cti.client_share_key", "CLIENT_SHARE_KEY")
F[229] = ProtoField.string("cti.agent_team_name", "AGENT_TEAM_NAME")
F[230] = ProtoField.uint16("cti.direction", "DIRECTION", base.DEC)
F[231] = ProtoField.bool("cti.services_requested.cti_service_client_events", "CTI_SERVICE_CLIENT_EVENTS", 32, nil, 0x1)
F[232] = ProtoField.bool("cti.services_requested.cti_service_call_data_update", "CTI_SERVICE_CALL_DATA_UPDATE", 32, nil, 0x2)
F[233] = ProtoField.bool("cti.services_requested.cti_service_client_control", "CTI_SERVICE_CLIENT_CONTROL", 32, nil, 0x4)
F[234] = ProtoField.bool("cti.services_requested.cti_service_connection_monitor", "CTI_SERVICE_CONNECTION_MONITOR", 32, nil, 0x8)
F[235] = ProtoField.bool("cti.services_requested.cti_service_all_events", "CTI_SERVICE_ALL_EVENTS", 32, nil, 0x10)
F[236] = ProtoField.bool("cti.services_requested.cti_service_peripheral_monitor", "CTI_SERVICE_PERIPHERAL_MONITOR", 32, nil, 0x20)
F[237] = ProtoField.bool("cti.services_requested.cti_service_client_monitor", "CTI_SERVICE_CLIENT_MONITOR", 32, nil, 0x40)
F[238] = ProtoField.bool("cti.services_requested.cti_service_supervisor", "CTI_SERVICE_SUPERVISOR", 32, nil, 0x80)
F[239] = ProtoField.bool("cti.services_requested.cti_service_server", "CTI_SERVICE_SERVER", 32, nil, 0x100)
F[240] = ProtoField.bool("cti.services_requested.cti_service_reserved9", "CTI_SERVICE_RESERVED9", 32, nil, 0x200)
F[241] = ProtoField.bool("cti.services_requested.cti_service_agent_reporting", "CTI_SERVICE_AGENT_REPORTING", 32, nil, 0x400)
F[242] = ProtoField.bool("cti.services_requested.cti_service_all_task_events", "CTI_SERVICE_ALL_TASK_EVENTS", 32, nil, 0x800)
F[243] = ProtoField.bool("cti.services_requested.cti_service_task_monitor", "CTI_SERVICE_TASK_MONITOR", 32, nil, 0x1000)
F[244] = ProtoField.bool("cti.services_requested.cti_agent_state_control_only", "CTI_AGENT_STATE_CONTROL_ONLY", 32, nil, 0x2000)
F[245] = ProtoField.bool("cti.services_requested.cti_device_state_control", "CTI_DEVICE_STATE_CONTROL", 32, nil, 0x8000)
F[246] = ProtoField.bool("cti.services_requested.cti_service_config_events", "CTI_SERVICE_CONFIG_EVENTS", 32, nil, 0x40000)
F[247] = ProtoField.bool("cti.services_requested.cti_service_update_events", "CTI_SERVICE_UPDATE_EVENTS", 32, nil, 0x80000)
F[248] = ProtoField.bool("cti.services_requested.cti_service_ignore_duplicate_agent_events", "CTI_SERVICE_IGNORE_DUPLICATE_AGENT_EVENTS", 32, nil, 0x100000)
F[249] = ProtoField.bool("cti.services_requested.cti_service_ignore_conf", "CTI_SERVICE_IGNORE_CONF", 32, nil, 0x200000)
F[250] = ProtoField.bool("cti.services_requested.cti_service_acd_line_only", "CTI_SERVICE_ACD_LINE_ONLY", 32, nil, 0x400000)
F[251] = ProtoField.bool("cti.services_requested.cti_service_debug", "CTI_SERVICE_DEBUG", 32, nil, 0x80000000)
F[252] = ProtoField.bool("cti.call_msg_mask.call_delivered_mask", "CALL_DELIVERED_MASK", 32, nil, 0x1)
F[253] = ProtoField.bool("cti.call_msg_mask.call_queued_mask", "CALL_QUEUED_MASK", 32, nil, 0x2)
F[254] = ProtoField.bool("cti.call_msg_mask.call_established_mask", "CALL_ESTABLISHED_MASK", 32, nil, 0x4)
F[255] = ProtoField.bool("cti.call_msg_mask.call_held_mask", "CALL_HELD_MASK", 32, nil, 0x8)
F[256] = ProtoField.bool("cti.call_msg_mask.call_retrieved_mask", "CALL_RETRIEVED_MASK", 32, nil, 0x10)
F[257] = ProtoField.bool("cti.call_msg_mask.call_cleared_mask", "CALL_CLEARED_MASK", 32, nil, 0x20)
F[258] = ProtoField.bool("cti.call_msg_mask.call_connection_cleared_mask", "CALL_CONNECTION_CLEARED_MASK", 32, nil, 0x40)
F[259] = ProtoField.bool("cti.call_msg_mask.call_originated_mask", "CALL_ORIGINATED_MASK", 32, nil, 0x80)
F[260] = ProtoField.bool("cti.call_msg_mask.call_conferenced_mask", "CALL_CONFERENCED_MASK", 32, nil, 0x100)
F[261] = ProtoField.bool("cti.call_msg_mask.call_transferred_mask", "CALL_TRANSFERRED_MASK", 32, nil, 0x200)
F[262] = ProtoField.bool("cti.call_msg_mask.call_diverted_mask", "CALL_DIVERTED_MASK", 32, nil, 0x400)
F[263] = ProtoField.bool("cti.call_msg_mask.call_service_initiated_mask", "CALL_SERVICE_INITIATED_MASK", 32, nil, 0x800)
F[264] = ProtoField.bool("cti.call_msg_mask.call_translation_route_mask", "CALL_TRANSLATION_ROUTE_MASK", 32, nil, 0x1000)
F[265] = ProtoField.bool("cti.call_msg_mask.begin_call_mask", "BEGIN_CALL_MASK", 32, nil, 0x2000)
F[266] = ProtoField.bool("cti.call_msg_mask.end_call_mask", "END_CALL_MASK", 32, nil, 0x4000)
F[267] = ProtoField.bool("cti.call_msg_mask.call_data_update_mask", "CALL_DATA_UPDATE_MASK", 32, nil, 0x8000)
F[268] = ProtoField.bool("cti.call_msg_mask.call_failed_mask", "CALL_FAILED_MASK", 32, nil, 0x10000)
F[269] = ProtoField.bool("cti.call_msg_mask.call_reached_network_mask", "CALL_REACHED_NETWORK_MASK", 32, nil, 0x20000)
F[270] = ProtoField.bool("cti.call_msg_mask.call_dequeued_mask", "CALL_DEQUEUED_MASK", 32, nil, 0x40000)
F[271] = ProtoField.bool("cti.call_msg_mask.agent_pre_call_mask", "AGENT_PRE_CALL_MASK", 32, nil, 0x80000)
F[272] = ProtoField.bool("cti.call_msg_mask.agent_pre_call_abort_mask", "AGENT_PRE_CALL_ABORT_MASK", 32, nil, 0x100000)
F[273] = ProtoField.bool("cti.call_msg_mask.rtp_started_mask", "RTP_STARTED_MASK", 32, nil, 0x200000)
F[274] = ProtoField.bool("cti.call_msg_mask.rtp_stopped_mask", "RTP_STOPPED_MASK", 32, nil, 0x400000)
F[275] = ProtoField.bool("cti.call_msg_mask.agent_team_config_mask", "AGENT_TEAM_CONFIG_MASK", 32, nil, 0x800000)
F[276] = ProtoField.bool("cti.call_msg_mask.agent_legacy_pre_call_mask", "AGENT_LEGACY_PRE_CALL_MASK", 32, nil, 0x1000000)
F[277] = ProtoField.bool("cti.call_msg_mask.call_attribute_change_mask", "CALL_ATTRIBUTE_CHANGE_MASK", 32, nil, 0x2000000)
F[278] = ProtoField.bool("cti.call_msg_mask.call_termination_mask", "CALL_TERMINATION_MASK", 32, nil, 0x4000000)
F[279] = ProtoField.bool("cti.call_msg_mask.call_agent_greeting_mask", "CALL_AGENT_GREETING_MASK", 32, nil, 0x8000000)
F[280] = ProtoField.bool("cti.agent_state_mask.agent_login_mask", "AGENT_LOGIN_MASK", 32, nil, 0x1)
F[281] = ProtoField.bool("cti.agent_state_mask.agent_logout_mask", "AGENT_LOGOUT_MASK", 32, nil, 0x2)
F[282] = ProtoField.bool("cti.agent_state_mask.agent_not_ready_mask", "AGENT_NOT_READY_MASK", 32, nil, 0x4)
F[283] = ProtoField.bool("cti.agent_state_mask.agent_available_mask", "AGENT_AVAILABLE_MASK", 32, nil, 0x8)
F[284] = ProtoField.bool("cti.agent_state_mask.agent_talking_mask", "AGENT_TALKING_MASK", 32, nil, 0x10)
F[285] = ProtoField.bool("cti.agent_state_mask.agent_work_not_ready_mask", "AGENT_WORK_NOT_READY_MASK", 32, nil, 0x20)
F[286] = ProtoField.bool("cti.agent_state_mask.agent_work_ready_mask", "AGENT_WORK_READY_MASK", 32, nil, 0x40)
F[287] = ProtoField.bool("cti.agent_state_mask.agent_busy_other_mask", "AGENT_BUSY_OTHER_MASK", 32, nil, 0x80)
F[288] = ProtoField.bool("cti.agent_state_mask.agent_reserved_mask", "AGENT_RESERVED_MASK", 32, nil, 0x100)
F[289] = ProtoField.bool("cti.agent_state_mask.agent_hold_mask", "AGENT_HOLD_MASK", 32, nil, 0x200)
F[290] = ProtoField.bool("cti.config_msg_mask.config_service_mask", "CONFIG_SERVICE_MASK", 32, nil, 0x1)
F[291] = ProtoField.bool("cti.config_msg_mask.config_skill_group_mask", "CONFIG_SKILL_GROUP_MASK", 32, nil, 0x2)
F[292] = ProtoField.bool("cti.config_msg_mask.config_agent_mask", "CONFIG_AGENT_MASK", 32, nil, 0x4)
F[293] = ProtoField.bool("cti.config_msg_mask.config_device_mask", "CONFIG_DEVICE_MASK", 32, nil, 0x8)
F[294] = ProtoField.bool("cti.config_msg_mask.config_call_type_mask", "CONFIG_CALL_TYPE_MASK", 32, nil, 0x10)
F[295] = ProtoField.bool("cti.services_granted.cti_service_client_events", "CTI_SERVICE_CLIENT_EVENTS", 32, nil, 0x1)
F[296] = ProtoField.bool("cti.services_granted.cti_service_call_data_update", "CTI_SERVICE_CALL_DATA_UPDATE", 32, nil, 0x2)
F[297] = ProtoField.bool("cti.services_granted.cti_service_client_control", "CTI_SERVICE_CLIENT_CONTROL", 32, nil, 0x4)
F[298] = ProtoField.bool("cti.services_granted.cti_service_connection_monitor", "CTI_SERVICE_CONNECTION_MONITOR", 32, nil, 0x8)
F[299] = ProtoField.bool("cti.services_granted.cti_service_all_events", "CTI_SERVICE_ALL_EVENTS", 32, nil, 0x10)
F[300] = ProtoField.bool("cti.services_granted.cti_service_peripheral_monitor", "CTI_SERVICE_PERIPHERAL_MONITOR", 32, nil, 0x20)
F[301] = ProtoField.bool("cti.services_granted.cti_service_client_monitor", "CTI_SERVICE_CLIENT_MONITOR", 32, nil, 0x40)
F[302] = ProtoField.bool("cti.services_granted.cti_service_supervisor", "CTI_SERVICE_SUPERVISOR", 32, nil, 0x80)
F[303] = ProtoField.bool("cti.services_granted.cti_service_server", "CTI_SERVICE_SERVER", 32, nil, 0x100)
F[304] = ProtoField.bool("cti.services_granted.cti_service_reserved9", "CTI_SERVICE_RESERVED9", 32, nil, 0x200)
F[305] = ProtoField.bool("cti.services_granted.cti_service_agent_reporting", "CTI_SERVICE_AGENT_REPORTING", 32, nil, 0x400)
F[306] = ProtoField.bool("cti.services_granted.cti_service_all_task_events", "CTI_SERVICE_ALL_TASK_EVENTS", 32, nil, 0x800)
F[307] = ProtoField.bool("cti.services_granted.cti_service_task_monitor", "CTI_SERVICE_TASK_MONITOR", 32, nil, 0x1000)
F[308] = ProtoField.bool("cti.services_granted.cti_agent_state_control_only", "CTI_AGENT_STATE_CONTROL_ONLY", 32, nil, 0x2000)
F[309] = ProtoField.bool("cti.services_granted.cti_device_state_control", "CTI_DEVICE_STATE_CONTROL", 32, nil, 0x8000)
F[310] = ProtoField.bool("cti.services_granted.cti_service_config_events", "CTI_SERVICE_CONFIG_EVENTS", 32, nil, 0x40000)
F[311] = ProtoField.bool("cti.services_granted.cti_service_update_events", "CTI_SERVICE_UPDATE_EVENTS", 32, nil, 0x80000)
F[312] = ProtoField.bool("cti.services_granted.cti_service_ignore_duplicate_agent_events", "CTI_SERVICE_IGNORE_DUPLICATE_AGENT_EVENTS", 32, nil, 0x100000)
F[313] = ProtoField.bool("cti.services_granted.cti_service_ignore_conf", "CTI_SERVICE_IGNORE_CONF", 32, nil, 0x200000)
F[314] = ProtoField.bool("cti.services_granted.cti_service_acd_line_only", "CTI_SERVICE_ACD_LINE_ONLY", 32, nil, 0x400000)
F[315] = ProtoField.bool("cti.services_granted.cti_service_debug", "CTI_SERVICE_DEBUG", 32, nil, 0x80000000)
F[316] = ProtoField.bool("cti.pg_status.pgs_opc_down", "PGS_OPC_DOWN", 32, nil, 0x1)
F[317] = ProtoField.bool("cti.pg_status.pgs_cc_down", "PGS_CC_DOWN", 32, nil, 0x2)
F[318] = ProtoField.bool("cti.pg_status.pgs_peripheral_offline", "PGS_PERIPHERAL_OFFLINE", 32, nil, 0x4)
F[319] = ProtoField.bool("cti.pg_status.pgs_cti_server_offline", "PGS_CTI_SERVER_OFFLINE", 32, nil, 0x8)
F[320] = ProtoField.bool("cti.pg_status.pgs_limited_function", "PGS_LIMITED_FUNCTION", 32, nil, 0x10)

-- Flag bits of mask fields.
local BITS = {}
BITS[F[6]] = { F[231], F[232], F[233], F[234], F[235], F[236], F[237], F[238], F[239], F[240], F[241], F[242], F[243], F[244], F[245], F[246], F[247], F[248], F[249], F[250], F[251] }
BITS[F[7]] = { F[252], F[253], F[254], F[255], F[256], F[257], F[258], F[259], F[260], F[261], F[262], F[263], F[264], F[265], F[266], F[267], F[268], F[269], F[270], F[271], F[272], F[273], F[274], F[275], F[276], F[277], F[278], F[279] }
BITS[F[8]] = { F[280], F[281], F[282], F[283], F[284], F[285], F[286], F[287], F[288], F[289] }
BITS[F[9]] = { F[290], F[291], F[292], F[293], F[294] }
BITS[F[20]] = { F[295], F[296], F[297], F[298], F[299], F[300], F[301], F[302], F[303], F[304], F[305], F[306], F[307], F[308], F[309], F[310], F[311], F[312], F[313], F[314], F[315] }
BITS[F[22]] = { F[316], F[317], F[318], F[319], F[320] }

-- Message layouts: fixed fields { field, size, kind, e = own enum names, m = mask names }
-- (kind: u unsigned, i signed, t time), floating fields by tag.
local MESSAGES = {}
MESSAGES[1] = { name = "FAILURE_CONF",
  fixed = {
    { F[1], 4, "u" },
    { F[2], 4, "u" },
  },
  float = { },
}
MESSAGES[2] = { name = "FAILURE_EVENT",
  fixed = {
    { F[2], 4, "u" },
  },
  float = { },
}
MESSAGES[3] = { name = "OPEN_REQ",
  fixed = {
    { F[1], 4, "u" },
    { F[3], 4, "u" },
    { F[4], 4, "u" },
    { F[5], 4, "u" },
    { F[6], 4, "u", m = VM[2] },
    { F[7], 4, "u", m = VM[3] },
    { F[8], 4, "u", m = VM[4] },
    { F[9], 4, "u", m = VM[5] },
    { F[10], 4, "u" },
    { F[11], 4, "u" },
    { F[12], 4, "u" },
  },
  float = { [1] = F[13], [2] = F[14], [3] = F[15], [4] = F[16], [5] = F[17], [6] = F[18], [97] = F[19], },
}
MESSAGES[4] = { name = "OPEN_CONF",
  fixed = {
    { F[1], 4, "u" },
    { F[20], 4, "u", m = VM[2] },
    { F[21], 4, "u" },
    { F[22], 4, "u", m = VM[6] },
    { F[23], 4, "t" },
    { F[24], 2, "u" },
    { F[25], 2, "u" },
    { F[26], 2, "u" },
  },
  float = { [4] = F[16], [5] = F[17], [6] = F[18], [228] = F[27], [208] = F[28], [224] = F[29], },
  groups = { [208] = { "Peripherals", true }, [224] = { "Peripherals", false }, },
}
MESSAGES[5] = { name = "HEARTBEAT_REQ",
  fixed = {
    { F[1], 4, "u" },
  },
  float = { },
}
MESSAGES[6] = { name = "HEARTBEAT_CONF",
  fixed = {
    { F[1], 4, "u" },
  },
  float = { },
}
MESSAGES[7] = { name = "CLOSE_REQ",
  fixed = {
    { F[1], 4, "u" },
    { F[2], 4, "u" },
  },
  float = { },
}
MESSAGES[8] = { name = "CLOSE_CONF",
  fixed = {
    { F[1], 4, "u" },
  },
  float = { },
}
MESSAGES[23] = { name = "BEGIN_CALL_EVENT",
  fixed = {
    { F[21], 4, "u" },
    { F[5], 4, "u" },
    { F[25], 2, "u" },
    { F[30], 2, "u" },
    { F[31], 2, "u" },
    { F[32], 2, "u" },
    { F[33], 2, "u" },
    { F[34], 2, "u" },
    { F[35], 4, "u" },
    { F[36], 2, "u" },
  },
  float = { [25] = F[37], [8] = F[38], [9] = F[39], [10] = F[40], [11] = F[41], [12] = F[42], [72] = F[43], [73] = F[44], [110] = F[45], [13] = F[46], [14] = F[47], [15] = F[48], [16] = F[49], [17] = F[50], [18] = F[51], [19] = F[52], [20] = F[53], [21] = F[54], [22] = F[55], [46] = F[56], [223] = F[57], [82] = F[58], [83] = F[59], [23] = F[60], [24] = F[61], },
  groups = { [23] = { "CTIClients", true }, [24] = { "CTIClients", false }, },
}
MESSAGES[24] = { name = "END_CALL_EVENT",
  fixed = {
    { F[21], 4, "u" },
    { F[5], 4, "u" },
    { F[25], 2, "u" },
    { F[34], 2, "u" },
    { F[35], 4, "u" },
  },
  float = { [25] = F[37], },
}
MESSAGES[25] = { name = "CALL_DATA_UPDATE_EVENT",
  fixed = {
    { F[21], 4, "u" },
    { F[5], 4, "u" },
    { F[25], 2, "u" },
    { F[30], 2, "u" },
    { F[31], 2, "u" },
    { F[32], 2, "u" },
    { F[33], 2, "u" },
    { F[34], 2, "u" },
    { F[35], 4, "u" },
    { F[62], 2, "u" },
    { F[63], 4, "u" },
    { F[36], 2, "u" },
    { F[64], 4, "u" },
    { F[65], 4, "u" },
  },
  float = { [25] = F[37], [47] = F[66], [8] = F[38], [9] = F[39], [10] = F[40], [11] = F[41], [12] = F[42], [72] = F[43], [73] = F[44], [110] = F[45], [13] = F[46], [14] = F[47], [15] = F[48], [16] = F[49], [17] = F[50], [18] = F[51], [19] = F[52], [20] = F[53], [21] = F[54], [22] = F[55], [46] = F[56], [95] = F[67], [96] = F[68], [223] = F[57], [82] = F[58], [83] = F[59], [23] = F[60], [24] = F[61], },
  groups = { [23] = { "CTIClients", true }, [24] = { "CTIClients", false }, },
}
MESSAGES[30] = { name = "AGENT_STATE_EVENT",
  fixed = {
    { F[21], 4, "u" },
    { F[5], 4, "u" },
    { F[69], 4, "u" },
    { F[25], 2, "u" },
    { F[70], 2, "u" },
    { F[71], 4, "u" },
    { F[72], 4, "u" },
    { F[73], 4, "u" },
    { F[74], 2, "u" },
    { F[26], 2, "u" },
    { F[75], 2, "u" },
    { F[76], 4, "i" },
    { F[77], 4, "u" },
    { F[78], 2, "u" },
    { F[79], 4, "u" },
    { F[80], 4, "i" },
    { F[81], 4, "u" },
    { F[82], 2, "u" },
  },
  float = { [3] = F[60], [5] = F[17], [4] = F[16], [6] = F[18], [150] = F[83], [123] = F[84], [62] = F[85], [63] = F[86], [64] = F[87], [65] = F[88], },
  groups = { [62] = { "FltSkillGroups", true }, [63] = { "FltSkillGroups", false }, [64] = { "FltSkillGroups", false }, [65] = { "FltSkillGroups", false }, },
}
MESSAGES[31] = { name = "SYSTEM_EVENT",
  fixed = {
    { F[22], 4, "u", m = VM[6] },
    { F[23], 4, "t" },
    { F[89], 4, "u" },
    { F[90], 4, "u" },
    { F[91], 4, "u" },
    { F[92], 4, "u" },
    { F[93], 2, "u" },
  },
  float = { [7] = F[94], [206] = F[95], },
}
MESSAGES[32] = { name = "CLIENT_EVENT_REPORT_REQ",
  fixed = {
    { F[1], 4, "u" },
    { F[96], 2, "u" },
  },
  float = { [66] = F[97], [7] = F[94], },
}
MESSAGES[33] = { name = "CLIENT_EVENT_REPORT_CONF",
  fixed = {
    { F[1], 4, "u" },
  },
  float = { },
}
MESSAGES[35] = { name = "CONTROL_FAILURE_CONF",
  fixed = {
    { F[1], 4, "u" },
    { F[98], 2, "u" },
    { F[99], 4, "u" },
  },
  float = { [7] = F[94], },
}

-- Every known tag: the field it is shown in outside a layout, and its type
-- (s STRING, x UNSPEC, 1 UCHAR, 2 USHORT, 4 UINT, i INT, t TIME, n 1/2/4-byte number,
-- v NAMEDVAR, a NAMEDARRAY).
local TAGS = {}
TAGS[1] = { F[13], "s" }
TAGS[2] = { F[14], "x" }
TAGS[3] = { F[15], "s" }
TAGS[4] = { F[16], "s" }
TAGS[5] = { F[17], "s" }
TAGS[6] = { F[18], "s" }
TAGS[7] = { F[94], "s" }
TAGS[8] = { F[38], "s" }
TAGS[9] = { F[39], "x" }
TAGS[10] = { F[40], "s" }
TAGS[11] = { F[41], "s" }
TAGS[12] = { F[42], "s" }
TAGS[13] = { F[46], "s" }
TAGS[14] = { F[47], "s" }
TAGS[15] = { F[48], "s" }
TAGS[16] = { F[49], "s" }
TAGS[17] = { F[50], "s" }
TAGS[18] = { F[51], "s" }
TAGS[19] = { F[52], "s" }
TAGS[20] = { F[53], "s" }
TAGS[21] = { F[54], "s" }
TAGS[22] = { F[55], "s" }
TAGS[23] = { F[60], "s" }
TAGS[24] = { F[61], "t" }
TAGS[25] = { F[37], "s" }
TAGS[26] = { F[100], "s" }
TAGS[27] = { F[101], "s" }
TAGS[28] = { F[102], "s" }
TAGS[29] = { F[103], "s" }
TAGS[30] = { F[104], "s" }
TAGS[31] = { F[105], "s" }
TAGS[32] = { F[106], "s" }
TAGS[33] = { F[107], "s" }
TAGS[34] = { F[108], "s" }
TAGS[35] = { F[109], "s" }
TAGS[36] = { F[110], "s" }
TAGS[37] = { F[111], "s" }
TAGS[38] = { F[112], "s" }
TAGS[39] = { F[113], "4" }
TAGS[40] = { F[114], "2" }
TAGS[41] = { F[115], "s" }
TAGS[42] = { F[116], "s" }
TAGS[43] = { F[117], "s" }
TAGS[44] = { F[118], "s" }
TAGS[45] = { F[119], "s" }
TAGS[46] = { F[56], "s" }
TAGS[47] = { F[66], "s" }
TAGS[48] = { F[120], "s" }
TAGS[49] = { F[121], "s" }
TAGS[50] = { F[122], "s" }
TAGS[51] = { F[123], "s" }
TAGS[52] = { F[124], "s" }
TAGS[53] = { F[125], "s" }
TAGS[56] = { F[126], "4" }
TAGS[57] = { F[127], "2" }
TAGS[58] = { F[128], "s" }
TAGS[59] = { F[129], "2" }
TAGS[60] = { F[130], "s" }
TAGS[61] = { F[131], "2" }
TAGS[62] = { F[85], "i" }
TAGS[63] = { F[86], "4" }
TAGS[64] = { F[87], "2" }
TAGS[65] = { F[88], "2" }
TAGS[66] = { F[97], "s" }
TAGS[67] = { F[132], "s" }
TAGS[68] = { F[133], "s" }
TAGS[69] = { F[134], "s" }
TAGS[70] = { F[135], "2" }
TAGS[71] = { F[136], "2" }
TAGS[72] = { F[43], "4" }
TAGS[73] = { F[44], "4" }
TAGS[75] = { F[137], "2" }
TAGS[76] = { F[138], "s" }
TAGS[77] = { F[139], "s" }
TAGS[78] = { F[140], "s" }
TAGS[79] = { F[141], "s" }
TAGS[80] = { F[142], "s" }
TAGS[81] = { F[143], "s" }
TAGS[82] = { F[58], "v" }
TAGS[83] = { F[59], "a" }
TAGS[84] = { F[144], "s" }
TAGS[85] = { F[145], "s" }
TAGS[86] = { F[146], "s" }
TAGS[87] = { F[147], "2" }
TAGS[88] = { F[148], "2" }
TAGS[89] = { F[149], "4" }
TAGS[90] = { F[150], "s" }
TAGS[91] = { F[151], "s" }
TAGS[92] = { F[152], "4" }
TAGS[93] = { F[153], "s" }
TAGS[94] = { F[154], "s" }
TAGS[95] = { F[67], "s" }
TAGS[96] = { F[68], "s" }
TAGS[97] = { F[19], "i" }
TAGS[99] = { F[155], "s" }
TAGS[100] = { F[156], "s" }
TAGS[101] = { F[157], "s" }
TAGS[110] = { F[45], "4" }
TAGS[121] = { F[158], "4" }
TAGS[122] = { F[159], "4" }
TAGS[123] = { F[84], "2" }
TAGS[124] = { F[160], "n" }
TAGS[125] = { F[161], "s" }
TAGS[126] = { F[162], "4" }
TAGS[129] = { F[163], "n" }
TAGS[130] = { F[164], "n" }
TAGS[131] = { F[165], "4" }
TAGS[132] = { F[166], "n" }
TAGS[133] = { F[167], "s" }
TAGS[134] = { F[168], "s" }
TAGS[135] = { F[169], "n" }
TAGS[136] = { F[170], "n" }
TAGS[137] = { F[171], "s" }
TAGS[138] = { F[172], "s" }
TAGS[139] = { F[173], "n" }
TAGS[141] = { F[174], "n" }
TAGS[142] = { F[175], "n" }
TAGS[150] = { F[83], "4" }
TAGS[173] = { F[176], "s" }
TAGS[174] = { F[177], "n" }
TAGS[175] = { F[178], "n" }
TAGS[176] = { F[179], "s" }
TAGS[177] = { F[180], "x" }
TAGS[178] = { F[181], "x" }
TAGS[179] = { F[182], "x" }
TAGS[180] = { F[183], "x" }
TAGS[183] = { F[184], "n" }
TAGS[184] = { F[185], "n" }
TAGS[185] = { F[186], "n" }
TAGS[186] = { F[187], "n" }
TAGS[187] = { F[188], "n" }
TAGS[188] = { F[189], "n" }
TAGS[189] = { F[190], "n" }
TAGS[190] = { F[191], "s" }
TAGS[191] = { F[192], "n" }
TAGS[192] = { F[193], "n" }
TAGS[193] = { F[194], "n" }
TAGS[194] = { F[195], "s" }
TAGS[195] = { F[196], "n" }
TAGS[198] = { F[197], "n" }
TAGS[199] = { F[198], "s" }
TAGS[200] = { F[199], "n" }
TAGS[201] = { F[200], "n" }
TAGS[202] = { F[201], "4" }
TAGS[203] = { F[202], "n" }
TAGS[204] = { F[203], "s" }
TAGS[205] = { F[204], "n" }
TAGS[206] = { F[95], "s" }
TAGS[207] = { F[205], "s" }
TAGS[208] = { F[28], "4" }
TAGS[209] = { F[206], "x" }
TAGS[210] = { F[207], "n" }
TAGS[211] = { F[208], "n" }
TAGS[212] = { F[209], "s" }
TAGS[213] = { F[210], "n" }
TAGS[214] = { F[211], "s" }
TAGS[215] = { F[212], "s" }
TAGS[216] = { F[213], "4" }
TAGS[217] = { F[214], "s" }
TAGS[218] = { F[215], "2" }
TAGS[219] = { F[216], "s" }
TAGS[220] = { F[217], "2" }
TAGS[221] = { F[218], "4" }
TAGS[222] = { F[219], "n" }
TAGS[223] = { F[57], "x" }
TAGS[224] = { F[29], "2" }
TAGS[225] = { F[220], "n" }
TAGS[226] = { F[221], "s" }
TAGS[227] = { F[222], "s" }
TAGS[228] = { F[27], "2" }
TAGS[229] = { F[223], "4" }
TAGS[230] = { F[224], "2" }
TAGS[231] = { F[225], "s" }
TAGS[232] = { F[226], "1" }
TAGS[233] = { F[227], "x" }
TAGS[234] = { F[228], "x" }
TAGS[243] = { F[229], "s" }
TAGS[244] = { F[230], "2" }

-- Structural fields.
local H = {
  length = ProtoField.uint32("cti.length", "MessageLength", base.DEC),
  type = ProtoField.uint32("cti.type", "MessageType", base.DEC, MESSAGE_NAMES),
  body = ProtoField.bytes("cti.body", "Body"),
  tag = ProtoField.uint16("cti.field.tag", "Tag", base.DEC, TAG_NAMES),
  field_length = ProtoField.uint16("cti.field.length", "FieldLength", base.DEC),
  unknown = ProtoField.bytes("cti.unknown", "Unknown field"),
  var_index = ProtoField.uint8("cti.var.index", "VariableIndex", base.DEC),
  var_name = ProtoField.string("cti.var.name", "VariableName"),
  var_value = ProtoField.string("cti.var.value", "VariableValue"),
}

local E = {
  oversize = ProtoExpert.new("cti.expert.oversize", "MessageLength over the receive limit",
    expert.group.MALFORMED, expert.severity.ERROR),
  short_body = ProtoExpert.new("cti.expert.short_body", "Body shorter than the fixed part",
    expert.group.MALFORMED, expert.severity.ERROR),
  truncated = ProtoExpert.new("cti.expert.truncated_field", "Floating field header cut short",
    expert.group.MALFORMED, expert.severity.ERROR),
  overrun = ProtoExpert.new("cti.expert.field_overrun", "Floating field runs past the message",
    expert.group.MALFORMED, expert.severity.ERROR),
  bad_field = ProtoExpert.new("cti.expert.bad_field",
    "Floating field does not fit its type (length, STRING without its NUL, named variable shape)",
    expert.group.MALFORMED, expert.severity.ERROR),
  raw_fallback = ProtoExpert.new("cti.expert.raw_fallback",
    "Body does not fit this type's inferred layout: kept whole, as the codec keeps it",
    expert.group.UNDECODED, expert.severity.NOTE),
  unknown_type = ProtoExpert.new("cti.expert.unknown_type", "Message type not in the catalogue",
    expert.group.UNDECODED, expert.severity.NOTE),
  unknown_tag = ProtoExpert.new("cti.expert.unknown_tag", "Tag not in the tag table",
    expert.group.UNDECODED, expert.severity.NOTE),
}

do
  local all = {}
  for _, f in ipairs(F) do all[#all + 1] = f end
  for _, f in pairs(H) do all[#all + 1] = f end
  cti.fields = all
  local experts = {}
  for _, e in pairs(E) do experts[#experts + 1] = e end
  cti.experts = experts
end

local function time_text(v)
  return os.date("!%Y-%m-%d %H:%M:%S UTC", v)
end

-- 32-bit AND by arithmetic, so the file runs on every Lua Wireshark embeds (5.1 to 5.4).
local function band(a, b)
  local r, p = 0, 1
  for _ = 1, 32 do
    if a % 2 == 1 and b % 2 == 1 then r = r + p end
    a, b, p = math.floor(a / 2), math.floor(b / 2), p * 2
  end
  return r
end

-- The names of the set bits, then unnamed bits in hex (as the codec prints masks).
local function mask_text(bits, v)
  if v == 0 then return "0" end
  local parts, all = {}, 0
  for _, b in ipairs(bits) do
    local bit = b[1]
    all = all + bit - band(all, bit)
    if bit ~= 0 and band(v, bit) == bit then parts[#parts + 1] = b[2] end
  end
  local rest = v - band(v, all)
  if rest ~= 0 then parts[#parts + 1] = string.format("0x%x", rest) end
  return table.concat(parts, " | ")
end

local function add_fixed(t, fx, r)
  local field, kind = fx[1], fx[3]
  local v
  if kind == "i" then v = r:int() else v = r:uint() end
  local item = t:add(field, r, v)
  if kind == "t" then item:append_text(" (" .. time_text(v) .. ")") end
  if fx.e then item:append_text(" (" .. (fx.e[v] or "unknown") .. ")") end
  if fx.m then item:append_text(" (" .. mask_text(fx.m, v) .. ")") end
  local bits = BITS[field]
  if bits then
    for _, b in ipairs(bits) do item:add(b, r, v) end
  end
end

-- Splits "name\0value\0"; nil if the data is anything else.
local function split_named(raw)
  local z = raw:find("\0", 1, true)
  if not z or raw:sub(-1) ~= "\0" or z == #raw then return nil end
  local value = raw:sub(z + 1, -2)
  if value:find("\0", 1, true) then return nil end
  return raw:sub(1, z - 1), value
end

local NUM_LEN = {
  ["1"] = { [1] = true }, ["2"] = { [2] = true }, ["4"] = { [4] = true },
  i = { [4] = true }, t = { [4] = true }, n = { [1] = true, [2] = true, [4] = true },
}

-- The name and value of a NAMEDVAR ("v") or NAMEDARRAY ("a", with its index); nil if the data
-- is not one.
local function named(ty, data, len)
  local bytes = ""
  if len > 0 then bytes = data:raw() end
  local index
  if ty == "a" then
    if #bytes == 0 then return nil end
    index, bytes = bytes:byte(1), bytes:sub(2)
  end
  local name, value = split_named(bytes)
  if not name then return nil end
  return name, value, index
end

-- Whether a floating field's data is valid for its tag's type, as the codec checks it: STRING
-- ends with its NUL, numbers have their size, named variables their shape; unknown tags and
-- UNSPEC take anything.
local function field_ok(tag, data, len)
  local info = TAGS[tag]
  if not info then return true end
  local ty = info[2]
  if ty == "s" then return len > 0 and data(len - 1, 1):uint() == 0 end
  if ty == "x" then return true end
  if ty == "v" or ty == "a" then return named(ty, data, len) ~= nil end
  return NUM_LEN[ty][len] == true
end

-- Walks the floating part from `off`: calls `each(off, tag, flen)` for every whole field and
-- returns nil, or stops at the first field that does not fit and returns the expert for it.
local function walk_floating(tvb, off, each)
  local len = tvb:len()
  local hl = 2
  if cti.prefs.version >= 20 then hl = 4 end
  local half = hl / 2
  while off < len do
    if len - off < hl then return E.truncated, off end
    local tag = tvb(off, half):uint()
    local flen = tvb(off + half, half):uint()
    if off + hl + flen > len then return E.overrun, off end
    if not field_ok(tag, tvb(off + hl, flen), flen) then return E.bad_field, off end
    each(off, tag, flen, hl)
    off = off + hl + flen
  end
  return nil
end

-- Adds one floating field whose data (possibly empty and known to be valid) is `data`.
local function add_floating(t, tag, layout_field, data, len)
  local info = TAGS[tag]
  if not info then
    local item = t:add(H.unknown, data)
    item:append_text(" (tag " .. tag .. ")")
    item:add_proto_expert_info(E.unknown_tag)
    return item
  end
  local field, ty = layout_field or info[1], info[2]
  if ty == "s" then
    -- The text ends at the first NUL, as the codec reads it.
    local z = data:raw():find("\0", 1, true)
    local s = ""
    if z > 1 then s = data:range(0, z - 1):string(ENC_UTF_8) end
    return t:add(field, data, s)
  elseif ty == "x" then
    return t:add(field, data)
  elseif ty == "v" or ty == "a" then
    local name, value, index = named(ty, data, len)
    local text = name .. "=" .. value
    if index then text = name .. "[" .. index .. "]=" .. value end
    local item = t:add(field, data, text)
    if index then item:add(H.var_index, data(0, 1), index) end
    item:add(H.var_name, data, name)
    item:add(H.var_value, data, value)
    return item
  end
  local v
  if ty == "i" then v = data:int() else v = data:uint() end
  local item = t:add(field, data, v)
  if ty == "t" then item:append_text(" (" .. time_text(v) .. ")") end
  return item
end

-- Fields of a group go in a subtree per occurrence: a group starts at its first member's tag
-- and takes the members that follow until that tag comes again (as the codec groups them).
local function dissect_floating(tvb, off, t, spec)
  local open, counts = {}, {}
  local bad, at = walk_floating(tvb, off, function(foff, tag, flen, hl)
    local parent = t
    local g = spec.groups and spec.groups[tag]
    if g then
      local name, first = g[1], g[2]
      if first then
        counts[name] = (counts[name] or 0) + 1
        open[name] = { t:add(tvb(foff, hl + flen), name .. " [" .. counts[name] .. "]"), foff }
      end
      local cur = open[name]
      if cur then
        parent = cur[1]
        parent:set_len(foff + hl + flen - cur[2])
      end
    end
    local item = add_floating(parent, tag, spec.float[tag], tvb(foff + hl, flen), flen)
    item:add(H.tag, tvb(foff, hl / 2), tag)
    item:add(H.field_length, tvb(foff + hl / 2, hl / 2), flen)
  end)
  if bad then
    local item = t:add(H.unknown, tvb(at))
    item:add_proto_expert_info(bad)
  end
end

-- Whether a body fits its type's layout: the fixed part is whole and every floating field is.
local function fits(tvb, spec)
  local off = 8
  for _, fx in ipairs(spec.fixed) do off = off + fx[2] end
  if off > tvb:len() then return false end
  return walk_floating(tvb, off, function() end) == nil
end

-- One whole message (header and body) in `tvb`; returns its name for the Info column.
local function dissect_message(tvb, tree)
  local len = tvb:len()
  local mtype = tvb(4, 4):uint()
  local spec = MESSAGES[mtype]
  local name = MESSAGE_NAMES[mtype] or ("UNKNOWN(" .. mtype .. ")")
  local t = tree:add(cti, tvb(), "CTI Server Protocol, " .. name)
  t:add(H.length, tvb(0, 4))
  t:add(H.type, tvb(4, 4))
  -- Unknown, known with no v15 layout, or not fitting a layout the codec only infers (it
  -- then keeps the message raw): the body as it is.
  local raw = not spec or spec.opaque or (spec.lenient and not fits(tvb, spec))
  if raw then
    if not spec then
      t:add_proto_expert_info(E.unknown_type)
    elseif not spec.opaque then
      t:add_proto_expert_info(E.raw_fallback)
    end
    if len > 8 then t:add(H.body, tvb(8)) end
    return name
  end
  local off = 8
  for _, fx in ipairs(spec.fixed) do
    if off + fx[2] > len then
      t:add_proto_expert_info(E.short_body)
      if off < len then t:add(H.body, tvb(off)) end
      return name
    end
    add_fixed(t, fx, tvb(off, fx[2]))
    off = off + fx[2]
  end
  dissect_floating(tvb, off, t, spec)
  return name
end

-- Cuts the TCP payload into messages: a message may span segments (desegmentation asks TCP
-- for the rest) and a segment may hold several messages.
function cti.dissector(tvb, pinfo, tree)
  local total = tvb:len()
  local off = 0
  local names = {}
  while off < total do
    local rest = total - off
    if rest < 8 then
      pinfo.desegment_offset = off
      pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
      break
    end
    local body = tvb(off, 4):uint()
    if body > MAX_BODY_LEN then
      local t = tree:add(cti, tvb(off), "CTI Server Protocol, oversize message")
      t:add(H.length, tvb(off, 4)):add_proto_expert_info(E.oversize)
      names[#names + 1] = "[oversize MessageLength " .. body .. "]"
      off = total
      break
    end
    if rest < 8 + body then
      pinfo.desegment_offset = off
      pinfo.desegment_len = 8 + body - rest
      break
    end
    names[#names + 1] = dissect_message(tvb(off, 8 + body):tvb(), tree)
    off = off + 8 + body
  end
  if #names > 0 then
    local text = table.concat(names, ", ")
    if tostring(pinfo.cols.protocol) == "CTI" then
      pinfo.cols.info:append(", " .. text)
    else
      pinfo.cols.protocol = "CTI"
      pinfo.cols.info = text
    end
  end
  return total
end

-- (Re)registers on the configured ports.
local registered = nil
local function register_ports()
  local tcp = DissectorTable.get("tcp.port")
  if registered then tcp:remove(registered, cti) end
  registered = tostring(cti.prefs.tcp_ports)
  if registered ~= "" then tcp:add(registered, cti) end
end

function cti.prefs_changed()
  register_ports()
end

register_ports()
DissectorTable.get("tcp.port"):add_for_decode_as(cti)
