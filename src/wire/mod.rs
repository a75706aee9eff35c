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
//! with [`MessageSpec::fixed_values`] and write floating fields with [`FloatingWriter`].
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
pub mod monitor;
pub mod route;
pub mod session;
pub mod supervisor;

pub use codec::{Bool, Counters, FieldKind, InvokeId, Names, Scalar, Time};
pub(crate) use codec::{Fixed, Reader, Writer};
pub use error::{DecodeError, EncodeError};
pub use floating::{
    kind, FieldVisitor, Floating, FloatingField, FloatingIter, FloatingWriter, Group, GroupIter,
    GroupSpec, Kind, NamedArray, NamedVar, Str, Tag,
};
pub use frame::{Decoder, Frame, Header, MessageType, Messages, Status, HEADER_LEN};
pub use message::{FixedSpec, FloatSpec, MessageSpec};

pub use catalogue::{
    has_invoke_id, invoke_id_of, is_confirmation, spec_of, Catalogue, Encode, FullCatalogue,
    Message, RawMessage, SessionCatalogue, MESSAGES,
};

/// Protocol version, as sent in OPEN_REQ's `VersionNumber`.
///
/// The version changes the wire format in one place the codec handles: floating fields carry a
/// one-byte tag and one-byte length below version 20 and two-byte ones from 20 on (spec §1.3).
/// Fixed layouts are those of version 15 for every version.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Version(pub u32);

impl Version {
    /// Protocol version 15, UCCE 8.5(1): the version this crate implements.
    pub const V15: Version = Version(15);
    /// Protocol version 20, UCCE 11.5(1): the first with two-byte floating tags and lengths.
    pub const V20: Version = Version(20);

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
    /// version 23, 12 500 from version 24 on (spec §1.5).
    #[must_use]
    pub const fn max_send_len(self) -> usize {
        if self.0 >= 24 {
            12_500
        } else {
            4_329
        }
    }
}

impl Default for Version {
    fn default() -> Self {
        Version::V15
    }
}
