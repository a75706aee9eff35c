//! The floating field tags (spec §4): number, name, value type and v15 maximum, as one table.
//!
//! The same table types the accessors ([`Tag`] constants below), validates received fields and
//! names fields in `ctidump` and the Wireshark dissector.

use super::floating::{kind, Tag};
use super::Version;

/// The value type of a floating field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum FloatType {
    /// STRING, NUL-terminated, the NUL counted in the length.
    String,
    /// UNSPEC: raw bytes.
    Unspec,
    /// UCHAR.
    UChar,
    /// USHORT.
    UShort,
    /// UINT.
    UInt,
    /// INT.
    Int,
    /// TIME.
    Time,
    /// An unsigned number of 1, 2 or 4 bytes: for tags whose size is not documented or on which
    /// sources disagree (⚠ in the spec), decoded by the length it comes with.
    Num,
    /// NAMEDVAR: `name\0value\0`.
    NamedVar,
    /// NAMEDARRAY: `index name\0value\0`.
    NamedArray,
}

/// One row of the tag table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TagSpec {
    /// The tag number.
    pub tag: u16,
    /// The spec's tag name, without `_TAG`.
    pub name: &'static str,
    /// The value type.
    pub ty: FloatType,
    /// The v15 maximum data length (strings include the NUL); 0 where no source gives one.
    pub max: u16,
    /// The first protocol version that has the tag (`Version(0)`: v15 and before).
    pub since: Version,
    /// The first version that no longer has it (or gives its number another meaning), if any.
    pub until: Option<Version>,
}

impl TagSpec {
    /// The tag `tag` named `name` of type `ty`, at most `max` bytes: for tools that describe
    /// tags of their own (tests of a dissector, say). The spec's tags are in [`TAGS`].
    #[must_use]
    pub const fn new(tag: u16, name: &'static str, ty: FloatType, max: u16) -> Self {
        TagSpec {
            tag,
            name,
            ty,
            max,
            since: Version(0),
            until: None,
        }
    }

    /// True if protocol `version` has this tag with this meaning.
    #[must_use]
    pub const fn in_version(&self, version: Version) -> bool {
        crate::wire::message::in_range(version, self.since, self.until)
    }
}

