//! The message tables: one declarative entry per message type generates its typed view, its
//! encoder and decoder, and the [`MessageSpec`] row that generic tools (`ctidump`, the Wireshark
//! dissector) read.

use super::codec::{FieldKind, Reader, Scalar, Writer};
use super::floating::GroupSpec;
use super::{EncodeError, Floating, MessageType, Version, HEADER_LEN};

/// The layout of one message type, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MessageSpec {
    /// MessageType.
    pub id: u32,
    /// The spec's name, e.g. `"OPEN_CONF"`.
    pub name: &'static str,
    /// The first protocol version that has this type: `Version(0)` for the types of v15 and
    /// before (spec v15 §2), the version of the versions sheet's §4.1 for later ones.
    pub since: Version,
    /// Facts about the type written in its table entry ([`flag`]); read them through the
    /// accessors ([`Self::is_client_request`], [`Self::is_inferred`], [`Self::is_opaque`]).
    pub(crate) flags: u8,
    /// The fixed part, in wire order.
    pub fixed: &'static [FixedSpec],
    /// Floating fields that appear once (or, when `repeated`, any number of times).
    pub floating: &'static [FloatSpec],
    /// Repeated groups of floating fields.
    pub groups: &'static [GroupSpec],
}

impl MessageSpec {
    /// A layout with no flags set: for tools that describe layouts of their own (tests of a
    /// dissector, say). The catalogue's layouts are in [`MESSAGES`](super::MESSAGES).
    #[must_use]
    pub const fn new(
        id: u32,
        name: &'static str,
        fixed: &'static [FixedSpec],
        floating: &'static [FloatSpec],
        groups: &'static [GroupSpec],
    ) -> Self {
        MessageSpec {
            id,
            name,
            since: Version(0),
            flags: flag::NONE,
            fixed,
            floating,
            groups,
        }
    }

    /// The fixed fields of `body` read by this layout in protocol version 15, in wire order,
    /// each with its value as a UINT: [`Self::fixed_values_in`] with [`Version::V15`].
    pub fn fixed_values<'b>(
        &self,
        body: &'b [u8],
    ) -> impl Iterator<Item = (&'static FixedSpec, u32)> + 'b {
        self.fixed_values_in(body, Version::V15)
    }

    /// The fixed fields of `body` read by this layout in `version` (fields the version does not
    /// have are skipped, [`FixedSpec::in_version`]), in wire order, each with its value as a
    /// UINT: an unsigned field's number, an INT's two's-complement bits, a BOOL's two bytes, a
    /// TIME's seconds. Stops at the first field `body` cuts off; the floating part starts at
    /// [`Self::fixed_len_in`].
    pub fn fixed_values_in<'b>(
        &self,
        body: &'b [u8],
        version: Version,
    ) -> impl Iterator<Item = (&'static FixedSpec, u32)> + 'b {
        let mut r = Reader::new(body);
        let fixed: &'static [FixedSpec] = self.fixed;
        fixed
            .iter()
            .filter(move |f| f.in_version(version))
            .map_while(move |f| Some((f, f.read(&mut r)?)))
    }

    /// True when the body's layout is not known for v15 (spec ⚠): the message is kept whole as
    /// its raw body, and tools should show it as bytes. Such a type has no fixed fields.
    #[must_use]
    pub const fn is_opaque(&self) -> bool {
        self.flags & flag::OPAQUE != 0
    }

    /// True when the v15 layout is inferred rather than documented (spec ⚠: a field order
    /// from one implementation only, sizes not given, or names guessed from real traffic). A
    /// body that does not fit such a layout is surfaced as
    /// [`Message::Unknown`](super::Message::Unknown), raw, instead of failing the session: the
    /// error would more likely be ours than the peer's. Each type's table entry says why.
    #[must_use]
    pub const fn is_inferred(&self) -> bool {
        self.flags & flag::INFERRED != 0
    }

    /// True for a client-to-server type of the v15 table (spec §2) that a session hands to the
    /// application to answer. OPEN_REQ, HEARTBEAT_REQ and CLOSE_REQ are not: the session
    /// answers them itself. CONFIG_REQUEST_KEY_EVENT (230) and CONFIG_REQUEST_EVENT (232) are,
    /// although the v15 table calls them reserved, because real v15 clients send them (spec §8
    /// #4); TEAM_CONFIG_REQ is at 242, the numbering of real traffic and later tables.
    #[must_use]
    pub const fn is_client_request(&self) -> bool {
        self.flags & flag::CLIENT_REQUEST != 0
    }

    /// Size of the fixed part in protocol version 15: [`Self::fixed_len_in`] with
    /// [`Version::V15`].
    #[must_use]
    pub const fn fixed_len(&self) -> usize {
        self.fixed_len_in(Version::V15)
    }

    /// Size of the fixed part in `version`: the fields [`FixedSpec::in_version`] keeps.
    #[must_use]
    pub const fn fixed_len_in(&self, version: Version) -> usize {
        let mut n = 0;
        let mut i = 0;
        while i < self.fixed.len() {
            if self.fixed[i].in_version(version) {
                n += self.fixed[i].kind.scalar.size();
            }
            i += 1;
        }
        n
    }

    /// True if protocol `version` has this message type (see [`Self::since`]).
    #[must_use]
    pub const fn in_version(&self, version: Version) -> bool {
        version.0 >= self.since.0
    }

    /// The field name and list-ness of `tag` in this message: `(name, true)` for a tag that is
    /// a group member or repeated, `None` for a tag outside the layout.
    #[must_use]
    pub fn floating_field(&self, tag: u16) -> Option<(&'static str, bool)> {
        if let Some(f) = self.floating.iter().find(|f| f.tag == tag) {
            return Some((f.name, f.repeated));
        }
        self.groups
            .iter()
            .flat_map(|g| g.members.iter())
            .find(|f| f.tag == tag)
            .map(|f| (f.name, true))
    }
}

