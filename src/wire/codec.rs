//! Primitive types of the fixed part (spec §1.4) and the cursor that reads and writes them.
//!
//! Everything is big-endian and packed. Reading goes through [`Reader`], whose every read is
//! bounds-checked and returns `None` past the end, so no decode path can index out of range.

use core::fmt;

/// A bounds-checked big-endian cursor over received bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf`.
    pub const fn new(buf: &'a [u8]) -> Self {
        Reader { buf }
    }

    /// Takes `N` bytes, or `None` if fewer are left.
    #[inline]
    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, tail) = self.buf.split_first_chunk::<N>()?;
        self.buf = tail;
        Some(*head)
    }

    /// Takes `n` bytes, or `None` if fewer are left.
    #[inline]
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.buf.len() {
            return None;
        }
        let (head, tail) = self.buf.split_at(n);
        self.buf = tail;
        Some(head)
    }

    /// Takes a UCHAR.
    #[inline]
    pub fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|b| b[0])
    }

    /// Takes a USHORT.
    #[inline]
    pub fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_be_bytes)
    }

    /// Takes a UINT.
    #[inline]
    pub fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_be_bytes)
    }
}

/// A big-endian cursor over a caller's output buffer. Writes past the end are counted, not
/// performed, so one pass tells the size a too-small buffer would have needed.
#[derive(Debug)]
pub(crate) struct Writer<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl<'b> Writer<'b> {
    /// A writer at the start of `buf`.
    pub fn new(buf: &'b mut [u8]) -> Self {
        Writer { buf, pos: 0 }
    }

    /// Bytes written (or that would have been written) so far.
    pub const fn position(&self) -> usize {
        self.pos
    }

    /// True if every write so far fitted.
    pub fn fits(&self) -> bool {
        self.pos <= self.buf.len()
    }

    /// Writes `data`.
    #[inline]
    pub fn bytes(&mut self, data: &[u8]) {
        let end = self.pos.saturating_add(data.len());
        if let Some(dst) = self.buf.get_mut(self.pos..end) {
            dst.copy_from_slice(data);
        }
        self.pos = end;
    }

    /// Writes a UCHAR.
    pub fn u8(&mut self, v: u8) {
        self.bytes(&[v]);
    }

    /// Writes a USHORT.
    pub fn u16(&mut self, v: u16) {
        self.bytes(&v.to_be_bytes());
    }

    /// Writes a UINT.
    pub fn u32(&mut self, v: u32) {
        self.bytes(&v.to_be_bytes());
    }

    /// The whole buffer, for a finished writer.
    pub(crate) fn into_inner(self) -> &'b mut [u8] {
        self.buf
    }

    /// Overwrites a UINT written earlier at `at` (used for the header's length).
    pub(crate) fn patch_u32(&mut self, at: usize, v: u32) {
        if let Some(dst) = self.buf.get_mut(at..at.saturating_add(4)) {
            dst.copy_from_slice(&v.to_be_bytes());
        }
    }
}

/// How a fixed field is laid out on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Scalar {
    /// UCHAR, 1 byte.
    U8,
    /// USHORT, 2 bytes.
    U16,
    /// UINT, 4 bytes.
    U32,
    /// INT, 4 bytes, two's complement.
    I32,
    /// BOOL, 2 bytes: 0 false, 1 true.
    Bool,
    /// TIME, 4 bytes: seconds since 1970-01-01 UTC.
    Time,
}

impl Scalar {
    /// Size on the wire in bytes.
    #[must_use]
    pub const fn size(self) -> usize {
        match self {
            Scalar::U8 => 1,
            Scalar::U16 | Scalar::Bool => 2,
            Scalar::U32 | Scalar::I32 | Scalar::Time => 4,
        }
    }
}

/// The names a field's values have in the spec, for tools that print them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Names {
    /// A plain number.
    None,
    /// An enumeration: one value, one name (spec §5).
    Enum(&'static [(u32, &'static str)]),
    /// A bit mask: each set bit has a name (spec §5).
    Mask(&'static [(u32, &'static str)]),
}

/// A field's wire layout and value names: what a generic decoder needs to print it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldKind {
    /// Wire layout.
    pub scalar: Scalar,
    /// Names of values, if any.
    pub names: Names,
}

impl FieldKind {
    /// A field laid out as `scalar` whose values have `names`: for tools that describe layouts
    /// of their own (tests of a dissector, say).
    #[must_use]
    pub const fn new(scalar: Scalar, names: Names) -> Self {
        FieldKind { scalar, names }
    }
}

