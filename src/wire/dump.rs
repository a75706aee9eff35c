//! A message as generic tools show it, read through its layout ([`MessageSpec`]) rather than
//! per-message code: [`MessageDump`] and its fields ([`DumpField`]), each with its spec name,
//! its snake_case key, its value and the names its value has. With feature `serde`,
//! [`MessageDump`] serializes to the object `ctidump --json` prints for one message.
//!
//! Nothing here allocates: the fields are read from the body on every walk, and keys and value
//! names are written through [`fmt::Display`] values.

use core::fmt;
use core::iter::Peekable;
use core::str::CharIndices;

use super::codec::Reader;
use super::floating::{kind, FloatingIter, Kind};
use super::tag::{self, FloatType};
use super::{FixedSpec, Scalar, Version};
use super::{Floating, Message, MessageSpec, MessageType, NamedArray, NamedVar, Names, Str};

impl Message<'_> {
    /// This message with its `body` (the bytes after the 8-byte header, as decoded) and the
    /// protocol `version` it was decoded in: what a generic display needs. The body is read
    /// again through the type's layout; a body that is not this message's is shown as far as
    /// it fits, never a panic.
    #[must_use]
    pub fn dump<'b>(&self, body: &'b [u8], version: Version) -> MessageDump<'b> {
        MessageDump {
            message_type: self.message_type(),
            raw: matches!(self, Message::Unknown(_)),
            body,
            version,
        }
    }
}

/// A decoded message, its body and protocol version, shown generically: by [`Self::fields`],
/// or (feature `serde`) serialized as one object,
/// `{"type":"OPEN_CONF","type_id":4,"len":40,"fields":{...}}`:
///
/// - `type`: the spec's name, `"UNKNOWN"` for a type the catalogue does not know;
/// - `type_id`: the MessageType number; `len`: the body's length;
/// - `fields`: for a body read by its layout ([`Self::is_raw`] false), one member per field
///   key (snake_case of the spec's name, [`DumpField::key`]) in wire order; a field that is a
///   list ([`DumpField::is_list`]) or occurs more than once is an array of its values; an
///   enumeration field is followed by `<key>_name` (when its value has a name), a mask by
///   `<key>_names`, the names of its set bits;
/// - `body_hex`: instead of `fields`, the body as lowercase hex when it is shown raw.
///
/// Values: numbers for integers, strings for STRINGs (bytes that are not UTF-8 become U+FFFD),
/// lowercase hex strings for UNSPEC data and data that does not fit its tag's type, objects
/// `{"name","value"}` for NAMEDVAR and `{"index","name","value"}` for NAMEDARRAY.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MessageDump<'b> {
    message_type: MessageType,
    raw: bool,
    body: &'b [u8],
    version: Version,
}

impl<'b> MessageDump<'b> {
    /// The message's type.
    #[must_use]
    pub fn message_type(&self) -> MessageType {
        self.message_type
    }

    /// The layout of the message's type, if the catalogue knows the type.
    #[must_use]
    pub fn spec(&self) -> Option<&'static MessageSpec> {
        // A type newer than the version is unknown there (`Message::decode` keeps it raw).
        super::spec_of(self.message_type).filter(|s| s.in_version(self.version))
    }

    /// The body, without the header.
    #[must_use]
    pub fn body(&self) -> &'b [u8] {
        self.body
    }

    /// The protocol version the body is read in.
    #[must_use]
    pub fn version(&self) -> Version {
        self.version
    }

    /// True when the body is shown as bytes rather than fields: the type is unknown, its layout
    /// is not known ([`MessageSpec::is_opaque`]), or the body did not fit an inferred layout
    /// ([`MessageSpec::is_inferred`]).
    #[must_use]
    pub fn is_raw(&self) -> bool {
        self.raw || self.spec().is_none_or(MessageSpec::is_opaque)
    }

    /// The fields in wire order: the fixed part by the layout of [`Self::version`], then every
    /// floating field, unknown tags included. None when [`Self::is_raw`].
    #[must_use]
    pub fn fields(&self) -> DumpFields<'b> {
        let spec = self.spec().filter(|_| !self.is_raw());
        let rest = spec.and_then(|s| self.body.get(s.fixed_len_in(self.version)..));
        DumpFields {
            spec,
            fixed: spec.map_or(&[], |s| s.fixed),
            version: self.version,
            reader: Reader::new(self.body),
            floating: rest
                .and_then(|r| Floating::parse(r, self.version).ok())
                .map(|f| f.iter()),
        }
    }
}