/// The facts a `message!`, `same_layout!` or `opaque!` entry can state after its number,
/// as in `MakeCallReq = MAKE_CALL_REQ(56): CLIENT_REQUEST | INFERRED { .. }`.
pub(crate) mod flag {
    /// No flag.
    pub(crate) const NONE: u8 = 0;
    /// Sent by clients, answered by the application: [`MessageSpec::is_client_request`](super::MessageSpec::is_client_request).
    pub(crate) const CLIENT_REQUEST: u8 = 1;
    /// The layout is inferred: [`MessageSpec::is_inferred`](super::MessageSpec::is_inferred).
    pub(crate) const INFERRED: u8 = 2;
    /// No layout is known; set by `opaque!`: [`MessageSpec::is_opaque`](super::MessageSpec::is_opaque).
    pub(crate) const OPAQUE: u8 = 4;
}

/// One fixed field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FixedSpec {
    /// The spec's field name, e.g. `"ICMCentralControllerTime"`.
    pub name: &'static str,
    /// Wire layout and value names.
    pub kind: FieldKind,
    /// The first protocol version that has the field (`Version(0)`: every version).
    pub since: Version,
    /// The first version that no longer has it, if one dropped it.
    pub until: Option<Version>,
}

impl FixedSpec {
    /// A fixed field named `name` of `kind`, present in every version, for layouts described
    /// outside the catalogue.
    #[must_use]
    pub const fn new(name: &'static str, kind: FieldKind) -> Self {
        FixedSpec {
            name,
            kind,
            since: Version(0),
            until: None,
        }
    }

    /// The same field, present from `since` and, with `until`, before `until` only.
    #[must_use]
    pub const fn versions(mut self, since: Version, until: Option<Version>) -> Self {
        self.since = since;
        self.until = until;
        self
    }

    /// True if protocol `version`'s layout has this field: its value is read and written only
    /// then.
    #[must_use]
    pub const fn in_version(&self, version: Version) -> bool {
        in_range(version, self.since, self.until)
    }

    /// Reads the field's value as a UINT (see [`MessageSpec::fixed_values_in`]); `None` if `r`
    /// runs out.
    pub(crate) fn read(&self, r: &mut Reader<'_>) -> Option<u32> {
        Some(match self.kind.scalar {
            Scalar::U8 => u32::from(r.u8()?),
            Scalar::U16 | Scalar::Bool => u32::from(r.u16()?),
            Scalar::U32 | Scalar::I32 | Scalar::Time => r.u32()?,
        })
    }
}

/// `since <= version < until`.
pub(crate) const fn in_range(version: Version, since: Version, until: Option<Version>) -> bool {
    version.0 >= since.0
        && match until {
            Some(u) => version.0 < u.0,
            None => true,
        }
}

/// One floating field of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FloatSpec {
    /// The tag.
    pub tag: u16,
    /// The spec's field name in this message, e.g. `"FltPeripheralID"`.
    pub name: &'static str,
    /// True if the field may appear any number of times (named variables and arrays).
    pub repeated: bool,
    /// The first protocol version whose layout lists the field (`Version(0)`: every version).
    /// Floating fields describe themselves, so a field out of its range is still decoded and
    /// kept (as an unknown tag would be); the range says what a peer of that version sends.
    pub since: Version,
    /// The first version whose layout no longer lists it, if one dropped it.
    pub until: Option<Version>,
}

impl FloatSpec {
    /// The floating field `tag` named `name`, in every version, for layouts described outside
    /// the catalogue.
    #[must_use]
    pub const fn new(tag: u16, name: &'static str, repeated: bool) -> Self {
        FloatSpec {
            tag,
            name,
            repeated,
            since: Version(0),
            until: None,
        }
    }

    /// True if protocol `version`'s layout lists this field.
    #[must_use]
    pub const fn in_version(&self, version: Version) -> bool {
        in_range(version, self.since, self.until)
    }
}

/// `a` followed by `b`, as an array of their joint length (for layouts that include a shared
/// floating block).
pub(crate) const fn concat_specs<const N: usize>(
    a: &[FloatSpec],
    b: &[FloatSpec],
) -> [FloatSpec; N] {
    let mut out = [FloatSpec::new(0, "", false); N];
    let mut i = 0;
    while i < N {
        out[i] = if i < a.len() { a[i] } else { b[i - a.len()] };
        i += 1;
    }
    out
}