macro_rules! tags {
    ($( $(#[$m:meta])* $name:ident = $tag:literal, $k:ident, $max:literal
        $(@ $since:literal .. $($until:literal)?)?; )*) => {
        $( $(#[$m])* #[doc = concat!("Tag ", stringify!($tag), ", ", stringify!($k), " max ", stringify!($max), ".")]
           $( #[doc = concat!("\n\nFrom protocol version ", stringify!($since) $(, " until (not including) ", stringify!($until))?, ".")] )?
           pub const $name: Tag<kind::$k> = Tag::new($tag); )*

        const TABLE: &[TagSpec] = &[
            $( TagSpec {
                tag: $tag, name: stringify!($name), ty: FloatType::$k, max: $max,
                since: Version(0 $(+ $since)?),
                until: crate::wire::message::until!($($($until)?)?),
            }, )*
        ];
    };
}

/// Every known tag, in number order. A number whose meaning changed between versions (312 and
/// 313, versions sheet §9 #11) has one row per meaning: see [`spec_in`].
pub static TAGS: &[TagSpec] = TABLE;

/// One past the largest tag number the table knows.
const TAG_LIMIT: usize = 320;

/// Index into [`TAGS`] by tag number: the first row of each number.
static INDEX: [u16; TAG_LIMIT] = {
    let mut idx = [u16::MAX; TAG_LIMIT];
    let mut i = TABLE.len();
    while i > 0 {
        i -= 1;
        idx[TABLE[i].tag as usize] = i as u16;
    }
    idx
};

/// The tag table's (first) row for `tag`.
#[inline]
#[must_use]
pub fn spec(tag: u16) -> Option<&'static TagSpec> {
    let i = *INDEX.get(usize::from(tag))?;
    TAGS.get(usize::from(i))
}

/// The tag table's row for `tag` in protocol `version`: the meaning that version gives the
/// number (tags 312 and 313 mean answer-suggestion counts in v24, media type and provider from
/// v25). Falls back to [`spec`] when no row claims the version.
#[must_use]
pub fn spec_in(tag: u16, version: Version) -> Option<&'static TagSpec> {
    let first = usize::from(*INDEX.get(usize::from(tag))?);
    TAGS.get(first..)?
        .iter()
        .take_while(|s| s.tag == tag)
        .find(|s| s.in_version(version))
        .or_else(|| spec(tag))
}

/// Value type by tag number: one load per field when a floating part is validated, instead of
/// the two of [`spec`].
static TYPES: [Option<FloatType>; TAG_LIMIT] = TYPE_TABLE;

/// [`TYPES`] as a constant, for other tables computed at compile time. A number with rows of
/// different types (one per version) is typed UNSPEC: any length is kept, and a reader takes
/// the row of its version ([`spec_in`]).
pub(crate) const TYPE_TABLE: [Option<FloatType>; TAG_LIMIT] = {
    let mut types: [Option<FloatType>; TAG_LIMIT] = [None; TAG_LIMIT];
    let mut i = 0;
    while i < TABLE.len() {
        let t = TABLE[i].tag as usize;
        types[t] = match types[t] {
            None => Some(TABLE[i].ty),
            Some(_) => Some(FloatType::Unspec),
        };
        i += 1;
    }
    types
};

/// The value type of `tag`, or `None` for a tag the table does not know.
#[inline]
#[must_use]
pub fn type_of(tag: u16) -> Option<FloatType> {
    TYPES.get(usize::from(tag)).copied().flatten()
}

/// The field name a generic printer uses for a tag outside any message's layout: the tag's
/// name, or `None`.
#[must_use]
pub fn name(tag: u16) -> Option<&'static str> {
    spec(tag).map(|s| s.name)
}

