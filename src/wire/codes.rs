//! Enumerations and bit masks (spec §5) as newtypes over the wire integer: every value the peer
//! sends is kept, the named ones print by their spec names in `Debug`, `defmt` and `ctidump`.

/// The display name of a code: the explicit one if given, else the constant's name.
macro_rules! name_or {
    ($v:ident) => {
        stringify!($v)
    };
    ($v:ident, $d:literal) => {
        $d
    };
}

/// Defines an enumeration that keeps unknown values: a newtype with one constant per named value.
macro_rules! code {
    ($(#[$m:meta])* pub struct $T:ident($int:ty) {
        $( $(#[$vm:meta])* $V:ident = $val:literal $(=> $disp:literal)? ,)*
    }) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $T(pub $int);

        impl $T {
            $(
                #[doc = concat!("`", $crate::wire::codes::name_or!($V $(, $disp)?), "` = ", stringify!($val), ".")]
                #[doc = ""]
                $(#[$vm])*
                pub const $V: $T = $T($val);
            )*
            /// Every constant with its identifier, to check [`Self::NAMES`] against.
            #[cfg(test)]
            const DECLARED: &'static [($T, &'static str)] = &[ $( ($T::$V, stringify!($V)) ),* ];
            /// Every named value with its spec name.
            pub const NAMES: &'static [(u32, &'static str)] =
                &[ $( ($val as u32, $crate::wire::codes::name_or!($V $(, $disp)?)) ),* ];

            /// The spec's name of this value, or `None` for one the spec does not name.
            pub fn name(self) -> Option<&'static str> {
                match self.0 {
                    $( $val => Some($crate::wire::codes::name_or!($V $(, $disp)?)), )*
                    _ => None,
                }
            }
        }

        impl From<$int> for $T {
            fn from(v: $int) -> Self { $T(v) }
        }

        impl From<$T> for $int {
            fn from(v: $T) -> Self { v.0 }
        }

        impl ::core::fmt::Debug for $T {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(f, concat!(stringify!($T), "({})"), self.0),
                }
            }
        }

        impl ::core::fmt::Display for $T {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(self, f)
            }
        }

        #[cfg(feature = "defmt")]
        impl defmt::Format for $T {
            fn format(&self, f: defmt::Formatter) {
                match self.name() {
                    Some(n) => defmt::write!(f, "{=str}", n),
                    None => defmt::write!(f, "{=str}({=u32})", stringify!($T), self.0 as u32),
                }
            }
        }

        impl $crate::wire::Fixed for $T {
            const SIZE: usize = <$int as $crate::wire::Fixed>::SIZE;
            const KIND: $crate::wire::FieldKind =
                $crate::wire::FieldKind { scalar: <$int as $crate::wire::Fixed>::KIND.scalar, names: $crate::wire::Names::Enum(Self::NAMES) };
            #[inline]
            fn take(r: &mut $crate::wire::Reader<'_>) -> Option<Self> { <$int as $crate::wire::Fixed>::take(r).map($T) }
            #[inline]
            fn put(self, w: &mut $crate::wire::Writer<'_>) { $crate::wire::Fixed::put(self.0, w) }
        }
    };
}

/// True if `version` is `since` or later: a mask bit's version gate.
#[doc(hidden)]
pub const fn has_since(version: super::Version, since: u32) -> bool {
    version.0 >= since
}