/// The fields of a [`MessageDump`], in wire order; see [`MessageDump::fields`].
#[derive(Clone, Debug)]
pub struct DumpFields<'b> {
    spec: Option<&'static MessageSpec>,
    /// The fixed fields not read yet.
    fixed: &'static [FixedSpec],
    version: Version,
    reader: Reader<'b>,
    floating: Option<FloatingIter<'b>>,
}

impl<'b> Iterator for DumpFields<'b> {
    type Item = DumpField<'b>;

    fn next(&mut self) -> Option<DumpField<'b>> {
        let spec = self.spec?;
        while let Some((f, rest)) = self.fixed.split_first() {
            self.fixed = rest;
            if !f.in_version(self.version) {
                continue;
            }
            let Some(raw) = f.read(&mut self.reader) else {
                // The body ends inside the fixed part: nothing after it is a field.
                self.fixed = &[];
                self.floating = None;
                return None;
            };
            return Some(DumpField {
                spec,
                source: Source::Fixed(f, raw),
            });
        }
        let field = self.floating.as_mut()?.next()?;
        Some(DumpField {
            spec,
            source: Source::Floating(field.tag, field.data),
        })
    }
}

/// One field of a [`MessageDump`]. Names, keys and values are worked out when asked for, so
/// walking the fields again costs little.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DumpField<'b> {
    spec: &'static MessageSpec,
    source: Source<'b>,
}

/// Where a field comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source<'b> {
    /// A fixed field and its value as a UINT.
    Fixed(&'static FixedSpec, u32),
    /// A floating field's tag and data.
    Floating(u16, &'b [u8]),
}

impl<'b> DumpField<'b> {
    /// The spec's name (`InvokeID`), the tag's name for a tag outside the layout, or `tag_N`
    /// for a tag the table does not know.
    #[must_use]
    pub fn name(&self) -> FieldName {
        self.name_and_list().0
    }

    fn name_and_list(&self) -> (FieldName, bool) {
        match self.source {
            Source::Fixed(f, _) => (FieldName::Spec(f.name), false),
            Source::Floating(tag, _) => match self.spec.floating_field(tag) {
                Some((name, list)) => (FieldName::Spec(name), list),
                None => match tag::name(tag) {
                    Some(name) => (FieldName::Spec(name), false),
                    None => (FieldName::Tag(tag), false),
                },
            },
        }
    }

    /// The JSON key: [`Self::name`] in snake_case (`InvokeID` → `invoke_id`, `PGStatus` →
    /// `pg_status`), with `flt_` before it for a floating field whose key a fixed field of the
    /// layout already has.
    #[must_use]
    pub fn key(&self) -> FieldKey {
        let name = self.name();
        FieldKey {
            name,
            prefixed: self.prefixed(&name.text()),
        }
    }

    /// True for a floating field named `name` whose key a fixed field of the layout has: a
    /// floating field never shadows a fixed one.
    fn prefixed(&self, name: &str) -> bool {
        matches!(self.source, Source::Floating(..))
            && self
                .spec
                .fixed
                .iter()
                .any(|f| same_words((false, f.name), (false, name)))
    }

    /// The value.
    #[must_use]
    pub fn value(&self) -> FieldValue<'b> {
        match self.source {
            Source::Fixed(f, raw) => FieldValue::Int(match f.kind.scalar {
                Scalar::I32 => i64::from(raw as i32),
                _ => i64::from(raw),
            }),
            Source::Floating(tag, data) => FieldValue::of(tag, data),
        }
    }

    /// The floating field's tag; `None` for a fixed field.
    #[must_use]
    pub fn tag(&self) -> Option<u16> {
        match self.source {
            Source::Fixed(..) => None,
            Source::Floating(tag, _) => Some(tag),
        }
    }

    /// True for a floating field that the layout lists as repeated or as a group member: its
    /// JSON value is always an array.
    #[must_use]
    pub fn is_list(&self) -> bool {
        self.name_and_list().1
    }

    fn names(&self) -> Names {
        match self.source {
            Source::Fixed(f, _) => f.kind.names,
            Source::Floating(..) => Names::None,
        }
    }

    /// The name of an enumeration field's value (spec §5), if it has one.
    #[must_use]
    pub fn value_name(&self) -> Option<&'static str> {
        let (Names::Enum(names), FieldValue::Int(v)) = (self.names(), self.value()) else {
            return None;
        };
        names.iter().find(|(n, _)| i64::from(*n) == v).map(|p| p.1)
    }

    /// For a mask field (spec §5), the names of its set bits in the table's order; `None` for
    /// any other field.
    #[must_use]
    pub fn bit_names(&self) -> Option<BitNames> {
        let (Names::Mask(names), FieldValue::Int(v)) = (self.names(), self.value()) else {
            return None;
        };
        Some(BitNames {
            names,
            bits: v as u64,
        })
    }

    /// For a mask field, its set bits that have no name (0 when every set bit has one, and
    /// for any other field).
    #[must_use]
    pub fn unnamed_bits(&self) -> u64 {
        self.bit_names().map_or(0, |b| {
            let named = b.names.iter().fold(0u64, |acc, (m, _)| acc | u64::from(*m));
            b.bits & !named
        })
    }

    /// True when `other` has the same [`Self::key`].
    #[must_use]
    pub fn same_key(&self, other: &DumpField<'_>) -> bool {
        Keyed::new(*self).same_key(other)
    }

    /// True for a floating field named `name` whose key is fixed field `f`'s: only with `flt_`
    /// before it (without, it would have been given one).
    fn shadows(&self, name: &str, f: &FixedSpec) -> bool {
        may_start_with_flt(f.name)
            && same_words((true, name), (false, f.name))
            && self.prefixed(name)
    }
}

