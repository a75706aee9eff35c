//! The floating part: tagged, length-prefixed fields after the fixed part (spec §1.3).
//!
//! Below version 20 a field is `tag: u8, len: u8, data`; from 20 on, `tag: u16, len: u16, data`.
//! `len` counts the data only, and a STRING's data includes its NUL. A message's floating part
//! is validated once, when it is decoded ([`Floating::parse`], or [`Floating::parse_with`], which
//! hands each field to a [`FieldVisitor`] as it goes): every field lies inside the body,
//! known numeric tags have their type's size, strings end in NUL. Accessors after that cannot fail.
//! Unknown tags are kept and skipped by length.

use super::codec::Writer;
use super::tag::{self, FloatType};
use super::{DecodeError, EncodeError, Version};
use core::fmt;
use core::marker::PhantomData;

/// A STRING value without its terminating NUL. Bytes are not required to be UTF-8: real peers
/// send whatever their configuration holds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Str<'a>(&'a [u8]);

impl<'a> Str<'a> {
    /// A string over `bytes` (which must not include the terminating NUL).
    pub const fn new(bytes: &'a [u8]) -> Self {
        Str(bytes)
    }

    /// The bytes, without the NUL.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// The text, if it is UTF-8 (ASCII always is).
    pub fn to_str(&self) -> Result<&'a str, core::str::Utf8Error> {
        core::str::from_utf8(self.0)
    }

    /// Length in bytes, without the NUL.
    pub const fn len(&self) -> usize {
        self.0.len()
    }

    /// True for the empty string (a field holding only its NUL).
    pub const fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> From<&'a str> for Str<'a> {
    fn from(s: &'a str) -> Self {
        Str(s.as_bytes())
    }
}

impl PartialEq<str> for Str<'_> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<&str> for Str<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.utf8_chunks() {
            f.write_str(chunk.valid())?;
            for b in chunk.invalid() {
                write!(f, "\\x{b:02x}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Str<'_> {
    fn format(&self, f: defmt::Formatter) {
        match self.to_str() {
            Ok(s) => defmt::write!(f, "{=str}", s),
            Err(_) => defmt::write!(f, "{=[u8]}", self.0),
        }
    }
}

/// A NAMEDVAR (tag 82): an expanded call context variable, `name\0value\0`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct NamedVar<'a> {
    /// VariableName (up to 32 characters).
    pub name: Str<'a>,
    /// VariableValue (up to 210 characters).
    pub value: Str<'a>,
}

/// A NAMEDARRAY (tag 83): one element of an expanded call context array, `index name\0value\0`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct NamedArray<'a> {
    /// VariableIndex.
    pub index: u8,
    /// VariableName.
    pub name: Str<'a>,
    /// VariableValue.
    pub value: Str<'a>,
}

/// Splits `name\0value\0` exactly; `None` if it is anything else.
#[inline]
fn split_named(data: &[u8]) -> Option<(Str<'_>, Str<'_>)> {
    let (&last, text) = data.split_last()?;
    let n = nul_position(text)?;
    let name = text.get(..n)?;
    let value = text.get(n + 1..)?;
    if last != 0 || nul_position(value).is_some() {
        return None;
    }
    Some((Str(name), Str(value)))
}

/// The index of the first NUL in `s`. Strings are scanned on every access, so this looks at
/// eight bytes per step, with the NUL flags [`nul_flags`] also counts named variables by.
#[inline]
pub(crate) fn nul_position(s: &[u8]) -> Option<usize> {
    let mut rest = s;
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        let zero = nul_flags(u64::from_le_bytes(*word));
        if zero != 0 {
            return Some(s.len() - rest.len() + (zero.trailing_zeros() / 8) as usize);
        }
        rest = tail;
    }
    let at = rest.iter().position(|&b| b == 0)?;
    Some(s.len() - rest.len() + at)
}

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
    /// Writes `v`'s data.
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
    super::Time,
    Time,
    4,
    |b| super::Time(u32::from_be_bytes(b)),
    |v: super::Time| v.0.to_be_bytes()
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