tags! {
    CLIENT_ID = 1, String, 64;
    /// May be empty (length 0).
    CLIENT_PASSWORD = 2, Unspec, 64;
    CLIENT_SIGNATURE = 3, String, 64;
    AGENT_EXTENSION = 4, String, 16;
    AGENT_ID = 5, String, 12;
    AGENT_INSTRUMENT = 6, String, 64;
    TEXT = 7, String, 255;
    ANI = 8, String, 40;
    /// UserToUserInfo.
    UUI = 9, Unspec, 131;
    /// 10 is DNIS and 11 DIALED_NUMBER (spec §8 #9: one Java library swaps them).
    DNIS = 10, String, 32;
    DIALED_NUMBER = 11, String, 40;
    /// CallerEnteredDigits.
    CED = 12, String, 40;
    /// Call variables are 41 bytes in v15 (40 in v9, spec §8 #10).
    CALL_VAR_1 = 13, String, 41;
    CALL_VAR_2 = 14, String, 41;
    CALL_VAR_3 = 15, String, 41;
    CALL_VAR_4 = 16, String, 41;
    CALL_VAR_5 = 17, String, 41;
    CALL_VAR_6 = 18, String, 41;
    CALL_VAR_7 = 19, String, 41;
    CALL_VAR_8 = 20, String, 41;
    CALL_VAR_9 = 21, String, 41;
    CALL_VAR_10 = 22, String, 41;
    CTI_CLIENT_SIGNATURE = 23, String, 64;
    CTI_CLIENT_TIMESTAMP = 24, Time, 4;
    CONNECTION_DEVID = 25, String, 64;
    ALERTING_DEVID = 26, String, 64;
    CALLING_DEVID = 27, String, 64;
    CALLED_DEVID = 28, String, 64;
    LAST_REDIRECT_DEVID = 29, String, 64;
    ANSWERING_DEVID = 30, String, 64;
    HOLDING_DEVID = 31, String, 64;
    RETRIEVING_DEVID = 32, String, 64;
    RELEASING_DEVID = 33, String, 64;
    FAILING_DEVID = 34, String, 64;
    PRIMARY_DEVID = 35, String, 64;
    SECONDARY_DEVID = 36, String, 64;
    CONTROLLER_DEVID = 37, String, 64;
    ADDED_PARTY_DEVID = 38, String, 64;
    PARTY_CALLID = 39, UInt, 4;
    PARTY_DEVID_TYPE = 40, UShort, 2;
    PARTY_DEVID = 41, String, 64;
    TRANSFERRING_DEVID = 42, String, 64;
    TRANSFERRED_DEVID = 43, String, 64;
    DIVERTING_DEVID = 44, String, 64;
    QUEUE_DEVID = 45, String, 64;
    CALL_WRAPUP_DATA = 46, String, 40;
    NEW_CONNECTION_DEVID = 47, String, 64;
    TRUNK_USED_DEVID = 48, String, 64;
    AGENT_PASSWORD = 49, String, 64;
    ACTIVE_CONN_DEVID = 50, String, 64;
    FACILITY_CODE = 51, String, 40;
    OTHER_CONN_DEVID = 52, String, 64;
    HELD_CONN_DEVID = 53, String, 64;
    CALL_CONN_CALLID = 56, UInt, 4;
    CALL_CONN_DEVID_TYPE = 57, UShort, 2;
    CALL_CONN_DEVID = 58, String, 64;
    CALL_DEVID_TYPE = 59, UShort, 2;
    CALL_DEVID = 60, String, 64;
    CALL_DEV_CONN_STATE = 61, UShort, 2;
    SKILL_GROUP_NUMBER = 62, Int, 4;
    SKILL_GROUP_ID = 63, UInt, 4;
    SKILL_GROUP_PRIORITY = 64, UShort, 2;
    SKILL_GROUP_STATE = 65, UShort, 2;
    OBJECT_NAME = 66, String, 128;
    DTMF_STRING = 67, String, 32;
    POSITION_ID = 68, String, 12;
    SUPERVISOR_ID = 69, String, 12;
    LINE_HANDLE = 70, UShort, 2;
    LINE_TYPE = 71, UShort, 2;
    ROUTER_CALL_KEY_DAY = 72, UInt, 4;
    ROUTER_CALL_KEY_CALLID = 73, UInt, 4;
    CALL_STATE = 75, UShort, 2;
    MONITORED_DEVID = 76, String, 64;
    AUTHORIZATION_CODE = 77, String, 40;
    ACCOUNT_CODE = 78, String, 40;
    ORIGINATING_DEVID = 79, String, 64;
    ORIGINATING_LINE_ID = 80, String, 64;
    /// STRING 16 in v15, 64 from v19.
    CLIENT_ADDRESS = 81, String, 16;
    NAMED_VARIABLE = 82, NamedVar, 251;
    NAMED_ARRAY = 83, NamedArray, 252;
    /// Tag 84 (APP_PATH_ID in v9; spec §8 #8).
    CALL_CONTROL_TABLE = 84, String, 4;
    SUPERVISOR_INSTRUMENT = 85, String, 64;
    ATC_AGENT_ID = 86, String, 12;
    AGENT_FLAGS = 87, UShort, 2;
    ATC_AGENT_STATE = 88, UShort, 2;
    ATC_STATE_DURATION = 89, UInt, 4;
    AGENT_CONNECTION_DEVID = 90, String, 64;
    SUPERVISOR_CONNECTION_DEVID = 91, String, 64;
    LIST_TEAM_ID = 92, UInt, 4;
    DEFAULT_DEVICE_PORT_ADDRESS = 93, String, 32;
    SERVICE_NAME = 94, String, 64;
    CUSTOMER_PHONE_NUMBER = 95, String, 20;
    CUSTOMER_ACCOUNT_NUMBER = 96, String, 32;
    /// Tag 97 from v15 on (84 in v9; spec §8 #8). Documented size 5 ⚠, sent as a 4-byte INT.
    APP_PATH_ID = 97, Int, 4;
    SCRIPT_SELECTOR = 99, String, 0;
    APPLICATION_STRING1 = 100, String, 0;
    APPLICATION_STRING2 = 101, String, 0;
    ROUTER_CALL_KEY_SEQUENCE_NUM = 110, UInt, 4;
    TRUNK_NUMBER = 121, UInt, 4;
    TRUNK_GROUP_NUMBER = 122, UInt, 4;
    /// NextAgentState in AGENT_STATE_EVENT.
    EXT_AGENT_STATE = 123, UShort, 2;
    /// Size not found ⚠: decoded by its length.
    DEQUEUE_TYPE = 124, Num, 4;
    /// STRING 16 in v15, 64 from v19.
    SENDING_ADDRESS = 125, String, 16;
    SENDING_PORT = 126, UInt, 4;
    MAX_QUEUED = 129, Num, 4;
    QUEUE_ID = 130, Num, 4;
    CUSTOMER_ID = 131, UInt, 4;
    SERVICE_SKILL_TARGET_ID = 132, Num, 4;
    PERIPHERAL_NAME = 133, String, 64;
    DESCRIPTION = 134, String, 128;
    SERVICE_MEMBER_ID = 135, Num, 4;
    SERVICE_MEMBER_PRIORITY = 136, Num, 4;
    FIRST_NAME = 137, String, 32;
    LAST_NAME = 138, String, 32;
    SKILL_GROUP = 139, Num, 4;
    AGENT_SKILL_TARGET_ID = 141, Num, 4;
    SERVICE = 142, Num, 4;
    DURATION = 150, UInt, 4;
    EXTENSION = 173, String, 16;
    SERVICE_LEVEL_THRESHOLD = 174, Num, 4;
    SERVICE_LEVEL_TYPE = 175, Num, 4;
    CONFIG_PARAM = 176, String, 255;
    SERVICE_CONFIG_KEY = 177, Unspec, 8;
    SKILL_GROUP_CONFIG_KEY = 178, Unspec, 8;
    AGENT_CONFIG_KEY = 179, Unspec, 8;
    DEVICE_CONFIG_KEY = 180, Unspec, 8;
    RECORD_TYPE = 183, Num, 4;
    PERIPHERAL_NUMBER = 184, Num, 4;
    /// Seen as 2 bytes in real v15 traffic, 4 elsewhere (spec §8 #20): decoded by its length.
    CONFIG_AGENT_SKILL_TARGET_ID = 185, Num, 4;
    NUM_SERVICE_MEMBERS = 186, Num, 4;
    SERVICE_MEMBER = 187, Num, 4;
    SERVICE_PRIORITY = 188, Num, 4;
    AGENT_TYPE = 189, Num, 4;
    LOGIN_ID = 190, String, 64;
    NUM_SKILLS = 191, Num, 4;
    SKILL_GROUP_SKILL_TARGET_ID = 192, Num, 4;
    SERVICE_ID = 193, Num, 4;
    AGENT_ID_LONG = 194, String, 32;
    DEVICE_TYPE = 195, Num, 4;
    ENABLE = 198, Num, 4;
    DEVICEID = 199, String, 64;
    TIMEOUT = 200, Num, 4;
    CURRENT_ROUTE = 201, Num, 4;
    SECONDARY_CONNECTION_CALL_ID = 202, UInt, 4;
    PRIORITY_QUEUE_NUMBER = 203, Num, 4;
    TEAM_NAME = 204, String, 64;
    MEMBER_TYPE = 205, Num, 4;
    EVENT_DEVICE_ID = 206, String, 64;
    LOGIN_NAME = 207, String, 255;
    /// FltPeripheralID in OPEN_CONF.
    PERIPHERAL_ID = 208, UInt, 4;
    CALL_TYPE_KEY_CONFIG = 209, Unspec, 8;
    CALL_TYPE_ID = 210, Num, 4;
    CUSTOMER_DEFINITION_ID = 211, Num, 4;
    ENTERPRISE_NAME = 212, String, 32;
    /// Named CUR_PERIPHERAL_NUMBER by some sources (spec §8 #20).
    OLD_PERIPHERAL_NUMBER = 213, Num, 4;
    CUR_LOGIN_ID = 214, String, 64;
    ANI_II = 215, String, 2;
    MR_DOMAIN_ID = 216, UInt, 4;
    CTIOS_CIL_CLIENT_ID = 217, String, 64;
    SILENT_MONITOR_STATUS = 218, UShort, 2;
    REQUESTING_DEVICE_ID = 219, String, 64;
    REQUESTING_DEVICE_ID_TYPE = 220, UShort, 2;
    PRE_CALL_INVOKE_ID = 221, UInt, 4;
    /// Size not found ⚠: decoded by its length.
    ENTERPRISE_QUEUE_TIME = 222, Num, 4;
    CALL_REFERENCE_ID = 223, Unspec, 32;
    MULTI_LINE_AGENT_CONTROL = 224, UShort, 2;
    /// Size not found ⚠: decoded by its length.
    NETWORK_CONTROLLED = 225, Num, 4;
    /// v14 to v18: removed in v19 (versions sheet §5).
    CLIENT_ADDRESS_IPV6 = 226, String, 64 @ 14..19;
    /// v14 to v18: removed in v19 (versions sheet §5).
    SENDING_ADDRESS_IPV6 = 227, String, 64 @ 14..19;
    NUM_PERIPHERALS = 228, UShort, 2;
    COC_CONNECTION_CALL_ID = 229, UInt, 4;
    COC_CONNECTION_DEVICE_ID_TYPE = 230, UShort, 2;
    COC_CONNECTION_DEVICE_ID = 231, String, 64;
    CALL_ORIGINATED_FROM = 232, UChar, 1;
    /// Type not found ⚠: kept as raw bytes.
    SET_APPDATA_CALLID = 233, Unspec, 0;
    /// Type not found ⚠: kept as raw bytes.
    CLIENT_SHARE_KEY = 234, Unspec, 0;
    // ----- after v15 (versions sheet §5); types it gives as `?` are kept as UNSPEC -----
    /// AgentTeamName in AGENT_TEAM_CONFIG_EVENT.
    AGENT_TEAM_NAME = 243, String, 32 @ 16..;
    /// Direction in AGENT_STATE_EVENT: a UINT, 4 bytes, values in
    /// [`Direction`](super::codes::Direction). The v15 sheet's USHORT 2 is wrong: V25-ALI gives
    /// UINT 4, and four independent implementations read 4 bytes (ucce-ctidriver in Haskell,
    /// uccertweb in Scala, ctm_rs in Rust, ctiservice in Go) [V25-ALI; HS; SCALA; RS; GO];
    /// nothing gives 2 (versions sheet §5, §9 #1).
    DIRECTION = 244, UInt, 4 @ 16..;
    /// Internal (ACMI PIM), in ROUTE_REQUEST_EVENT.
    OPTIONS = 245, Unspec, 0 @ 17..;
    /// Internal MRD configuration. ⚠ Version inferred.
    FLT_MRD_ID = 246, Unspec, 0 @ 18..;
    /// Internal MRD configuration.
    MEDIA_CLASS_ID = 247, Unspec, 0 @ 18..;
    /// Internal MRD configuration.
    TASK_LIFE = 248, Unspec, 0 @ 18..;
    /// Internal MRD configuration.
    TASK_START_TIMEOUT = 249, Unspec, 0 @ 18..;
    /// In CONFIG_MRD_EVENT (v20).
    MAX_TASK_DURATION = 250, UInt, 4 @ 18..;
    /// BOOL, in CONFIG_MRD_EVENT (v20).
    INTERRUPTIBLE = 251, UShort, 2 @ 18..;
    /// Internal MRD configuration.
    MAX_CALLS_IN_QUEUE = 252, Unspec, 0 @ 18..;
    /// Internal MRD configuration.
    MAX_CALLS_IN_QUEUE_PER_CALL_TYPE = 253, Unspec, 0 @ 18..;
    /// Internal MRD configuration.
    MAX_TIME_IN_QUEUE = 254, Unspec, 0 @ 18..;
    /// InternalAgentState in QUERY_AGENT_STATE_CONF (versions sheet §6.6).
    INTERNAL_AGENT_STATE = 255, UShort, 2 @ 19..;
    /// SSOEnabled: 0 disabled, 1 enabled.
    SSO_ENABLED = 257, UShort, 2 @ 20..;
    /// ⚠ Type not found (TASKID likely).
    FLT_TASK_ID = 258, Unspec, 0 @ 20..;
    /// In MEDIA_LOGOUT_IND.
    FLT_ICM_DISP = 259, Unspec, 0 @ 20..;
    /// In MEDIA_LOGOUT_IND.
    FLT_APP_DISP = 260, Unspec, 0 @ 20..;
    /// In CONFIG_AGENT_EVENT.
    NUM_MRDS = 261, UShort, 2 @ 21..;
    /// In CONFIG_AGENT_EVENT.
    FLT_AGENT_MRD_ID = 262, UInt, 4 @ 21..;
    /// In CONFIG_AGENT_EVENT.
    FLT_AGENT_MRD_STATE = 263, UShort, 2 @ 21..;
    /// In CONFIG_SKILL_GROUP_EVENT.
    FLT_PRECISION_QUEUE_ID = 264, UInt, 4 @ 22..;
    /// In CONFIG_SKILL_GROUP_EVENT.
    FLT_PRECISION_QUEUE_NAME = 265, String, 32 @ 22..;
    /// MaxBeyondTaskLimit in AGENT_STATE_EVENT and QUERY_AGENT_STATE_CONF.
    MAX_BEYOND_TASK_LIMIT = 266, UInt, 4 @ 22..;
    /// In CONFIG_AGENT_EVENT and CONFIG_AGENT_DESK_SETTINGS_EVENT.
    AGENT_DESK_SETTINGS_ID = 267, UInt, 4 @ 22..;
    /// ⚠ Version and type not found; listed from v22 with its neighbours.
    XFER_IN_WHILE_LOGGED_OUT = 268, Unspec, 0 @ 22..;
    /// In CONFIG_KEY_EVENT / CONFIG_BEGIN_EVENT.
    PERIPHERAL_CONFIG_KEY = 269, Unspec, 8 @ 22..;
    /// In CONFIG_KEY_EVENT / CONFIG_BEGIN_EVENT.
    AGENT_DESK_SETTINGS_CONFIG_KEY = 270, Unspec, 8 @ 22..;
    /// In CONFIG_PERIPHERAL_EVENT.
    CONFIG_PERIPHERAL_ID = 271, UInt, 4 @ 22..;
    /// In CONFIG_PERIPHERAL_EVENT.
    DEFAULT_AGENT_DESK_SETTINGS_ID = 272, UInt, 4 @ 22..;
    /// The first of CONFIG_AGENT_DESK_SETTINGS_EVENT's UINT settings (273–286; the names of
    /// 274–285 were not read, so those stay unnamed and are kept as unknown tags).
    FLT_DESK_SETTINGS_MASK = 273, UInt, 4 @ 22..;
    /// The last of CONFIG_AGENT_DESK_SETTINGS_EVENT's UINT settings.
    FLT_RING_NO_ANSWER_DN_ID = 286, UInt, 4 @ 22..;
    /// In CONFIG_AGENT_DESK_SETTINGS_EVENT.
    FLT_DEFAULT_DEVICE_PORT_ADDRESS = 287, String, 0 @ 22..;
    /// In AGENT_TASKS_REQUEST_EVENT.
    DESKTOP_CONNECTED_FLAG = 288, Unspec, 0 @ 23..;
    /// In START/STOP_NETWORK_RECORDING_REQ.
    PLAY_TONE_DIRECTION = 289, Unspec, 0 @ 23..;
    /// In START/STOP_NETWORK_RECORDING_REQ.
    INVOCATION_TYPE = 290, Unspec, 0 @ 23..;
    /// In NETWORK_RECORDING_TARGET_INFO_EVENT.
    RECORDER_ADDRESS = 291, String, 64 @ 23..;
    /// In NETWORK_RECORDING_TARGET_INFO_EVENT.
    TERMINAL_NAME = 292, String, 64 @ 23..;
    /// In NETWORK_RECORDING_TARGET_INFO_EVENT.
    MEDIA_FORKING_DEVICE_NAME = 293, String, 64 @ 23..;
    /// STRING 40 in AGENT_PRE_CALL_EVENT, 64 in NETWORK_RECORDING_TARGET_INFO_EVENT (§9 #20).
    PROTOCOL_REFERENCE_GUID = 294, String, 64 @ 23..;
    /// In NETWORK_RECORDING_TARGET_INFO_EVENT.
    MEDIA_FORKING_CLUSTER_ID = 295, String, 64 @ 23..;
    /// In NETWORK_RECORDING_TARGET_INFO_EVENT.
    RECORDER_URI = 296, String, 64 @ 23..;
    /// In NETWORK_RECORDING_TARGET_INFO_EVENT.
    RECORDER_ERROR_MSG = 297, String, 64 @ 23..;
    /// In NETWORK_RECORDING_TARGET_INFO_EVENT.
    RECORDER_TYPE = 298, UShort, 2 @ 23..;
    /// In NETWORK_RECORDING_TARGET_INFO_EVENT.
    RECORDER_STATUS = 299, UShort, 2 @ 23..;
    /// In the NETWORK_RECORDING_* events.
    RECORDING_DEVICE_ID = 300, String, 64 @ 23..;
    /// ⚠ In v24 implementations' tables; in no change list.
    FLT_TERM_TYPE = 302, UShort, 2 @ 24..;
    /// Also ActiveTerminal (⚠ versions sheet §9 #4).
    FLT_TERM_DEVICE_NAME = 303, String, 64 @ 24..;
    /// In CONFIG_TERMINAL_EVENT.
    FLT_TERM_TYPE_NAME = 304, String, 100 @ 24..;
    /// In CONFIG_TERMINAL_EVENT.
    FLT_NUM_INSTRUMENTS = 305, UShort, 2 @ 24..;
    /// In the desk settings. ⚠ Version not found.
    ACD_SHARED_LINE_USAGE = 306, UInt, 4 @ 24..;
    /// In the desk settings. ⚠ Version not found.
    PLAY_ZIP_TONE = 307, UInt, 4 @ 24..;
    /// USHORT × NumOfEnabledServices.
    FLT_ENABLED_SERVICES = 309, Unspec, 0 @ 24..;
    /// In AGENT_PRE_CALL_EVENT and the agent-service messages.
    NUM_OF_ENABLED_SERVICES = 310, UShort, 2 @ 24..;
    /// In AGENT_PRE_CALL_EVENT.
    CCAI_CONFIG_ID = 311, String, 40 @ 24..;
    /// v24 only: v25 gives 312 to MEDIA_TYPE (versions sheet §9 #11).
    NUM_POSITIVE_ANSWERS_SUGGESTIONS = 312, UShort, 2 @ 24..25;
    /// From v25, in MEDIA_LOGIN_REQ. ⚠ Type not found.
    MEDIA_TYPE = 312, Unspec, 0 @ 25..;
    /// v24 only: v25 gives 313 to MEDIA_PROVIDER (versions sheet §9 #11).
    NUM_NEGATIVE_ANSWERS_SUGGESTIONS = 313, UShort, 2 @ 24..25;
    /// From v25, in MEDIA_LOGIN_REQ. ⚠ Type not found.
    MEDIA_PROVIDER = 313, Unspec, 0 @ 25..;
}