/// A field with its name worked out once, to compare with many others.
struct Keyed<'b> {
    field: DumpField<'b>,
    name: NameText,
}

impl<'b> Keyed<'b> {
    fn new(field: DumpField<'b>) -> Self {
        Keyed {
            field,
            name: field.name().text(),
        }
    }

    /// True when `other` has this field's key. Fields of one tag, or of one fixed name, do
    /// without looking names up.
    fn same_key(&self, other: &DumpField<'_>) -> bool {
        match (self.field.source, other.source) {
            (Source::Floating(a, _), Source::Floating(b, _)) if a == b => true,
            (Source::Fixed(a, _), Source::Fixed(b, _)) => {
                a.name == b.name || same_words((false, a.name), (false, b.name))
            }
            (Source::Fixed(f, _), Source::Floating(..)) => {
                may_start_with_flt(f.name) && other.shadows(&other.name().text(), f)
            }
            (Source::Floating(..), Source::Fixed(f, _)) => self.field.shadows(&self.name, f),
            (Source::Floating(..), Source::Floating(..)) => {
                let (a, b) = (&*self.name, &*other.name().text());
                // Names of one key are prefixed alike; `flt_` before one only can match too.
                same_words((false, a), (false, b))
                    || (same_words((true, a), (false, b))
                        && self.field.prefixed(a)
                        && !other.prefixed(b))
                    || (same_words((false, a), (true, b))
                        && !self.field.prefixed(a)
                        && other.prefixed(b))
            }
        }
    }
}

/// False when the snake_case text of `name` cannot start with `flt_` (true for a name that is
/// not ASCII).
fn may_start_with_flt(name: &str) -> bool {
    !name.is_ascii() || Letters::new((false, name)).take(3).eq(*b"flt")
}

/// The names of a mask's set bits; see [`DumpField::bit_names`].
#[derive(Clone, Debug)]
pub struct BitNames {
    names: &'static [(u32, &'static str)],
    bits: u64,
}

impl Iterator for BitNames {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        while let Some((&(bit, name), rest)) = self.names.split_first() {
            self.names = rest;
            let bit = u64::from(bit);
            if bit != 0 && self.bits & bit == bit {
                return Some(name);
            }
        }
        None
    }
}

/// A field's name: a spec or tag name, or `tag_N` for a tag no table names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldName {
    /// The name in the layout or the tag table.
    Spec(&'static str),
    /// An unknown floating tag, shown as `tag_N`.
    Tag(u16),
}

impl FieldName {
    /// The name as text, in a small buffer of its own.
    fn text(&self) -> NameText {
        let mut text = NameText {
            buf: [0; NAME_TEXT],
            len: 0,
            name: None,
        };
        match *self {
            FieldName::Spec(name) => text.name = Some(name),
            FieldName::Tag(n) => {
                let _ = fmt::write(&mut text, format_args!("tag_{n}"));
            }
        }
        text
    }
}