/// Receives each floating field as decode validates it ([`Floating::parse_with`],
/// [`Message::decode_with`](super::Message::decode_with)); every `FnMut(FloatingField)` closure
/// is one.
///
/// Decode takes a visitor by value and hands it back with the message. Kept in the decoder's
/// own frame, a visitor's state can stay in registers through the field loop; state behind a
/// reference (a closure capturing `&mut` of a local) is read and written back through memory
/// on every field (on the benchmark stream, a pass about 7 % slower).
pub trait FieldVisitor<'a> {
    /// One field, whole and valid.
    fn field(&mut self, field: FloatingField<'a>);
}

/// No visitor: what [`Floating::parse`] and every `decode` use. One type for all of them, so
/// a microcontroller links one copy of the field loop, not one per message type.
impl<'a> FieldVisitor<'a> for () {
    #[inline(always)]
    fn field(&mut self, _field: FloatingField<'a>) {}
}

impl<'a, F: FnMut(FloatingField<'a>)> FieldVisitor<'a> for F {
    #[inline(always)]
    fn field(&mut self, field: FloatingField<'a>) {
        self(field)
    }
}

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
    pub const fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The version whose tag format the bytes use.
    pub const fn version(&self) -> Version {
        self.version
    }

    /// True if there are no floating fields.
    pub const fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The fields in wire order.
    pub fn iter(&self) -> FloatingIter<'a> {
        FloatingIter {
            rest: self.bytes,
            wide: self.version.wide_tags(),
        }
    }

    /// The first field with `tag`, as its type.
    #[inline]
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
    pub fn groups<G: Group<'a>>(&self) -> GroupIter<'a, G> {
        GroupIter {
            fields: self.iter(),
            pending: None,
            _g: PhantomData,
        }
    }

    /// Length of these fields written in `version`'s format.
    pub fn encoded_len(&self, version: Version) -> usize {
        if version.wide_tags() == self.version.wide_tags() {
            return self.bytes.len();
        }
        let per = version.float_header_len();
        self.iter().map(|f| per + f.data.len()).sum()
    }

    /// Writes the fields in `version`'s format: a copy when the formats match, a field-by-field
    /// rewrite of tags and lengths when they do not.
    pub fn write(&self, version: Version, w: &mut Writer<'_>) -> Result<(), EncodeError> {
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

/// Checks every field of a floating part: header inside the bytes, data inside the bytes, known
/// tags' data valid for their type. `WIDE`: two-byte tags and lengths.
///
/// The valid path calls nothing out of line, so the visitor's state can stay in registers; an
/// invalid field leaves through [`field_error`], which names the fault.
#[inline(always)]
fn validate<'a, const WIDE: bool, V: FieldVisitor<'a>>(
    bytes: &'a [u8],
    mut visitor: V,
) -> Result<V, DecodeError> {
    let head = if WIDE { 4 } else { 2 };
    let mut rest = bytes;
    // The walk is latency-bound (each field's address depends on the length before it) and
    // throughput-bound (every field is checked), so the loop keeps to few instructions: one
    // test for "a whole header is left", one lookup per rule input.
    while let Some(header) = rest.get(..head) {
        let (tag, len) = match header {
            [t0, t1, l0, l1] => (
                u16::from_be_bytes([*t0, *t1]),
                usize::from(u16::from_be_bytes([*l0, *l1])),
            ),
            [t, l] => (u16::from(*t), usize::from(*l)),
            // Not reached: `header` has `head` bytes.
            _ => return Err(truncated(bytes, rest)),
        };
        let Some((field, next)) = rest.split_at_checked(head + len) else {
            return Err(overrun(bytes, rest, tag, len, rest.len() - head));
        };
        // The field's last byte, without a test for empty data: for a zero length it is the
        // length's low byte, 0, and every rule that looks at the last byte rejects length 0.
        let last = field.last().copied().unwrap_or(0);
        let data = field.get(head..).unwrap_or_default();
        if !fast_ok::<WIDE>(tag, len, last) && !named_ok(tag, data) {
            return Err(field_error(tag, data, bytes.len() - rest.len()));
        }
        visitor.field(FloatingField { tag, data });
        rest = next;
    }
    if rest.is_empty() {
        Ok(visitor)
    } else {
        Err(truncated(bytes, rest))
    }
}

/// What a field must be for [`fast_ok`], by tag. Bit `n` of the low half (n < 31) set means a
/// length of `n` is valid when the data's last byte is NUL, bit 31 the same for lengths of 31
/// and more; the high half says the same for a last byte that is not NUL. NAMEDVAR and
/// NAMEDARRAY allow nothing here: only [`named_ok`] can tell.
static RULES: [u64; 256] = {
    let mut rules = [ANY_LEN; 256];
    let mut i = 0;
    while i < 256 {
        rules[i] = match tag::TYPE_TABLE[i] {
            None | Some(FloatType::Unspec) => ANY_LEN,
            // Only with a NUL at the end, and never empty.
            Some(FloatType::String) => 0xffff_fffe,
            Some(FloatType::UChar) => lengths(1 << 1),
            Some(FloatType::UShort) => lengths(1 << 2),
            Some(FloatType::UInt | FloatType::Int | FloatType::Time) => lengths(1 << 4),
            Some(FloatType::Num) => lengths((1 << 1) | (1 << 2) | (1 << 4)),
            Some(FloatType::NamedVar | FloatType::NamedArray) => 0,
        };
        i += 1;
    }
    rules
};
/// Every length is valid, whatever the last byte.
const ANY_LEN: u64 = u64::MAX;

/// A rule allowing the lengths in `mask` whatever the last byte.
const fn lengths(mask: u32) -> u64 {
    (mask as u64) << 32 | mask as u64
}

/// A branch-free test that accepts only fields [`check`] accepts; a `false` is settled by
/// [`named_ok`] and, failing that, [`field_error`]. The fields of a message mostly differ in
/// type, so a jump on the type here would mispredict on nearly every field.
#[inline(always)]
fn fast_ok<const WIDE: bool>(tag: u16, len: usize, last: u8) -> bool {
    let rule = RULES.get(usize::from(tag)).copied().unwrap_or(ANY_LEN);
    // Below v20 a length is one byte, and a table gives its rule bit in one load.
    let len_bit = if WIDE {
        len.min(31)
    } else {
        usize::from(LEN_BIT.get(len).copied().unwrap_or(31))
    };
    let bit = len_bit | usize::from(LAST_BIT[usize::from(last)]);
    (rule >> bit) & 1 != 0
}

/// A one-byte length's bit in a [`RULES`] half: the length, 31 for 31 and more.
static LEN_BIT: [u8; 256] = {
    let mut t = [31; 256];
    let mut i = 0;
    while i < 31 {
        t[i] = i as u8;
        i += 1;
    }
    t
};

/// Which [`RULES`] half a last byte selects: the low one for NUL, the high one for the rest.
static LAST_BIT: [u8; 256] = {
    let mut t = [32; 256];
    t[0] = 0;
    t
};

/// The fields [`fast_ok`] leaves to a closer look: a NAMEDVAR is `name\0value\0`, a
/// NAMEDARRAY an index byte and then the same. As [`split_named`] decides, without its loops.
#[inline(always)]
fn named_ok(tag: u16, data: &[u8]) -> bool {
    match tag::type_of(tag) {
        Some(FloatType::NamedVar) => is_named(data),
        Some(FloatType::NamedArray) => data.split_first().is_some_and(|(_, r)| is_named(r)),
        _ => false,
    }
}

/// True if `data` holds exactly two NULs and ends in one: `name\0value\0`, either part
/// possibly empty.
#[cfg_attr(not(target_os = "none"), inline(always))]
fn is_named(data: &[u8]) -> bool {
    data.last() == Some(&0) && nul_total(data) == 2
}

/// The NUL bytes in `data`, eight at a time.
#[inline(always)]
fn nul_total(data: &[u8]) -> usize {
    if let (Some(head), Some(tail), true) = (
        data.first_chunk::<16>(),
        data.last_chunk::<16>(),
        data.len() <= 32 && cfg!(not(target_os = "none")),
    ) {
        // 16 to 32 bytes, the usual size: the first sixteen and the last sixteen, less their
        // overlap, in straight-line code. A loop would end after a number of steps that
        // changes from field to field, and mispredict. Microcontrollers, which predict
        // little, keep the smaller loop.
        let overlap = 32 - data.len();
        let ([h0, h1], [t0, t1]) = (words(head), words(tail));
        let flags = nul_flags(h0)
            + nul_flags(h1)
            + drop_first(nul_flags(t0), overlap.min(8))
            + drop_first(nul_flags(t1), overlap.saturating_sub(8));
        return sum_bytes(flags);
    }
    let mut rest = data;
    let mut nuls = 0;
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        nuls += sum_bytes(nul_flags(u64::from_le_bytes(*word)));
        rest = tail;
    }
    nuls + match data.last_chunk::<8>() {
        // The last eight bytes, less the `8 - rest.len()` the loop has counted.
        Some(word) => sum_bytes(drop_first(
            nul_flags(u64::from_le_bytes(*word)),
            8 - rest.len(),
        )),
        None => rest.iter().filter(|&&b| b == 0).count(),
    }
}