/// Defines a bit mask that keeps unknown bits.
macro_rules! mask {
    ($(#[$m:meta])* pub struct $T:ident($int:ty) {
        $( $(#[$vm:meta])* $V:ident = $val:literal $(=> $disp:literal)? $(@ $since:literal)? ,)*
    }) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $T(pub $int);

        impl $T {
            $(
                #[doc = concat!("`", $crate::wire::codes::name_or!($V $(, $disp)?), "` = ", stringify!($val), ".")]
                #[doc = ""]
                $(#[$vm])*
                $( #[doc = concat!("\n\nFrom protocol version ", stringify!($since), ".")] )?
                pub const $V: $T = $T($val);
            )*
            /// No bits.
            pub const EMPTY: $T = $T(0);
            /// Every bit valid in protocol version 15, the default version; a later version's
            /// set is [`Self::valid_bits`].
            pub const ALL: $T = $T(Self::valid_bits($crate::wire::Version::V15));
            /// Every named bit, of any version.
            pub const NAMED: $T = $T(0 $(| $val)*);
            /// Every constant with its identifier, to check [`Self::NAMES`] against.
            #[cfg(test)]
            const DECLARED: &'static [($T, &'static str)] = &[ $( ($T::$V, stringify!($V)) ),* ];
            /// Every named bit with its spec name.
            pub const NAMES: &'static [(u32, &'static str)] =
                &[ $( ($val as u32, $crate::wire::codes::name_or!($V $(, $disp)?)) ),* ];

            /// True if every bit of `other` is set here.
            pub const fn contains(self, other: $T) -> bool { self.0 & other.0 == other.0 }
            /// True if no bit is set.
            pub const fn is_empty(self) -> bool { self.0 == 0 }
            /// The bits set here that have no name.
            pub const fn unknown_bits(self) -> $int { self.0 & !Self::NAMED.0 }
            /// Every bit valid in protocol `version`: the named bits that version has (each
            /// bit's version is in its docs; a bit without one is valid in every version).
            pub const fn valid_bits(version: $crate::wire::Version) -> $int {
                let _ = version;
                0 $( | if $crate::wire::codes::has_since(version, 0 $(+ $since)?) { $val } else { 0 } )*
            }
            /// The bits set here that protocol `version` does not define: a server refuses an
            /// OPEN_REQ with any (versions sheet §6).
            pub const fn invalid_bits(self, version: $crate::wire::Version) -> $int {
                self.0 & !Self::valid_bits(version)
            }
        }

        impl core::ops::BitOr for $T {
            type Output = $T;
            fn bitor(self, o: $T) -> $T { $T(self.0 | o.0) }
        }
        impl core::ops::BitOrAssign for $T {
            fn bitor_assign(&mut self, o: $T) { self.0 |= o.0 }
        }
        impl core::ops::BitAnd for $T {
            type Output = $T;
            fn bitand(self, o: $T) -> $T { $T(self.0 & o.0) }
        }
        impl From<$int> for $T {
            fn from(v: $int) -> Self { $T(v) }
        }
        impl From<$T> for $int {
            fn from(v: $T) -> Self { v.0 }
        }

        impl ::core::fmt::Debug for $T {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                if self.0 == 0 {
                    return f.write_str("0");
                }
                let mut first = true;
                for &(bit, name) in Self::NAMES {
                    if bit != 0 && (self.0 as u32) & bit == bit {
                        if !first { f.write_str(" | ")?; }
                        f.write_str(name)?;
                        first = false;
                    }
                }
                if self.unknown_bits() != 0 {
                    if !first { f.write_str(" | ")?; }
                    write!(f, "{:#x}", self.unknown_bits())?;
                }
                Ok(())
            }
        }

        #[cfg(feature = "defmt")]
        impl defmt::Format for $T {
            fn format(&self, f: defmt::Formatter) {
                defmt::write!(f, "{=str}({=u32:#x})", stringify!($T), self.0 as u32)
            }
        }

        impl $crate::wire::Fixed for $T {
            const SIZE: usize = <$int as $crate::wire::Fixed>::SIZE;
            const KIND: $crate::wire::FieldKind =
                $crate::wire::FieldKind { scalar: <$int as $crate::wire::Fixed>::KIND.scalar, names: $crate::wire::Names::Mask(Self::NAMES) };
            #[inline]
            fn take(r: &mut $crate::wire::Reader<'_>) -> Option<Self> { <$int as $crate::wire::Fixed>::take(r).map($T) }
            #[inline]
            fn put(self, w: &mut $crate::wire::Writer<'_>) { $crate::wire::Fixed::put(self.0, w) }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use {code, mask, name_or};

code! {
    /// Status codes (spec §5.1): FAILURE_CONF, FAILURE_EVENT, CLOSE_REQ and
    /// CLIENT_SESSION_CLOSED_EVENT. Code 2 is named as in v15 (spec §8 #3).
    pub struct StatusCode(u32) {
        NO_ERROR = 0 => "E_CTI_NO_ERROR",
        INVALID_VERSION = 1 => "E_CTI_INVALID_VERSION",
        INVALID_MESSAGE_TYPE = 2 => "E_CTI_INVALID_MESSAGE_TYPE",
        INVALID_FIELD_TAG = 3 => "E_CTI_INVALID_FIELD_TAG",
        SESSION_NOT_OPEN = 4 => "E_CTI_SESSION_NOT_OPEN",
        SESSION_ALREADY_OPEN = 5 => "E_CTI_SESSION_ALREADY_OPEN",
        REQUIRED_DATA_MISSING = 6 => "E_CTI_REQUIRED_DATA_MISSING",
        INVALID_PERIPHERAL_ID = 7 => "E_CTI_INVALID_PERIPHERAL_ID",
        INVALID_AGENT_DATA = 8 => "E_CTI_INVALID_AGENT_DATA",
        AGENT_NOT_LOGGED_ON = 9 => "E_CTI_AGENT_NOT_LOGGED_ON",
        DEVICE_IN_USE = 10 => "E_CTI_DEVICE_IN_USE",
        NEW_SESSION_OPENED = 11 => "E_CTI_NEW_SESSION_OPENED",
        FUNCTION_NOT_AVAILABLE = 12 => "E_CTI_FUNCTION_NOT_AVAILABLE",
        INVALID_CALLID = 13 => "E_CTI_INVALID_CALLID",
        PROTECTED_VARIABLE = 14 => "E_CTI_PROTECTED_VARIABLE",
        CTI_SERVER_OFFLINE = 15 => "E_CTI_CTI_SERVER_OFFLINE",
        TIMEOUT = 16 => "E_CTI_TIMEOUT",
        UNSPECIFIED_FAILURE = 17 => "E_CTI_UNSPECIFIED_FAILURE",
        INVALID_TIMEOUT = 18 => "E_CTI_INVALID_TIMEOUT",
        INVALID_SERVICE_MASK = 19 => "E_CTI_INVALID_SERVICE_MASK",
        INVALID_CALL_MSG_MASK = 20 => "E_CTI_INVALID_CALL_MSG_MASK",
        INVALID_AGENT_STATE_MASK = 21 => "E_CTI_INVALID_AGENT_STATE_MASK",
        INVALID_RESERVED_FIELD = 22 => "E_CTI_INVALID_RESERVED_FIELD",
        INVALID_FIELD_LENGTH = 23 => "E_CTI_INVALID_FIELD_LENGTH",
        INVALID_DIGITS = 24 => "E_CTI_INVALID_DIGITS",
        BAD_MESSAGE_FORMAT = 25 => "E_CTI_BAD_MESSAGE_FORMAT",
        INVALID_TAG_FOR_MSG_TYPE = 26 => "E_CTI_INVALID_TAG_FOR_MSG_TYPE",
        INVALID_DEVICE_ID_TYPE = 27 => "E_CTI_INVALID_DEVICE_ID_TYPE",
        INVALID_LCL_CONN_STATE = 28 => "E_CTI_INVALID_LCL_CONN_STATE",
        INVALID_EVENT_CAUSE = 29 => "E_CTI_INVALID_EVENT_CAUSE",
        INVALID_NUM_PARTIES = 30 => "E_CTI_INVALID_NUM_PARTIES",
        INVALID_SYS_EVENT_ID = 31 => "E_CTI_INVALID_SYS_EVENT_ID",
        INCONSISTENT_AGENT_DATA = 32 => "E_CTI_INCONSISTENT_AGENT_DATA",
        INVALID_CONNECTION_ID_TYPE = 33 => "E_CTI_INVALID_CONNECTION_ID_TYPE",
        INVALID_CALL_TYPE = 34 => "E_CTI_INVALID_CALL_TYPE",
        NOT_CALL_PARTY = 35 => "E_CTI_NOT_CALL_PARTY",
        INVALID_PASSWORD = 36 => "E_CTI_INVALID_PASSWORD",
        CLIENT_DISCONNECTED = 37 => "E_CTI_CLIENT_DISCONNECTED",
        INVALID_OBJECT_STATE = 38 => "E_CTI_INVALID_OBJECT_STATE",
        INVALID_NUM_SKILL_GROUPS = 39 => "E_CTI_INVALID_NUM_SKILL_GROUPS",
        INVALID_NUM_LINES = 40 => "E_CTI_INVALID_NUM_LINES",
        INVALID_LINE_TYPE = 41 => "E_CTI_INVALID_LINE_TYPE",
        INVALID_ALLOCATION_STATE = 42 => "E_CTI_INVALID_ALLOCATION_STATE",
        INVALID_ANSWERING_MACHINE = 43 => "E_CTI_INVALID_ANSWERING_MACHINE",
        INVALID_CALL_MANNER_TYPE = 44 => "E_CTI_INVALID_CALL_MANNER_TYPE",
        INVALID_CALL_PLACEMENT_TYPE = 45 => "E_CTI_INVALID_CALL_PLACEMENT_TYPE",
        INVALID_CONSULT_TYPE = 46 => "E_CTI_INVALID_CONSULT_TYPE",
        INVALID_FACILITY_TYPE = 47 => "E_CTI_INVALID_FACILITY_TYPE",
        INVALID_MSG_TYPE_FOR_VERSION = 48 => "E_CTI_INVALID_MSG_TYPE_FOR_VERSION",
        INVALID_TAG_FOR_VERSION = 49 => "E_CTI_INVALID_TAG_FOR_VERSION",
        INVALID_AGENT_WORK_MODE = 50 => "E_CTI_INVALID_AGENT_WORK_MODE",
        INVALID_CALL_OPTION = 51 => "E_CTI_INVALID_CALL_OPTION",
        INVALID_DESTINATION_COUNTRY = 52 => "E_CTI_INVALID_DESTINATION_COUNTRY",
        INVALID_ANSWER_DETECT_MODE = 53 => "E_CTI_INVALID_ANSWER_DETECT_MODE",
        MUTUALLY_EXCLUS_DEVICEID_TYPES = 54 => "E_CTI_MUTUALLY_EXCLUS_DEVICEID_TYPES",
        INVALID_MONITORID = 55 => "E_CTI_INVALID_MONITORID",
        SESSION_MONITOR_ALREADY_EXISTS = 56 => "E_CTI_SESSION_MONITOR_ALREADY_EXISTS",
        SESSION_MONITOR_IS_CLIENTS = 57 => "E_CTI_SESSION_MONITOR_IS_CLIENTS",
        INVALID_CALL_CONTROL_MASK = 58 => "E_CTI_INVALID_CALL_CONTROL_MASK",
        INVALID_FEATURE_MASK = 59 => "E_CTI_INVALID_FEATURE_MASK",
        INVALID_TRANSFER_CONFERENCE_SETUP_MASK = 60 => "E_CTI_INVALID_TRANSFER_CONFERENCE_SETUP_MASK",
        INVALID_ARRAY_INDEX = 61 => "E_CTI_INVALID_ARRAY_INDEX",
        INVALID_CHARACTER = 62 => "E_CTI_INVALID_CHARACTER",
        CLIENT_NOT_FOUND = 63 => "E_CTI_CLIENT_NOT_FOUND",
        SUPERVISOR_NOT_FOUND = 64 => "E_CTI_SUPERVISOR_NOT_FOUND",
        TEAM_NOT_FOUND = 65 => "E_CTI_TEAM_NOT_FOUND",
        NO_CALL_ACTIVE = 66 => "E_CTI_NO_CALL_ACTIVE",
        NAMED_VARIABLE_NOT_CONFIGURED = 67 => "E_CTI_NAMED_VARIABLE_NOT_CONFIGURED",
        NAMED_ARRAY_NOT_CONFIGURED = 68 => "E_CTI_NAMED_ARRAY_NOT_CONFIGURED",
        INVALID_CALL_VARIABLE_MASK = 69 => "E_CTI_INVALID_CALL_VARIABLE_MASK",
        ELEMENT_NOT_FOUND = 70 => "E_CTI_ELEMENT_NOT_FOUND",
        INVALID_DISTRIBUTION_TYPE = 71 => "E_CTI_INVALID_DISTRIBUTION_TYPE",
        INVALID_SKILL_GROUP = 72 => "E_CTI_INVALID_SKILL_GROUP",
        TOO_MUCH_DATA = 73 => "E_CTI_TOO_MUCH_DATA",
        VALUE_TOO_LONG = 74 => "E_CTI_VALUE_TOO_LONG",
        SCALAR_FUNCTION_ON_ARRAY = 75 => "E_CTI_SCALAR_FUNCTION_ON_ARRAY",
        ARRAY_FUNCTION_ON_SCALAR = 76 => "E_CTI_ARRAY_FUNCTION_ON_SCALAR",
        INVALID_NUM_NAMED_VARIABLES = 77 => "E_CTI_INVALID_NUM_NAMED_VARIABLES",
        INVALID_NUM_NAMED_ARRAYS = 78 => "E_CTI_INVALID_NUM_NAMED_ARRAYS",
        INVALID_RTP_DIRECTION = 79 => "E_CTI_INVALID_RTP_DIRECTION",
        INVALID_RTP_TYPE = 80 => "E_CTI_INVALID_RTP_TYPE",
        CALLED_PARTY_DISPOSITION = 81 => "E_CTI_CALLED_PARTY_DISPOSITION",
        INVALID_SUPERVISORY_ACTION = 82 => "E_CTI_INVALID_SUPERVISORY_ACTION",
        AGENT_TEAM_MONITOR_ALREADY_EXISTS = 83 => "E_CTI_AGENT_TEAM_MONITOR_ALREADY_EXISTS",
        INVALID_SERVICE = 84 => "E_CTI_INVALID_SERVICE",
        SERVICE_CONFLICT = 85 => "E_CTI_SERVICE_CONFLICT",
        SKILL_GROUP_CONFLICT = 86 => "E_CTI_SKILL_GROUP_CONFLICT",
        INVALID_DEVICE = 87 => "E_CTI_INVALID_DEVICE",
        INVALID_MR_DOMAIN = 88 => "E_CTI_INVALID_MR_DOMAIN",
        MONITOR_ALREADY_EXISTS = 89 => "E_CTI_MONITOR_ALREADY_EXISTS",
        MONITOR_TERMINATED = 90 => "E_CTI_MONITOR_TERMINATED",
        INVALID_TASK_MSG_MASK = 91 => "E_CTI_INVALID_TASK_MSG_MASK",
        SERVER_NOT_MASTER = 92 => "E_CTI_SERVER_NOT_MASTER",
        INVALID_CSD = 93 => "E_CTI_INVALID_CSD",
        JTAPI_CCM_PROBLEM = 94 => "E_CTI_JTAPI_CCM_PROBLEM",
        INVALID_CONFIG_MSG_MASK = 95 => "E_INVALID_CONFIG_MSG_MASK",
        AUTO_CONFIG_RESET = 96 => "E_CTI_AUTO_CONFIG_RESET",
        INVALID_MONITOR_STATUS = 97 => "E_CTI_INVALID_MONITOR_STATUS",
        INVALID_REQUEST_TYPE = 98 => "E_CTI_INVALID_REQUEST_TYPE",
    }
}

mask! {
    /// ServicesRequested / ServicesGranted (spec §5.2). 0x200 and 0x40000 are undocumented for
    /// UCCE v15 but requested and granted in real traffic (spec §8 #12); they are named here so
    /// that they print, and the server side accepts them.
    pub struct ServiceMask(u32) {
        CLIENT_EVENTS = 0x0000_0001 => "CTI_SERVICE_CLIENT_EVENTS",
        CALL_DATA_UPDATE = 0x0000_0002 => "CTI_SERVICE_CALL_DATA_UPDATE",
        CLIENT_CONTROL = 0x0000_0004 => "CTI_SERVICE_CLIENT_CONTROL",
        CONNECTION_MONITOR = 0x0000_0008 => "CTI_SERVICE_CONNECTION_MONITOR",
        ALL_EVENTS = 0x0000_0010 => "CTI_SERVICE_ALL_EVENTS",
        PERIPHERAL_MONITOR = 0x0000_0020 => "CTI_SERVICE_PERIPHERAL_MONITOR",
        CLIENT_MONITOR = 0x0000_0040 => "CTI_SERVICE_CLIENT_MONITOR",
        SUPERVISOR = 0x0000_0080 => "CTI_SERVICE_SUPERVISOR",
        SERVER = 0x0000_0100 => "CTI_SERVICE_SERVER",
        RESERVED9 = 0x0000_0200 => "CTI_SERVICE_RESERVED9",
        AGENT_REPORTING = 0x0000_0400 => "CTI_SERVICE_AGENT_REPORTING",
        ALL_TASK_EVENTS = 0x0000_0800 => "CTI_SERVICE_ALL_TASK_EVENTS",
        TASK_MONITOR = 0x0000_1000 => "CTI_SERVICE_TASK_MONITOR",
        AGENT_STATE_CONTROL_ONLY = 0x0000_2000 => "CTI_AGENT_STATE_CONTROL_ONLY",
        DEVICE_STATE_CONTROL = 0x0000_8000 => "CTI_DEVICE_STATE_CONTROL",
        CONFIG_EVENTS = 0x0004_0000 => "CTI_SERVICE_CONFIG_EVENTS",
        UPDATE_EVENTS = 0x0008_0000 => "CTI_SERVICE_UPDATE_EVENTS",
        IGNORE_DUPLICATE_AGENT_EVENTS = 0x0010_0000 => "CTI_SERVICE_IGNORE_DUPLICATE_AGENT_EVENTS",
        IGNORE_CONF = 0x0020_0000 => "CTI_SERVICE_IGNORE_CONF" @ 14,
        ACD_LINE_ONLY = 0x0040_0000 => "CTI_SERVICE_ACD_LINE_ONLY" @ 14,
        /// The client supports active and standby CTI Servers (versions sheet §4.3, §6.1;
        /// V25-SM); it must then answer ACTIVE_MAINTENANCE_REQ_MSG within 5 s.
        ACTIVE_STANDBY = 0x0200_0000 => "CTI_SERVICE_ACTIVE_STANDBY" @ 24,
        DEBUG = 0x8000_0000 => "CTI_SERVICE_DEBUG",
    }
}

mask! {
    /// CallMsgMask (spec §5.3): which call events a session receives. v15's largest valid mask
    /// is 0x0FFF_FFFF.
    pub struct CallMsgMask(u32) {
        CALL_DELIVERED = 0x1 => "CALL_DELIVERED_MASK",
        CALL_QUEUED = 0x2 => "CALL_QUEUED_MASK",
        CALL_ESTABLISHED = 0x4 => "CALL_ESTABLISHED_MASK",
        CALL_HELD = 0x8 => "CALL_HELD_MASK",
        CALL_RETRIEVED = 0x10 => "CALL_RETRIEVED_MASK",
        CALL_CLEARED = 0x20 => "CALL_CLEARED_MASK",
        CALL_CONNECTION_CLEARED = 0x40 => "CALL_CONNECTION_CLEARED_MASK",
        CALL_ORIGINATED = 0x80 => "CALL_ORIGINATED_MASK",
        CALL_CONFERENCED = 0x100 => "CALL_CONFERENCED_MASK",
        CALL_TRANSFERRED = 0x200 => "CALL_TRANSFERRED_MASK",
        CALL_DIVERTED = 0x400 => "CALL_DIVERTED_MASK",
        CALL_SERVICE_INITIATED = 0x800 => "CALL_SERVICE_INITIATED_MASK",
        CALL_TRANSLATION_ROUTE = 0x1000 => "CALL_TRANSLATION_ROUTE_MASK",
        BEGIN_CALL = 0x2000 => "BEGIN_CALL_MASK",
        END_CALL = 0x4000 => "END_CALL_MASK",
        CALL_DATA_UPDATE = 0x8000 => "CALL_DATA_UPDATE_MASK",
        CALL_FAILED = 0x10000 => "CALL_FAILED_MASK",
        CALL_REACHED_NETWORK = 0x20000 => "CALL_REACHED_NETWORK_MASK",
        CALL_DEQUEUED = 0x40000 => "CALL_DEQUEUED_MASK",
        AGENT_PRE_CALL = 0x80000 => "AGENT_PRE_CALL_MASK",
        AGENT_PRE_CALL_ABORT = 0x100000 => "AGENT_PRE_CALL_ABORT_MASK",
        RTP_STARTED = 0x200000 => "RTP_STARTED_MASK",
        RTP_STOPPED = 0x400000 => "RTP_STOPPED_MASK",
        AGENT_TEAM_CONFIG = 0x800000 => "AGENT_TEAM_CONFIG_MASK",
        AGENT_LEGACY_PRE_CALL = 0x1000000 => "AGENT_LEGACY_PRE_CALL_MASK",
        CALL_ATTRIBUTE_CHANGE = 0x2000000 => "CALL_ATTRIBUTE_CHANGE_MASK",
        /// ⚠ Not in the v13/v14 client's list (versions sheet §6.2): counted from v15.
        CALL_TERMINATION = 0x4000000 => "CALL_TERMINATION_MASK" @ 15,
        CALL_AGENT_GREETING = 0x8000000 => "CALL_AGENT_GREETING_MASK" @ 15,
        /// Inference: with the v23 recording events (versions sheet §6.2).
        NETWORK_RECORDING_STARTED = 0x1000_0000 => "NETWORK_RECORDING_STARTED_MASK" @ 23,
        /// Inference: with the v23 recording events.
        NETWORK_RECORDING_ENDED = 0x2000_0000 => "NETWORK_RECORDING_ENDED_MASK" @ 23,
        /// Inference: with the v23 recording events.
        NETWORK_RECORDING_FAILED = 0x4000_0000 => "NETWORK_RECORDING_FAILED_MASK" @ 23,
        /// Inference: with the v23 recording events.
        NETWORK_RECORDING_TARGET_INFO = 0x8000_0000 => "NETWORK_RECORDING_TARGET_INFO_MASK" @ 23,
    }
}

mask! {
    /// AgentStateMask (spec §5.4): which agent states produce AGENT_STATE_EVENT. v15's largest
    /// valid mask is 0x3FF.
    pub struct AgentStateMask(u32) {
        LOGIN = 0x001 => "AGENT_LOGIN_MASK",
        LOGOUT = 0x002 => "AGENT_LOGOUT_MASK",
        NOT_READY = 0x004 => "AGENT_NOT_READY_MASK",
        AVAILABLE = 0x008 => "AGENT_AVAILABLE_MASK",
        TALKING = 0x010 => "AGENT_TALKING_MASK",
        WORK_NOT_READY = 0x020 => "AGENT_WORK_NOT_READY_MASK",
        WORK_READY = 0x040 => "AGENT_WORK_READY_MASK",
        BUSY_OTHER = 0x080 => "AGENT_BUSY_OTHER_MASK",
        RESERVED = 0x100 => "AGENT_RESERVED_MASK",
        HOLD = 0x200 => "AGENT_HOLD_MASK",
        /// ⚠ The first version is unknown; v24 clients send it (versions sheet §6.3).
        ACTIVE = 0x400 => "AGENT_ACTIVE_MASK" @ 24,
        /// ⚠ The first version is unknown; v24 clients send it.
        PAUSED = 0x800 => "AGENT_PAUSED_MASK" @ 24,
        /// ⚠ The first version is unknown; v24 clients send it.
        INTERRUPTED = 0x1000 => "AGENT_INTERRUPTED_MASK" @ 24,
        /// ⚠ The first version is unknown; v24 clients send it.
        NOT_ACTIVE = 0x2000 => "AGENT_NOT_ACTIVE_MASK" @ 24,
    }
}

mask! {
    /// ConfigMsgMask (spec §5.5). ⚠ The set valid in v15 is unverified; send 0 unless CONFIG_*
    /// events are wanted.
    pub struct ConfigMsgMask(u32) {
        SERVICE = 1 => "CONFIG_SERVICE_MASK",
        SKILL_GROUP = 2 => "CONFIG_SKILL_GROUP_MASK",
        AGENT = 4 => "CONFIG_AGENT_MASK",
        DEVICE = 8 => "CONFIG_DEVICE_MASK",
        CALL_TYPE = 16 => "CONFIG_CALL_TYPE_MASK",
        /// Media routing domains (versions sheet §6.4; V24-CH v20).
        MRD = 32 => "CONFIG_MRD_MASK" @ 20,
        /// Peripherals (inference: v22, with CONFIG_PERIPHERAL_EVENT).
        PERIPHERAL = 64 => "CONFIG_PERIPHERAL_MASK" @ 22,
        /// Agent desk settings (inference: v22).
        AGENT_DESK_SETTINGS = 128 => "CONFIG_AGENT_DESK_SETTINGS_MASK" @ 22,
        /// Terminals (⚠ version unknown; V25-SM's list; counted from v24).
        TERMINAL = 256 => "CONFIG_TERMINAL_MASK" @ 24,
        /// Agent services (inference: v24, with CONFIG_AGENT_SERVICE_EVENT).
        AGENT_SERVICE = 512 => "CONFIG_AGENT_SERVICE_MASK" @ 24,
    }
}

mask! {
    /// PGStatus (spec §5.6): 0 is normal, any bit means degraded operation.
    pub struct PgStatus(u32) {
        OPC_DOWN = 0x01 => "PGS_OPC_DOWN",
        CC_DOWN = 0x02 => "PGS_CC_DOWN",
        PERIPHERAL_OFFLINE = 0x04 => "PGS_PERIPHERAL_OFFLINE",
        CTI_SERVER_OFFLINE = 0x08 => "PGS_CTI_SERVER_OFFLINE",
        LIMITED_FUNCTION = 0x10 => "PGS_LIMITED_FUNCTION",
    }
}

code! {
    /// Direction (tag 244, UINT, v16+) in AGENT_STATE_EVENT (versions sheet §6.7; V25-ALI, HS,
    /// SCALA).
    pub struct Direction(u32) {
        NONE = 0 => "DIRECTION_NONE",
        IN = 1 => "DIRECTION_IN",
        OUT = 2 => "DIRECTION_OUT",
        OTHER_IN = 3 => "DIRECTION_OTHER_IN",
        OTHER_OUT = 4 => "DIRECTION_OTHER_OUT",
        OUTBOUND_RESERVE = 5 => "DIRECTION_OUTBOUND_RESERVE",
        OUTBOUND_PREVIEW = 6 => "DIRECTION_OUTBOUND_PREVIEW",
        OUTBOUND_PREDICTIVE = 7 => "DIRECTION_OUTBOUND_PREDICTIVE",
    }
}

code! {
    /// SessionType in OPEN_CONF from v24 (versions sheet §6.7; V25-SM): which side of an
    /// active/standby pair the session is on.
    pub struct SessionType(u16) {
        UNKNOWN = 0 => "SESSION_TYPE_UNKNOWN",
        ACTIVE = 1 => "SESSION_TYPE_ACTIVE",
        STANDBY = 2 => "SESSION_TYPE_STANDBY",
    }
}

code! {
    /// PeripheralType (spec §5.7). ⚠ The v15 table was not retrieved; values are open-ended.
    pub struct PeripheralType(u16) {
        ASPECT = 1 => "PT_ASPECT",
        MERIDIAN = 2 => "PT_MERIDIAN",
        G2 = 3 => "PT_G2",
        DEFINITY_ECS_NON_EAS = 4 => "PT_DEFINITY_ECS_NON_EAS",
        DEFINITY_ECS_EAS = 5 => "PT_DEFINITY_ECS_EAS",
        GALAXY = 6 => "PT_GALAXY",
        SPECTRUM = 7 => "PT_SPECTRUM",
        VRU = 8 => "PT_VRU",
        VRU_POLLED = 9 => "PT_VRU_POLLED",
        DMS100 = 10 => "PT_DMS100",
        SIEMENS_9006 = 11 => "PT_SIEMENS_9006",
        SIEMENS_9005 = 12 => "PT_SIEMENS_9005",
        ALCATEL = 13 => "PT_ALCATEL",
        NEC_NEAX_2X00 = 14 => "PT_NEC_NEAX_2x00",
        ACP_1000 = 15 => "PT_ACP_1000",
        SYMPOSIUM = 16 => "PT_SYMPOSIUM",
        ENTERPRISE_AGENT = 17 => "PT_ENTERPRISE_AGENT",
        MD110 = 18 => "PT_MD110",
        MEDIA_ROUTING = 19 => "PT_MEDIA_ROUTING",
        GENERIC = 20 => "PT_GENERIC",
        ACMI_CRS = 21 => "PT_ACMI_CRS",
        ACMI_IPCC = 22 => "PT_ACMI_IPCC",
        SIMPLIFIED_IPCC = 23 => "PT_SIMPLIFIED_IPCC",
        ARS = 24 => "PT_ARS",
        ACMI_ERS = 25 => "PT_ACMI_ERS",
        ACMI_EXPERT_ADVISOR = 26 => "PT_ACMI_EXPERT_ADVISOR",
        NONE = 0xFFFF => "PT_NONE",
    }
}

code! {
    /// AgentState (spec §5.8). 11–14 are non-voice task states, valid in v15.
    pub struct AgentState(u16) {
        LOGIN = 0 => "AGENT_STATE_LOGIN",
        LOGOUT = 1 => "AGENT_STATE_LOGOUT",
        NOT_READY = 2 => "AGENT_STATE_NOT_READY",
        AVAILABLE = 3 => "AGENT_STATE_AVAILABLE",
        TALKING = 4 => "AGENT_STATE_TALKING",
        WORK_NOT_READY = 5 => "AGENT_STATE_WORK_NOT_READY",
        WORK_READY = 6 => "AGENT_STATE_WORK_READY",
        BUSY_OTHER = 7 => "AGENT_STATE_BUSY_OTHER",
        RESERVED = 8 => "AGENT_STATE_RESERVED",
        UNKNOWN = 9 => "AGENT_STATE_UNKNOWN",
        HOLD = 10 => "AGENT_STATE_HOLD",
        ACTIVE = 11 => "AGENT_STATE_ACTIVE",
        PAUSED = 12 => "AGENT_STATE_PAUSED",
        INTERRUPTED = 13 => "AGENT_STATE_INTERRUPTED",
        NOT_ACTIVE = 14 => "AGENT_STATE_NOT_ACTIVE",
    }
}

code! {
    /// SystemEventID (spec §5.9).
    pub struct SystemEventId(u32) {
        CENTRAL_CONTROLLER_ONLINE = 1 => "SYS_CENTRAL_CONTROLLER_ONLINE",
        CENTRAL_CONTROLLER_OFFLINE = 2 => "SYS_CENTRAL_CONTROLLER_OFFLINE",
        PERIPHERAL_ONLINE = 3 => "SYS_PERIPHERAL_ONLINE",
        PERIPHERAL_OFFLINE = 4 => "SYS_PERIPHERAL_OFFLINE",
        TEXT_FYI = 5 => "SYS_TEXT_FYI",
        PERIPHERAL_GATEWAY_OFFLINE = 6 => "SYS_PERIPHERAL_GATEWAY_OFFLINE",
        CTI_SERVER_OFFLINE = 7 => "SYS_CTI_SERVER_OFFLINE",
        CTI_SERVER_ONLINE = 8 => "SYS_CTI_SERVER_ONLINE",
        HALF_HOUR_CHANGE = 9 => "SYS_HALF_HOUR_CHANGE",
        INSTRUMENT_OUT_OF_SERVICE = 10 => "SYS_INSTRUMENT_OUT_OF_SERVICE",
        INSTRUMENT_BACK_IN_SERVICE = 11 => "SYS_INSTRUMENT_BACK_IN_SERVICE",
    }
}

code! {
    /// DeviceIDType (spec §5.12): the type of a device ID whose text is in a floating field.
    pub struct DeviceIdType(u16) {
        DEVICE_IDENTIFIER = 0 => "DEVID_DEVICE_IDENTIFIER",
        TRUNK_IDENTIFIER = 70 => "DEVID_TRUNK_IDENTIFIER",
        TRUNK_GROUP_IDENTIFIER = 71 => "DEVID_TRUNK_GROUP_IDENTIFIER",
        IP_PHONE_MAC_IDENTIFIER = 72 => "DEVID_IP_PHONE_MAC_IDENTIFIER",
        CTI_PORT = 73 => "DEVID_CTI_PORT",
        ROUTE_POINT = 74 => "DEVID_ROUTE_POINT",
        EXTERNAL = 75 => "DEVID_EXTERNAL",
        AGENT_DEVICE = 76 => "DEVID_AGENT_DEVICE",
        QUEUE = 77 => "DEVID_QUEUE",
        NON_ACD_DEVICE_IDENTIFIER = 78 => "DEVID_NON_ACD_DEVICE_IDENTIFIER",
        SHARED_DEVICE_IDENTIFIER = 79 => "DEVID_SHARED_DEVICE_IDENTIFIER",
        NONE = 0xFFFF => "DEVID_NONE",
    }
}

code! {
    /// ConnectionDeviceIDType (spec §5.12).
    pub struct ConnectionDeviceIdType(u16) {
        STATIC = 0 => "CONNECTION_ID_STATIC",
        DYNAMIC = 1 => "CONNECTION_ID_DYNAMIC",
        NONE = 0xFFFF => "CONNECTION_ID_NONE",
    }
}

code! {
    /// ClientEventReportReq State (spec §3.8, ⚠ values from a later version).
    pub struct ClientEventReportState(u16) {
        NORMAL = 0 => "NORMAL",
        WARNING = 1 => "WARNING",
        ERROR = 2 => "ERROR",
    }
}

code! {
    /// ControlFailureCode (spec §5.13): why a call or agent control request failed at the
    /// peripheral. Values and names from the later code tables; ⚠ codes above about 285 may be
    /// later than v15, and 20, 30, 39–40, 45–50, 53–60 and 65–69 are unassigned.
    pub struct ControlFailureCode(u16) {
        GENERIC_UNSPECIFIED = 0 => "CF_GENERIC_UNSPECIFIED",
        GENERIC_OPERATION = 1 => "CF_GENERIC_OPERATION",
        REQUEST_INCOMPATIBLE_WITH_OBJECT = 2 => "CF_REQUEST_INCOMPATIBLE_WITH_OBJECT",
        VALUE_OUT_OF_RANGE = 3 => "CF_VALUE_OUT_OF_RANGE",
        OBJECT_NOT_KNOWN = 4 => "CF_OBJECT_NOT_KNOWN",
        INVALID_CALLING_DEVICE = 5 => "CF_INVALID_CALLING_DEVICE",
        INVALID_CALLED_DEVICE = 6 => "CF_INVALID_CALLED_DEVICE",
        INVALID_FORWARDING_DESTINATION = 7 => "CF_INVALID_FORWARDING_DESTINATION",
        PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE = 8 => "CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE",
        PRIVILEGE_VIOLATION_ON_CALLED_DEVICE = 9 => "CF_PRIVILEGE_VIOLATION_ON_CALLED_DEVICE",
        PRIVILEGE_VIOLATION_ON_CALLING_DEVICE = 10 => "CF_PRIVILEGE_VIOLATION_ON_CALLING_DEVICE",
        INVALID_CSTA_CALL_IDENTIFIER = 11 => "CF_INVALID_CSTA_CALL_IDENTIFIER",
        INVALID_CSTA_DEVICE_IDENTIFIER = 12 => "CF_INVALID_CSTA_DEVICE_IDENTIFIER",
        INVALID_CSTA_CONNECTION_IDENTIFIER = 13 => "CF_INVALID_CSTA_CONNECTION_IDENTIFIER",
        INVALID_DESTINATION = 14 => "CF_INVALID_DESTINATION",
        INVALID_FEATURE = 15 => "CF_INVALID_FEATURE",
        INVALID_ALLOCATION_STATE = 16 => "CF_INVALID_ALLOCATION_STATE",
        INVALID_CROSS_REF_ID = 17 => "CF_INVALID_CROSS_REF_ID",
        INVALID_OBJECT_TYPE = 18 => "CF_INVALID_OBJECT_TYPE",
        SECURITY_VIOLATION = 19 => "CF_SECURITY_VIOLATION",
        GENERIC_STATE_INCOMPATIBILITY = 21 => "CF_GENERIC_STATE_INCOMPATIBILITY",
        INVALID_OBJECT_STATE = 22 => "CF_INVALID_OBJECT_STATE",
        INVALID_CONNECTION_ID_FOR_ACTIVE_CALL = 23 => "CF_INVALID_CONNECTION_ID_FOR_ACTIVE_CALL",
        NO_ACTIVE_CALL = 24 => "CF_NO_ACTIVE_CALL",
        NO_HELD_CALL = 25 => "CF_NO_HELD_CALL",
        NO_CALL_TO_CLEAR = 26 => "CF_NO_CALL_TO_CLEAR",
        NO_CONNECTION_TO_CLEAR = 27 => "CF_NO_CONNECTION_TO_CLEAR",
        NO_CALL_TO_ANSWER = 28 => "CF_NO_CALL_TO_ANSWER",
        NO_CALL_TO_COMPLETE = 29 => "CF_NO_CALL_TO_COMPLETE",
        GENERIC_SYSTEM_RESOURCE_AVAILABILITY = 31 => "CF_GENERIC_SYSTEM_RESOURCE_AVAILABILITY",
        SERVICE_BUSY = 32 => "CF_SERVICE_BUSY",
        RESOURCE_BUSY = 33 => "CF_RESOURCE_BUSY",
        RESOURCE_OUT_OF_SERVICE = 34 => "CF_RESOURCE_OUT_OF_SERVICE",
        NETWORK_BUSY = 35 => "CF_NETWORK_BUSY",
        NETWORK_OUT_OF_SERVICE = 36 => "CF_NETWORK_OUT_OF_SERVICE",
        OVERALL_MONITOR_LIMIT_EXCEEDED = 37 => "CF_OVERALL_MONITOR_LIMIT_EXCEEDED",
        CONFERENCE_MEMBER_LIMIT_EXCEEDED = 38 => "CF_CONFERENCE_MEMBER_LIMIT_EXCEEDED",
        GENERIC_SUBSCRIBED_RESOURCE_AVAILABILITY = 41 => "CF_GENERIC_SUBSCRIBED_RESOURCE_AVAILABILITY",
        OBJECT_MONITOR_LIMIT_EXCEEDED = 42 => "CF_OBJECT_MONITOR_LIMIT_EXCEEDED",
        EXTERNAL_TRUNK_LIMIT_EXCEEDED = 43 => "CF_EXTERNAL_TRUNK_LIMIT_EXCEEDED",
        OUTSTANDING_REQUEST_LIMIT_EXCEEDED = 44 => "CF_OUTSTANDING_REQUEST_LIMIT_EXCEEDED",
        GENERIC_PERFORMANCE_MANAGEMENT = 51 => "CF_GENERIC_PERFORMANCE_MANAGEMENT",
        GENERIC_PERFORMANCE_EXCEEDED = 52 => "CF_GENERIC_PERFORMANCE_EXCEEDED",
        SEQUENCE_NUMBER_VIOLATED = 61 => "CF_SEQUENCE_NUMBER_VIOLATED",
        TIME_STAMP_VIOLATED = 62 => "CF_TIME_STAMP_VIOLATED",
        PAC_VIOLATED = 63 => "CF_PAC_VIOLATED",
        SEAL_VIOLATED = 64 => "CF_SEAL_VIOLATED",
        GENERIC_UNSPECIFIED_REJECTION = 70 => "CF_GENERIC_UNSPECIFIED_REJECTION",
        GENERIC_OPERATION_REJECTION = 71 => "CF_GENERIC_OPERATION_REJECTION",
        DUPLICATE_INVOCATION_REJECTION = 72 => "CF_DUPLICATE_INVOCATION_REJECTION",
        UNRECOGNIZED_OPERATION_REJECTION = 73 => "CF_UNRECOGNIZED_OPERATION_REJECTION",
        MISTYPED_ARGUMENT_REJECTION = 74 => "CF_MISTYPED_ARGUMENT_REJECTION",
        RESOURCE_LIMITATION_REJECTION = 75 => "CF_RESOURCE_LIMITATION_REJECTION",
        ACS_HANDLE_TERMINATION_REJECTION = 76 => "CF_ACS_HANDLE_TERMINATION_REJECTION",
        SERVICE_TERMINATION_REJECTION = 77 => "CF_SERVICE_TERMINATION_REJECTION",
        REQUEST_TIMEOUT_REJECTION = 78 => "CF_REQUEST_TIMEOUT_REJECTION",
        REQUESTS_ON_DEVICE_EXCEEDED_REJECTION = 79 => "CF_REQUESTS_ON_DEVICE_EXCEEDED_REJECTION",
        INVALID_AGENT_ID_SPECIFIED = 256 => "CF_INVALID_AGENT_ID_SPECIFIED",
        INVALID_PASSWORD_SPECIFIED = 257 => "CF_INVALID_PASSWORD_SPECIFIED",
        INVALID_AGENT_ID_OR_PASSWORD_SPECIFIED = 258 => "CF_INVALID_AGENT_ID_OR_PASSWORD_SPECIFIED",
        SPECIFIED_AGENT_ALREADY_SIGNED_ON = 259 => "CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON",
        INVALID_LOGON_DEVICE_SPECIFIED = 260 => "CF_INVALID_LOGON_DEVICE_SPECIFIED",
        INVALID_ANSWERING_DEVICE_SPECIFIED = 261 => "CF_INVALID_ANSWERING_DEVICE_SPECIFIED",
        INVALID_SKILL_GROUP_SPECIFIED = 262 => "CF_INVALID_SKILL_GROUP_SPECIFIED",
        INVALID_CLASS_OF_SERVICE_SPECIFIED = 263 => "CF_INVALID_CLASS_OF_SERVICE_SPECIFIED",
        INVALID_TERM_SPECIFIED = 264 => "CF_INVALID_TERM_SPECIFIED",
        INVALID_AGENT_WORKMODE = 265 => "CF_INVALID_AGENT_WORKMODE",
        INVALID_AGENT_REASON_CODE = 266 => "CF_INVALID_AGENT_REASON_CODE",
        ADJUNCT_SWITCH_COMM_ERROR = 267 => "CF_ADJUNCT_SWITCH_COMM_ERROR",
        AGENT_NOT_PARTY_ON_CALL = 268 => "CF_AGENT_NOT_PARTY_ON_CALL",
        INTERNAL_PROCESSING_ERROR = 269 => "CF_INTERNAL_PROCESSING_ERROR",
        TAKE_CALL_CONTROL_REJECTION = 270 => "CF_TAKE_CALL_CONTROL_REJECTION",
        TAKE_DOMAIN_CONTROL_REJECTION = 271 => "CF_TAKE_DOMAIN_CONTROL_REJECTION",
        REQUESTED_SERVICE_NOT_REGISTERED = 272 => "CF_REQUESTED_SERVICE_NOT_REGISTERED",
        INVALID_CONSULT_TYPE = 273 => "CF_INVALID_CONSULT_TYPE",
        ANSMAP_OR_ADPARAM_FIELD_NOT_VALID = 274 => "CF_ANSMAP_OR_ADPARAM_FIELD_NOT_VALID",
        INVALID_CALL_CONTROL_TABLE_SPECIFIED = 275 => "CF_INVALID_CALL_CONTROL_TABLE_SPECIFIED",
        INVALID_DIGITS_RNA_TIMEOUT_AMS_DELAY_OR_COUNTRY = 276 => "CF_INVALID_DIGITS_RNA_TIMEOUT_AMS_DELAY_OR_COUNTRY",
        ANSWER_DETECT_PORT_UNAVAILABLE = 277 => "CF_ANSWER_DETECT_PORT_UNAVAILABLE",
        VIRTUAL_AGENT_UNAVAILABLE = 278 => "CF_VIRTUAL_AGENT_UNAVAILABLE",
        TAKEBACK_NXFER_ROUTE_END = 279 => "CF_TAKEBACK_NXFER_ROUTE_END",
        WRAPUP_DATA_REQUIRED = 280 => "CF_WRAPUP_DATA_REQUIRED",
        REASON_CODE_REQUIRED = 281 => "CF_REASON_CODE_REQUIRED",
        INVALID_TRUNK_ID_SPECIFIED = 282 => "CF_INVALID_TRUNK_ID_SPECIFIED",
        SPECIFIED_EXTENSION_ALREADY_IN_USE = 283 => "CF_SPECIFIED_EXTENSION_ALREADY_IN_USE",
        ARBITRARY_CONF_OR_XFER_NOT_SUPPORTED = 284 => "CF_ARBITRARY_CONF_OR_XFER_NOT_SUPPORTED",
        NETWORK_TRANSFER_OR_CONSULT = 285 => "CF_NETWORK_TRANSFER_OR_CONSULT",
        NETWORK_TRANSFER_OR_CONSULT_FAILED = 286 => "CF_NETWORK_TRANSFER_OR_CONSULT_FAILED",
        DEVICE_RESTRICTED = 287 => "CF_DEVICE_RESTRICTED",
        LINE_RESTRICTED = 288 => "CF_LINE_RESTRICTED",
        AGENT_ACCOUNT_LOCKED_OUT = 289 => "CF_AGENT_ACCOUNT_LOCKED_OUT",
        DROP_ANY_PARTY_NOT_ENABLED_CTI = 290 => "CF_DROP_ANY_PARTY_NOT_ENABLED_CTI",
        MAXIMUM_LINE_LIMIT_EXCEEDED = 291 => "CF_MAXIMUM_LINE_LIMIT_EXCEEDED",
        SHARED_LINES_NOT_SUPPORTED = 292 => "CF_SHARED_LINES_NOT_SUPPORTED",
        EXTENSION_NOT_UNIQUE = 293 => "CF_EXTENSION_NOT_UNIQUE",
        UNKNOWN_INTERFACE_CONTROLLER_ID = 1001 => "CF_UNKNOWN_INTERFACE_CONTROLLER_ID",
        INVALID_INTERFACE_CONTROLLER_ID = 1002 => "CF_INVALID_INTERFACE_CONTROLLER_ID",
        SOFTWARE_REVISION_NOT_SUPPORTED = 1003 => "CF_SOFTWARE_REVISION_NOT_SUPPORTED",
        UNKNOWN_PID = 1004 => "CF_UNKNOWN_PID",
        INVALID_TABLE_SPECIFIED = 1005 => "CF_INVALID_TABLE_SPECIFIED",
        PD_SERVICE_INACTIVE = 1006 => "CF_PD_SERVICE_INACTIVE",
        UNKNOWN_ROUTING_CLIENT_ID = 1007 => "CF_UNKNOWN_ROUTING_CLIENT_ID",
        RC_SERVICE_INACTIVE = 1008 => "CF_RC_SERVICE_INACTIVE",
        INVALID_DIALED_NUMBER = 1009 => "CF_INVALID_DIALED_NUMBER",
        INVALID_PARAMETER = 1010 => "CF_INVALID_PARAMETER",
        UNKNOWN_ROUTING_PROBLEM = 1011 => "CF_UNKNOWN_ROUTING_PROBLEM",
        UNSUPPORTED_PD_MESSAGE_REVISION = 1012 => "CF_UNSUPPORTED_PD_MESSAGE_REVISION",
        UNSUPPORTED_RC_MESSAGE_REVISION = 1013 => "CF_UNSUPPORTED_RC_MESSAGE_REVISION",
        UNSUPPORTED_ID_MESSAGE_REVISION = 1014 => "CF_UNSUPPORTED_ID_MESSAGE_REVISION",
        RC_SERVICE_INACTIVE_PIM = 1015 => "CF_RC_SERVICE_INACTIVE_PIM",
        AGENT_GREETING_CONTROL_OPERATION_FAILURE = 1016 => "CF_AGENT_GREETING_CONTROL_OPERATION_FAILURE",
    }
}

code! {
    /// CallType (spec §5.12). ⚠ A later document gives 27 to both NON_ACD and
    /// RESERVATION_PREVIEW and 38 to NON_ACD again; 27–37 are the Outbound Option types here, as
    /// in the implementation that numbers them all, and NON_ACD is 38.
    pub struct CallType(u16) {
        ACD_IN = 1 => "CALLTYPE_ACD_IN",
        PREROUTE_ACD_IN = 2 => "CALLTYPE_PREROUTE_ACD_IN",
        PREROUTE_DIRECT_AGENT = 3 => "CALLTYPE_PREROUTE_DIRECT_AGENT",
        TRANSFER_IN = 4 => "CALLTYPE_TRANSFER_IN",
        OVERFLOW_IN = 5 => "CALLTYPE_OVERFLOW_IN",
        OTHER_IN = 6 => "CALLTYPE_OTHER_IN",
        AUTO_OUT = 7 => "CALLTYPE_AUTO_OUT",
        AGENT_OUT = 8 => "CALLTYPE_AGENT_OUT",
        OUT = 9 => "CALLTYPE_OUT",
        AGENT_INSIDE = 10 => "CALLTYPE_AGENT_INSIDE",
        OFFERED = 11 => "CALLTYPE_OFFERED",
        CONSULT = 12 => "CALLTYPE_CONSULT",
        CONSULT_OFFERED = 13 => "CALLTYPE_CONSULT_OFFERED",
        CONSULT_CONFERENCE = 14 => "CALLTYPE_CONSULT_CONFERENCE",
        CONFERENCE = 15 => "CALLTYPE_CONFERENCE",
        UNMONITORED = 16 => "CALLTYPE_UNMONITORED",
        PREVIEW = 17 => "CALLTYPE_PREVIEW",
        RESERVATION = 18 => "CALLTYPE_RESERVATION",
        ASSIST = 19 => "CALLTYPE_ASSIST",
        EMERGENCY = 20 => "CALLTYPE_EMERGENCY",
        SUPERVISOR_MONITOR = 21 => "CALLTYPE_SUPERVISOR_MONITOR",
        SUPERVISOR_WHISPER = 22 => "CALLTYPE_SUPERVISOR_WHISPER",
        SUPERVISOR_BARGEIN = 23 => "CALLTYPE_SUPERVISOR_BARGEIN",
        SUPERVISOR_INTERCEPT = 24 => "CALLTYPE_SUPERVISOR_INTERCEPT",
        TASK_ROUTED_BY_ICM = 25 => "CALLTYPE_TASK_ROUTED_BY_ICM",
        TASK_ROUTED_BY_APPLICATION = 26 => "CALLTYPE_TASK_ROUTED_BY_APPLICATION",
        RESERVATION_PREVIEW = 27 => "RESERVATION_PREVIEW",
        RESERVATION_PREVIEW_DIRECT = 28 => "RESERVATION_PREVIEW_DIRECT",
        RESERVATION_PREDICTIVE = 29 => "RESERVATION_PREDICTIVE",
        RESERVATION_CALLBACK = 30 => "RESERVATION_CALLBACK",
        RESERVATION_PERSONAL_CALLBACK = 31 => "RESERVATION_PERSONAL_CALLBACK",
        CUSTOMER_PREVIEW = 32 => "CUSTOMER_PREVIEW",
        CUSTOMER_PREVIEW_DIRECT = 33 => "CUSTOMER_PREVIEW_DIRECT",
        CUSTOMER_PREDICTIVE = 34 => "CUSTOMER_PREDICTIVE",
        CUSTOMER_CALLBACK = 35 => "CUSTOMER_CALLBACK",
        CUSTOMER_PERSONAL_CALLBACK = 36 => "CUSTOMER_PERSONAL_CALLBACK",
        CUSTOMER_IVR = 37 => "CUSTOMER_IVR",
        NON_ACD = 38 => "CALLTYPE_NON_ACD",
        PLAY_AGENT_GREETING = 39 => "CALLTYPE_PLAY_AGENT_GREETING",
        RECORD_AGENT_GREETING = 40 => "CALLTYPE_RECORD_AGENT_GREETING",
        VOICE_CALL_BACK = 41 => "CALLTYPE_VOICE_CALL_BACK",
        NONE = 0xFFFF => "NULL_CALLTYPE",
    }
}

code! {
    /// AgentAvailabilityStatus (spec §5.12, V15 p84).
    pub struct AgentAvailabilityStatus(u32) {
        NOT_AVAILABLE = 0 => "NOT_AVAILABLE",
        ICM_AVAILABLE = 1 => "ICM_AVAILABLE",
        APPLICATION_AVAILABLE = 2 => "APPLICATION_AVAILABLE",
    }
}

code! {
    /// EventCause (spec §5.12): why a call event happened. 1–62 are the CEC_* causes; 1001–1057
    /// the extended call-cleared causes (CECX_*). The source table prints 1056 for
    /// CECX_APPL_INVALID_DIALOGUE_ID, between 1045 and 1047: it is 1046 here.
    pub struct EventCause(u16) {
        ACTIVE_MONITOR = 1 => "CEC_ACTIVE_MONITOR",
        ALTERNATE = 2 => "CEC_ALTERNATE",
        BUSY = 3 => "CEC_BUSY",
        CALL_BACK = 4 => "CEC_CALL_BACK",
        CALL_CANCELLED = 5 => "CEC_CALL_CANCELLED",
        CALL_FORWARD_ALWAYS = 6 => "CEC_CALL_FORWARD_ALWAYS",
        CALL_FORWARD_BUSY = 7 => "CEC_CALL_FORWARD_BUSY",
        CALL_FORWARD_NO_ANSWER = 8 => "CEC_CALL_FORWARD_NO_ANSWER",
        CALL_FORWARD = 9 => "CEC_CALL_FORWARD",
        CALL_NOT_ANSWERED = 10 => "CEC_CALL_NOT_ANSWERED",
        CALL_PICKUP = 11 => "CEC_CALL_PICKUP",
        CAMP_ON = 12 => "CEC_CAMP_ON",
        DEST_NOT_OBTAINABLE = 13 => "CEC_DEST_NOT_OBTAINABLE",
        DO_NOT_DISTURB = 14 => "CEC_DO_NOT_DISTURB",
        INCOMPATIBLE_DESTINATION = 15 => "CEC_INCOMPATIBLE_DESTINATION",
        INVALID_ACCOUNT_CODE = 16 => "CEC_INVALID_ACCOUNT_CODE",
        KEY_CONFERENCE = 17 => "CEC_KEY_CONFERENCE",
        LOCKOUT = 18 => "CEC_LOCKOUT",
        MAINTENANCE = 19 => "CEC_MAINTENANCE",
        NETWORK_CONGESTION = 20 => "CEC_NETWORK_CONGESTION",
        NETWORK_NOT_OBTAINABLE = 21 => "CEC_NETWORK_NOT_OBTAINABLE",
        NEW_CALL = 22 => "CEC_NEW_CALL",
        NO_AVAILABLE_AGENTS = 23 => "CEC_NO_AVAILABLE_AGENTS",
        OVERRIDE = 24 => "CEC_OVERRIDE",
        PARK = 25 => "CEC_PARK",
        OVERFLOW = 26 => "CEC_OVERFLOW",
        RECALL = 27 => "CEC_RECALL",
        REDIRECTED = 28 => "CEC_REDIRECTED",
        REORDER_TONE = 29 => "CEC_REORDER_TONE",
        RESOURCES_NOT_AVAILABLE = 30 => "CEC_RESOURCES_NOT_AVAILABLE",
        SILENT_MONITOR = 31 => "CEC_SILENT_MONITOR",
        TRANSFER = 32 => "CEC_TRANSFER",
        TRUNKS_BUSY = 33 => "CEC_TRUNKS_BUSY",
        VOICE_UNIT_INITIATOR = 34 => "CEC_VOICE_UNIT_INITIATOR",
        TIME_OUT = 35 => "CEC_TIME_OUT",
        NEW_CALL_INTERFLOW = 36 => "CEC_NEW_CALL_INTERFLOW",
        SIMULATION_INIT_REQUEST = 37 => "CEC_SIMULATION_INIT_REQUEST",
        SIMULATION_RESET_REQUEST = 38 => "CEC_SIMULATION_RESET_REQUEST",
        CTI_LINK_DOWN = 39 => "CEC_CTI_LINK_DOWN",
        PERIPHERAL_RESET_REQUEST = 40 => "CEC_PERIPHERAL_RESET_REQUEST",
        MD110_CONFERENCE_TRANSFER = 41 => "CEC_MD110_CONFERENCE_TRANSFER",
        REMAINS_IN_Q = 42 => "CEC_REMAINS_IN_Q",
        SUPERVISOR_ASSIST = 43 => "CEC_SUPERVISOR_ASSIST",
        EMERGENCY_CALL = 44 => "CEC_EMERGENCY_CALL",
        SUPERVISOR_CLEAR = 45 => "CEC_SUPERVISOR_CLEAR",
        SUPERVISOR_MONITOR = 46 => "CEC_SUPERVISOR_MONITOR",
        SUPERVISOR_WHISPER = 47 => "CEC_SUPERVISOR_WHISPER",
        SUPERVISOR_BARGE_IN = 48 => "CEC_SUPERVISOR_BARGE_IN",
        SUPERVISOR_INTERCEPT = 49 => "CEC_SUPERVISOR_INTERCEPT",
        CALL_PARTY_UPDATE_IND = 50 => "CEC_CALL_PARTY_UPDATE_IND",
        CONSULT = 51 => "CEC_CONSULT",
        NIC_CALL_CLEAR = 52 => "CEC_NIC_CALL_CLEAR",
        DNP = 53 => "CEC_DNP",
        ROUTER_REQUERY_BEFORE_ANSWER = 54 => "CEC_ROUTER_REQUERY_BEFORE_ANSWER",
        ROUTER_REQUERY_AFTER_ANSWER = 55 => "CEC_ROUTER_REQUERY_AFTER_ANSWER",
        NETWORK_ERROR = 56 => "CEC_NETWORK_ERROR",
        NETWORK_ERROR_BEFORE_ANSWER = 57 => "CEC_NETWORK_ERROR_BEFORE_ANSWER",
        NETWORK_ERROR_AFTER_ANSWER = 58 => "CEC_NETWORK_ERROR_AFTER_ANSWER",
        GREETING = 59 => "CEC_GREETING",
        RECORD_AGENT_GREETING = 60 => "CEC_RECORD_AGENT_GREETING",
        SNAPSHOT = 61 => "CEC_SNAPSHOT",
        MAX_QUEUE_EXCEEDED = 62 => "CEC_MAX_QUEUE_EXCEEDED",
        X_ABAND_NETWORK = 1001 => "CECX_ABAND_NETWORK",
        X_ABAND_LOCAL_QUEUE = 1002 => "CECX_ABAND_LOCAL_QUEUE",
        X_ABAND_RING = 1003 => "CECX_ABAND_RING",
        X_ABAND_DELAY = 1004 => "CECX_ABAND_DELAY",
        X_ABAND_INTERFLOW = 1005 => "CECX_ABAND_INTERFLOW",
        X_ABAND_AGENT_TERMINAL = 1006 => "CECX_ABAND_AGENT_TERMINAL",
        X_SHORT = 1007 => "CECX_SHORT",
        X_BUSY = 1008 => "CECX_BUSY",
        X_FORCED_BUSY = 1009 => "CECX_FORCED_BUSY",
        X_DROP_NO_ANSWER = 1010 => "CECX_DROP_NO_ANSWER",
        X_DROP_BUSY = 1011 => "CECX_DROP_BUSY",
        X_DROP_REORDER = 1012 => "CECX_DROP_REORDER",
        X_DROP_HANDLED_PRIMARY_ROUTE = 1013 => "CECX_DROP_HANDLED_PRIMARY_ROUTE",
        X_DROP_HANDLED_OTHER = 1014 => "CECX_DROP_HANDLED_OTHER",
        X_REDIRECTED = 1015 => "CECX_REDIRECTED",
        X_CUT_THROUGH = 1016 => "CECX_CUT_THROUGH",
        X_INTRAFLOW = 1017 => "CECX_INTRAFLOW",
        X_INTERFLOW = 1018 => "CECX_INTERFLOW",
        X_RING_NO_ANSWER = 1019 => "CECX_RING_NO_ANSWER",
        X_INTERCEPT_REORDER = 1020 => "CECX_INTERCEPT_REORDER",
        X_INTERCEPT_DENIAL = 1021 => "CECX_INTERCEPT_DENIAL",
        X_TIME_OUT = 1022 => "CECX_TIME_OUT",
        X_VOICE_ENERGY = 1023 => "CECX_VOICE_ENERGY",
        X_NONCLASSIFIED_ENERGY_DETECT = 1024 => "CECX_NONCLASSIFIED_ENERGY_DETECT",
        X_NO_CUT_THROUGH = 1025 => "CECX_NO_CUT_THROUGH",
        X_UABORT = 1026 => "CECX_UABORT",
        X_FAILED_SOFTWARE = 1027 => "CECX_FAILED_SOFTWARE",
        X_BLIND_TRANSFER = 1028 => "CECX_BLIND_TRANSFER",
        X_ANNOUNCED_TRANSFER = 1029 => "CECX_ANNOUNCED_TRANSFER",
        X_CONFERENCED = 1030 => "CECX_CONFERENCED",
        X_DUPLICATE_TRANSFER = 1031 => "CECX_DUPLICATE_TRANSFER",
        X_UNMONITORED_DEVICE = 1032 => "CECX_UNMONITORED_DEVICE",
        X_ANSWERING_MACHINE = 1033 => "CECX_ANSWERING_MACHINE",
        X_NETWORK_BLIND_TRANSFER = 1034 => "CECX_NETWORK_BLIND_TRANSFER",
        X_TASK_ABANDONED_IN_ROUTER = 1035 => "CECX_TASK_ABANDONED_IN_ROUTER",
        X_TASK_ABANDONED_BEFORE_OFFERED = 1036 => "CECX_TASK_ABANDONED_BEFORE_OFFERED",
        X_TASK_ABANDONED_WHILE_OFFERED = 1037 => "CECX_TASK_ABANDONED_WHILE_OFFERED",
        X_NORMAL_END_TASK = 1038 => "CECX_NORMAL_END_TASK",
        X_CANT_OBTAIN_TASK_ID = 1039 => "CECX_CANT_OBTAIN_TASK_ID",
        X_AGENT_LOGGED_OUT_DURING_TASK = 1040 => "CECX_AGENT_LOGGED_OUT_DURING_TASK",
        X_MAX_TASK_LIFETIME_EXCEEDED = 1041 => "CECX_MAX_TASK_LIFETIME_EXCEEDED",
        X_APPLICATION_PATH_WENT_DOWN = 1042 => "CECX_APPLICATION_PATH_WENT_DOWN",
        X_ICM_ROUTING_COMPLETE = 1043 => "CECX_ICM_ROUTING_COMPLETE",
        X_ICM_ROUTING_DISABLED = 1044 => "CECX_ICM_ROUTING_DISABLED",
        X_APPL_INVALID_MRD_ID = 1045 => "CECX_APPL_INVALID_MRD_ID",
        X_APPL_INVALID_DIALOGUE_ID = 1046 => "CECX_APPL_INVALID_DIALOGUE_ID",
        X_APPL_DUPLICATE_DIALOGUE_ID = 1047 => "CECX_APPL_DUPLICATE_DIALOGUE_ID",
        X_APPL_INVALID_INVOKE_ID = 1048 => "CECX_APPL_INVALID_INVOKE_ID",
        X_APPL_INVALID_SCRIPT_SELECTOR = 1049 => "CECX_APPL_INVALID_SCRIPT_SELECTOR",
        X_APPL_TERMINATE_DIALOGUE = 1050 => "CECX_APPL_TERMINATE_DIALOGUE",
        X_TASK_ENDED_DURING_APP_INIT = 1051 => "CECX_TASK_ENDED_DURING_APP_INIT",
        X_CALLED_PARTY_DISCONNECTED = 1052 => "CECX_CALLED_PARTY_DISCONNECTED",
        X_PARTIAL_CALL = 1053 => "CECX_PARTIAL_CALL",
        X_DROP_NETWORK_CONSULT = 1054 => "CECX_DROP_NETWORK_CONSULT",
        X_NETWORK_CONSULT_TRANSFER = 1055 => "CECX_NETWORK_CONSULT_TRANSFER",
        X_NETWORK_CONFERENCE = 1056 => "CECX_NETWORK_CONFERENCE",
        X_ABAND_NETWORK_CONSULT = 1057 => "CECX_ABAND_NETWORK_CONSULT",
        NONE = 0xFFFF => "CEC_NONE",
    }
}

code! {
    /// LocalConnectionState (spec §5.12): the state of the call at the device of the event.
    pub struct LocalConnectionState(u16) {
        NULL = 0 => "LCS_NULL",
        INITIATE = 1 => "LCS_INITIATE",
        ALERTING = 2 => "LCS_ALERTING",
        CONNECT = 3 => "LCS_CONNECT",
        HOLD = 4 => "LCS_HOLD",
        QUEUED = 5 => "LCS_QUEUED",
        FAIL = 6 => "LCS_FAIL",
        NONE = 0xFFFF => "LCS_NONE",
    }
}

code! {
    /// LineType (spec §5.12).
    pub struct LineType(u16) {
        INBOUND_ACD = 0 => "LINETYPE_INBOUND_ACD",
        OUTBOUND_ACD = 1 => "LINETYPE_OUTBOUND_ACD",
        INSIDE = 2 => "LINETYPE_INSIDE",
        UNKNOWN = 3 => "LINETYPE_UNKNOWN",
        SUPERVISOR = 4 => "LINETYPE_SUPERVISOR",
        MESSAGE = 5 => "LINETYPE_MESSAGE",
        HELP = 6 => "LINETYPE_HELP",
        OUTBOUND = 7 => "LINETYPE_OUTBOUND",
        DID = 8 => "LINETYPE_DID",
        SILENT_MONITOR = 9 => "LINETYPE_SILENT_MONITOR",
        NON_ACD_IN = 10 => "LINETYPE_NON_ACD_IN",
        NON_ACD_OUT = 11 => "LINETYPE_NON_ACD_OUT",
    }
}

code! {
    /// AgentWorkMode in SET_AGENT_STATE_REQ (spec §5.12).
    pub struct AgentWorkMode(u16) {
        UNSPECIFIED = 0 => "AWM_UNSPECIFIED",
        AUTO_IN = 1 => "AWM_AUTO_IN",
        MANUAL_IN = 2 => "AWM_MANUAL_IN",
        RA_CALL_BY_CALL = 3 => "AWM_RA_CALL_BY_CALL",
        RA_NAILED_CONNECTION = 4 => "AWM_RA_NAILED_CONNECTION",
    }
}

code! {
    /// ForcedFlag in SET_AGENT_STATE_REQ, one byte (spec §3.18, §5.12).
    pub struct ForcedFlag(u8) {
        FALSE = 0 => "FORCED_FLAG_FALSE",
        TRUE = 1 => "FORCED_FLAG_TRUE",
        AGENT_AUTHENTICATION_ONLY = 2 => "AGENT_AUTHENTICATION_ONLY",
    }
}

code! {
    /// AgentAction of AGENT_GREETING_CONTROL_REQ (spec §3.21, §5.12).
    pub struct AgentGreetingAction(u16) {
        STOP = 0 => "AGENT_GREETING_STOP",
        DISABLE = 1 => "AGENT_GREETING_DISABLE",
        ENABLE = 2 => "AGENT_GREETING_ENABLE",
    }
}

code! {
    /// EventCode of CALL_AGENT_GREETING_EVENT (spec §3.15, §5.12).
    pub struct AgentGreetingEventCode(u16) {
        STARTED = 0 => "AGENT_GREETING_STARTED",
        ENDED = 1 => "AGENT_GREETING_ENDED",
        FAILED = 2 => "AGENT_GREETING_FAILED",
    }
}

code! {
    /// MultilineAgentControl in OPEN_CONF's peripheral list (spec §5.12).
    pub struct MultilineAgentControl(u16) {
        SINGLE_LINE = 0 => "SINGLE_LINE_ONLY",
        MULTILINE = 1 => "MULTILINE_ENABLED",
    }
}

code! {
    /// ConfigOperation of AGENT_TEAM_CONFIG_EVENT (spec §3.21).
    pub struct ConfigOperation(u16) {
        RESTORE_PERMANENT = 0 => "CONFIG_OPERATION_RESTORE_PERMANENT",
        ADD_AGENT = 1 => "CONFIG_OPERATION_ADD_AGENT",
        REMOVE_AGENT = 2 => "CONFIG_OPERATION_REMOVE_AGENT",
    }
}

mask! {
    /// AgentFlags (tag 87) of an AGENT_TEAM_CONFIG_EVENT member (spec §4).
    pub struct AgentFlags(u16) {
        PRIMARY_SUPERVISOR = 0x1 => "PRIMARY_SUPERVISOR",
        TEMPORARY_AGENT = 0x2 => "TEMPORARY_AGENT",
        SUPERVISOR = 0x4 => "SUPERVISOR",
    }
}

code! {
    /// RecordType (tag 183) of a CONFIG_* record.
    pub struct RecordType(u16) {
        ADD = 0 => "RECORD_TYPE_ADD",
        CHANGE = 1 => "RECORD_TYPE_CHANGE",
        DELETE = 2 => "RECORD_TYPE_DELETE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Constants whose identifier is not a part of the spec's name.
    const RENAMED: &[(&str, &str, &str)] = &[("CallType", "NONE", "NULL_CALLTYPE")];

    /// Each type's `NAMES` lists exactly its constants, in order, each with its own value, and
    /// the constant's name is the spec's name or the spec's name without its family prefix.
    macro_rules! check_names {
        ($bad:ident: $($T:ident),* $(,)?) => { $(
            assert_eq!($T::NAMES.len(), $T::DECLARED.len(), stringify!($T));
            for (&(value, name), &(constant, ident)) in $T::NAMES.iter().zip($T::DECLARED) {
                assert_eq!(value, constant.0 as u32, "{}::{ident}", stringify!($T));
                let spec = name.to_ascii_uppercase();
                let renamed = RENAMED.contains(&(stringify!($T), ident, name));
                if !(spec.contains(ident) || ident.contains(spec.as_str()) || renamed) {
                    std::println!("{}::{ident} is named {name}", stringify!($T));
                    *$bad += 1;
                }
            }
        )* };
    }

    #[test]
    fn every_name_matches_its_constant() {
        extern crate std;
        let mut bad = 0;
        let bad = &mut bad;
        check_names!(bad:
            StatusCode,
            ServiceMask,
            CallMsgMask,
            AgentStateMask,
            ConfigMsgMask,
            PgStatus,
            Direction,
            SessionType,
            PeripheralType,
            AgentState,
            SystemEventId,
            DeviceIdType,
            ConnectionDeviceIdType,
            ClientEventReportState,
            ControlFailureCode,
            CallType,
            AgentAvailabilityStatus,
            EventCause,
            LocalConnectionState,
            LineType,
            AgentWorkMode,
            ForcedFlag,
            AgentGreetingAction,
            AgentGreetingEventCode,
            MultilineAgentControl,
            ConfigOperation,
            AgentFlags,
            RecordType,
        );
        assert_eq!(*bad, 0);
    }

    #[test]
    fn names_are_the_spec_tables() {
        // Spec §5.1 and the agent state mask table.
        assert_eq!(StatusCode::INVALID_PASSWORD.0, 36);
        assert_eq!(
            StatusCode::INVALID_PASSWORD.name(),
            Some("E_CTI_INVALID_PASSWORD")
        );
        assert_eq!(AgentStateMask::AVAILABLE.0, 0x008);
        assert!(AgentStateMask::NAMES.contains(&(0x008, "AGENT_AVAILABLE_MASK")));
        assert_eq!(StatusCode(9999).name(), None);
    }
}
