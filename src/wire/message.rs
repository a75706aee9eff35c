//! The message tables: one declarative entry per message type generates its typed view, its
//! encoder and decoder, and the [`MessageSpec`] row that generic tools (`ctidump`, the Wireshark
//! dissector) read.

use super::codec::{FieldKind, Writer};
use super::floating::GroupSpec;
use super::{EncodeError, Floating, MessageType, Version, HEADER_LEN};

/// The layout of one message type, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MessageSpec {
    /// MessageType.
    pub id: u32,
    /// The spec's name, e.g. `"OPEN_CONF"`.
    pub name: &'static str,
    /// The fixed part, in wire order.
    pub fixed: &'static [FixedSpec],
    /// Floating fields that appear once (or, when `repeated`, any number of times).
    pub floating: &'static [FloatSpec],
    /// Repeated groups of floating fields.
    pub groups: &'static [GroupSpec],
}

impl MessageSpec {
    /// Size of the fixed part.
    pub const fn fixed_len(&self) -> usize {
        let mut n = 0;
        let mut i = 0;
        while i < self.fixed.len() {
            n += self.fixed[i].kind.scalar.size();
            i += 1;
        }
        n
    }

    /// The field name and list-ness of `tag` in this message: `(name, true)` for a tag that is
    /// a group member or repeated, `None` for a tag outside the layout.
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

/// One fixed field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedSpec {
    /// The spec's field name, e.g. `"ICMCentralControllerTime"`.
    pub name: &'static str,
    /// Wire layout and value names.
    pub kind: FieldKind,
}

/// One floating field of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FloatSpec {
    /// The tag.
    pub tag: u16,
    /// The spec's field name in this message, e.g. `"FltPeripheralID"`.
    pub name: &'static str,
    /// True if the field may appear any number of times (named variables and arrays).
    pub repeated: bool,
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
macro_rules! message {
    (
        $(#[$doc:meta])*
        $Name:ident = $CONST:ident($id:literal) {
            $( $(#[$fdoc:meta])* $f:ident : $fty:ty => $fname:literal, )*
        }
        $( floating {
            $( $(#[$gdoc:meta])* $g:ident : $tag:ident => $K:ident $gname:literal, )*
        } )?
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
            $( $(#[$fdoc])* #[doc = concat!("\n\nWire field `", $fname, "`.")] pub $f: $fty, )*
            /// The floating part: every field in wire order, unknown tags included.
            pub floating: $crate::wire::Floating<'a>,
        }

        impl $crate::wire::MessageType {
            #[doc = concat!("`", stringify!($CONST), "` (", stringify!($id), ").")]
            pub const $CONST: $crate::wire::MessageType = $crate::wire::MessageType($id);
        }

        #[allow(clippy::identity_op)]
        impl<'a> $Name<'a> {
            /// MessageType number.
            pub const ID: u32 = $id;
            /// MessageType.
            pub const MESSAGE_TYPE: $crate::wire::MessageType = $crate::wire::MessageType($id);
            /// Size of the fixed part.
            pub const FIXED_LEN: usize = 0 $( + <$fty as $crate::wire::Fixed>::SIZE )*;
            /// The layout as data.
            pub const SPEC: $crate::wire::MessageSpec = $crate::wire::MessageSpec {
                id: $id,
                name: stringify!($CONST),
                fixed: &[ $( $crate::wire::FixedSpec {
                    name: $fname, kind: <$fty as $crate::wire::Fixed>::KIND,
                }, )* ],
                floating: &[
                    $( $( $crate::wire::FloatSpec {
                        tag: $crate::wire::tag::$tag.id, name: $gname, repeated: false,
                    }, )* )?
                    $( $( $crate::wire::FloatSpec {
                        tag: $crate::wire::tag::$rtag.id, name: $rname, repeated: true,
                    }, )* )?
                ],
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
                let short = $crate::wire::DecodeError::ShortBody {
                    message_type: Self::MESSAGE_TYPE,
                    length: body.len(),
                    fixed: Self::FIXED_LEN,
                };
                if body.len() < Self::FIXED_LEN {
                    return Err(short);
                }
                #[allow(unused_mut)]
                let mut r = $crate::wire::Reader::new(body);
                $( let $f = <$fty as $crate::wire::Fixed>::take(&mut r).ok_or(short)?; )*
                let floating = $crate::wire::Floating::parse(r.rest(), version)
                    .map_err(|e| e.shifted($crate::wire::HEADER_LEN + Self::FIXED_LEN))?;
                Ok(Self { $( $f, )* floating })
            }

            /// Length of the whole message written in `version`'s format.
            pub fn encoded_len(&self, version: $crate::wire::Version) -> usize {
                $crate::wire::HEADER_LEN + Self::FIXED_LEN + self.floating.encoded_len(version)
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
                        $( $crate::wire::Fixed::put(self.$f, w); )*
                    },
                )
            }

            /// The InvokeID, for requests and confirmations.
            #[inline]
            pub fn invoke_id(&self) -> Option<$crate::wire::InvokeId> {
                $( if let Some(id) = $crate::wire::Fixed::as_invoke_id(&self.$f) {
                    return Some(id);
                } )*
                None
            }

            $( $(
                $(#[$gdoc])*
                #[doc = concat!("\n\nFloating field `", $gname, "` (tag `", stringify!($tag), "`).")]
                #[inline]
                pub fn $g(&self) -> Option<<$crate::wire::kind::$K as $crate::wire::Kind>::Value<'a>> {
                    self.floating.get($crate::wire::tag::$tag)
                }
            )* )?

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

/// Defines a group of floating fields that repeats as a unit (a skill group, a peripheral).
macro_rules! group {
    (
        $(#[$doc:meta])*
        pub struct $G:ident $list:literal {
            $( $(#[$mdoc:meta])* $m:ident : $tag:ident => $K:ident $mname:literal, )*
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
                members: &[ $( $crate::wire::FloatSpec {
                    tag: $crate::wire::tag::$tag.id, name: $mname, repeated: true,
                }, )* ],
            };
            fn from_fields(
                fields: &[Option<&'a [u8]>; $crate::wire::floating::MAX_GROUP_MEMBERS],
            ) -> Self {
                $G { fields: *fields }
            }
        }

        #[allow(unused_assignments)]
        impl<'a> $G<'a> {
            $crate::wire::message::group_accessors!(0usize; $( $(#[$mdoc])* $m : $K $mname, )*);
        }

        impl ::core::fmt::Debug for $G<'_> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(stringify!($G)) $( .field(stringify!($m), &self.$m()) )* .finish()
            }
        }
    };
}

/// The accessors of a group, each reading its own slot.
macro_rules! group_accessors {
    ($i:expr; ) => {};
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

pub(crate) use {group, group_accessors, message};
