//! Secrets: a password that never shows in `Debug`, `defmt` or logs, and a comparison whose
//! time does not depend on where two byte strings differ.

use core::fmt;

/// A borrowed password. Its `Debug` (and `defmt::Format`) prints `<redacted>`, never the
/// bytes; the bytes are only read to be written into OPEN_REQ or compared.
/// Two passwords compare equal in time independent of their contents.
#[derive(Clone, Copy, Default)]
pub struct Password<'a>(&'a [u8]);

impl PartialEq for Password<'_> {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(self.0, other.0)
    }
}

impl Eq for Password<'_> {}

impl<'a> Password<'a> {
    /// Wraps `bytes`.
    pub const fn new(bytes: &'a [u8]) -> Self {
        Password(bytes)
    }

    /// The bytes, to write them into OPEN_REQ.
    pub const fn expose(&self) -> &'a [u8] {
        self.0
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.0.len()
    }

    /// True for an empty password (allowed: the spec requires the field, not a value).
    pub const fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Password<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Password<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "<redacted>")
    }
}

/// A stored password of at most `N` bytes, wiped when replaced or dropped. Equality takes
/// time independent of the contents.
#[derive(Clone)]
pub(crate) struct StoredSecret<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> PartialEq for StoredSecret<N> {
    fn eq(&self, other: &Self) -> bool {
        self.matches(other.bytes.get(..other.len).unwrap_or_default())
    }
}

impl<const N: usize> Eq for StoredSecret<N> {}

impl<const N: usize> Drop for StoredSecret<N> {
    fn drop(&mut self) {
        self.bytes.fill(0);
        // Without this the optimiser may drop the stores to memory that is about to be freed.
        core::hint::black_box(&mut self.bytes);
    }
}

impl<const N: usize> StoredSecret<N> {
    /// A copy of `src`, `None` if it is longer than `N`.
    pub(crate) fn new(src: &[u8]) -> Option<Self> {
        let mut bytes = [0u8; N];
        bytes.get_mut(..src.len())?.copy_from_slice(src);
        Some(StoredSecret {
            bytes,
            len: src.len(),
        })
    }

    /// True if `candidate` equals the secret, in time independent of the contents.
    pub(crate) fn matches(&self, candidate: &[u8]) -> bool {
        constant_time_eq(self.bytes.get(..self.len).unwrap_or_default(), candidate)
    }
}

impl<const N: usize> fmt::Debug for StoredSecret<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// `a == b`, comparing every byte up to the longer length without an early exit, so the time
/// taken tells nothing about where they differ. Only the lengths (not secret in the protocol:
/// the field's length is on the wire) decide how long it runs.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len().max(b.len());
    // A length difference is folded into the accumulator instead of returning early.
    let mut diff = (a.len() ^ b.len()) as u64;
    for i in 0..n {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= u64::from(x ^ y);
    }
    // `black_box` keeps the optimiser from turning the loop back into an early exit.
    core::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_is_equality() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"Secret"));
        assert!(!constant_time_eq(b"secret", b"secret\0"), "length counts");
        assert!(!constant_time_eq(b"secret\0", b"secret"));
        assert!(!constant_time_eq(b"", b"\0"));
        assert!(!constant_time_eq(b"abc", b""));
        let s = StoredSecret::<8>::new(b"pw").unwrap();
        assert!(s.matches(b"pw") && !s.matches(b"pw\0") && !s.matches(b"p"));
        assert!(StoredSecret::<2>::new(b"abc").is_none());
        // `==` on the public and stored forms is the same comparison.
        assert_eq!(Password::new(b"pw"), Password::new(b"pw"));
        assert_ne!(Password::new(b"pw"), Password::new(b"pw\0"));
        assert_ne!(Password::new(b"pw"), Password::new(b"pW"));
        let (a, b) = (StoredSecret::<8>::new(b"pw"), StoredSecret::<8>::new(b"pw"));
        assert!(a == b && a != StoredSecret::<8>::new(b"p"));
    }

    #[test]
    fn debug_redacts() {
        let p = Password::new(b"hunter2");
        let shown = std::format!("{p:?}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("104"),
            "{shown}"
        );
        let s = StoredSecret::<8>::new(b"hunter2").unwrap();
        assert!(!std::format!("{s:?}").contains("hunter2"));
    }
}
