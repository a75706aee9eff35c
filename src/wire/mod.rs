//! The codec: framing, primitive types, floating fields, codes and masks, and the messages.
//!
//! Every message is an 8-byte header ([`Header`]) followed by a body: a fixed part of packed
//! big-endian fields and a floating part of tagged fields (spec §1). The layouts live in one
//! declarative table per message family (the crate-internal `message!` macro and
//! [`MessageSpec`]); the typed views, the JSON of `ctidump` and the Wireshark dissector are all
//! generated from it.
//!
//! # The catalogue
//! Every v15 message type 1–250 (spec §2; 230–247 numbered as real v15 traffic and the later
//! guide number them, spec §8 #4) has a type, in one module per family: [`session`], [`call`]
//! events, call [`control`], [`agent`], [`monitor`] and session services, [`supervisor`] and
//! teams, [`config`] events, agent reporting ([`arm`]) and [`route`]. The reserved numbers stay
//! [`Message::Unknown`]. Where no source gives a v15 layout (⚠), the type keeps its body whole
//! ([`MessageSpec::is_opaque`]); where a layout is inferred, a body that does not fit it is
//! surfaced raw rather than failing ([`MessageSpec::is_inferred`]). These facts are written in
//! each type's table entry, with the reason a layout is inferred beside it.
//!
//! # Paths
//! Each public type has one path. The codec's types are at this module's root: [`Decoder`],
//! [`Status`], [`Message`], [`DecodeError`], [`EncodeError`], [`Version`], [`Header`],
//! [`Floating`] and its field API, and the layout tables that tools read ([`MESSAGES`],
//! [`MessageSpec`], [`FixedSpec`], [`FloatSpec`], [`GroupSpec`], [`FieldKind`]). Each family's
//! message views are in its module ([`session::OpenConf`], [`call::CallClearedEvent`], ...), the
//! enumerations and masks in [`codes`], the floating field tags in [`tag`]. The cursors that
//! read and write the fixed part are the codec's own; tools read a fixed part by its layout
//! with [`MessageSpec::fixed_values`] and write floating fields with [`FloatingWriter`]. A
//! whole message read generically, field by field with names, keys and value names, is a
//! [`MessageDump`] ([`Message::dump`]); with feature `serde` it serializes to the object
//! `ctidump --json` prints.
//!
//! Enumerations and layout structs that later protocol versions may extend are
//! `#[non_exhaustive]`: match them with a wildcard arm, and build layouts of your own with their
//! `new` constructors.
//!
//! # No panics
//! Decoding never panics, allocates or loops without bound, whatever the input: a short buffer is
//! [`Status::Partial`], a malformed one is a [`DecodeError`] naming the offset. This is fuzzed
//! (`fuzz/`) and property-tested (`tests/`).
//!
//! # Zero copy
//! Decoded messages borrow the input: strings are [`Str`] views without their NUL, the floating
//! part is kept as the validated raw bytes ([`Floating`]) so a message re-encodes byte for byte,
//! unknown tags and field order included.

mod codec;
mod dump;
#[macro_use]
pub mod codes;
mod error;
mod floating;
mod frame;
pub(crate) mod message;
pub mod tag;

pub mod agent;
pub mod arm;
pub mod call;
mod catalogue;
pub mod config;
pub mod control;
pub mod later;
pub mod monitor;
pub mod route;
pub mod session;
pub mod supervisor;

pub use codec::{Bool, Counters, FieldKind, InvokeId, Names, Scalar, Time};
pub(crate) use codec::{Fixed, Reader, Writer};
pub use dump::{
    BitNames, DumpField, DumpFields, FieldKey, FieldName, FieldValue, Hex, Lossy, MessageDump,
};
pub use error::{DecodeError, EncodeError};
pub use floating::{
    kind, FieldVisitor, Floating, FloatingField, FloatingIter, FloatingWriter, Group, GroupIter,
    GroupSpec, Kind, NamedArray, NamedVar, Str, Tag,
};
pub use frame::{Decoder, Frame, Header, MessageType, Messages, Status, HEADER_LEN};
pub use message::{FixedSpec, FloatSpec, MessageSpec};

pub use catalogue::{
    has_invoke_id, invoke_id_of, is_confirmation, spec_of, type_in_version, Catalogue, Encode,
    FullCatalogue, Message, RawMessage, SessionCatalogue, MESSAGES,
};

