//! [`Text`]: a bounded, owned copy of a STRING field, so the model keeps no borrow of a receive
//! buffer.

use core::fmt;

use crate::wire::Str;

/// An owned STRING value of at most `N` bytes (without the NUL).
///
/// The model sizes each kind of text by the field's maximum in spec §4 (e.g. AgentID 12
/// bytes with its NUL, so `Text<11>`). A longer value from a peer that ignores the maximum is
/// kept cut to `N` bytes and marked: [`Text::is_truncated`] says so, never silently.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Text<const N: usize> {
    bytes: heapless::Vec<u8, N>,
    truncated: bool,
}

impl<const N: usize> Text<N> {
    /// The empty text.
    #[must_use]
    pub const fn new() -> Self {
        Text {
            bytes: heapless::Vec::new(),
            truncated: false,
        }
    }

    /// A copy of `bytes`, cut to `N` bytes (and then marked truncated) if longer.
    #[must_use]
    pub fn from_bytes(bytes: &[u8]) -> Self {
        let keep = bytes.get(..N).unwrap_or(bytes);
        let mut v = heapless::Vec::new();
        // `keep` is at most N bytes long, so this cannot fail.
        let _ = v.extend_from_slice(keep);
        Text {
            bytes: v,
            truncated: keep.len() < bytes.len(),
        }
    }

    /// A copy of a received STRING value.
    #[must_use]
    pub fn from_str_view(s: Str<'_>) -> Self {
        Self::from_bytes(s.as_bytes())
    }

    /// The bytes, without the NUL.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The text, if it is UTF-8 (ASCII always is).
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        core::str::from_utf8(&self.bytes).ok()
    }

    /// True for the empty text.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// True when the peer sent more than `N` bytes and only the first `N` are kept.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// True when this text is exactly `s`.
    #[must_use]
    pub fn eq_bytes(&self, s: &[u8]) -> bool {
        !self.truncated && self.bytes.as_slice() == s
    }
}

impl<const N: usize> PartialEq<str> for Text<N> {
    fn eq(&self, other: &str) -> bool {
        self.eq_bytes(other.as_bytes())
    }
}

impl<const N: usize> PartialEq<&str> for Text<N> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_bytes(other.as_bytes())
    }
}

impl<const N: usize> fmt::Display for Text<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Str::new(&self.bytes), f)?;
        if self.truncated {
            f.write_str("…")?;
        }
        Ok(())
    }
}

impl<const N: usize> fmt::Debug for Text<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&Str::new(&self.bytes), f)?;
        if self.truncated {
            f.write_str("(truncated)")?;
        }
        Ok(())
    }
}

#[cfg(feature = "defmt")]
impl<const N: usize> defmt::Format for Text<N> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=[u8]}", self.bytes.as_slice())
    }
}