/// Sixteen bytes as two little-endian words.
#[inline(always)]
fn words(bytes: &[u8; 16]) -> [u64; 2] {
    // Both halves always exist; the filler, which holds no NUL, is never used.
    let half = |h: Option<&[u8; 8]>| u64::from_le_bytes(*h.unwrap_or(&[0xff; 8]));
    [half(bytes.first_chunk()), half(bytes.last_chunk())]
}

/// 1 in each byte of `x` that is zero, 0 in the others; exact, as no carry runs from one byte
/// into the next.
#[inline(always)]
fn nul_flags(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW7) + LOW7) | x | LOW7) >> 7
}

/// `flags` without its first `n` bytes (`n` ≤ 8): two shifts, so 8 drops all without overflow.
#[inline(always)]
fn drop_first(flags: u64, n: usize) -> u64 {
    flags >> (8 * n.min(7)) >> (8 * n.saturating_sub(7))
}

/// The sum of the bytes of `flags`, each at most 31: one multiply adds them into the top byte.
#[inline(always)]
fn sum_bytes(flags: u64) -> usize {
    (flags.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// The error for a field [`fast_ok`] and [`named_ok`] rejected: the one [`check`] names.
#[cold]
fn field_error(tag: u16, data: &[u8], offset: usize) -> DecodeError {
    tag::type_of(tag)
        .and_then(|ty| check(ty, tag, data, offset).err())
        // Not reached: `check` rejects every field the fast tests reject.
        .unwrap_or(DecodeError::BadFieldLength {
            offset,
            tag,
            length: data.len(),
        })
}

#[cold]
fn truncated(bytes: &[u8], rest: &[u8]) -> DecodeError {
    DecodeError::TruncatedFieldHeader {
        offset: bytes.len() - rest.len(),
    }
}

#[cold]
fn overrun(bytes: &[u8], rest: &[u8], tag: u16, length: usize, available: usize) -> DecodeError {
    DecodeError::FieldOverrun {
        offset: bytes.len() - rest.len(),
        tag,
        length,
        available,
    }
}

/// Checks one known-tag field's data against its type.
#[inline]
fn check(ty: FloatType, tag: u16, data: &[u8], offset: usize) -> Result<(), DecodeError> {
    let ok = match ty {
        FloatType::String => {
            if data.last() != Some(&0) {
                return Err(DecodeError::UnterminatedString { offset, tag });
            }
            true
        }
        FloatType::Unspec => true,
        FloatType::UChar => data.len() == 1,
        FloatType::UShort => data.len() == 2,
        FloatType::UInt | FloatType::Int | FloatType::Time => data.len() == 4,
        FloatType::Num => matches!(data.len(), 1 | 2 | 4),
        FloatType::NamedVar => {
            if split_named(data).is_none() {
                return Err(DecodeError::BadNamedVariable { offset, tag });
            }
            true
        }
        FloatType::NamedArray => {
            if data
                .split_first()
                .and_then(|(_, r)| split_named(r))
                .is_none()
            {
                return Err(DecodeError::BadNamedVariable { offset, tag });
            }
            true
        }
    };
    if ok {
        Ok(())
    } else {
        Err(DecodeError::BadFieldLength {
            offset,
            tag,
            length: data.len(),
        })
    }
}

fn put_field_header(
    w: &mut Writer<'_>,
    version: Version,
    tag: u16,
    len: usize,
) -> Result<(), EncodeError> {
    if version.wide_tags() {
        let l = u16::try_from(len).map_err(|_| EncodeError::FieldTooLong { tag, length: len })?;
        w.u16(tag);
        w.u16(l);
    } else {
        let t = u8::try_from(tag).map_err(|_| EncodeError::TagTooLarge { tag })?;
        let l = u8::try_from(len).map_err(|_| EncodeError::FieldTooLong { tag, length: len })?;
        w.u8(t);
        w.u8(l);
    }
    Ok(())
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

/// Builds a floating part into a caller's buffer, for messages that are to be sent.
#[derive(Debug)]
pub struct FloatingWriter<'b> {
    w: Writer<'b>,
    version: Version,
}

impl<'b> FloatingWriter<'b> {
    /// A writer of `version`-format fields into `buf`.
    pub fn new(buf: &'b mut [u8], version: Version) -> Self {
        FloatingWriter {
            w: Writer::new(buf),
            version,
        }
    }

    /// Appends a field of `tag`'s type.
    pub fn put<K: Kind>(
        &mut self,
        tag: Tag<K>,
        value: K::Value<'_>,
    ) -> Result<&mut Self, EncodeError> {
        put_field_header(&mut self.w, self.version, tag.id, K::len(&value))?;
        K::write(&value, &mut self.w);
        self.fits()
    }

    /// Appends the field if there is a value.
    pub fn put_opt<K: Kind>(
        &mut self,
        tag: Tag<K>,
        value: Option<K::Value<'_>>,
    ) -> Result<&mut Self, EncodeError> {
        match value {
            Some(v) => self.put(tag, v),
            None => Ok(self),
        }
    }

    /// Appends a field with raw data, for tags the table does not know.
    pub fn put_raw(&mut self, tag: u16, data: &[u8]) -> Result<&mut Self, EncodeError> {
        put_field_header(&mut self.w, self.version, tag, data.len())?;
        self.w.bytes(data);
        self.fits()
    }

    fn fits(&mut self) -> Result<&mut Self, EncodeError> {
        if self.w.fits() {
            Ok(self)
        } else {
            Err(EncodeError::BufferTooSmall {
                needed: self.w.position(),
            })
        }
    }

    /// The fields written so far.
    pub fn finish(self) -> Floating<'b> {
        let len = self.w.position();
        let bytes: &'b [u8] = self.w.into_inner();
        Floating::trusted(bytes.get(..len).unwrap_or_default(), self.version)
    }
}

/// A repeated set of floating fields that belong together (a skill group, a peripheral, a party,
/// a CTI client). A new group starts at each occurrence of its first tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupSpec {
    /// The spec's name for the list.
    pub name: &'static str,
    /// Member tags with their field names; the first starts a group.
    pub members: &'static [super::FloatSpec],
}