/// Writes header, fixed part (by `fixed`) and floating part, then patches MessageLength.
pub(crate) fn encode_message(
    out: &mut [u8],
    version: Version,
    message_type: MessageType,
    floating: &Floating<'_>,
    fixed: impl FnOnce(&mut Writer<'_>),
) -> Result<usize, EncodeError> {
    let mut w = Writer::new(out);
    w.u32(0);
    w.u32(message_type.0);
    fixed(&mut w);
    floating.write(version, &mut w)?;
    let total = w.position();
    if !w.fits() {
        return Err(EncodeError::BufferTooSmall { needed: total });
    }
    w.patch_u32(0, u32::try_from(total - HEADER_LEN).unwrap_or(u32::MAX));
    Ok(total)
}

/// Defines a typed message from its layout: fixed fields with their types and spec names,
/// floating fields with their tags, value kinds and spec names, repeated fields, and groups.
///
/// A fixed part may start with `..prefix,` to take the leading fields a family shares from the
/// macro `prefix` (e.g. `call_event`), or end with `..suffix` to take its trailing ones (e.g.
/// `call_placement`); `with a, b;` includes shared floating blocks.
macro_rules! message {
    (
        $(#[$doc:meta])*
        $Name:ident = $CONST:ident($id:literal) $(: $($flag:ident)|+)? { .. $prefix:ident, $($fields:tt)* }
        $($rest:tt)*
    ) => {
        $prefix! { [$(#[$doc])* $Name = $CONST($id) $(: $($flag)|+)?] [$($fields)*] $($rest)* }
    };
    (
        $(#[$doc:meta])*
        $Name:ident = $CONST:ident($id:literal) $(: $($flag:ident)|+)? {
            $( $(#[$fdoc:meta])* $f:ident : $fty:ty => $fname:literal
                $(@ $fsince:literal .. $($funtil:literal)?)?, )*
            .. $suffix:ident
        }
        $($rest:tt)*
    ) => {
        $suffix! {
            [$(#[$doc])* $Name = $CONST($id) $(: $($flag)|+)?]
            [$( $(#[$fdoc])* $f : $fty => $fname $(@ $fsince .. $($funtil)?)?, )*]
            $($rest)*
        }
    };
    (
        $(#[$doc:meta])*
        $Name:ident = $CONST:ident($id:literal) $(@ $msince:literal ..)? $(: $($flag:ident)|+)? {
            $( $(#[$fdoc:meta])* $f:ident : $fty:ty => $fname:literal
                $(@ $fsince:literal .. $($funtil:literal)?)?, )*
        }
        $( counters($ncount:literal) {
            $( $c:ident => $cname:literal, )*
        } )?
        $( floating {
            $( $(#[$gdoc:meta])* $g:ident : $tag:ident => $K:ident $gname:literal
                $(@ $gsince:literal .. $($guntil:literal)?)?, )*
        } )?
        $( with $($block:ident),+; )?
        $( repeated {
            $( $(#[$rdoc:meta])* $r:ident : $rtag:ident => $RK:ident $rname:literal, )*
        } )?
        $( groups {
            $( $(#[$ldoc:meta])* $l:ident : $Group:ident, )*
        } )?
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        pub struct $Name<'a> {
            $( $(#[$fdoc])* #[doc = concat!("\n\nWire field `", $fname, "`.")]
               $( #[doc = concat!("\n\nIn the layout from protocol version ", stringify!($fsince),
                   $(" until (not including) version ", stringify!($funtil),)?
                   " only: `None` in the other versions, where it is neither read nor written. \
                   `None` in a version that has it is written as 0.")] )?
               pub $f: $crate::wire::message::gated_ty!($fty $(, $fsince)?), )*
            $(
                #[doc = concat!("The ", stringify!($ncount), " UINT counters that end the fixed part, ")]
                /// read in place; each has a named accessor.
                pub counters: $crate::wire::Counters<'a>,
            )?
            /// The floating part: every field in wire order, unknown tags included.
            pub floating: $crate::wire::Floating<'a>,
        }

        impl $crate::wire::MessageType {
            #[doc = concat!("`", stringify!($CONST), "` (", stringify!($id), ").")]
            pub const $CONST: $crate::wire::MessageType = $crate::wire::MessageType($id);
        }

        $( const _: () = assert!([$($cname),*].len() == $ncount, "counter count"); )?

        #[allow(clippy::identity_op)]
        impl<'a> $Name<'a> {
            /// MessageType number.
            pub const ID: u32 = $id;
            /// MessageType.
            pub const MESSAGE_TYPE: $crate::wire::MessageType = $crate::wire::MessageType($id);
            /// Size of the fixed part in protocol version 15.
            pub const FIXED_LEN: usize = Self::fixed_len($crate::wire::Version::V15);

            /// Size of the fixed part in `version`: only the fields that version has count.
            #[must_use]
            pub const fn fixed_len(version: $crate::wire::Version) -> usize {
                let _ = version;
                0 $( + $crate::wire::message::gated_size!(version, $fty $(, $fsince $(, $funtil)?)?) )*
                    $( + 4 * $ncount )?
            }

            /// The layout as data.
            pub const SPEC: $crate::wire::MessageSpec = $crate::wire::MessageSpec {
                id: $id,
                name: stringify!($CONST),
                since: $crate::wire::Version(0 $(+ $msince)?),
                flags: $crate::wire::message::flag::NONE $($(| $crate::wire::message::flag::$flag)+)?,
                fixed: &[
                    $( $crate::wire::FixedSpec::new($fname, <$fty as $crate::wire::Fixed>::KIND)
                        .versions(
                            $crate::wire::Version(0 $(+ $fsince)?),
                            $crate::wire::message::until!($($($funtil)?)?),
                        ), )*
                    $( $( $crate::wire::FixedSpec::new($cname, <u32 as $crate::wire::Fixed>::KIND), )* )?
                ],
                floating: {
                    const OWN: &[$crate::wire::FloatSpec] = &[
                        $( $( $crate::wire::FloatSpec {
                            since: $crate::wire::Version(0 $(+ $gsince)?),
                            until: $crate::wire::message::until!($($($guntil)?)?),
                            ..$crate::wire::FloatSpec::new($crate::wire::tag::$tag.id, $gname, false)
                        }, )* )?
                        $( $( $crate::wire::FloatSpec::new($crate::wire::tag::$rtag.id, $rname, true), )* )?
                    ];
                    const SHARED: &[$crate::wire::FloatSpec] =
                        $crate::wire::message::shared_specs!($( $($block),+ )?);
                    const ALL: [$crate::wire::FloatSpec; OWN.len() + SHARED.len()] =
                        $crate::wire::message::concat_specs(OWN, SHARED);
                    &ALL
                },
                groups: &[ $( $( <$Group<'static> as $crate::wire::Group<'static>>::SPEC, )* )? ],
            };

            /// Decodes a body (the bytes after the header) of this type.
            // Inlined into the catalogue's dispatch, the message is built where `Message` is
            // returned instead of being copied there, which saves about a sixth of a stream's
            // decode time with the full catalogue; on microcontrollers the copy is cheaper than
            // the code that inlining every type would add.
            #[cfg_attr(not(target_os = "none"), inline(always))]
            #[cfg_attr(target_os = "none", inline)]
            pub fn decode(
                body: &'a [u8],
                version: $crate::wire::Version,
            ) -> Result<Self, $crate::wire::DecodeError> {
                Self::decode_with(body, version, ()).map(|(m, ())| m)
            }

            /// [`Self::decode`], handing each floating field to `visitor` as it is validated
            /// (see [`Floating::parse_with`]($crate::wire::Floating::parse_with)).
            #[cfg_attr(not(target_os = "none"), inline(always))]
            #[cfg_attr(target_os = "none", inline)]
            pub fn decode_with<V: $crate::wire::FieldVisitor<'a>>(
                body: &'a [u8],
                version: $crate::wire::Version,
                visitor: V,
            ) -> Result<(Self, V), $crate::wire::DecodeError> {
                let fixed_len = Self::fixed_len(version);
                let short = $crate::wire::DecodeError::ShortBody {
                    message_type: Self::MESSAGE_TYPE,
                    length: body.len(),
                    fixed: fixed_len,
                };
                let Some((fixed, floating)) = body.split_at_checked(fixed_len) else {
                    return Err(short);
                };
                // The floating part first: fixed values read before its loop would be held in
                // registers all through it, and spilled and reloaded on every field.
                let (floating, visitor) =
                    $crate::wire::Floating::parse_with(floating, version, visitor)
                        .map_err(|e| e.shifted($crate::wire::HEADER_LEN + fixed_len))?;
                #[allow(unused_mut)]
                let mut r = $crate::wire::Reader::new(fixed);
                $( let $f = $crate::wire::message::gated_take!(
                    r, version, short, $fty $(, $fsince $(, $funtil)?)?
                ); )*
                $( let counters = $crate::wire::Counters::new(r.bytes(4 * $ncount).ok_or(short)?); )?
                Ok((
                    Self {
                        $( $f, )*
                        $( counters: { let _: usize = $ncount; counters }, )?
                        floating
                    },
                    visitor,
                ))
            }

            /// Length of the whole message written in `version`'s format.
            pub fn encoded_len(&self, version: $crate::wire::Version) -> usize {
                $crate::wire::HEADER_LEN + Self::fixed_len(version) + self.floating.encoded_len(version)
            }

            /// Writes the whole message, header included, into `out`; returns its length.
            pub fn encode(
                &self,
                version: $crate::wire::Version,
                out: &mut [u8],
            ) -> Result<usize, $crate::wire::EncodeError> {
                $crate::wire::message::encode_message(
                    out, version, Self::MESSAGE_TYPE, &self.floating,
                    |w| {
                        let _ = &w;
                        $( $crate::wire::message::gated_put!(
                            self.$f, w, version, $fty $(, $fsince $(, $funtil)?)?
                        ); )*
                        $( let _: usize = $ncount; w.bytes(self.counters.as_bytes()); )?
                    },
                )
            }

            /// Hands each floating field to `visitor`, in wire order.
            #[inline(always)]
            pub(crate) fn replay_floating<V: $crate::wire::FieldVisitor<'a>>(&self, visitor: &mut V) {
                self.floating.iter().for_each(|f| visitor.field(f));
            }

            /// The InvokeID, for requests and confirmations.
            #[inline]
            pub fn invoke_id(&self) -> Option<$crate::wire::InvokeId> {
                $( if let Some(id) = $crate::wire::message::gated_invoke_id!(self.$f $(, $fsince)?) {
                    return Some(id);
                } )*
                None
            }

            $( $(
                $(#[$gdoc])*
                #[doc = concat!("\n\nFloating field `", $gname, "` (tag `", stringify!($tag), "`).")]
                $( #[doc = concat!("\n\nIn the layout from protocol version ", stringify!($gsince),
                    $(" until (not including) version ", stringify!($guntil),)? ".")] )?
                #[inline]
                pub fn $g(&self) -> Option<<$crate::wire::kind::$K as $crate::wire::Kind>::Value<'a>> {
                    self.floating.get($crate::wire::tag::$tag)
                }
            )* )?

            $( $( $block! { accessors 'a } )+ )?

            $( $crate::wire::message::counter_accessors!(0usize; $( $c $cname, )*); )?

            $( $(
                $(#[$rdoc])*
                #[doc = concat!("\n\nEvery `", $rname, "` field (tag `", stringify!($rtag), "`), in order.")]
                pub fn $r(&self) -> impl Iterator<
                    Item = <$crate::wire::kind::$RK as $crate::wire::Kind>::Value<'a>
                > + 'a {
                    self.floating.all($crate::wire::tag::$rtag)
                }
            )* )?

            $( $(
                $(#[$ldoc])*
                pub fn $l(&self) -> $crate::wire::GroupIter<'a, $Group<'a>> {
                    self.floating.groups()
                }
            )* )?
        }
    };
}

/// A fixed field's type in its view: the type itself, or `Option` of it for a field that only
/// some versions have.
macro_rules! gated_ty {
    ($t:ty) => { $t };
    ($t:ty, $since:literal) => { Option<$t> };
}

/// `Some(Version(until))`, or `None` when no version removed the field.
macro_rules! until {
    () => {
        None
    };
    ($u:literal) => {
        Some($crate::wire::Version($u))
    };
}

/// A fixed field's size in `version`: 0 for a version without it (a compare with constants).
macro_rules! gated_size {
    ($v:ident, $t:ty) => { <$t as $crate::wire::Fixed>::SIZE };
    ($v:ident, $t:ty, $since:literal $(, $until:literal)?) => {
        if $crate::wire::message::in_range(
            $v, $crate::wire::Version($since), $crate::wire::message::until!($($until)?),
        ) {
            <$t as $crate::wire::Fixed>::SIZE
        } else {
            0
        }
    };
}

/// Reads a fixed field, or for a version without it reads nothing and gives `None`.
macro_rules! gated_take {
    ($r:ident, $v:ident, $short:ident, $t:ty) => {
        <$t as $crate::wire::Fixed>::take(&mut $r).ok_or($short)?
    };
    ($r:ident, $v:ident, $short:ident, $t:ty, $since:literal $(, $until:literal)?) => {
        if $crate::wire::message::in_range(
            $v, $crate::wire::Version($since), $crate::wire::message::until!($($until)?),
        ) {
            Some(<$t as $crate::wire::Fixed>::take(&mut $r).ok_or($short)?)
        } else {
            None
        }
    };
}

/// Writes a fixed field, or for a version without it nothing; `None` in a version that has
/// the field is written as 0.
macro_rules! gated_put {
    ($val:expr, $w:ident, $v:ident, $t:ty) => {
        $crate::wire::Fixed::put($val, $w)
    };
    ($val:expr, $w:ident, $v:ident, $t:ty, $since:literal $(, $until:literal)?) => {
        if $crate::wire::message::in_range(
            $v, $crate::wire::Version($since), $crate::wire::message::until!($($until)?),
        ) {
            <$t as $crate::wire::Fixed>::put($val.unwrap_or_default(), $w)
        }
    };
}

/// The InvokeID a fixed field holds; a version-gated field never holds it.
macro_rules! gated_invoke_id {
    ($val:expr) => {
        $crate::wire::Fixed::as_invoke_id(&$val)
    };
    ($val:expr, $since:literal) => {
        None::<$crate::wire::InvokeId>
    };
}

/// Defines several message types that share one layout (e.g. the confirmations that carry only
/// the InvokeID): each name gets its own type, number and docs; the layout is written once, in
/// braces, after `=>`.
macro_rules! same_layout {
    ( $( $(#[$doc:meta])* $Name:ident = $CONST:ident($id:literal) $(: $($flag:ident)|+)?; )+ => $layout:tt ) => {
        $( $crate::wire::message::same_layout!(@one $(#[$doc])* $Name = $CONST($id) $(: $($flag)|+)? $layout); )+
    };
    ( @one $(#[$doc:meta])* $Name:ident = $CONST:ident($id:literal) $(: $($flag:ident)|+)? { $($layout:tt)* } ) => {
        $crate::wire::message::message! { $(#[$doc])* $Name = $CONST($id) $(: $($flag)|+)? $($layout)* }
    };
}

/// The FloatSpec rows of the shared floating blocks a message includes, one after another.
macro_rules! shared_specs {
    () => {
        &[]
    };
    ($block:ident) => {
        $block!(specs)
    };
    ($first:ident, $($rest:ident),+) => {{
        const A: &[$crate::wire::FloatSpec] = $first!(specs);
        const B: &[$crate::wire::FloatSpec] = $crate::wire::message::shared_specs!($($rest),+);
        const C: [$crate::wire::FloatSpec; A.len() + B.len()] =
            $crate::wire::message::concat_specs(A, B);
        &C
    }};
}

/// Expands a floating block (fields that appear alike in many messages) either as its
/// `FloatSpec` rows (`[specs]`) or as accessor methods (`[accessors 'a]`). A block is a macro
/// that hands its field list to this one, so the list is written once.
macro_rules! floating_fields {
    (
        [specs]
        single { $( $(#[$gdoc:meta])* $g:ident : $tag:ident => $K:ident $gname:literal, )* }
        repeated { $( $(#[$rdoc:meta])* $r:ident : $rtag:ident => $RK:ident $rname:literal, )* }
    ) => {
        &[
            $( $crate::wire::FloatSpec::new($crate::wire::tag::$tag.id, $gname, false), )*
            $( $crate::wire::FloatSpec::new($crate::wire::tag::$rtag.id, $rname, true), )*
        ]
    };
    (
        [accessors $lt:lifetime]
        single { $( $(#[$gdoc:meta])* $g:ident : $tag:ident => $K:ident $gname:literal, )* }
        repeated { $( $(#[$rdoc:meta])* $r:ident : $rtag:ident => $RK:ident $rname:literal, )* }
    ) => {
        $(
            $(#[$gdoc])*
            #[doc = concat!("\n\nFloating field `", $gname, "` (tag `", stringify!($tag), "`).")]
            #[inline]
            pub fn $g(&self) -> Option<<$crate::wire::kind::$K as $crate::wire::Kind>::Value<$lt>> {
                self.floating.get($crate::wire::tag::$tag)
            }
        )*
        $(
            $(#[$rdoc])*
            #[doc = concat!("\n\nEvery `", $rname, "` field (tag `", stringify!($rtag), "`), in order.")]
            pub fn $r(&self) -> impl Iterator<
                Item = <$crate::wire::kind::$RK as $crate::wire::Kind>::Value<$lt>
            > + $lt {
                self.floating.all($crate::wire::tag::$rtag)
            }
        )*
    };
}

/// The call-data block (spec §3.10): ANI, UUI, DNIS, dialed number, caller-entered digits, the
/// router call key, the ten call variables, wrap-up data and the expanded call context, as they
/// appear in every message that carries a call's data.
macro_rules! call_data {
    ($($mode:tt)*) => {
        $crate::wire::message::floating_fields! {
            [$($mode)*]
            single {
                ani: ANI => String "ANI",
                user_to_user_info: UUI => Unspec "UserToUserInfo",
                dnis: DNIS => String "DNIS",
                dialed_number: DIALED_NUMBER => String "DialedNumber",
                caller_entered_digits: CED => String "CallerEnteredDigits",
                router_call_key_day: ROUTER_CALL_KEY_DAY => UInt "RouterCallKeyDay",
                router_call_key_call_id: ROUTER_CALL_KEY_CALLID => UInt "RouterCallKeyCallID",
                router_call_key_sequence_number: ROUTER_CALL_KEY_SEQUENCE_NUM => UInt "RouterCallKeySequenceNumber",
                call_variable_1: CALL_VAR_1 => String "CallVariable1",
                call_variable_2: CALL_VAR_2 => String "CallVariable2",
                call_variable_3: CALL_VAR_3 => String "CallVariable3",
                call_variable_4: CALL_VAR_4 => String "CallVariable4",
                call_variable_5: CALL_VAR_5 => String "CallVariable5",
                call_variable_6: CALL_VAR_6 => String "CallVariable6",
                call_variable_7: CALL_VAR_7 => String "CallVariable7",
                call_variable_8: CALL_VAR_8 => String "CallVariable8",
                call_variable_9: CALL_VAR_9 => String "CallVariable9",
                call_variable_10: CALL_VAR_10 => String "CallVariable10",
                call_wrapup_data: CALL_WRAPUP_DATA => String "CallWrapupData",
            }
            repeated {
                /// Expanded call context variables; with the arrays at most 2000 bytes a message.
                named_variables: NAMED_VARIABLE => NamedVar "NamedVariable",
                /// Expanded call context array elements.
                named_arrays: NAMED_ARRAY => NamedArray "NamedArray",
            }
        }
    };
}

/// The fixed fields every call event starts with (spec §3.11–3.15).
macro_rules! call_event {
    ([$($head:tt)*] [$($fields:tt)*] $($rest:tt)*) => {
        $crate::wire::message::message! { $($head)* {
            /// 0 when no monitor was created (the all-events service).
            monitor_id: u32 => "MonitorID",
            peripheral_id: u32 => "PeripheralID",
            peripheral_type: $crate::wire::codes::PeripheralType => "PeripheralType",
            connection_device_id_type: $crate::wire::codes::ConnectionDeviceIdType
                => "ConnectionDeviceIDType",
            connection_call_id: u32 => "ConnectionCallID",
            $($fields)*
        } $($rest)* }
    };
}

/// The fixed fields that end a request placing a call (CONFERENCE_CALL_REQ, MAKE_CALL_REQ,
/// TRANSFER_CALL_REQ; spec §3.21): how to place it, and how much call context follows.
macro_rules! call_placement {
    ([$($head:tt)*] [$($fields:tt)*] $($rest:tt)*) => {
        $crate::wire::message::message! { $($head)* {
            $($fields)*
            call_placement_type: u16 => "CallPlacementType",
            call_manner_type: u16 => "CallMannerType",
            alert_rings: u16 => "AlertRings",
            call_option: u16 => "CallOption",
            facility_type: u16 => "FacilityType",
            answering_machine: u16 => "AnsweringMachine",
            priority: $crate::wire::Bool => "Priority",
            post_route: $crate::wire::Bool => "PostRoute",
            num_named_variables: u16 => "NumNamedVariables",
            num_named_arrays: u16 => "NumNamedArrays",
        } $($rest)* }
    };
}

/// The fixed fields a request about one call starts with (spec §3.21).
macro_rules! call_request {
    ([$($head:tt)*] [$($fields:tt)*] $($rest:tt)*) => {
        $crate::wire::message::message! { $($head)* {
            invoke_id: $crate::wire::InvokeId => "InvokeID",
            peripheral_id: u32 => "PeripheralID",
            connection_call_id: u32 => "ConnectionCallID",
            connection_device_id_type: $crate::wire::codes::ConnectionDeviceIdType
                => "ConnectionDeviceIDType",
            $($fields)*
        } $($rest)* }
    };
}

/// The agent a message is about or from: AgentExtension, AgentID and AgentInstrument, of which
/// requests usually need at least one.
macro_rules! agent_identity {
    ($($mode:tt)*) => {
        $crate::wire::message::floating_fields! {
            [$($mode)*]
            single {
                agent_extension: AGENT_EXTENSION => String "AgentExtension",
                agent_id: AGENT_ID => String "AgentID",
                agent_instrument: AGENT_INSTRUMENT => String "AgentInstrument",
            }
            repeated {}
        }
    };
}

/// The codes a dialing request may carry for the switch: facility, authorization and account.
macro_rules! dial_codes {
    ($($mode:tt)*) => {
        $crate::wire::message::floating_fields! {
            [$($mode)*]
            single {
                facility_code: FACILITY_CODE => String "FacilityCode",
                authorization_code: AUTHORIZATION_CODE => String "AuthorizationCode",
                account_code: ACCOUNT_CODE => String "AccountCode",
            }
            repeated {}
        }
    };
}

/// The configuration keys (UNSPEC 8 each) by which a client resumes configuration updates.
macro_rules! config_keys {
    ($($mode:tt)*) => {
        $crate::wire::message::floating_fields! {
            [$($mode)*]
            single {
                service_config_key: SERVICE_CONFIG_KEY => Unspec "ServiceConfigKey",
                skill_group_config_key: SKILL_GROUP_CONFIG_KEY => Unspec "SkillGroupConfigKey",
                agent_config_key: AGENT_CONFIG_KEY => Unspec "AgentConfigKey",
                device_config_key: DEVICE_CONFIG_KEY => Unspec "DeviceConfigKey",
                call_type_config_key: CALL_TYPE_KEY_CONFIG => Unspec "CallTypeConfigKey",
            }
            repeated {}
        }
    };
}

/// Defines a message whose v15 layout no source gives (spec ⚠): it is known by number and
/// name, and its body is kept whole, so it round-trips byte for byte.
macro_rules! opaque {
    ( $( $(#[$doc:meta])* $Name:ident = $CONST:ident($id:literal) $(@ $msince:literal ..)? $(: $($flag:ident)|+)?; )* ) => { $(
        $(#[$doc])*
        ///
        /// No source at hand documents the layout as fields (or it is made of records), so the
        /// body is kept raw.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        pub struct $Name<'a> {
            /// The body, as received.
            pub body: &'a [u8],
        }

        impl $crate::wire::MessageType {
            #[doc = concat!("`", stringify!($CONST), "` (", stringify!($id), ").")]
            pub const $CONST: $crate::wire::MessageType = $crate::wire::MessageType($id);
        }

        impl<'a> $Name<'a> {
            /// MessageType number.
            pub const ID: u32 = $id;
            /// MessageType.
            pub const MESSAGE_TYPE: $crate::wire::MessageType = $crate::wire::MessageType($id);
            /// Size of the fixed part: none is known.
            pub const FIXED_LEN: usize = 0;
            /// The layout as data: opaque.
            pub const SPEC: $crate::wire::MessageSpec = $crate::wire::MessageSpec {
                id: $id,
                name: stringify!($CONST),
                since: $crate::wire::Version(0 $(+ $msince)?),
                flags: $crate::wire::message::flag::OPAQUE $($(| $crate::wire::message::flag::$flag)+)?,
                fixed: &[],
                floating: &[],
                groups: &[],
            };

            /// Takes the body as it is; never fails.
            #[inline]
            pub fn decode(
                body: &'a [u8],
                _version: $crate::wire::Version,
            ) -> Result<Self, $crate::wire::DecodeError> {
                Ok(Self { body })
            }

            /// [`Self::decode`]: an opaque body has no floating fields to hand over.
            #[inline]
            pub fn decode_with<V: $crate::wire::FieldVisitor<'a>>(
                body: &'a [u8],
                _version: $crate::wire::Version,
                visitor: V,
            ) -> Result<(Self, V), $crate::wire::DecodeError> {
                Ok((Self { body }, visitor))
            }

            /// Nothing: an opaque body has no floating fields.
            #[inline(always)]
            pub(crate) fn replay_floating<V: $crate::wire::FieldVisitor<'a>>(&self, _visitor: &mut V) {}

            /// Length of the whole message.
            pub fn encoded_len(&self, _version: $crate::wire::Version) -> usize {
                $crate::wire::HEADER_LEN + self.body.len()
            }

            /// Writes header and body into `out`; returns the length.
            pub fn encode(
                &self,
                _version: $crate::wire::Version,
                out: &mut [u8],
            ) -> Result<usize, $crate::wire::EncodeError> {
                $crate::wire::RawMessage { message_type: Self::MESSAGE_TYPE, body: self.body }
                    .encode(out)
            }

            /// Not known for an opaque body.
            #[inline]
            pub fn invoke_id(&self) -> Option<$crate::wire::InvokeId> {
                None
            }
        }
    )* };
}

/// Defines a group of floating fields that repeats as a unit (a skill group, a peripheral). A
/// member may end in `as Code` to read its number as an enumeration or mask of spec §5.
macro_rules! group {
    (
        $(#[$doc:meta])*
        pub struct $G:ident $list:literal {
            $( $(#[$mdoc:meta])* $m:ident : $tag:ident => $K:ident $mname:literal $(as $Code:ident)?, )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        pub struct $G<'a> {
            fields: [Option<&'a [u8]>; $crate::wire::floating::MAX_GROUP_MEMBERS],
        }

        impl<'a> $crate::wire::Group<'a> for $G<'a> {
            const SPEC: $crate::wire::GroupSpec = $crate::wire::GroupSpec {
                name: $list,
                members: &[ $( $crate::wire::FloatSpec::new($crate::wire::tag::$tag.id, $mname, true), )* ],
            };
            fn from_fields(
                fields: &[Option<&'a [u8]>; $crate::wire::floating::MAX_GROUP_MEMBERS],
            ) -> Self {
                $G { fields: *fields }
            }
        }

        #[allow(unused_assignments)]
        impl<'a> $G<'a> {
            $crate::wire::message::group_accessors!(
                0usize; $( $(#[$mdoc])* $m : $K $mname $(as $Code)?, )*
            );
        }

        impl ::core::fmt::Debug for $G<'_> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(stringify!($G)) $( .field(stringify!($m), &self.$m()) )* .finish()
            }
        }
    };
}

/// The accessors of a message's counters, each reading its own index.
macro_rules! counter_accessors {
    ($i:expr; ) => {};
    ($i:expr; $c:ident $cname:literal, $($rest:tt)*) => {
        #[doc = concat!("Counter `", $cname, "`.")]
        #[inline]
        pub fn $c(&self) -> u32 {
            self.counters.get($i)
        }
        $crate::wire::message::counter_accessors!($i + 1usize; $($rest)*);
    };
}

/// The accessors of a group, each reading its own slot.
macro_rules! group_accessors {
    ($i:expr; ) => {};
    ($i:expr; $(#[$mdoc:meta])* $m:ident : $K:ident $mname:literal as $Code:ident, $($rest:tt)*) => {
        $(#[$mdoc])*
        #[doc = concat!("\n\nField `", $mname, "`, if present in this group, as its code.")]
        pub fn $m(&self) -> Option<$Code> {
            self.fields
                .get($i)
                .copied()
                .flatten()
                .and_then(<$crate::wire::kind::$K as $crate::wire::Kind>::parse)
                .map($Code)
        }
        $crate::wire::message::group_accessors!($i + 1usize; $($rest)*);
    };
    ($i:expr; $(#[$mdoc:meta])* $m:ident : $K:ident $mname:literal, $($rest:tt)*) => {
        $(#[$mdoc])*
        #[doc = concat!("\n\nField `", $mname, "`, if present in this group.")]
        pub fn $m(&self) -> Option<<$crate::wire::kind::$K as $crate::wire::Kind>::Value<'a>> {
            self.fields
                .get($i)
                .copied()
                .flatten()
                .and_then(<$crate::wire::kind::$K as $crate::wire::Kind>::parse)
        }
        $crate::wire::message::group_accessors!($i + 1usize; $($rest)*);
    };
}

pub(crate) use {
    agent_identity, call_data, call_event, call_placement, call_request, config_keys,
    counter_accessors, dial_codes, floating_fields, gated_invoke_id, gated_put, gated_size,
    gated_take, gated_ty, group, group_accessors, message, opaque, same_layout, shared_specs,
    until,
};