impl fmt::Display for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldName::Spec(name) => f.write_str(name),
            FieldName::Tag(n) => write!(f, "tag_{n}"),
        }
    }
}

/// `tag_65535` fits.
const NAME_TEXT: usize = 9;

/// A [`FieldName`] as a `&str`, without allocating.
struct NameText {
    buf: [u8; NAME_TEXT],
    len: usize,
    name: Option<&'static str>,
}

impl core::ops::Deref for NameText {
    type Target = str;

    fn deref(&self) -> &str {
        match self.name {
            Some(name) => name,
            // Written only through `fmt::Write`, whole `str`s: always UTF-8.
            None => core::str::from_utf8(self.buf.get(..self.len).unwrap_or_default())
                .unwrap_or_default(),
        }
    }
}

impl fmt::Write for NameText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A field's JSON key, written by its [`fmt::Display`]; see [`DumpField::key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldKey {
    name: FieldName,
    prefixed: bool,
}

impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.prefixed {
            f.write_str("flt_")?;
        }
        write_snake(f, &self.name.text())
    }
}

/// A floating or fixed field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldValue<'b> {
    /// Any integer: a fixed field (INT signed, the rest unsigned) or a numeric floating field.
    Int(i64),
    /// A STRING, without its NUL.
    Str(Str<'b>),
    /// UNSPEC data, an unknown tag's data, or data that does not fit its tag's type.
    Bytes(&'b [u8]),
    /// A NAMEDVAR.
    NamedVar(NamedVar<'b>),
    /// A NAMEDARRAY.
    NamedArray(NamedArray<'b>),
}

impl<'b> FieldValue<'b> {
    /// A floating field's value by its tag's type.
    fn of(tag: u16, data: &'b [u8]) -> Self {
        let unsigned = |d| <kind::Num as Kind>::parse(d).map(|v| FieldValue::Int(v.into()));
        let v = match tag::type_of(tag) {
            Some(FloatType::String) => <kind::String as Kind>::parse(data).map(FieldValue::Str),
            Some(FloatType::Int) => {
                <kind::Int as Kind>::parse(data).map(|v| FieldValue::Int(v.into()))
            }
            Some(
                FloatType::UChar
                | FloatType::UShort
                | FloatType::UInt
                | FloatType::Time
                | FloatType::Num,
            ) => unsigned(data),
            Some(FloatType::NamedVar) => {
                <kind::NamedVar as Kind>::parse(data).map(FieldValue::NamedVar)
            }
            Some(FloatType::NamedArray) => {
                <kind::NamedArray as Kind>::parse(data).map(FieldValue::NamedArray)
            }
            Some(FloatType::Unspec) | None => None,
        };
        v.unwrap_or(FieldValue::Bytes(data))
    }
}

/// Bytes as text the way `String::from_utf8_lossy` makes it: each invalid sequence becomes
/// U+FFFD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lossy<'b>(pub &'b [u8]);

impl fmt::Display for Lossy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.utf8_chunks() {
            f.write_str(chunk.valid())?;
            if !chunk.invalid().is_empty() {
                f.write_str("\u{FFFD}")?;
            }
        }
        Ok(())
    }
}

/// Bytes as lowercase hex, two digits a byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hex<'b>(pub &'b [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// Writes `name` in snake_case the way the `heck` crate does: words split at characters that
/// are neither letters nor digits, between a lowercase letter and an uppercase one, and before
/// the last capital of a run followed by a lowercase letter (`PGStatus` → `pg_status`); each
/// word lowercased, joined by `_`.
fn write_snake(out: &mut impl fmt::Write, name: &str) -> fmt::Result {
    for (i, word) in Words::new(name).enumerate() {
        if i > 0 {
            out.write_char('_')?;
        }
        for c in lowercase(word) {
            out.write_char(c)?;
        }
    }
    Ok(())
}

/// True when the snake_case texts of two names are equal, each with `flt_` before it when its
/// flag is set: their words (which hold no `_`) are equal once lowercased.
fn same_words(a: (bool, &str), b: (bool, &str)) -> bool {
    if !same_letters(a, b) {
        return false;
    }
    fn words((prefixed, name): (bool, &str)) -> impl Iterator<Item = &str> {
        prefixed
            .then_some("flt")
            .into_iter()
            .chain(Words::new(name))
    }
    let (mut left, mut right) = (words(a), words(b));
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if lowercase(x).eq(lowercase(y)) => {}
            _ => return false,
        }
    }
}