/// A typed group; generated by `group!`.
pub trait Group<'a>: Sized {
    /// The group's layout.
    const SPEC: GroupSpec;
    /// Builds the group from its members' data, indexed as in `SPEC.members`.
    fn from_fields(fields: &[Option<&'a [u8]>; MAX_GROUP_MEMBERS]) -> Self;
}

/// Most members a group can have.
pub const MAX_GROUP_MEMBERS: usize = 12;

/// Iterator over the groups of a floating part; see [`Floating::groups`].
#[derive(Clone, Debug)]
pub struct GroupIter<'a, G> {
    fields: FloatingIter<'a>,
    pending: Option<FloatingField<'a>>,
    _g: PhantomData<G>,
}

impl<'a, G: Group<'a>> Iterator for GroupIter<'a, G> {
    type Item = G;

    fn next(&mut self) -> Option<G> {
        let members = G::SPEC.members;
        let first = members.first()?.tag;
        let start = match self.pending.take() {
            Some(f) => f,
            None => self.fields.by_ref().find(|f| f.tag == first)?,
        };
        let mut slots: [Option<&'a [u8]>; MAX_GROUP_MEMBERS] = [None; MAX_GROUP_MEMBERS];
        slots[0] = Some(start.data);
        for f in self.fields.by_ref() {
            if f.tag == first {
                self.pending = Some(f);
                break;
            }
            if let Some(i) = members.iter().position(|m| m.tag == f.tag) {
                if let Some(slot @ None) = slots.get_mut(i) {
                    *slot = Some(f.data);
                }
            }
        }
        Some(G::from_fields(&slots))
    }
}
