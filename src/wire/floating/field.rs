//! The field value API: a validated floating part ([`Floating`]), its fields
//! ([`FloatingField`]) and the iterator over them ([`FloatingIter`]).

use super::group::{Group, GroupIter};
use super::kinds::{kind, Kind, Tag};
use super::validate::validate;
use super::visitor::FieldVisitor;
use super::writer::put_field_header;
use crate::wire::codec::Writer;
use crate::wire::tag::{self, FloatType};
use crate::wire::{DecodeError, EncodeError, Version};
use core::fmt;

/// One floating field: its tag and its data (without tag and length).
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct FloatingField<'a> {
    /// The tag.
    pub tag: u16,
    /// The data: FieldLength bytes.
    pub data: &'a [u8],
}

impl<'a> FloatingField<'a> {
    /// The value as `tag`'s type, if the field has that tag and parses as it.
    #[must_use]
    pub fn value<K: Kind>(&self, tag: Tag<K>) -> Option<K::Value<'a>> {
        if self.tag == tag.id {
            K::parse(self.data)
        } else {
            None
        }
    }
}

impl fmt::Debug for FloatingField<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = tag::spec(self.tag).map(|s| s.name);
        match (name, tag::type_of(self.tag)) {
            (Some(n), Some(FloatType::String)) => {
                write!(
                    f,
                    "{n}: {:?}",
                    <kind::String as Kind>::parse(self.data).unwrap_or_default()
                )
            }
            (Some(n), Some(FloatType::NamedVar)) => {
                write!(f, "{n}: {:?}", <kind::NamedVar as Kind>::parse(self.data))
            }
            (Some(n), Some(FloatType::NamedArray)) => {
                write!(f, "{n}: {:?}", <kind::NamedArray as Kind>::parse(self.data))
            }
            (Some(n), Some(FloatType::Int)) => {
                write!(
                    f,
                    "{n}: {:?}",
                    <kind::Int as Kind>::parse(self.data).unwrap_or_default()
                )
            }
            (Some(n), Some(FloatType::Unspec)) | (Some(n), None) => {
                write!(f, "{n}: {:02x?}", self.data)
            }
            (Some(n), Some(_)) => {
                write!(
                    f,
                    "{n}: {}",
                    <kind::Num as Kind>::parse(self.data).unwrap_or_default()
                )
            }
            (None, _) => write!(f, "Tag({}): {:02x?}", self.tag, self.data),
        }
    }
}

/// A message's floating part: validated raw bytes, in wire order, unknown tags included.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Floating<'a> {
    bytes: &'a [u8],
    version: Version,
}

impl<'a> Floating<'a> {
    /// An empty floating part.
    pub const EMPTY: Floating<'static> = Floating {
        bytes: &[],
        version: Version::V15,
    };

    /// Validates `bytes` as a floating part in `version`'s format. Offsets in errors count from
    /// the start of `bytes`.
    #[inline]
    pub fn parse(bytes: &'a [u8], version: Version) -> Result<Self, DecodeError> {
        Self::parse_with(bytes, version, ()).map(|(floating, ())| floating)
    }

    /// [`Floating::parse`], handing each field to `visitor` as it is validated: one pass over
    /// the fields where parsing and then iterating would take two. Each field is whole and
    /// valid when it is handed over. The visitor comes back with the result; on an error it is
    /// dropped, having seen the fields before the bad one.
    // Inlined where each message type is decoded (as that decode is), so the visitor is
    // inlined into the loop and each type's loop has its own branch history; microcontrollers
    // keep one copy.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline)]
    pub fn parse_with<V: FieldVisitor<'a>>(
        bytes: &'a [u8],
        version: Version,
        visitor: V,
    ) -> Result<(Self, V), DecodeError> {
        // One loop per header width, so the hot v15 loop has no width test in it.
        let visitor = if version.wide_tags() {
            validate::<true, V>(bytes, visitor)?
        } else {
            validate::<false, V>(bytes, visitor)?
        };
        Ok((Floating { bytes, version }, visitor))
    }

    /// Wraps bytes already known to be valid.
    pub(crate) const fn trusted(bytes: &'a [u8], version: Version) -> Self {
        Floating { bytes, version }
    }

    /// The raw bytes.
    #[must_use]
    pub const fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The version whose tag format the bytes use.
    #[must_use]
    pub const fn version(&self) -> Version {
        self.version
    }

    /// True if there are no floating fields.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The fields in wire order.
    #[must_use]
    pub fn iter(&self) -> FloatingIter<'a> {
        FloatingIter {
            rest: self.bytes,
            wide: self.version.wide_tags(),
        }
    }

    /// The first field with `tag`, as its type.
    #[inline]
    #[must_use]
    pub fn get<K: Kind>(&self, tag: Tag<K>) -> Option<K::Value<'a>> {
        self.iter()
            .find(|f| f.tag == tag.id)
            .and_then(|f| K::parse(f.data))
    }

    /// Every field with `tag`, in order, as its type.
    pub fn all<K: Kind>(&self, tag: Tag<K>) -> impl Iterator<Item = K::Value<'a>> + 'a {
        self.iter()
            .filter(move |f| f.tag == tag.id)
            .filter_map(|f| K::parse(f.data))
    }

    /// The groups of type `G` (repeated sets of fields such as skill groups), in order.
    #[must_use]
    pub fn groups<G: Group<'a>>(&self) -> GroupIter<'a, G> {
        GroupIter::new(self.iter())
    }

    /// Length of these fields written in `version`'s format.
    #[must_use]
    pub fn encoded_len(&self, version: Version) -> usize {
        if version.wide_tags() == self.version.wide_tags() {
            return self.bytes.len();
        }
        let per = version.float_header_len();
        self.iter().map(|f| per + f.data.len()).sum()
    }

    /// Writes the fields in `version`'s format: a copy when the formats match, a field-by-field
    /// rewrite of tags and lengths when they do not.
    pub(crate) fn write(&self, version: Version, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if version.wide_tags() == self.version.wide_tags() {
            w.bytes(self.bytes);
            return Ok(());
        }
        for f in self.iter() {
            put_field_header(w, version, f.tag, f.data.len())?;
            w.bytes(f.data);
        }
        Ok(())
    }
}