/// A word lowercased as `heck` does it: a final capital sigma becomes `ς`.
fn lowercase(word: &str) -> impl Iterator<Item = char> + '_ {
    word.char_indices()
        .map(|(i, c)| {
            if c == 'Σ' && i + c.len_utf8() == word.len() {
                'ς'
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
}

/// False when the snake_case texts of two ASCII names cannot be equal: their letters and
/// digits, lowercased, differ. A quick test before [`Words`] splits them (true for any name
/// that is not ASCII).
fn same_letters(a: (bool, &str), b: (bool, &str)) -> bool {
    if !a.1.is_ascii() || !b.1.is_ascii() {
        return true;
    }
    let (mut left, mut right) = (Letters::new(a), Letters::new(b));
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// The letters and digits of an ASCII name, lowercased, after `flt` when the flag is set.
struct Letters<'s> {
    prefix: &'static [u8],
    name: &'s [u8],
}

impl<'s> Letters<'s> {
    fn new((prefixed, name): (bool, &'s str)) -> Self {
        Letters {
            prefix: if prefixed { b"flt" } else { b"" },
            name: name.as_bytes(),
        }
    }
}

impl Iterator for Letters<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if let Some((&c, rest)) = self.prefix.split_first() {
            self.prefix = rest;
            return Some(c);
        }
        while let Some((&c, rest)) = self.name.split_first() {
            self.name = rest;
            if c.is_ascii_alphanumeric() {
                return Some(c.to_ascii_lowercase());
            }
        }
        None
    }
}

/// Where [`Words`] is in a word: what the characters since the last boundary were.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Boundary,
    Lowercase,
    Uppercase,
}

/// The words of a name, as `heck` splits them for its case conversions.
struct Words<'s> {
    /// The parts between characters that are neither letters nor digits, not reached yet.
    parts: core::str::Split<'s, fn(char) -> bool>,
    /// The part being split.
    part: &'s str,
    chars: Peekable<CharIndices<'s>>,
    /// Where the current word starts in `part`.
    start: usize,
    mode: Mode,
}

impl<'s> Words<'s> {
    fn new(name: &'s str) -> Self {
        let not_alphanumeric: fn(char) -> bool = |c| !c.is_alphanumeric();
        Words {
            parts: name.split(not_alphanumeric),
            part: "",
            chars: "".char_indices().peekable(),
            start: 0,
            mode: Mode::Boundary,
        }
    }
}

impl<'s> Iterator for Words<'s> {
    type Item = &'s str;

    fn next(&mut self) -> Option<&'s str> {
        loop {
            while let Some((i, c)) = self.chars.next() {
                let Some(&(next_i, next)) = self.chars.peek() else {
                    // The rest of the part is the last word.
                    return self.part.get(self.start..);
                };
                let mode = if c.is_lowercase() {
                    Mode::Lowercase
                } else if c.is_uppercase() {
                    Mode::Uppercase
                } else {
                    self.mode
                };
                if mode == Mode::Lowercase && next.is_uppercase() {
                    // `aB`: a word ends after `a`.
                    let word = self.part.get(self.start..next_i);
                    (self.start, self.mode) = (next_i, Mode::Boundary);
                    return word;
                } else if self.mode == Mode::Uppercase && c.is_uppercase() && next.is_lowercase() {
                    // `ABc`: a word ends before `B`.
                    let word = self.part.get(self.start..i);
                    (self.start, self.mode) = (i, Mode::Boundary);
                    return word;
                }
                self.mode = mode;
            }
            self.part = self.parts.next()?;
            self.chars = self.part.char_indices().peekable();
            (self.start, self.mode) = (0, Mode::Boundary);
        }
    }
}

#[cfg(feature = "serde")]
mod ser {
    //! The JSON shape of [`MessageDump`] (see its documentation), through `serde`.