/// Protocol version, as sent in OPEN_REQ's `VersionNumber`.
///
/// The server formats every message in the version the client opened with (versions sheet,
/// key facts), and so does this codec: every decode and encode takes the version. It changes
/// the wire format in three ways, all in the message tables:
/// - floating fields carry a one-byte tag and one-byte length below version 20 and two-byte
///   ones from 20 on (versions sheet §2.1);
/// - fixed parts grow: a field carries the version that introduced it (and, where one did, the
///   version that removed it), is read and written only in the versions that have it, and is
///   an `Option` in its view ([`FixedSpec::in_version`]);
/// - new message types and floating tags carry the version that introduced them
///   ([`MessageSpec::since`], [`tag::TagSpec::since`]).
///
/// [`Version::SUPPORTED`] is the range whose layouts the tables hold: 13 to 25 (UCCE 7.x to
/// 15.0).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Version(pub u32);

impl Version {
    /// Protocol version 13, ICM 7.0(x): the oldest in the tables.
    pub const V13: Version = Version(13);
    /// Protocol version 14, UCCE 8.0(x): MAKE_CALL_REQ's SkillGroupNumber, tags 219–234.
    pub const V14: Version = Version(14);
    /// Protocol version 15, UCCE 8.5(1): the v15 fact sheet's version, and the default.
    pub const V15: Version = Version(15);
    /// Protocol version 16: tags 243 (AgentTeamName) and 244 (Direction).
    pub const V16: Version = Version(16);
    /// Protocol version 17: tag 245.
    pub const V17: Version = Version(17);
    /// Protocol version 18: tags 246–254 (internal).
    pub const V18: Version = Version(18);
    /// Protocol version 19, UCCE 11.0(1): DepartmentID in four fixed parts.
    pub const V19: Version = Version(19);
    /// Protocol version 20, UCCE 11.5(1): the first with two-byte floating tags and lengths.
    pub const V20: Version = Version(20);
    /// Protocol version 21.
    pub const V21: Version = Version(21);
    /// Protocol version 22: MaxBeyondTaskLimit, peripheral and desk-settings config events.
    pub const V22: Version = Version(22);
    /// Protocol version 23, UCCE 12.5(1): network recording.
    pub const V23: Version = Version(23);
    /// Protocol version 24, UCCE 12.6(1): active/standby servers, OPEN_CONF SessionType.
    pub const V24: Version = Version(24);
    /// Protocol version 25, UCCE 15.0(1): the newest in the tables.
    pub const V25: Version = Version(25);
    /// Every version whose layouts the tables hold.
    pub const SUPPORTED: core::ops::RangeInclusive<u32> = 13..=25;

    /// True if the tables hold this version's layouts ([`Self::SUPPORTED`]).
    #[must_use]
    pub const fn is_supported(self) -> bool {
        self.0 >= Self::V13.0 && self.0 <= Self::V25.0
    }

    /// True when floating fields use two-byte tags and lengths (version 20 and later).
    #[must_use]
    pub const fn wide_tags(self) -> bool {
        self.0 >= 20
    }

    /// Bytes taken by one floating field's tag and length.
    #[must_use]
    pub const fn float_header_len(self) -> usize {
        if self.wide_tags() {
            4
        } else {
            2
        }
    }

    /// The largest message (header included) this version lets a sender send: 4329 bytes up to
    /// version 23, 12 500 from version 24 on (versions sheet §2.2). ⚠ No source gives the
    /// value for versions 16 to 23; a sender keeps to 4329 there, the largest known to be
    /// safe, while a receiver accepts 12 500 in every version ([`Self::max_receive_len`]).
    #[must_use]
    pub const fn max_send_len(self) -> usize {
        if self.0 >= 24 {
            12_500
        } else {
            4_329
        }
    }

    /// The largest message (header included) a receiver should accept in this version: 12 500
    /// in every version, as the versions sheet recommends (§2.2, §9 #10: v24's documented
    /// maximum; the values for 16–23 and 25 were not found, and v15 servers already exceed
    /// 4329).
    #[must_use]
    pub const fn max_receive_len(self) -> usize {
        12_500
    }
}

impl Default for Version {
    fn default() -> Self {
        Version::V15
    }
}
