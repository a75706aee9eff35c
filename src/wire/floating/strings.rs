//! STRING values and the named variables of call context (NAMEDVAR, NAMEDARRAY): views over
//! a field's data without its NULs, and the NUL search every string access uses.

use super::validate::nul_flags;
use core::fmt;

/// A STRING value without its terminating NUL. Bytes are not required to be UTF-8: real peers
/// send whatever their configuration holds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Str<'a>(pub(super) &'a [u8]);

impl<'a> Str<'a> {
    /// A string over `bytes` (which must not include the terminating NUL).
    #[must_use]
    pub const fn new(bytes: &'a [u8]) -> Self {
        Str(bytes)
    }

    /// The bytes, without the NUL.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// The text, if it is UTF-8 (ASCII always is).
    pub fn to_str(&self) -> Result<&'a str, core::str::Utf8Error> {
        core::str::from_utf8(self.0)
    }

    /// Length in bytes, without the NUL.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.0.len()
    }

    /// True for the empty string (a field holding only its NUL).
    #[must_use]
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
pub(super) fn split_named(data: &[u8]) -> Option<(Str<'_>, Str<'_>)> {
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
pub(super) fn nul_position(s: &[u8]) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_position_finds_the_first_nul_in_and_past_the_first_word() {
        assert_eq!(nul_position(b""), None);
        assert_eq!(nul_position(b"abc"), None);
        assert_eq!(nul_position(b"ab\0c\0"), Some(2));
        assert_eq!(nul_position(b"abcdefghij\0kl\0"), Some(10));
        assert_eq!(nul_position(b"abcdefgh"), None);
    }

    #[test]
    fn split_named_takes_exactly_name_nul_value_nul() {
        let (name, value) = split_named(b"user.x\0val\0").unwrap();
        assert_eq!(name, "user.x");
        assert_eq!(value, "val");
        assert_eq!(
            split_named(b"\0\0").map(|(n, v)| (n.len(), v.len())),
            Some((0, 0))
        );
        assert_eq!(split_named(b"name\0value"), None);
        assert_eq!(split_named(b"name\0va\0lue\0"), None);
        assert_eq!(split_named(b"no nul at all"), None);
    }
}