    use core::fmt;

    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    use super::{DumpFields, FieldKey, FieldValue, Hex, Keyed, Lossy, MessageDump};

    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    impl Serialize for MessageDump<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(4))?;
            m.serialize_entry("type", self.spec().map_or("UNKNOWN", |spec| spec.name))?;
            m.serialize_entry("type_id", &self.message_type.0)?;
            m.serialize_entry("len", &self.body.len())?;
            if self.is_raw() {
                m.serialize_entry("body_hex", &Text(Hex(self.body)))?;
            } else {
                m.serialize_entry("fields", &Fields(self.fields()))?;
            }
            m.end()
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    impl Serialize for FieldValue<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match *self {
                FieldValue::Int(v) => s.serialize_i64(v),
                FieldValue::Str(v) => s.collect_str(&Lossy(v.as_bytes())),
                FieldValue::Bytes(b) => s.collect_str(&Hex(b)),
                FieldValue::NamedVar(v) => {
                    let mut m = s.serialize_map(Some(2))?;
                    m.serialize_entry("name", &Text(Lossy(v.name.as_bytes())))?;
                    m.serialize_entry("value", &Text(Lossy(v.value.as_bytes())))?;
                    m.end()
                }
                FieldValue::NamedArray(v) => {
                    let mut m = s.serialize_map(Some(3))?;
                    m.serialize_entry("index", &v.index)?;
                    m.serialize_entry("name", &Text(Lossy(v.name.as_bytes())))?;
                    m.serialize_entry("value", &Text(Lossy(v.value.as_bytes())))?;
                    m.end()
                }
            }
        }
    }

    /// A [`fmt::Display`] value serialized as a string.
    struct Text<T>(T);

    impl<T: fmt::Display> Serialize for Text<T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&self.0)
        }
    }

    /// A key with a suffix: `agent_state` + `_name`.
    struct Suffixed(FieldKey, &'static str);

    impl fmt::Display for Suffixed {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}{}", self.0, self.1)
        }
    }

    /// The `fields` object: one member per key, in order of first appearance. The fields are
    /// walked again for each key instead of being collected, so nothing is allocated; the cost
    /// is quadratic in the number of floating fields, bounded by the largest message (a few
    /// thousand empty fields at most, a few million field steps), and typical messages have
    /// tens of fields.
    struct Fields<'b>(DumpFields<'b>);

    impl Serialize for Fields<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(None)?;
            for (i, f) in self.0.clone().enumerate() {
                let field = Keyed::new(f);
                if self.0.clone().take(i).any(|g| field.same_key(&g)) {
                    // Shown with the first field of its key.
                    continue;
                }
                let mut same = self.0.clone().skip(i).filter(|g| field.same_key(g));
                let list = f.is_list() || same.nth(1).is_some();
                let key = Text(f.key());
                if list {
                    m.serialize_entry(&key, &Group(self.0.clone().skip(i), &field))?;
                } else {
                    m.serialize_entry(&key, &f.value())?;
                }
                if let Some(name) = f.value_name() {
                    m.serialize_entry(&Text(Suffixed(f.key(), "_name")), name)?;
                }
                if let Some(names) = f.bit_names() {
                    m.serialize_entry(&Text(Suffixed(f.key(), "_names")), &Seq(names))?;
                }
            }
            m.end()
        }
    }

    /// The values of every field with the key of the given one, from the fields given.
    struct Group<'k, 'b>(core::iter::Skip<DumpFields<'b>>, &'k Keyed<'b>);

    impl Serialize for Group<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(None)?;
            for g in self.0.clone().filter(|g| self.1.same_key(g)) {
                seq.serialize_element(&g.value())?;
            }
            seq.end()
        }
    }

    /// An iterator's items as a sequence.
    struct Seq<I>(I);

    impl<I: Iterator + Clone> Serialize for Seq<I>
    where
        I::Item: Serialize,
    {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(None)?;
            for item in self.0.clone() {
                seq.serialize_element(&item)?;
            }
            seq.end()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::string::{String, ToString};
    use std::vec::Vec;

    use heck::ToSnakeCase;

    use super::*;
    use crate::wire::{tag::TAGS, Decoder, Status, HEADER_LEN, MESSAGES};

    fn snake(name: &str) -> String {
        let mut s = String::new();
        write_snake(&mut s, name).unwrap();
        s
    }

    /// Every name the tables hold, and names that take each branch of the word split.
    fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for spec in MESSAGES {
            names.extend(spec.fixed.iter().map(|f| f.name));
            names.extend(spec.floating.iter().map(|f| f.name));
            names.extend(spec.groups.iter().flat_map(|g| g.members).map(|f| f.name));
        }
        names.extend(TAGS.iter().map(|t| t.name));
        names.extend([
            "",
            "_",
            "a__b",
            "HTTPServer",
            "ABC",
            "aB1C",
            "Tag12",
            "tag_12",
            "TAG_12",
            "X",
            "fltX",
            "FltX",
            "flt_x",
            "über_Straße",
            "ΣΑΣ",
            "a1B2c3",
            "ÉtéA",
            "A-B C.D",
            "IDs",
        ]);
        names.sort_unstable();
        names.dedup();
        names
    }

    #[test]
    fn snake_case_is_heck_s() {
        for name in names() {
            assert_eq!(snake(name), name.to_snake_case(), "{name:?}");
        }
        assert_eq!(
            snake("ICMCentralControllerTime"),
            "icm_central_controller_time"
        );
        assert_eq!(snake("PGStatus"), "pg_status");
        assert_eq!(snake("SystemEventArg1"), "system_event_arg1");
    }

    #[test]
    fn keys_compare_as_their_texts_do() {
        let names = names();
        let snakes: Vec<String> = names.iter().map(|n| n.to_snake_case()).collect();
        // Neighbours in sorted order share the most letters: the cases a quick test could
        // get wrong. Plus each name against every tenth one.
        for i in 0..names.len() {
            for j in
                (i.saturating_sub(3)..(i + 4).min(names.len())).chain((0..names.len()).step_by(10))
            {
                for (pa, pb) in [(false, false), (true, false), (false, true), (true, true)] {
                    let text = |p: bool, s: &str| {
                        if p {
                            std::format!("flt_{s}")
                        } else {
                            s.to_string()
                        }
                    };
                    assert_eq!(
                        same_words((pa, names[i]), (pb, names[j])),
                        text(pa, &snakes[i]) == text(pb, &snakes[j]),
                        "{:?} {:?}",
                        (pa, names[i]),
                        (pb, names[j])
                    );
                }
            }
        }
    }

    #[test]
    fn lossy_text_is_from_utf8_lossy_s_and_hex_is_lowercase() {
        for b in [
            &b""[..],
            b"plain",
            b"\xff",
            b"a\xc3",
            b"\xc3\xa9\xff\xfe\xf0\x9f\x98",
            b"\xe2\x82\xac\xed\xa0\x80x",
        ] {
            assert_eq!(Lossy(b).to_string(), String::from_utf8_lossy(b));
        }
        assert_eq!(Hex(&[0x00, 0xab, 0x7f]).to_string(), "00ab7f");
    }

    /// The one message of `hex` as a dump, with its bytes.
    fn dump_of(bytes: &[u8], version: Version, check: impl FnOnce(MessageDump<'_>)) {
        let Ok(Status::Complete((m, used))) = Decoder::new(version).decode(bytes) else {
            panic!("not a message");
        };
        check(m.dump(&bytes[HEADER_LEN..used], version));
    }

    #[test]
    fn fields_of_the_spec_s_open_conf() {
        // The OPEN_CONF of spec §9.
        let bytes = [
            0x00, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x1c,
            0x02, 0x96, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x57, 0x46, 0xcc, 0x1e,
            0x00, 0x00, 0x00, 0x11, 0x00, 0x09, 0xe4, 0x02, 0x00, 0x01, 0xd0, 0x04, 0x00, 0x00,
            0x13, 0x88, 0xe0, 0x02, 0x00, 0x00,
        ];
        dump_of(&bytes, Version::V15, |d| {
            assert!(!d.is_raw());
            assert_eq!(d.body().len(), 40);
            let fields: Vec<DumpField<'_>> = d.fields().collect();
            let names: Vec<String> = fields.iter().map(|f| f.name().to_string()).collect();
            assert_eq!(
                names,
                [
                    "InvokeID",
                    "ServicesGranted",
                    "MonitorID",
                    "PGStatus",
                    "ICMCentralControllerTime",
                    "PeripheralOnline",
                    "PeripheralType",
                    "AgentState",
                    "NumPeripherals",
                    "FltPeripheralID",
                    "MultilineAgentControl",
                ]
            );
            let granted = fields[1];
            assert_eq!(granted.key().to_string(), "services_granted");
            assert_eq!(granted.value(), FieldValue::Int(0x1c_0296));
            assert_eq!(granted.bit_names().unwrap().count(), 8);
            assert_eq!(granted.unnamed_bits(), 0);
            assert_eq!(fields[6].value_name(), Some("PT_ENTERPRISE_AGENT"));
            assert_eq!(fields[6].bit_names().map(|_| ()), None);
            assert_eq!(fields[7].value_name(), Some("AGENT_STATE_UNKNOWN"));
            assert!(!fields[8].is_list() && fields[8].tag() == Some(228));
            assert!(fields[9].is_list() && fields[10].is_list());
            assert_eq!(fields[9].value(), FieldValue::Int(5000));
            assert!(fields[9].same_key(&fields[9]) && !fields[9].same_key(&fields[10]));
        });
    }

    #[test]
    fn a_floating_field_named_as_a_fixed_one_takes_flt() {
        // QUERY_AGENT_STATE_REQ with PERIPHERAL_ID (208), outside the layout, twice, then a
        // tag no table names; and a mask with a bit that has no name.
        let bytes = [
            0, 0, 0, 0x1e, 0, 0, 0, 36, 0, 0, 0, 2, 0, 0, 0x13, 0x88, 0xff, 0xff, 0xff, 0xff, 0, 0,
            0x13, 0x8f, 0xd0, 4, 0, 0, 0x13, 0x89, 0xd0, 4, 0, 0, 0x13, 0x8a, 0xf0, 0,
        ];
        dump_of(&bytes, Version::V15, |d| {
            let fields: Vec<DumpField<'_>> = d.fields().collect();
            let keys: Vec<String> = fields.iter().map(|f| f.key().to_string()).collect();
            assert_eq!(
                keys,
                [
                    "invoke_id",
                    "peripheral_id",
                    "mrdid",
                    "icm_agent_id",
                    "flt_peripheral_id",
                    "flt_peripheral_id",
                    "tag_240",
                ]
            );
            assert_eq!(fields[2].value(), FieldValue::Int(-1));
            assert!(!fields[1].same_key(&fields[4]));
            assert!(fields[4].same_key(&fields[5]));
            assert_eq!(fields[6].name(), FieldName::Tag(240));
            assert_eq!(fields[6].value(), FieldValue::Bytes(&[]));
        });
        // SERVICES_GRANTED with a bit no name has: 0x4000 (between 0x2000 and 0x8000).
        let bytes = [
            0, 0, 0, 26, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0x40, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0x11, 0, 9,
        ];
        dump_of(&bytes, Version::V15, |d| {
            let granted = d.fields().nth(1).unwrap();
            let names: Vec<&str> = granted.bit_names().unwrap().collect();
            assert_eq!(names, ["CTI_SERVICE_ALL_EVENTS"]);
            assert_eq!(granted.unnamed_bits(), 0x4000);
        });
    }

    #[test]
    fn raw_bodies_have_no_fields() {
        // A type no table knows, an opaque one (MEDIA_LOGIN_REQ), and an inferred layout
        // (CONFIG_END_EVENT, one UINT) that a 3-byte body does not fit.
        for bytes in [
            &[0, 0, 0, 1, 0, 0, 0xff, 0xff, 7][..],
            &[0, 0, 0, 1, 0, 0, 0, 151, 7],
            &[0, 0, 0, 3, 0, 0, 0, 234, 1, 2, 3],
        ] {
            dump_of(bytes, Version::V15, |d| {
                assert!(d.is_raw());
                assert_eq!(d.fields().count(), 0);
                assert_eq!(d.body(), &bytes[HEADER_LEN..]);
            });
        }
    }

    #[test]
    fn a_body_that_is_not_the_message_s_is_read_as_far_as_it_goes() {
        let bytes = [0, 0, 0, 4, 0, 0, 0, 0x21, 0, 0, 0, 7];
        let Ok(Status::Complete((m, _))) = Decoder::default().decode(&bytes) else {
            panic!("CLIENT_EVENT_REPORT_CONF");
        };
        // Shorter than the fixed part, or with a floating part that does not parse.
        assert_eq!(m.dump(&[0, 0], Version::V15).fields().count(), 0);
        let fields: Vec<_> = m.dump(&[0, 0, 0, 9, 5, 9], Version::V15).fields().collect();
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].value(), FieldValue::Int(9));
    }
}
