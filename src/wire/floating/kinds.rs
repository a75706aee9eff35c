//! Floating field value types: the [`kind`] marker types, the [`Kind`] trait that reads and
//! writes each type's data, and [`Tag`], a tag number typed by its kind so accessors are typed.

// `Kind::write` takes the codec's crate-private `Writer`: the trait can be named and its
// values parsed outside the crate, but only the codec's own kinds implement it.
#![allow(private_interfaces)]

use super::strings::{nul_position, split_named, NamedArray, NamedVar, Str};
use crate::wire::codec::Writer;
use crate::wire::tag::{self, FloatType};
use core::fmt;
use core::marker::PhantomData;

/// The value types of floating fields, as marker types for [`Tag`].
pub mod kind {
    /// STRING: NUL-terminated text, read as [`Str`](super::Str).
    #[derive(Clone, Copy, Debug)]
    pub struct String;
    /// UNSPEC: raw bytes.
    #[derive(Clone, Copy, Debug)]
    pub struct Unspec;
    /// UCHAR.
    #[derive(Clone, Copy, Debug)]
    pub struct UChar;
    /// USHORT.
    #[derive(Clone, Copy, Debug)]
    pub struct UShort;
    /// UINT.
    #[derive(Clone, Copy, Debug)]
    pub struct UInt;
    /// INT.
    #[derive(Clone, Copy, Debug)]
    pub struct Int;
    /// TIME.
    #[derive(Clone, Copy, Debug)]
    pub struct Time;
    /// An unsigned number of 1, 2 or 4 bytes, for tags whose size the sources disagree on.
    #[derive(Clone, Copy, Debug)]
    pub struct Num;
    /// NAMEDVAR.
    #[derive(Clone, Copy, Debug)]
    pub struct NamedVar;
    /// NAMEDARRAY.
    #[derive(Clone, Copy, Debug)]
    pub struct NamedArray;
}

/// A floating field value type: how its data is read and written.
pub trait Kind {
    /// The decoded value.
    type Value<'a>: Copy;
    /// The runtime type, as in the tag table.
    const TYPE: FloatType;
    /// Reads a value from a field's data; `None` if the data is not one.
    fn parse(data: &[u8]) -> Option<Self::Value<'_>>;
    /// Data length of `v`.
    fn len(v: &Self::Value<'_>) -> usize;
    /// Writes `v`'s data. The writer is the codec's own, so only the codec's kinds can
    /// implement this trait; values are written through [`FloatingWriter`](super::FloatingWriter).
    #[doc(hidden)]
    fn write(v: &Self::Value<'_>, w: &mut Writer<'_>);
}

macro_rules! int_kind {
    ($k:ident, $t:ty, $ty:ident, $n:literal, $conv:expr, $back:expr) => {
        impl Kind for kind::$k {
            type Value<'a> = $t;
            const TYPE: FloatType = FloatType::$ty;
            #[inline]
            fn parse(data: &[u8]) -> Option<$t> {
                let b: [u8; $n] = data.try_into().ok()?;
                Some($conv(b))
            }
            fn len(_: &$t) -> usize {
                $n
            }
            fn write(v: &$t, w: &mut Writer<'_>) {
                w.bytes(&$back(*v))
            }
        }
    };
}
int_kind!(UChar, u8, UChar, 1, |b: [u8; 1]| b[0], |v: u8| [v]);
int_kind!(UShort, u16, UShort, 2, u16::from_be_bytes, u16::to_be_bytes);
int_kind!(UInt, u32, UInt, 4, u32::from_be_bytes, u32::to_be_bytes);
int_kind!(Int, i32, Int, 4, i32::from_be_bytes, i32::to_be_bytes);
int_kind!(
    Time,
    crate::wire::Time,
    Time,
    4,
    |b| crate::wire::Time(u32::from_be_bytes(b)),
    |v: crate::wire::Time| v.0.to_be_bytes()
);

impl Kind for kind::Num {
    type Value<'a> = u32;
    const TYPE: FloatType = FloatType::Num;
    fn parse(data: &[u8]) -> Option<u32> {
        match *data {
            [a] => Some(a.into()),
            [a, b] => Some(u16::from_be_bytes([a, b]).into()),
            [a, b, c, d] => Some(u32::from_be_bytes([a, b, c, d])),
            _ => None,
        }
    }
    fn len(_: &u32) -> usize {
        4
    }
    fn write(v: &u32, w: &mut Writer<'_>) {
        w.u32(*v)
    }
}

impl Kind for kind::String {
    type Value<'a> = Str<'a>;
    const TYPE: FloatType = FloatType::String;
    #[inline]
    fn parse(data: &[u8]) -> Option<Str<'_>> {
        let (&last, text) = data.split_last()?;
        (last == 0).then(|| {
            // An interior NUL ends the text, as it would for a C reader.
            let end = nul_position(text).unwrap_or(text.len());
            Str(text.get(..end).unwrap_or_default())
        })
    }
    fn len(v: &Str<'_>) -> usize {
        v.0.len() + 1
    }
    fn write(v: &Str<'_>, w: &mut Writer<'_>) {
        w.bytes(v.0);
        w.u8(0);
    }
}