/// A type that can stand in a message's fixed part.
pub(crate) trait Fixed: Copy {
    /// Size on the wire.
    const SIZE: usize;
    /// Layout and value names, for the message tables.
    const KIND: FieldKind;
    /// Reads the value; `None` if the reader runs out.
    fn take(r: &mut Reader<'_>) -> Option<Self>;
    /// Writes the value.
    fn put(self, w: &mut Writer<'_>);
    /// The request's InvokeID, for the one type that is one.
    #[inline]
    fn as_invoke_id(&self) -> Option<InvokeId> {
        None
    }
}

macro_rules! plain_fixed {
    ($t:ty, $scalar:ident, $read:ident, $write:ident, $from:ty) => {
        impl Fixed for $t {
            const SIZE: usize = Scalar::$scalar.size();
            const KIND: FieldKind = FieldKind {
                scalar: Scalar::$scalar,
                names: Names::None,
            };
            #[inline]
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                r.$read().map(|v| v as $t)
            }
            #[inline]
            fn put(self, w: &mut Writer<'_>) {
                w.$write(self as $from)
            }
        }
    };
}
plain_fixed!(u8, U8, u8, u8, u8);
plain_fixed!(u16, U16, u16, u16, u16);
plain_fixed!(u32, U32, u32, u32, u32);
plain_fixed!(i32, I32, u32, u32, u32);

/// BOOL: two bytes on the wire. The raw value is kept so that a message re-encodes exactly even
/// when a peer sends something other than 0 or 1.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Bool(pub u16);

impl Bool {
    /// False (0).
    pub const FALSE: Bool = Bool(0);
    /// True (1).
    pub const TRUE: Bool = Bool(1);
    /// Any non-zero value is true.
    #[must_use]
    pub const fn get(self) -> bool {
        self.0 != 0
    }
}

impl From<bool> for Bool {
    fn from(b: bool) -> Self {
        Bool(b as u16)
    }
}

impl fmt::Debug for Bool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("false"),
            1 => f.write_str("true"),
            n => write!(f, "Bool({n})"),
        }
    }
}

impl Fixed for Bool {
    const SIZE: usize = 2;
    const KIND: FieldKind = FieldKind {
        scalar: Scalar::Bool,
        names: Names::None,
    };
    #[inline]
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.u16().map(Bool)
    }
    #[inline]
    fn put(self, w: &mut Writer<'_>) {
        w.u16(self.0)
    }
}

/// TIME: seconds since 1970-01-01 00:00 UTC.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Time(pub u32);

impl Fixed for Time {
    const SIZE: usize = 4;
    const KIND: FieldKind = FieldKind {
        scalar: Scalar::Time,
        names: Names::None,
    };
    #[inline]
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.u32().map(Time)
    }
    #[inline]
    fn put(self, w: &mut Writer<'_>) {
        w.u32(self.0)
    }
}

/// InvokeID: the client's number for a request, echoed by the CONF, FAILURE_CONF or
/// CONTROL_FAILURE_CONF that answers it (spec §1.6, §6.6).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct InvokeId(pub u32);

impl Fixed for InvokeId {
    const SIZE: usize = 4;
    const KIND: FieldKind = FieldKind {
        scalar: Scalar::U32,
        names: Names::None,
    };
    #[inline]
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.u32().map(InvokeId)
    }
    #[inline]
    fn put(self, w: &mut Writer<'_>) {
        w.u32(self.0)
    }
    #[inline]
    fn as_invoke_id(&self) -> Option<InvokeId> {
        Some(*self)
    }
}

/// A run of UINT counters at the end of a fixed part (the statistics confirmations), read in
/// place rather than copied, so that a [`Message`](super::Message) stays small.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Counters<'a>(&'a [u8]);

impl<'a> Counters<'a> {
    /// Counters over `bytes` (four big-endian bytes each; a trailing partial one is ignored).
    #[must_use]
    pub const fn new(bytes: &'a [u8]) -> Self {
        Counters(bytes)
    }

    /// The raw bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// Number of counters.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// True if there are none.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Counter `i`, or 0 past the end.
    #[inline]
    #[must_use]
    pub fn get(&self, i: usize) -> u32 {
        self.0
            .get(i.saturating_mul(4)..)
            .and_then(|b| b.first_chunk::<4>())
            .map_or(0, |b| u32::from_be_bytes(*b))
    }

    /// The counters in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        self.0
            .chunks_exact(4)
            .map(|b| u32::from_be_bytes(b.try_into().unwrap_or_default()))
    }
}

impl fmt::Debug for Counters<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
