//! The validator: the field loop every decode runs, and its bit tricks (per-tag rule tables,
//! branch-free length and last-byte tests, word-at-a-time NUL counting). Kept apart from the
//! value API so the hot loop can be read, and changed, on its own.

use super::strings::split_named;
use super::visitor::FieldVisitor;
use super::FloatingField;
use crate::wire::tag::{self, FloatType};
use crate::wire::DecodeError;

/// Checks every field of a floating part: header inside the bytes, data inside the bytes, known
/// tags' data valid for their type. `WIDE`: two-byte tags and lengths.
///
/// The valid path calls nothing out of line, so the visitor's state can stay in registers; an
/// invalid field leaves through [`field_error`], which names the fault.
#[inline(always)]
pub(super) fn validate<'a, const WIDE: bool, V: FieldVisitor<'a>>(
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
pub(super) fn nul_flags(x: u64) -> u64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> Result<(), DecodeError> {
        validate::<false, ()>(bytes, ())
    }

    #[test]
    fn a_string_must_end_in_nul() {
        assert_eq!(run(&[1, 2, b'a', 0]), Ok(()));
        assert_eq!(
            run(&[1, 2, b'a', b'b']),
            Err(DecodeError::UnterminatedString { offset: 0, tag: 1 })
        );
    }

    #[test]
    fn fields_must_lie_inside_the_bytes() {
        assert_eq!(
            run(&[1]),
            Err(DecodeError::TruncatedFieldHeader { offset: 0 })
        );
        assert!(matches!(
            run(&[1, 2, b'a', 0, 63, 4, 0, 0]),
            Err(DecodeError::FieldOverrun {
                offset: 4,
                tag: 63,
                length: 4,
                available: 2
            })
        ));
    }

    #[test]
    fn named_variables_need_exactly_two_nuls() {
        assert_eq!(run(&[82, 4, b'a', 0, b'b', 0]), Ok(()));
        assert!(run(&[82, 4, b'a', b'b', b'c', 0]).is_err());
        assert!(run(&[82, 5, b'a', 0, 0, b'b', 0]).is_err());
    }

    #[test]
    fn nul_flags_mark_exactly_the_zero_bytes() {
        assert_eq!(
            nul_flags(u64::from_le_bytes(*b"a\0b\0\x01\x80\xff\0")),
            0x0100_0000_0100_0100
        );
        assert_eq!(nul_flags(u64::MAX), 0);
        assert_eq!(sum_bytes(nul_flags(0)), 8);
    }
}