impl Kind for kind::Unspec {
    type Value<'a> = &'a [u8];
    const TYPE: FloatType = FloatType::Unspec;
    fn parse(data: &[u8]) -> Option<&[u8]> {
        Some(data)
    }
    fn len(v: &&[u8]) -> usize {
        v.len()
    }
    fn write(v: &&[u8], w: &mut Writer<'_>) {
        w.bytes(v)
    }
}

impl Kind for kind::NamedVar {
    type Value<'a> = NamedVar<'a>;
    const TYPE: FloatType = FloatType::NamedVar;
    fn parse(data: &[u8]) -> Option<NamedVar<'_>> {
        split_named(data).map(|(name, value)| NamedVar { name, value })
    }
    fn len(v: &NamedVar<'_>) -> usize {
        v.name.len() + v.value.len() + 2
    }
    fn write(v: &NamedVar<'_>, w: &mut Writer<'_>) {
        w.bytes(v.name.0);
        w.u8(0);
        w.bytes(v.value.0);
        w.u8(0);
    }
}

impl Kind for kind::NamedArray {
    type Value<'a> = NamedArray<'a>;
    const TYPE: FloatType = FloatType::NamedArray;
    fn parse(data: &[u8]) -> Option<NamedArray<'_>> {
        let (&index, rest) = data.split_first()?;
        split_named(rest).map(|(name, value)| NamedArray { index, name, value })
    }
    fn len(v: &NamedArray<'_>) -> usize {
        v.name.len() + v.value.len() + 3
    }
    fn write(v: &NamedArray<'_>, w: &mut Writer<'_>) {
        w.u8(v.index);
        w.bytes(v.name.0);
        w.u8(0);
        w.bytes(v.value.0);
        w.u8(0);
    }
}

/// A floating field tag together with its value type, so accessors are typed.
pub struct Tag<K> {
    /// The tag number.
    pub id: u16,
    _kind: PhantomData<K>,
}

impl<K> Tag<K> {
    /// The tag numbered `id`.
    #[must_use]
    pub const fn new(id: u16) -> Self {
        Tag {
            id,
            _kind: PhantomData,
        }
    }
}

impl<K> Clone for Tag<K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K> Copy for Tag<K> {}

impl<K> fmt::Debug for Tag<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match tag::spec(self.id) {
            Some(s) => f.write_str(s.name),
            None => write!(f, "Tag({})", self.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_reads_one_two_or_four_bytes_big_endian() {
        assert_eq!(kind::Num::parse(&[7]), Some(7));
        assert_eq!(kind::Num::parse(&[1, 2]), Some(0x0102));
        assert_eq!(kind::Num::parse(&[1, 2, 3, 4]), Some(0x0102_0304));
        assert_eq!(kind::Num::parse(&[1, 2, 3]), None);
    }

    #[test]
    fn string_needs_its_nul_and_stops_at_an_interior_one() {
        assert_eq!(kind::String::parse(b"abc\0"), Some(Str(b"abc")));
        assert_eq!(kind::String::parse(b"ab\0c\0"), Some(Str(b"ab")));
        assert_eq!(kind::String::parse(b"abc"), None);
        assert_eq!(kind::String::parse(b""), None);
        assert_eq!(kind::String::len(&Str(b"abc")), 4);
    }

    #[test]
    fn tags_debug_as_their_spec_name() {
        extern crate std;
        assert_eq!(std::format!("{:?}", tag::CLIENT_ID), "CLIENT_ID");
        assert_eq!(
            std::format!("{:?}", Tag::<kind::Unspec>::new(9999)),
            "Tag(9999)"
        );
    }
}