impl fmt::Debug for Floating<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Floating<'_> {
    fn format(&self, f: defmt::Formatter) {
        defmt::write!(f, "[");
        for (i, field) in self.iter().enumerate() {
            if i > 0 {
                defmt::write!(f, ", ");
            }
            defmt::write!(f, "{}", field);
        }
        defmt::write!(f, "]");
    }
}

/// Iterator over a floating part's fields; see [`Floating::iter`].
#[derive(Clone, Debug)]
pub struct FloatingIter<'a> {
    rest: &'a [u8],
    wide: bool,
}

impl<'a> Iterator for FloatingIter<'a> {
    type Item = FloatingField<'a>;

    #[inline]
    fn next(&mut self) -> Option<FloatingField<'a>> {
        // As in `validate`: the next field is one addition away from the length just read.
        let (tag, len, after) = if self.wide {
            match self.rest {
                [t0, t1, l0, l1, after @ ..] => (
                    u16::from_be_bytes([*t0, *t1]),
                    usize::from(u16::from_be_bytes([*l0, *l1])),
                    after,
                ),
                _ => return None,
            }
        } else {
            match self.rest {
                [t, l, after @ ..] => (u16::from(*t), usize::from(*l), after),
                _ => return None,
            }
        };
        let (data, next) = after.split_at_checked(len)?;
        self.rest = next;
        Some(FloatingField { tag, data })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // CLIENT_ID (tag 1, STRING) "ab", SKILL_GROUP_ID (tag 63, UINT) 5, CLIENT_ID "c".
    const V15: [u8; 15] = [1, 3, b'a', b'b', 0, 63, 4, 0, 0, 0, 5, 1, 2, b'c', 0];

    #[test]
    fn get_finds_the_first_field_and_all_every_one() {
        let f = Floating::parse(&V15, Version::V15).unwrap();
        assert_eq!(f.get(tag::CLIENT_ID), Some("ab".into()));
        assert_eq!(f.get(tag::SKILL_GROUP_ID), Some(5));
        assert_eq!(f.get(tag::AGENT_ID), None);
        let mut all = f.all(tag::CLIENT_ID);
        assert_eq!(
            (all.next(), all.next(), all.next()),
            (Some("ab".into()), Some("c".into()), None)
        );
    }

    #[test]
    fn written_in_v20_every_header_is_four_bytes() {
        let f = Floating::parse(&V15, Version::V15).unwrap();
        assert_eq!(f.encoded_len(Version::V15), 15);
        assert_eq!(f.encoded_len(Version::V20), 15 + 3 * 2);
        let mut buf = [0u8; 21];
        let mut w = Writer::new(&mut buf);
        f.write(Version::V20, &mut w).unwrap();
        assert_eq!(w.position(), 21);
        assert_eq!(buf[..7], [0, 1, 0, 3, b'a', b'b', 0]);
        let wide = Floating::parse(&buf, Version::V20).unwrap();
        assert!(wide.iter().eq(f.iter()));
    }
}
